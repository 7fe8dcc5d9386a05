#pragma once
/// One pre-norm decoder block: RMSNorm -> GQA self-attention (optional q/k/v bias, optional
/// per-head q/k RMSNorm, rotary) -> residual -> RMSNorm -> SwiGLU MLP -> residual.
/// Which optional parts exist comes from the architecture flags, never the architecture name.
#include <ATen/core/Tensor.h>

#include "core/model/intervention_plan.h"

namespace srs::core {

class KvCache;

/// Shared by all layers of one forward call.
struct ForwardContext {
    at::Tensor cos, sin;     ///< [B,T,1,head_dim] in the compute dtype
    at::Tensor notAllowed;   ///< [B,1,1,T,S] bool (true = masked) or undefined (no masking)
    KvCache* cache = nullptr;
    InterventionPlan* plan = nullptr;
    HookSite site;
    /// Few rows on a CPU with the small-M kernels and the fused path enabled: layers without
    /// an active hook run DecoderLayer::forwardFused().
    bool fused = false;
};

struct DecoderLayerWeights {
    at::Tensor inputNorm, postNorm;          ///< [d_model]
    at::Tensor q, k, v, o;                   ///< [out, in]
    at::Tensor qBias, kBias, vBias;          ///< undefined when absent
    at::Tensor qNorm, kNorm;                 ///< [head_dim], undefined when absent
    at::Tensor gate, up, down;
};

class DecoderLayer {
public:
    DecoderLayer(int index, DecoderLayerWeights weights, int numHeads, int numKvHeads,
                 int headDim, double rmsNormEps);
    /// x [B,T,d_model] (resid_pre) -> resid_post [B,T,d_model].
    at::Tensor forward(at::Tensor x, ForwardContext& ctx) const;
    /// Whether forwardFused() can run this layer in `ctx` (ctx.fused, weights fit the kernels,
    /// no hook of this layer active).
    bool fusedApplicable(const ForwardContext& ctx) const;
    /// The same layer as forward(), in place on x [B,T,d_model] (contiguous, CPU, few rows),
    /// through the direct loops of decode_fused.h and the small-M kernels: no ATen op, no
    /// allocation once the scratch buffers have grown.
    void forwardFused(at::Tensor& x, ForwardContext& ctx) const;

private:
    at::Tensor attention(const at::Tensor& h, ForwardContext& ctx) const;

    int m_index, m_numHeads, m_numKvHeads, m_headDim;
    double m_eps;
    DecoderLayerWeights m_w;
    bool m_fusedWeights = false;  ///< every weight contiguous on CPU in one dtype the kernels take
};

/// HF RMSNorm: normalise in float32, cast back, then multiply by the weight.
at::Tensor rmsNorm(const at::Tensor& x, const at::Tensor& weight, double eps);
/// HF rotary (rotate_half convention): x [B,T,H,D] * cos + rotate_half(x) * sin.
at::Tensor applyRotary(const at::Tensor& x, const at::Tensor& cos, const at::Tensor& sin);

}  // namespace srs::core
