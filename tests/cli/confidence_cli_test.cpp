// `srs confidence` end to end on the tiny fixture model: rollouts (`srs rollout`, rewards then
// rewritten so outcomes are mixed), `srs capture`, `srs probe train`, then the analysis. The
// output is checked in Python (h5py, numpy, scipy) against the probes file and the rollouts:
// V(s_0) per question = mean of the stored test_v_s0, question length = len(prompt_ids), and
// each signal's Spearman and AUROC recomputed from the per-question table. Bad input: a layer
// without a probe, rollouts from another model, rollouts that do not match the cache, a cache
// that lacks the split's questions, and an existing output file.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <sstream>
#include <string>

#include "test_util.h"

namespace fs = std::filesystem;
using srs::test::quote;
using srs::test::readFile;
using srs::test::run;
using srs::test::runSrs;
using srs::test::TempDir;
using srs::test::writeFile;

namespace {

std::string questions(int n, int offset) {
    std::string out;
    for (int i = 0; i < n; ++i) {
        const int a = 3 + i + offset, b = 2 * i + 1;
        out += "{\"question\": \"" + std::to_string(a) + "+" + std::to_string(b) + "=\", \"answer\": \"" +
               std::to_string(a + b) + "\"}\n";
    }
    return out;
}

// The random tiny model never answers right: give mixed rewards (line k: reward 1 unless k % 3 == 0).
void mixRewards(const fs::path& in, const fs::path& out) {
    std::istringstream lines(readFile(in));
    std::string text;
    int k = 0;
    for (std::string l; std::getline(lines, l); ++k) {
        auto j = nlohmann::json::parse(l);
        j["reward"] = k % 3 == 0 ? 0.0 : 1.0;
        text += j.dump() + "\n";
    }
    writeFile(out, text);
}

class ConfidenceCli : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        s_dir = new TempDir();
        const TempDir& d = *s_dir;
        srs::test::copyTinyModelWithQwenTokenizer(d / "model");
        writeFile(d / "q.jsonl", questions(10, 0));
        writeFile(d / "other.jsonl", questions(10, 50));
        for (const char* name : {"q", "other"}) {
            const std::string n = name;
            auto r = runSrs("rollout " + quote(d / "model") + " --data " + quote(d / (n + ".jsonl")) +
                            " --template 'Q: {question} A:' --quiet --seed 3 --samples 2 --max-new-tokens 8 --out " +
                            quote(d / (n + "_raw.jsonl")));
            ASSERT_EQ(r.exitCode, 0) << r.err;
            mixRewards(d / (n + "_raw.jsonl"), d / (n + "_r.jsonl"));
            r = runSrs("capture " + quote(d / "model") + " --rollouts " + quote(d / (n + "_r.jsonl")) +
                       " --layers 0,1 --quiet --out " + quote(d / (n + ".h5")));
            ASSERT_EQ(r.exitCode, 0) << r.err;
        }
        auto r = runSrs("probe train " + quote(d / "q.h5") +
                        " --layers 1 --method linear --lr 1e-2 --epochs 2 --seed 3 --test-fraction 0.4 --bootstrap 50 "
                        "-q --out " + quote(d / "p.h5"));
        ASSERT_EQ(r.exitCode, 0) << r.err;
    }
    static void TearDownTestSuite() {
        delete s_dir;
        s_dir = nullptr;
    }
    static std::string base(const std::string& rollouts = "q_r.jsonl") {
        return "confidence " + quote(*s_dir / "model") + " --rollouts " + quote(*s_dir / rollouts) + " --probes " +
               quote(*s_dir / "p.h5") + " --bootstrap 100 --verbal-max-new-tokens 6 -q " + verbal;
    }
    // The tiny model knows only ids < 512 of the Qwen tokenizer: ASCII arithmetic and "Q:"/"A:".
    static constexpr const char* verbal = "--verbal-template 'Q: {question} A:' ";
    static TempDir* s_dir;
};
TempDir* ConfidenceCli::s_dir = nullptr;

bool havePython() { return run(std::string(SRS_PYTHON) + " -c 'import h5py, numpy, scipy'").exitCode == 0; }

