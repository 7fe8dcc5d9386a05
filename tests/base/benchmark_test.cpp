// Benchmark loading and the grader over the full shipped GSM8K / MATH500 files.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>

#include "core/error.h"
#include "core/tasks/benchmark.h"
#include "core/tasks/grading.h"
#include "core/util/resource_paths.h"

using namespace srs::core;
namespace fs = std::filesystem;

namespace {

const fs::path kData = fs::path(SRS_SOURCE_DIR) / "resources" / "data";

/// Runs a Python snippet with /usr/bin/python3 and returns its stdout lines.
std::vector<std::string> python(const std::string& script) {
    fs::path file = fs::temp_directory_path() / ("srs_bench_ref_" + std::to_string(::getpid()) + ".py");
    { std::ofstream(file) << script; }
    std::string cmd = std::string(SRS_PYTHON) + " " + file.string();
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(::popen(cmd.c_str(), "r"), ::pclose);
    std::vector<std::string> lines;
    std::string current;
    int ch;
    while (pipe && (ch = std::fgetc(pipe.get())) != EOF) {
        if (ch == '\n') {
            lines.push_back(current);
            current.clear();
        } else {
            current.push_back(static_cast<char>(ch));
        }
    }
    fs::remove(file);
    return lines;
}

class TempDir {
public:
    TempDir() {
        m_path = fs::temp_directory_path() / ("srs_bench_" + std::to_string(::getpid()) + "_" +
                                              std::to_string(s_counter++));
        fs::create_directories(m_path);
    }
    ~TempDir() { fs::remove_all(m_path); }
    fs::path write(const std::string& name, const std::string& text) const {
        fs::path p = m_path / name;
        std::ofstream(p, std::ios::binary) << text;
        return p;
    }

private:
    fs::path m_path;
    static inline int s_counter = 0;
};

std::string errorOf(const std::function<void()>& fn) {
    try {
        fn();
    } catch (const srs::FormatError& e) {
        return e.what();
    }
    return "(no FormatError)";
}

}  // namespace

TEST(Benchmark, Gsm8kShipsAll1319WithGoldsMatchingAPythonReference) {
    auto items = loadBenchmarkFile(kData / "gsm8k_test.jsonl", presetMapping("gsm8k"), "gsm8k");
    auto ref = python(
        "import json\n"
        "for line in open('" + (kData / "gsm8k_test.jsonl").string() + "'):\n"
        "    d = json.loads(line)\n"
        "    print(d['answer'].split('####')[-1].strip().replace(',', ''))\n");
    ASSERT_EQ(items.size(), 1319u);
    ASSERT_EQ(ref.size(), 1319u);
    EXPECT_EQ(items[0].gold, "18");      // Janet's ducks
    EXPECT_EQ(items[2].gold, "70000");   // "#### 70000"
    EXPECT_EQ(items[0].task, "gsm8k");
    EXPECT_EQ(items[0].id, "gsm8k/1");
    for (std::size_t i = 0; i < items.size(); ++i) EXPECT_EQ(items[i].gold, ref[i]) << "line " << i + 1;
}

TEST(Benchmark, EveryGsm8kGoldIsExtractedFromItsOwnSolution) {
    std::ifstream in(kData / "gsm8k_test.jsonl");
    auto items = loadBenchmarkFile(kData / "gsm8k_test.jsonl", presetMapping("gsm8k"));
    std::string line;
    std::size_t i = 0, graded = 0;
    while (std::getline(in, line)) {
        auto solution = nlohmann::json::parse(line)["answer"].get<std::string>();
        ASSERT_LT(i, items.size());
        EXPECT_EQ(extractAnswer(solution, TaskKind::Gsm8k), items[i].gold) << "line " << i + 1;
        graded += grade(solution, items[i].gold, TaskKind::Gsm8k).reward;
        ++i;
    }
    EXPECT_EQ(graded, 1319u);
}

