// srs dopamine core: TD errors by hand, ranking on a cache where one dim is planted to equal
// delta_t plus noise (Spearman checked against a brute-force O(n^2) rank reference), the MLP
// against the random-dim baseline, determinism, column-block streaming, token text, bad input.
#include <gtest/gtest.h>

#include <cmath>
#include <iostream>
#include <random>

#include "core/analysis/dopamine.h"
#include "core/cache/activation_cache_reader.h"
#include "core/cache/activation_cache_writer.h"
#include "core/error.h"
#include "core/probe/probe_file.h"
#include "core/probe/question_split.h"
#include "core/tokenizer/tokenizer.h"
#include "tests/core/probe_synthetic_cache.h"

using namespace srs::core;

namespace {

constexpr std::int64_t kD = 48;
constexpr int kPlanted = 13;
constexpr double kGamma = 0.95;

// Token ids of the Qwen fixture tokenizer (checked against tokenizer.json's vocab with Python):
// 9707 "Hello", 1879 "Ġworld" = " world", 160 the lone byte 0xE4 (half a character),
// 151643 "<|endoftext|>"; -1 = unknown.
const std::vector<int> kIds{9707, 1879, 160, 151643, -1};

double sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }

struct Planted {
    std::vector<std::vector<double>> delta;  // [rollout][row] by hand from the stored x
    std::vector<std::string> questionIds;
};

// Layer 0: dim 0 holds x_t (a random walk), so the probe V = sigmoid(x_0col) is known exactly.
// Layer 1: dim kPlanted = delta_t + 0.03 noise, every other dim N(0, 1). float32 storage.
Planted writePlantedCache(const std::string& path, int questions = 30, std::uint64_t seed = 5,
                          const std::string& model = "planted-model") {
    CacheSchema s;
    s.hooks = {"resid_post"};
    s.layers = {0, 1};
    s.dModel = kD;
    s.dtype = StoreDtype::Float32;
    s.task = "planted";
    s.modelFingerprint = model;
    s.tokenizerFingerprint = "";
    s.promptTemplate = "qwen-boxed";
    CacheWriterOptions wo;
    wo.overwrite = true;
    wo.resume = false;
    ActivationCacheWriter w(path, s, wo);
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> noise(0.0, 1.0);
    std::uniform_int_distribution<int> len(6, 14);
    Planted out;
    for (int q = 0; q < questions; ++q)
        for (int k = 0; k < 4; ++k) {
            RolloutRecord meta;
            meta.questionId = "q" + std::to_string(q);
            meta.sampleIndex = k;
            meta.reward = (rng() & 1) ? 1.0f : 0.0f;
            meta.promptLen = 5;
            meta.responseLen = len(rng);
            const std::int64_t rows = rowsForRollout(meta.responseLen, 1);
            for (std::int64_t r = 0; r < rows; ++r) meta.tokenIds.push_back(kIds[static_cast<std::size_t>(r % 5)]);
            std::vector<float> l0(static_cast<std::size_t>(rows * kD)), l1(l0.size());
            for (auto& v : l0) v = static_cast<float>(noise(rng));
            for (auto& v : l1) v = static_cast<float>(noise(rng));
            double x = noise(rng);
            for (std::int64_t r = 0; r < rows; ++r) {
                l0[static_cast<std::size_t>(r * kD)] = static_cast<float>(x);
                x += 0.7 * noise(rng);
            }
            std::vector<double> v(static_cast<std::size_t>(rows)), d(v.size());
            for (std::int64_t r = 0; r < rows; ++r) v[r] = sigmoid(l0[static_cast<std::size_t>(r * kD)]);
            for (std::int64_t r = 0; r + 1 < rows; ++r) d[r] = kGamma * v[r + 1] - v[r];
            d[rows - 1] = meta.reward - v[rows - 1];
            for (std::int64_t r = 0; r < rows; ++r)
                l1[static_cast<std::size_t>(r * kD + kPlanted)] = static_cast<float>(d[r] + 0.03 * noise(rng));
            out.delta.push_back(d);
            out.questionIds.push_back(meta.questionId);
            w.appendRollout(meta, {l0.data(), l1.data()}, rows);
        }
    w.finish();
    return out;
}

