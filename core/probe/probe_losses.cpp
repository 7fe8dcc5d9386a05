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

#include <ATen/Parallel.h>

#include <cmath>

namespace srs::core {

void adamwStep(at::Tensor& param, at::Tensor& expAvg, at::Tensor& expAvgSq, std::int64_t step, double lr,
               double weightDecay) {
    at::Tensor grad = param.grad();
    if (!grad.defined()) return;
    grad = grad.contiguous();
    constexpr double kBeta1 = 0.9, kBeta2 = 0.999, kEps = 1e-8;
    const double bc1 = 1.0 - std::pow(kBeta1, static_cast<double>(step));
    const double bc2 = 1.0 - std::pow(kBeta2, static_cast<double>(step));
    const float decay = static_cast<float>(1.0 - lr * weightDecay);
    const float stepSize = static_cast<float>(lr / bc1);
    const float invSqrtBc2 = static_cast<float>(1.0 / std::sqrt(bc2));
    const float b1 = static_cast<float>(kBeta1), b2 = static_cast<float>(kBeta2);
    const float eps = static_cast<float>(kEps);
    float* w = param.data_ptr<float>();
    float* m = expAvg.data_ptr<float>();
    float* v = expAvgSq.data_ptr<float>();
    const float* g = grad.data_ptr<float>();
    at::parallel_for(0, param.numel(), 1 << 15, [&](std::int64_t begin, std::int64_t end) {
        for (std::int64_t i = begin; i < end; ++i) {
            const float gi = g[i];
            const float mi = b1 * m[i] + (1.0f - b1) * gi;
            const float vi = b2 * v[i] + (1.0f - b2) * gi * gi;
            m[i] = mi;
            v[i] = vi;
            w[i] = w[i] * decay - stepSize * mi / (std::sqrt(vi) * invSqrtBc2 + eps);
        }
    });
    param.mutable_grad().reset();
}

}  // namespace srs::core
