#include "core/model/model_inspect.h"

#include <sstream>

#include <fmt/format.h>

#include "core/model/checkpoint.h"
#include "core/model/hook_names.h"

namespace srs::core {

nlohmann::json inspectModel(const std::filesystem::path& dir) {
    auto ckpt = Checkpoint::open(dir);
    const ModelConfig& c = ckpt->config();
    const ArchitectureSpec& arch = ckpt->architecture();
    nlohmann::json j;
    j["path"] = dir.string();
    j["architecture"] = c.architecture;
    j["family"] = arch.family;
    j["num_layers"] = c.numLayers;
    j["d_model"] = c.hiddenSize;
    j["num_heads"] = c.numHeads;
    j["num_kv_heads"] = c.numKvHeads;
    j["head_dim"] = c.headDim;
    j["d_mlp"] = c.intermediateSize;
    j["vocab_size"] = c.vocabSize;
    j["rope_theta"] = c.ropeTheta;
    j["rope_scaling"] = c.ropeScaling.type.empty() ? nlohmann::json(nullptr) : nlohmann::json(c.ropeScaling.type);
    j["rms_norm_eps"] = c.rmsNormEps;
    j["tied_embeddings"] = c.tieWordEmbeddings;
    j["qkv_bias"] = c.attentionBias;
    j["qk_norm"] = arch.qkNorm;
    j["eos_token_ids"] = c.eosTokenIds;
    j["stored_dtype"] = ckpt->storedDtype();
    j["parameters"] = ckpt->parameterCount();
    j["weight_bytes"] = ckpt->weightBytes();
    j["has_tokenizer"] = std::filesystem::exists(dir / "tokenizer.json");
    j["warnings"] = ckpt->warnings();
    j["hook_names"] = hooks::allHookNames(c.numLayers);
    return j;
}

std::string inspectModelText(const std::filesystem::path& dir) {
    return formatModelSummary(inspectModel(dir));
}

std::string formatModelSummary(const nlohmann::json& j) {
    std::ostringstream out;
    auto row = [&](const char* key, const std::string& value) { out << fmt::format("{:<16} {}\n", key, value); };
    row("path", j["path"].get<std::string>());
    row("architecture", fmt::format("{} ({})", j["architecture"].get<std::string>(), j["family"].get<std::string>()));
    row("layers", std::to_string(j["num_layers"].get<int>()));
    row("d_model", std::to_string(j["d_model"].get<int>()));
    row("heads", fmt::format("{} query, {} key/value, head_dim {}", j["num_heads"].get<int>(),
                             j["num_kv_heads"].get<int>(), j["head_dim"].get<int>()));
    row("d_mlp", std::to_string(j["d_mlp"].get<int>()));
    row("vocab", std::to_string(j["vocab_size"].get<int>()));
    row("rope", fmt::format("theta {}{}", j["rope_theta"].get<double>(),
                            j["rope_scaling"].is_null() ? "" : ", scaling " + j["rope_scaling"].get<std::string>()));
    row("flags", fmt::format("qkv_bias={} qk_norm={} tied_embeddings={}", j["qkv_bias"].get<bool>(),
                             j["qk_norm"].get<bool>(), j["tied_embeddings"].get<bool>()));
    row("dtype", j["stored_dtype"].get<std::string>());
    const double params = j["parameters"].get<double>();
    row("parameters", params >= 1e9   ? fmt::format("{:.2f} B", params / 1e9)
                      : params >= 1e6 ? fmt::format("{:.2f} M", params / 1e6)
                                      : fmt::format("{:.0f}", params));
    row("weights", fmt::format("{:.1f} MB", j["weight_bytes"].get<double>() / 1e6));
    row("tokenizer", j["has_tokenizer"].get<bool>() ? "tokenizer.json" : "(none)");
    for (const auto& w : j["warnings"]) out << "warning: " << w.get<std::string>() << "\n";
    out << fmt::format("hooks ({}):\n", j["hook_names"].size());
    for (const auto& h : j["hook_names"]) out << "  " << h.get<std::string>() << "\n";
    return out.str();
}

}  // namespace srs::core
