// Session files: round trip, migration from the version-0 layout, future versions, malformed
// JSON, bad fields, unknown kinds, semantic fingerprints, replay (with a torch-free "copy"
// step kind), missing / changed inputs, and a kill-during-save test.
#include <gtest/gtest.h>
#include <hdf5.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xxhash.h>

#include <chrono>
#include <random>
#include <thread>

#include <fmt/format.h>

#include "core/error.h"
#include "core/session/fingerprint.h"
#include "core/session/replay.h"
#include "core/session/session.h"
#include "core/session/session_migration.h"
#include "core/session/step_registry.h"
#include "test_util.h"

using namespace srs;
using namespace srs::core;
using srs::test::readFile;
using srs::test::TempDir;
using srs::test::writeFile;

namespace {

Session sampleSession(int steps = 2) {
    Session s = Session::create("paper figures");
    s.device = "cpu";
    s.dtype = "bfloat16";
    for (int i = 0; i < steps; ++i) {
        SessionStep st;
        st.id = fmt::format("s{}", i + 1);
        st.kind = i % 2 == 0 ? "probe-train" : "figure";
        st.label = fmt::format("step {} ünïcode", i);
        st.note = "a note with \"quotes\"\nand a newline";
        st.parameters = {{"hidden", 1024}, {"lr", 1e-4}, {"seed", 18446744073709551615ull}, {"layers", "0,3"}};
        st.seeds["seed"] = 18446744073709551615ull;
        st.inputs.push_back({"cache", "data/cache.h5", "xxh3-128:0123456789abcdef0123456789abcdef"});
        st.outputs.push_back({"probes", fmt::format("out/probes{}.h5", i), "xxh3-128:fedcba9876543210fedcba9876543210"});
        if (i == 0) st.model = ModelRef{"models/qwen", "xxh3-128:00000000000000000000000000000001"};
        st.started = "2024-05-01T12:00:00.000Z";
        st.ended = "2024-05-01T12:01:02.500Z";
        st.status = i == 1 ? "pending" : "ok";
        s.steps.push_back(st);
    }
    return s;
}

std::string errorOf(const std::function<void()>& fn) {
    try {
        fn();
    } catch (const std::exception& e) {
        return e.what();
    }
    return "(no error)";
}

/// A torch-free step kind for replay tests: copies input "in" to output "out", appending
/// the parameter "suffix".
StepRegistry copyRegistry() {
    StepRegistry r;
    r.add({"copy", "copy a file", {},
           [](const nlohmann::json& params, const std::string& where) {
               ParamReader p(params, where);
               p.allowOnly({"suffix"});
               (void)p.str("suffix", "");
           },
           [](const StepRunContext& c) {
               ParamReader p(c.step.parameters, "copy");
               writeFile(c.output("out"), readFile(c.input("in")) + p.str("suffix", ""));
           },
           ""});
    r.add({"figure", "a figure", {}, {}, {}, "figure rendering is not runnable headless yet"});
    return r;
}

/// Session: s1 copies a.txt -> b.txt (+ "1"), s2 copies b.txt -> c.txt (+ "2").
Session copySession(const std::filesystem::path& dir) {
    writeFile(dir / "a.txt", "alpha");
    writeFile(dir / "b.txt", "alpha1");
    writeFile(dir / "c.txt", "alpha12");
    Session s = Session::create("copies");
    SessionStep s1;
    s1.id = "s1";
    s1.kind = "copy";
    s1.parameters = {{"suffix", "1"}};
    s1.inputs = {{"in", "a.txt", semanticFingerprint(dir / "a.txt")}};
    s1.outputs = {{"out", "b.txt", semanticFingerprint(dir / "b.txt")}};
    SessionStep s2 = s1;
    s2.id = "s2";
    s2.parameters = {{"suffix", "2"}};
    s2.inputs = {{"in", "b.txt", semanticFingerprint(dir / "b.txt")}};
    s2.outputs = {{"out", "c.txt", semanticFingerprint(dir / "c.txt")}};
    s.steps = {s1, s2};
    return s;
}

}  // namespace

