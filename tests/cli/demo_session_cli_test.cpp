// `srs demo` on the bundled demo model with tiny settings: every analysis of issue #5 runs
// through the session step registry and is recorded in <out>/demo.srs.json; the folder is
// moved (paths are relative to the session file), `srs replay --check` re-runs every step and
// every output fingerprint matches bit for bit; a tampered recorded fingerprint and a changed
// input each make the replay fail naming the step.
// (One scenario: each demo / replay run costs ~15 s on a loaded 2-core machine.)
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <set>

#include "test_util.h"

namespace fs = std::filesystem;
using srs::test::quote;
using srs::test::readFile;
using srs::test::runSrs;
using srs::test::TempDir;
using srs::test::writeFile;

namespace {

const std::string kTiny =
    " --limit 6 --samples 2 --max-new-tokens 16 --probe-epochs 1 --probe-hidden 16 --prune-epochs 1"
    " --prune-hidden 16 --bootstrap 50 --ablate-limit 3 --ablate-samples 1 --dopamine-epochs 1"
    " --dopamine-traces 1 --mine-top 3 --threads 1 -q";

nlohmann::json readJson(const fs::path& p) { return nlohmann::json::parse(readFile(p)); }

std::size_t stepIndex(const nlohmann::json& session, const std::string& kind, const std::string& labelPrefix) {
    const auto& steps = session["steps"];
    for (std::size_t i = 0; i < steps.size(); ++i)
        if (steps[i]["kind"] == kind && steps[i]["label"].get<std::string>().rfind(labelPrefix, 0) == 0) return i;
    return steps.size();
}

}  // namespace

