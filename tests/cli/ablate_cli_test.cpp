// `srs ablate` end to end through the real binary on the tiny fixture model: rollouts ->
// capture -> TD/MC probes -> ablate. The output is checked by an independent Python reader
// (Wilson / Newcombe recomputed from the counts, set sizes and disjointness from the dims);
// bad input gives exit 1 or 2 and leaves no output file.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <sstream>
#include <string>

#include "test_util.h"
#include "tests/core/probe_synthetic_cache.h"

namespace fs = std::filesystem;
using srs::test::quote;
using srs::test::readFile;
using srs::test::TempDir;
using srs::test::writeFile;

namespace {

srs::test::CommandResult srs_(const std::string& args) {
    return srs::test::run("OMP_NUM_THREADS=1 " + std::string(SRS_CLI_PATH) + " " + args);
}

const char* kQuestions =
    "{\"id\": \"a\", \"question\": \"12+7=\", \"answer\": \"19\"}\n"
    "{\"id\": \"b\", \"question\": \"3*4=\", \"answer\": \"12\"}\n"
    "{\"id\": \"c\", \"question\": \"20-5=\", \"answer\": \"15\"}\n"
    "{\"id\": \"d\", \"question\": \"9+9=\", \"answer\": \"18\"}\n"
    "{\"id\": \"e\", \"question\": \"7*6=\", \"answer\": \"42\"}\n";

/// Built once: the tiny model with a tokenizer, its rollouts, cache (layers 0-1) and probes.
class AblateCli : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        s_dir = new TempDir();
        srs::test::copyTinyModelWithQwenTokenizer(path("model"));
        writeFile(path("q.jsonl"), kQuestions);
        auto r = srs_("rollout " + quote(path("model")) + " --data " + quote(path("q.jsonl")) +
                      " --id-field id --template 'Q: {question} A:' --samples 2 --max-new-tokens 4 --seed 1 --quiet "
                      "--out " + quote(path("r.jsonl")));
        ASSERT_EQ(r.exitCode, 0) << r.err;
        r = srs_("capture " + quote(path("model")) + " --rollouts " + quote(path("r.jsonl")) +
                 " --layers 0,1 --store-dtype float32 --quiet --out " + quote(path("cache.h5")));
        ASSERT_EQ(r.exitCode, 0) << r.err;
        for (const char* m : {"td", "mc"}) {
            r = srs_("probe train " + quote(path("cache.h5")) + " --layers all --method " + m +
                     " --hidden 8 --epochs 1 --bootstrap 10 --test-fraction 0.4 -q --out " +
                     quote(path(std::string(m) + ".h5")));
            ASSERT_EQ(r.exitCode, 0) << r.err;
        }
        const std::string firstLine = readFile(path("r.jsonl")).substr(0, readFile(path("r.jsonl")).find('\n'));
        s_fingerprint = nlohmann::json::parse(firstLine)["model_fingerprint"].get<std::string>();
    }
    static void TearDownTestSuite() {
        delete s_dir;
        s_dir = nullptr;
    }
    static fs::path path(const std::string& name) { return *s_dir / name; }
    static std::string base(const std::string& extra, const fs::path& probes = {}, const fs::path& cache = {}) {
        return "ablate " + quote(path("model")) + " --data " + quote(path("q.jsonl")) +
               " --id-field id --template 'Q: {question} A:' --samples 2 --max-new-tokens 4 --seed 1 --probes " +
               quote(probes.empty() ? path("td.h5") : probes) + " --cache " +
               quote(cache.empty() ? path("cache.h5") : cache) + " -q " + extra;
    }
    static TempDir* s_dir;
    static std::string s_fingerprint;
};
TempDir* AblateCli::s_dir = nullptr;
std::string AblateCli::s_fingerprint;

// Independent reader: recomputes everything checkable from the file alone.
const char* kCheckScript = R"PY(
import json, math, sys, csv
z = 1.959963984540054
def wilson(k, n):
    p = k / n; d = 1 + z*z/n; c = p + z*z/(2*n); h = z*math.sqrt(p*(1-p)/n + z*z/(4*n*n))
    return p, (c-h)/d, (c+h)/d
doc = json.load(open(sys.argv[1])); rows = list(csv.DictReader(open(sys.argv[2])))
ratio, d = doc["settings"]["ratio"], doc["d_model"]
k = max(1, round((1 - ratio) * d))
errs = []
def check(cond, msg):
    if not cond: errs.append(msg)
