// Pearson / Spearman and the Student-t p-value, against brute-force pairwise formulas and
// closed forms of the t distribution.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "core/error.h"
#include "core/stats/bootstrap.h"
#include "core/stats/correlation.h"
#include "core/stats/special_functions.h"
#include "stats_test_util.h"

using namespace srs::core;
using srs::stats_test::TestRng;

namespace {

// O(n^2) ranks: #smaller + (#equal + 1) / 2.
std::vector<double> bruteRanks(const std::vector<double>& v) {
    std::vector<double> r(v.size());
    for (std::size_t i = 0; i < v.size(); ++i) {
        double smaller = 0, equal = 0;
        for (double w : v) {
            smaller += w < v[i];
            equal += w == v[i];
        }
        r[i] = smaller + (equal + 1) / 2;
    }
    return r;
}

// Pairwise form of Pearson's r: sum_{i<j} dx dy / sqrt(sum dx^2 sum dy^2).
double pairwiseCorrelation(const std::vector<double>& x, const std::vector<double>& y) {
    double sxy = 0, sxx = 0, syy = 0;
    for (std::size_t i = 0; i < x.size(); ++i)
        for (std::size_t j = i + 1; j < x.size(); ++j) {
            const double dx = x[i] - x[j], dy = y[i] - y[j];
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
    return sxy / std::sqrt(sxx * syy);
}

// Closed forms of the two-sided t p-value for small df.
double tP1(double t) { return 1.0 - 2.0 / M_PI * std::atan(std::fabs(t)); }
double tP2(double t) { return 1.0 - std::fabs(t) / std::sqrt(2.0 + t * t); }
double tP3(double t) {
    const double a = std::fabs(t) / std::sqrt(3.0);
    return 1.0 - 2.0 / M_PI * (a / (1.0 + a * a) + std::atan(a));
}
double tP4(double t) {
    const double u = t * t / 4.0, at = std::fabs(t);
    const double cdfMinusHalf = 0.375 * at / std::sqrt(1.0 + u) * (1.0 - u / (3.0 * (1.0 + u)));
    return 1.0 - 2.0 * cdfMinusHalf;
}

}  // namespace

TEST(StatsSpecial, StudentTMatchesClosedForms) {
    for (double t : {0.0, 0.1, 0.5, 1.0, 1.96, 2.5, 4.0, 10.0, 100.0, -3.0}) {
        EXPECT_NEAR(studentTTwoSidedP(t, 1), tP1(t), 1e-13) << t;
        EXPECT_NEAR(studentTTwoSidedP(t, 2), tP2(t), 1e-13) << t;
        EXPECT_NEAR(studentTTwoSidedP(t, 3), tP3(t), 1e-13) << t;
        EXPECT_NEAR(studentTTwoSidedP(t, 4), tP4(t), 1e-13) << t;
        // Huge df -> normal: 2 (1 - Phi(|t|)) = erfc(|t| / sqrt 2).
        if (std::fabs(t) < 5) {
            EXPECT_NEAR(studentTTwoSidedP(t, 1e7), std::erfc(std::fabs(t) / M_SQRT2), 1e-6);
        }
    }
    EXPECT_EQ(studentTTwoSidedP(INFINITY, 5), 0.0);
    // Table value: t_{0.975, 10} = 2.228139 -> p = 0.05.
    EXPECT_NEAR(studentTTwoSidedP(2.228138851986, 10), 0.05, 1e-9);
    EXPECT_THROW(studentTTwoSidedP(1.0, 0.0), srs::InvalidArgument);
    EXPECT_THROW(studentTTwoSidedP(NAN, 3.0), srs::InvalidArgument);
}

TEST(StatsSpecial, IncompleteBetaClosedForms) {
    // I_x(1, 1) = x; I_x(a, 1) = x^a; I_x(1, b) = 1 - (1-x)^b; I_x(2, 2) = 3x^2 - 2x^3.
    for (double x : {0.0, 0.01, 0.3, 0.5, 0.77, 0.999, 1.0}) {
        EXPECT_NEAR(regularizedIncompleteBeta(1, 1, x), x, 1e-14);
        EXPECT_NEAR(regularizedIncompleteBeta(3.5, 1, x), std::pow(x, 3.5), 1e-14);
        EXPECT_NEAR(regularizedIncompleteBeta(1, 7, x), 1 - std::pow(1 - x, 7), 1e-14);
        EXPECT_NEAR(regularizedIncompleteBeta(2, 2, x), 3 * x * x - 2 * x * x * x, 1e-14);
    }
    EXPECT_THROW(regularizedIncompleteBeta(1, 1, 1.5), srs::InvalidArgument);
    EXPECT_THROW(regularizedIncompleteBeta(0, 1, 0.5), srs::InvalidArgument);
}

TEST(StatsCorrelation, SpearmanHandCaseWithTies) {
    // ranks x {1, 2.5, 2.5, 4}, y {1, 3, 2, 4}: r = 4.5 / sqrt(4.5 * 5) = 3 / sqrt(10).
    const auto r = spearman({1, 2, 2, 3}, {10, 30, 20, 40});
    ASSERT_TRUE(r.defined);
    EXPECT_NEAR(r.r, 3.0 / std::sqrt(10.0), 1e-15);
    EXPECT_EQ(r.n, 4u);
    // df = 2: t = r sqrt(2 / (1 - r^2)), p = 1 - t / sqrt(2 + t^2) = 1 - r.
    EXPECT_NEAR(r.pValue, 1.0 - 3.0 / std::sqrt(10.0), 1e-13);
    // Monotone but nonlinear -> exactly 1 (Pearson is not), p = 0.
    const auto mono = spearman({1, 2, 3, 4, 5}, {1, 8, 27, 64, 1000});
    EXPECT_DOUBLE_EQ(mono.r, 1.0);
    EXPECT_EQ(mono.pValue, 0.0);
    EXPECT_LT(pearson({1, 2, 3, 4, 5}, {1, 8, 27, 64, 1000}).r, 0.9);
    EXPECT_DOUBLE_EQ(spearman({1, 2, 3}, {3, 2, 1}).r, -1.0);
}

TEST(StatsCorrelation, PearsonHandCase) {
    // x {1,2,3}, y {1,3,2}: dx {-1,0,1}, dy {-1,1,0}: r = 1 / 2; df = 1:
    // t = 0.5 sqrt(1 / 0.75) = 1/sqrt(3), p = 1 - (2/pi) atan(1/sqrt 3) = 2/3.
    const auto r = pearson({1, 2, 3}, {1, 3, 2});
    EXPECT_NEAR(r.r, 0.5, 1e-15);
    EXPECT_NEAR(r.pValue, 2.0 / 3.0, 1e-13);
    // n = 2: r is +-1 but there is no p-value.
    const auto two = pearson({1, 2}, {5, 3});
    EXPECT_TRUE(two.defined);
    EXPECT_DOUBLE_EQ(two.r, -1.0);
    EXPECT_TRUE(std::isnan(two.pValue));
}

TEST(StatsCorrelation, SpearmanMatchesBruteForceWithTies) {
    TestRng rng(4242);
    for (int trial = 0; trial < 200; ++trial) {
        const int n = 3 + rng.below(80);
        const int levels = 1 + rng.below(5);
        std::vector<double> x(n), y(n);
        for (int i = 0; i < n; ++i) {
            x[i] = std::floor(rng.normal() * levels);
            y[i] = std::floor((0.5 * x[i] / levels + rng.normal()) * levels);
        }
        x[0] = -100;  // never constant
        y[1] = 100;
        const auto r = spearman(x, y);
        ASSERT_TRUE(r.defined);
        const double expected = pairwiseCorrelation(bruteRanks(x), bruteRanks(y));
        EXPECT_NEAR(r.r, expected, 1e-12) << "trial " << trial;
        EXPECT_NEAR(pearson(x, y).r, pairwiseCorrelation(x, y), 1e-12);
    }
}

TEST(StatsCorrelation, PValueIsCalibratedUnderTheNull) {
    // Independent x, y: P(p < 0.05) should be about 0.05 (Pearson exact under normality).
    TestRng rng(9);
    int rejections = 0;
    const int reps = 4000;
    for (int rep = 0; rep < reps; ++rep) {
        std::vector<double> x(12), y(12);
        for (int i = 0; i < 12; ++i) {
            x[i] = rng.normal();
            y[i] = rng.normal();
        }
        rejections += pearson(x, y).pValue < 0.05;
    }
    EXPECT_NEAR(static_cast<double>(rejections) / reps, 0.05, 0.012);
}

TEST(StatsCorrelation, UndefinedAndBadInput) {
    const auto c = spearman({1, 1, 1, 1}, {1, 2, 3, 4});
    EXPECT_FALSE(c.defined);
    EXPECT_EQ(c.reason, "Spearman undefined: all 4 values of x are equal");
    EXPECT_EQ(pearson({1, 2, 3}, {2, 2, 2}).reason,
              "Pearson undefined: all 3 values of y are equal");
    EXPECT_FALSE(spearman({1}, {2}).defined);
    try {
        spearman({1, 2, 3}, {1, NAN, 3});
        FAIL();
    } catch (const srs::InvalidArgument& e) {
        EXPECT_NE(std::string(e.what()).find("y[1] is NaN"), std::string::npos) << e.what();
    }
    EXPECT_THROW(pearson({1, INFINITY, 3}, {1, 2, 3}), srs::InvalidArgument);
    EXPECT_NEAR(spearman({1, INFINITY, 3}, {1, 3, 2}).r, 1.0, 1e-15);
    EXPECT_THROW(pearson({1, 2, 3}, {1, 2}), srs::InvalidArgument);
}

TEST(StatsCorrelation, SpearmanBootstrapIsDeterministicAndBracketsTheEstimate) {
    TestRng rng(5);
    std::vector<double> x(60), y(60);
    std::vector<std::string> ids(60);
    for (int i = 0; i < 60; ++i) {
        x[i] = rng.normal();
        y[i] = x[i] + rng.normal();
        ids[i] = std::to_string(i / 3);
    }
    BootstrapOptions opt;
    opt.resamples = 400;
    opt.seed = 11;
    const auto a = bootstrapSpearman(x, y, ids, opt);
    const auto b = bootstrapSpearman(x, y, ids, opt);
    ASSERT_TRUE(a.defined) << a.reason;
    EXPECT_EQ(a.clusters, 20u);
    EXPECT_EQ(a.lower, b.lower);
    EXPECT_EQ(a.upper, b.upper);
    EXPECT_DOUBLE_EQ(a.estimate, spearman(x, y).r);
    EXPECT_LT(a.lower, a.estimate);
    EXPECT_GT(a.upper, a.estimate);
    EXPECT_GE(a.lower, -1.0);
    EXPECT_LE(a.upper, 1.0);
}
