#include "core/model/decoder_layer.h"

#include <ATen/ATen.h>

#include <cmath>

#include "core/model/decode_fused.h"
#include "core/model/kv_cache.h"
#include "core/model/linear_small.h"
#include "core/model/row_kernels.h"

namespace srs::core {

namespace {

/// The vectorised row kernels apply (row_kernels.h): bf16 CPU tensors laid out densely.
bool rowKernelsFit(const at::Tensor& t) {
    return rowk::available() && t.scalar_type() == at::kBFloat16 && t.device().is_cpu() && t.is_contiguous();
}

rowk::bf16* bf16Ptr(const at::Tensor& t) { return t.data_ptr<c10::BFloat16>(); }

}  // namespace

at::Tensor rmsNorm(const at::Tensor& x, const at::Tensor& weight, double eps) {
    if (rowKernelsFit(x) && rowKernelsFit(weight) && x.dim() >= 1 && weight.dim() == 1 &&
        weight.size(0) == x.size(-1) && x.numel() > 0) {
        auto out = at::empty_like(x);
        const std::int64_t n = x.size(-1);
        rowk::rmsNorm(bf16Ptr(x), bf16Ptr(weight), x.numel() / n, n, static_cast<float>(eps), bf16Ptr(out));
        return out;
    }
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
      m_w(std::move(weights)) {
    const auto dtype = m_w.q.scalar_type();
    auto fits = [&](const at::Tensor& t, bool optional) {
        if (!t.defined()) return optional;
        return t.device().is_cpu() && t.scalar_type() == dtype && t.is_contiguous();
    };
    m_fusedWeights = (dtype == at::kBFloat16 || dtype == at::kFloat) && m_headDim <= 1024 &&
                     m_headDim % 2 == 0 && fits(m_w.inputNorm, false) && fits(m_w.postNorm, false) &&
                     fits(m_w.q, false) && fits(m_w.k, false) && fits(m_w.v, false) &&
                     fits(m_w.o, false) && fits(m_w.gate, false) && fits(m_w.up, false) &&
                     fits(m_w.down, false) && fits(m_w.qBias, true) && fits(m_w.kBias, true) &&
                     fits(m_w.vBias, true) && fits(m_w.qNorm, true) && fits(m_w.kNorm, true);
}

bool DecoderLayer::fusedApplicable(const ForwardContext& ctx) const {
    if (!ctx.fused || !m_fusedWeights) return false;
    for (int k = 0; k < static_cast<int>(HookKind::kPerLayer); ++k)
        if (ctx.plan->active(static_cast<HookKind>(k), m_index)) return false;
    return true;
}

void DecoderLayer::forwardFused(at::Tensor& x, ForwardContext& ctx) const {
    const auto dtype = x.scalar_type();
    const std::int64_t B = x.size(0), T = x.size(1), M = B * T, d = x.size(2);
    const std::int64_t H = m_numHeads, KvH = m_numKvHeads, D = m_headDim;
    const std::int64_t dq = H * D, dkv = KvH * D, dm = m_w.gate.size(0);
    const std::int64_t es = static_cast<std::int64_t>(x.element_size());
    const float eps = static_cast<float>(m_eps);
    void* xp = x.data_ptr();
    // Scratch: h [M,d] | q [M,dq] | k [M,dkv] | v [M,dkv] | attn [M,dq] | proj [M,d] | gate, up [M,dm]
    auto* h = fused::scratch(0, M * d * es);
    auto* q = fused::scratch(1, M * dq * es);
    auto* k = fused::scratch(2, M * dkv * es);
    auto* v = fused::scratch(3, M * dkv * es);
    auto* attn = fused::scratch(4, M * dq * es);
    auto* proj = fused::scratch(5, M * d * es);
    auto* gate = fused::scratch(6, M * dm * es);
    auto* up = fused::scratch(7, M * dm * es);
    auto ptr = [](const at::Tensor& t) -> const void* { return t.defined() ? t.data_ptr() : nullptr; };

    // Attention block.
    fused::rmsNorm(dtype, xp, m_w.inputNorm.data_ptr(), M, d, eps, h);
    const SmallLinearRawOutput qkv[3] = {{m_w.q.data_ptr(), ptr(m_w.qBias), q, dq},
                                         {m_w.k.data_ptr(), ptr(m_w.kBias), k, dkv},
                                         {m_w.v.data_ptr(), ptr(m_w.vBias), v, dkv}};
    smallLinearRaw(dtype, h, M, d, qkv, 3);
    if (m_w.qNorm.defined()) fused::rmsNorm(dtype, q, m_w.qNorm.data_ptr(), M * H, D, eps, q);
    if (m_w.kNorm.defined()) fused::rmsNorm(dtype, k, m_w.kNorm.data_ptr(), M * KvH, D, eps, k);
    fused::rotaryInPlace(dtype, q, ctx.cos.data_ptr(), ctx.sin.data_ptr(), M, H, D);
    fused::rotaryInPlace(dtype, k, ctx.cos.data_ptr(), ctx.sin.data_ptr(), M, KvH, D);
    const void *keys = k, *values = v;
    std::int64_t S = T, capacity = T;
    if (ctx.cache) {
        const auto& kb = ctx.cache->keyBuffer(m_index);
        const auto& vb = ctx.cache->valueBuffer(m_index);
        capacity = kb.size(2);
        const std::int64_t slot = ctx.cache->length();
        fused::writeCache(dtype, k, v, B, T, KvH, D, capacity, slot, kb.data_ptr(), vb.data_ptr());
        keys = kb.data_ptr();
        values = vb.data_ptr();
        S = slot + T;
    } else if (T > 1) {
        // Keys/values [B,KvH,T,D] as the attention kernel reads them.
        auto* kt = fused::scratch(8, 2 * M * dkv * es);
        auto* vt = static_cast<char*>(kt) + M * dkv * es;
        fused::writeCache(dtype, k, v, B, T, KvH, D, T, 0, kt, vt);
        keys = kt;
        values = vt;
    }
    const bool* mask = ctx.notAllowed.defined() ? ctx.notAllowed.data_ptr<bool>() : nullptr;
    fused::attention(dtype, q, keys, values, mask, B, T, H, KvH, D, S, capacity,
                     static_cast<float>(1.0 / std::sqrt(static_cast<double>(D))), attn);
    const SmallLinearRawOutput o[1] = {{m_w.o.data_ptr(), nullptr, proj, d}};
    smallLinearRaw(dtype, attn, M, dq, o, 1);
    fused::addInPlace(dtype, xp, proj, M * d);  // resid_mid

    // MLP block.
    fused::rmsNorm(dtype, xp, m_w.postNorm.data_ptr(), M, d, eps, h);
    const SmallLinearRawOutput gu[2] = {{m_w.gate.data_ptr(), nullptr, gate, dm},
                                        {m_w.up.data_ptr(), nullptr, up, dm}};
    smallLinearRaw(dtype, h, M, d, gu, 2);
    fused::siluMul(dtype, gate, up, M * dm, gate);
    const SmallLinearRawOutput down[1] = {{m_w.down.data_ptr(), nullptr, proj, d}};
    smallLinearRaw(dtype, gate, M, dm, down, 1);
    fused::addInPlace(dtype, xp, proj, M * d);  // resid_post
}

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
    if (D % 2 == 0 && rowKernelsFit(q) && rowKernelsFit(k) && rowKernelsFit(ctx.cos) && rowKernelsFit(ctx.sin) &&
        ctx.cos.numel() == B * T * D && ctx.sin.numel() == B * T * D) {
        // q and k are fresh outputs of this layer's projections: rotated in place.
        rowk::rotaryInPlace(bf16Ptr(q), bf16Ptr(ctx.cos), bf16Ptr(ctx.sin), B * T, H, D);
        rowk::rotaryInPlace(bf16Ptr(k), bf16Ptr(ctx.cos), bf16Ptr(ctx.sin), B * T, KvH, D);
    } else {
        q = applyRotary(q, ctx.cos, ctx.sin);
        k = applyRotary(k, ctx.cos, ctx.sin);
    }

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
    const double scale = 1.0 / std::sqrt(static_cast<double>(D));
    at::Tensor probs;
    const bool maskFits = !ctx.notAllowed.defined() ||
                          (ctx.notAllowed.is_contiguous() && ctx.notAllowed.numel() == B * T * S &&
                           ctx.notAllowed.scalar_type() == at::kBool && ctx.notAllowed.device().is_cpu());
    if (rowKernelsFit(scores) && maskFits) {
        // Scale, mask and softmax in one pass per row, in place (scores are this call's own).
        rowk::scaledMaskedSoftmax(bf16Ptr(scores), B * KvH * G * T, S, static_cast<float>(scale),
                                  ctx.notAllowed.defined() ? ctx.notAllowed.data_ptr<bool>() : nullptr,
                                  KvH * G * T, T);
        probs = scores;
    } else {
        scores.mul_(scale);
        auto scores5 = scores.view({B, KvH, G, T, S});
        if (ctx.notAllowed.defined())
            scores5.masked_fill_(ctx.notAllowed, -std::numeric_limits<double>::infinity());
        probs = scores.scalar_type() == at::kFloat ? at::softmax(scores, -1)
                                                   : at::softmax(scores, -1, at::kFloat).to(scores.scalar_type());
    }
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
    at::Tensor gate, up;
    if (smallLinearApplicable(h, m_w.gate) && smallLinearApplicable(h, m_w.up)) {
        auto gateUp = smallLinear(h, {{m_w.gate, {}}, {m_w.up, {}}});  // one parallel region
        gate = gateUp[0];
        up = gateUp[1];
    } else {
        gate = at::linear(h, m_w.gate);
        up = at::linear(h, m_w.up);
    }
    if (rowKernelsFit(gate) && rowKernelsFit(up) && gate.sizes() == up.sizes()) {
        rowk::siluMul(bf16Ptr(gate), bf16Ptr(up), gate.numel(), bf16Ptr(gate));  // gate is ours
        post = gate;
    } else {
        post = at::silu(gate).mul_(up);
    }
    if (plan.active(HookKind::MlpPost, l)) post = plan.run(HookKind::MlpPost, l, post, ctx.site);
    auto mlpOut = linearAuto(post, m_w.down);
    if (plan.active(HookKind::MlpOut, l)) mlpOut = plan.run(HookKind::MlpOut, l, mlpOut, ctx.site);
    auto out = mid + mlpOut;
    if (plan.active(HookKind::ResidPost, l)) out = plan.run(HookKind::ResidPost, l, out, ctx.site);
    return out;
}

}  // namespace srs::core
