#pragma once
/// Step kinds of the model-level analyses (docs/SESSION_FORMAT.md, "Step kinds"): `ablate`
/// (srs ablate), `confidence` (srs confidence) and `dopamine` (srs dopamine), each run
/// through its core function. Parameters are every option of the command; the *Params
/// functions build them from the core options so that the CLI (--session) and `srs demo`
/// record exactly what they ran. Torch-free header.
///
/// Paths written INTO a result document (ablation's model_dir / probes_path / ..., the
/// confidence provenance) are recorded in the parameter "paths" (role -> text as written),
/// like `iou`'s "names": a replay writes the same text, so that the document's fingerprint
/// does not depend on the folder the replay writes to.
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "core/analysis/ablation.h"
#include "core/analysis/confidence.h"
#include "core/analysis/dopamine.h"
#include "core/session/step_registry.h"

namespace srs::core {

/// ablate: how the questions were chosen (input "data" JSONL, or "task" built-in).
struct AblateQuestionSource {
    std::string task;      ///< built-in benchmark; empty = input role "data"
    std::string preset, idField, grading;
    long long limit = 0;   ///< first N questions (0 = all)
};

/// ablate parameters: the question source, every generation option, "layers" (spec text
/// "0,2-3"), "conditions" (comma list), "ratio", runtime, and "paths" (see above).
nlohmann::json ablateParams(const AblateQuestionSource& source, const AblationOptions& options,
                            const std::string& layers, const std::map<std::string, std::string>& paths);
/// confidence parameters: layer, verbal_template, verbal_max_new_tokens, skip_verbal, bins,
/// bootstrap, seed, level, batch_size, dtype, device, threads, and "paths".
nlohmann::json confidenceParams(const ConfidenceOptions& options, const std::map<std::string, std::string>& paths);

/// dopamine parameters: layer, neuron_layer, candidates, rank_by, gamma (absent = the probes
/// file's), mlp_hidden, mlp_epochs, mlp_lr, mlp_weight_decay, mlp_batch, seed, threads, split,
/// traces, trace_neurons, trace_rollouts, trace_questions, rank_memory_mb, and "paths".
nlohmann::json dopamineParams(const DopamineOptions& options, const std::map<std::string, std::string>& paths);

/// Registers ablate, confidence and dopamine with `registry`.
void registerAnalysisSteps(StepRegistry& registry);

}  // namespace srs::core