check(doc["format"] == "srs-ablation" and doc["format_version"] == 1, "format")
n = doc["rows"]; b = doc["baseline"]
check(b["correct"] == sum(doc["per_row"]["baseline_correct"]) and b["total"] == n, "baseline counts")
p, lo, hi = wilson(b["correct"], n)
check(abs(b["ci_low"] - lo) < 1e-9 and abs(b["ci_high"] - hi) < 1e-9, "baseline wilson")
check(len(doc["cells"]) == len(doc["settings"]["layers"]) * len(doc["settings"]["conditions"]), "cell count")
value = {}
for s in doc["sets"]:
    check(len(s["dims"]) == k and len(set(s["dims"])) == k, "set size %s" % s["condition"])
    if s["condition"] == "value": value[s["layer"]] = set(s["dims"])
for s in doc["sets"]:
    ov = len(set(s["dims"]) & value[s["layer"]])
    check(ov == s["overlap_with_value"], "overlap %s" % s["condition"])
    if s["condition"] in ("random", "magnitude-matched"): check(ov == 0, "disjoint %s" % s["condition"])
    check(abs(s["set_mean_abs"] - sum(s["mean_abs"]) / k) < 1e-9, "set mean %s" % s["condition"])
for c in doc["cells"]:
    check(c["correct"] == sum(c["row_correct"]) and c["total"] == n, "cell counts")
    p1, l1, u1 = wilson(c["correct"], n); p2, l2, u2 = wilson(b["correct"], n)
    check(abs(c["ci_low"] - l1) < 1e-9 and abs(c["ci_high"] - u1) < 1e-9, "cell wilson")
    dd = p1 - p2
    check(abs(c["diff_vs_baseline"] - dd) < 1e-12, "diff")
    check(abs(c["diff_ci_low"] - (dd - math.sqrt((p1-l1)**2 + (u2-p2)**2))) < 1e-9, "newcombe low")
    check(abs(c["diff_ci_high"] - (dd + math.sqrt((u1-p1)**2 + (p2-l2)**2))) < 1e-9, "newcombe high")
check(len(rows) == 1 + len(doc["cells"]) and rows[0]["condition"] == "baseline", "csv rows")
for r, c in zip(rows[1:], doc["cells"]):
    check(int(r["layer"]) == c["layer"] and r["condition"] == c["condition"] and int(r["correct"]) == c["correct"], "csv cell")
print(json.dumps({"errors": errs, "k": k, "changed": sum(c["changed_responses"] for c in doc["cells"])}))
)PY";

}  // namespace

TEST_F(AblateCli, WritesResultsThatAnIndependentReaderConfirms) {
    TempDir out;
    const auto json = out / "abl.json", csvPath = out / "abl.csv";
    auto r = srs_(base("--layers 0-1 --conditions value,random,magnitude-matched,largest-activation,mc-probe "
                       "--mc-probes " + quote(path("mc.h5")) + " --ratio 0.9 --out " + quote(json) + " --csv " +
                       quote(csvPath)));
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.err.find("baseline"), std::string::npos) << r.err;
    writeFile(out / "check.py", kCheckScript);
    auto py = srs::test::run(std::string(SRS_PYTHON) + " " + quote(out / "check.py") + " " + quote(json) + " " +
                             quote(csvPath));
    ASSERT_EQ(py.exitCode, 0) << py.err;
    const auto check = nlohmann::json::parse(py.out);
    EXPECT_TRUE(check["errors"].empty()) << py.out;
    EXPECT_EQ(check["k"], 6);  // round(0.1 * 64)
    EXPECT_GT(check["changed"].get<int>(), 0) << "zeroing 6 of 64 residual dims changed no response";

    const auto doc = nlohmann::json::parse(readFile(json));
    EXPECT_EQ(doc["model_fingerprint"], s_fingerprint);
    EXPECT_EQ(doc["probes_path"], path("td.h5").string());
    EXPECT_EQ(doc["mc_probes_path"], path("mc.h5").string());
    EXPECT_EQ(doc["cache_path"], path("cache.h5").string());
    EXPECT_EQ(doc["probes_fingerprint"].get<std::string>().size(), 16u);
    EXPECT_EQ(doc["cache_fingerprint"].get<std::string>().size(), 16u);
    EXPECT_EQ(doc["settings"]["samples"], 2);
    EXPECT_EQ(doc["settings"]["seed"], 1);
    EXPECT_EQ(doc["rows"], 10);
    EXPECT_FALSE(doc["software_version"].get<std::string>().empty());

    // No overwrite without --force; the same seed gives the same numbers.
    const std::string before = readFile(json);
    r = srs_(base("--layers 0-1 --conditions value,random,magnitude-matched,largest-activation,mc-probe "
                  "--mc-probes " + quote(path("mc.h5")) + " --ratio 0.9 --out " + quote(json)));
    EXPECT_EQ(r.exitCode, 1) << r.err;
    EXPECT_NE(r.err.find("--force"), std::string::npos) << r.err;
    EXPECT_EQ(readFile(json), before);
    r = srs_(base("--layers 0-1 --conditions value,random,magnitude-matched,largest-activation,mc-probe "
                  "--mc-probes " + quote(path("mc.h5")) + " --ratio 0.9 --force --out " + quote(json)));
    ASSERT_EQ(r.exitCode, 0) << r.err;
    auto again = nlohmann::json::parse(readFile(json));
    auto first = nlohmann::json::parse(before);
    for (const char* key : {"baseline", "cells", "sets", "per_row"}) EXPECT_EQ(again[key], first[key]) << key;
}

