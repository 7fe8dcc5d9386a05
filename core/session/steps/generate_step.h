#pragma once
/// The `generate` step kind (docs/SESSION_FORMAT.md, "Step kinds"): one playground run —
/// a baseline answer and, when an intervention is given, the intervened answer to the same
/// prompt, each with its token ids, text, V(s_t) trace (the probe of the value hook's
/// layer applied to that layer's state of every token) and grade. The workbench records one
/// step per Generate click; `srs replay` re-runs it through the same GenerateEngine, so on
/// CPU the output document matches bit for bit (greedy, or sampling with the recorded seed).
/// Torch-free header (the runtime lives behind a pimpl).
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/jobs/job.h"
#include "core/model/runtime.h"
#include "core/session/step_registry.h"

namespace srs::core {

class Tokenizer;
struct ProbeTrainResult;

/// One edit of the intervened answer: `dims` as `srs generate --ablate` reads them
/// ("3,17,40-45"), `op` one of zero | scale | set | mean, `value` for scale and set.
struct GenerateIntervention {
    std::string hook;  ///< "blocks.1.hook_resid_post" or a short form parseAblationSpec accepts
    std::string dims;
    std::string op = "zero";
    double value = 0.0;
};

/// Everything a run depends on besides the model, tokenizer and probes files.
struct GenerateRequest {
    std::string prompt;          ///< the question
    std::string templateName;    ///< prompt template name or text ("" = the prompt as is)
    std::string gold;            ///< gold answer ("" = not graded)
    std::string grading = "math";  ///< task kind used for grading: math | gsm8k | choice
    std::vector<GenerateIntervention> interventions;  ///< empty = baseline only
    std::string valueHook;       ///< hook whose layer's probe gives V(s_t) ("" = none)
    bool greedy = true;
    double temperature = 1.0, topP = 1.0;
    int topK = 0;
    std::uint64_t seed = 0;      ///< sampling stream (seed, 0), the same for both answers
    int maxNewTokens = 64;
    RuntimeOptions runtime;      ///< dtype, device, threads (0 = the machine's cores)
};

/// One answer.
struct GenerateArm {
    std::vector<int> ids;        ///< generated ids, the stop token excluded
    std::string text;            ///< decoded ids
    std::string finishReason;    ///< "stop" | "length"
    std::vector<double> values;  ///< V(s_0) .. V(s_n) (1 + ids.size() entries); empty without a probe
    int reward = -1;             ///< 1 / 0 when graded, -1 = no gold answer
    std::string extracted;       ///< the answer the grader found
};

struct GenerateOutcome {
    std::vector<int> promptIds;
    std::string valueHook;       ///< the hook the probe read ("" = no V trace)
    GenerateArm baseline;
    std::optional<GenerateArm> intervened;
};

/// Streaming callbacks (called on the generating thread).
struct GenerateCallbacks {
    std::function<void(int pane)> paneStarted;  ///< 0 = baseline, 1 = intervened
    /// A generated token (token >= 0) with V of its own state, or V(s_0) of the prompt
    /// (token = -1). value is NaN without a probe.
    std::function<void(int pane, int token, double value)> item;
    std::function<void(int pane)> paneFinished;  ///< after the pane's last item
};

/// A loaded model + tokenizer that runs GenerateRequests (kept between runs by the GUI).
class GenerateEngine {
public:
    /// Loads the model folder; the tokenizer from `tokenizerPath` ("" = <modelDir>/tokenizer.json).
    /// Configures the torch thread count from runtime.threads. Throws srs::Error naming the file.
    GenerateEngine(const std::string& modelDir, const RuntimeOptions& runtime, const std::string& tokenizerPath = {});
    ~GenerateEngine();
    GenerateEngine(const GenerateEngine&) = delete;
    GenerateEngine& operator=(const GenerateEngine&) = delete;

    const Tokenizer& tokenizer() const;
    int numLayers() const;
    int hiddenSize() const;
    const std::string& modelDir() const;

    /// Runs the baseline, then the intervened answer when `request.interventions` is not
    /// empty. `probes` (may be null) gives the V(s_t) trace through its probe of the value
    /// hook's layer (no probe of that layer: no trace). Cancellable between tokens (throws
    /// Cancelled). Throws InvalidArgument for an empty prompt, a bad intervention (naming it)
    /// or bad sampling settings.
    GenerateOutcome run(const GenerateRequest& request, const ProbeTrainResult* probes, const JobContext& job,
                        const GenerateCallbacks& callbacks = {}) const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

/// The step's parameters: prompt, template, gold, grading, interventions [{hook, dims, op,
/// value}], value_hook, greedy, temperature, top_p, top_k, seed, max_new_tokens, dtype,
/// device, threads.
nlohmann::json generateParams(const GenerateRequest& request);
/// Inverse of generateParams; throws FormatError naming `where` and the parameter.
GenerateRequest generateRequestFromParams(const nlohmann::json& parameters, const std::string& where);

/// The output document ("format": "srs-generation", version 1): prompt_ids, value_hook,
/// baseline and intervened ({ids, text, finish_reason, values (null = NaN), reward,
/// extracted}; intervened null without an intervention). No times or paths, so that a
/// deterministic re-run gives the same bytes.
nlohmann::json generateJson(const GenerateRequest& request, const GenerateOutcome& outcome);

/// Registers `generate` (inputs: optional "probes", optional "tokenizer"; the step's model;
/// output "generation").
void registerGenerateStep(StepRegistry& registry);

}  // namespace srs::core