TEST(DemoSessionCli, EveryAnalysisRecordedAndReplayCheckPasses) {
    TempDir dir;
    const fs::path out = dir / "demo";
    auto r = runSrs("demo --out " + quote(out) + kTiny);
    ASSERT_EQ(r.exitCode, 0) << r.err;

    // The session holds every kind, each step with parameters, fingerprints and ok status.
    const auto session = readJson(out / "demo.srs.json");
    EXPECT_EQ(session["format"], "srs-session");
    std::map<std::string, int> kinds;
    for (const auto& s : session["steps"]) {
        ++kinds[s["kind"].get<std::string>()];
        EXPECT_EQ(s["status"], "ok") << s.dump();
        ASSERT_FALSE(s["outputs"].empty()) << s.dump();
        for (const auto& o : s["outputs"]) {
            EXPECT_EQ(o["fingerprint"].get<std::string>().rfind("xxh3-128:", 0), 0u) << o.dump();
            EXPECT_FALSE(fs::path(o["path"].get<std::string>()).is_absolute()) << o.dump();  // movable folder
        }
    }
    EXPECT_EQ(kinds["rollout"], 4);
    EXPECT_EQ(kinds["capture"], 4);
    EXPECT_EQ(kinds["probe-train"], 5);  // TD per family + MC for the ablation
    EXPECT_EQ(kinds["prune-curve"], 4);
    EXPECT_EQ(kinds["neurons"], 16);     // 4 families x 4 layers
    EXPECT_EQ(kinds["iou"], 4);          // one per layer, across the 4 families
    EXPECT_EQ(kinds["route"], 4);
    EXPECT_EQ(kinds["mine-confident-wrong"], 4);
    EXPECT_EQ(kinds["ablate"], 1);
    EXPECT_EQ(kinds["dopamine"], 4);
    EXPECT_EQ(kinds["confidence"], 4);
    const auto& rollout = session["steps"][0];
    EXPECT_EQ(rollout["kind"], "rollout");
    EXPECT_EQ(rollout["parameters"]["limit"], 6);
    EXPECT_EQ(rollout["parameters"]["threads"], 1);
    EXPECT_EQ(rollout["seeds"]["seed"], 0);
    ASSERT_TRUE(rollout["model"].is_object());
    EXPECT_EQ(rollout["model"]["fingerprint"].get<std::string>().rfind("xxh3-128:", 0), 0u);

    // Results in the documented formats.
    const fs::path an = out / "analyses";
    const auto ablation = readJson(an / "add-ablation.json");
    EXPECT_EQ(ablation["format"], "srs-ablation");
    EXPECT_EQ(ablation["rows"], 3);                 // 3 questions x 1 sample
    EXPECT_EQ(ablation["cells"].size(), 4u * 5u);   // 4 layers x 5 conditions
    EXPECT_EQ(ablation["set_size"], 13);            // round(0.1 * 128)
    const auto confidence = readJson(an / "cmp-confidence.json");
    EXPECT_EQ(confidence["format"], "srs-confidence");
    std::set<std::string> signals;
    for (const auto& s : confidence["signals"]) signals.insert(s["name"].get<std::string>());
    EXPECT_EQ(signals, (std::set<std::string>{"value_s0", "verbalized", "token_prob", "question_length"}));
    EXPECT_EQ(readJson(an / "sub-dopamine.json")["format"], "srs-dopamine");
    EXPECT_EQ(readJson(an / "mul-prune-curve.json")["format"], "srs-prune-curve");
    EXPECT_EQ(readJson(an / "iou-layer2.json")["files"].size(), 4u);
    EXPECT_TRUE(fs::exists(an / "add-route.csv"));
    EXPECT_TRUE(fs::exists(an / "add-confident-wrong.jsonl"));
    const auto summary = readJson(out / "demo_summary.json");
    EXPECT_EQ(summary["steps"], session["steps"].size());
    if (summary["figures"].contains("files")) {  // srs-render was found next to srs
        EXPECT_EQ(summary["figures"]["files"].size(), 12u);
        EXPECT_EQ(kinds["figure"], 12);
        EXPECT_TRUE(fs::exists(out / "figures" / "ablation-heatmap.png"));
    }

    // Moved folder: the replay finds everything relative to the session file and matches.
    const fs::path moved = dir / "moved";
    fs::rename(out, moved);
    r = runSrs("replay " + quote(moved / "demo.srs.json") + " --check -q --out " + quote(dir / "r1"));
    ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
    EXPECT_NE(r.out.find(" 0 mismatch(es)"), std::string::npos) << r.out;

    // A tampered recorded fingerprint of the last confidence step: MISMATCH naming the step.
    auto tampered = readJson(moved / "demo.srs.json");
    const std::size_t conf = stepIndex(tampered, "confidence", "confidence cmp");
    ASSERT_LT(conf, tampered["steps"].size());
    const std::string confId = tampered["steps"][conf]["id"];
    auto& fp = tampered["steps"][conf]["outputs"][0]["fingerprint"];
    std::string f = fp.get<std::string>();
    f.back() = f.back() == '0' ? '1' : '0';
    fp = f;
    writeFile(moved / "tampered.srs.json", tampered.dump(2));
    r = runSrs("replay " + quote(moved / "tampered.srs.json") + " --check -q --from " + confId + " --out " +
               quote(dir / "r2"));
    EXPECT_EQ(r.exitCode, 1) << r.out << r.err;
    EXPECT_NE(r.out.find("MISMATCH step '" + confId + "' output 'confidence'"), std::string::npos) << r.out;

    // A changed result that a later step reads (cmp's rollouts): refused before running, naming the step.
    std::string rollouts = readFile(moved / "rollouts" / "cmp.jsonl");
    const auto pos = rollouts.find("\"reward\":");
    ASSERT_NE(pos, std::string::npos);
    rollouts.insert(pos, "\"note\":\"edited\",");
    writeFile(moved / "rollouts" / "cmp.jsonl", rollouts);
    r = runSrs("replay " + quote(moved / "demo.srs.json") + " --check -q --from " + confId + " --out " +
               quote(dir / "r3"));
    EXPECT_EQ(r.exitCode, 1) << r.out << r.err;
    EXPECT_NE(r.err.find("step '" + confId + "' input 'rollouts'"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("has changed"), std::string::npos) << r.err;
}
