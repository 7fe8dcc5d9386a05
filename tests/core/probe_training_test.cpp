// Value probes on synthetic caches with a planted reward signal (5 of 256 dims).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <set>

#include "core/cache/activation_cache_reader.h"
#include "core/error.h"
#include "core/probe/probe_file.h"
#include "core/probe/probe_trainer.h"
#include "core/probe/question_split.h"
#include "core/probe/value_probes.h"
#include "tests/core/probe_synthetic_cache.h"

using namespace srs::core;
using namespace probe_test;

namespace {

ProbeTrainOptions fastOptions(ProbeMethod m = ProbeMethod::Td) {
    ProbeTrainOptions o;
    o.method = m;
    o.hidden = 64;
    o.lr = 1e-3;
    o.epochs = 6;
    o.seed = 3;
    o.bootstrap = 200;
    return o;
}

/// One shared cache for the read-only tests (built once).
class ProbeTraining : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        setProbeThreads(1);
        s_dir = new TempDir();
        s_path = s_dir->file("synthetic.h5");
        writeSyntheticCache(s_path, SyntheticSpec{});
    }
    static void TearDownTestSuite() {
        delete s_dir;
        s_dir = nullptr;
    }
    static TempDir* s_dir;
    static std::string s_path;
};
TempDir* ProbeTraining::s_dir = nullptr;
std::string ProbeTraining::s_path;

const std::set<std::int64_t> kPlanted{7, 42, 99, 150, 201};

}  // namespace

TEST(QuestionSplitTest, NoQuestionOnBothSidesAndDeterministic) {
    std::vector<std::string> ids;
    for (int q = 0; q < 50; ++q)
        for (int k = 0; k < 4; ++k) ids.push_back("q" + std::to_string(q));
    auto a = splitByQuestion(ids, 0.2, 11, "c.h5");
    auto b = splitByQuestion(ids, 0.2, 11, "c.h5");
    EXPECT_EQ(a.testRollouts, b.testRollouts);
    EXPECT_EQ(a.testQuestions.size(), 10u);  // round(0.2 * 50)
    EXPECT_EQ(a.trainQuestions, 40u);
    EXPECT_EQ(a.testRollouts.size() + a.trainRollouts.size(), ids.size());
    std::set<std::string> test(a.testQuestions.begin(), a.testQuestions.end());
    for (auto r : a.trainRollouts) EXPECT_EQ(test.count(ids[static_cast<std::size_t>(r)]), 0u);
    for (auto r : a.testRollouts) EXPECT_EQ(test.count(ids[static_cast<std::size_t>(r)]), 1u);
    EXPECT_NE(splitByQuestion(ids, 0.2, 12, "c.h5").testQuestions, a.testQuestions);
}

TEST(QuestionSplitTest, OneQuestionIsAnEmptySplit) {
    std::vector<std::string> ids(8, "only");
    try {
        splitByQuestion(ids, 0.2, 0, "one.h5");
        FAIL() << "expected an error";
    } catch (const srs::Error& e) {
        EXPECT_NE(std::string(e.what()).find("one.h5: empty split: 1 question"), std::string::npos) << e.what();
    }
}

TEST(ProbeLayersTest, ResolveSpecs) {
    const std::vector<int> have{0, 1, 2, 3, 5, 6, 7};
    EXPECT_EQ(resolveLayers("all", have, "c.h5"), have);
    EXPECT_EQ(resolveLayers("0,3,5-7", have, "c.h5"), (std::vector<int>{0, 3, 5, 6, 7}));
    try {
        resolveLayers("4", have, "c.h5");
        FAIL();
    } catch (const srs::InvalidArgument& e) {
        EXPECT_STREQ(e.what(), "c.h5: layer 4 is not in the cache (layers: 0, 1, 2, 3, 5, 6, 7)");
    }
    EXPECT_THROW(resolveLayers("a-b", have, "c.h5"), srs::InvalidArgument);
    EXPECT_THROW(resolveLayers("7-5", have, "c.h5"), srs::InvalidArgument);
}

