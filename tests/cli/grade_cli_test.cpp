// Runs the real `srs grade`. Expected rewards are decided by hand for each line.
#include <gtest/gtest.h>

#include "test_util.h"
#include <nlohmann/json.hpp>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace {

using Result = srs::test::CommandResult;
using srs::test::runSrs;


class GradeCli : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = fs::temp_directory_path() / ("srs_grade_cli_" + std::to_string(::getpid()) + "_" +
                                             ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
    }
    void TearDown() override { fs::remove_all(m_dir); }
    fs::path write(const std::string& name, const std::string& text) {
        fs::path p = m_dir / name;
        std::ofstream(p, std::ios::binary) << text;
        return p;
    }
    static std::string slurp(const fs::path& p) {
        std::ifstream in(p, std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        return ss.str();
    }
    static std::vector<nlohmann::json> lines(const std::string& text) {
        std::vector<nlohmann::json> out;
        std::istringstream in(text);
        std::string line;
        while (std::getline(in, line))
            if (!line.empty()) out.push_back(nlohmann::json::parse(line));
        return out;
    }
    fs::path m_dir;
};

const char* kMathInput =
    R"({"id":"a","response":"so the answer is $\\boxed{\\frac12}$.","gold":"0.5"})" "\n"
    "\n"
    R"({"id":"b","response":"I get 41","gold":42})" "\n"
    R"({"id":"c","response":"\\boxed{(-\\infty, 0]}","gold":"(-\\infty,0]"})" "\n";

}  // namespace

TEST_F(GradeCli, MathToStdoutAddsExtractedAndReward) {
    auto in = write("in.jsonl", kMathInput);
    auto r = runSrs("grade --task math --in '" + in.string() + "'");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    auto out = lines(r.out);
    ASSERT_EQ(out.size(), 3u);
    EXPECT_EQ(out[0]["id"], "a");
    EXPECT_EQ(out[0]["extracted"], "\\frac12");
    EXPECT_EQ(out[0]["reward"], 1);
    EXPECT_EQ(out[1]["extracted"], "41");
    EXPECT_EQ(out[1]["reward"], 0);
    EXPECT_EQ(out[1]["gold"], 42);  // other keys are kept as they were
    EXPECT_EQ(out[2]["reward"], 1);
    EXPECT_NE(r.err.find("n=3"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("accuracy=0.6667"), std::string::npos) << r.err;
}

TEST_F(GradeCli, Gsm8kAndChoiceTasks) {
    auto gsm = write("gsm.jsonl",
        R"({"response":"She makes $18 every day.","gold":"9*2=18\n#### 18"})" "\n"
        R"({"response":"The profit is $70,000.","gold":"70000"})" "\n"
        R"({"response":"\\boxed{17}","gold":"18"})" "\n");
    auto r = runSrs("grade --task gsm8k --in '" + gsm.string() + "'");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    auto out = lines(r.out);
    ASSERT_EQ(out.size(), 3u);
    EXPECT_EQ(out[0]["reward"], 1);
    EXPECT_EQ(out[1]["extracted"], "70,000");
    EXPECT_EQ(out[1]["reward"], 1);
    EXPECT_EQ(out[2]["reward"], 0);

    auto choice = write("choice.jsonl",
        R"({"response":"The answer is (C).","gold":"C"})" "\n"
        R"({"response":"Answer: A","gold":"B"})" "\n");
    r = runSrs("grade --task choice --in '" + choice.string() + "'");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    out = lines(r.out);
    ASSERT_EQ(out.size(), 2u);
    EXPECT_EQ(out[0]["extracted"], "C");
    EXPECT_EQ(out[0]["reward"], 1);
    EXPECT_EQ(out[1]["extracted"], "A");
    EXPECT_EQ(out[1]["reward"], 0);
}

TEST_F(GradeCli, OutFileIsNotOverwrittenWithoutForce) {
    auto in = write("in.jsonl", kMathInput);
    fs::path outPath = m_dir / "graded.jsonl";
    auto r = runSrs("grade --task math --in '" + in.string() + "' --out '" + outPath.string() + "'");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_TRUE(r.out.empty());
    EXPECT_EQ(lines(slurp(outPath)).size(), 3u);

    write("graded.jsonl", "user data\n");
    r = runSrs("grade --task math --in '" + in.string() + "' --out '" + outPath.string() + "'");
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("--force"), std::string::npos) << r.err;
    EXPECT_EQ(slurp(outPath), "user data\n");

    r = runSrs("grade --task math --in '" + in.string() + "' --out '" + outPath.string() + "' --force");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    auto out = lines(slurp(outPath));
    ASSERT_EQ(out.size(), 3u);
    EXPECT_EQ(out[2]["reward"], 1);
}

TEST_F(GradeCli, MalformedLineExitsOneNamingFileAndLine) {
    auto in = write("bad.jsonl",
        R"({"response":"\\boxed{1}","gold":"1"})" "\n"
        R"({"response":"\\boxed{1}", "gold": )" "\n");
    fs::path outPath = m_dir / "graded.jsonl";
    auto r = runSrs("grade --task math --in '" + in.string() + "' --out '" + outPath.string() + "'");
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find(in.string() + ":2:"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(outPath));  // nothing half-written is left behind
    std::size_t entries = 0;
    for (auto it = fs::directory_iterator(m_dir); it != fs::directory_iterator(); ++it) ++entries;
    EXPECT_EQ(entries, 1u);  // only bad.jsonl: no temporary file either

    auto missing = write("missing.jsonl", R"({"response":"x"})" "\n");
    r = runSrs("grade --task math --in '" + missing.string() + "'");
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("missing.jsonl:1: missing key 'gold'"), std::string::npos) << r.err;
}

TEST_F(GradeCli, UsageErrorsExitTwo) {
    auto in = write("in.jsonl", kMathInput);
    EXPECT_EQ(runSrs("grade --task mmlu --in '" + in.string() + "'").exitCode, 2);
    EXPECT_EQ(runSrs("grade --in '" + in.string() + "'").exitCode, 2);
    auto r = runSrs("grade --task math --in '" + (m_dir / "nope.jsonl").string() + "'");
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("nope.jsonl"), std::string::npos) << r.err;
}
