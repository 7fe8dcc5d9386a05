#pragma once
/// Measures the demo model on its held-out sets with the project's runtime (Transformer +
/// generate + grading): per family, sampled accuracy (K samples per question at a
/// temperature), greedy accuracy, and the share of questions with mixed outcomes.
/// Torch-free header.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/jobs/job.h"

namespace srs::core {

struct DemoEvalOptions {
    int samples = 4;            ///< sampled completions per question
    std::uint64_t seed = 0;     ///< family f samples with seed + f (row streams per generate())
    int limit = 0;              ///< first N questions per family (0 = all)
    double temperature = 1.0;
    int maxNewTokens = 64;
    int threads = 0;
};

struct DemoFamilyEval {
    std::string family;
    int questions = 0;
    int sampledCorrect = 0;     ///< over questions * samples
    int greedyCorrect = 0;
    int mixed = 0;              ///< questions with some but not all samples correct
    int samples = 1;            ///< samples per question
    double sampledAccuracy() const;
    double greedyAccuracy() const;
    double mixedShare() const;
};

struct DemoEvalResult {
    DemoEvalOptions options;
    std::vector<DemoFamilyEval> families;
    double seconds = 0;
};

/// The demo folder's metadata (srs_demo.json): template and per-family test files.
struct DemoManifest {
    std::string templ;
    std::vector<std::pair<std::string, std::filesystem::path>> families;  ///< name, absolute file
};

/// Reads DIR/srs_demo.json. Throws FormatError naming the file and key.
DemoManifest readDemoManifest(const std::filesystem::path& dir);

/// Evaluates the model folder `dir`. Progress: phase "eval <family>" in tokens.
/// Throws FormatError for a malformed folder, InvalidArgument for bad options, Cancelled.
DemoEvalResult evaluateDemoModel(const std::filesystem::path& dir, const DemoEvalOptions& options,
                                 const JobContext* job = nullptr);

/// {"samples", "seed", "limit", "temperature", "families": {name: {questions,
/// sampled_accuracy, greedy_accuracy, mixed_share, ...}}} with accuracies in percent.
nlohmann::json demoEvalToJson(const DemoEvalResult& result);

/// Adds `run` to DIR/eval.json ({"runs": [...]}), replacing a run with the same samples,
/// seed, limit and temperature; written atomically.
void recordDemoEval(const std::filesystem::path& dir, const nlohmann::json& run);

}  // namespace srs::core
