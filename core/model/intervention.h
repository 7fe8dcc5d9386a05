#pragma once
/// Interventions on hook points (TransformerLens-style activation patching). Torch-free.
#include <cstdint>
#include <string>
#include <vector>

namespace srs::core {

enum class InterventionOp {
    Zero,   ///< x[dims] = 0
    Set,    ///< x[dims] = value
    Scale,  ///< x[dims] *= value
    Mean,   ///< x[dims] = mean[dims] (given vector, or the sequence mean; see `mean`)
};

/// One edit of one hook's activation, applied during forward and generation; later layers
/// see the edited tensor. `dims` index the last axis (d_model, d_mlp), except for
/// `attn.hook_pattern` where they index heads. `positions` are absolute token positions of
/// each sequence (position ids: left padding excluded); for the pattern they select query
/// positions.
struct Intervention {
    std::string hook;                  ///< full hook name, e.g. "blocks.1.hook_resid_post"
    std::vector<std::int64_t> dims;
    InterventionOp op = InterventionOp::Zero;
    float value = 0.f;                 ///< for Set and Scale
    /// Mean: one value per entry of `dims`. Empty = the mean over the current sequence's
    /// real (non-pad) positions of this forward call, per row. In generate() the mean is
    /// taken over the prompt (the prefill call) and then kept for every generated token.
    std::vector<float> mean;
    std::vector<std::int64_t> positions;  ///< empty = every position (incl. generated ones)
};

const char* interventionOpName(InterventionOp op);

/// Parses "HOOK:DIMS[:zero|mean]" (the CLI's --ablate). HOOK is a full hook name;
/// DIMS is a comma list of indices and inclusive ranges ("3,17,42", "3-9", "1,4-6").
/// Dims are validated against `dModel` for the residual-stream hooks (the others are
/// validated when the model runs). Throws InvalidArgument naming the spec and the part.
Intervention parseAblationSpec(const std::string& spec, int numLayers, int dModel);

}  // namespace srs::core
