#pragma once
/// The Hugging Face config.json of a causal LM, normalised. Torch-free.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace srs::core {

/// Llama-3 style rope scaling ("rope_type"/"type" == "llama3").
struct RopeScaling {
    std::string type;  ///< "" = none, "llama3"
    double factor = 1.0;
    double lowFreqFactor = 1.0;
    double highFreqFactor = 4.0;
    int originalMaxPositions = 8192;
};

struct ModelConfig {
    std::string architecture;   ///< e.g. "Qwen2ForCausalLM"
    std::string modelType;      ///< e.g. "qwen2"
    int vocabSize = 0;
    int hiddenSize = 0;         ///< d_model
    int numLayers = 0;
    int numHeads = 0;
    int numKvHeads = 0;
    int headDim = 0;            ///< explicit head_dim or hidden/heads
    int intermediateSize = 0;
    double rmsNormEps = 1e-6;
    double ropeTheta = 10000.0;
    RopeScaling ropeScaling;
    bool tieWordEmbeddings = false;
    bool attentionBias = false; ///< q/k/v biases (from the architecture table or config)
    int maxPositionEmbeddings = 0;
    std::string torchDtype;     ///< as written in config.json ("bfloat16", ...)
    std::optional<int> bosTokenId;
    std::vector<int> eosTokenIds;   ///< config + generation_config eos ids, merged
    std::string hiddenAct = "silu";

    /// Reads config.json (and generation_config.json next to it when present).
    /// Throws FormatError naming the file and key on missing/ill-typed keys.
    static ModelConfig fromDirectory(const std::filesystem::path& dir);
    /// Parses config.json text; `sourceName` is used in error messages.
    static ModelConfig fromJsonText(const std::string& text, const std::string& sourceName);
};

}  // namespace srs::core
