// srs ablate core: neuron-set construction (sizes, disjointness, matching by brute force, a
// hand-made cache), Wilson/Newcombe numbers against hand-computed values, and generation on
// the tiny fixture model: a no-op edit reproduces the baseline bit for bit, zeroing does not.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>

#include "core/analysis/ablation.h"
#include "core/cache/activation_cache_reader.h"
#include "core/cache/activation_cache_writer.h"
#include "core/error.h"
#include "core/probe/probe_file.h"
#include "core/probe/probe_options.h"
#include "core/stats/prng.h"
#include "model_test_util.h"
#include "test_util.h"

namespace fs = std::filesystem;
using namespace srs::core;
namespace t = srs::core::test;

namespace {

/// A full-state probe whose L1 score of dim j is |scores[j]| (hidden = 1).
LayerProbe probeWithScores(int layer, const std::vector<double>& scores) {
    LayerProbe p;
    p.layer = layer;
    p.weights.hidden = 1;
    for (std::size_t j = 0; j < scores.size(); ++j) {
        p.weights.dims.push_back(static_cast<std::int64_t>(j));
        p.weights.w1.push_back(static_cast<float>(scores[j]));
    }
    p.weights.b1 = {0.f};
    p.weights.w2 = {1.f};
    p.weights.b2 = {0.f};
    return p;
}

const std::vector<AblationCondition> kAll = {AblationCondition::Value, AblationCondition::Random,
                                             AblationCondition::MagnitudeMatched,
                                             AblationCondition::LargestActivation, AblationCondition::McProbe};

std::set<std::int64_t> asSet(const std::vector<std::int64_t>& v) { return {v.begin(), v.end()}; }

}  // namespace

TEST(AblationSets, ConditionNamesRoundTripAndUnknownIsAUsageError) {
    for (auto c : kAll) EXPECT_EQ(parseAblationCondition(ablationConditionName(c)), c);
    EXPECT_EQ(parseAblationConditions("value, random,value").size(), 2u);
    EXPECT_THROW(parseAblationConditions("value,bogus"), srs::InvalidArgument);
    EXPECT_THROW(parseAblationConditions("value,,random"), srs::InvalidArgument);
}

TEST(AblationSets, HandMadeExampleGivesTheHandComputedSets) {
    // d = 10, ratio 0.8 -> k = 2. Value set (L1 scores): dim 2 (9.0) then dim 1 (8.0).
    const std::vector<double> scores{1, 8, 9, 2, 3, 4, 0.5, 0.25, 5, 6};
    const std::vector<double> meanAbs{0.1, 0.5, 0.9, 0.3, 0.52, 0.47, 0.95, 0.2, 0.88, 0.5};
    // MC probe: dims 7 (7.0) and 0 (6.5).
    const std::vector<double> mcScores{6.5, 1, 1, 1, 1, 1, 1, 7, 1, 1};
    const auto value = probeWithScores(3, scores), mc = probeWithScores(3, mcScores);
    const auto sets = buildAblationSets(3, kAll, value, &mc, meanAbs, 10, 0.8, 42);
    ASSERT_EQ(sets.size(), 5u);
    for (const auto& s : sets) {
        EXPECT_EQ(s.layer, 3);
        EXPECT_EQ(s.dims.size(), 2u) << ablationConditionName(s.condition);
        EXPECT_EQ(s.meanAbs.size(), 2u);
    }
    EXPECT_EQ(sets[0].dims, (std::vector<std::int64_t>{2, 1}));
    EXPECT_DOUBLE_EQ(sets[0].setMeanAbs, (0.9 + 0.5) / 2);
    EXPECT_EQ(sets[0].overlapWithValue, 2u);
    // Random: disjoint from {1, 2}.
    EXPECT_EQ(sets[1].overlapWithValue, 0u);
    // Matched by hand: 0.9 -> dim 8 (|0.88-0.9| = 0.02 < 0.05 of dim 6); 0.5 -> dim 9 (0 away).
    EXPECT_EQ(sets[2].dims, (std::vector<std::int64_t>{8, 9}));
    EXPECT_DOUBLE_EQ(sets[2].meanAbs[0], 0.88);
    EXPECT_EQ(sets[2].overlapWithValue, 0u);
    // Largest mean |act|: dim 6 (0.95), dim 2 (0.9) -> overlaps the value set once.
    EXPECT_EQ(sets[3].dims, (std::vector<std::int64_t>{6, 2}));
    EXPECT_EQ(sets[3].overlapWithValue, 1u);
    EXPECT_EQ(sets[4].dims, (std::vector<std::int64_t>{7, 0}));
    // mc-probe without an MC probe is a usage error.
    EXPECT_THROW(buildAblationSets(3, kAll, value, nullptr, meanAbs, 10, 0.8, 42), srs::InvalidArgument);
    // k = round((1 - 0.99) * 10) = 0 -> at least 1.
    EXPECT_EQ(buildAblationSets(3, {AblationCondition::Random}, value, nullptr, meanAbs, 10, 0.99, 1)[0].dims.size(), 1u);
    // k = 6 > d - k = 4: no disjoint control set fits.
    EXPECT_THROW(buildAblationSets(3, {AblationCondition::Random}, value, nullptr, meanAbs, 10, 0.4, 1),
                 srs::InvalidArgument);
}

