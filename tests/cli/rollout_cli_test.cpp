// `srs rollout` end to end on the tiny fixture model (vocabulary 512): determinism, batch
// independence, resume after a cut line or a kill, settings mismatch, bad input.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "test_util.h"

namespace fs = std::filesystem;
using srs::test::quote;
using srs::test::readFile;
using srs::test::runSrs;
using srs::test::TempDir;
using srs::test::writeFile;

namespace {

// Arithmetic prompts: with the Qwen tokenizer every id of "Q: <digits/ops> A:" is < 512.
const char* kQuestions =
    "{\"question\": \"12+7=\", \"answer\": \"19\"}\n"
    "{\"question\": \"3*4=\", \"answer\": \"12\"}\n"
    "{\"question\": \"20-5=\", \"answer\": \"15\"}\n"
    "{\"question\": \"9+9=\", \"answer\": \"18\"}\n"
    "{\"question\": \"7*6=\", \"answer\": \"42\"}\n";

/// A copy of the tiny model with the Qwen tokenizer added, plus a questions file.
struct Env {
    TempDir dir;
    fs::path model = dir / "model";
    fs::path data = dir / "q.jsonl";
    Env() {
        srs::test::copyTinyModelWithQwenTokenizer(model);
        writeFile(data, kQuestions);
    }
    std::string rollout(const fs::path& out, const std::string& extra = "", int samples = 3, int maxNew = 10) const {
        return "rollout " + quote(model) + " --data " + quote(data) + " --template 'Q: {question} A:' --samples " +
               std::to_string(samples) + " --max-new-tokens " + std::to_string(maxNew) + " --seed 7 --quiet --out " +
               quote(out) + " " + extra;
    }
};

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string l; std::getline(in, l);) out.push_back(l);
    return out;
}

}  // namespace

TEST(RolloutCli, WritesOneGradedLinePerRolloutWithProvenance) {
    Env env;
    auto out = env.dir / "r.jsonl";
    auto r = runSrs(env.rollout(out, "--json"));
    ASSERT_EQ(r.exitCode, 0) << r.err;
    auto summary = nlohmann::json::parse(r.out);
    EXPECT_EQ(summary["generated"], 15);
    auto ls = lines(readFile(out));
    ASSERT_EQ(ls.size(), 15u);
    std::set<std::pair<std::string, int>> keys;
    for (const auto& l : ls) {
        auto j = nlohmann::json::parse(l);
        keys.insert({j["question_id"].get<std::string>(), j["sample_index"].get<int>()});
        EXPECT_EQ(j["task"], "q");
        EXPECT_EQ(j["grading"], "math");
        EXPECT_EQ(j["template"], "Q: {question} A:");
        EXPECT_EQ(j["prompt"].get<std::string>().rfind("Q: ", 0), 0u);
        EXPECT_FALSE(j["prompt_ids"].empty());
        EXPECT_LE(j["response_ids"].size(), 10u);
        EXPECT_TRUE(j["finish_reason"] == "stop" || j["finish_reason"] == "length");
        EXPECT_EQ(j["model_fingerprint"].get<std::string>().rfind("xxh3-128:", 0), 0u);
        EXPECT_EQ(j["tokenizer_fingerprint"].get<std::string>().size(), 16u);
        EXPECT_EQ(j["settings"]["seed"], 7);
        EXPECT_EQ(j["settings"]["max_new_tokens"], 10);
        // Stop ids: the config's eos (2) plus <|endoftext|> (151643) and <|im_end|> (151645).
        EXPECT_EQ(j["settings"]["stop_ids"], nlohmann::json({2, 151643, 151645}));
        float reward = j["reward"].get<float>();
        EXPECT_TRUE(reward == 0.0f || reward == 1.0f);
    }
    EXPECT_EQ(keys.size(), 15u);  // 5 questions x 3 samples, no duplicates
    // The first prompt, tokenized independently (srs tokenize): "Q: 12+7= A:".
    auto first = nlohmann::json::parse(ls[0]);
    EXPECT_EQ(first["question_id"], "q/1");
    EXPECT_EQ(first["prompt_ids"], nlohmann::json({48, 25, 220, 16, 17, 10, 22, 28, 362, 25}));
}

TEST(RolloutCli, SameSeedSameFileAndBatchSizeDoesNotMatter) {
    Env env;
    auto a = env.dir / "a.jsonl", b = env.dir / "b.jsonl", c = env.dir / "c.jsonl", d = env.dir / "d.jsonl";
    ASSERT_EQ(runSrs(env.rollout(a, "--batch-size 4")).exitCode, 0);
    ASSERT_EQ(runSrs(env.rollout(b, "--batch-size 4")).exitCode, 0);
    ASSERT_EQ(runSrs(env.rollout(c, "--batch-size 1")).exitCode, 0);
    EXPECT_EQ(readFile(a), readFile(b));
    EXPECT_EQ(readFile(a), readFile(c));
    // A different seed changes the samples (15 rollouts of 10 tokens from 512 ids).
    ASSERT_EQ(runSrs("rollout " + quote(env.model) + " --data " + quote(env.data) +
                     " --template 'Q: {question} A:' --samples 3 --max-new-tokens 10 --seed 8 --quiet --out " +
                     quote(d))
                  .exitCode,
              0);
    EXPECT_NE(readFile(a), readFile(d));
    // Samples of one question differ from each other (independent streams).
    auto ls = lines(readFile(a));
    EXPECT_NE(nlohmann::json::parse(ls[0])["response_ids"], nlohmann::json::parse(ls[1])["response_ids"]);
}