TEST_F(ProbeTraining, TdProbeLearnsPlantedSignalOnEveryLayer) {
    ActivationCacheReader reader(s_path);
    auto res = trainValueProbes(reader, {0, 3}, fastOptions());
    ASSERT_EQ(res.layers.size(), 2u);
    EXPECT_EQ(res.split.testQuestions.size(), 12u);
    for (const auto& p : res.layers) {
        ASSERT_TRUE(p.eval.aurocS0.defined) << p.eval.aurocS0.reason;
        EXPECT_GT(p.eval.aurocS0.estimate, 0.9) << "layer " << p.layer;
        EXPECT_GT(p.eval.aurocFinal.estimate, 0.9) << "layer " << p.layer;
        EXPECT_LE(p.eval.aurocS0.lower, p.eval.aurocS0.estimate);
        EXPECT_GE(p.eval.aurocS0.upper, p.eval.aurocS0.estimate);
        ASSERT_EQ(p.finalLoss.size(), 6u);
        EXPECT_LT(p.finalLoss.back(), p.finalLoss.front());
        EXPECT_EQ(p.testVs0.size(), res.split.testRollouts.size());
        // Top-5 L1 dims (p = 0.98 of 256 keeps round(5.12) = 5) are exactly the planted dims.
        auto set = valueNeuronSet(p, 256, 0.98);
        ASSERT_EQ(set.dims.size(), 5u);
        EXPECT_EQ(std::set<std::int64_t>(set.dims.begin(), set.dims.end()), kPlanted) << "layer " << p.layer;
        EXPECT_TRUE(std::is_sorted(set.scores.rbegin(), set.scores.rend()));
    }
}

TEST_F(ProbeTraining, ForwardOfStoredWeightsReproducesTestScores) {
    ActivationCacheReader reader(s_path);
    auto o = fastOptions();
    o.epochs = 1;
    auto res = trainValueProbes(reader, {3}, o);
    const auto& p = res.layers[0];
    const auto r = res.split.testRollouts[0];
    auto rows = reader.readRollout("resid_post", 3, r);
    std::vector<float> s0(rows.data.begin(), rows.data.begin() + 256);
    std::vector<float> sT(rows.data.end() - 256, rows.data.end());
    EXPECT_NEAR(probeForward(p.weights, s0, 1)[0], p.testVs0[0], 1e-5);
    EXPECT_NEAR(probeForward(p.weights, sT, 1)[0], p.testVFinal[0], 1e-5);
}

TEST_F(ProbeTraining, SameSeedGivesBitwiseSameNumbers) {
    ActivationCacheReader reader(s_path);
    auto o = fastOptions();
    o.epochs = 2;
    auto a = trainValueProbes(reader, {0, 3}, o);
    auto b = trainValueProbes(reader, {0, 3}, o);
    for (std::size_t l = 0; l < 2; ++l) {
        const auto& wa = a.layers[l].weights;
        const auto& wb = b.layers[l].weights;
        ASSERT_EQ(wa.w1.size(), wb.w1.size());
        EXPECT_EQ(0, std::memcmp(wa.w1.data(), wb.w1.data(), wa.w1.size() * sizeof(float)));
        EXPECT_EQ(0, std::memcmp(wa.w2.data(), wb.w2.data(), wa.w2.size() * sizeof(float)));
        EXPECT_EQ(0, std::memcmp(a.layers[l].testVs0.data(), b.layers[l].testVs0.data(),
                                 a.layers[l].testVs0.size() * sizeof(float)));
        EXPECT_EQ(a.layers[l].eval.aurocS0.lower, b.layers[l].eval.aurocS0.lower);
    }
    o.seed = 4;
    auto c = trainValueProbes(reader, {0, 3}, o);
    EXPECT_NE(c.layers[0].weights.w1, a.layers[0].weights.w1);
}

