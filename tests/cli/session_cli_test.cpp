// `--session` recording and `srs replay --check` end to end on a small synthetic cache:
// probe train -> prune-curve -> neurons -> iou are recorded, replayed bit for bit, and a
// tampered recorded fingerprint, a changed input, an unknown kind and a future schema each
// fail with a message naming the step.
// (Each srs start costs ~0.45 s of libtorch loading: the scenario is one test.)
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

namespace {

const std::string kProbe = " --hidden 16 --lr 1e-3 --epochs 1 --seed 5 --bootstrap 20 --threads 1 -q";

nlohmann::json readJson(const fs::path& p) { return nlohmann::json::parse(readFile(p)); }

}  // namespace

TEST(SessionCli, RecordThenReplayCheckPassesAndTamperingFails) {
    TempDir dir;
    probe_test::SyntheticSpec spec;
    spec.questions = 20;
    spec.dModel = 32;
    spec.layers = {0};
    spec.planted = {3, 7, 11};
    spec.maxResponse = 8;
    probe_test::writeSyntheticCache((dir / "c.h5").string(), spec);
    const std::string session = quote(dir / "s.srs.json");
    const std::string c = quote(dir / "c.h5"), probes = quote(dir / "probes.h5");

    auto r = runSrs("probe train " + c + " --layers 0" + kProbe + " --out " + probes + " --session " + session);
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.err.find("recorded step 's1' (probe-train)"), std::string::npos) << r.err;
    r = runSrs("probe prune-curve " + c + " --layers 0 --ratios 0,0.5,0.9" + kProbe + " --out " +
               quote(dir / "curve.json") + " --csv " + quote(dir / "curve.csv") + " --session " + session);
    ASSERT_EQ(r.exitCode, 0) << r.err;
    r = runSrs("neurons " + probes + " --layer 0 --ratio 0.9 --out " + quote(dir / "n.json") + " --csv " +
               quote(dir / "n.csv") + " --session " + session);
    ASSERT_EQ(r.exitCode, 0) << r.err;
    r = runSrs("iou " + probes + " " + probes + " --layer 0 --ratios 0.5,0.9 --csv " + quote(dir / "iou.csv") +
               " --session " + session);
    ASSERT_EQ(r.exitCode, 0) << r.err;

    // The session: 4 steps, paths relative to its folder, seeds and fingerprints recorded.
    const auto j = readJson(dir / "s.srs.json");
    ASSERT_EQ(j["steps"].size(), 4u);
    EXPECT_EQ(j["steps"][0]["kind"], "probe-train");
    EXPECT_EQ(j["steps"][0]["seeds"]["seed"], 5);
    EXPECT_EQ(j["steps"][0]["parameters"]["hidden"], 16);
    EXPECT_EQ(j["steps"][0]["inputs"][0]["path"], "c.h5");
    EXPECT_EQ(j["steps"][0]["outputs"][0]["role"], "probes");
    EXPECT_EQ(j["steps"][1]["outputs"].size(), 2u);  // curve + csv
    EXPECT_EQ(j["steps"][3]["inputs"][1]["role"], "probes.1");
    for (const auto& st : j["steps"])
        for (const auto& o : st["outputs"]) EXPECT_EQ(o["fingerprint"].get<std::string>().rfind("xxh3-128:", 0), 0u);

    // Replay: every output regenerated with the recorded fingerprint.
    r = runSrs("replay " + session + " --check -q --out " + quote(dir / "rep"));
    ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
    EXPECT_NE(r.out.find("replayed 4 of 4 steps"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("6 outputs checked, 0 mismatch(es)"), std::string::npos) << r.out;
    EXPECT_TRUE(fs::exists(dir / "rep" / "s1" / "probes.h5"));
    // Byte-identical where nothing volatile is stored; the neurons step read the replayed probes.
    EXPECT_EQ(readFile(dir / "rep" / "s2" / "curve.csv"), readFile(dir / "curve.csv"));
    EXPECT_EQ(readFile(dir / "rep" / "s3" / "n.csv"), readFile(dir / "n.csv"));
    EXPECT_EQ(readFile(dir / "rep" / "s4" / "iou.csv"), readFile(dir / "iou.csv"));
    const auto replayed = readJson(dir / "rep" / "replay.srs.json");
    EXPECT_EQ(replayed["steps"][2]["inputs"][0]["path"], (dir / "rep" / "s1" / "probes.h5").string());

    // A tampered recorded output fingerprint: --check reports it and exits 1.
    auto t = j;
    const std::string zeros = "xxh3-128:00000000000000000000000000000000";
    t["steps"][1]["outputs"][0]["fingerprint"] = zeros;
    writeFile(dir / "t.srs.json", t.dump(2));
    r = runSrs("replay " + quote(dir / "t.srs.json") + " --check -q --from s2 --out " + quote(dir / "rep2"));
    EXPECT_EQ(r.exitCode, 1) << r.out << r.err;
    EXPECT_NE(r.out.find("MISMATCH step 's2' output 'curve': expected " + zeros + ", got " +
                         j["steps"][1]["outputs"][0]["fingerprint"].get<std::string>()),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.err.find("1 output fingerprint mismatch(es)"), std::string::npos) << r.err;

    // A changed input (the probes file the later steps reuse with --from s3).
    r = runSrs("probe train " + c + " --layers 0 --hidden 16 --epochs 1 --seed 9 --bootstrap 20 --threads 1 -q --force --out " +
               probes);
    ASSERT_EQ(r.exitCode, 0) << r.err;
    r = runSrs("replay " + session + " --from s3 -q --out " + quote(dir / "rep3"));
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("step 's3' input 'probes'"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("has changed (recorded fingerprint " +
                         j["steps"][2]["inputs"][0]["fingerprint"].get<std::string>()),
              std::string::npos)
        << r.err;

    // A future schema names the version (unknown kinds etc.: tests/base/session_test.cpp).
    t = j;
    t["schema_version"] = 2;
    writeFile(dir / "f.srs.json", t.dump());
    r = runSrs("session show " + quote(dir / "f.srs.json"));
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("schema version 2 is newer"), std::string::npos) << r.err;
}
