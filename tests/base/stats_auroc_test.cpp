// AUROC (Mann-Whitney on mid-ranks) and its bootstrap intervals, against brute-force
// pair counting and hand-worked cases.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "core/error.h"
#include "core/jobs/job.h"
#include "core/stats/auroc.h"
#include "core/stats/bootstrap.h"
#include "core/stats/prng.h"
#include "core/stats/ranks.h"
#include "stats_test_util.h"

using namespace srs::core;
using srs::stats_test::bruteForceAuroc;
using srs::stats_test::TestRng;

TEST(StatsRanks, MidRanksByHand) {
    EXPECT_EQ(midRanks({10, 20, 20, 30}), (std::vector<double>{1, 2.5, 2.5, 4}));
    EXPECT_EQ(midRanks({3, 3, 3}), (std::vector<double>{2, 2, 2}));
    EXPECT_EQ(midRanks({5, -INFINITY, INFINITY, 5}), (std::vector<double>{2.5, 1, 4, 2.5}));
    EXPECT_TRUE(midRanks({}).empty());
    EXPECT_THROW(midRanks({1.0, NAN}), srs::InvalidArgument);
}

TEST(StatsAuroc, HandCases) {
    // Classic 4-sample example: pairs (0.35>0.1), (0.35<0.4), (0.8>0.1), (0.8>0.4) -> 3/4.
    auto r = auroc({0.1, 0.4, 0.35, 0.8}, {0, 0, 1, 1});
    ASSERT_TRUE(r.defined);
    EXPECT_DOUBLE_EQ(r.value, 0.75);
    EXPECT_DOUBLE_EQ(r.u, 3.0);
    EXPECT_EQ(r.positives, 2u);
    EXPECT_EQ(r.negatives, 2u);
    // Ties: pos {1,2} vs neg {1,2}: 0.5 + 0 + 1 + 0.5 = 2 of 4.
    EXPECT_DOUBLE_EQ(auroc({1, 1, 2, 2}, {0, 1, 0, 1}).value, 0.5);
    // All scores tied -> 0.5; perfect separation -> 1; reversed -> 0.
    EXPECT_DOUBLE_EQ(auroc({7, 7, 7, 7, 7}, {0, 1, 1, 0, 1}).value, 0.5);
    EXPECT_DOUBLE_EQ(auroc({0, 1, 2, 3}, {0, 0, 1, 1}).value, 1.0);
    EXPECT_DOUBLE_EQ(auroc({3, 2, 1, 0}, {0, 0, 1, 1}).value, 0.0);
    // pos {2, 2} vs neg {1, 2, 3}: each pos beats 1, ties 2, loses 3 -> (1.5 * 2) / 6.
    EXPECT_DOUBLE_EQ(auroc({1, 2, 3, 2, 2}, {0, 0, 0, 1, 1}).value, 0.5);
    // Infinite scores rank at the ends.
    EXPECT_DOUBLE_EQ(auroc({-INFINITY, INFINITY, 0.0}, {0, 1, 0}).value, 1.0);
}

TEST(StatsAuroc, MatchesBruteForceWithManyTies) {
    TestRng rng(12345);
    for (int trial = 0; trial < 200; ++trial) {
        const int n = 2 + rng.below(120);
        const int levels = 1 + rng.below(6);  // quantised scores: heavy ties
        std::vector<double> s(n);
        std::vector<int> y(n);
        for (int i = 0; i < n; ++i) {
            y[i] = rng.uniform() < 0.3 ? 1 : 0;
            s[i] = std::floor((rng.normal() + 0.7 * y[i]) * levels) / levels;
        }
        y[0] = 0;
        y[1] = 1;
        const AurocResult r = auroc(s, y);
        ASSERT_TRUE(r.defined);
        EXPECT_NEAR(r.value, bruteForceAuroc(s, y), 1e-12) << "trial " << trial;
    }
}

