#include "core/model/model_config.h"

#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/error.h"

namespace srs::core {
namespace {

using nlohmann::json;

std::string readText(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw FormatError(fmt::format("{}: cannot open", path.string()));
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

json parseJson(const std::string& text, const std::string& source) {
    try {
        json j = json::parse(text);
        if (!j.is_object()) throw FormatError(fmt::format("{}: expected a JSON object", source));
        return j;
    } catch (const json::exception& e) {
        throw FormatError(fmt::format("{}: invalid JSON: {}", source, e.what()));
    }
}

int requireInt(const json& j, const char* key, const std::string& source) {
    auto it = j.find(key);
    if (it == j.end())
        throw FormatError(fmt::format("{}: missing key '{}' (expected a positive integer)", source, key));
    if (!it->is_number_integer() || it->get<long long>() <= 0 || it->get<long long>() > (1LL << 30))
        throw FormatError(fmt::format("{}: key '{}' must be a positive integer, found {}", source, key,
                                      it->dump()));
    return it->get<int>();
}

double optionalNumber(const json& j, const char* key, double fallback, const std::string& source) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return fallback;
    if (!it->is_number())
        throw FormatError(fmt::format("{}: key '{}' must be a number, found {}", source, key, it->dump()));
    return it->get<double>();
}

std::vector<int> idList(const json& v, const char* key, const std::string& source) {
    std::vector<int> out;
    if (v.is_null()) return out;
    if (v.is_number_integer()) return {v.get<int>()};
    if (v.is_array()) {
        for (const auto& e : v) {
            if (!e.is_number_integer())
                throw FormatError(fmt::format("{}: key '{}' must hold integer token ids", source, key));
            out.push_back(e.get<int>());
        }
        return out;
    }
    throw FormatError(fmt::format("{}: key '{}' must be an integer or a list of integers", source, key));
}

}  // namespace

ModelConfig ModelConfig::fromJsonText(const std::string& text, const std::string& source) {
    json j = parseJson(text, source);
    ModelConfig c;
    auto arch = j.find("architectures");
    if (arch == j.end() || !arch->is_array() || arch->empty() || !(*arch)[0].is_string())
        throw FormatError(fmt::format(
            "{}: key 'architectures' must be a non-empty list of strings (e.g. [\"Qwen2ForCausalLM\"])",
            source));
    c.architecture = (*arch)[0].get<std::string>();
    if (auto mt = j.find("model_type"); mt != j.end() && mt->is_string()) c.modelType = mt->get<std::string>();
    c.vocabSize = requireInt(j, "vocab_size", source);
    c.hiddenSize = requireInt(j, "hidden_size", source);
    c.numLayers = requireInt(j, "num_hidden_layers", source);
    c.numHeads = requireInt(j, "num_attention_heads", source);
    c.numKvHeads = j.contains("num_key_value_heads") && !j["num_key_value_heads"].is_null()
                       ? requireInt(j, "num_key_value_heads", source)
                       : c.numHeads;
    c.intermediateSize = requireInt(j, "intermediate_size", source);
    if (j.contains("head_dim") && !j["head_dim"].is_null()) {
        c.headDim = requireInt(j, "head_dim", source);
    } else {
        if (c.hiddenSize % c.numHeads != 0)
            throw FormatError(fmt::format("{}: hidden_size {} is not divisible by num_attention_heads {}",
                                          source, c.hiddenSize, c.numHeads));
        c.headDim = c.hiddenSize / c.numHeads;
    }
    if (c.numHeads % c.numKvHeads != 0)
        throw FormatError(fmt::format("{}: num_attention_heads {} is not a multiple of num_key_value_heads {}",
                                      source, c.numHeads, c.numKvHeads));
    if (c.headDim % 2 != 0)
        throw FormatError(fmt::format("{}: head_dim {} must be even for rotary embeddings", source, c.headDim));
    c.rmsNormEps = optionalNumber(j, "rms_norm_eps", 1e-6, source);
    c.ropeTheta = optionalNumber(j, "rope_theta", 10000.0, source);
    c.maxPositionEmbeddings = j.contains("max_position_embeddings")
                                  ? static_cast<int>(optionalNumber(j, "max_position_embeddings", 0, source))
                                  : 0;
    if (auto t = j.find("tie_word_embeddings"); t != j.end() && !t->is_null()) {
        if (!t->is_boolean())
            throw FormatError(fmt::format("{}: key 'tie_word_embeddings' must be true or false", source));
        c.tieWordEmbeddings = t->get<bool>();
    }
    if (auto b = j.find("attention_bias"); b != j.end() && b->is_boolean()) c.attentionBias = b->get<bool>();
    if (auto a = j.find("hidden_act"); a != j.end() && a->is_string()) c.hiddenAct = a->get<std::string>();
    if (c.hiddenAct != "silu" && c.hiddenAct != "swish")
        throw FormatError(fmt::format("{}: hidden_act '{}' is not supported (expected silu)", source, c.hiddenAct));
    if (auto d = j.find("torch_dtype"); d != j.end() && d->is_string()) c.torchDtype = d->get<std::string>();
    if (auto rs = j.find("rope_scaling"); rs != j.end() && !rs->is_null()) {
        if (!rs->is_object())
            throw FormatError(fmt::format("{}: key 'rope_scaling' must be an object or null", source));
        std::string type = rs->value("rope_type", rs->value("type", std::string()));
        if (type == "llama3") {
            c.ropeScaling.type = type;
            c.ropeScaling.factor = optionalNumber(*rs, "factor", 8.0, source + " rope_scaling");
            c.ropeScaling.lowFreqFactor = optionalNumber(*rs, "low_freq_factor", 1.0, source + " rope_scaling");
            c.ropeScaling.highFreqFactor = optionalNumber(*rs, "high_freq_factor", 4.0, source + " rope_scaling");
            c.ropeScaling.originalMaxPositions = static_cast<int>(optionalNumber(
                *rs, "original_max_position_embeddings", 8192, source + " rope_scaling"));
        } else if (type != "default" && !type.empty()) {
            throw FormatError(fmt::format("{}: rope_scaling type '{}' is not supported (expected llama3 or "
                                          "null)",
                                          source, type));
        }
    }
    if (auto b = j.find("bos_token_id"); b != j.end() && b->is_number_integer()) c.bosTokenId = b->get<int>();
    if (auto e = j.find("eos_token_id"); e != j.end()) c.eosTokenIds = idList(*e, "eos_token_id", source);
    return c;
}

ModelConfig ModelConfig::fromDirectory(const std::filesystem::path& dir) {
    const auto configPath = dir / "config.json";
    if (!std::filesystem::exists(configPath))
        throw FormatError(fmt::format("{}: missing config.json (expected a Hugging Face model folder)",
                                      dir.string()));
    ModelConfig c = fromJsonText(readText(configPath), configPath.string());
    const auto genPath = dir / "generation_config.json";
    if (std::filesystem::exists(genPath)) {
        json g = parseJson(readText(genPath), genPath.string());
        if (auto e = g.find("eos_token_id"); e != g.end())
            for (int id : idList(*e, "eos_token_id", genPath.string()))
                if (std::find(c.eosTokenIds.begin(), c.eosTokenIds.end(), id) == c.eosTokenIds.end())
                    c.eosTokenIds.push_back(id);
    }
    return c;
}

}  // namespace srs::core