TEST(Benchmark, Math500ShipsAll500) {
    auto items = loadBuiltinBenchmark("math500");
    ASSERT_EQ(items.size(), 500u);
    EXPECT_EQ(items[0].id, "test/precalculus/807.json");
    EXPECT_EQ(items[0].gold, R"(\left( 3, \frac{\pi}{2} \right))");
    EXPECT_EQ(items[0].question.rfind("Convert the point $(0,3)$", 0), 0u);
    EXPECT_EQ(items[0].task, "math");
}

TEST(Benchmark, EveryMath500GoldIsEquivalentToItselfWhenBoxed) {
    auto items = loadBuiltinBenchmark("math500");
    int ok = 0;
    for (const auto& item : items) {
        auto result = grade("Reasoning...\nSo the final answer is $\\boxed{" + item.gold + "}$.", item.gold,
                            TaskKind::Math);
        EXPECT_EQ(result.extracted, item.gold) << item.id;
        EXPECT_EQ(result.reward, 1) << item.id << ": " << item.gold;
        ok += result.reward;
    }
    EXPECT_EQ(ok, 500);
}

TEST(Benchmark, DistinctMath500GoldsAreNotEquivalent) {
    // Neighbouring gold answers are different problems; only these pairs (checked by
    // hand) denote the same value. Everything else must grade 0 against its neighbour.
    const std::set<std::pair<std::string, std::string>> sameValue = {{"5", "x=5"}};
    auto items = loadBuiltinBenchmark("math500");
    int equivalentPairs = 0, compared = 0;
    for (std::size_t i = 0; i + 1 < items.size(); ++i) {
        const auto& a = items[i].gold;
        const auto& b = items[i + 1].gold;
        if (a == b) continue;
        ++compared;
        bool eq = answersEquivalent(a, b);
        bool expected = sameValue.count({a, b}) || sameValue.count({b, a});
        equivalentPairs += eq;
        EXPECT_EQ(eq, expected) << a << " vs " << b;
    }
    EXPECT_GT(compared, 450);
    EXPECT_EQ(equivalentPairs, 1);
}

TEST(Benchmark, BuiltinNamesAndUnknownName) {
    EXPECT_EQ(builtinBenchmarkNames().size(), 2u);
    EXPECT_THROW(loadBuiltinBenchmark("aime"), srs::InvalidArgument);
    EXPECT_THROW(presetMapping("nope"), srs::InvalidArgument);
}

TEST(Benchmark, ArcPresetTurnsLabelsIntoLetters) {
    TempDir dir;
    auto file = dir.write("arc.jsonl",
        R"({"id":"Mercury_1","question":"Which is a gas?","choices":{"text":["ice","steam","rock"],"label":["A","B","C"]},"answerKey":"B"})" "\n"
        "\n"
        R"({"id":"Mercury_2","question":"Pick four","choices":{"text":["3","4"],"label":["1","2"]},"answerKey":"2"})" "\n"
        R"({"id":"ai2","question":{"stem":"Old format?","choices":[{"text":"yes","label":"A"},{"text":"no","label":"B"}]},"answerKey":"A"})" "\n");
    auto items = loadBenchmarkFile(file, presetMapping("arc"), "arc");
    ASSERT_EQ(items.size(), 3u);
    EXPECT_EQ(items[0].gold, "B");
    EXPECT_EQ(items[0].choices, (std::vector<std::string>{"ice", "steam", "rock"}));
    EXPECT_EQ(items[0].task, "choice");
    EXPECT_EQ(items[1].gold, "B");  // label "2" is the second option
    EXPECT_EQ(items[2].question, "Old format?");
    EXPECT_EQ(items[2].gold, "A");
    EXPECT_EQ(items[2].id, "ai2");
}

