#pragma once
// Shared by the GUI tests that build a tiny workspace with the real CLI on the tiny fixture
// model (analysis_results_test.cpp, analysis_jobs_test.cpp).
#include <filesystem>
#include <functional>
#include <sstream>
#include <string>

#include <QCoreApplication>
#include <QElapsedTimer>
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

}  // namespace srs::test::gui