TEST(Session, RoundTripWriteReadEqual) {
    TempDir tmp;
    const Session s = sampleSession(3);
    writeSessionFile(tmp / "a.srs.json", s);
    const Session back = readSessionFile(tmp / "a.srs.json");
    EXPECT_TRUE(back == s);
    EXPECT_EQ(back.steps.at(0).seeds.at("seed"), 18446744073709551615ull);
    EXPECT_EQ(back.steps.at(1).status, "pending");
    EXPECT_FALSE(back.steps.at(1).model.has_value());
    // Written JSON carries the format marker and schema version 1.
    const auto j = nlohmann::json::parse(readFile(tmp / "a.srs.json"));
    EXPECT_EQ(j["format"], "srs-session");
    EXPECT_EQ(j["schema_version"], 1);
    // A second write of the same session replaces its own file; a different session does not.
    Session changed = back;
    changed.steps[0].note = "edited";
    writeSessionFile(tmp / "a.srs.json", changed);
    EXPECT_EQ(readSessionFile(tmp / "a.srs.json").steps[0].note, "edited");
    const Session other = sampleSession(1);
    const std::string err = errorOf([&] { writeSessionFile(tmp / "a.srs.json", other); });
    EXPECT_NE(err.find("refusing to overwrite"), std::string::npos) << err;
    EXPECT_NE(err.find(changed.id), std::string::npos) << err;
    writeSessionFile(tmp / "a.srs.json", other, /*overwrite=*/true);
    EXPECT_EQ(readSessionFile(tmp / "a.srs.json").id, other.id);
}

TEST(Session, IdsAreUuidV4AndStepIdsIncrease) {
    const std::string a = newSessionId(), b = newSessionId();
    EXPECT_NE(a, b);
    ASSERT_EQ(a.size(), 36u);
    EXPECT_EQ(a[8], '-');
    EXPECT_EQ(a[14], '4');
    EXPECT_TRUE(a[19] == '8' || a[19] == '9' || a[19] == 'a' || a[19] == 'b') << a;
    Session s;
    EXPECT_EQ(s.nextStepId(), "s1");
    s.steps.resize(2);
    s.steps[0].id = "s9";
    s.steps[1].id = "custom";
    EXPECT_EQ(s.nextStepId(), "s10");
}

