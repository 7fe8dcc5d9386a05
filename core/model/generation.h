#pragma once
/// Autoregressive generation with a pre-allocated KV cache: greedy or sampled, batched with
/// left padding, stop tokens, interventions at every step, progress and cancellation.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/jobs/job.h"
#include "core/model/intervention.h"

namespace srs::core {

class Transformer;

struct SamplingOptions {
    bool greedy = true;
    double temperature = 1.0, topP = 1.0;
    int topK = 0;           ///< 0 = off
    std::uint64_t seed = 0; ///< row r of a request samples from the stream (seed, r)
    /// Non-empty: row r samples from the stream (rowSeeds[r], 0) instead and `seed` is
    /// ignored, so a row's sample does not depend on its place in the batch. One per prompt.
    std::vector<std::uint64_t> rowSeeds;
    int maxNewTokens = 64;
    std::vector<int> stopIds;  ///< empty = the config's eos ids
};

struct GenerationResult {
    /// New tokens only. The stop token that ended the row is NOT included (see stopToken).
    std::vector<int> ids;
    std::string finishReason;  ///< "stop" | "length"
    int stopToken = -1;        ///< the stop id that ended the row, -1 for "length"
};

/// One decoding step as seen by a GenerationObserver (on the generating thread).
struct GenerationStep {
    int step = 0;             ///< 0 = after the prefill; k = after feeding generated token k
    /// [B] token chosen from this step's logits (response token step+1); a stop token is
    /// reported too (the row then ends); -1 for a row already finished or after the final
    /// extra forward (see GenerationObserver::capture).
    std::vector<int> tokens;
    /// [hooks][B][d] float32 activation of each observed hook at the last position of this
    /// step's forward: step 0 = the last prompt token (s_0), step k = generated token k (s_k).
    std::vector<std::vector<std::vector<float>>> captured;
};

/// Streams tokens (and chosen activations) out of generate(), e.g. to a GUI. With a
/// non-empty `capture`, a row that ends by length gets one extra forward so that the state
/// of its last token is observed too (reported with every token -1).
struct GenerationObserver {
    std::vector<std::string> capture;  ///< full hook names, e.g. "blocks.1.hook_resid_post"
    std::function<void(const GenerationStep&)> onStep;
};

/// Generates a continuation of every prompt (token ids, each non-empty). Rows are batched
/// with left padding; each row's output equals what it would produce alone. Progress is
/// reported as phase "generate" in tokens; cancellation is checked between steps (throws
/// Cancelled). Throws InvalidArgument for empty prompts, maxNewTokens < 0 or bad sampling
/// parameters.
std::vector<GenerationResult> generate(Transformer& model,
                                       const std::vector<std::vector<int>>& prompts,
                                       const SamplingOptions& options,
                                       const std::vector<Intervention>& interventions = {},
                                       const JobContext* job = nullptr,
                                       const GenerationObserver* observer = nullptr);

}  // namespace srs::core