TEST(AblationSets, RandomSetIsSeededUniformAndDisjointFromTheValueSet) {
    // d = 10, k = 2, value = {1, 2}: 8 candidates, each drawn with probability 2/8.
    const std::vector<double> scores{1, 8, 9, 2, 3, 4, 0.5, 0.25, 5, 6};
    const std::vector<double> meanAbs(10, 1.0);
    const auto value = probeWithScores(0, scores);
    std::map<std::int64_t, int> counts;
    const int seeds = 4000;
    for (int seed = 0; seed < seeds; ++seed) {
        const auto s = buildAblationSets(0, {AblationCondition::Random}, value, nullptr, meanAbs, 10, 0.8,
                                         static_cast<std::uint64_t>(seed))[0];
        ASSERT_EQ(asSet(s.dims).size(), 2u);
        for (auto d : s.dims) {
            ASSERT_NE(d, 1);
            ASSERT_NE(d, 2);
            ++counts[d];
        }
    }
    ASSERT_EQ(counts.size(), 8u);
    // Expected 1000 each; sd = sqrt(4000 * 0.25 * 0.75) = 27.4: +-150 is > 5 sd.
    for (const auto& [d, n] : counts) EXPECT_NEAR(n, 1000, 150) << "dim " << d;
    // Deterministic in the seed; layers get different streams.
    auto a = buildAblationSets(0, {AblationCondition::Random}, value, nullptr, meanAbs, 10, 0.8, 5)[0].dims;
    auto b = buildAblationSets(0, {AblationCondition::Random}, value, nullptr, meanAbs, 10, 0.8, 5)[0].dims;
    EXPECT_EQ(a, b);
    int differ = 0;
    for (int layer = 1; layer <= 20; ++layer)
        differ += buildAblationSets(layer, {AblationCondition::Random}, probeWithScores(layer, scores), nullptr,
                                    meanAbs, 10, 0.8, 5)[0].dims != a;
    EXPECT_GT(differ, 10);
}