TEST(Session, MigratesVersionZero) {
    // The pre-release layout (docs/SESSION_FORMAT.md, "Version 0"), written by hand.
    const std::string v0 = R"({
      "srs_session": 0,
      "uuid": "5f0c1a2e-0000-4000-8000-000000000001",
      "title": "old exploration",
      "created_at": "2024-01-02T03:04:05.000Z",
      "software": "0.0.9",
      "actions": [
        {"name": "a1", "type": "probe_train", "args": {"hidden": 64, "seed": 7, "layers": "all"},
         "files_in": {"cache": {"path": "c.h5", "hash": "xxh3-128:11111111111111111111111111111111"}},
         "files_out": {"probes": {"path": "p.h5", "hash": "xxh3-128:22222222222222222222222222222222"}},
         "time": ["2024-01-02T03:04:06.000Z", "2024-01-02T03:05:00.000Z"]},
        {"name": "a2", "type": "rollout", "args": {"samples": 2},
         "model": {"dir": "models/m", "hash": "xxh3-128:33333333333333333333333333333333"},
         "files_out": {"rollouts": {"path": "r.jsonl"}}}
      ]})";
    const Session s = parseSessionText(v0, "old.srs.json");
    EXPECT_EQ(s.schemaVersion, 1);
    EXPECT_EQ(s.id, "5f0c1a2e-0000-4000-8000-000000000001");
    EXPECT_EQ(s.name, "old exploration");
    EXPECT_EQ(s.created, "2024-01-02T03:04:05.000Z");
    EXPECT_EQ(s.softwareVersion, "0.0.9");
    ASSERT_EQ(s.steps.size(), 2u);
    EXPECT_EQ(s.steps[0].id, "a1");
    EXPECT_EQ(s.steps[0].kind, "probe-train");
    EXPECT_EQ(s.steps[0].parameters["hidden"], 64);
    EXPECT_EQ(s.steps[0].seeds.at("seed"), 7u);
    ASSERT_EQ(s.steps[0].inputs.size(), 1u);
    EXPECT_EQ(s.steps[0].inputs[0].role, "cache");
    EXPECT_EQ(s.steps[0].inputs[0].path, "c.h5");
    EXPECT_EQ(s.steps[0].inputs[0].fingerprint, "xxh3-128:11111111111111111111111111111111");
    EXPECT_EQ(s.steps[0].outputs[0].fingerprint, "xxh3-128:22222222222222222222222222222222");
    EXPECT_EQ(s.steps[0].started, "2024-01-02T03:04:06.000Z");
    EXPECT_EQ(s.steps[0].ended, "2024-01-02T03:05:00.000Z");
    EXPECT_EQ(s.steps[1].kind, "rollout");
    ASSERT_TRUE(s.steps[1].model.has_value());
    EXPECT_EQ(s.steps[1].model->path, "models/m");
    EXPECT_EQ(s.steps[1].outputs[0].fingerprint, "");
    // A malformed v0 file names the action and field.
    const std::string bad = R"({"srs_session": 0, "uuid": "x", "actions": [{"name": "a1"}]})";
    const std::string err = errorOf([&] { parseSessionText(bad, "old.srs.json"); });
    EXPECT_NE(err.find("actions[0]"), std::string::npos) << err;
    EXPECT_NE(err.find("'type'"), std::string::npos) << err;
}

TEST(Session, FutureVersionIsRefusedNamingIt) {
    nlohmann::json j = sessionToJson(sampleSession(1));
    j["schema_version"] = 7;
    const std::string err = errorOf([&] { parseSessionText(j.dump(), "new.srs.json"); });
    EXPECT_NE(err.find("new.srs.json"), std::string::npos) << err;
    EXPECT_NE(err.find("schema version 7"), std::string::npos) << err;
    EXPECT_NE(err.find("(1)"), std::string::npos) << err;
    EXPECT_THROW(parseSessionText(j.dump(), "x"), FormatError);
}

TEST(Session, MalformedJsonNamesLineAndColumn) {
    const std::string text = "{\n  \"format\": \"srs-session\",\n  \"schema_version\": 1,\n  \"id\": oops\n}\n";
    const std::string err = errorOf([&] { parseSessionText(text, "bad.srs.json"); });
    EXPECT_NE(err.find("bad.srs.json"), std::string::npos) << err;
    EXPECT_NE(err.find("malformed JSON at line 4, column 9"), std::string::npos) << err;
}

TEST(Session, BadFieldNamesStepAndField) {
    nlohmann::json j = sessionToJson(sampleSession(2));
    j["steps"][1]["inputs"][0]["path"] = 42;
    std::string err = errorOf([&] { parseSessionText(j.dump(), "f.srs.json"); });
    EXPECT_NE(err.find("step 's2'"), std::string::npos) << err;
    EXPECT_NE(err.find("'path'"), std::string::npos) << err;
    EXPECT_NE(err.find("expected a string"), std::string::npos) << err;

    j = sessionToJson(sampleSession(2));
    j["steps"][0].erase("kind");
    err = errorOf([&] { parseSessionText(j.dump(), "f.srs.json"); });
    EXPECT_NE(err.find("step 's1'"), std::string::npos) << err;
    EXPECT_NE(err.find("'kind' is missing"), std::string::npos) << err;

    j = sessionToJson(sampleSession(2));
    j["steps"][1]["id"] = "s1";
    err = errorOf([&] { parseSessionText(j.dump(), "f.srs.json"); });
    EXPECT_NE(err.find("duplicate step id"), std::string::npos) << err;

    j = sessionToJson(sampleSession(1));
    j["format"] = "something-else";
    err = errorOf([&] { parseSessionText(j.dump(), "f.srs.json"); });
    EXPECT_NE(err.find("not a session file"), std::string::npos) << err;
}

