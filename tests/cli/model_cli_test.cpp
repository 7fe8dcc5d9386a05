// `srs forward` / `srs generate` end to end on tests/fixtures/tiny-qwen2-f32; expected values
// come from the fixture's independent reference (refs/refs.safetensors, refs.json) and the
// tokenizer reference (qwen-tokenizer/tokenizer_refs.json: "12345678" -> 16..23).
#include <gtest/gtest.h>

#include "test_util.h"
#include <nlohmann/json.hpp>
#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/io/safetensors.h"

namespace {

namespace fs = std::filesystem;
using srs::core::SafetensorsFile;

const std::string kModel = std::string(SRS_TEST_FIXTURES) + "/tiny-qwen2-f32";

using Result = srs::test::CommandResult;
using srs::test::runSrs;

fs::path tmpDir() {
    static fs::path dir = [] {
        auto d = fs::temp_directory_path() / ("srs_model_cli_" + std::to_string(::getpid()));
        fs::create_directories(d);
        return d;
    }();
    return dir;
}


std::vector<float> floats(const SafetensorsFile& f, const std::string& name) {
    const auto* info = f.find(name);
    if (!info) return {};
    const float* p = static_cast<const float*>(f.tensorData(*info));
    return std::vector<float>(p, p + info->numel());
}

/// max|a-b| <= atol + 1e-5 * max|ref|.
::testing::AssertionResult close(const std::vector<float>& a, const std::vector<float>& ref, double atol) {
    if (a.size() != ref.size() || a.empty())
        return ::testing::AssertionFailure() << "sizes " << a.size() << " vs " << ref.size();
    double maxRef = 0, diff = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        maxRef = std::max(maxRef, std::abs(double(ref[i])));
        diff = std::max(diff, std::abs(double(a[i]) - ref[i]));
    }
    if (diff <= atol + 1e-5 * maxRef) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << "max diff " << diff;
}

const std::string kSeq7 = "170,224,473,226,326,65,32";

TEST(ModelCli, ForwardWritesTensorsMatchingReference) {
    auto out = tmpDir() / "fwd.safetensors";
    fs::remove(out);
    auto r = runSrs("forward " + kModel + " --ids " + kSeq7 + " --out " + out.string() + " --threads 1");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    auto f = SafetensorsFile::open(out);
    auto refs = SafetensorsFile::open(kModel + "/refs/refs.safetensors");
    EXPECT_EQ(f->tensors().size(), 7u);
    EXPECT_EQ(f->find("logits")->shapeString(), "[7, 512]");
    EXPECT_EQ(f->find("hook_embed")->shapeString(), "[7, 64]");
    EXPECT_TRUE(close(floats(*f, "hook_embed"), floats(*refs, "seq7.embeddings"), 1e-4));
    for (int l = 0; l < 4; ++l)
        EXPECT_TRUE(close(floats(*f, "blocks." + std::to_string(l) + ".hook_resid_post"),
                          floats(*refs, "seq7.layer" + std::to_string(l) + ".out"), 1e-4))
            << l;
    EXPECT_TRUE(close(floats(*f, "ln_final.hook_normalized"), floats(*refs, "seq7.final_norm"), 1e-4));
    EXPECT_TRUE(close(floats(*f, "logits"), floats(*refs, "seq7.logits"), 1e-3));

    // Refuses to overwrite without --force (exit 1, names the file); --force replaces it.
    r = runSrs("forward " + kModel + " --ids 4 --out " + out.string());
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find(out.filename().string()), std::string::npos) << r.err;
    r = runSrs("forward " + kModel + " --ids 4 --out " + out.string() + " --force --json");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    auto doc = nlohmann::json::parse(r.out);
    EXPECT_EQ(doc["argmax"], nlohmann::json({104}));  // refs.json seq1 argmax
}

TEST(ModelCli, ForwardAblationMatchesReference) {
    auto out = tmpDir() / "abl.safetensors";
    fs::remove(out);
    auto r = runSrs("forward " + kModel + " --ids " + kSeq7 +
                    " --ablate blocks.1.hook_resid_post:3,17,42 --dtype float32 --out " + out.string());
    ASSERT_EQ(r.exitCode, 0) << r.err;
    auto f = SafetensorsFile::open(out);
    auto refs = SafetensorsFile::open(kModel + "/refs/refs.safetensors");
    EXPECT_TRUE(close(floats(*f, "blocks.2.hook_resid_post"), floats(*refs, "seq7.ablate.layer2.out"), 1e-4));
    EXPECT_TRUE(close(floats(*f, "logits"), floats(*refs, "seq7.ablate.logits"), 1e-3));
}

