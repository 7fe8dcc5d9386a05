// Runs the real `srs` binary. Expected ids come from tests/fixtures/qwen-tokenizer/tokenizer_refs.json.
#include <gtest/gtest.h>

#include "test_util.h"
#include <nlohmann/json.hpp>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace {

const std::string kQwenDir = std::string(SRS_TEST_FIXTURES) + "/qwen-tokenizer";

using Result = srs::test::CommandResult;
using srs::test::runSrs;


nlohmann::json refCase(const std::string& name) {
    std::ifstream in(kQwenDir + "/tokenizer_refs.json");
    auto refs = nlohmann::json::parse(in);
    for (const auto& c : refs.at("cases"))
        if (c.at("name") == name) return c;
    return {};
}

}  // namespace

TEST(TokenizeCli, JsonIdsAndTokens) {
    auto r = runSrs("tokenize --tokenizer '" + kQwenDir + "/tokenizer.json' --text 'Hello world' --json");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    auto doc = nlohmann::json::parse(r.out);
    EXPECT_EQ(doc.at("ids"), nlohmann::json({9707, 1879}));
    EXPECT_EQ(doc.at("tokens"), nlohmann::json({"Hello", "Ġworld"}));
}

TEST(TokenizeCli, PlainOutputFromModelFolder) {
    auto r = runSrs("tokenize --tokenizer '" + kQwenDir + "' --text 'Hello world'");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(r.out, "9707,1879\n");
}

TEST(TokenizeCli, TextFileWithSpecialTokens) {
    auto c = refCase("chat_template");
    ASSERT_FALSE(c.is_null());
    auto path = std::filesystem::temp_directory_path() / ("srs_tok_cli_text_" + std::to_string(::getpid()));
    {
        std::ofstream out(path, std::ios::binary);
        out << c.at("text").get<std::string>();
    }
    auto r = runSrs("tokenize --tokenizer '" + kQwenDir + "' --text-file '" + path.string() + "' --json");
    std::filesystem::remove(path);
    ASSERT_EQ(r.exitCode, 0) << r.err;
    auto doc = nlohmann::json::parse(r.out);
    EXPECT_EQ(doc.at("ids"), c.at("ids"));
    EXPECT_EQ(doc.at("tokens"), c.at("tokens"));
}

TEST(TokenizeCli, Detokenize) {
    auto r = runSrs("detokenize --tokenizer '" + kQwenDir + "' --ids 9707,1879");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(r.out, "Hello world\n");
    auto c = refCase("special_inline");
    std::string ids;
    for (const auto& id : c.at("ids")) ids += (ids.empty() ? "" : " ") + std::to_string(id.get<int>());
    r = runSrs("detokenize --tokenizer '" + kQwenDir + "' --ids '" + ids + "' --json");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(nlohmann::json::parse(r.out).at("text"), c.at("decoded"));
    r = runSrs("detokenize --tokenizer '" + kQwenDir + "' --ids 151644,9707,151645 --skip-special");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(r.out, "Hello\n");
}

TEST(TokenizeCli, UnknownIdIsAnErrorNamingIdAndVocabSize) {
    auto r = runSrs("detokenize --tokenizer '" + kQwenDir + "' --ids 9707,999999");
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("999999"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("151669"), std::string::npos) << r.err;
    EXPECT_EQ(runSrs("detokenize --tokenizer '" + kQwenDir + "' --ids 99999999999").exitCode, 1);
}

TEST(TokenizeCli, ErrorsAndUsage) {
    EXPECT_EQ(runSrs("tokenize --tokenizer /nonexistent/tok.json --text hi").exitCode, 1);
    auto r = runSrs("tokenize --tokenizer '" + std::string(SRS_TEST_FIXTURES) + "' --text hi");
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("no tokenizer.json"), std::string::npos) << r.err;
    EXPECT_EQ(runSrs("tokenize --tokenizer '" + kQwenDir + "' --text-file /nonexistent/x.txt").exitCode, 1);
    EXPECT_EQ(runSrs("detokenize --tokenizer '" + kQwenDir + "' --ids 1,x").exitCode, 2);
    EXPECT_EQ(runSrs("tokenize --text hi").exitCode, 2);                       // --tokenizer missing
    EXPECT_EQ(runSrs("tokenize --tokenizer '" + kQwenDir + "'").exitCode, 2);  // no text
    EXPECT_EQ(runSrs("tokenize --tokenizer '" + kQwenDir + "' --text a --text-file b").exitCode, 2);
    EXPECT_EQ(runSrs("detokenize --tokenizer '" + kQwenDir + "'").exitCode, 2);  // --ids missing
    auto help = runSrs("tokenize --help");
    EXPECT_EQ(help.exitCode, 0);
    EXPECT_NE(help.out.find("--text-file"), std::string::npos);
    EXPECT_EQ(runSrs("detokenize --help").exitCode, 0);
}