TEST(Session, UnknownKindAndBadParameterNameTheStep) {
    Session s = sampleSession(1);
    s.steps[0].kind = "copy";
    s.steps[0].parameters = {{"suffix", "x"}};
    const StepRegistry r = copyRegistry();
    EXPECT_NO_THROW(r.validateSession(s, "f.srs.json"));
    s.steps.push_back(s.steps[0]);
    s.steps[1].id = "s7";
    s.steps[1].kind = "teleport";
    std::string err = errorOf([&] { r.validateSession(s, "f.srs.json"); });
    EXPECT_NE(err.find("step 's7'"), std::string::npos) << err;
    EXPECT_NE(err.find("unknown step kind 'teleport'"), std::string::npos) << err;
    EXPECT_NE(err.find("copy, figure"), std::string::npos) << err;
    s.steps[1].kind = "copy";
    s.steps[1].parameters = {{"suffix", 3}};
    err = errorOf([&] { r.validateSession(s, "f.srs.json"); });
    EXPECT_NE(err.find("step 's7' (copy)"), std::string::npos) << err;
    EXPECT_NE(err.find("parameter 'suffix': expected a string, got 3"), std::string::npos) << err;
}

TEST(Fingerprint, BytesMatchesXxh3OfTheContent) {
    TempDir tmp;
    const std::string data = "hello, session\n";
    writeFile(tmp / "f.txt", data);
    const XXH128_hash_t h = XXH3_128bits(data.data(), data.size());  // the library's one-shot form
    EXPECT_EQ(bytesFingerprint(tmp / "f.txt"), fmt::format("xxh3-128:{:016x}{:016x}", h.high64, h.low64));
    EXPECT_EQ(semanticFingerprint(tmp / "f.txt"), bytesFingerprint(tmp / "f.txt"));
    EXPECT_THROW(bytesFingerprint(tmp / "missing.txt"), FormatError);
}

TEST(Fingerprint, JsonIgnoresVolatileKeysAndFormatting) {
    TempDir tmp;
    writeFile(tmp / "a.json", R"({"auroc": 0.75, "seconds": 1.5, "nested": {"cache_path": "/x/c.h5", "k": [1, 2]}})");
    writeFile(tmp / "b.json", "{\n  \"nested\": {\"k\": [1,2], \"cache_path\": \"/y/other.h5\"},\n  \"auroc\": 0.75,\n  \"seconds\": 99\n}");
    writeFile(tmp / "c.json", R"({"auroc": 0.7500001, "seconds": 1.5, "nested": {"cache_path": "/x/c.h5", "k": [1, 2]}})");
    EXPECT_EQ(semanticFingerprint(tmp / "a.json"), semanticFingerprint(tmp / "b.json"));
    EXPECT_NE(semanticFingerprint(tmp / "a.json"), semanticFingerprint(tmp / "c.json"));
    writeFile(tmp / "a.jsonl", "{\"a\": 1, \"seconds\": 2}\n\n{\"b\": 2}\n");
    writeFile(tmp / "b.jsonl", "{\"seconds\": 3, \"a\": 1}\n{\"b\": 2}");
    writeFile(tmp / "c.jsonl", "{\"b\": 2}\n{\"a\": 1}\n");
    EXPECT_EQ(semanticFingerprint(tmp / "a.jsonl"), semanticFingerprint(tmp / "b.jsonl"));
    EXPECT_NE(semanticFingerprint(tmp / "a.jsonl"), semanticFingerprint(tmp / "c.jsonl"));  // order matters
    writeFile(tmp / "bad.jsonl", "{\"a\": 1}\n{oops\n");
    const std::string err = errorOf([&] { semanticFingerprint(tmp / "bad.jsonl"); });
    EXPECT_NE(err.find("bad.jsonl:2"), std::string::npos) << err;
}