TEST(AblationSets, MagnitudeMatchingIsTheGreedyNearestAvailableByBruteForce) {
    // Random small problems; each pick must be a closest still-unused candidate (brute force),
    // the result must be disjoint from the targets and duplicate-free.
    Xoshiro256 rng(7);
    for (int trial = 0; trial < 200; ++trial) {
        const int d = 12;
        std::vector<double> meanAbs(d);
        for (auto& v : meanAbs) v = std::floor(rng.uniform01() * 8) / 4;  // coarse values: many exact ties
        std::vector<double> scores(d);
        for (auto& v : scores) v = rng.uniform01();
        const auto value = probeWithScores(0, scores);
        // ratio 2/3 -> k = round(4) = 4.
        const auto sets = buildAblationSets(0, {AblationCondition::Value, AblationCondition::MagnitudeMatched}, value,
                                            nullptr, meanAbs, d, 2.0 / 3.0, static_cast<std::uint64_t>(trial));
        const auto& targets = sets[0].dims;
        const auto& matched = sets[1].dims;
        ASSERT_EQ(targets.size(), 4u);
        ASSERT_EQ(matched.size(), 4u);
        ASSERT_EQ(asSet(matched).size(), 4u);
        std::set<std::int64_t> used;
        for (std::size_t i = 0; i < targets.size(); ++i) {
            const double want = meanAbs[static_cast<std::size_t>(targets[i])];
            double best = 1e9;
            for (int c = 0; c < d; ++c) {
                if (asSet(targets).count(c) || used.count(c)) continue;
                best = std::min(best, std::fabs(meanAbs[static_cast<std::size_t>(c)] - want));
            }
            EXPECT_FALSE(asSet(targets).count(matched[i]));
            EXPECT_EQ(std::fabs(meanAbs[static_cast<std::size_t>(matched[i])] - want), best) << "trial " << trial;
            used.insert(matched[i]);
        }
    }
}

TEST(AblationSets, MagnitudeTiesAreBrokenBySeededChance) {
    // Target 0.5, candidates 0.25 and 0.75: exactly tied (binary fractions).
    const std::vector<double> meanAbs{0.5, 0.25, 0.75};
    std::set<std::int64_t> picks;
    for (std::uint64_t seed = 0; seed < 64; ++seed) {
        const auto m = magnitudeMatchedDims({0}, {1, 2}, meanAbs, seed);
        ASSERT_EQ(m.size(), 1u);
        EXPECT_EQ(m, magnitudeMatchedDims({0}, {1, 2}, meanAbs, seed));
        picks.insert(m[0]);
    }
    EXPECT_EQ(picks, (std::set<std::int64_t>{1, 2}));
    EXPECT_THROW(magnitudeMatchedDims({0, 1}, {2}, meanAbs, 0), srs::InvalidArgument);
}

TEST(AblationSets, MeanAbsActivationOfAHandMadeCache) {
    // Two rollouts, d = 3, values exact in float16. Column means of |x| by hand:
    // rows: [0.5,-1,2] [-0.5,1,0] | [1.5,-2,-2] [0.5,0,0] [-1,1,4]
    // col 0: (0.5+0.5+1.5+0.5+1)/5 = 0.8; col 1: (1+1+2+0+1)/5 = 1.0; col 2: (2+0+2+0+4)/5 = 1.6
    {
        srs::test::TempDir dir;
        const auto path = (dir / "hand.h5").string();
        CacheSchema s;
        s.hooks = {"resid_post"};
        s.layers = {1};
        s.dModel = 3;
        s.dtype = StoreDtype::Float16;
        s.task = "hand";
        s.modelFingerprint = "m";
        s.tokenizerFingerprint = "t";
        s.promptTemplate = "plain";
        CacheWriterOptions wo;
        wo.overwrite = true;
        wo.resume = false;
        {
            ActivationCacheWriter w(path, s, wo);
            const std::vector<std::vector<float>> data{{0.5f, -1, 2, -0.5f, 1, 0}, {1.5f, -2, -2, 0.5f, 0, 0, -1, 1, 4}};
            for (int r = 0; r < 2; ++r) {
                RolloutRecord meta;
                meta.questionId = "q" + std::to_string(r);
                meta.reward = 1.0f;
                meta.promptLen = 4;
                meta.responseLen = static_cast<std::int32_t>(data[r].size() / 3) - 1;
                const float* ptr = data[r].data();
                w.appendRollout(meta, {ptr}, rowsForRollout(meta.responseLen, 1));
            }
            w.finish();
        }
        ActivationCacheReader reader(path);
        const auto m = meanAbsActivation(reader, "resid_post", 1);
        ASSERT_EQ(m.size(), 3u);
        EXPECT_DOUBLE_EQ(m[0], 0.8);
        EXPECT_DOUBLE_EQ(m[1], 1.0);
        EXPECT_DOUBLE_EQ(m[2], 1.6);
        EXPECT_THROW(meanAbsActivation(reader, "resid_post", 0), srs::InvalidArgument);
    }
}