TEST_F(AblateCli, BadInputExitsWithAClearMessageAndWritesNothing) {
    TempDir out;
    const auto json = out / "abl.json";
    struct Case {
        std::string args;
        int code;
        std::string fragment;
        fs::path probes = {}, cache = {};
    };
    // Probes of another d_model carrying this model's fingerprint, and probes of another model.
    {
        probe_test::SyntheticSpec s;
        s.dModel = 32;
        s.planted = {1, 2};
        s.layers = {0};
        s.questions = 10;
        s.model = s_fingerprint;
        s.dtype = srs::core::StoreDtype::Float32;
        probe_test::writeSyntheticCache((out / "d32.h5").string(), s);
        s.dModel = 64;
        s.model = "another-model";
        probe_test::writeSyntheticCache((out / "other.h5").string(), s);
        for (const char* n : {"d32", "other"}) {
            auto r = srs_("probe train " + quote(out / (std::string(n) + ".h5")) +
                          " --layers 0 --method td --hidden 4 --epochs 1 --bootstrap 10 -q --out " +
                          quote(out / (std::string(n) + "_probes.h5")));
            ASSERT_EQ(r.exitCode, 0) << r.err;
        }
    }
    const std::vector<Case> cases = {
        {"--layers 0 --conditions value,bogus", 2, "unknown ablation condition 'bogus'"},
        {"--layers 0 --conditions value --ratio 1.5", 2, "--ratio 1.5 must be in (0, 1)"},
        {"--layers 0 --conditions value --ratio 0", 2, "--ratio 0 must be in (0, 1)"},
        {"--layers 0 --conditions value,mc-probe", 2, "needs --mc-probes"},
        {"--layers x --conditions value", 2, "--layers 'x'"},
        {"--layers 3 --conditions value", 1, "layer 3 is not in the cache"},
        {"--layers 9 --conditions value", 1, "layer 9 is not a layer of the model"},
        {"--layers 0 --conditions value", 1, "d_model 32", out / "d32_probes.h5"},
        {"--layers 0 --conditions value", 1, "another-model", out / "other_probes.h5"},
        {"--layers 0 --conditions value", 1, "another-model", {}, out / "other.h5"},
        {"--layers 0 --conditions value", 1, "expected 'td'", path("mc.h5")},
    };
    for (const auto& c : cases) {
        const auto r = srs_(base(c.args + " --out " + quote(json), c.probes, c.cache));
        EXPECT_EQ(r.exitCode, c.code) << c.args << "\n" << r.err;
        EXPECT_NE(r.err.find(c.fragment), std::string::npos) << c.args << "\n" << r.err;
        EXPECT_FALSE(fs::exists(json)) << c.args;
    }
    for (const auto& e : fs::directory_iterator(out.path()))
        EXPECT_EQ(e.path().string().find("abl"), std::string::npos) << "left behind: " << e.path();
}