const char* kCheck = R"PY(
import h5py, json, sys, numpy as np
from scipy.stats import spearmanr
conf = json.load(open(sys.argv[1])); pf = h5py.File(sys.argv[2], 'r')
lines = [json.loads(l) for l in open(sys.argv[3]) if l.strip()]
def fail(m): print(m); sys.exit(0)
if conf['format'] != 'srs-confidence' or conf['format_version'] != 1: fail('format')
test_q = sorted(x.decode() if isinstance(x, bytes) else x for x in pf['split'].attrs['test_questions'])
qs = conf['questions']
if [q['question_id'] for q in qs] != test_q: fail('questions %s vs %s' % ([q['question_id'] for q in qs], test_q))
idx = list(pf['split/test_rollouts'][()]); v = pf['layers/layer_01/test_v_s0'][()]
for q in qs:
    want = float(np.mean([v[idx.index(r)] for r in q['rollouts']]))
    if abs(q['value_s0'] - want) > 1e-5: fail('value_s0 of %s: %r vs %r' % (q['question_id'], q['value_s0'], want))
    rl = [lines[r] for r in q['rollouts']]
    if any(l['question_id'] != q['question_id'] for l in rl): fail('rollout index of ' + q['question_id'])
    if q['question_length'] != len(rl[0]['prompt_ids']): fail('length of ' + q['question_id'])
    if abs(q['mean_reward'] - np.mean([l['reward'] for l in rl])) > 1e-12: fail('mean reward')
    if not (0 < q['token_prob'] < 1): fail('token_prob %r' % q['token_prob'])
    if not q['question_from_template']: fail('question not recovered from the template')
vb = conf['verbal']
parsed = sum(q['verbalized'] is not None for q in qs)
if vb['attempted'] != len(qs) or vb['parsed'] != parsed or vb['unparsable'] != len(qs) - parsed: fail('verbal counts')
key = {'value_s0': 'value_s0', 'verbalized': 'verbalized', 'token_prob': 'token_prob', 'question_length': 'question_length'}
names = [s['name'] for s in conf['signals']]
if names != list(key): fail('signals %s' % names)
for s in conf['signals']:
    used = [q for q in qs if q[key[s['name']]] is not None]
    if s['questions'] != len(used) or s['missing'] != len(qs) - len(used): fail('counts of ' + s['name'])
    if len(used) >= 3 and len(set(q[key[s['name']]] for q in used)) > 1:
        rho = spearmanr([q[key[s['name']]] for q in used], [q['mean_reward'] for q in used]).correlation
        if abs(s['spearman']['rho'] - rho) > 1e-9: fail('spearman of %s: %r vs %r' % (s['name'], s['spearman']['rho'], rho))
    pos = [q[key[s['name']]] for q in used for r in q['rewards'] if r > 0.5]
    neg = [q[key[s['name']]] for q in used for r in q['rewards'] if r <= 0.5]
    if pos and neg:
        u = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg) / (len(pos) * len(neg))
        if abs(s['auroc']['auroc'] - u) > 1e-12: fail('auroc of %s: %r vs %r' % (s['name'], s['auroc']['auroc'], u))
    if s['probability'] and s['rollouts'] and sum(b['count'] for b in s['bins']) != s['rollouts']: fail('bins')
print('OK')
)PY";

}  // namespace

TEST_F(ConfidenceCli, EndToEndAgainstPython) {
    const TempDir& d = *s_dir;
    auto r = runSrs(base() + "--layer 1 --out " + quote(d / "c.json") + " --csv " + quote(d / "c.csv") +
                    " --stats-csv " + quote(d / "s.csv"));
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("value_s0"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("answers parsed"), std::string::npos) << r.out;
    const auto conf = nlohmann::json::parse(readFile(d / "c.json"));
    EXPECT_EQ(conf["questions_used"]["set"], "test");
    EXPECT_EQ(conf["signals"].size(), 4u);
    EXPECT_LT(conf["value_s0_check"]["max_abs_diff_vs_stored_test_v_s0"].get<double>(), 1e-5);
    const std::size_t nq = conf["questions"].size();
    EXPECT_EQ(nq, 4u);  // round(0.4 * 10) held out
    std::istringstream csv(readFile(d / "c.csv"));
    std::size_t rows = 0;
    for (std::string l; std::getline(csv, l);) ++rows;
    EXPECT_EQ(rows, nq + 1);
    EXPECT_EQ(readFile(d / "s.csv").rfind("signal,questions,missing,", 0), 0u);
    if (!havePython()) GTEST_SKIP() << "python3 with h5py/numpy/scipy not available";
    writeFile(d / "check.py", kCheck);
    const auto py = run(std::string(SRS_PYTHON) + " " + quote(d / "check.py") + " " + quote(d / "c.json") + " " +
                        quote(d / "p.h5") + " " + quote(d / "q_r.jsonl"));
    EXPECT_EQ(py.exitCode, 0) << py.err;
    EXPECT_EQ(py.out, "OK\n") << py.err;
}

