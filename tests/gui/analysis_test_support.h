#pragma once
// Shared by the GUI tests that build a tiny workspace with the real CLI on the tiny fixture
// model (analysis_results_test.cpp, analysis_jobs_test.cpp).
#include <filesystem>
#include <functional>
#include <sstream>
#include <string>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "test_util.h"

namespace srs::test::gui {

/// `srs ARGS` on one thread (the CLI binary of this build).
inline CommandResult srs_(const std::string& args) {
    return run("OMP_NUM_THREADS=1 " + std::string(SRS_CLI_PATH) + " " + args);
}

/// n JSONL questions "a+b=" with their sums as gold answers.
inline std::string questions(int n) {
    std::string out;
    for (int i = 0; i < n; ++i) {
        const int a = 3 + i, b = 2 * i + 1;
        out += "{\"id\": \"q" + std::to_string(i) + "\", \"question\": \"" + std::to_string(a) + "+" +
               std::to_string(b) + "=\", \"answer\": \"" + std::to_string(a + b) + "\"}\n";
    }
    return out;
}

/// The random tiny model never answers right: mixed rewards (line k: 1 unless k % 3 == 0).
inline void mixRewards(const std::filesystem::path& in, const std::filesystem::path& out) {
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

/// Processes events until done() or timeoutMs; returns done().
inline bool waitFor(const std::function<bool()>& done, int timeoutMs) {
    QElapsedTimer t;
    t.start();
    while (!done() && t.elapsed() < timeoutMs) QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    return done();
}

/// The tiny workspace both suites start from, under `d`: the tiny model with the Qwen
/// tokenizer in d/model, 10 questions in d/q.jsonl, 2 sampled rollouts each (rewards mixed)
/// in d/ws/rollouts/<rolloutsFile>, a float32 cache of layers 0-1 in d/ws/caches/c.h5 and TD
/// probes in d/ws/probes/c.h5. The ws/ subfolders must exist. Fails the test on any error.
inline void buildTinyWorkspace(const std::filesystem::path& d, const std::string& rolloutsFile) {
    copyTinyModelWithQwenTokenizer(d / "model");
    writeFile(d / "q.jsonl", questions(10));
    auto r = srs_("rollout " + quote(d / "model") + " --data " + quote(d / "q.jsonl") +
                  " --id-field id --template 'Q: {question} A:' --samples 2 --max-new-tokens 6 --seed 3 --quiet "
                  "--out " + quote(d / "raw.jsonl"));
    ASSERT_EQ(r.exitCode, 0) << r.err;
    mixRewards(d / "raw.jsonl", d / "ws/rollouts" / rolloutsFile);
    r = srs_("capture " + quote(d / "model") + " --rollouts " + quote(d / "ws/rollouts" / rolloutsFile) +
             " --layers 0,1 --store-dtype float32 --quiet --out " + quote(d / "ws/caches/c.h5"));
    ASSERT_EQ(r.exitCode, 0) << r.err;
    r = srs_("probe train " + quote(d / "ws/caches/c.h5") +
             " --layers all --method td --hidden 8 --epochs 2 --seed 3 --bootstrap 20 --test-fraction 0.4 -q "
             "--out " + quote(d / "ws/probes/c.h5"));
    ASSERT_EQ(r.exitCode, 0) << r.err;
}

}  // namespace srs::test::gui
