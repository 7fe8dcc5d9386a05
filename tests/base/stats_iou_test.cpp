// IoU and its hypergeometric chance baseline, against full enumeration for small d,
// exact rational values from Python's fractions module, and Monte Carlo.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include "core/error.h"
#include "core/stats/iou.h"

using namespace srs::core;

namespace {

std::vector<unsigned> subsetsOfSize(unsigned d, unsigned size) {
    std::vector<unsigned> out;
    for (unsigned m = 0; m < (1u << d); ++m)
        if (static_cast<unsigned>(__builtin_popcount(m)) == size) out.push_back(m);
    return out;
}

}  // namespace

TEST(StatsIou, HandCases) {
    EXPECT_DOUBLE_EQ(iou({1, 2, 3}, {2, 3, 4}), 2.0 / 4.0);
    EXPECT_DOUBLE_EQ(iou({1, 2}, {3}), 0.0);
    EXPECT_DOUBLE_EQ(iou({5, 1}, {1, 5}), 1.0);
    EXPECT_DOUBLE_EQ(iou({}, {7}), 0.0);
    EXPECT_EQ(intersectionSize({9, 4, 7}, {7, 9, 0}), 2u);
    EXPECT_THROW(iou({}, {}), srs::InvalidArgument);
    try {
        iou({1, 2, 1}, {3});
        FAIL();
    } catch (const srs::InvalidArgument& e) {
        EXPECT_NE(std::string(e.what()).find("index 1 appears twice in set A"), std::string::npos)
            << e.what();
    }
}

TEST(StatsIou, ExpectedIouMatchesFullEnumeration) {
    // Every pair of subsets (A, B) of sizes a, b of {0..d-1}, each pair equally likely.
    for (unsigned d : {1u, 4u, 7u, 10u, 12u}) {
        for (unsigned a = 0; a <= d; a += (d > 6 ? 3 : 1)) {
            for (unsigned b = 0; b <= d; b += (d > 6 ? 2 : 1)) {
                if (a + b == 0) continue;
                const auto as = subsetsOfSize(d, a), bs = subsetsOfSize(d, b);
                // Integer counts per intersection size keep the enumeration exact.
                std::vector<long long> count(d + 1, 0);
                for (unsigned x : as)
                    for (unsigned y : bs) ++count[__builtin_popcount(x & y)];
                double expected = 0;
                for (unsigned k = 1; k <= std::min(a, b); ++k)
                    expected += double(count[k]) * k / (a + b - k);
                expected /= double(as.size()) * bs.size();
                EXPECT_NEAR(expectedRandomIou(a, b, d), expected, 1e-13)
                    << "a=" << a << " b=" << b << " d=" << d;
            }
        }
    }
}

TEST(StatsIou, PValueMatchesFullEnumeration) {
    const unsigned d = 12, a = 5, b = 4;
    const auto as = subsetsOfSize(d, a), bs = subsetsOfSize(d, b);
    for (unsigned k = 0; k <= 4; ++k) {
        double atLeast = 0;
        for (unsigned x : as)
            for (unsigned y : bs) atLeast += __builtin_popcount(x & y) >= int(k);
        const auto t = iouChanceTest(k, a, b, d);
        EXPECT_NEAR(t.pValue, atLeast / (double(as.size()) * bs.size()), 1e-13) << k;
        EXPECT_DOUBLE_EQ(t.observedIou, double(k) / (a + b - k));
    }
    EXPECT_DOUBLE_EQ(iouChanceTest(0, a, b, d).pValue, 1.0);
}

TEST(StatsIou, OnePercentSetsOfA3584Model) {
    // 1% of 3584 = 36. Exact value from Python: sum of Fraction(comb(36,k) comb(3548,36-k),
    // comb(3584,36)) * Fraction(k, 72-k) -> 0.005118050608728577 ("about 0.005").
    const double e = expectedRandomIou(36, 36, 3584);
    EXPECT_NEAR(e, 0.005118050608728577, 1e-14);
    // The plug-in approximation ab/d / (a+b-ab/d) = 0.00504767 is NOT what we compute.
    EXPECT_GT(std::fabs(e - 0.005047672462142456), 5e-5);
    EXPECT_NEAR(expectedRandomIou(18, 36, 3584), 0.0034223149369435246, 1e-14);
    EXPECT_NEAR(expectedRandomIou(358, 358, 3584), 0.052635748157828094, 1e-13);
    EXPECT_DOUBLE_EQ(expectedRandomIou(896, 896, 896), 1.0);
    // Exact upper tails, also from Python fractions.
    EXPECT_NEAR(iouChanceTest(1, 36, 36, 3584).pValue, 0.30596369400968054, 1e-13);
    EXPECT_NEAR(iouChanceTest(2, 36, 36, 3584).pValue, 0.049922973097794983, 1e-14);
    EXPECT_NEAR(iouChanceTest(3, 36, 36, 3584).pValue, 0.0052943613850659254, 1e-15);
    EXPECT_NEAR(iouChanceTest(10, 36, 36, 3584).pValue / 5.7112826435231176e-13, 1.0, 1e-9);
    EXPECT_NEAR(iouChanceTest(36, 36, 36, 3584).pValue / 4.8964491792826322e-87, 1.0, 1e-9);
}

