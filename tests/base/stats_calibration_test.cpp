// Reliability bins, ECE, Brier (by hand), top-k tie-break, and the PRNG against an
// independent Python transcription of the reference generators.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "core/error.h"
#include "core/stats/calibration.h"
#include "core/stats/prng.h"
#include "core/stats/topk.h"

using namespace srs::core;

TEST(StatsCalibration, EqualWidthByHand) {
    const std::vector<double> p = {0.1, 0.2, 0.6, 0.7, 0.9, 1.0};
    const std::vector<int> y = {0, 1, 1, 0, 1, 1};
    const auto bins = reliabilityBins(p, y, 2, BinningMode::EqualWidth);
    ASSERT_EQ(bins.size(), 2u);
    EXPECT_EQ(bins[0].count, 2u);  // 0.1, 0.2
    EXPECT_NEAR(bins[0].meanPredicted, 0.15, 1e-15);
    EXPECT_DOUBLE_EQ(bins[0].observedRate, 0.5);
    EXPECT_EQ(bins[1].count, 4u);  // 0.6, 0.7, 0.9, 1.0 (1.0 goes in the last bin)
    EXPECT_NEAR(bins[1].meanPredicted, 0.8, 1e-15);
    EXPECT_DOUBLE_EQ(bins[1].observedRate, 0.75);
    EXPECT_DOUBLE_EQ(bins[1].lower, 0.5);
    EXPECT_DOUBLE_EQ(bins[1].upper, 1.0);
    // ECE = 2/6 * |0.15 - 0.5| + 4/6 * |0.8 - 0.75| = 0.35/3 + 0.2/6 = 0.15.
    EXPECT_NEAR(expectedCalibrationError(bins), 0.15, 1e-15);
    // Brier = (0.01 + 0.64 + 0.16 + 0.49 + 0.01 + 0) / 6 = 1.31 / 6.
    EXPECT_NEAR(brierScore(p, y), 1.31 / 6, 1e-15);
}

TEST(StatsCalibration, EmptyBinsAndEqualCount) {
    const std::vector<double> p = {0.05, 0.05, 0.95, 0.3, 0.3, 0.3};
    const std::vector<int> y = {0, 0, 1, 1, 0, 0};
    const auto wide = reliabilityBins(p, y, 10, BinningMode::EqualWidth);
    ASSERT_EQ(wide.size(), 10u);
    EXPECT_EQ(wide[1].count, 0u);
    EXPECT_TRUE(std::isnan(wide[1].meanPredicted));
    EXPECT_EQ(wide[0].count, 2u);
    EXPECT_EQ(wide[3].count, 3u);
    EXPECT_EQ(wide[9].count, 1u);
    // ECE = 2/6 * 0.05 + 3/6 * |0.3 - 1/3| + 1/6 * 0.05 = (0.1 + 0.1 + 0.05) / 6.
    EXPECT_NEAR(expectedCalibrationError(wide), 0.25 / 6, 1e-15);
    // Equal count, 3 bins of 2: sorted (0.05#0, 0.05#1), (0.3#3, 0.3#4), (0.3#5, 0.95#2).
    const auto eq = reliabilityBins(p, y, 3, BinningMode::EqualCount);
    ASSERT_EQ(eq.size(), 3u);
    for (const auto& b : eq) EXPECT_EQ(b.count, 2u);
    EXPECT_DOUBLE_EQ(eq[1].observedRate, 0.5);
    EXPECT_DOUBLE_EQ(eq[2].lower, 0.3);
    EXPECT_DOUBLE_EQ(eq[2].upper, 0.95);
    EXPECT_NEAR(eq[2].meanPredicted, 0.625, 1e-15);
    EXPECT_DOUBLE_EQ(eq[2].observedRate, 0.5);
    // 7 samples in 3 bins: sizes floor(7/3)=2, 2, 3 by the documented cut points 0, 2, 4, 7.
    const auto uneven = reliabilityBins({0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7}, {0, 0, 0, 1, 1, 1, 1},
                                        3, BinningMode::EqualCount);
    EXPECT_EQ(uneven[0].count, 2u);
    EXPECT_EQ(uneven[1].count, 2u);
    EXPECT_EQ(uneven[2].count, 3u);
}

TEST(StatsCalibration, PerfectAndConstantPredictors) {
    EXPECT_DOUBLE_EQ(brierScore({0, 1, 1, 0}, {0, 1, 1, 0}), 0.0);
    EXPECT_DOUBLE_EQ(brierScore({0.5, 0.5}, {0, 1}), 0.25);
    EXPECT_DOUBLE_EQ(
        expectedCalibrationError(reliabilityBins({0, 1, 1, 0}, {0, 1, 1, 0}, 5, BinningMode::EqualWidth)),
        0.0);
}