TEST(Benchmark, MmluPresetAcceptsIndexOrLetter) {
    TempDir dir;
    auto file = dir.write("mmlu.jsonl",
        R"({"question":"2+2?","choices":["3","4","5","6"],"answer":1})" "\n"
        R"({"question":"3+3?","choices":["6","7","8","9"],"answer":"A"})" "\n");
    auto items = loadBenchmarkFile(file, presetMapping("mmlu"), "mmlu");
    ASSERT_EQ(items.size(), 2u);
    EXPECT_EQ(items[0].gold, "B");
    EXPECT_EQ(items[1].gold, "A");
    EXPECT_EQ(items[1].id, "mmlu/2");
    auto bad = dir.write("bad.jsonl", R"({"question":"q","choices":["a","b"],"answer":5})" "\n");
    auto msg = errorOf([&] { loadBenchmarkFile(bad, presetMapping("mmlu")); });
    EXPECT_NE(msg.find("bad.jsonl:1:"), std::string::npos) << msg;
    EXPECT_NE(msg.find("'answer'"), std::string::npos) << msg;
}

TEST(Benchmark, MinervaPresetReadsTheBoxedSolutionWhenNoAnswer) {
    TempDir dir;
    auto file = dir.write("minerva.jsonl",
        R"({"problem":"p1","solution":"so $\\boxed{\\frac{1}{2}}$."})" "\n"
        R"({"problem":"p2","solution":"s","answer":"7"})" "\n"
        R"({"problem":"p3","solution":"no box"})" "\n");
    auto msg = errorOf([&] { loadBenchmarkFile(file, presetMapping("minerva")); });
    EXPECT_NE(msg.find("minerva.jsonl:3:"), std::string::npos) << msg;
    EXPECT_NE(msg.find("boxed"), std::string::npos) << msg;
    auto ok = dir.write("ok.jsonl",
        R"({"problem":"p1","solution":"so $\\boxed{\\frac{1}{2}}$."})" "\n"
        R"({"problem":"p2","solution":"s","answer":"7"})" "\n");
    auto items = loadBenchmarkFile(ok, presetMapping("minerva"));
    ASSERT_EQ(items.size(), 2u);
    EXPECT_EQ(items[0].gold, R"(\frac{1}{2})");
    EXPECT_EQ(items[1].gold, "7");
}

TEST(Benchmark, CustomMappingAndMissingFieldNamesFileLineAndField) {
    TempDir dir;
    auto file = dir.write("custom.jsonl",
        R"({"q":"What is 6*7?","a":42,"key":"x1"})" "\n"
        R"({"q":"What is 1+1?","key":"x2"})" "\n");
    FieldMapping m;
    m.question = "q";
    m.answer = "a";
    m.id = "key";
    auto msg = errorOf([&] { loadBenchmarkFile(file, m); });
    EXPECT_NE(msg.find("custom.jsonl:2:"), std::string::npos) << msg;
    EXPECT_NE(msg.find("missing field 'a'"), std::string::npos) << msg;

    auto good = dir.write("good.jsonl", R"({"q":"What is 6*7?","a":42,"key":"x1"})" "\n");
    auto items = loadBenchmarkFile(good, m);
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items[0].gold, "42");
    EXPECT_EQ(items[0].id, "x1");

    auto gsm = dir.write("gsm.jsonl", R"({"question":"q","answer":"no marker"})" "\n");
    msg = errorOf([&] { loadBenchmarkFile(gsm, presetMapping("gsm8k")); });
    EXPECT_NE(msg.find("gsm.jsonl:1:"), std::string::npos) << msg;
    EXPECT_NE(msg.find("####"), std::string::npos) << msg;
}

TEST(ResourcePaths, EnvironmentOverridesAndMissingDirThrows) {
    TempDir dir;
    dir.write("marker.txt", "x");
    ::unsetenv("SRS_RESOURCE_DIR");
    fs::path found = resourceDir();
    EXPECT_TRUE(fs::exists(found / "data" / "math500_test.jsonl")) << found;
    EXPECT_TRUE(fs::exists(resourcePath("data/LICENSE.prm800k")));
    EXPECT_TRUE(fs::exists(resourcePath("data/LICENSE.grade-school-math")));
    EXPECT_THROW(resourcePath("data/does_not_exist.jsonl"), srs::FormatError);

    ::setenv("SRS_RESOURCE_DIR", "/nonexistent/srs/resources", 1);
    EXPECT_THROW(resourceDir(), srs::FormatError);
    ::unsetenv("SRS_RESOURCE_DIR");
}
