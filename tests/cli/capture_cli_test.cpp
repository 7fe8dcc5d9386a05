// `srs capture` end to end on the tiny fixture model: the cache h5py reads back against the
// rollouts file, imported text-only rollouts, refusal of another model's rollouts, bad input,
// a write failure from a file-size limit (RLIMIT_FSIZE via `ulimit -f`) and the resume after it.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "test_util.h"

namespace fs = std::filesystem;
using srs::test::quote;
using srs::test::readFile;
using srs::test::run;
using srs::test::runSrs;
using srs::test::TempDir;
using srs::test::writeFile;

namespace {

const char* kQuestions =
    "{\"question\": \"12+7=\", \"answer\": \"19\"}\n"
    "{\"question\": \"3*4=\", \"answer\": \"12\"}\n"
    "{\"question\": \"20-5=\", \"answer\": \"15\"}\n"
    "{\"question\": \"9+9=\", \"answer\": \"18\"}\n";

struct Env {
    TempDir dir;
    fs::path model = dir / "model";
    fs::path rollouts = dir / "r.jsonl";
    Env(int samples = 2, int maxNew = 12) {
        srs::test::copyTinyModelWithQwenTokenizer(model);
        writeFile(dir / "q.jsonl", kQuestions);
        auto r = runSrs("rollout " + quote(model) + " --data " + quote(dir / "q.jsonl") +
                        " --template 'Q: {question} A:' --quiet --seed 3 --samples " + std::to_string(samples) +
                        " --max-new-tokens " + std::to_string(maxNew) + " --out " + quote(rollouts));
        EXPECT_EQ(r.exitCode, 0) << r.err;
    }
    std::string capture(const fs::path& out, const std::string& extra = "") const {
        return "capture " + quote(model) + " --rollouts " + quote(rollouts) + " --quiet --out " + quote(out) + " " +
               extra;
    }
};

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string l; std::getline(in, l);) out.push_back(l);
    return out;
}

bool havePythonH5py() { return run(std::string(SRS_PYTHON) + " -c 'import h5py, numpy'").exitCode == 0; }

/// Python (h5py) check of a cache against the rollouts file it came from; prints "OK" or
/// the first mismatch. Expected rows/positions/ids are derived in Python from the JSONL.
const char* kCheckScript = R"PY(
import h5py, json, sys, numpy as np
cache, rollouts, stride = sys.argv[1], sys.argv[2], int(sys.argv[3])
rs = [json.loads(l) for l in open(rollouts) if l.strip()]
f = h5py.File(cache, "r")
def fail(msg):
    print("FAIL", msg); sys.exit(0)
if int(f.attrs["complete"]) != 1: fail("complete attr")
off = f["rollouts/offset"][:]
if len(off) != len(rs) + 1: fail("offset length %d" % len(off))
ids = f["tokens/ids"][:]; pos = f["tokens/position"][:]
for i, r in enumerate(rs):
    p = len(r["prompt_ids"]); n = len(r["response_ids"])
    toks = r["prompt_ids"] + r["response_ids"]
    want = [p - 1] + [p - 1 + t for t in range(stride, n, stride)] + ([p - 1 + n] if n > 0 else [])
    a, b = off[i], off[i + 1]
    if list(pos[a:b]) != want: fail("positions of rollout %d: %s vs %s" % (i, list(pos[a:b]), want))
    if list(ids[a:b]) != [toks[k] for k in want]: fail("token ids of rollout %d" % i)
    if f["rollouts/s0_index"][i] != a: fail("s0_index %d" % i)
    if float(f["rollouts/reward"][i]) != float(r["reward"]): fail("reward %d" % i)
    qid = f["rollouts/question_id"][i]
    qid = qid.decode() if isinstance(qid, bytes) else qid
    if qid != r["question_id"]: fail("question id %d" % i)
    if int(f["rollouts/sample_index"][i]) != r["sample_index"]: fail("sample index %d" % i)
    if int(f["rollouts/prompt_len"][i]) != p or int(f["rollouts/response_len"][i]) != n: fail("lens %d" % i)
for name in sys.argv[4:]:
    d = f[name]
    if d.shape != (off[-1], 64): fail("shape of %s: %s" % (name, d.shape))
    if not np.all(np.isfinite(d[:].astype(np.float32))): fail("non-finite in " + name)
print("OK", off[-1])
)PY";

}  // namespace

