#include "core/model/transformer.h"

#include <ATen/ATen.h>
#include <fmt/format.h>

#include <sys/mman.h>
#include <unistd.h>

#include <cmath>
#include <cstdint>

#include "core/error.h"
#include "core/model/architecture.h"
#include "core/model/decode_fused.h"
#include "core/model/decoder_layer.h"
#include "core/model/hook_names.h"
#include "core/model/intervention_plan.h"
#include "core/model/kv_cache.h"
#include "core/model/linear_small.h"

namespace srs::core {
namespace {

at::ScalarType scalarType(ComputeDtype dtype) {
    return dtype == ComputeDtype::BFloat16 ? at::kBFloat16 : at::kFloat;
}

/// HF default rope inverse frequencies (float32), with Llama-3 scaling when configured.
at::Tensor inverseFrequencies(const ModelConfig& config) {
    const std::int64_t dim = config.headDim;
    auto exponents = at::arange(0, dim, 2, at::TensorOptions().dtype(at::kLong)).to(at::kFloat) /
                     static_cast<float>(dim);
    auto base = at::full({}, static_cast<float>(config.ropeTheta), at::kFloat);
    auto invFreq = 1.0 / at::pow(base, exponents);
    const auto& rs = config.ropeScaling;
    if (rs.type == "llama3") {
        const double oldLen = rs.originalMaxPositions;
        const double lowWavelen = oldLen / rs.lowFreqFactor;
        const double highWavelen = oldLen / rs.highFreqFactor;
        auto wavelen = 2.0 * M_PI / invFreq;
        auto scaled = at::where(wavelen > lowWavelen, invFreq / rs.factor, invFreq);
        auto smooth = (oldLen / wavelen - rs.lowFreqFactor) / (rs.highFreqFactor - rs.lowFreqFactor);
        auto smoothed = (1 - smooth) * scaled / rs.factor + smooth * scaled;
        auto medium = (wavelen >= highWavelen).logical_and(wavelen <= lowWavelen);
        invFreq = at::where(medium, smoothed, scaled);
    } else if (!rs.type.empty() && rs.type != "default") {
        throw UnsupportedError(fmt::format(
            "config.json rope_scaling type '{}' is not supported (supported: none, llama3)", rs.type));
    }
    return invFreq.contiguous();
}

/// Reclaims the resident pages of a converted tensor's stored bytes (the copy is used
/// instead); without this an f32 runtime over a bf16 file kept ~1 GB of mapped bf16 resident
/// next to its f32 copies. MADV_PAGEOUT never loses data (clean file-backed pages are dropped
/// and fault back in on the next read, e.g. fingerprint() or another runtime on the same
/// Checkpoint; anonymous memory would be swapped, not zeroed), unlike MADV_DONTNEED. Only whole
/// pages inside the tensor's range are touched; kernels without MADV_PAGEOUT (< 5.4) ignore it.
void releaseMappedPages(const at::Tensor& stored) {
    if (!stored.device().is_cpu() || stored.nbytes() == 0) return;
    const long pageSize = ::sysconf(_SC_PAGESIZE);
    if (pageSize <= 0) return;
    const auto page = static_cast<std::uintptr_t>(pageSize);
    const auto begin = reinterpret_cast<std::uintptr_t>(stored.data_ptr());
    const auto end = begin + stored.nbytes();
    const std::uintptr_t first = (begin + page - 1) / page * page, last = end / page * page;
    if (last > first)
#ifdef MADV_PAGEOUT
        (void)::madvise(reinterpret_cast<void*>(first), last - first, MADV_PAGEOUT);  // advisory
#endif
}

}  // namespace

Transformer::Transformer(std::shared_ptr<const Checkpoint> checkpoint, const RuntimeOptions& options)
    : m_checkpoint(std::move(checkpoint)), m_options(options) {
    checkDeviceAvailable(m_options.device);
    const auto& cfg = m_checkpoint->config();
    const auto& arch = m_checkpoint->architecture();
    if (cfg.hiddenAct != "silu" && cfg.hiddenAct != "swish")
        throw UnsupportedError(fmt::format(
            "{}: config.json hidden_act '{}' is not supported (expected silu)",
            m_checkpoint->directory().string(), cfg.hiddenAct));
    if (cfg.numKvHeads <= 0 || cfg.numHeads % cfg.numKvHeads != 0)
        throw UnsupportedError(fmt::format(
            "{}: num_attention_heads {} is not a multiple of num_key_value_heads {}",
            m_checkpoint->directory().string(), cfg.numHeads, cfg.numKvHeads));
    at::NoGradGuard noGrad;
    m_embed = weight(tensor_names::embed());
    m_finalNorm = weight(tensor_names::finalNorm());
    m_lmHead = cfg.tieWordEmbeddings ? m_embed : weight(tensor_names::lmHead());
    for (int l = 0; l < cfg.numLayers; ++l) {
        DecoderLayerWeights w;
        w.inputNorm = weight(tensor_names::layer(l, "input_layernorm.weight"));
        w.postNorm = weight(tensor_names::layer(l, "post_attention_layernorm.weight"));
        w.q = weight(tensor_names::layer(l, "self_attn.q_proj.weight"));
        w.k = weight(tensor_names::layer(l, "self_attn.k_proj.weight"));
        w.v = weight(tensor_names::layer(l, "self_attn.v_proj.weight"));
        w.o = weight(tensor_names::layer(l, "self_attn.o_proj.weight"));
        if (cfg.attentionBias) {
            w.qBias = weight(tensor_names::layer(l, "self_attn.q_proj.bias"));
            w.kBias = weight(tensor_names::layer(l, "self_attn.k_proj.bias"));
            w.vBias = weight(tensor_names::layer(l, "self_attn.v_proj.bias"));
        }
        if (arch.qkNorm) {
            w.qNorm = weight(tensor_names::layer(l, "self_attn.q_norm.weight"));
            w.kNorm = weight(tensor_names::layer(l, "self_attn.k_norm.weight"));
        }
        w.gate = weight(tensor_names::layer(l, "mlp.gate_proj.weight"));
        w.up = weight(tensor_names::layer(l, "mlp.up_proj.weight"));
        w.down = weight(tensor_names::layer(l, "mlp.down_proj.weight"));
        m_layers.push_back(std::make_unique<DecoderLayer>(l, std::move(w), cfg.numHeads,
                                                          cfg.numKvHeads, cfg.headDim,
                                                          cfg.rmsNormEps));
    }
    m_invFreq = inverseFrequencies(cfg).to(at::Device(m_options.device));
}

Transformer::~Transformer() = default;

const ModelConfig& Transformer::config() const { return m_checkpoint->config(); }

at::Tensor Transformer::weight(const std::string& name) const {
    const at::Tensor stored = m_checkpoint->tensor(name);  // zero-copy view, stored dtype
    at::Tensor t = stored;
    const auto target = scalarType(m_options.dtype);
    if (t.scalar_type() != target) t = t.to(target);
    const at::Device device(m_options.device);
    if (device != t.device()) t = t.to(device);
    if (!t.is_same(stored)) releaseMappedPages(stored);
    return t;
}

std::vector<std::string> Transformer::hookNames() const {
    return hooks::allHookNames(config().numLayers);
}

std::unique_ptr<KvCache> Transformer::makeCache(std::int64_t batch, std::int64_t capacity) const {
    const auto& cfg = config();
    return std::make_unique<KvCache>(cfg.numLayers, batch, cfg.numKvHeads, capacity, cfg.headDim,
                                     scalarType(m_options.dtype), at::Device(m_options.device));
}

ForwardOutput Transformer::forward(const at::Tensor& ids, const ForwardRequest& request,
                                   const at::Tensor& attentionMask, KvCache* cache) {
    ForwardOutput out = forwardOnDevice(ids, request, attentionMask, cache);
    if (!out.logits.device().is_cpu()) out.logits = out.logits.cpu();
    for (auto& [name, t] : out.captured)
        if (!t.device().is_cpu()) t = t.cpu();
    return out;
}

ForwardOutput Transformer::forwardOnDevice(const at::Tensor& idsIn, const ForwardRequest& request,
                                           const at::Tensor& maskIn, KvCache* cache) {
    at::NoGradGuard noGrad;
    const auto& cfg = config();
    if (idsIn.dim() != 2 || idsIn.size(0) == 0 || idsIn.size(1) == 0)
        throw InvalidArgument(fmt::format("forward: ids must be [B,T] with B,T > 0, got {}",
                                          fmt::join(idsIn.sizes(), "x")));
    const at::Device device(m_options.device);
    auto ids = idsIn.to(device, at::kLong);
    {
        auto lo = ids.min().item<std::int64_t>(), hi = ids.max().item<std::int64_t>();
        if (lo < 0 || hi >= cfg.vocabSize)
            throw InvalidArgument(fmt::format(
                "forward: token id {} out of range (vocab size {}, valid 0..{})", lo < 0 ? lo : hi,
                cfg.vocabSize, cfg.vocabSize - 1));
    }
    const std::int64_t B = ids.size(0), T = ids.size(1);
    at::Tensor mask;
    if (maskIn.defined()) {
        if (maskIn.sizes() != ids.sizes())
            throw InvalidArgument(fmt::format("forward: attention mask shape {} != ids shape {}",
                                              fmt::join(maskIn.sizes(), "x"),
                                              fmt::join(ids.sizes(), "x")));
        mask = maskIn.to(device).ne(0);
    } else {
        mask = at::ones({B, T}, at::TensorOptions().dtype(at::kBool).device(device));
    }

    InterventionPlan plan;
    if (!request.capture.empty() || !request.interventions.empty())
        plan = InterventionPlan(request.capture, request.interventions, cfg.numLayers,
                                cfg.hiddenSize, cfg.intermediateSize, cfg.numHeads);

    // Position ids (left padding excluded) and the key mask over all keys.
    at::Tensor positions, keyMask;
    std::int64_t past = 0;
    if (cache) {
        past = cache->length();
        positions = cache->begin(mask);
        keyMask = cache->keyMask();
    } else {
        positions = (mask.to(at::kLong).cumsum(1) - 1).clamp_min_(0);
        keyMask = mask;
    }
    const std::int64_t S = past + T;

    ForwardContext ctx;
    ctx.cache = cache;
    ctx.plan = &plan;
    ctx.site.positions = positions;
    ctx.site.tokenMask = mask;
    ctx.site.cache = cache;

    const auto dtype = scalarType(m_options.dtype);
    auto freqs = positions.to(at::kFloat).unsqueeze(-1) * m_invFreq;  // [B,T,D/2]
    auto emb = at::cat({freqs, freqs}, -1).unsqueeze(2);                // [B,T,1,D]
    ctx.cos = emb.cos().to(dtype);
    ctx.sin = emb.sin().to(dtype);

    const bool hasPads = !keyMask.all().item<bool>();
    if (T > 1 || hasPads) {
        // Query i sits at absolute slot past+i; it sees slots <= its own that hold tokens,
        // and always itself (so pad rows stay finite).
        auto q = at::arange(past, S, at::TensorOptions().dtype(at::kLong).device(device));
        auto k = at::arange(0, S, at::TensorOptions().dtype(at::kLong).device(device));
        auto causal = k.unsqueeze(0) <= q.unsqueeze(1);  // [T,S]
        auto self = k.unsqueeze(0) == q.unsqueeze(1);
        auto allowed = causal.unsqueeze(0).logical_and(keyMask.unsqueeze(1))
                           .logical_or_(self.unsqueeze(0));  // [B,T,S]
        ctx.notAllowed = allowed.logical_not().view({B, 1, 1, T, S});
    }

    ctx.fused = fusedDecodeEnabled() && device.is_cpu() && B * T <= kSmallLinearMaxRows &&
                smallLinearSupported(dtype);

    at::Tensor x = at::embedding(m_embed, ids);
    // The fused path updates x in place; a tensor a hook may have recorded (or returned) is
    // copied first.
    bool ownX = true;
    if (plan.active(HookKind::Embed, -1)) {
        x = plan.run(HookKind::Embed, -1, x, ctx.site);
        ownX = false;
    }
    for (const auto& layer : m_layers) {
        if (layer->fusedApplicable(ctx)) {
            if (!ownX || !x.is_contiguous()) x = x.clone(at::MemoryFormat::Contiguous);
            ownX = true;
            layer->forwardFused(x, ctx);
        } else {
            x = layer->forward(x, ctx);
            ownX = false;
        }
    }
    at::Tensor normed;
    if (plan.active(HookKind::LnFinal, -1)) {
        normed = plan.run(HookKind::LnFinal, -1, rmsNorm(x, m_finalNorm, cfg.rmsNormEps), ctx.site);
        if (request.lastLogitsOnly) normed = normed.narrow(1, T - 1, 1);
    } else {
        if (request.lastLogitsOnly) x = x.narrow(1, T - 1, 1);
        normed = rmsNorm(x, m_finalNorm, cfg.rmsNormEps);
    }
    ForwardOutput out;
    out.logits = linearAuto(normed, m_lmHead, {}, /*floatOutput=*/true);
    out.captured = plan.takeCaptured();
    if (cache) cache->commit();
    return out;
}

}  // namespace srs::core