TEST(AblationStats, WilsonAndNewcombeMatchHandComputedValues) {
    // Hand computation (closed forms, z = 1.959963984540054, evaluated in Python):
    // Wilson 7/10 = [0.3967781474611453, 0.8922087325936988]; 3/10 = [0.10779126740630099, 0.6032218525388546];
    // Newcombe 3/10 - 7/10 = -0.4 [-0.6718241964405525, 0.028820456268342953].
    AblationResult r;
    r.baseline.correct = {1, 1, 1, 0, 1, 1, 0, 1, 0, 1};  // 7/10
    AblationCell cell;
    cell.arm.correct = {0, 1, 0, 0, 1, 0, 0, 1, 0, 0};  // 3/10
    r.cells.push_back(cell);
    computeAblationStats(r);
    EXPECT_NEAR(r.baselineAccuracy.estimate, 0.7, 1e-12);
    EXPECT_NEAR(r.baselineAccuracy.lower, 0.3967781474611453, 1e-12);
    EXPECT_NEAR(r.baselineAccuracy.upper, 0.8922087325936988, 1e-12);
    const auto& c = r.cells[0];
    EXPECT_EQ(c.accuracy.successes, 3u);
    EXPECT_NEAR(c.accuracy.lower, 0.10779126740630099, 1e-12);
    EXPECT_NEAR(c.accuracy.upper, 0.6032218525388546, 1e-12);
    EXPECT_NEAR(c.vsBaseline.difference, -0.4, 1e-12);
    EXPECT_NEAR(c.vsBaseline.lower, -0.6718241964405525, 1e-12);
    EXPECT_NEAR(c.vsBaseline.upper, 0.028820456268342953, 1e-12);
    EXPECT_EQ(c.changedResponses, 4u);  // rows 0, 2, 5, 9 flipped (no ids stored: compared by outcome)
    // The CSV carries the same numbers.
    r.sets.push_back({});
    const std::string csv = ablationCsv(r);
    EXPECT_NE(csv.find(",baseline,0,,,7,10,0.7,0.396778147461145"), std::string::npos) << csv;
    r.cells[0].arm.correct.pop_back();
    EXPECT_THROW(computeAblationStats(r), srs::InvalidArgument);
}

namespace {

/// Tiny model + Qwen tokenizer, a cache and TD/MC probes carrying its fingerprint.
struct TinyAblationEnv {
    srs::test::TempDir dir;
    fs::path model = dir / "model";
    std::string cache = (dir / "cache.h5").string();
    std::string probes = (dir / "probes.h5").string();
    std::string mcProbes = (dir / "mc.h5").string();
    std::string fingerprint;

