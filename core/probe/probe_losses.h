#pragma once
/// The training losses of the value probes, on stacked per-layer values. Exposed (with
/// <ATen/core/Tensor.h> only) so the TD target semantics can be checked by hand.
#include <ATen/core/Tensor.h>

namespace srs::core {

/// Semi-gradient TD(0) loss per layer. v [L, N]: V(s_t) of the batch's rows, trajectories
/// concatenated; reward [N]: the final reward of each row's rollout; next [N] int64: index of
/// s_{t+1} (any value on a last row); isLast [N] bool: row is s_T. Per row
///   delta_t = gamma * V(s_{t+1}).detach() - V(s_t)   (t < T)
///   delta_T = r - V(s_T)
/// Returns [L]: mean over the N rows of delta^2 (gradients flow only through V(s_t)).
at::Tensor tdLoss(const at::Tensor& v, const at::Tensor& reward, const at::Tensor& next, const at::Tensor& isLast,
                  double gamma);

/// Monte-Carlo baseline loss per layer: mean over rows of BCE(sigmoid(logits), r). logits [L, N],
/// reward [N]. Returns [L].
at::Tensor mcLoss(const at::Tensor& logits, const at::Tensor& reward);

}  // namespace srs::core

namespace srs::core {

/// One AdamW step (decoupled weight decay; betas 0.9/0.999, eps 1e-8, no amsgrad) done in a
/// single fused pass over param/grad/state, the same update as torch::optim::AdamW:
///   p *= 1 - lr*wd;  m = b1 m + (1-b1) g;  v = b2 v + (1-b2) g^2;
///   p -= lr/(1-b1^t) * m / (sqrt(v)/sqrt(1-b2^t) + eps).
/// `step` t counts from 1. param/expAvg/expAvgSq: contiguous float32 of equal shape; the
/// gradient is param.grad(), which is released afterwards (the next backward allocates it).
void adamwStep(at::Tensor& param, at::Tensor& expAvg, at::Tensor& expAvgSq, std::int64_t step, double lr,
               double weightDecay);

}  // namespace srs::core
