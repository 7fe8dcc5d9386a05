#include "core/model/architecture.h"

#include <fmt/format.h>

#include "core/error.h"

namespace srs::core {

const std::vector<ArchitectureSpec>& architectureTable() {
    // hfName                 family   qkvBias qkNorm configAttentionBiasKey
    static const std::vector<ArchitectureSpec> table = {
        {"Qwen2ForCausalLM", "qwen2", true, false, false},
        {"LlamaForCausalLM", "llama", false, false, true},
        {"MistralForCausalLM", "llama", false, false, true},  // full attention (no sliding window)
        {"Qwen3ForCausalLM", "qwen3", false, true, true},
    };
    return table;
}

const ArchitectureSpec& architectureFor(const std::string& hfName) {
    std::string names;
    for (const auto& spec : architectureTable()) {
        if (hfName == spec.hfName) return spec;
        names += names.empty() ? "" : ", ";
        names += spec.hfName;
    }
    throw UnsupportedError(fmt::format("unsupported architecture '{}' (supported: {})", hfName, names));
}

namespace tensor_names {
std::string embed() { return "model.embed_tokens.weight"; }
std::string finalNorm() { return "model.norm.weight"; }
std::string lmHead() { return "lm_head.weight"; }
std::string layer(int l, const char* suffix) { return fmt::format("model.layers.{}.{}", l, suffix); }
}  // namespace tensor_names

std::vector<ExpectedTensor> expectedTensors(const ModelConfig& c) {
    const ArchitectureSpec& arch = architectureFor(c.architecture);
    const bool bias = arch.qkvBias || (arch.configAttentionBiasKey && c.attentionBias);
    const std::int64_t d = c.hiddenSize, q = std::int64_t(c.numHeads) * c.headDim,
                       kv = std::int64_t(c.numKvHeads) * c.headDim, mlp = c.intermediateSize,
                       hd = c.headDim;
    std::vector<ExpectedTensor> out;
    out.push_back({tensor_names::embed(), {c.vocabSize, d}});
    for (int l = 0; l < c.numLayers; ++l) {
        using tensor_names::layer;
        out.push_back({layer(l, "input_layernorm.weight"), {d}});
        out.push_back({layer(l, "self_attn.q_proj.weight"), {q, d}});
        out.push_back({layer(l, "self_attn.k_proj.weight"), {kv, d}});
        out.push_back({layer(l, "self_attn.v_proj.weight"), {kv, d}});
        if (bias) {
            out.push_back({layer(l, "self_attn.q_proj.bias"), {q}});
            out.push_back({layer(l, "self_attn.k_proj.bias"), {kv}});
            out.push_back({layer(l, "self_attn.v_proj.bias"), {kv}});
        }
        if (arch.qkNorm) {
            out.push_back({layer(l, "self_attn.q_norm.weight"), {hd}});
            out.push_back({layer(l, "self_attn.k_norm.weight"), {hd}});
        }
        out.push_back({layer(l, "self_attn.o_proj.weight"), {d, q}});
        out.push_back({layer(l, "post_attention_layernorm.weight"), {d}});
        out.push_back({layer(l, "mlp.gate_proj.weight"), {mlp, d}});
        out.push_back({layer(l, "mlp.up_proj.weight"), {mlp, d}});
        out.push_back({layer(l, "mlp.down_proj.weight"), {d, mlp}});
    }
    out.push_back({tensor_names::finalNorm(), {d}});
    if (!c.tieWordEmbeddings) out.push_back({tensor_names::lmHead(), {c.vocabSize, d}});
    return out;
}

}  // namespace srs::core