// A linear "TD" probe of layer 0 reading only dim 0 with weight 1: V = sigmoid(x).
ProbeTrainResult plantedProbes(const std::vector<std::string>& qids, const std::string& model = "planted-model",
                               ProbeMethod method = ProbeMethod::Td) {
    ProbeTrainResult p;
    p.options.method = method;
    p.options.gamma = kGamma;
    p.cachePath = "planted.h5";
    p.modelFingerprint = model;
    p.dModel = kD;
    p.split = splitByQuestion(qids, 0.25, 7, "planted.h5");
    p.testRewards.assign(p.split.testRollouts.size(), 0.0f);
    LayerProbe lp;
    lp.layer = 0;
    lp.weights.hidden = 0;
    for (std::int64_t j = 0; j < kD; ++j) lp.weights.dims.push_back(j);
    lp.weights.w1.assign(kD, 0.0f);
    lp.weights.w1[0] = 1.0f;
    lp.weights.b1 = {0.0f};
    lp.testVs0.assign(p.split.testRollouts.size(), 0.5f);
    lp.testVFinal = lp.testVs0;
    p.layers.push_back(lp);
    return p;
}

DopamineOptions baseOptions() {
    DopamineOptions o;
    o.layer = 0;
    o.neuronLayer = 1;
    o.candidates = 4;
    o.epochs = 25;
    o.traces = 2;
    o.traceNeurons = 3;
    o.threads = 1;
    o.seed = 3;
    return o;
}

// Brute-force mid-rank: 1 + #smaller + (#equal - 1) / 2, O(n^2).
std::vector<double> bruteRanks(const std::vector<double>& x) {
    std::vector<double> r(x.size());
    for (std::size_t i = 0; i < x.size(); ++i) {
        double less = 0, eq = 0;
        for (double y : x) less += y < x[i], eq += y == x[i];
        r[i] = 1 + less + (eq - 1) / 2;
    }
    return r;
}

double pearsonRef(const std::vector<double>& a, const std::vector<double>& b) {
    double ma = 0, mb = 0;
    for (std::size_t i = 0; i < a.size(); ++i) ma += a[i], mb += b[i];
    ma /= a.size(), mb /= b.size();
    double sab = 0, saa = 0, sbb = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
        sab += (a[i] - ma) * (b[i] - mb), saa += (a[i] - ma) * (a[i] - ma), sbb += (b[i] - mb) * (b[i] - mb);
    return sab / std::sqrt(saa * sbb);
}

class Dopamine : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        s_dir = new probe_test::TempDir();
        s_planted = new Planted(writePlantedCache(s_dir->file("c.h5")));
        writeProbeFile(s_dir->file("p.h5"), plantedProbes(s_planted->questionIds), true);
        s_probes = new ProbeTrainResult(readProbeFile(s_dir->file("p.h5")));
        ActivationCacheReader reader(s_dir->file("c.h5"));
        s_result = new DopamineResult(analyzeDopamine(reader, *s_probes, "p.h5", baseOptions()));
    }
    static void TearDownTestSuite() {
        delete s_result;
        delete s_probes;
        delete s_planted;
        delete s_dir;
    }
    static probe_test::TempDir* s_dir;
    static Planted* s_planted;
    static ProbeTrainResult* s_probes;
    static DopamineResult* s_result;
};
probe_test::TempDir* Dopamine::s_dir = nullptr;
Planted* Dopamine::s_planted = nullptr;
ProbeTrainResult* Dopamine::s_probes = nullptr;
DopamineResult* Dopamine::s_result = nullptr;

}  // namespace

TEST(DopamineTd, ErrorsByHand) {
    // v = (0.5, 0.6, 0.2), r = 1, gamma = 0.9: 0.9*0.6-0.5 = 0.04, 0.9*0.2-0.6 = -0.42, 1-0.2 = 0.8.
    const auto d = tdErrors({0.5f, 0.6f, 0.2f}, 1.0, 0.9);
    ASSERT_EQ(d.size(), 3u);
    EXPECT_NEAR(d[0], 0.04, 1e-7);
    EXPECT_NEAR(d[1], -0.42, 1e-7);
    EXPECT_NEAR(d[2], 0.8, 1e-7);
    const auto one = tdErrors({0.3f}, 0.0, 0.9);  // s_0 is also s_T
    ASSERT_EQ(one.size(), 1u);
    EXPECT_NEAR(one[0], -0.3, 1e-7);
    EXPECT_THROW(tdErrors({}, 1.0, 0.9), srs::InvalidArgument);
}

