#pragma once
/// The one table of architecture differences. A new architecture is a new row here plus
/// flags; the decoder has no `if (arch == ...)` branches.
#include <cstdint>
#include <string>
#include <vector>

#include "core/model/model_config.h"

namespace srs::core {

struct ArchitectureSpec {
    const char* hfName;        ///< config.json "architectures"[0]
    const char* family;        ///< "qwen2", "llama", "qwen3"
    bool qkvBias;              ///< q/k/v projections carry a bias by default
    bool qkNorm;               ///< per-head RMSNorm on q and k before rope (Qwen3)
    bool configAttentionBiasKey; ///< honour config "attention_bias" (Llama)
};

/// All supported architectures, in table order.
const std::vector<ArchitectureSpec>& architectureTable();
/// Throws UnsupportedError naming the architecture and listing the supported ones.
const ArchitectureSpec& architectureFor(const std::string& hfName);

/// A tensor the checkpoint must contain, with its expected shape.
struct ExpectedTensor {
    std::string name;
    std::vector<std::int64_t> shape;
};

/// Every tensor name (HF naming) and shape that `config` requires. `lm_head.weight` is
/// included only when embeddings are untied.
std::vector<ExpectedTensor> expectedTensors(const ModelConfig& config);

/// HF tensor names for layer `l`.
namespace tensor_names {
std::string embed();
std::string finalNorm();
std::string lmHead();
std::string layer(int l, const char* suffix);  ///< "model.layers.{l}.{suffix}"
}  // namespace tensor_names

}  // namespace srs::core
