// `srs probe train`, `srs probe prune-curve`, `srs neurons` end to end through the real binary,
// on synthetic caches with a reward signal planted in dims {7, 42, 99, 150, 201} of 256.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <array>
#include <cstdio>
#include <fstream>
#include <set>

#include "tests/core/probe_synthetic_cache.h"

using namespace probe_test;

namespace {

struct RunResult {
    int code = -1;
    std::string out;
    std::string err;
};

RunResult runSrs(const std::string& args, const TempDir& dir) {
    RunResult r;
    const std::string errFile = dir.file("stderr.txt");
    std::string cmd = "OMP_NUM_THREADS=1 " + std::string(SRS_CLI_PATH) + " " + args + " 2>" + errFile;
    FILE* p = popen(cmd.c_str(), "r");
    if (!p) return r;
    std::array<char, 4096> buf{};
    std::size_t n;
    while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
    int status = pclose(p);
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::ifstream in(errFile);
    r.err.assign(std::istreambuf_iterator<char>(in), {});
    return r;
}

std::string slurp(const std::string& path) {
    std::ifstream in(path);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

const std::string kFast = " --hidden 64 --lr 1e-3 --epochs 6 --seed 3 --bootstrap 200 -q";

class ProbeCli : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        s_dir = new TempDir();
        writeSyntheticCache(s_dir->file("c.h5"), SyntheticSpec{});
    }
    static void TearDownTestSuite() {
        delete s_dir;
        s_dir = nullptr;
    }
    static std::string cache() { return s_dir->file("c.h5"); }
    static TempDir* s_dir;
};
TempDir* ProbeCli::s_dir = nullptr;

}  // namespace

TEST_F(ProbeCli, TrainWritesProbesCsvAndJsonThenNeuronsFindPlantedDims) {
    TempDir dir;
    const std::string out = dir.file("probes.h5"), csv = dir.file("t.csv");
    auto r = runSrs("probe train " + cache() + " --layers all --method td" + kFast + " --out " + out + " --csv " + csv +
                        " --json",
                    dir);
    ASSERT_EQ(r.code, 0) << r.err;
    auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["method"], "td");
    EXPECT_EQ(j["test_questions"], 12);  // round(0.2 * 60)
    EXPECT_EQ(j["test_rollouts"], 48);
    ASSERT_EQ(j["layers"].size(), 2u);
    for (const auto& l : j["layers"]) {
        EXPECT_GT(l["s0"]["auroc"].get<double>(), 0.9);
        EXPECT_LE(l["s0"]["ci_low"].get<double>(), l["s0"]["auroc"].get<double>());
    }
    const std::string table = slurp(csv);
    EXPECT_EQ(table.rfind("layer,method,auroc_s0,ci_low_s0,ci_high_s0,", 0), 0u);
    EXPECT_NE(table.find("\n3,td,0."), std::string::npos);

    // h5py (an independent reader) sees the documented schema.
    const std::string py = std::string(SRS_PYTHON) +
                           " -c \"import h5py,sys; f=h5py.File(sys.argv[1]); g=f['layers/layer_03'];"
                           " print(f.attrs['format'], f.attrs['format_version'], g['w1'].shape, g['w2'].shape,"
                           " g['test_v_s0'].shape, f['split/test_rollouts'].shape, round(float(g.attrs['auroc_s0']),6))\" " +
                           out;
    FILE* p = popen(py.c_str(), "r");
    ASSERT_TRUE(p);
    std::array<char, 512> buf{};
    std::string pyOut(buf.data(), fread(buf.data(), 1, buf.size(), p));
    EXPECT_EQ(pclose(p), 0);
    EXPECT_EQ(pyOut.substr(0, pyOut.find(" (")), "srs-probes 1") << pyOut;
    EXPECT_NE(pyOut.find("(256, 64) (64,) (48,) (48,)"), std::string::npos) << pyOut;

    // Neuron set at p = 0.98: round(0.02 * 256) = 5 dims = the planted ones.
    const std::string nj = dir.file("n.json");
    r = runSrs("neurons " + out + " --layer 3 --ratio 0.98 --out " + nj, dir);
    ASSERT_EQ(r.code, 0) << r.err;
    auto n = nlohmann::json::parse(slurp(nj));
    EXPECT_EQ(n["format"], "srs-neuron-set");
    EXPECT_EQ(n["layer"], 3);
    EXPECT_EQ(n["d_model"], 256);
    EXPECT_EQ(n["model_fingerprint"], "synthetic-model-A");
    EXPECT_EQ(n["cache_path"], cache());
    auto dims = n["dims"].get<std::vector<int>>();
    EXPECT_EQ(std::set<int>(dims.begin(), dims.end()), (std::set<int>{7, 42, 99, 150, 201}));
    EXPECT_EQ(n["scores"].size(), 5u);
    // Existing output is not replaced without --force.
    r = runSrs("neurons " + out + " --layer 3 --ratio 0.5 --out " + nj, dir);
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.err.find("exists"), std::string::npos) << r.err;
    r = runSrs("neurons " + out + " --layer 5 --ratio 0.9", dir);
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("no probe for layer 5 (layers: 0, 3)"), std::string::npos) << r.err;
}

