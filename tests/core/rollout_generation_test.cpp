// Per-rollout sampling streams, the rollout line schema and readRolloutFile errors.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>

#include "core/error.h"
#include "core/model/transformer.h"
#include "core/pipeline/rollout_generation.h"
#include "core/pipeline/rollout_record.h"
#include "core/pipeline/rollout_runner.h"
#include "model_test_util.h"
#include "test_util.h"

namespace fs = std::filesystem;
using namespace srs::core;
namespace t = srs::core::test;

TEST(RolloutGeneration, RowDependsOnlyOnItsSeedNotOnTheBatch) {
    Transformer model(t::tinyCheckpoint(), RuntimeOptions{});
    SamplingOptions so;
    so.greedy = false;
    so.maxNewTokens = 12;
    so.stopIds = {-1};  // never stop: compare full-length streams
    const std::vector<std::vector<int>> prompts{{5, 6, 7}, {9, 10, 11, 12, 13, 14}, {3}};
    const std::vector<std::uint64_t> seeds{11, 22, 33};
    auto batch = generateWithRowSeeds(model, prompts, seeds, so);
    ASSERT_EQ(batch.size(), 3u);
    for (std::size_t r = 0; r < prompts.size(); ++r) {
        auto alone = generateWithRowSeeds(model, {prompts[r]}, {seeds[r]}, so);
        EXPECT_EQ(alone[0].ids, batch[r].ids) << "row " << r;
        EXPECT_EQ(batch[r].ids.size(), 12u);
        EXPECT_EQ(batch[r].finishReason, "length");
    }
    // Reordered batch: same per-row output.
    auto swapped = generateWithRowSeeds(model, {prompts[2], prompts[0]}, {seeds[2], seeds[0]}, so);
    EXPECT_EQ(swapped[0].ids, batch[2].ids);
    EXPECT_EQ(swapped[1].ids, batch[0].ids);
    // Same prompt, different seeds: different samples (12 tokens from 512 ids).
    auto two = generateWithRowSeeds(model, {prompts[0], prompts[0]}, {1, 2}, so);
    EXPECT_NE(two[0].ids, two[1].ids);
    EXPECT_THROW(generateWithRowSeeds(model, prompts, {1}, so), srs::InvalidArgument);
}

TEST(RolloutGeneration, GreedyMatchesTheFixtureReference) {
    // refs.json: greedy continuation of seq7 from an independent implementation.
    Transformer model(t::tinyCheckpoint(), RuntimeOptions{});
    auto seq = t::refsJson()["sequences"]["seq7"];
    SamplingOptions so;
    so.greedy = true;
    so.maxNewTokens = 12;
    so.stopIds = {-1};
    auto res = generateWithRowSeeds(model, {seq["input_ids"].get<std::vector<int>>()}, {0}, so);
    EXPECT_EQ(res[0].ids, seq["greedy_continuation"].get<std::vector<int>>());
}

TEST(RolloutRecord, SeedFormulaMatchesPythonReference) {
    // The formula of docs/ROLLOUTS.md, evaluated by Python (independent of the C++ code).
    const char* script =
        "M=(1<<64)-1\n"
        "def sm(x):\n"
        "  x=(x+0x9e3779b97f4a7c15)&M\n"
        "  x=((x^(x>>30))*0xbf58476d1ce4e5b9)&M\n"
        "  x=((x^(x>>27))*0x94d049bb133111eb)&M\n"
        "  return x^(x>>31)\n"
        "def fnv(s):\n"
        "  h=0xcbf29ce484222325\n"
        "  for c in s.encode():\n"
        "    h=((h^c)*0x100000001b3)&M\n"
        "  return h\n"
        "def seed(s,q,k): return sm(sm(sm(s)^fnv(q))^k)\n"
        "print(seed(7,'q/1',0), seed(0,'gsm8k/12',3), seed(2**64-1,'\\u00e9',41))\n";
    srs::test::TempDir dir;
    srs::test::writeFile(dir / "s.py", script);
    auto r = srs::test::run(std::string(SRS_PYTHON) + " " + srs::test::quote(dir / "s.py"));
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const std::string mine = std::to_string(rolloutSeed(7, "q/1", 0)) + " " +
                             std::to_string(rolloutSeed(0, "gsm8k/12", 3)) + " " +
                             std::to_string(rolloutSeed(~0ULL, "\xc3\xa9", 41)) + "\n";
    EXPECT_EQ(r.out, mine);
}