TEST(StatsIou, MonteCarloAgreesWithExact) {
    const auto mc = iouMonteCarlo(2, 36, 36, 3584, 200000, 1);
    const double exact = expectedRandomIou(36, 36, 3584);
    // IoU per draw has sd ~ 0.009: the mean's standard error is ~2e-5.
    EXPECT_NEAR(mc.meanIou, exact, 1e-4);
    const double p = iouChanceTest(2, 36, 36, 3584).pValue;  // 0.0499
    EXPECT_NEAR(mc.pAtLeast, p, 4 * std::sqrt(p * (1 - p) / 200000));
    // Small d: every Monte Carlo tail close to the enumerated exact one.
    const auto small = iouMonteCarlo(1, 5, 4, 12, 100000, 2);
    EXPECT_NEAR(small.pAtLeast, iouChanceTest(1, 5, 4, 12).pValue, 0.006);
    EXPECT_NEAR(small.meanIou, expectedRandomIou(5, 4, 12), 0.003);
    // Same seed, same answer.
    EXPECT_EQ(iouMonteCarlo(2, 36, 36, 3584, 1000, 9).meanIou,
              iouMonteCarlo(2, 36, 36, 3584, 1000, 9).meanIou);
}

TEST(StatsIou, ChanceTestFromSets) {
    const auto t = iouChanceTest(std::vector<std::size_t>{0, 1, 2, 3},
                                 std::vector<std::size_t>{2, 3, 4}, 10);
    EXPECT_EQ(t.intersection, 2u);
    EXPECT_DOUBLE_EQ(t.observedIou, 2.0 / 5.0);
    EXPECT_NEAR(t.pValue, iouChanceTest(2, 4, 3, 10).pValue, 0.0);
    try {
        iouChanceTest(std::vector<std::size_t>{0, 10}, std::vector<std::size_t>{1}, 10);
        FAIL();
    } catch (const srs::InvalidArgument& e) {
        EXPECT_NE(std::string(e.what()).find("set A[1] = 10 (expected an index below d = 10)"),
                  std::string::npos)
            << e.what();
    }
}

TEST(StatsIou, BadInput) {
    EXPECT_THROW(expectedRandomIou(0, 0, 10), srs::InvalidArgument);
    EXPECT_THROW(expectedRandomIou(11, 1, 10), srs::InvalidArgument);
    EXPECT_THROW(iouChanceTest(5, 4, 6, 100), srs::InvalidArgument);  // > min(a, b)
    EXPECT_THROW(iouChanceTest(0, 6, 6, 10), srs::InvalidArgument);   // < a + b - d
    EXPECT_THROW(iouMonteCarlo(1, 4, 4, 10, 0, 1), srs::InvalidArgument);
    EXPECT_THROW(hypergeometricPmfs(5, 11, 10), srs::InvalidArgument);
}

TEST(StatsIou, PmfMatchesExactFractions) {
    // Python: float(Fraction(comb(a,k) comb(d-a,b-k), comb(d,b))).
    const std::pair<std::size_t, double> ref[] = {
        {0, 0.6940363059903194}, {1, 0.25604072091188557}, {5, 2.2059782858739663e-05},
        {36, 4.8964491792826322e-87}};
    const auto pmf = hypergeometricPmfs(36, 36, 3584);
    ASSERT_EQ(pmf.size(), 37u);
    for (const auto& [k, p] : ref) {
        EXPECT_NEAR(pmf[k] / p, 1.0, 1e-14) << k;
        EXPECT_NEAR(hypergeometricPmf(k, 36, 36, 3584) / p, 1.0, 1e-10) << k;  // lgamma path
    }
    // A support that does not start at 0: a + b - d = 116.
    const auto wide = hypergeometricPmfs(700, 3000, 3584);
    EXPECT_EQ(wide[115], 0.0);
    EXPECT_NEAR(wide[600] / 0.012649237343723753, 1.0, 1e-13);
    EXPECT_EQ(hypergeometricPmf(115, 700, 3000, 3584), 0.0);
}
