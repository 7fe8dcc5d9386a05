#include "core/model/intervention_plan.h"

#include <ATen/ATen.h>
#include <fmt/format.h>

#include "core/error.h"
#include "core/model/hook_names.h"
#include "core/model/kv_cache.h"

namespace srs::core {
namespace {

HookKind kindFromName(const std::string& kind) {
    if (kind == "hook_embed") return HookKind::Embed;
    if (kind == "ln_final.hook_normalized") return HookKind::LnFinal;
    if (kind == "hook_resid_pre") return HookKind::ResidPre;
    if (kind == "attn.hook_pattern") return HookKind::AttnPattern;
    if (kind == "hook_attn_out") return HookKind::AttnOut;
    if (kind == "hook_resid_mid") return HookKind::ResidMid;
    if (kind == "mlp.hook_post") return HookKind::MlpPost;
    if (kind == "hook_mlp_out") return HookKind::MlpOut;
    if (kind == "hook_resid_post") return HookKind::ResidPost;
    throw InvalidArgument(fmt::format("unknown hook kind '{}'", kind));
}

}  // namespace

InterventionPlan::InterventionPlan(const std::vector<std::string>& capture,
                                   const std::vector<Intervention>& interventions, int numLayers,
                                   int dModel, int dMlp, int numHeads)
    : m_interventions(interventions) {
    m_slots.resize(2 + static_cast<std::size_t>(numLayers) * static_cast<int>(HookKind::kPerLayer));
    for (const auto& name : capture) {
        auto parsed = hooks::parse(name, numLayers);
        auto& slot = m_slots[slotIndex(kindFromName(parsed.kind), parsed.layer)];
        slot.captureName = name;
        slot.active = true;
    }
    for (std::size_t i = 0; i < m_interventions.size(); ++i) {
        const auto& iv = m_interventions[i];
        auto parsed = hooks::parse(iv.hook, numLayers);
        HookKind kind = kindFromName(parsed.kind);
        std::int64_t width = kind == HookKind::MlpPost       ? dMlp
                             : kind == HookKind::AttnPattern ? numHeads
                                                             : dModel;
        const char* what = kind == HookKind::AttnPattern ? "heads" : "width";
        if (iv.dims.empty())
            throw InvalidArgument(fmt::format("intervention on '{}': no dims given", iv.hook));
        for (auto d : iv.dims)
            if (d < 0 || d >= width)
                throw InvalidArgument(fmt::format(
                    "intervention on '{}': dim {} out of range ({} {}, valid 0..{})", iv.hook, d,
                    what, width, width - 1));
        if (iv.op == InterventionOp::Mean && !iv.mean.empty() && iv.mean.size() != iv.dims.size())
            throw InvalidArgument(fmt::format(
                "intervention on '{}': mean has {} values but {} dims were given (expected one per dim)",
                iv.hook, iv.mean.size(), iv.dims.size()));
        for (auto p : iv.positions)
            if (p < 0)
                throw InvalidArgument(fmt::format(
                    "intervention on '{}': position {} is negative", iv.hook, p));
        auto& slot = m_slots[slotIndex(kind, parsed.layer)];
        slot.interventions.push_back(i);
        slot.active = true;
    }
    m_dimTensors.resize(m_interventions.size());
    m_empty = capture.empty() && interventions.empty();
}

at::Tensor InterventionPlan::run(HookKind kind, int layer, at::Tensor x, const HookSite& site) {
    auto& slot = m_slots[slotIndex(kind, layer)];
    for (std::size_t index : slot.interventions) x = apply(index, kind, std::move(x), site);
    if (!slot.captureName.empty())
        m_captured[slot.captureName] = x.to(at::kFloat, /*non_blocking=*/false, /*copy=*/true);
    return x;
}

at::Tensor InterventionPlan::apply(std::size_t index, HookKind kind, at::Tensor x,
                                   const HookSite& site) {
    const Intervention& iv = m_interventions[index];
    const bool pattern = kind == HookKind::AttnPattern;
    const std::int64_t dimAxis = pattern ? 1 : 2;
    auto& dims = m_dimTensors[index];
    if (!dims.defined() || dims.device() != x.device())
        dims = at::tensor(iv.dims, at::TensorOptions().dtype(at::kLong)).to(x.device());
    const std::int64_t k = dims.size(0);

    at::Tensor sub = x.index_select(dimAxis, dims);  // [B,T,k] or [B,k,Tq,Tk]
    at::Tensor replacement;
    switch (iv.op) {
        case InterventionOp::Zero: replacement = at::zeros_like(sub); break;
        case InterventionOp::Set: replacement = at::full_like(sub, iv.value); break;
        case InterventionOp::Scale: replacement = sub * iv.value; break;
        case InterventionOp::Mean: {
            if (!iv.mean.empty()) {
                auto m = at::tensor(iv.mean, at::TensorOptions().dtype(at::kFloat))
                             .to(x.device(), x.scalar_type());
                replacement = (pattern ? m.view({1, k, 1, 1}) : m.view({1, 1, k})).expand_as(sub);
                break;
            }
            at::Tensor mean;
            auto* frozen = (site.cache && !pattern) ? &site.cache->frozenMeans() : nullptr;
            if (frozen) {
                auto it = frozen->find(index);
                if (it != frozen->end()) mean = it->second;
            }
            if (!mean.defined()) {
                // Mean over the real positions of each row, in float32.
                const std::int64_t tAxis = pattern ? 2 : 1;
                auto w = site.tokenMask.to(at::kFloat);  // [B,T]
                auto wv = pattern ? w.view({w.size(0), 1, w.size(1), 1}) : w.unsqueeze(-1);
                auto count = w.sum(1).clamp_min(1.0);
                auto countv = pattern ? count.view({-1, 1, 1, 1}) : count.view({-1, 1, 1});
                mean = ((sub.to(at::kFloat) * wv).sum(tAxis, /*keepdim=*/true) / countv)
                           .to(x.scalar_type());
                if (frozen) (*frozen)[index] = mean;
            }
            replacement = mean.expand_as(sub);
            break;
        }
    }
    if (!iv.positions.empty()) {
        auto wanted = at::tensor(iv.positions, at::TensorOptions().dtype(at::kLong)).to(x.device());
        auto sel = at::isin(site.positions, wanted).logical_and_(site.tokenMask);  // [B,T]
        auto selv = pattern ? sel.view({sel.size(0), 1, sel.size(1), 1}) : sel.unsqueeze(-1);
        replacement = at::where(selv, replacement, sub);
    }
    x.index_copy_(dimAxis, dims, replacement.contiguous());
    return x;
}

}  // namespace srs::core
