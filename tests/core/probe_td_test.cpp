// TD(0) target semantics checked by hand on a 2-step trajectory with a linear V.
#include <gtest/gtest.h>
#include <torch/torch.h>

#include "core/probe/probe_losses.h"

using srs::core::mcLoss;
using srs::core::tdLoss;

// Trajectory s_0, s_1, s_2 (T = 2), states x_t in R^2, V(s) = w . x with w = (0.5, -1).
//   x_0 = (1, 0)   -> V0 = 0.5
//   x_1 = (1, 0.25)-> V1 = 0.25
//   x_2 = (0, -0.5)-> V2 = 0.5
// gamma = 0.5, r = 1:
//   delta_0 = 0.5 * V1 - V0 = 0.125 - 0.5  = -0.375
//   delta_1 = 0.5 * V2 - V1 = 0.25 - 0.25  =  0
//   delta_2 = r - V2        = 1 - 0.5      =  0.5
//   loss = (0.140625 + 0 + 0.25) / 3 = 0.130208333...
// Semi-gradient: dL/dw = -(2/3) * sum_t delta_t x_t
//   = -(2/3) * (-0.375 * (1, 0) + 0.5 * (0, -0.5)) = -(2/3) * (-0.375, -0.25) = (0.25, 0.1666...)
// (The full gradient would add (2/3) gamma delta_t x_{t+1}: (2/3)*0.5*(-0.375)*(1, 0.25)
//  = (-0.125, -0.03125), giving (0.125, 0.135416...) -- so the test tells them apart.)
TEST(ProbeTdLoss, TwoStepTrajectoryByHand) {
    torch::Tensor x = torch::tensor({1.0f, 0.0f, 1.0f, 0.25f, 0.0f, -0.5f}).reshape({3, 2});
    torch::Tensor w = torch::tensor({0.5f, -1.0f}).requires_grad_(true);
    torch::Tensor v = torch::matmul(x, w).unsqueeze(0);  // [L=1, N=3]
    torch::Tensor reward = torch::full({3}, 1.0f);
    torch::Tensor next = torch::tensor({1, 2, 2}, torch::kLong);
    torch::Tensor isLast = torch::tensor({false, false, true});
    torch::Tensor loss = tdLoss(v, reward, next, isLast, 0.5);
    ASSERT_EQ(loss.sizes(), torch::IntArrayRef({1}));
    EXPECT_NEAR(loss.item<float>(), 0.390625 / 3.0, 1e-7);
    loss.sum().backward();
    EXPECT_NEAR(w.grad()[0].item<float>(), 0.25, 1e-6);
    EXPECT_NEAR(w.grad()[1].item<float>(), 1.0 / 6.0, 1e-6);
}

// Two trajectories in one batch, two layers: rows never bootstrap across a trajectory end,
// and layers do not mix. Trajectory A: s_0 (V=.2), s_1 (V=.6), r=0. Trajectory B: s_0 (V=.9), r=1.
// Layer 1 holds 1 - V. gamma = 1.
//   layer 0: deltas (.6-.2, 0-.6, 1-.9) = (.4, -.6, .1) -> loss (.16+.36+.01)/3 = .53/3
//   layer 1: V = (.8, .4, .1): deltas (.4-.8, 0-.4, 1-.1) = (-.4, -.4, .9) -> (.16+.16+.81)/3 = 1.13/3
TEST(ProbeTdLoss, TrajectoryBoundariesAndLayersAreSeparate) {
    torch::Tensor v = torch::tensor({0.2f, 0.6f, 0.9f, 0.8f, 0.4f, 0.1f}).reshape({2, 3});
    torch::Tensor reward = torch::tensor({0.0f, 0.0f, 1.0f});
    torch::Tensor next = torch::tensor({1, 1, 2}, torch::kLong);
    torch::Tensor isLast = torch::tensor({false, true, true});
    torch::Tensor loss = tdLoss(v, reward, next, isLast, 1.0);
    EXPECT_NEAR(loss[0].item<float>(), 0.53 / 3.0, 1e-6);
    EXPECT_NEAR(loss[1].item<float>(), 1.13 / 3.0, 1e-6);
}

// MC baseline: BCE of sigmoid(z) vs r at every row. z = 0 -> log 2 whatever r is;
// z = ln 3 (V = .75), r = 1 -> -ln .75.
TEST(ProbeMcLoss, BinaryCrossEntropyByHand) {
    torch::Tensor z = torch::tensor({0.0f, std::log(3.0f)}).reshape({1, 2});
    torch::Tensor r = torch::tensor({0.0f, 1.0f});
    EXPECT_NEAR(mcLoss(z, r).item<float>(), (std::log(2.0) - std::log(0.75)) / 2.0, 1e-6);
}

// The fused AdamW step equals torch::optim::AdamW (the reference implementation) step by step.
TEST(ProbeAdamW, FusedStepMatchesTorchAdamW) {
    torch::manual_seed(5);
    torch::Tensor init = torch::randn({3, 70, 33});
    torch::Tensor a = init.clone().requires_grad_(true), b = init.clone().requires_grad_(true);
    torch::optim::AdamW ref({b}, torch::optim::AdamWOptions(3e-3).weight_decay(0.05));
    torch::Tensor m = torch::zeros_like(a), v = torch::zeros_like(a);
    for (int t = 1; t <= 6; ++t) {
        torch::Tensor g = torch::randn({3, 70, 33}) * (t % 2 ? 1.0 : 0.01);
        a.mutable_grad() = g.clone();
        ref.zero_grad();
        b.mutable_grad() = g.clone();
        srs::core::adamwStep(a, m, v, t, 3e-3, 0.05);
        ref.step();
        EXPECT_FALSE(a.grad().defined());
        EXPECT_LT((a - b).abs().max().item<float>(), 2e-6f) << "step " << t;
    }
    EXPECT_GT((a - init).abs().max().item<float>(), 1e-2f);  // it did move
}