TEST_F(ProbeTraining, StackedLayersDoNotCouple) {
    // Layer 3 trained alone equals layer 3 trained in one bmm with layer 0 (init depends on
    // (seed, layer) only; AdamW is elementwise; losses are per layer).
    ActivationCacheReader reader(s_path);
    auto o = fastOptions();
    o.epochs = 2;
    auto both = trainValueProbes(reader, {0, 3}, o);
    auto alone = trainValueProbes(reader, {3}, o);
    const auto& a = both.layers[1].weights.w1;
    const auto& b = alone.layers[0].weights.w1;
    ASSERT_EQ(a.size(), b.size());
    float maxDiff = 0.0f;
    for (std::size_t i = 0; i < a.size(); ++i) maxDiff = std::max(maxDiff, std::fabs(a[i] - b[i]));
    EXPECT_LT(maxDiff, 1e-6f);
    EXPECT_NEAR(both.layers[1].eval.aurocS0.estimate, alone.layers[0].eval.aurocS0.estimate, 1e-9);
}

TEST_F(ProbeTraining, Bf16MatmulsLearnTheSameSignal) {
    ActivationCacheReader reader(s_path);
    auto o = fastOptions();
    o.computeDtype = "bfloat16";
    auto res = trainValueProbes(reader, {3}, o);
    EXPECT_GT(res.layers[0].eval.aurocS0.estimate, 0.9);
    auto set = valueNeuronSet(res.layers[0], 256, 0.98);
    EXPECT_EQ(std::set<std::int64_t>(set.dims.begin(), set.dims.end()), kPlanted);
    o.computeDtype = "float16";
    EXPECT_THROW(trainValueProbes(reader, {3}, o), srs::InvalidArgument);
}

TEST_F(ProbeTraining, McAndLinearBaselinesLearnToo) {
    ActivationCacheReader reader(s_path);
    for (auto m : {ProbeMethod::Mc, ProbeMethod::Linear}) {
        auto res = trainValueProbes(reader, {3}, fastOptions(m));
        EXPECT_GT(res.layers[0].eval.aurocS0.estimate, 0.9) << probeMethodName(m);
        if (m == ProbeMethod::Linear) {
            EXPECT_EQ(res.layers[0].weights.hidden, 0);
            EXPECT_EQ(res.layers[0].weights.w1.size(), 256u);
        }
    }
}

TEST_F(ProbeTraining, PruneCurveStaysFlatUpTo098) {
    ActivationCacheReader reader(s_path);
    auto o = fastOptions();
    auto curve = pruneCurve(reader, {3}, {0.0, 0.5, 0.9, 0.98, 0.995}, o);
    ASSERT_EQ(curve.points.size(), 1u);
    const auto& pts = curve.points[0];
    ASSERT_EQ(pts.size(), 5u);
    // kept = round((1 - p) * 256), at least 1.
    EXPECT_EQ(pts[0].kept, 256);
    EXPECT_EQ(pts[1].kept, 128);
    EXPECT_EQ(pts[2].kept, 26);
    EXPECT_EQ(pts[3].kept, 5);
    EXPECT_EQ(pts[4].kept, 1);
    const double full = pts[0].eval.aurocS0.estimate;
    EXPECT_GT(full, 0.9);
    for (std::size_t i = 1; i < 4; ++i) EXPECT_GT(pts[i].eval.aurocS0.estimate, full - 0.03) << pts[i].ratio;
    // One planted dim alone carries less signal than five.
    EXPECT_LT(pts[4].eval.aurocS0.estimate, pts[3].eval.aurocS0.estimate);
    auto j = pruneCurveJson(curve);
    EXPECT_EQ(j["layers"][0]["points"][3]["kept"], 5);
    EXPECT_NE(pruneCurveCsv(curve).find("3,0.98,5,"), std::string::npos);
}

