#include "core/model/decoder_layer.h"

#include <ATen/ATen.h>

#include <cmath>

#include "core/model/kv_cache.h"
#include "core/model/linear_small.h"

namespace srs::core {

at::Tensor rmsNorm(const at::Tensor& x, const at::Tensor& weight, double eps) {
    auto xf = x.to(at::kFloat);
    auto var = xf.pow(2).mean(-1, /*keepdim=*/true);
    auto normed = (xf * at::rsqrt(var + eps)).to(x.scalar_type());
    return normed * weight;
}

at::Tensor applyRotary(const at::Tensor& x, const at::Tensor& cos, const at::Tensor& sin) {
    const std::int64_t half = x.size(-1) / 2;
    auto x1 = x.narrow(-1, 0, half);
    auto x2 = x.narrow(-1, half, half);
    auto rotated = at::cat({x2.neg(), x1}, -1);
    return x * cos + rotated * sin;
}

DecoderLayer::DecoderLayer(int index, DecoderLayerWeights weights, int numHeads, int numKvHeads,
                           int headDim, double rmsNormEps)
    : m_index(index),
      m_numHeads(numHeads),
      m_numKvHeads(numKvHeads),
      m_headDim(headDim),
      m_eps(rmsNormEps),
      m_w(std::move(weights)) {}

at::Tensor DecoderLayer::attention(const at::Tensor& h, ForwardContext& ctx) const {
    const std::int64_t B = h.size(0), T = h.size(1);
    const std::int64_t H = m_numHeads, KvH = m_numKvHeads, D = m_headDim, G = H / KvH;
    at::Tensor q, k, v;
    if (smallLinearApplicable(h, m_w.q) && smallLinearApplicable(h, m_w.k) &&
        smallLinearApplicable(h, m_w.v)) {
        // Decode: q/k/v share their input, so one parallel region streams all three.
        auto qkv = smallLinear(h, {{m_w.q, m_w.qBias}, {m_w.k, m_w.kBias}, {m_w.v, m_w.vBias}});
        q = qkv[0].view({B, T, H, D});
        k = qkv[1].view({B, T, KvH, D});
        v = qkv[2].view({B, T, KvH, D});
    } else {
        q = at::linear(h, m_w.q, m_w.qBias).view({B, T, H, D});
        k = at::linear(h, m_w.k, m_w.kBias).view({B, T, KvH, D});
        v = at::linear(h, m_w.v, m_w.vBias).view({B, T, KvH, D});
    }
    if (m_w.qNorm.defined()) q = rmsNorm(q, m_w.qNorm, m_eps);
    if (m_w.kNorm.defined()) k = rmsNorm(k, m_w.kNorm, m_eps);
    q = applyRotary(q, ctx.cos, ctx.sin);
    k = applyRotary(k, ctx.cos, ctx.sin);

    // GQA without repeating K/V: the G query heads that share a KV head become extra rows.
    auto qg = q.view({B, T, KvH, G, D}).permute({0, 2, 3, 1, 4}).reshape({B, KvH, G * T, D});
    auto kt = k.permute({0, 2, 1, 3});  // [B,KvH,T,D]
    auto vt = v.permute({0, 2, 1, 3});
    at::Tensor keys = kt, values = vt;
    if (ctx.cache) std::tie(keys, values) = ctx.cache->append(m_index, kt, vt);
    const std::int64_t S = keys.size(2);

    // Few query rows (decode): bf16 matmuls would go through oneDNN, which opens an OpenMP
    // region per call (2 per layer per token) whose spinning workers then compete with the
    // weight-streaming kernels. The same products in f32 (exact for bf16 inputs), accumulated
    // in f32 and rounded once to bf16, are what the bf16 matmul computes.
    const bool smallBf16 = h.device().is_cpu() && h.scalar_type() == at::kBFloat16 &&
                           B * T <= kSmallLinearMaxRows;
    auto scores = smallBf16 ? at::matmul(qg.to(at::kFloat), keys.to(at::kFloat).transpose(-1, -2))
                                  .to(at::kBFloat16)
                            : at::matmul(qg, keys.transpose(-1, -2));  // [B,KvH,G*T,S]
    scores.mul_(1.0 / std::sqrt(static_cast<double>(D)));
    auto scores5 = scores.view({B, KvH, G, T, S});
    if (ctx.notAllowed.defined())
        scores5.masked_fill_(ctx.notAllowed, -std::numeric_limits<double>::infinity());
    at::Tensor probs = scores.scalar_type() == at::kFloat
                           ? at::softmax(scores, -1)
                           : at::softmax(scores, -1, at::kFloat).to(scores.scalar_type());
    if (ctx.plan->active(HookKind::AttnPattern, m_index)) {
        auto pattern = ctx.plan->run(HookKind::AttnPattern, m_index, probs.view({B, H, T, S}),
                                     ctx.site);
        probs = pattern.reshape({B, KvH, G * T, S});
    }
    auto out = smallBf16 ? at::matmul(probs.to(at::kFloat), values.to(at::kFloat)).to(at::kBFloat16)
                         : at::matmul(probs, values);  // [B,KvH,G*T,D]
    out = out.view({B, KvH, G, T, D}).permute({0, 3, 1, 2, 4}).reshape({B, T, H * D});
    return linearAuto(out, m_w.o);
}

at::Tensor DecoderLayer::forward(at::Tensor x, ForwardContext& ctx) const {
    auto& plan = *ctx.plan;
    const int l = m_index;
    if (plan.active(HookKind::ResidPre, l)) x = plan.run(HookKind::ResidPre, l, x, ctx.site);

    auto attnOut = attention(rmsNorm(x, m_w.inputNorm, m_eps), ctx);
    if (plan.active(HookKind::AttnOut, l))
        attnOut = plan.run(HookKind::AttnOut, l, attnOut, ctx.site);
    auto mid = x + attnOut;
    if (plan.active(HookKind::ResidMid, l)) mid = plan.run(HookKind::ResidMid, l, mid, ctx.site);

    auto h = rmsNorm(mid, m_w.postNorm, m_eps);
    at::Tensor post;
    if (smallLinearApplicable(h, m_w.gate) && smallLinearApplicable(h, m_w.up)) {
        auto gateUp = smallLinear(h, {{m_w.gate, {}}, {m_w.up, {}}});  // one parallel region
        post = at::silu(gateUp[0]).mul_(gateUp[1]);
    } else {
        post = at::silu(at::linear(h, m_w.gate)).mul_(at::linear(h, m_w.up));
    }
    if (plan.active(HookKind::MlpPost, l)) post = plan.run(HookKind::MlpPost, l, post, ctx.site);
    auto mlpOut = linearAuto(post, m_w.down);
    if (plan.active(HookKind::MlpOut, l)) mlpOut = plan.run(HookKind::MlpOut, l, mlpOut, ctx.site);
    auto out = mid + mlpOut;
    if (plan.active(HookKind::ResidPost, l)) out = plan.run(HookKind::ResidPost, l, out, ctx.site);
    return out;
}

}  // namespace srs::core
