#pragma once
/// Per-forward resolution of requested captures and interventions onto hook slots, so that
/// an inactive hook costs one flag test (no names built, no copies).
#include <ATen/core/Tensor.h>

#include <map>
#include <string>
#include <vector>

#include "core/model/intervention.h"

namespace srs::core {

class KvCache;

enum class HookKind : int {
    ResidPre = 0,
    AttnPattern,
    AttnOut,
    ResidMid,
    MlpPost,
    MlpOut,
    ResidPost,
    kPerLayer,  ///< count of per-layer kinds
    Embed = 100,
    LnFinal = 101,
};

/// Per-forward context the hook sites need.
struct HookSite {
    at::Tensor positions;  ///< [B,T] int64 position ids of the current tokens
    at::Tensor tokenMask;  ///< [B,T] bool: real tokens
    KvCache* cache = nullptr;
};

class InterventionPlan {
public:
    InterventionPlan() = default;
    /// Validates every name (hooks::parse) and dims against the hook's width. Throws
    /// InvalidArgument naming the hook and the bad dim.
    InterventionPlan(const std::vector<std::string>& capture,
                     const std::vector<Intervention>& interventions, int numLayers, int dModel,
                     int dMlp, int numHeads);

    bool empty() const { return m_empty; }
    bool active(HookKind kind, int layer) const {
        return !m_empty && m_slots[slotIndex(kind, layer)].active;
    }
    /// Applies this hook's interventions (in request order), then records a float32 copy
    /// when captured. Returns the tensor later layers must use. Layout: residual/mlp hooks
    /// [B,T,C]; pattern [B,H,Tq,Tk].
    at::Tensor run(HookKind kind, int layer, at::Tensor x, const HookSite& site);

    std::map<std::string, at::Tensor> takeCaptured() { return std::move(m_captured); }

private:
    struct Slot {
        bool active = false;
        std::string captureName;
        std::vector<std::size_t> interventions;  ///< indices into m_interventions
    };
    std::size_t slotIndex(HookKind kind, int layer) const {
        if (kind == HookKind::Embed) return 0;
        if (kind == HookKind::LnFinal) return 1;
        return 2 + static_cast<std::size_t>(layer) * static_cast<int>(HookKind::kPerLayer) +
               static_cast<std::size_t>(kind);
    }
    at::Tensor apply(std::size_t index, HookKind kind, at::Tensor x, const HookSite& site);

    bool m_empty = true;
    std::vector<Slot> m_slots;
    std::vector<Intervention> m_interventions;
    std::vector<at::Tensor> m_dimTensors;  ///< per intervention, lazily on the right device
    std::map<std::string, at::Tensor> m_captured;
};

}  // namespace srs::core