TEST(RolloutRecord, ReadErrorsNameFileLineAndField) {
    srs::test::TempDir dir;
    auto path = dir / "r.jsonl";
    auto expectError = [&](const std::string& text, const std::string& needle1, const std::string& needle2) {
        srs::test::writeFile(path, text);
        try {
            readRolloutFile(path);
            ADD_FAILURE() << "no error for: " << text;
        } catch (const srs::FormatError& e) {
            EXPECT_NE(std::string(e.what()).find(needle1), std::string::npos) << e.what();
            EXPECT_NE(std::string(e.what()).find(needle2), std::string::npos) << e.what();
        }
    };
    const std::string ok = R"({"question_id":"a","prompt":"p","response":"r","reward":1})";
    expectError(ok + "\n{\"question_id\": \n", "r.jsonl:2", "invalid JSON");
    expectError(ok + "\n" + R"({"question_id":"b","prompt":"p","reward":0})" + "\n", "r.jsonl:2", "'response'");
    expectError(R"({"prompt":"p","response":"r","reward":1})", "r.jsonl:1", "'question_id'");
    expectError(R"({"question_id":"a","prompt":"p","response":"r"})", "r.jsonl:1", "'reward'");
    expectError(R"({"question_id":"a","prompt":"p","response":"r","reward":"yes"})", "r.jsonl:1", "'reward'");
    expectError(R"({"question_id":"a","prompt":"p","response":"r","reward":1,"response_ids":[1,-2]})",
                "r.jsonl:1", "response_ids[1]");
    expectError(R"({"question_id":"a","prompt":"p","response":"r","reward":1,"prompt_ids":[1]})", "r.jsonl:1",
                "tokenizer_fingerprint");
    expectError(ok + "\n" + R"({"question_id":"a","sample_index":0,"prompt":"p","response":"r","reward":1})",
                "r.jsonl:2", "duplicate");

    // Text-only imports: sample indices numbered per question in order; numeric ids accepted.
    srs::test::writeFile(path, ok + "\n" + R"({"question_id":12,"prompt":"p","response":"r","reward":true})" +
                                   "\n" + ok + "\n");
    auto rs = readRolloutFile(path);
    ASSERT_EQ(rs.size(), 3u);
    EXPECT_EQ(rs[0].sampleIndex, 0);
    EXPECT_EQ(rs[1].questionId, "12");
    EXPECT_EQ(rs[1].reward, 1.0f);
    EXPECT_EQ(rs[2].sampleIndex, 1);
    EXPECT_EQ(rs[2].line, 3u);
}

TEST(RolloutRunner, DropPartialLastLine) {
    srs::test::TempDir dir;
    auto path = dir / "f.jsonl";
    srs::test::writeFile(path, "{\"a\":1}\n{\"b\":2}\n{\"c\":");
    EXPECT_EQ(dropPartialLastLine(path), 5u);
    EXPECT_EQ(srs::test::readFile(path), "{\"a\":1}\n{\"b\":2}\n");
    EXPECT_EQ(dropPartialLastLine(path), 0u);
    srs::test::writeFile(path, "no newline at all");
    EXPECT_EQ(dropPartialLastLine(path), 17u);
    EXPECT_EQ(fs::file_size(path), 0u);
    EXPECT_EQ(dropPartialLastLine(dir / "absent.jsonl"), 0u);
}

TEST(RolloutRunner, MultipleChoiceQuestionsListTheirOptions) {
    TaskItem item;
    item.question = "Which is a prime?";
    item.choices = {"4", "6", "7"};
    EXPECT_EQ(formatQuestion(item), "Which is a prime?\n\n(A) 4\n(B) 6\n(C) 7");
    item.choices.clear();
    EXPECT_EQ(formatQuestion(item), "Which is a prime?");
}
