// `srs iou`, `srs route`, `srs mine-confident-wrong` end to end through the real binary, on
// probes trained by `srs probe train` over synthetic caches; references computed in Python
// (h5py) from the probes file, not by the code under test.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <array>
#include <cstdio>
#include <algorithm>
#include <fstream>
#include <set>

#include "tests/core/probe_synthetic_cache.h"

using namespace probe_test;

namespace {

struct Run {
    int code = -1;
    std::string out, err;
};

Run runCmd(const std::string& cmdLine, const TempDir& dir) {
    Run r;
    const std::string errFile = dir.file("stderr.txt");
    FILE* p = popen((cmdLine + " 2>" + errFile).c_str(), "r");
    if (!p) return r;
    std::array<char, 4096> buf{};
    std::size_t n;
    while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
    const int status = pclose(p);
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::ifstream in(errFile);
    r.err.assign(std::istreambuf_iterator<char>(in), {});
    return r;
}

Run runSrs(const std::string& args, const TempDir& dir) {
    return runCmd("OMP_NUM_THREADS=1 " + std::string(SRS_CLI_PATH) + " " + args, dir);
}

// Reads the held-out data of layer 0 from a probes file with h5py.
nlohmann::json pythonProbeData(const std::string& probes, const TempDir& dir) {
    const std::string script = dir.file("read.py");
    std::ofstream(script) << "import h5py, json, sys\n"
                             "f = h5py.File(sys.argv[1], 'r')\n"
                             "print(json.dumps({'idx': [int(x) for x in f['split/test_rollouts'][()]],\n"
                             "  'r': [float(x) for x in f['split/test_rewards'][()]],\n"
                             "  'v': [float(x) for x in f['layers/layer_00/test_v_s0'][()]]}))\n";
    const auto r = runCmd(std::string(SRS_PYTHON) + " " + script + " " + probes, dir);
    EXPECT_EQ(r.code, 0) << r.err;
    return nlohmann::json::parse(r.out);
}

class AnalysisCli : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        s_dir = new TempDir();
        SyntheticSpec a;
        a.layers = {0};
        a.questions = 30;
        writeSyntheticCache(s_dir->file("a.h5"), a);
        SyntheticSpec b = a;
        b.seed = 2;
        b.model = "synthetic-model-B";
        writeSyntheticCache(s_dir->file("b.h5"), b);
        SyntheticSpec c = a;
        c.dModel = 128;
        c.planted = {7, 42, 99};
        writeSyntheticCache(s_dir->file("c.h5"), c);
        for (const char* n : {"a", "b", "c"}) {
            auto r = runSrs(std::string("probe train ") + s_dir->file(std::string(n) + ".h5") +
                             " --layers 0 --method linear --lr 1e-2 --epochs 4 --seed 3 --bootstrap 50 -q --out " +
                             s_dir->file(std::string(n) + "_probes.h5"),
                         *s_dir);
            ASSERT_EQ(r.code, 0) << r.err;
        }
    }
    static void TearDownTestSuite() {
        delete s_dir;
        s_dir = nullptr;
    }
    static std::string f(const std::string& name) { return s_dir->file(name); }
    static TempDir* s_dir;
};
TempDir* AnalysisCli::s_dir = nullptr;

}  // namespace

TEST_F(AnalysisCli, IouAcrossModelsFindsPlantedDims) {
    auto r = runSrs("iou " + f("a_probes.h5") + " " + f("b_probes.h5") + " --layer 0 --ratios 0.98,0.9 --json --csv " +
                     f("iou.csv"),
                 *s_dir);
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.err.find("different model fingerprints"), std::string::npos) << r.err;  // noted, not refused
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["d_model"], 256);
    ASSERT_EQ(j["ratios"].size(), 2u);
    const auto& p = j["ratios"][0]["pairs"][0];
    // ratio 0.98 keeps round(0.02 * 256) = 5 dims: both probes should find the 5 planted dims.
    EXPECT_EQ(p["size_a"], 5);
    EXPECT_EQ(p["size_b"], 5);
    EXPECT_GE(p["intersection"].get<int>(), 4);
    EXPECT_LT(p["expected_iou"].get<double>(), 0.02);
    EXPECT_LT(p["p_value"].get<double>(), 1e-6);
    r = runSrs("iou " + f("a_probes.h5") + " " + f("b_probes.h5") + " --layer 0 --ratios 0.98", *s_dir);  // text
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find("ratio 0.98:"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("|A|=5 |B|=5"), std::string::npos) << r.out;
    std::ifstream csv(f("iou.csv"));
    std::string header;
    std::getline(csv, header);
    EXPECT_EQ(header, "ratio,file_a,file_b,size_a,size_b,intersection,iou,expected_iou,p_value");
}

