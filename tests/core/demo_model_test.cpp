// The bundled demo model (resources/demo): it loads, its tokenizer round-trips, it
// reproduces its recorded accuracy, and the training model matches the runtime.
#include <ATen/ATen.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "core/error.h"
#include "core/jobs/job.h"
#include "core/model/checkpoint.h"
#include "core/model/transformer.h"
#include "core/pipeline/demo_data.h"
#include "core/pipeline/demo_eval.h"
#include "core/pipeline/demo_trainer.h"
#include "core/tasks/grading.h"
#include "core/tokenizer/prompt_template.h"
#include "core/tokenizer/tokenizer.h"
#include "core/util/resource_paths.h"

namespace srs::core {
namespace {
namespace fs = std::filesystem;

fs::path tempDir(const std::string& name) {
    auto dir = fs::temp_directory_path() / ("srs_demo_test_" + name + "_" + std::to_string(::getpid()));
    fs::remove_all(dir);
    return dir;
}

std::string readBytes(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

DemoTrainOptions tinyOptions(const fs::path& out, std::uint64_t seed = 3) {
    DemoTrainOptions o;
    o.outDir = out;
    o.seed = seed;
    o.steps = 3;
    o.batch = 4;
    o.testItems = 5;
    o.threads = 1;
    o.shape.dModel = 32;
    o.shape.layers = 2;
    o.shape.heads = 4;
    o.shape.kvHeads = 2;
    o.shape.mlp = 48;
    return o;
}

TEST(DemoModel, ShippedCheckpointLoadsAndTokenizerRoundTrips) {
    const auto dir = resourcePath("demo");
    auto ckpt = Checkpoint::open(dir);
    EXPECT_EQ(ckpt->config().architecture, "Qwen2ForCausalLM");
    EXPECT_EQ(ckpt->config().modelType, "qwen2");
    EXPECT_TRUE(ckpt->config().tieWordEmbeddings);
    EXPECT_TRUE(ckpt->config().attentionBias);
    EXPECT_FALSE(ckpt->has("lm_head.weight"));
    EXPECT_LE(fs::file_size(dir / "model.safetensors"), 20u * 1024 * 1024);

    auto tok = Tokenizer::fromFile(dir / "tokenizer.json");
    const std::string text = "Q: Ann has 26 keys and gets 425. Total? A: 026+425=\\boxed{451}";
    auto ids = tok.encode(text);
    EXPECT_EQ(tok.decode(ids), text);
    // Every character is one byte token except "\boxed{" (7 characters), which is one merge.
    EXPECT_EQ(ids.size(), text.size() - 6);
    auto boxed = tok.encode("\\boxed{");
    ASSERT_EQ(boxed.size(), 1u);
    // EOS is the configured stop id and a special token.
    ASSERT_FALSE(ckpt->config().eosTokenIds.empty());
    EXPECT_EQ(tok.idToToken(ckpt->config().eosTokenIds[0]), "<|endoftext|>");
    EXPECT_TRUE(tok.isSpecial(ckpt->config().eosTokenIds[0]));

    auto manifest = readDemoManifest(dir);
    EXPECT_EQ(manifest.families.size(), 4u);
    EXPECT_NE(manifest.templ.find("{question}"), std::string::npos);
}

TEST(DemoModel, HeldOutItemsAreCorrectAndGradable) {
    // Independent check of the shipped test data: recompute add/sub/mul answers from the
    // question text and grade the recorded solution against the gold.
    const auto dir = resourcePath("demo");
    const std::regex two(R"((\d+)\D+(\d+))");
    for (const char* family : {"add", "sub", "mul"}) {
        std::ifstream in(dir / "data" / (std::string(family) + "_test.jsonl"));
        std::string line;
        int n = 0;
        while (std::getline(in, line)) {
            auto rec = nlohmann::json::parse(line);
            std::smatch m;
            std::string q = rec["question"];
            ASSERT_TRUE(std::regex_search(q, m, two)) << q;
            long a = std::stol(m[1]), b = std::stol(m[2]);
            long want = std::string(family) == "add" ? a + b : std::string(family) == "sub" ? a - b : a * b;
            EXPECT_EQ(rec["answer"].get<std::string>(), std::to_string(want)) << q;
            EXPECT_EQ(grade(rec["solution"], rec["answer"], TaskKind::Math).reward, 1) << line;
            ++n;
        }
        EXPECT_EQ(n, 200) << family;
    }
}

TEST(DemoModel, ReproducesRecordedAccuracy) {
    const auto dir = resourcePath("demo");
    auto doc = nlohmann::json::parse(readBytes(dir / "eval.json"));
    const nlohmann::json* run = nullptr;
    for (const auto& r : doc["runs"])
        if (r["limit"].get<int>() > 0 && (!run || r["limit"].get<int>() < (*run)["limit"].get<int>())) run = &r;
    ASSERT_NE(run, nullptr) << "eval.json has no reduced (--limit) run";
    DemoEvalOptions o;
    o.samples = (*run)["samples"];
    o.seed = (*run)["seed"];
    o.limit = (*run)["limit"];
    o.temperature = (*run)["temperature"];
    auto result = evaluateDemoModel(dir, o);
    ASSERT_EQ(result.families.size(), (*run)["families"].size());
    for (const auto& f : result.families) {
        const auto& rec = (*run)["families"][f.family];
        EXPECT_NEAR(f.sampledAccuracy(), rec["sampled_accuracy"].get<double>(), 5.0) << f.family;
        EXPECT_NEAR(f.greedyAccuracy(), rec["greedy_accuracy"].get<double>(), 5.0) << f.family;
        EXPECT_NEAR(f.mixedShare(), rec["mixed_share"].get<double>(), 5.0) << f.family;
    }
}

TEST(DemoModel, TrainingModelMatchesRuntimeLogits) {
    const auto out = tempDir("parity");
    DemoTrainer trainer(tinyOptions(out));
    auto report = trainer.run();
    EXPECT_EQ(report.steps, 3);
    ASSERT_TRUE(fs::exists(out / "model.safetensors"));
    EXPECT_FALSE(fs::exists(fs::path(out.string() + ".partial")));

    auto tok = Tokenizer::fromFile(out / "tokenizer.json");
    auto ids = tok.encode("Q: Kim has 7 eggs, Bob has 12. Who has more? A: 007<012, \\boxed{Bob}");
    auto input = at::tensor(std::vector<std::int64_t>(ids.begin(), ids.end()), at::kLong).unsqueeze(0);
    auto expected = trainer.logits(input);

    auto ckpt = Checkpoint::open(out);
    EXPECT_EQ(ckpt->parameterCount(), report.parameters);
    Transformer model(ckpt, RuntimeOptions{});
    auto actual = model.forward(input).logits;
    ASSERT_EQ(actual.sizes(), expected.sizes());
    EXPECT_LT((actual - expected).abs().max().item<double>(), 1e-4);
    fs::remove_all(out);
}

TEST(DemoModel, SameSeedGivesIdenticalWeights) {
    const auto a = tempDir("det_a"), b = tempDir("det_b"), c = tempDir("det_c");
    DemoTrainer(tinyOptions(a, 5)).run();
    DemoTrainer(tinyOptions(b, 5)).run();
    DemoTrainer(tinyOptions(c, 6)).run();
    EXPECT_EQ(readBytes(a / "model.safetensors"), readBytes(b / "model.safetensors"));
    EXPECT_NE(readBytes(a / "model.safetensors"), readBytes(c / "model.safetensors"));
    EXPECT_EQ(readBytes(a / "data/cmp_test.jsonl"), readBytes(b / "data/cmp_test.jsonl"));
    for (const auto& d : {a, b, c}) fs::remove_all(d);
}

TEST(DemoModel, RefusesExistingFolderAndCancelsCleanly) {
    const auto out = tempDir("exists");
    fs::create_directories(out);
    EXPECT_THROW(DemoTrainer{tinyOptions(out)}, InvalidArgument);
    fs::remove_all(out);

    CancelToken cancel;
    cancel.cancel();
    JobContext job({}, cancel);
    DemoTrainer trainer(tinyOptions(out));
    EXPECT_THROW(trainer.run(&job), Cancelled);
    EXPECT_FALSE(fs::exists(out));
    EXPECT_FALSE(fs::exists(fs::path(out.string() + ".partial")));
}

TEST(DemoModel, TrainingDataExcludesHeldOutItems) {
    std::unordered_set<std::string> test;
    for (const auto& f : demoFamilies())
        for (const auto& p : makeDemoTestSet(f, 200, 1)) test.insert(p.key);
    DemoRng rng(42);
    for (int i = 0; i < 5000; ++i) EXPECT_EQ(test.count(makeDemoTrainingProblem(rng, test).key), 0u);
    // Template and every family's response are gradable by the project's grader.
    DemoRng r2(7);
    for (const auto& f : demoFamilies()) {
        auto p = makeDemoProblem(f, r2);
        EXPECT_EQ(grade(p.response, p.answer, TaskKind::Math).reward, 1) << p.response;
        EXPECT_EQ(applyPromptTemplate(demoPromptTemplate(), "x"), "Q: x A: ");
    }
}

}  // namespace
}  // namespace srs::core
