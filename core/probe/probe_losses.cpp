#include "core/probe/probe_losses.h"

#include <ATen/ATen.h>

namespace srs::core {

at::Tensor tdLoss(const at::Tensor& v, const at::Tensor& reward, const at::Tensor& next, const at::Tensor& isLast,
                  double gamma) {
    // The bootstrap target carries no gradient (semi-gradient TD).
    at::Tensor target = at::where(isLast, reward, v.detach().index_select(1, next) * gamma);
    return (target - v).pow(2).mean(1);
}

at::Tensor mcLoss(const at::Tensor& logits, const at::Tensor& reward) {
    return at::binary_cross_entropy_with_logits(logits, reward.unsqueeze(0).expand_as(logits), {}, {},
                                                at::Reduction::None)
        .mean(1);
}

}  // namespace srs::core