namespace {

/// A small HDF5 file like a probes file: root attributes (two of them volatile), a group
/// with a float dataset and a vlen string attribute.
void writeH5(const std::filesystem::path& path, double trainSeconds, const std::string& software, float w0,
             const std::string& method = "td") {
    hid_t f = H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    ASSERT_GE(f, 0);
    auto attrDouble = [](hid_t loc, const char* name, double v) {
        hid_t sp = H5Screate(H5S_SCALAR);
        hid_t a = H5Acreate2(loc, name, H5T_IEEE_F64LE, sp, H5P_DEFAULT, H5P_DEFAULT);
        H5Awrite(a, H5T_NATIVE_DOUBLE, &v);
        H5Aclose(a);
        H5Sclose(sp);
    };
    auto attrString = [](hid_t loc, const char* name, const std::string& v) {
        hid_t t = H5Tcopy(H5T_C_S1);
        H5Tset_size(t, H5T_VARIABLE);
        H5Tset_cset(t, H5T_CSET_UTF8);
        hid_t sp = H5Screate(H5S_SCALAR);
        hid_t a = H5Acreate2(loc, name, t, sp, H5P_DEFAULT, H5P_DEFAULT);
        const char* p = v.c_str();
        H5Awrite(a, t, &p);
        H5Aclose(a);
        H5Sclose(sp);
        H5Tclose(t);
    };
    attrDouble(f, "train_seconds", trainSeconds);
    attrString(f, "software_version", software);
    attrString(f, "method", method);
    hid_t g = H5Gcreate2(f, "layer_0", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    const hsize_t dims[2] = {3, 4};
    std::vector<float> w(12);
    for (int i = 0; i < 12; ++i) w[static_cast<std::size_t>(i)] = 0.25f * static_cast<float>(i);
    w[0] = w0;
    hid_t sp = H5Screate_simple(2, dims, nullptr);
    hid_t d = H5Dcreate2(g, "w1", H5T_IEEE_F32LE, sp, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    H5Dwrite(d, H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, w.data());
    H5Dclose(d);
    H5Sclose(sp);
    H5Gclose(g);
    H5Fclose(f);
}

}  // namespace

TEST(Fingerprint, Hdf5IgnoresVolatileAttributesButCatchesAChangedByte) {
    TempDir tmp;
    writeH5(tmp / "a.h5", 1.25, "0.1.0", 0.0f);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));  // different HDF5 object times, if recorded
    writeH5(tmp / "b.h5", 987.5, "9.9.9-dev", 0.0f);
    writeH5(tmp / "c.h5", 1.25, "0.1.0", 1e-30f);  // one dataset element differs
    writeH5(tmp / "d.h5", 1.25, "0.1.0", 0.0f, "mc");  // a non-volatile attribute differs
    const auto fa = semanticFingerprint(tmp / "a.h5");
    EXPECT_EQ(fa.rfind("xxh3-128:", 0), 0u);
    EXPECT_EQ(fa, semanticFingerprint(tmp / "b.h5"));
    EXPECT_NE(bytesFingerprint(tmp / "a.h5"), bytesFingerprint(tmp / "b.h5"));  // the bytes do differ
    EXPECT_NE(fa, semanticFingerprint(tmp / "c.h5"));
    EXPECT_NE(fa, semanticFingerprint(tmp / "d.h5"));
    // Flip one byte of the dataset's storage in place: the semantic fingerprint changes.
    std::string bytes = readFile(tmp / "a.h5");
    float marker = 0.25f * 11;  // last element of w1, unique in the file
    std::string needle(reinterpret_cast<const char*>(&marker), sizeof marker);
    const auto pos = bytes.find(needle);
    ASSERT_NE(pos, std::string::npos);
    bytes[pos] ^= 0x01;
    writeFile(tmp / "e.h5", bytes);
    EXPECT_NE(fa, semanticFingerprint(tmp / "e.h5"));
    writeFile(tmp / "not.h5", "plain text");
    EXPECT_THROW(semanticFingerprint(tmp / "not.h5"), FormatError);
}