TEST_F(ConfidenceCli, RefusesToOverwriteWithoutForce) {
    const TempDir& d = *s_dir;
    writeFile(d / "exists.json", "{}");
    auto r = runSrs(base() + "--layer 1 --skip-verbal --out " + quote(d / "exists.json"));
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("--force"), std::string::npos) << r.err;
    EXPECT_EQ(readFile(d / "exists.json"), "{}");
    r = runSrs(base() + "--layer 1 --skip-verbal --force --out " + quote(d / "exists.json"));
    EXPECT_EQ(r.exitCode, 0) << r.err;
    const auto conf = nlohmann::json::parse(readFile(d / "exists.json"));
    EXPECT_TRUE(conf["verbal"]["skipped"].get<bool>());
    EXPECT_EQ(conf["signals"][1]["missing"], conf["questions"].size());
}

TEST_F(ConfidenceCli, LayerWithoutProbeIsAUsageError) {
    auto r = runSrs(base() + "--layer 0 --out " + quote(*s_dir / "l0.json"));
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find("no probe for layer 0 (layers: 1)"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(*s_dir / "l0.json"));
}

TEST_F(ConfidenceCli, RolloutsFromAnotherModelAreRefused) {
    const TempDir& d = *s_dir;
    std::istringstream lines(readFile(d / "q_r.jsonl"));
    std::string text;
    for (std::string l; std::getline(lines, l);) {
        auto j = nlohmann::json::parse(l);
        j["model_fingerprint"] = "00000000000000000000000000000000";
        text += j.dump() + "\n";
    }
    writeFile(d / "foreign.jsonl", text);
    auto r = runSrs(base("foreign.jsonl") + "--layer 1 --out " + quote(d / "foreign.json"));
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("was generated by model 00000000000000000000000000000000"), std::string::npos) << r.err;
}

TEST_F(ConfidenceCli, RolloutsNotMatchingTheCacheAreRefused) {
    const TempDir& d = *s_dir;
    std::istringstream lines(readFile(d / "q_r.jsonl"));
    std::vector<std::string> ls;
    for (std::string l; std::getline(lines, l);) ls.push_back(l);
    std::swap(ls[0], ls[2]);  // another question's record at line 1
    std::string text;
    for (const auto& l : ls) text += l + "\n";
    writeFile(d / "swapped.jsonl", text);
    auto r = runSrs(base("swapped.jsonl") + "--layer 1 --out " + quote(d / "swapped.json"));
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("swapped.jsonl:1: rollout"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("does not match cache"), std::string::npos) << r.err;
}

TEST_F(ConfidenceCli, CacheWithoutTheSplitQuestionsIsRefused) {
    const TempDir& d = *s_dir;
    // Consistent rollouts + cache of OTHER questions, with the probes of the first cache.
    auto r = runSrs(base("other_r.jsonl") + "--cache " + quote(d / "other.h5") + " --layer 1 --out " +
                    quote(d / "other.json"));
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("of the probes' split is not in cache"), std::string::npos) << r.err;
}

TEST_F(ConfidenceCli, VerbalPromptOutsideTheVocabularyIsAUsageError) {
    // The built-in templates are English text: Qwen ids far above the tiny model's 512.
    auto r = runSrs("confidence " + quote(*s_dir / "model") + " --rollouts " + quote(*s_dir / "q_r.jsonl") +
                    " --probes " + quote(*s_dir / "p.h5") + " --layer 1 --verbal-template plain -q --out " +
                    quote(*s_dir / "vocab.json"));
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find("outside the model's vocabulary (size 512)"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(*s_dir / "vocab.json"));
}
