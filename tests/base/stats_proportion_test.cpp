// Wilson and Newcombe intervals against hand-worked closed forms and Newcombe (1998).
#include <gtest/gtest.h>

#include <cmath>

#include "core/error.h"
#include "core/stats/proportion.h"

using namespace srs::core;

TEST(StatsWilson, HandWorkedValues) {
    const double z = 1.959964, z2 = z * z;
    // 0 of 10: [0, z^2 / (n + z^2)].
    auto w = wilsonInterval(0, 10, z);
    EXPECT_EQ(w.lower, 0.0);
    EXPECT_NEAR(w.upper, z2 / (10 + z2), 1e-15);
    EXPECT_NEAR(w.upper, 0.2775328, 1e-7);
    // 10 of 10: [n / (n + z^2), 1].
    w = wilsonInterval(10, 10, z);
    EXPECT_NEAR(w.lower, 10 / (10 + z2), 1e-15);
    EXPECT_NEAR(w.lower, 0.7224672, 1e-7);
    EXPECT_EQ(w.upper, 1.0);
    // 5 of 10: 0.5 -+ z sqrt(2.5 + z^2/4) / (10 + z^2).
    w = wilsonInterval(5, 10, z);
    const double half = z * std::sqrt(2.5 + z2 / 4) / (10 + z2);
    EXPECT_NEAR(w.lower, 0.5 - half, 1e-15);
    EXPECT_NEAR(w.upper, 0.5 + half, 1e-15);
    EXPECT_NEAR(w.lower, 0.2365931, 1e-7);
    EXPECT_DOUBLE_EQ(w.estimate, 0.5);
    // z = 1: 1 of 4 -> (0.25 + 1/8 -+ sqrt(3/64 + 1/64)) / 1.25 = (0.375 -+ 0.25) / 1.25.
    w = wilsonInterval(1, 4, 1.0);
    EXPECT_NEAR(w.lower, 0.1, 1e-15);
    EXPECT_NEAR(w.upper, 0.5, 1e-15);
}

TEST(StatsWilson, CoversTheTruthAtRoughlyNominalRate) {
    // Exact coverage at p = 0.3, n = 50 by summing the binomial pmf over k.
    const int n = 50;
    const double p = 0.3;
    double coverage = 0;
    for (int k = 0; k <= n; ++k) {
        const double logPmf = std::lgamma(n + 1) - std::lgamma(k + 1) - std::lgamma(n - k + 1) +
                              k * std::log(p) + (n - k) * std::log1p(-p);
        const auto w = wilsonInterval(k, n);
        if (w.lower <= p && p <= w.upper) coverage += std::exp(logPmf);
    }
    EXPECT_NEAR(coverage, 0.956659611576412, 1e-9);  // Python sum over the same pmf
}

TEST(StatsWilson, BadInput) {
    EXPECT_THROW(wilsonInterval(0, 0), srs::InvalidArgument);
    EXPECT_THROW(wilsonInterval(11, 10), srs::InvalidArgument);
    EXPECT_THROW(wilsonInterval(1, 10, 0.0), srs::InvalidArgument);
    EXPECT_THROW(wilsonInterval(1, 10, NAN), srs::InvalidArgument);
}

TEST(StatsNewcombe, MatchesPublishedExamples) {
    // Newcombe (1998), Stat. Med. 17:873, Table II, method 10 (4 decimals published).
    struct Case { std::size_t k1, n1, k2, n2; double lo, hi; };
    const Case cases[] = {{56, 70, 48, 80, 0.0524, 0.3339},
                          {9, 10, 3, 10, 0.1705, 0.8090},
                          {6, 7, 2, 7, 0.0582, 0.8062},
                          {5, 56, 0, 29, -0.0381, 0.1926}};
    for (const auto& c : cases) {
        const auto d = newcombeDifference(c.k1, c.n1, c.k2, c.n2);
        EXPECT_NEAR(d.lower, c.lo, 5e-5) << c.k1 << "/" << c.n1;
        EXPECT_NEAR(d.upper, c.hi, 5e-5) << c.k1 << "/" << c.n1;
        EXPECT_NEAR(d.difference, double(c.k1) / c.n1 - double(c.k2) / c.n2, 1e-15);
    }
}

TEST(StatsNewcombe, AccuracyDropVsBaseline) {
    // Paper-like: 500 questions, baseline 376 correct (75.2%), ablated 185 (37.0%).
    const auto d = newcombeDifference(185, 500, 376, 500);
    EXPECT_NEAR(d.difference, -0.382, 1e-12);
    // Reference: the method-10 formula evaluated independently in Python.
    EXPECT_NEAR(d.lower, -0.43658763526798877, 1e-12);
    EXPECT_NEAR(d.upper, -0.3233726060868421, 1e-12);
    // Identical proportions: symmetric interval around 0.
    const auto same = newcombeDifference(30, 100, 30, 100);
    EXPECT_NEAR(same.lower, -same.upper, 1e-15);
    EXPECT_THROW(newcombeDifference(1, 0, 1, 2), srs::InvalidArgument);
}