TEST_F(AnalysisCli, IouErrors) {
    auto r = runSrs("iou " + f("a_probes.h5") + " " + f("c_probes.h5") + " --layer 0", *s_dir);
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.err.find("c_probes.h5"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("128"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("256"), std::string::npos) << r.err;
    r = runSrs("iou " + f("a_probes.h5") + " " + f("b_probes.h5") + " --layer 3", *s_dir);
    EXPECT_NE(r.code, 0);
    EXPECT_NE(r.err.find("layers: 0"), std::string::npos) << r.err;
    r = runSrs("iou " + f("a_probes.h5") + " " + f("a.h5") + " --layer 0", *s_dir);  // a cache, not probes
    EXPECT_EQ(r.code, 1) << r.err;
    r = runSrs("iou " + f("a_probes.h5") + " --layer 0", *s_dir);  // one file
    EXPECT_EQ(r.code, 2);
    r = runSrs("iou " + f("a_probes.h5") + " " + f("b_probes.h5") + " --layer 0 --ratios 1.5", *s_dir);
    EXPECT_EQ(r.code, 2);
}

TEST_F(AnalysisCli, RouteMatchesPythonReference) {
    const auto d = pythonProbeData(f("a_probes.h5"), *s_dir);
    auto r = runSrs("route " + f("a_probes.h5") + " --layer 0 --cost-direct 1 --cost-escalate 5 --escalate-accuracy 0.9 --json",
                 *s_dir);
    ASSERT_EQ(r.code, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    const auto& v = d["v"];
    const auto& rw = d["r"];
    const std::size_t n = v.size();
    ASSERT_EQ(j["n"], n);
    // Independent O(n^2) reference: for each reported finite threshold t, direct = {V >= t}.
    std::size_t finite = 0;
    for (const auto& p : j["curve"]) {
        if (p["threshold"].is_string()) continue;
        ++finite;
        const double t = p["threshold"].get<double>();
        double correct = 0;
        std::size_t direct = 0;
        for (std::size_t i = 0; i < n; ++i)
            if (static_cast<float>(v[i].get<double>()) >= static_cast<float>(t)) {
                ++direct;
                correct += rw[i].get<double>();
            }
        const double esc = static_cast<double>(n - direct);
        EXPECT_EQ(p["direct"], direct);
        EXPECT_NEAR(p["accuracy"].get<double>(), (correct + 0.9 * esc) / n, 1e-9);
        EXPECT_NEAR(p["mean_cost"].get<double>(), (direct + 5 * esc) / n, 1e-9);
    }
    std::set<float> distinct;
    for (const auto& x : v) distinct.insert(static_cast<float>(x.get<double>()));
    EXPECT_EQ(finite, distinct.size());
    EXPECT_GE(j["pareto"].size(), 2u);
    r = runSrs("route " + f("a_probes.h5") + " --layer 0", *s_dir);  // text table
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find("inf"), std::string::npos) << r.out;
    // bad args -> 2, bad file -> 1
    EXPECT_EQ(runSrs("route " + f("a_probes.h5") + " --layer 0 --escalate-accuracy 2", *s_dir).code, 2);
    EXPECT_EQ(runSrs("route " + f("nope.h5") + " --layer 0", *s_dir).code, 1);
}

TEST_F(AnalysisCli, MineConfidentWrongMatchesPythonReference) {
    // The rollouts file the synthetic cache "was captured from": q{i/4}, sample i%4, file order.
    const auto d = pythonProbeData(f("a_probes.h5"), *s_dir);
    {
        std::ofstream out(f("rollouts.jsonl"));
        for (int i = 0; i < 120; ++i)
            out << nlohmann::json{{"question_id", "q" + std::to_string(i / 4)}, {"sample_index", i % 4},
                                  {"response", "resp" + std::to_string(i)}, {"reward", 0}}.dump()
                << "\n";
    }
    auto r = runSrs("mine-confident-wrong " + f("a_probes.h5") + " --layer 0 --rollouts " + f("rollouts.jsonl") +
                     " --top 3 --out " + f("mined.jsonl") + " --json",
                 *s_dir);
    ASSERT_EQ(r.code, 0) << r.err;
    // Reference: held-out wrong rollouts sorted by V descending, first 3.
    std::vector<std::pair<double, int>> wrong;
    for (std::size_t i = 0; i < d["idx"].size(); ++i)
        if (d["r"][i].get<double>() == 0.0) wrong.push_back({-d["v"][i].get<double>(), d["idx"][i].get<int>()});
    std::sort(wrong.begin(), wrong.end());
    ASSERT_GE(wrong.size(), 3u);
    std::ifstream in(f("mined.jsonl"));
    std::string line;
    std::size_t k = 0;
    while (std::getline(in, line)) {
        const auto rec = nlohmann::json::parse(line);
        ASSERT_LT(k, 3u);
        EXPECT_EQ(rec["response"], "resp" + std::to_string(wrong[k].second));
        EXPECT_NEAR(rec["v_s0"].get<double>(), -wrong[k].first, 1e-6);
        ++k;
    }
    EXPECT_EQ(k, 3u);
    EXPECT_EQ(nlohmann::json::parse(r.out)["written"], 3);
    // refuses to overwrite; neither --top nor --min-v is a usage error
    EXPECT_EQ(runSrs("mine-confident-wrong " + f("a_probes.h5") + " --layer 0 --rollouts " + f("rollouts.jsonl") +
                      " --top 3 --out " + f("mined.jsonl"), *s_dir).code, 1);
    EXPECT_EQ(runSrs("mine-confident-wrong " + f("a_probes.h5") + " --layer 0 --rollouts " + f("rollouts.jsonl") +
                      " --out " + f("m2.jsonl"), *s_dir).code, 2);
    // a rollouts file in another order -> 1, naming the file and line
    {
        std::ofstream out(f("shuffled.jsonl"));
        for (int i = 119; i >= 0; --i)
            out << nlohmann::json{{"question_id", "q" + std::to_string(i / 4)}, {"sample_index", i % 4}, {"reward", 0}}.dump()
                << "\n";
    }
    r = runSrs("mine-confident-wrong " + f("a_probes.h5") + " --layer 0 --rollouts " + f("shuffled.jsonl") +
                " --min-v 0 --out " + f("m3.jsonl"), *s_dir);
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.err.find("shuffled.jsonl:1:"), std::string::npos) << r.err;
    EXPECT_FALSE(std::filesystem::exists(f("m3.jsonl")));
}
