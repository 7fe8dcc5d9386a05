// Shared-initialisation flag of computeIouMatrix: which pairs of probes start from the same
// weights follows from the trainer's seeding (seed and layer only; architecture = linear or
// MLP hidden size), written out here by hand for each pair.
#include <gtest/gtest.h>

#include <string>

#include "core/analysis/iou_matrix.h"

using namespace srs::core;

namespace {

ProbeTrainResult probe(const std::vector<float>& scores, ProbeMethod method, std::uint64_t seed, int hidden) {
    ProbeTrainResult r;
    r.dModel = static_cast<std::int64_t>(scores.size());
    r.modelFingerprint = "m";
    r.options.method = method;
    r.options.seed = seed;
    r.options.hidden = hidden;
    LayerProbe p;
    p.layer = 1;
    for (std::size_t j = 0; j < scores.size(); ++j) p.weights.dims.push_back(static_cast<std::int64_t>(j));
    p.weights.hidden = 0;  // scores as a linear w1: only the L1 ranking matters here
    p.weights.w1 = scores;
    p.weights.b1 = {0.0f};
    r.layers.push_back(p);
    return r;
}

const std::vector<float> kS{6, 5, 4, 3, 2, 1};

}  // namespace

TEST(AnalysisIouInit, SharesInitialisationOnlyForSameSeedAndArchitecture) {
    ProbeTrainOptions td, mc, lin;
    td.method = ProbeMethod::Td;
    mc.method = ProbeMethod::Mc;
    lin.method = ProbeMethod::Linear;
    EXPECT_TRUE(sharesProbeInitialisation(td, mc));  // same MLP, seed 0, H 1024: target does not matter
    auto other = td;
    other.lr = 1e-2;
    other.epochs = 9;
    other.testFraction = 0.5;
    EXPECT_TRUE(sharesProbeInitialisation(td, other));  // training settings do not change the init
    other = td;
    other.seed = 1;
    EXPECT_FALSE(sharesProbeInitialisation(td, other));
    other = mc;
    other.hidden = 512;
    EXPECT_FALSE(sharesProbeInitialisation(td, other));  // other w1 shape
    EXPECT_FALSE(sharesProbeInitialisation(td, lin));
    auto lin2 = lin;
    lin2.hidden = 7;  // ignored for linear
    EXPECT_TRUE(sharesProbeInitialisation(lin, lin2));
}

TEST(AnalysisIouInit, FlagsExactlyTheSharedPairsInJsonAndWarnings) {
    // [0] td seed 3 H 16, [1] mc seed 3 H 16 (shared with 0), [2] td seed 4 H 16,
    // [3] td seed 3 H 32, [4] linear seed 4, [5] linear seed 4 (shared with 4).
    const auto m = computeIouMatrix({"a.h5", "b.h5", "c.h5", "d.h5", "e.h5", "f.h5"},
                                    {probe(kS, ProbeMethod::Td, 3, 16), probe(kS, ProbeMethod::Mc, 3, 16),
                                     probe(kS, ProbeMethod::Td, 4, 16), probe(kS, ProbeMethod::Td, 3, 32),
                                     probe(kS, ProbeMethod::Linear, 4, 1024), probe(kS, ProbeMethod::Linear, 4, 16)},
                                    1, {0.5, 0.8});
    EXPECT_EQ(m.seeds, (std::vector<std::uint64_t>{3, 3, 4, 3, 4, 4}));
    ASSERT_EQ(m.pairs.size(), 2u);
    for (const auto& ratioPairs : m.pairs) {
        ASSERT_EQ(ratioPairs.size(), 15u);
        for (const auto& p : ratioPairs) {
            const bool expected = (p.i == 0 && p.j == 1) || (p.i == 4 && p.j == 5);
            EXPECT_EQ(p.sharedInit, expected) << p.i << "," << p.j;
            EXPECT_DOUBLE_EQ(p.iou, 1.0);  // identical scores: the flag does not change the numbers
        }
    }
    ASSERT_EQ(m.warnings.size(), 2u);
    EXPECT_EQ(m.warnings[0], std::string("a.h5 and b.h5 share their initialisation (seed 3, MLP hidden 16): ") +
                                 kSharedInitWarning);
    EXPECT_EQ(m.warnings[1], std::string("e.h5 and f.h5 share their initialisation (seed 4, linear): ") +
                                 kSharedInitWarning);
    const auto j = iouMatrixJson(m);
    EXPECT_EQ(j["probe_seeds"], nlohmann::json::array({3, 3, 4, 3, 4, 4}));
    EXPECT_EQ(j["warnings"].size(), 2u);
    EXPECT_EQ(j["ratios"][1]["pairs"][0]["shared_init"], true);    // (0,1)
    EXPECT_EQ(j["ratios"][1]["pairs"][1]["shared_init"], false);   // (0,2)
    EXPECT_EQ(j["ratios"][1]["pairs"][14]["shared_init"], true);   // (4,5)
}

TEST(AnalysisIouInit, NeuronSetJsonCarriesTheInitialisation) {
    nlohmann::json j{{"format", "srs-neuron-set"}};
    ProbeTrainOptions o;
    o.method = ProbeMethod::Mc;
    o.seed = 42;
    o.hidden = 64;
    addProbeInitJson(j, o);
    EXPECT_EQ(j["probe_seed"], 42);
    EXPECT_EQ(j["probe_method"], "mc");
    EXPECT_EQ(j["probe_hidden"], 64);
    o.method = ProbeMethod::Linear;
    addProbeInitJson(j, o);
    EXPECT_EQ(j["probe_hidden"], 0);
    EXPECT_EQ(j["probe_method"], "linear");
}
