#pragma once
/// `srs demo`: the whole pipeline and every analysis of METHOD.md on the bundled demo model
/// (resources/demo). Per task family: sampled, graded rollouts -> activation cache -> TD
/// value probes on every layer; then prune curve (best layer), value neurons (every layer),
/// IoU of the families' neuron sets (every layer), routing curve, confidently-wrong mining,
/// confidence signals (best layer); on one family also MC probes and the ablation (baseline
/// + 5 conditions on every layer, on a subset of questions). Results land in
/// <out>/analyses/ (documented JSON + CSV, docs/RESULTS_FORMAT.md).
///
/// Every step runs THROUGH the session step registry (core/session/steps/) and is recorded as
/// it ran in <out>/demo.srs.json, so `srs replay <out>/demo.srs.json --check` re-runs the same
/// code and compares fingerprints. Rerunning the demo reuses finished steps whose inputs,
/// parameters and outputs are unchanged (Ctrl-C, then rerun to continue). Torch-free header.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/jobs/job.h"

namespace srs::core {

struct DemoOptions {
    std::filesystem::path outDir = "demo-out";
    std::filesystem::path modelDir;  ///< empty = resources/demo
    int limit = 60;                  ///< questions per family (0 = all 200)
    int samples = 4;
    std::uint64_t seed = 0;
    int maxNewTokens = 64;
    int threads = 0;                 ///< 0 = OMP_NUM_THREADS or all cores; recorded resolved
    bool probes = true;              ///< train value probes on every layer (and run the analyses)
    int probeEpochs = 8;
    int probeHidden = 1024;
    std::size_t bootstrap = 500;     ///< bootstrap resamples of every CI
    bool analyses = true;            ///< the analyses after the probes

    // Analyses (cost knobs; the defaults keep the demo to a few minutes on 2 cores).
    int pruneEpochs = 4;             ///< epochs of each prune-curve probe
    int pruneHidden = 256;           ///< H of each prune-curve probe
    double neuronRatio = 0.9;        ///< value-neuron sets: top (1 - ratio) d_model dims (13 of 128)
    std::vector<double> iouRatios{0.5, 0.8, 0.9, 0.95};
    std::string ablateFamily;        ///< family of the ablation ("" = the first); "none" = skip
    int ablateLimit = 20;            ///< questions of the ablation (0 = the demo's limit)
    int ablateSamples = 2;           ///< samples per question of the ablation
    double ablateRatio = 0.9;        ///< each ablated set: round((1 - ratio) d_model) dims
    int mineTop = 10;                ///< confidently-wrong rollouts kept per family
    int dopamineTraces = 4;          ///< dopamine traces per family
    int dopamineCandidates = 16;     ///< K dims fed to the dopamine MLP
    int dopamineEpochs = 10;         ///< epochs of the dopamine MLP
    std::string verbalTemplate = "qa";  ///< verbalized-confidence prompt (the demo model's Q:/A: format)
    bool figures = true;             ///< figure steps (needs srs-render; skipped with a log line if absent)
};

/// Runs the demo; returns the summary also written to <outDir>/demo_summary.json.
/// Progress goes through `job`; a `log` line per step. Throws srs::Error subclasses.
nlohmann::json runDemo(const DemoOptions& options, const JobContext& job,
                       const std::function<void(const std::string&)>& log = {});

}  // namespace srs::core