    TinyAblationEnv() {
        srs::test::copyTinyModelWithQwenTokenizer(model);
        fingerprint = t::tinyCheckpoint()->fingerprint();
        const std::int64_t d = 64;
        CacheSchema s;
        s.hooks = {"resid_post"};
        s.layers = {0, 1, 2, 3};
        s.dModel = d;
        s.dtype = StoreDtype::Float32;
        s.task = "tiny";
        s.modelFingerprint = fingerprint;
        s.tokenizerFingerprint = "t";
        s.promptTemplate = "plain";
        CacheWriterOptions wo;
        wo.overwrite = true;
        wo.resume = false;
        {
            ActivationCacheWriter w(cache, s, wo);
            Xoshiro256 rng(3);
            for (int r = 0; r < 3; ++r) {
                RolloutRecord meta;
                meta.questionId = "q" + std::to_string(r);
                meta.reward = static_cast<float>(r % 2);
                meta.promptLen = 4;
                meta.responseLen = 3;
                const auto rows = rowsForRollout(meta.responseLen, 1);
                std::vector<std::vector<float>> data(4, std::vector<float>(static_cast<std::size_t>(rows * d)));
                std::vector<const float*> ptrs;
                for (auto& layer : data) {
                    for (std::size_t i = 0; i < layer.size(); ++i)
                        layer[i] = static_cast<float>(rng.uniform01() * (1.0 + static_cast<double>(i % d) / 8.0));
                    ptrs.push_back(layer.data());
                }
                w.appendRollout(meta, ptrs, rows);
            }
            w.finish();
        }
        writeProbes(probes, ProbeMethod::Td, 1.0);
        writeProbes(mcProbes, ProbeMethod::Mc, -1.0);
    }

    void writeProbes(const std::string& path, ProbeMethod method, double direction) {
        ProbeTrainResult r;
        r.options.method = method;
        r.options.hidden = 1;
        r.cachePath = cache;
        r.modelFingerprint = fingerprint;
        r.dModel = 64;
        r.split.trainRollouts = {0, 1};
        r.split.testRollouts = {2};
        r.split.testQuestions = {"q2"};
        r.split.trainQuestions = 2;
        r.testRewards = {0.f};
        for (int layer : {0, 1, 2, 3}) {
            std::vector<double> scores(64);
            for (int j = 0; j < 64; ++j) scores[static_cast<std::size_t>(j)] = direction > 0 ? j : 64 - j;
            LayerProbe p = probeWithScores(layer, scores);
            p.testVs0 = {0.5f};
            p.testVFinal = {0.5f};
            p.finalLoss = {0.1f};
            r.layers.push_back(p);
        }
        writeProbeFile(path, r, true);
    }

    AblationOptions options() const {
        AblationOptions o;
        o.modelDir = model;
        for (int q = 0; q < 3; ++q) {
            TaskItem item;
            item.id = "q" + std::to_string(q);
            item.question = std::to_string(q + 2) + "+" + std::to_string(q) + "=";
            item.gold = std::to_string(2 * q + 2);
            item.task = "math";
            o.items.push_back(item);
        }
        o.dataSource = "inline";
        o.templateName = "Q: {question} A:";
        o.samples = 2;
        o.temperature = 1.0;
        o.seed = 11;
        o.maxNewTokens = 6;
        o.batchSize = 4;
        o.probesPath = probes;
        o.mcProbesPath = mcProbes;
        o.cachePath = cache;
        o.layers = {1};
        o.conditions = kAll;
        o.ratio = 0.75;  // k = 16 of 64
        return o;
    }
};

}  // namespace