TEST_F(Dopamine, ProbesFileKeepsTheTrainSplit) {
    const auto fresh = plantedProbes(s_planted->questionIds);
    EXPECT_EQ(s_probes->split.trainRollouts, fresh.split.trainRollouts);
    EXPECT_EQ(s_result->trainRollouts + s_result->testRollouts, 120);
}

TEST_F(Dopamine, PlantedDimRanksFirstWithTheBruteForceRho) {
    const auto& r = *s_result;
    ASSERT_EQ(r.ranking.size(), static_cast<std::size_t>(kD));
    EXPECT_EQ(r.ranking[0].dim, kPlanted);
    EXPECT_GT(r.ranking[0].rho, 0.9);
    EXPECT_LT(r.ranking[0].pBonferroni, 1e-10);
    EXPECT_LT(std::fabs(r.ranking[1].rho), 0.2);  // everything else is noise
    // Reference: delta by hand and the stored activations of the train rollouts.
    ActivationCacheReader reader(s_dir->file("c.h5"));
    std::vector<double> delta;
    std::vector<std::vector<double>> acts(3);
    const std::int64_t dims[3] = {kPlanted, r.ranking[1].dim, r.ranking[kD - 1].dim};
    for (auto ro : s_probes->split.trainRollouts) {
        const auto& d = s_planted->delta[static_cast<std::size_t>(ro)];
        delta.insert(delta.end(), d.begin(), d.end());
        const auto rows = reader.readRollout("resid_post", 1, ro);
        for (int k = 0; k < 3; ++k)
            for (std::int64_t i = 0; i < rows.rows; ++i) acts[k].push_back(rows.row(i)[dims[k]]);
    }
    EXPECT_EQ(r.trainDelta.tokens, static_cast<std::int64_t>(delta.size()));
    const auto dr = bruteRanks(delta);
    for (int k = 0; k < 3; ++k) {
        const auto* n = &r.ranking[0];
        for (const auto& x : r.ranking)
            if (x.dim == dims[k]) n = &x;
        EXPECT_NEAR(n->rho, pearsonRef(bruteRanks(acts[k]), dr), 1e-6) << "dim " << dims[k];
    }
    // Ranked by |rho| descending.
    for (std::size_t i = 1; i < r.ranking.size(); ++i)
        EXPECT_GE(std::fabs(r.ranking[i - 1].rho), std::fabs(r.ranking[i].rho));
}

TEST_F(Dopamine, CandidateMlpBeatsRandomDims) {
    const auto& r = *s_result;
    std::cout << "candidate MLP: R2 " << r.candidateMlp.r2 << " MSE " << r.candidateMlp.mse << " rho "
              << r.candidateMlp.spearman << "; random: R2 " << r.randomMlp.r2 << " MSE " << r.randomMlp.mse
              << "; top rho " << r.ranking[0].rho << ", 2nd |rho| " << std::fabs(r.ranking[1].rho) << "\n";
    ASSERT_EQ(r.candidateMlp.dims.size(), 4u);
    EXPECT_EQ(r.candidateMlp.dims[0], kPlanted);
    // The baseline must not contain the planted dim for this comparison to mean anything.
    for (auto d : r.randomMlp.dims) ASSERT_NE(d, kPlanted);
    EXPECT_GT(r.candidateMlp.r2, 0.6);
    EXPECT_LT(r.randomMlp.r2, 0.1);
    EXPECT_LT(r.candidateMlp.mse, 0.5 * r.randomMlp.mse);
    EXPECT_GT(r.candidateMlp.spearman, 0.8);
    EXPECT_EQ(r.candidateMlp.trainLoss.size(), 25u);
}