TEST(ModelCli, GenerateGreedyMatchesReferenceAndTextIsNullWithoutTokenizer) {
    auto r = runSrs("generate " + kModel + " --ids " + kSeq7 + " --max-new-tokens 12 --greedy --json");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    auto doc = nlohmann::json::parse(r.out);
    EXPECT_EQ(doc["ids"], nlohmann::json({424, 66, 196, 300, 218, 108, 461, 152, 457, 88, 137, 186}));
    EXPECT_TRUE(doc["text"].is_null());
    EXPECT_NE(r.err.find("tokenizer.json"), std::string::npos) << r.err;
}

TEST(ModelCli, GenerateSamplingIsReproducible) {
    std::string args = "generate " + kModel + " --ids 4 --max-new-tokens 8 --temperature 1.5 --top-p 0.9 "
                       "--top-k 40 --seed 11 --json --stop-ids=-1";
    auto a = runSrs(args), b = runSrs(args);
    ASSERT_EQ(a.exitCode, 0) << a.err;
    EXPECT_EQ(nlohmann::json::parse(a.out)["ids"], nlohmann::json::parse(b.out)["ids"]);
    EXPECT_EQ(nlohmann::json::parse(a.out)["ids"].size(), 8u);
}

TEST(ModelCli, GeneratePromptUsesTokenizerInModelDir) {
    auto dir = tmpDir() / "with_tok";
    fs::create_directories(dir);
    for (const char* f : {"config.json", "generation_config.json", "model.safetensors"})
        if (!fs::exists(dir / f)) fs::create_symlink(fs::path(kModel) / f, dir / f);
    if (!fs::exists(dir / "tokenizer.json"))
        fs::create_symlink(fs::path(SRS_TEST_FIXTURES) / "qwen-tokenizer/tokenizer.json", dir / "tokenizer.json");
    auto r = runSrs("generate " + dir.string() + " --prompt 12345678 --template plain --max-new-tokens 3 --json");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    auto doc = nlohmann::json::parse(r.out);
    EXPECT_EQ(doc["prompt_ids"], nlohmann::json({16, 17, 18, 19, 20, 21, 22, 23}));
    EXPECT_TRUE(doc["text"].is_string());
    EXPECT_EQ(doc["ids"].size(), 3u);

    // The random model's bytes after the prompt "99" end in a partial UTF-8 sequence
    // (ids 236 474 234 474 decode to invalid UTF-8): --json must still print valid JSON,
    // with U+FFFD in the text, not fail.
    r = runSrs("generate " + dir.string() + " --prompt 99 --template plain --max-new-tokens 4 --json");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    doc = nlohmann::json::parse(r.out);
    EXPECT_EQ(doc["ids"], nlohmann::json({236, 474, 234, 474}));
    EXPECT_NE(doc["text"].get<std::string>().find("\xEF\xBF\xBD"), std::string::npos);
}

TEST(ModelCli, BadInvocationsGiveUsageOrErrorCodes) {
    EXPECT_EQ(runSrs("generate " + kModel + " --ids 4 --max-new-tokens 2 --greedy --temperature 0.7").exitCode, 2);
    EXPECT_EQ(runSrs("generate " + kModel + " --max-new-tokens 2").exitCode, 2);
    auto r = runSrs("generate " + kModel + " --ids 4 --max-new-tokens 2 --ablate blocks.1.hook_resid_post:64");
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find("out of range"), std::string::npos) << r.err;
    r = runSrs("generate " + kModel + " --prompt hi --max-new-tokens 2");
    EXPECT_EQ(r.exitCode, 1);  // no tokenizer.json in the folder
    EXPECT_NE(r.err.find("tokenizer.json"), std::string::npos) << r.err;
    r = runSrs("forward " + tmpDir().string() + "/missing --ids 4 --out " + (tmpDir() / "x.safetensors").string());
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("config.json"), std::string::npos) << r.err;
    EXPECT_EQ(runSrs("forward " + kModel + " --ids 4 --dtype float16 --out /dev/null").exitCode, 2);
    r = runSrs("generate " + kModel + " --ids 4 --max-new-tokens 2 --device cuda");
    EXPECT_EQ(r.exitCode, 1);  // CPU-only libtorch here
    EXPECT_NE(r.err.find("CUDA"), std::string::npos) << r.err;
}

}  // namespace