TEST_F(ProbeTraining, BadInputsAreClearErrors) {
    ActivationCacheReader reader(s_path);
    try {
        trainValueProbes(reader, {9}, fastOptions());
        FAIL();
    } catch (const srs::InvalidArgument& e) {
        EXPECT_NE(std::string(e.what()).find("layer 9 is not in the cache (layers: 0, 3)"), std::string::npos);
    }
    auto o = fastOptions();
    o.hook = "mlp_out";
    EXPECT_THROW(trainValueProbes(reader, {3}, o), srs::InvalidArgument);
    o = fastOptions();
    o.batchTrajectories = 0;
    EXPECT_THROW(trainValueProbes(reader, {3}, o), srs::InvalidArgument);
}

TEST_F(ProbeTraining, CancelStopsTraining) {
    ActivationCacheReader reader(s_path);
    CancelToken token;
    int reports = 0;
    JobContext job([&](const ProgressEvent&) { if (++reports == 3) token.cancel(); }, token);
    EXPECT_THROW(trainValueProbes(reader, {0, 3}, fastOptions(), job), srs::Cancelled);
    EXPECT_EQ(reports, 3);
}

TEST(ProbeInputs, AllRewardsEqualIsUndefinedNotACrash) {
    setProbeThreads(1);
    TempDir dir;
    SyntheticSpec sp;
    sp.questions = 10;
    sp.constantReward = 1;
    writeSyntheticCache(dir.file("ones.h5"), sp);
    ActivationCacheReader reader(dir.file("ones.h5"));
    auto o = fastOptions();
    o.epochs = 1;
    auto res = trainValueProbes(reader, {0}, o);
    const auto& e = res.layers[0].eval.aurocS0;
    EXPECT_FALSE(e.defined);
    EXPECT_NE(e.reason.find("AUROC undefined"), std::string::npos) << e.reason;
    EXPECT_NE(e.reason.find("all 8 labels are 1"), std::string::npos) << e.reason;
}

TEST(ProbeInputs, SingleQuestionCacheIsAnEmptySplit) {
    TempDir dir;
    SyntheticSpec sp;
    sp.questions = 1;
    writeSyntheticCache(dir.file("one.h5"), sp);
    ActivationCacheReader reader(dir.file("one.h5"));
    try {
        trainValueProbes(reader, {0}, fastOptions());
        FAIL();
    } catch (const srs::Error& e) {
        EXPECT_NE(std::string(e.what()).find("empty split"), std::string::npos) << e.what();
    }
}

TEST(ProbeFileTest, RoundTripAndNoOverwrite) {
    setProbeThreads(1);
    TempDir dir;
    SyntheticSpec sp;
    sp.questions = 12;
    writeSyntheticCache(dir.file("c.h5"), sp);
    ActivationCacheReader reader(dir.file("c.h5"));
    auto o = fastOptions();
    o.epochs = 1;
    auto res = trainValueProbes(reader, {0, 3}, o);
    writeProbeFile(dir.file("p.h5"), res, false);
    EXPECT_THROW(writeProbeFile(dir.file("p.h5"), res, false), srs::Error);
    auto back = readProbeFile(dir.file("p.h5"));
    EXPECT_EQ(back.modelFingerprint, "synthetic-model-A");
    EXPECT_EQ(back.dModel, 256);
    EXPECT_EQ(back.split.testRollouts, res.split.testRollouts);
    ASSERT_EQ(back.layers.size(), 2u);
    for (std::size_t l = 0; l < 2; ++l) {
        EXPECT_EQ(back.layers[l].layer, res.layers[l].layer);
        EXPECT_EQ(back.layers[l].weights.w1, res.layers[l].weights.w1);
        EXPECT_EQ(back.layers[l].weights.b2, res.layers[l].weights.b2);
        EXPECT_EQ(back.layers[l].testVs0, res.layers[l].testVs0);
        EXPECT_EQ(back.layers[l].eval.aurocS0.estimate, res.layers[l].eval.aurocS0.estimate);
    }
    EXPECT_THROW(readProbeFile(dir.file("c.h5")), srs::FormatError);  // a cache, not a probes file
}
