// computeIouMatrix on hand-made probes whose L1 scores give known neuron sets; IoU, chance
// IoU and p-value worked by hand (hypergeometric counts), cross-checked against core/stats.
#include <gtest/gtest.h>

#include <string>

#include "core/analysis/iou_matrix.h"
#include "core/error.h"
#include "core/stats/iou.h"

using namespace srs::core;

namespace {

// A linear probe over all d dims whose |w1[j]| = scores[j].
ProbeTrainResult handProbe(const std::vector<float>& scores, const std::string& model = "m", int layer = 2) {
    ProbeTrainResult r;
    r.dModel = static_cast<std::int64_t>(scores.size());
    r.modelFingerprint = model;
    LayerProbe p;
    p.layer = layer;
    for (std::size_t j = 0; j < scores.size(); ++j) p.weights.dims.push_back(static_cast<std::int64_t>(j));
    p.weights.hidden = 0;
    for (float s : scores) p.weights.w1.push_back(-s);  // sign must not matter (L1)
    p.weights.b1 = {0.0f};
    r.layers.push_back(p);
    return r;
}

// A: dims ranked 0,1,2,...,9.  B: ranked 1,2,3,4,5, then 0 and the rest.
const std::vector<float> kA{10, 9, 8, 7, 6, 5, 4, 3, 2, 1};
const std::vector<float> kB{0.5f, 10, 9, 8, 7, 6, 0.1f, 0.2f, 0.3f, 0.4f};

}  // namespace

TEST(AnalysisIou, HandMadeSetsKnownOverlapAndExactChance) {
    const auto m = computeIouMatrix({"a.h5", "b.h5"}, {handProbe(kA), handProbe(kB)}, 2, {0.7, 0.5});
    ASSERT_EQ(m.pairs.size(), 2u);
    // ratio 0.7: keep 3. A {0,1,2}, B {1,2,3}: |A∩B| = 2, IoU 2/4.
    const auto& p = m.pairs[0].at(0);
    EXPECT_EQ(p.sizeA, 3u);
    EXPECT_EQ(p.sizeB, 3u);
    EXPECT_EQ(p.intersection, 2u);
    EXPECT_DOUBLE_EQ(p.iou, 0.5);
    // Hypergeometric(10, 3, 3): counts of k = 0..3 are 35, 63, 21, 1 of 120.
    // E[IoU] = (63/5 + 21/2 + 1) / 120; P(k >= 2) = 22/120.
    EXPECT_NEAR(p.expectedIou, (63.0 / 5 + 21.0 / 2 + 1.0) / 120.0, 1e-12);
    EXPECT_NEAR(p.pValue, 22.0 / 120.0, 1e-12);
    EXPECT_NEAR(p.expectedIou, expectedRandomIou(3, 3, 10), 1e-12);
    // ratio 0.5: keep 5. A {0..4}, B {1..5}: |A∩B| = 4, IoU 4/6.
    const auto& q = m.pairs[1].at(0);
    EXPECT_EQ(q.intersection, 4u);
    EXPECT_NEAR(q.iou, 4.0 / 6.0, 1e-15);
    // Hypergeometric(10, 5, 5): counts 1, 25, 100, 100, 25, 1 of 252; IoU = k / (10 - k).
    const double e = (25.0 / 9 + 100.0 * 2 / 8 + 100.0 * 3 / 7 + 25.0 * 4 / 6 + 1.0) / 252.0;
    EXPECT_NEAR(q.expectedIou, e, 1e-12);
    EXPECT_NEAR(q.pValue, 26.0 / 252.0, 1e-12);
    EXPECT_TRUE(m.notes.empty());
}

TEST(AnalysisIou, ThreeFilesSymmetricMatrixJsonAndCsv) {
    // C ranks 7,8,9 first: disjoint from A's and B's top 3.
    const std::vector<float> kC{0, 0, 0, 0, 0, 0, 0, 9, 8, 7};
    const auto m = computeIouMatrix({"a.h5", "b.h5", "c.h5"}, {handProbe(kA), handProbe(kB), handProbe(kC, "other")}, 2,
                                    {0.7});
    const auto mat = m.matrix(0);
    EXPECT_DOUBLE_EQ(mat[0][0], 1.0);
    EXPECT_DOUBLE_EQ(mat[0][1], 0.5);
    EXPECT_DOUBLE_EQ(mat[1][0], 0.5);
    EXPECT_DOUBLE_EQ(mat[0][2], 0.0);
    EXPECT_DOUBLE_EQ(mat[2][1], 0.0);
    // Disjoint: P(k >= 0) = 1.
    EXPECT_DOUBLE_EQ(m.pairs[0][1].pValue, 1.0);
    ASSERT_EQ(m.notes.size(), 1u);  // different fingerprint noted, not refused
    EXPECT_NE(m.notes[0].find("c.h5"), std::string::npos);
    const auto j = iouMatrixJson(m);
    EXPECT_EQ(j["ratios"][0]["pairs"].size(), 3u);
    EXPECT_EQ(j["ratios"][0]["iou_matrix"][1][0].get<double>(), 0.5);
    const auto csv = iouMatrixCsv(m);
    EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 4);
    EXPECT_NE(csv.find("0.7,\"a.h5\",\"b.h5\",3,3,2,0.5,"), std::string::npos);
}

TEST(AnalysisIou, RefusesDifferentDModelAndMissingLayer) {
    try {
        computeIouMatrix({"a.h5", "small.h5"}, {handProbe(kA), handProbe({1, 2, 3, 4})}, 2, {0.5});
        FAIL() << "expected Error";
    } catch (const srs::Error& e) {
        EXPECT_EQ(dynamic_cast<const srs::InvalidArgument*>(&e), nullptr);  // a file problem (exit 1), not usage
        const std::string msg = e.what();
        EXPECT_NE(msg.find("small.h5"), std::string::npos) << msg;
        EXPECT_NE(msg.find("a.h5"), std::string::npos) << msg;
        EXPECT_NE(msg.find("10"), std::string::npos) << msg;
        EXPECT_NE(msg.find("4"), std::string::npos) << msg;
    }
    try {
        computeIouMatrix({"a.h5", "b.h5"}, {handProbe(kA), handProbe(kB, "m", 5)}, 2, {0.5});
        FAIL() << "expected InvalidArgument";
    } catch (const srs::InvalidArgument& e) {
        const std::string msg = e.what();
        EXPECT_NE(msg.find("b.h5"), std::string::npos) << msg;
        EXPECT_NE(msg.find("layers: 5"), std::string::npos) << msg;
    }
    EXPECT_THROW(computeIouMatrix({"a.h5"}, {handProbe(kA)}, 2, {0.5}), srs::InvalidArgument);
    EXPECT_THROW(computeIouMatrix({"a.h5", "b.h5"}, {handProbe(kA), handProbe(kB)}, 2, {1.0}), srs::InvalidArgument);
}

TEST(AnalysisIou, FromSetsRejectsOutOfRangeAndRepeats) {
    EXPECT_THROW(computeIouMatrixFromSets({"a", "b"}, 4, 0, {0.5}, {{{0, 1}, {1, 4}}}), srs::InvalidArgument);
    EXPECT_THROW(computeIouMatrixFromSets({"a", "b"}, 4, 0, {0.5}, {{{0, 0}, {1, 2}}}), srs::InvalidArgument);
    const auto m = computeIouMatrixFromSets({"a", "b"}, 4, 0, {0.5}, {{{0, 1}, {1, 2}}});
    EXPECT_NEAR(m.pairs[0][0].iou, 1.0 / 3.0, 1e-15);
}