TEST(Replay, RemapsOutputsChecksFingerprintsAndReportsFigures) {
    TempDir tmp;
    Session s = copySession(tmp.path());
    SessionStep fig;
    fig.id = "s3";
    fig.kind = "figure";
    fig.parameters = {{"view", "prune-curve"}, {"data", {"s2"}}};
    s.steps.push_back(fig);
    const StepRegistry r = copyRegistry();
    ReplayOptions o;
    o.outDir = tmp / "replay";
    o.baseDir = tmp.path();
    o.check = true;
    std::vector<std::string> log;
    const auto rep = replaySession(s, r, o, JobContext{}, [&](const std::string& l) { log.push_back(l); });
    EXPECT_EQ(readFile(tmp / "replay" / "s1" / "b.txt"), "alpha1");
    EXPECT_EQ(readFile(tmp / "replay" / "s2" / "c.txt"), "alpha12");
    EXPECT_EQ(rep.checkedOutputs, 2u);
    EXPECT_TRUE(rep.mismatches.empty());
    EXPECT_EQ(rep.notRunnable, 1u);
    ASSERT_EQ(rep.steps.size(), 3u);
    EXPECT_EQ(rep.steps[2].status, "not-runnable");
    bool reported = false;
    for (const auto& l : log) reported |= l.find("step 's3' (figure): NOT replayed") != std::string::npos;
    EXPECT_TRUE(reported);
    // s2 read the replayed b.txt, not the original.
    EXPECT_EQ(rep.replayed.steps[1].inputs[0].path, (tmp / "replay" / "s1" / "b.txt").string());
    // Outputs exist now: refused without force, replaced with it.
    EXPECT_THROW(replaySession(s, r, o, JobContext{}), Error);
    o.force = true;
    EXPECT_NO_THROW(replaySession(s, r, o, JobContext{}));
}

TEST(Replay, TamperedRecordedOutputIsAMismatch) {
    TempDir tmp;
    Session s = copySession(tmp.path());
    s.steps[1].parameters["suffix"] = "X";  // the re-run now writes "alpha1X"
    ReplayOptions o;
    o.outDir = tmp / "replay";
    o.baseDir = tmp.path();
    o.check = true;
    const auto rep = replaySession(s, copyRegistry(), o, JobContext{});
    ASSERT_EQ(rep.mismatches.size(), 1u);
    EXPECT_EQ(rep.mismatches[0].stepId, "s2");
    EXPECT_EQ(rep.mismatches[0].role, "out");
    EXPECT_EQ(rep.mismatches[0].expected, s.steps[1].outputs[0].fingerprint);
    EXPECT_EQ(rep.mismatches[0].got, bytesFingerprint(tmp / "replay" / "s2" / "c.txt"));
}

TEST(Replay, MissingInputIsReportedByNameAndFingerprint) {
    TempDir tmp;
    const Session s = copySession(tmp.path());
    std::filesystem::remove(tmp / "a.txt");
    ReplayOptions o;
    o.outDir = tmp / "replay";
    o.baseDir = tmp.path();
    const std::string err = errorOf([&] { replaySession(s, copyRegistry(), o, JobContext{}); });
    EXPECT_NE(err.find("step 's1' input 'in'"), std::string::npos) << err;
    EXPECT_NE(err.find((tmp / "a.txt").string() + " is missing"), std::string::npos) << err;
    EXPECT_NE(err.find(s.steps[0].inputs[0].fingerprint), std::string::npos) << err;
    EXPECT_FALSE(std::filesystem::exists(tmp / "replay" / "s1" / "b.txt"));  // nothing ran
}