TEST(StatsAuroc, UndefinedCasesExplainThemselves) {
    auto allOnes = auroc(std::vector<double>(37, 0.5), std::vector<int>(37, 1));
    EXPECT_FALSE(allOnes.defined);
    EXPECT_TRUE(std::isnan(allOnes.value));
    EXPECT_EQ(allOnes.reason, "AUROC undefined: all 37 labels are 1");
    auto allZeros = auroc({0.1, 0.2}, {0, 0});
    EXPECT_EQ(allZeros.reason, "AUROC undefined: all 2 labels are 0");
    EXPECT_FALSE(auroc({}, {}).defined);
}

TEST(StatsAuroc, BadInputThrowsNamingTheIndex) {
    try {
        auroc({0.1, NAN, 0.3}, {0, 1, 0});
        FAIL() << "expected InvalidArgument";
    } catch (const srs::InvalidArgument& e) {
        EXPECT_NE(std::string(e.what()).find("scores[1] is NaN"), std::string::npos) << e.what();
    }
    try {
        auroc({0.1, 0.2, 0.3}, {0, 2, 1});
        FAIL() << "expected InvalidArgument";
    } catch (const srs::InvalidArgument& e) {
        EXPECT_NE(std::string(e.what()).find("labels[1] is 2 (expected 0 or 1)"),
                  std::string::npos)
            << e.what();
    }
    EXPECT_THROW(auroc({0.1, 0.2}, {0}), srs::InvalidArgument);
}

namespace {

// Linear-interpolation quantile (numpy default), written independently for the test.
double quantileLinear(std::vector<double> v, double q) {
    std::sort(v.begin(), v.end());
    const double h = (v.size() - 1) * q;
    const std::size_t lo = static_cast<std::size_t>(h);
    const std::size_t hi = std::min(lo + 1, v.size() - 1);
    return v[lo] + (h - lo) * (v[hi] - v[lo]);
}

void makeData(TestRng& rng, int n, double shift, std::vector<double>& s, std::vector<int>& y) {
    s.resize(n);
    y.resize(n);
    for (int i = 0; i < n; ++i) {
        y[i] = i % 2;
        s[i] = rng.normal() + shift * y[i];
    }
}

}  // namespace

TEST(StatsBootstrap, DeterministicForASeed) {
    TestRng rng(1);
    std::vector<double> s;
    std::vector<int> y;
    makeData(rng, 80, 0.8, s, y);
    BootstrapOptions opt;
    opt.resamples = 500;
    opt.seed = 99;
    const auto a = bootstrapAuroc(s, y, opt);
    const auto b = bootstrapAuroc(s, y, opt);
    ASSERT_TRUE(a.defined) << a.reason;
    EXPECT_EQ(a.lower, b.lower);
    EXPECT_EQ(a.upper, b.upper);
    EXPECT_EQ(a.usedResamples, 500u);
    EXPECT_EQ(a.clusters, 80u);
    EXPECT_DOUBLE_EQ(a.estimate, bruteForceAuroc(s, y));
    EXPECT_LT(a.lower, a.estimate);
    EXPECT_GT(a.upper, a.estimate);
    opt.seed = 100;
    const auto c = bootstrapAuroc(s, y, opt);
    EXPECT_TRUE(c.lower != a.lower || c.upper != a.upper);
}