TEST(AblationRun, NoOpEditReproducesTheBaselineAndZeroingChangesGeneration) {
    TinyAblationEnv env;
    auto o = env.options();
    o.op = InterventionOp::Scale;  // x[dims] *= 1: a no-op through the real intervention path
    o.opValue = 1.0f;
    const AblationResult noop = runAblation(o);
    ASSERT_EQ(noop.baseline.responseIds.size(), 6u);
    ASSERT_EQ(noop.cells.size(), 5u);
    EXPECT_EQ(noop.setSize, 16u);
    for (const auto& c : noop.cells) {
        EXPECT_EQ(c.arm.responseIds, noop.baseline.responseIds) << ablationConditionName(c.condition);
        EXPECT_EQ(c.changedResponses, 0u);
        EXPECT_EQ(c.vsBaseline.difference, 0.0);
    }
    // The same questions, samples and per-row seeds: row (q, k) uses rolloutSeed(11, q, k).
    EXPECT_EQ(noop.questionIds, (std::vector<std::string>{"q0", "q0", "q1", "q1", "q2", "q2"}));
    EXPECT_EQ(noop.sampleIndex, (std::vector<int>{0, 1, 0, 1, 0, 1}));
    EXPECT_NE(noop.rowSeeds[0], noop.rowSeeds[1]);
    // Value set = the 16 highest scores j (dims 63..48); MC scores 64 - j: dims 0..15.
    EXPECT_EQ(noop.sets[0].dims.front(), 63);
    EXPECT_EQ(noop.sets[0].dims.back(), 48);
    EXPECT_EQ(noop.sets[4].dims.front(), 0);
    EXPECT_EQ(noop.sets[4].dims.back(), 15);

    o.op = InterventionOp::Zero;
    const AblationResult zero = runAblation(o);
    EXPECT_EQ(zero.baseline.responseIds, noop.baseline.responseIds);  // the baseline is reproducible
    std::size_t changed = 0;
    for (const auto& c : zero.cells) changed += c.changedResponses;
    EXPECT_GT(changed, 0u) << "zeroing 16 of 64 residual dims changed no sampled token";
    EXPECT_GT(zero.cells[0].changedResponses, 0u) << "value set";
    const auto j = ablationJson(zero);
    EXPECT_EQ(j["format"], "srs-ablation");
    EXPECT_EQ(j["format_version"], 1);
    EXPECT_EQ(j["model_fingerprint"], env.fingerprint);
    EXPECT_EQ(j["cells"].size(), 5u);
    EXPECT_EQ(j["sets"][2]["condition"], "magnitude-matched");
}

TEST(AblationRun, BadInputIsRejectedWithClearMessages) {
    TinyAblationEnv env;
    auto expectError = [&](AblationOptions o, const std::string& fragment, bool usage) {
        try {
            runAblation(o);
            ADD_FAILURE() << "no error for " << fragment;
        } catch (const srs::InvalidArgument& e) {
            EXPECT_TRUE(usage) << e.what();
            EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
        } catch (const srs::Error& e) {
            EXPECT_FALSE(usage) << e.what();
            EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
        }
    };
    auto o = env.options();
    o.ratio = 1.0;
    expectError(o, "--ratio", true);
    o = env.options();
    o.mcProbesPath.clear();
    expectError(o, "--mc-probes", true);
    o = env.options();
    o.layers = {7};
    expectError(o, "layer 7", false);
    // A cache without layer 3: write one.
    {
        CacheSchema s;
        s.hooks = {"resid_post"};
        s.layers = {0};
        s.dModel = 64;
        s.task = "x";
        s.modelFingerprint = env.fingerprint;
        s.tokenizerFingerprint = "t";
        s.promptTemplate = "plain";
        s.dtype = StoreDtype::Float32;
        CacheWriterOptions wo;
        wo.overwrite = true;
        wo.resume = false;
        ActivationCacheWriter w((env.dir / "l0.h5").string(), s, wo);
        RolloutRecord meta;
        meta.questionId = "q";
        meta.responseLen = 1;
        meta.promptLen = 2;
        std::vector<float> x(static_cast<std::size_t>(rowsForRollout(1, 1) * 64), 1.f);
        w.appendRollout(meta, {x.data()}, rowsForRollout(1, 1));
        w.finish();
    }
    o = env.options();
    o.cachePath = env.dir / "l0.h5";
    expectError(o, "layer 1 is not in the cache", false);
    // Probes of another model.
    o = env.options();
    {
        auto other = readProbeFile(env.probes);
        other.modelFingerprint = "xxh3-128:someothermodel";
        writeProbeFile((env.dir / "other.h5").string(), other, true);
    }
    o.probesPath = env.dir / "other.h5";
    expectError(o, "model_fingerprint", false);
    // MC probes given as the value probes.
    o = env.options();
    o.probesPath = env.mcProbes;
    expectError(o, "expected 'td'", false);
}
