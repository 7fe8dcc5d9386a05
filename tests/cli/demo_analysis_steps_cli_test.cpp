// The analysis step kinds the demo records (core/session/steps/analysis_steps) also record
// from their own commands: `srs dopamine --session` appends a `dopamine` step with every
// option and the paths as written into the result; `srs replay --check` re-runs it through
// the registry into another folder and the result's fingerprint matches bit for bit (the
// result names the recorded paths, not the replay's). A bad parameter is refused naming the
// step and the parameter.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>

#include "test_util.h"
#include "tests/core/probe_synthetic_cache.h"

namespace fs = std::filesystem;
using srs::test::quote;
using srs::test::readFile;
using srs::test::runSrs;
using srs::test::TempDir;
using srs::test::writeFile;

TEST(DemoAnalysisStepsCli, DopamineSessionStepReplaysBitForBit) {
    TempDir dir;
    probe_test::SyntheticSpec spec;
    spec.layers = {0};
    spec.dModel = 32;
    spec.planted = {3, 9};
    spec.questions = 20;
    probe_test::writeSyntheticCache((dir / "c.h5").string(), spec);
    const std::string session = quote(dir / "s.srs.json");
    auto r = runSrs("probe train " + quote(dir / "c.h5") +
                    " --layers 0 --hidden 16 --lr 1e-3 --epochs 1 --seed 2 --bootstrap 20 --threads 1 -q --out " +
                    quote(dir / "p.h5") + " --session " + session);
    ASSERT_EQ(r.exitCode, 0) << r.err;
    r = runSrs("dopamine " + quote(dir / "c.h5") + " --probes " + quote(dir / "p.h5") +
               " --layer 0 --candidates 4 --mlp-epochs 2 --traces 1 --seed 7 --threads 1 -q --out " +
               quote(dir / "d.json") + " --csv " + quote(dir / "d.csv") + " --session " + session);
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.err.find("recorded step 's2' (dopamine)"), std::string::npos) << r.err;

    const auto j = nlohmann::json::parse(readFile(dir / "s.srs.json"));
    ASSERT_EQ(j["steps"].size(), 2u);
    const auto& step = j["steps"][1];
    EXPECT_EQ(step["kind"], "dopamine");
    EXPECT_EQ(step["parameters"]["candidates"], 4);
    EXPECT_EQ(step["parameters"]["mlp_epochs"], 2);
    EXPECT_EQ(step["parameters"]["traces"], 1);
    EXPECT_FALSE(step["parameters"].contains("gamma"));  // not given: the probes file's
    EXPECT_EQ(step["seeds"]["seed"], 7);
    EXPECT_EQ(step["inputs"][0]["role"], "cache");
    EXPECT_EQ(step["inputs"][1]["path"], "p.h5");
    EXPECT_EQ(step["outputs"][0]["role"], "dopamine");
    // The result names the probes file as given on the command line; so does the parameter.
    const auto result = nlohmann::json::parse(readFile(dir / "d.json"));
    EXPECT_EQ(step["parameters"]["paths"]["probes"], result["probes_path"]);

    r = runSrs("replay " + session + " --check -q --out " + quote(dir / "r"));
    ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
    EXPECT_NE(r.out.find("3 outputs checked, 0 mismatch(es)"), std::string::npos) << r.out;
    // The replayed result names the recorded path, not its own folder.
    const auto replayed = nlohmann::json::parse(readFile(dir / "r" / "s2" / "d.json"));
    EXPECT_EQ(replayed["probes_path"], result["probes_path"]);
    EXPECT_EQ(readFile(dir / "r" / "s2" / "d.csv"), readFile(dir / "d.csv"));

    // A bad parameter: refused before anything runs, naming the step and the parameter.
    auto bad = j;
    bad["steps"][1]["parameters"]["rank_by"] = "sideways";
    writeFile(dir / "bad.srs.json", bad.dump(2));
    r = runSrs("replay " + quote(dir / "bad.srs.json") + " -q --out " + quote(dir / "r2"));
    EXPECT_NE(r.exitCode, 0);
    EXPECT_NE(r.err.find("step 's2' (dopamine)"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("rank_by"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(dir / "r2" / "s1"));
}