TEST_F(Dopamine, TracesCarryHandDeltaAndDecodedTokens) {
    const auto& r = *s_result;
    ASSERT_EQ(r.traces.size(), 2u);
    // Default choice: test rollouts ascending, rewarded first, then unrewarded.
    EXPECT_GT(r.traces[0].reward, 0.5f);
    EXPECT_LT(r.traces[1].reward, 0.5f);
    for (const auto& t : r.traces) {
        EXPECT_EQ(t.split, "test");
        const auto& d = s_planted->delta[static_cast<std::size_t>(t.rollout)];
        ASSERT_EQ(t.delta.size(), d.size());
        for (std::size_t i = 0; i < d.size(); ++i) EXPECT_NEAR(t.delta[i], d[i], 1e-5);
        ASSERT_EQ(t.neuronDims.size(), 3u);
        EXPECT_EQ(t.neuronDims[0], kPlanted);
        ASSERT_EQ(t.activations.size(), 3u);
        EXPECT_EQ(t.activations[0].size(), d.size());
        EXPECT_EQ(t.tokenIds[0], 9707);
        EXPECT_EQ(t.tokens[0], "");  // no tokenizer
    }
    // With the Qwen tokenizer: text per id; a lone 0xE4 byte becomes U+FFFD; -1 stays empty.
    const auto tok = Tokenizer::fromFile(std::string(SRS_TEST_FIXTURES) + "/qwen-tokenizer/tokenizer.json");
    auto o = baseOptions();
    o.traces = 1;
    o.epochs = 1;
    ActivationCacheReader reader(s_dir->file("c.h5"));
    const auto withTok = analyzeDopamine(reader, *s_probes, "p.h5", o, &tok);
    const auto& t = withTok.traces.at(0);
    ASSERT_GE(t.tokens.size(), 5u);
    EXPECT_EQ(t.tokens[0], "Hello");
    EXPECT_EQ(t.tokens[1], " world");
    EXPECT_EQ(t.tokens[2], "\xEF\xBF\xBD");
    EXPECT_EQ(t.tokens[3], "<|endoftext|>");
    EXPECT_EQ(t.tokens[4], "");
    EXPECT_NO_THROW(dopamineJson(withTok).dump());
}

TEST_F(Dopamine, DeterministicForASeedAndColumnBlocksChangeNothing) {
    ActivationCacheReader reader(s_dir->file("c.h5"));
    auto strip = [](nlohmann::json j) {
        j.erase("seconds");
        return j;
    };
    const auto again = analyzeDopamine(reader, *s_probes, "p.h5", baseOptions());
    EXPECT_EQ(strip(dopamineJson(again)), strip(dopamineJson(*s_result)));
    auto o = baseOptions();
    o.rankMemoryBytes = 4ull * static_cast<std::uint64_t>(s_result->trainDelta.tokens) * 10;  // 10 columns a pass
    const auto blocked = analyzeDopamine(reader, *s_probes, "p.h5", o);
    EXPECT_EQ(blocked.rankPasses, 5);
    EXPECT_EQ(s_result->rankPasses, 1);
    ASSERT_EQ(blocked.ranking.size(), s_result->ranking.size());
    for (std::size_t i = 0; i < blocked.ranking.size(); ++i) {
        EXPECT_EQ(blocked.ranking[i].dim, s_result->ranking[i].dim);
        EXPECT_EQ(blocked.ranking[i].rho, s_result->ranking[i].rho);
    }
    o = baseOptions();
    o.seed = 4;
    const auto other = analyzeDopamine(reader, *s_probes, "p.h5", o);
    EXPECT_NE(other.randomMlp.dims, s_result->randomMlp.dims);
    EXPECT_EQ(other.candidateMlp.dims, s_result->candidateMlp.dims);
}

TEST_F(Dopamine, ExplicitTraceSelectionAndRankSign) {
    ActivationCacheReader reader(s_dir->file("c.h5"));
    auto o = baseOptions();
    o.epochs = 1;
    o.traceRollouts = {5, 2};
    o.traceQuestions = {"q0"};  // rollouts 0..3
    const auto r = analyzeDopamine(reader, *s_probes, "p.h5", o);
    std::vector<std::int64_t> got;
    for (const auto& t : r.traces) got.push_back(t.rollout);
    EXPECT_EQ(got, (std::vector<std::int64_t>{5, 2, 0, 1, 3}));
    o.rankBy = DopamineRankBy::Negative;
    o.traceRollouts.clear();
    o.traceQuestions.clear();
    const auto neg = analyzeDopamine(reader, *s_probes, "p.h5", o);
    EXPECT_EQ(neg.ranking.back().dim, kPlanted);  // the most positive rho ranks last
    EXPECT_LE(neg.ranking[0].rho, neg.ranking[1].rho);
    o.traceRollouts = {120};
    EXPECT_THROW(analyzeDopamine(reader, *s_probes, "p.h5", o), srs::InvalidArgument);
    o.traceRollouts.clear();
    o.traceQuestions = {"nope"};
    EXPECT_THROW(analyzeDopamine(reader, *s_probes, "p.h5", o), srs::InvalidArgument);
}