TEST(RolloutCli, LimitOnlyChangesWhichQuestionsRun) {
    Env env;
    auto full = env.dir / "full.jsonl", part = env.dir / "part.jsonl";
    ASSERT_EQ(runSrs(env.rollout(full, "--batch-size 5")).exitCode, 0);
    ASSERT_EQ(runSrs(env.rollout(part, "--limit 2 --batch-size 2")).exitCode, 0);
    auto all = lines(readFile(full)), some = lines(readFile(part));
    ASSERT_EQ(some.size(), 6u);
    for (std::size_t i = 0; i < some.size(); ++i) EXPECT_EQ(some[i], all[i]);
    // Resuming the limited file without the limit appends the rest: equal to the full run.
    auto r = runSrs(env.rollout(part, "--batch-size 3 --json"));
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(nlohmann::json::parse(r.out)["already_done"], 6);
    EXPECT_EQ(readFile(part), readFile(full));
}

TEST(RolloutCli, ResumeAfterCutLineEqualsUninterruptedRun) {
    Env env;
    auto full = env.dir / "full.jsonl", cut = env.dir / "cut.jsonl";
    ASSERT_EQ(runSrs(env.rollout(full)).exitCode, 0);
    const std::string text = readFile(full);
    auto ls = lines(text);
    // Keep 4 whole lines and half of the 5th, as a killed write would.
    std::string partial;
    for (int i = 0; i < 4; ++i) partial += ls[static_cast<std::size_t>(i)] + "\n";
    partial += ls[4].substr(0, ls[4].size() / 2);
    writeFile(cut, partial);
    auto r = runSrs(env.rollout(cut, "--json"));
    ASSERT_EQ(r.exitCode, 0) << r.err;
    auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["already_done"], 4);
    EXPECT_EQ(j["generated"], 11);
    EXPECT_EQ(j["dropped_partial_bytes"], ls[4].size() / 2);
    EXPECT_EQ(readFile(cut), text);
    // A rerun of a complete file changes nothing.
    r = runSrs(env.rollout(cut, "--json"));
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(nlohmann::json::parse(r.out)["generated"], 0);
    EXPECT_EQ(readFile(cut), text);
}

TEST(RolloutCli, ResumeAfterKillEqualsUninterruptedRun) {
    Env env;
    auto full = env.dir / "full.jsonl", killed = env.dir / "killed.jsonl";
    const std::string big = " --batch-size 2";
    ASSERT_EQ(runSrs(env.rollout(full, big, 8, 24)).exitCode, 0);
    // Start the same run and SIGKILL it once the file holds a few lines.
    pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
        const std::string cmd = std::string(SRS_CLI_PATH) + " " + env.rollout(killed, big, 8, 24) + " 2>/dev/null";
        execl("/bin/sh", "sh", "-c", ("exec " + cmd).c_str(), static_cast<char*>(nullptr));
        _exit(127);
    }
    for (int i = 0; i < 600; ++i) {
        usleep(10000);
        if (fs::exists(killed) && fs::file_size(killed) > 0) break;
    }
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    auto r = runSrs(env.rollout(killed, big + " --json", 8, 24));
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_LT(nlohmann::json::parse(r.out)["already_done"].get<int>(), 40) << "the kill came too late";
    EXPECT_EQ(readFile(killed), readFile(full));
}

TEST(RolloutCli, ResumeWithOtherSettingsIsRefusedNamingTheField) {
    Env env;
    auto out = env.dir / "r.jsonl";
    ASSERT_EQ(runSrs(env.rollout(out, "--limit 1")).exitCode, 0);
    const std::string before = readFile(out);
    auto r = runSrs(env.rollout(out, "--temperature 0.5"));
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("settings.temperature"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("r.jsonl:1"), std::string::npos) << r.err;
    EXPECT_EQ(readFile(out), before);  // untouched
}

TEST(RolloutCli, RefusesAnExistingFileThatIsNotARolloutFile) {
    Env env;
    auto out = env.dir / "notes.jsonl";
    writeFile(out, "{\"hello\": 1}\n");
    auto r = runSrs(env.rollout(out));
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("notes.jsonl:1"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("question_id"), std::string::npos) << r.err;
    EXPECT_EQ(readFile(out), "{\"hello\": 1}\n");
}

TEST(RolloutCli, BadInputIsReportedClearly) {
    Env env;
    auto out = env.dir / "r.jsonl";
    // Malformed questions file: names the file and line.
    writeFile(env.data, "{\"question\": \"1+1=\", \"answer\": \"2\"}\n{\"question\": \"2+2=\", \n");
    auto r = runSrs(env.rollout(out));
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("q.jsonl:2"), std::string::npos) << r.err;
    // Missing answer field.
    writeFile(env.data, "{\"question\": \"1+1=\"}\n");
    r = runSrs(env.rollout(out));
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("answer"), std::string::npos) << r.err;
    // A template whose tokens the 512-token model lacks: names the question and the id.
    writeFile(env.data, kQuestions);
    r = runSrs("rollout " + quote(env.model) + " --data " + quote(env.data) +
               " --template qwen-boxed --max-new-tokens 4 --quiet --out " + quote(out));
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("q/1"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("151644"), std::string::npos) << r.err;  // <|im_start|>
    // No tokenizer.json in the model folder.
    fs::remove(env.model / "tokenizer.json");
    r = runSrs(env.rollout(out));
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("tokenizer.json"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(out));
    // Neither --task nor --data: usage error.
    EXPECT_EQ(runSrs("rollout " + quote(env.model) + " --out " + quote(out)).exitCode, 2);
}
