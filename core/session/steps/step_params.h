#pragma once
/// JSON parameters of the pipeline step kinds (docs/SESSION_FORMAT.md, "Step kinds"):
/// conversions between the core options structs and a step's "parameters" object. The CLI
/// records with the *ToParams functions; replay reads back with the *FromParams ones, which
/// throw FormatError naming the step and the parameter. Torch-free header.
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/analysis/confident_wrong.h"
#include "core/analysis/value_routing.h"
#include "core/probe/probe_options.h"
#include "core/session/step_registry.h"

namespace srs::core {

/// Every ProbeTrainOptions field: method, hook, hidden, lr, weight_decay, gamma,
/// batch_trajectories, epochs, seed, test_fraction, bootstrap, threads, compute_dtype.
nlohmann::json probeOptionsToJson(const ProbeTrainOptions& options);
/// Missing keys take the ProbeTrainOptions defaults; validates the result.
ProbeTrainOptions probeOptionsFromParams(const ParamReader& params);

/// probe-train: options + "layers" ("all" or "0,3,5-7").
nlohmann::json probeTrainParams(const std::string& layers, const ProbeTrainOptions& options);
/// prune-curve: options + "layers" + "ratios".
nlohmann::json pruneCurveParams(const std::string& layers, const std::vector<double>& ratios,
                                const ProbeTrainOptions& options);
/// neurons: "layer", "ratio".
nlohmann::json neuronsParams(int layer, double ratio);
/// iou: "layer", "ratios", "names" (the probe files as named on the command line; they
/// appear in the result, so replay uses them instead of the replayed paths).
nlohmann::json iouParams(int layer, const std::vector<double>& ratios, const std::vector<std::string>& names);
/// route: "layer", "cost_direct", "cost_escalate", "escalate_accuracy".
nlohmann::json routeParams(int layer, const RouteOptions& options);
RouteOptions routeOptionsFromParams(const ParamReader& params);
/// mine-confident-wrong: "layer", optional "top", optional "min_v".
nlohmann::json mineParams(int layer, const MineOptions& options);
MineOptions mineOptionsFromParams(const ParamReader& params);

/// rollout: how `srs rollout` was called (the questions come from input "data" or "task").
struct RolloutStepParams {
    std::string task;  ///< built-in benchmark; empty = input role "data" (JSONL)
    std::string preset, questionField, answerField, choicesField, idField, grading;
    long long limit = 0;
    int samples = 4;
    std::string templateName = "qwen-boxed";
    double temperature = 1.0, topP = 1.0;
    int topK = 0;
    std::uint64_t seed = 0;
    int maxNewTokens = 1024;
    int batchSize = 8;
    std::string dtype = "float32", device = "cpu";
    int threads = 0;
};
nlohmann::json rolloutParamsToJson(const RolloutStepParams& p);
RolloutStepParams rolloutParamsFromParams(const ParamReader& params);

/// capture: how `srs capture` was called (input "rollouts", model, output "cache").
struct CaptureStepParams {
    std::string layers = "all";
    std::vector<std::string> hooks{"resid_post"};
    std::string storeDtype = "float16";
    int tokenStride = 1;
    int shardIndex = 0, shardCount = 1;
    int batchSize = 4;
    int commitEvery = 32;
    std::string dtype = "float32", device = "cpu";
    int threads = 0;
};
nlohmann::json captureParamsToJson(const CaptureStepParams& p);
CaptureStepParams captureParamsFromParams(const ParamReader& params);

/// Parameter keys of probe-train and prune-curve (for ParamReader::allowOnly).
const std::vector<std::string>& probeTrainKeys();
const std::vector<std::string>& pruneCurveKeys();

}  // namespace srs::core