TEST_F(ProbeCli, RefusesToOverwriteWithoutForce) {
    TempDir dir;
    const std::string out = dir.file("p.h5");
    { std::ofstream(out) << "user data"; }
    auto r = runSrs("probe train " + cache() + " --layers 3 --epochs 1 --hidden 8 -q --out " + out, dir);
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.err.find(out + ": file exists (pass --force to replace it)"), std::string::npos) << r.err;
    EXPECT_EQ(slurp(out), "user data");
    r = runSrs("probe train " + cache() + " --layers 3 --epochs 1 --hidden 8 -q --force --out " + out, dir);
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_NE(slurp(out), "user data");
}

TEST_F(ProbeCli, PruneCurveJsonAndCsv) {
    TempDir dir;
    const std::string out = dir.file("curve.json"), csv = dir.file("curve.csv");
    auto r = runSrs("probe prune-curve " + cache() + " --layers 3 --ratios 0,0.9,0.98" + kFast + " --out " + out +
                        " --csv " + csv,
                    dir);
    ASSERT_EQ(r.code, 0) << r.err;
    auto j = nlohmann::json::parse(slurp(out));
    EXPECT_EQ(j["format"], "srs-prune-curve");
    const auto& pts = j["layers"][0]["points"];
    ASSERT_EQ(pts.size(), 3u);
    EXPECT_EQ(pts[0]["kept"], 256);
    EXPECT_EQ(pts[1]["kept"], 26);
    EXPECT_EQ(pts[2]["kept"], 5);
    for (const auto& p : pts) EXPECT_GT(p["s0"]["auroc"].get<double>(), 0.88) << p.dump();
    EXPECT_EQ(slurp(csv).rfind("layer,ratio,kept,auroc_s0,", 0), 0u);
}

TEST_F(ProbeCli, BadInputs) {
    TempDir dir;
    const std::string out = dir.file("p.h5");
    auto r = runSrs("probe train " + cache() + " --layers 0,9 -q --out " + out, dir);
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find(cache() + ": layer 9 is not in the cache (layers: 0, 3)"), std::string::npos) << r.err;
    r = runSrs("probe train " + cache() + " --method sarsa -q --out " + out, dir);
    EXPECT_EQ(r.code, 2);
    r = runSrs("probe prune-curve " + cache() + " --ratios 0,1.5 -q --out " + dir.file("c.json"), dir);
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("1.5 is outside [0, 1)"), std::string::npos) << r.err;
    r = runSrs("probe train " + dir.file("missing.h5") + " -q --out " + out, dir);
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.err.find("missing.h5"), std::string::npos) << r.err;
    r = runSrs("neurons " + cache() + " --layer 0 --ratio 0.9", dir);  // a cache is not a probes file
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.err.find("not an SRS probes file"), std::string::npos) << r.err;
    EXPECT_FALSE(std::filesystem::exists(out));

    // One question: nothing to hold out.
    SyntheticSpec one;
    one.questions = 1;
    writeSyntheticCache(dir.file("one.h5"), one);
    r = runSrs("probe train " + dir.file("one.h5") + " -q --out " + out, dir);
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.err.find("empty split: 1 question(s)"), std::string::npos) << r.err;

    // All rewards equal: trains, says why AUROC is undefined, exit 0.
    SyntheticSpec zeros;
    zeros.questions = 10;
    zeros.constantReward = 0;
    writeSyntheticCache(dir.file("zeros.h5"), zeros);
    r = runSrs("probe train " + dir.file("zeros.h5") + " --layers 0 --hidden 8 --epochs 1 -q --out " + out, dir);
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find("AUROC undefined: all 8 labels are 0"), std::string::npos) << r.out;
}
