#pragma once
/// The decoder-only transformer (Qwen2, Llama/Mistral, Qwen3) over a memory-mapped
/// Checkpoint, with TransformerLens hook points and interventions.
#include <ATen/core/Tensor.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/model/checkpoint.h"
#include "core/model/intervention.h"
#include "core/model/runtime.h"

namespace srs::core {

class KvCache;
class DecoderLayer;
struct ForwardContext;

struct ForwardRequest {
    /// Hook names to record (full TransformerLens names). Only these are kept.
    std::vector<std::string> capture;
    std::vector<Intervention> interventions;
    /// Compute logits for the last position only ([B,1,V]); what generation needs.
    bool lastLogitsOnly = false;
};

struct ForwardOutput {
    at::Tensor logits;  ///< [B,T,V] float32 on CPU ([B,1,V] with lastLogitsOnly)
    /// float32 on CPU, [B, ...]: residual hooks [B,T,d_model], mlp.hook_post [B,T,d_mlp],
    /// attn.hook_pattern [B,heads,T_q,T_k] (T_k includes cached positions). A hook that
    /// also carries an intervention is recorded after the intervention.
    std::map<std::string, at::Tensor> captured;
};

/// Not thread-safe: one forward at a time per instance.
class Transformer {
public:
    /// Prepares weights for `options` (zero-copy when the stored dtype equals the compute
    /// dtype on CPU, converted otherwise). Throws UnsupportedError for an unsupported
    /// activation or an unavailable device.
    Transformer(std::shared_ptr<const Checkpoint> checkpoint, const RuntimeOptions& options);
    ~Transformer();
    Transformer(const Transformer&) = delete;
    Transformer& operator=(const Transformer&) = delete;

    const ModelConfig& config() const;
    const RuntimeOptions& options() const { return m_options; }
    const Checkpoint& checkpoint() const { return *m_checkpoint; }
    /// Every hook point in forward order: hook_embed, then per layer resid_pre,
    /// attn.hook_pattern, attn_out, resid_mid, mlp.hook_post, mlp_out, resid_post, then
    /// ln_final.hook_normalized.
    std::vector<std::string> hookNames() const;

    /// A pre-allocated KV cache for `batch` rows and up to `capacity` tokens per row.
    std::unique_ptr<KvCache> makeCache(std::int64_t batch, std::int64_t capacity) const;

    /// ids [B,T] int64; attentionMask [B,T] 1 = token, 0 = left pad (undefined = all
    /// tokens); with a cache, ids/mask are the new tokens only and are appended to it.
    /// Throws InvalidArgument for bad shapes, ids out of vocabulary, unknown hooks or
    /// intervention dims out of range.
    ForwardOutput forward(const at::Tensor& ids, const ForwardRequest& request = {},
                          const at::Tensor& attentionMask = {}, KvCache* cache = nullptr);

    /// Like forward(), but logits stay on the model's device in float32 (generation).
    ForwardOutput forwardOnDevice(const at::Tensor& ids, const ForwardRequest& request,
                                  const at::Tensor& attentionMask, KvCache* cache);

private:
    at::Tensor weight(const std::string& name) const;

    std::shared_ptr<const Checkpoint> m_checkpoint;
    RuntimeOptions m_options;
    std::vector<std::unique_ptr<DecoderLayer>> m_layers;
    at::Tensor m_embed;      ///< [V, d_model]
    at::Tensor m_finalNorm;  ///< [d_model]
    at::Tensor m_lmHead;     ///< [V, d_model] (the embedding when tied)
    at::Tensor m_invFreq;    ///< [head_dim/2] float32 on device
};

}  // namespace srs::core