TEST(StatsCalibration, BadInput) {
    try {
        brierScore({0.2, 1.2}, {0, 1});
        FAIL();
    } catch (const srs::InvalidArgument& e) {
        EXPECT_NE(std::string(e.what()).find("predictions[1] = 1.2"), std::string::npos) << e.what();
    }
    EXPECT_THROW(brierScore({0.2, NAN}, {0, 1}), srs::InvalidArgument);
    EXPECT_THROW(brierScore({0.2}, {3}), srs::InvalidArgument);
    EXPECT_THROW(brierScore({}, {}), srs::InvalidArgument);
    EXPECT_THROW(reliabilityBins({0.2}, {1}, 0, BinningMode::EqualWidth), srs::InvalidArgument);
    EXPECT_THROW(reliabilityBins({0.2, 0.3}, {1, 0}, 3, BinningMode::EqualCount), srs::InvalidArgument);
    EXPECT_THROW(expectedCalibrationError({}), srs::InvalidArgument);
}

TEST(StatsTopK, DeterministicTieBreak) {
    const std::vector<double> s = {0.5, 0.9, 0.5, 0.9, 0.1, 0.5};
    EXPECT_EQ(topKIndices(s, 3), (std::vector<std::size_t>{1, 3, 0}));
    EXPECT_EQ(topKIndices(s, 5), (std::vector<std::size_t>{1, 3, 0, 2, 5}));
    EXPECT_EQ(topKIndices(s, 0), std::vector<std::size_t>{});
    EXPECT_EQ(topKIndices(std::vector<float>{1.f, 2.f, 2.f}, 2), (std::vector<std::size_t>{1, 2}));
    EXPECT_EQ(topKIndices(std::vector<double>{-0.0, 0.0}, 1), std::vector<std::size_t>{0});
    EXPECT_THROW(topKIndices(s, 7), srs::InvalidArgument);
    EXPECT_THROW(topKIndices(std::vector<double>{1.0, NAN}, 1), srs::InvalidArgument);
}

TEST(StatsTopK, MatchesFullSortOnLargeTiedInput) {
    std::vector<double> s(3584);
    std::uint64_t x = 88172645463325252ULL;  // xorshift64, independent of the code under test
    for (auto& v : s) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        v = static_cast<double>(x % 50);  // many ties
    }
    std::vector<std::size_t> all(s.size());
    for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
    std::stable_sort(all.begin(), all.end(), [&](std::size_t a, std::size_t b) { return s[a] > s[b]; });
    all.resize(36);
    EXPECT_EQ(topKIndices(s, 36), all);
}

TEST(StatsTopK, KeepCountForPruneRatio) {
    EXPECT_EQ(keepCountForPruneRatio(3584, 0.99), 36u);
    EXPECT_EQ(keepCountForPruneRatio(3584, 0.995), 18u);
    EXPECT_EQ(keepCountForPruneRatio(3584, 0.0), 3584u);
    EXPECT_EQ(keepCountForPruneRatio(100, 0.9), 10u);
    EXPECT_EQ(keepCountForPruneRatio(896, 0.5), 448u);
    EXPECT_EQ(keepCountForPruneRatio(10, 0.999), 1u);
    EXPECT_THROW(keepCountForPruneRatio(10, 1.0), srs::InvalidArgument);
    EXPECT_THROW(keepCountForPruneRatio(0, 0.5), srs::InvalidArgument);
}

TEST(StatsPrng, MatchesReferenceOutputs) {
    // Values from a Python transcription of the published splitmix64 / xoshiro256**.
    SplitMix64 sm(0);
    EXPECT_EQ(sm.next(), 0xe220a8397b1dcdafULL);
    EXPECT_EQ(sm.next(), 0x6e789e6aa1b965f4ULL);
    EXPECT_EQ(sm.next(), 0x06c45d188009454fULL);
    Xoshiro256 x(42);
    EXPECT_EQ(x.next(), 0x15780b2e0c2ec716ULL);
    EXPECT_EQ(x.next(), 0x6104d9866d113a7eULL);
    EXPECT_EQ(x.next(), 0xae17533239e499a1ULL);
    EXPECT_EQ(x.next(), 0xecb8ad4703b360a1ULL);
    Xoshiro256 b(7);
    const std::vector<std::uint64_t> expected = {7, 2, 8, 9, 9, 8, 0, 1, 4, 1, 5, 7};
    for (auto e : expected) EXPECT_EQ(b.uniformBelow(10), e);
    Xoshiro256 u(7);
    EXPECT_DOUBLE_EQ(u.uniform01(), 0.7005764821796896);
    EXPECT_DOUBLE_EQ(u.uniform01(), 0.27875122947378428);
    EXPECT_THROW(u.uniformBelow(0), srs::InvalidArgument);
}

TEST(StatsPrng, UniformBelowIsUniform) {
    Xoshiro256 x(3);
    std::vector<int> counts(7, 0);
    const int n = 70000;
    for (int i = 0; i < n; ++i) counts[x.uniformBelow(7)]++;
    double chi2 = 0;
    for (int c : counts) chi2 += (c - n / 7.0) * (c - n / 7.0) / (n / 7.0);
    EXPECT_LT(chi2, 22.46);  // chi-square(6) upper 0.001 quantile
}