TEST(StatsBootstrap, FollowsTheDocumentedResamplingProtocol) {
    // Re-do the documented protocol by hand: K uniform cluster draws from
    // Xoshiro256(seed).uniformBelow(K), members concatenated, brute-force AUROC,
    // linear-interpolation percentiles; skip resamples with one class only.
    std::vector<double> s = {0.1, 0.9, 0.4, 0.4, 0.7, 0.2, 0.8, 0.3, 0.6, 0.5};
    std::vector<int> y = {0, 1, 0, 1, 1, 0, 1, 0, 0, 1};
    std::vector<std::string> q = {"a", "a", "b", "b", "c", "c", "d", "e", "e", "e"};
    std::vector<std::vector<std::size_t>> members = {{0, 1}, {2, 3}, {4, 5}, {6}, {7, 8, 9}};
    BootstrapOptions opt;
    opt.resamples = 300;
    opt.seed = 5;
    srs::core::Xoshiro256 rng(opt.seed);
    std::vector<double> values;
    for (std::size_t b = 0; b < opt.resamples; ++b) {
        std::vector<double> rs;
        std::vector<int> ry;
        for (int j = 0; j < 5; ++j)
            for (std::size_t i : members[rng.uniformBelow(5)]) {
                rs.push_back(s[i]);
                ry.push_back(y[i]);
            }
        if (std::count(ry.begin(), ry.end(), 1) == 0 || std::count(ry.begin(), ry.end(), 0) == 0)
            continue;
        values.push_back(bruteForceAuroc(rs, ry));
    }
    const auto ci = bootstrapAurocClustered(s, y, q, opt);
    ASSERT_TRUE(ci.defined) << ci.reason;
    EXPECT_EQ(ci.clusters, 5u);
    EXPECT_EQ(ci.usedResamples, values.size());
    EXPECT_NEAR(ci.lower, quantileLinear(values, 0.025), 1e-12);
    EXPECT_NEAR(ci.upper, quantileLinear(values, 0.975), 1e-12);
}

TEST(StatsBootstrap, SingletonClustersEqualSampleBootstrap) {
    TestRng rng(2);
    std::vector<double> s;
    std::vector<int> y;
    makeData(rng, 50, 0.5, s, y);
    std::vector<std::string> ids;
    for (int i = 0; i < 50; ++i) ids.push_back("q" + std::to_string(i));
    BootstrapOptions opt;
    opt.resamples = 200;
    opt.seed = 3;
    const auto a = bootstrapAuroc(s, y, opt);
    const auto b = bootstrapAurocClustered(s, y, ids, opt);
    EXPECT_EQ(a.lower, b.lower);
    EXPECT_EQ(a.upper, b.upper);
}

TEST(StatsBootstrap, CoverageOfTheTrueAurocIsNearNominal) {
    // Positives ~ N(mu, 1), negatives ~ N(0, 1): true AUROC = Phi(mu / sqrt 2).
    const double mu = 1.0;
    const double truth = 0.5 * std::erfc(-mu / 2.0);  // Phi(mu/sqrt2) = erfc(-mu/2)/2
    TestRng rng(77);
    int covered = 0;
    const int reps = 200;
    for (int rep = 0; rep < reps; ++rep) {
        std::vector<double> s;
        std::vector<int> y;
        makeData(rng, 100, mu, s, y);
        BootstrapOptions opt;
        opt.resamples = 400;
        opt.seed = static_cast<std::uint64_t>(rep);
        const auto ci = bootstrapAuroc(s, y, opt);
        ASSERT_TRUE(ci.defined);
        if (ci.lower <= truth && truth <= ci.upper) ++covered;
    }
    const double coverage = static_cast<double>(covered) / reps;
    EXPECT_GT(coverage, 0.88) << coverage;
    EXPECT_LT(coverage, 0.99) << coverage;
}

TEST(StatsBootstrap, ClusterResamplingWidensIntervalsForCorrelatedRollouts) {
    // 40 questions x 8 rollouts; the question effect dominates both score and label, so
    // rollouts of one question are nearly copies and the naive interval is too narrow.
    TestRng rng(8);
    std::vector<double> s;
    std::vector<int> y;
    std::vector<std::string> ids;
    for (int q = 0; q < 40; ++q) {
        const double z = rng.normal();
        for (int r = 0; r < 8; ++r) {
            s.push_back(z + 0.3 * rng.normal());
            y.push_back(z + 0.8 * rng.normal() > 0 ? 1 : 0);
            ids.push_back("question-" + std::to_string(q));
        }
    }
    BootstrapOptions opt;
    opt.resamples = 1000;
    const auto naive = bootstrapAuroc(s, y, opt);
    const auto clustered = bootstrapAurocClustered(s, y, ids, opt);
    ASSERT_TRUE(naive.defined && clustered.defined);
    EXPECT_EQ(clustered.clusters, 40u);
    EXPECT_DOUBLE_EQ(naive.estimate, clustered.estimate);
    EXPECT_GT(clustered.upper - clustered.lower, 1.5 * (naive.upper - naive.lower));
}