TEST_F(Dopamine, BadInput) {
    ActivationCacheReader reader(s_dir->file("c.h5"));
    auto expectThrow = [&](const ProbeTrainResult& p, const DopamineOptions& o, const std::string& needle,
                           bool usage) {
        try {
            analyzeDopamine(reader, p, "p.h5", o);
            ADD_FAILURE() << "no throw, expected: " << needle;
        } catch (const srs::InvalidArgument& e) {
            EXPECT_TRUE(usage) << e.what();
            EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
        } catch (const srs::Error& e) {
            EXPECT_FALSE(usage) << e.what();
            EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
        }
    };
    auto o = baseOptions();
    o.epochs = 1;
    o.layer = 1;  // in the cache, not in the probes file
    expectThrow(*s_probes, o, "no probe for layer 1 (layers: 0)", true);
    o = baseOptions();
    o.neuronLayer = 7;
    expectThrow(*s_probes, o, "neuron layer 7 is not in the cache (layers: 0, 1)", true);
    o = baseOptions();
    o.epochs = 1;
    expectThrow(plantedProbes(s_planted->questionIds, "other-model"), o, "model fingerprint 'other-model'", false);
    // Probes trained on a cache with other rollouts (fewer questions).
    std::vector<std::string> fewer(s_planted->questionIds.begin(), s_planted->questionIds.begin() + 80);
    expectThrow(plantedProbes(fewer), o, "another cache", false);
    auto emptyTest = plantedProbes(s_planted->questionIds);
    emptyTest.split.trainRollouts.insert(emptyTest.split.trainRollouts.end(), emptyTest.split.testRollouts.begin(),
                                         emptyTest.split.testRollouts.end());
    std::sort(emptyTest.split.trainRollouts.begin(), emptyTest.split.trainRollouts.end());
    emptyTest.split.testRollouts.clear();
    emptyTest.split.testQuestions.clear();
    expectThrow(emptyTest, o, "empty split", false);
    o.candidates = 0;
    expectThrow(*s_probes, o, "--candidates 0", true);
    o = baseOptions();
    o.traceSplit = "dev";
    expectThrow(*s_probes, o, "--split 'dev'", true);
    // A non-TD probe is usable (V is still a value estimate) but said clearly.
    o = baseOptions();
    o.epochs = 1;
    const auto mc = analyzeDopamine(reader, plantedProbes(s_planted->questionIds, "planted-model", ProbeMethod::Mc),
                                    "p.h5", o);
    ASSERT_EQ(mc.notes.size(), 1u);
    EXPECT_NE(mc.notes[0].find("method 'mc', not 'td'"), std::string::npos);
    EXPECT_TRUE(s_result->notes.empty());
}

TEST(DopamineFormat, JsonAndCsvShape) {
    DopamineResult r;
    r.options.layer = 2;
    r.options.neuronLayer = 2;
    r.options.gamma = 0.99;
    DopamineNeuron a;
    a.dim = 5, a.defined = true, a.rho = -0.5, a.pValue = 0.01, a.pBonferroni = 0.04, a.mean = 1, a.stddev = 2;
    DopamineNeuron b;
    b.dim = 1;  // constant dim: undefined
    r.ranking = {a, b};
    DopamineTrace t;
    t.rollout = 3;
    t.tokens = {"a", "b"};
    t.tokenIds = {1, 2};
    t.value = {0.5, 0.6};
    t.delta = {0.1, 0.4};
    t.neuronDims = {5};
    t.activations = {{1.0, -1.0}};
    r.traces = {t};
    const auto j = dopamineJson(r);
    EXPECT_EQ(j["format"], "srs-dopamine");
    EXPECT_EQ(j["format_version"], 1);
    EXPECT_EQ(j["ranking"][0]["dim"], 5);
    EXPECT_TRUE(j["ranking"][1]["rho"].is_null());
    EXPECT_EQ(j["traces"][0]["neurons"][0]["name"], "L2 #5");
    EXPECT_EQ(j["traces"][0]["neurons"][0]["activation_z"][1], -1.0);
    EXPECT_EQ(dopamineRankingCsv(r), "rank,dim,rho,p_value,p_bonferroni,mean,std\n0,5,-0.5,0.01,0.04,1,2\n1,1,,,,0,0\n");
}