TEST(Replay, ChangedInputIsReportedWithBothFingerprints) {
    TempDir tmp;
    const Session s = copySession(tmp.path());
    writeFile(tmp / "a.txt", "alphA");
    ReplayOptions o;
    o.outDir = tmp / "replay";
    o.baseDir = tmp.path();
    const std::string err = errorOf([&] { replaySession(s, copyRegistry(), o, JobContext{}); });
    EXPECT_NE(err.find("step 's1' input 'in'"), std::string::npos) << err;
    EXPECT_NE(err.find("has changed"), std::string::npos) << err;
    EXPECT_NE(err.find(s.steps[0].inputs[0].fingerprint), std::string::npos) << err;
    EXPECT_NE(err.find(bytesFingerprint(tmp / "a.txt")), std::string::npos) << err;
}

TEST(Replay, FromStepReusesEarlierOutputsAndChecksThem) {
    TempDir tmp;
    const Session s = copySession(tmp.path());
    ReplayOptions o;
    o.outDir = tmp / "replay";
    o.baseDir = tmp.path();
    o.fromStep = "s2";
    o.check = true;
    auto rep = replaySession(s, copyRegistry(), o, JobContext{});
    EXPECT_EQ(rep.steps[0].status, "reused");
    EXPECT_FALSE(std::filesystem::exists(tmp / "replay" / "s1"));
    EXPECT_EQ(readFile(tmp / "replay" / "s2" / "c.txt"), "alpha12");
    // The reused output (original b.txt) is an input now: a changed one is refused.
    writeFile(tmp / "b.txt", "tampered");
    o.force = true;
    const std::string err = errorOf([&] { replaySession(s, copyRegistry(), o, JobContext{}); });
    EXPECT_NE(err.find("step 's2' input 'in'"), std::string::npos) << err;
    EXPECT_NE(err.find("has changed"), std::string::npos) << err;
    o.fromStep = "s9";
    EXPECT_THROW(replaySession(s, copyRegistry(), o, JobContext{}), InvalidArgument);
}

TEST(Session, KillDuringSaveLeavesOldOrNewComplete) {
    TempDir tmp;
    const auto path = tmp / "big.srs.json";
    // Two large versions of one session (~1 MB each), distinguishable by their step count.
    Session a = sampleSession(1500);
    Session b = a;
    b.steps.resize(1400);
    b.name = "version b";
    writeSessionFile(path, a);
    std::mt19937 rng(12345);
    int sawA = 0, sawB = 0;
    for (int round = 0; round < 12; ++round) {
        const pid_t child = fork();
        ASSERT_GE(child, 0);
        if (child == 0) {
            for (int i = 0;; ++i) {
                try {
                    writeSessionFile(path, i % 2 == 0 ? b : a);
                } catch (...) {
                    _exit(3);
                }
            }
        }
        std::this_thread::sleep_for(std::chrono::microseconds(2000 + rng() % 40000));
        ASSERT_EQ(kill(child, SIGKILL), 0);
        int status = 0;
        waitpid(child, &status, 0);
        ASSERT_TRUE(WIFSIGNALED(status)) << "the saving child stopped by itself (status " << status << ")";
        const Session now = readSessionFile(path);  // throws if partial
        if (now == a) ++sawA;
        else if (now == b) ++sawB;
        else ADD_FAILURE() << "round " << round << ": the file is neither version";
    }
    EXPECT_EQ(sawA + sawB, 12);
    // Leftover temporaries of killed saves never replace the file; remove them.
    for (const auto& e : std::filesystem::directory_iterator(tmp.path()))
        if (e.path().filename().string().find(".tmp-") != std::string::npos) std::filesystem::remove(e.path());
}