TEST(StatsBootstrap, UndefinedAndBadInput) {
    BootstrapOptions opt;
    const auto u = bootstrapAuroc({0.1, 0.2, 0.3}, {1, 1, 1}, opt);
    EXPECT_FALSE(u.defined);
    EXPECT_EQ(u.reason, "AUROC undefined: all 3 labels are 1");
    // Clusters {positive}, {99 negatives}, {100 negatives}: a resample has both classes
    // unless it misses "small" or draws only it: P = 1 - (2/3)^3 - (1/3)^3 = 2/3.
    std::vector<double> s2(200, 0.0);
    std::vector<int> y2(200, 0);
    std::vector<std::string> ids(200);
    y2[0] = 1;
    s2[0] = 1.0;
    ids[0] = "small";
    for (int i = 1; i < 200; ++i) ids[i] = i < 100 ? "a" : "b";
    const auto rare = bootstrapAurocClustered(s2, y2, ids, opt);
    EXPECT_TRUE(rare.defined) << rare.reason;
    EXPECT_EQ(rare.clusters, 3u);
    EXPECT_NEAR(static_cast<double>(rare.usedResamples) / opt.resamples, 2.0 / 3.0, 0.04);
    std::vector<double> s = {0.1, 0.2, 0.3, 0.4};
    std::vector<int> y = {0, 1, 0, 1};
    opt.resamples = 1;
    EXPECT_THROW(bootstrapAuroc(s, y, opt), srs::InvalidArgument);
    opt.resamples = 100;
    opt.level = 1.0;
    EXPECT_THROW(bootstrapAuroc(s, y, opt), srs::InvalidArgument);
    opt.level = 0.95;
    EXPECT_THROW(bootstrapAurocClustered(s, y, {"a"}, opt), srs::InvalidArgument);
}

TEST(StatsBootstrap, MostlyUndefinedResamplesGiveAReason) {
    // A statistic defined on the full data but almost never on a resample.
    BootstrapOptions opt;
    opt.resamples = 100;
    auto stat = [](const std::vector<std::size_t>& idx) -> std::optional<double> {
        // Defined when sample 0 is drawn at least twice: P = 1 - 0.9^10 - 0.9^9 = 0.26.
        if (std::count(idx.begin(), idx.end(), 0u) >= 2) return 1.0;
        if (idx.size() == 10 && std::is_sorted(idx.begin(), idx.end()) &&
            idx.back() == 9 && idx.front() == 0)
            return 1.0;  // the full data
        return std::nullopt;
    };
    const auto ci = bootstrapInterval(10, {}, stat, opt);
    EXPECT_FALSE(ci.defined);
    EXPECT_NE(ci.reason.find("defined on only"), std::string::npos) << ci.reason;
}

TEST(StatsBootstrap, HonoursCancellation) {
    std::vector<double> s(40);
    std::vector<int> y(40);
    for (int i = 0; i < 40; ++i) {
        s[i] = i;
        y[i] = i % 2;
    }
    CancelToken token;
    int reports = 0;
    JobContext ctx([&](const ProgressEvent&) { if (++reports == 2) token.cancel(); }, token);
    BootstrapOptions opt;
    opt.resamples = 5000;
    EXPECT_THROW(bootstrapAuroc(s, y, opt, &ctx), srs::Cancelled);
}
