// `srs dopamine` end to end through the real binary, on a TD probe trained by `srs probe train`
// over a synthetic cache. Reference: V(s_t), delta_t and the Spearman rho of every dim
// recomputed in Python (numpy + scipy.stats.spearmanr) from the cache and probes files with h5py.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

#include "tests/core/probe_synthetic_cache.h"
#include "tests/support/test_util.h"

using namespace probe_test;

namespace {

std::string srsCmd(const std::string& args) { return "OMP_NUM_THREADS=1 " + std::string(SRS_CLI_PATH) + " " + args; }

const char* kReference = R"PY(
import h5py, json, sys
import numpy as np
from scipy.stats import spearmanr
cache, probes, layer = sys.argv[1], sys.argv[2], int(sys.argv[3])
c = h5py.File(cache, 'r'); p = h5py.File(probes, 'r')
x = c['acts/resid_post/layer_%02d' % layer][()].astype(np.float64)
off = c['rollouts/offset'][()]; rew = c['rollouts/reward'][()].astype(np.float64)
g = p['layers/layer_%02d' % layer]
h = np.maximum(x[:, g['dims'][()]] @ g['w1'][()].astype(np.float64) + g['b1'][()], 0)
v = 1 / (1 + np.exp(-(h @ g['w2'][()].astype(np.float64) + g['b2'][()][0])))
gamma = json.loads(p.attrs['options_json'])['gamma']
delta = np.empty_like(v)
for i in range(len(off) - 1):
    a, b = off[i], off[i + 1]
    delta[a:b - 1] = gamma * v[a + 1:b] - v[a:b - 1]
    delta[b - 1] = rew[i] - v[b - 1]
train = p['split/train_rollouts'][()]
rows = np.concatenate([np.arange(off[r], off[r + 1]) for r in train])
rho = [float(spearmanr(x[rows, j], delta[rows])[0]) for j in range(x.shape[1])]
print(json.dumps({'rho': rho, 'delta': delta.tolist(), 'v': v.tolist(), 'offsets': off.tolist()}))
)PY";

class DopamineCli : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        s_dir = new TempDir();
        SyntheticSpec a;
        a.layers = {0, 2};
        a.dModel = 64;
        a.planted = {7, 42};
        a.questions = 30;
        writeSyntheticCache(s_dir->file("a.h5"), a);
        SyntheticSpec b = a;
        b.model = "synthetic-model-B";
        writeSyntheticCache(s_dir->file("b.h5"), b);
        const auto r = srs::test::run(srsCmd("probe train " + s_dir->file("a.h5") +
                                          " --layers 0 --method td --hidden 16 --lr 1e-3 --epochs 2 --seed 3 "
                                          "--bootstrap 20 -q --out " + s_dir->file("p.h5")));
        ASSERT_EQ(r.exitCode, 0) << r.err;
    }
    static void TearDownTestSuite() { delete s_dir; }
    static TempDir* s_dir;
};
TempDir* DopamineCli::s_dir = nullptr;

}  // namespace

