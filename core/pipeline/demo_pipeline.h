#pragma once
/// `srs demo`: the whole pipeline on the bundled demo model (resources/demo), one family at a
/// time: sampled, graded rollouts -> activation cache -> value probes on every layer. Every
/// step is resumable (rollouts and capture resume their files; finished steps are reused),
/// so a rerun after Ctrl-C continues where it stopped. Torch-free header.
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/jobs/job.h"

namespace srs::core {

struct DemoOptions {
    std::filesystem::path outDir = "demo-out";
    std::filesystem::path modelDir;  ///< empty = resources/demo
    int limit = 0;                   ///< questions per family (0 = all)
    int samples = 4;
    std::uint64_t seed = 0;
    int maxNewTokens = 64;
    int threads = 0;
    bool probes = true;              ///< train value probes on every layer
    int probeEpochs = 8;
};

/// Runs the demo; returns the summary also written to <outDir>/demo_summary.json.
/// Progress goes through `job`; a `log` line per step. Throws srs::Error subclasses.
nlohmann::json runDemo(const DemoOptions& options, const JobContext& job,
                       const std::function<void(const std::string&)>& log = {});

}  // namespace srs::core