TEST(CaptureCli, CacheMatchesRolloutsWhenReadWithH5py) {
    if (!havePythonH5py()) GTEST_SKIP() << SRS_PYTHON << " cannot import h5py";
    Env env;
    auto out = env.dir / "c.h5";
    auto r = runSrs(env.capture(out, "--layers 1,3 --token-stride 2 --batch-size 3 --json"));
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.err.find("expected size"), std::string::npos) << r.err;  // printed before it starts
    auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["rollouts"], 8);
    writeFile(env.dir / "check.py", kCheckScript);
    auto py = run(std::string(SRS_PYTHON) + " " + quote(env.dir / "check.py") + " " + quote(out) + " " +
                  quote(env.rollouts) + " 2 acts/resid_post/layer_01 acts/resid_post/layer_03");
    ASSERT_EQ(py.exitCode, 0) << py.err;
    EXPECT_EQ(py.out.substr(0, 2), "OK") << py.out;
    EXPECT_EQ(py.out, "OK " + std::to_string(j["rows"].get<long long>()) + "\n");
    EXPECT_FALSE(fs::exists(out.string() + ".partial"));
    // Provenance: fingerprints and template from the rollouts.
    auto info = runSrs("cache info " + quote(out) + " --json");
    ASSERT_EQ(info.exitCode, 0) << info.err;
    auto ij = nlohmann::json::parse(info.out);
    auto first = nlohmann::json::parse(lines(readFile(env.rollouts))[0]);
    EXPECT_EQ(ij["provenance"]["model_fingerprint"], first["model_fingerprint"]) << info.out;
    EXPECT_EQ(ij["provenance"]["tokenizer_fingerprint"], first["tokenizer_fingerprint"]) << info.out;
    // A second capture to the same path is refused (never overwrite unasked).
    r = runSrs(env.capture(out, "--layers 1,3"));
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("already exists"), std::string::npos) << r.err;
}

TEST(CaptureCli, ImportedTextOnlyRolloutsAreTokenizedWithTheModelTokenizer) {
    if (!havePythonH5py()) GTEST_SKIP() << SRS_PYTHON << " cannot import h5py";
    Env env(1, 4);
    // Text-only lines as another tool would write them; ids of these texts are < 512.
    writeFile(env.dir / "imported.jsonl",
              "{\"question_id\": \"a\", \"prompt\": \"Q: 12+7= A:\", \"response\": \" 19\", \"reward\": 1}\n"
              "{\"question_id\": \"a\", \"prompt\": \"Q: 12+7= A:\", \"response\": \" 18\", \"reward\": 0}\n"
              "{\"question_id\": 7, \"prompt\": \"Q: 3*4= A:\", \"response\": \"12.\", \"reward\": true}\n");
    auto out = env.dir / "imp.h5";
    auto r = runSrs("capture " + quote(env.model) + " --rollouts " + quote(env.dir / "imported.jsonl") +
                    " --layers 0 --quiet --json --out " + quote(out));
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.err.find("recomputed"), std::string::npos) << r.err;
    // Expected ids by `srs tokenize` (independent of capture's code path):
    // "Q: 12+7= A:" -> 48,25,220,16,17,10,22,28,362,25 ; " 19" -> 220,16,24 ; "12." -> 16,17,13
    auto py = run(std::string(SRS_PYTHON) + " -c \"import h5py; f=h5py.File('" + out.string() +
                  "'); print(list(f['tokens/ids'][:]), list(f['rollouts/sample_index'][:]), "
                  "list(f['rollouts/reward'][:]))\"");
    ASSERT_EQ(py.exitCode, 0) << py.err;
    EXPECT_EQ(py.out,
              "[25, 220, 16, 24, 25, 220, 16, 23, 25, 16, 17, 13] [0, 1, 0] [1.0, 0.0, 1.0]\n")
        << py.out;
}