TEST_F(DopamineCli, MatchesPythonReferenceAndWritesJsonAndCsv) {
    const std::string out = s_dir->file("d.json"), csv = s_dir->file("d.csv");
    const auto r = srs::test::run(srsCmd("dopamine " + s_dir->file("a.h5") + " --probes " +
                                      s_dir->file("p.h5") + " --layer 0 --candidates 8 --mlp-epochs 3 --traces 3 " +
                                      "--trace-neurons 2 -q --out " + out + " --csv " + csv));
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("random dims"), std::string::npos) << r.out;
    EXPECT_NE(r.err.find("no --tokenizer"), std::string::npos) << r.err;
    const auto j = nlohmann::json::parse(srs::test::readFile(out));
    EXPECT_EQ(j["format"], "srs-dopamine");
    EXPECT_EQ(j["format_version"], 1);
    EXPECT_EQ(j["layer"], 0);
    EXPECT_EQ(j["neuron_layer"], 0);
    EXPECT_EQ(j["probe_method"], "td");
    EXPECT_NEAR(j["gamma"].get<double>(), 1.0 - 1e-5, 1e-12);
    ASSERT_EQ(j["ranking"].size(), 64u);
    ASSERT_EQ(j["traces"].size(), 3u);
    EXPECT_EQ(j["mlp"]["candidates"]["dims"].size(), 8u);
    EXPECT_EQ(j["mlp"]["random"]["train_loss"].size(), 3u);

    const std::string script = s_dir->file("ref.py");
    std::ofstream(script) << kReference;
    const auto py = srs::test::run(std::string(SRS_PYTHON) + " " + script + " " + s_dir->file("a.h5") + " " +
                                   s_dir->file("p.h5") + " 0");
    ASSERT_EQ(py.exitCode, 0) << py.err;
    const auto ref = nlohmann::json::parse(py.out);
    // Every dim's rho (float32 forward in srs vs float64 here: near-tied deltas may swap ranks).
    for (const auto& n : j["ranking"]) {
        const auto dim = n["dim"].get<std::size_t>();
        EXPECT_NEAR(n["rho"].get<double>(), ref["rho"][dim].get<double>(), 2e-3) << "dim " << dim;
    }
    // Traces: V and delta per token of the exported rollouts.
    for (const auto& t : j["traces"]) {
        const auto ro = t["rollout"].get<std::size_t>();
        const auto a = ref["offsets"][ro].get<std::size_t>();
        ASSERT_EQ(t["delta"].size(), ref["offsets"][ro + 1].get<std::size_t>() - a);
        for (std::size_t i = 0; i < t["delta"].size(); ++i) {
            EXPECT_NEAR(t["value"][i].get<double>(), ref["v"][a + i].get<double>(), 1e-5);
            EXPECT_NEAR(t["delta"][i].get<double>(), ref["delta"][a + i].get<double>(), 1e-5);
        }
        EXPECT_EQ(t["split"], "test");
        EXPECT_EQ(t["neurons"].size(), 2u);
    }
    // CSV: header + one line per dim, in ranking order.
    std::istringstream in(srs::test::readFile(csv));
    std::string line;
    std::getline(in, line);
    EXPECT_EQ(line, "rank,dim,rho,p_value,p_bonferroni,mean,std");
    int lines = 0;
    while (std::getline(in, line)) {
        if (lines == 0) EXPECT_EQ(line.substr(0, line.find(',', 2)), "0," + std::to_string(j["ranking"][0]["dim"].get<int>()));
        ++lines;
    }
    EXPECT_EQ(lines, 64);

    // Refuses to overwrite without --force (exit 1, names the file), replaces with it.
    const std::string base = "dopamine " + s_dir->file("a.h5") + " --probes " + s_dir->file("p.h5") +
                             " --layer 0 --candidates 4 --mlp-epochs 1 --traces 0 -q --out " + out;
    const auto again = srs::test::run(srsCmd(base));
    EXPECT_EQ(again.exitCode, 1);
    EXPECT_NE(again.err.find("d.json: file exists"), std::string::npos) << again.err;
    EXPECT_EQ(srs::test::run(srsCmd(base + " --force")).exitCode, 0);
}

TEST_F(DopamineCli, BadInputExitCodes) {
    const std::string probes = " --probes " + s_dir->file("p.h5");
    // Layer 2 is in the cache but has no probe: usage error (2).
    auto r = srs::test::run(srsCmd("dopamine " + s_dir->file("a.h5") + probes + " --layer 2 -q"));
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find("no probe for layer 2 (layers: 0)"), std::string::npos) << r.err;
    r = srs::test::run(srsCmd("dopamine " + s_dir->file("a.h5") + probes + " --layer 0 --neuron-layer 5 -q"));
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find("neuron layer 5 is not in the cache"), std::string::npos) << r.err;
    // Probes of model A on the cache of model B: error (1) naming both.
    r = srs::test::run(srsCmd("dopamine " + s_dir->file("b.h5") + probes + " --layer 0 -q"));
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("synthetic-model-A"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("synthetic-model-B"), std::string::npos) << r.err;
    r = srs::test::run(srsCmd("dopamine " + s_dir->file("a.h5") + probes + " --layer 0 --rank-by up -q"));
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find("--rank-by 'up'"), std::string::npos) << r.err;
}