TEST(CaptureCli, RolloutsFromAnotherModelOrTokenizerAreRefused) {
    Env env(1, 4);
    auto ls = lines(readFile(env.rollouts));
    auto j = nlohmann::json::parse(ls[1]);
    const std::string realModel = j["model_fingerprint"];
    j["model_fingerprint"] = "xxh3-128:00000000000000000000000000000000";
    ls[1] = j.dump();
    std::string text;
    for (auto& l : ls) text += l + "\n";
    writeFile(env.rollouts, text);
    auto out = env.dir / "c.h5";
    auto r = runSrs(env.capture(out));
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("r.jsonl:2"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("xxh3-128:00000000000000000000000000000000"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(realModel), std::string::npos) << r.err;
    j["model_fingerprint"] = realModel;
    j["tokenizer_fingerprint"] = "0123456789abcdef";
    ls[1] = j.dump();
    text.clear();
    for (auto& l : ls) text += l + "\n";
    writeFile(env.rollouts, text);
    r = runSrs(env.capture(out));
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("0123456789abcdef"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("tokenizer"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(out));
    EXPECT_FALSE(fs::exists(out.string() + ".partial"));
}

TEST(CaptureCli, BadInputNamesFileLineAndField) {
    Env env(1, 4);
    auto out = env.dir / "c.h5";
    auto bad = env.dir / "bad.jsonl";
    auto ls = lines(readFile(env.rollouts));
    writeFile(bad, ls[0] + "\n" + ls[1] + "\n{\"question_id\": \"x\", \"prompt\": \n");
    auto r = runSrs("capture " + quote(env.model) + " --rollouts " + quote(bad) + " --quiet --out " + quote(out));
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("bad.jsonl:3"), std::string::npos) << r.err;
    writeFile(bad, ls[0] + "\n{\"question_id\": \"x\", \"prompt\": \"Q: 1\"}\n");
    r = runSrs("capture " + quote(env.model) + " --rollouts " + quote(bad) + " --quiet --out " + quote(out));
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("bad.jsonl:2"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("'response'"), std::string::npos) << r.err;
    // Token ids outside the 512-token vocabulary.
    auto j = nlohmann::json::parse(ls[0]);
    j["response_ids"].push_back(9999);
    writeFile(bad, j.dump() + "\n");
    r = runSrs("capture " + quote(env.model) + " --rollouts " + quote(bad) + " --quiet --out " + quote(out));
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("9999"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("bad.jsonl:1"), std::string::npos) << r.err;
    // Bad options are usage errors.
    EXPECT_EQ(runSrs(env.capture(out, "--layers 9")).exitCode, 2);
    EXPECT_EQ(runSrs(env.capture(out, "--hooks attn_pattern")).exitCode, 2);
    EXPECT_EQ(runSrs(env.capture(out, "--shard 3/2")).exitCode, 2);
    // A truncated / non-HDF5 .partial is not silently overwritten: the error names it.
    writeFile(out.string() + ".partial", "not an hdf5 file at all");
    r = runSrs(env.capture(out));
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("c.h5.partial"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(out));
}

TEST(CaptureCli, WriteFailureLeavesOnlyAPartialAndResumeEqualsUninterruptedRun) {
    if (!havePythonH5py()) GTEST_SKIP() << SRS_PYTHON << " cannot import h5py";
    Env env(4, 24);  // 16 rollouts of up to 24 tokens
    auto full = env.dir / "full.h5", limited = env.dir / "limited.h5";
    const std::string opts = "--store-dtype float32 --batch-size 2 --commit-every 4";
    auto r = runSrs(env.capture(full, opts + " --json"));
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto fullSize = fs::file_size(full);
    // "Disk full": a file-size limit of ~half the cache; SIGXFSZ ignored so write() fails with EFBIG.
    const auto limitKb = fullSize / 1024 / 2;
    auto failed = run("bash -c \"trap '' XFSZ; ulimit -f " + std::to_string(limitKb) + "; exec " + SRS_CLI_PATH +
                      " " + env.capture(limited, opts) + "\"");
    EXPECT_EQ(failed.exitCode, 1) << failed.err;
    EXPECT_NE(failed.err.find("limited.h5"), std::string::npos) << failed.err;
    EXPECT_FALSE(fs::exists(limited));  // nothing that looks complete
    ASSERT_TRUE(fs::exists(limited.string() + ".partial"));
    // Resume without the limit.
    r = runSrs(env.capture(limited, opts + " --json"));
    ASSERT_EQ(r.exitCode, 0) << r.err;
    auto j = nlohmann::json::parse(r.out);
    EXPECT_GT(j["resumed"].get<int>(), 0) << r.err;
    EXPECT_LT(j["resumed"].get<int>(), 16);
    // Every dataset equal to the uninterrupted run (h5py, exact).
    auto py = run(std::string(SRS_PYTHON) + " -c \"import h5py, numpy as np\n"
                  "a=h5py.File('" + full.string() + "'); b=h5py.File('" + limited.string() + "')\n"
                  "names=[]\n"
                  "a.visititems(lambda n,o: names.append(n) if isinstance(o,h5py.Dataset) else None)\n"
                  "bad=[n for n in names if not np.array_equal(a[n][:], b[n][:])]\n"
                  "print(len(names), bad)\"");
    ASSERT_EQ(py.exitCode, 0) << py.err;
    EXPECT_EQ(py.out, "13 []\n") << py.out;  // 4 layers + 2 token + 7 rollout datasets
}
