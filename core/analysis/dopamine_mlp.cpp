// The only TU of the dopamine analysis that includes <torch/torch.h>.
#include "core/analysis/dopamine_mlp.h"

#include <fmt/format.h>
#include <torch/torch.h>

#include <cmath>
#include <numeric>

#include "core/error.h"
#include "core/probe/probe_trainer.h"
#include "core/stats/prng.h"

namespace srs::core {

DeltaMlpFit fitDeltaMlp(const std::vector<float>& xTrain, const std::vector<float>& yTrain,
                        const std::vector<float>& xTest, std::int64_t k, const DeltaMlpOptions& o,
                        const JobContext& job, const std::string& phase) {
    const auto nTrain = static_cast<std::int64_t>(yTrain.size());
    if (k < 1) throw InvalidArgument(fmt::format("delta MLP: {} input dims (expected >= 1)", k));
    if (nTrain == 0) throw InvalidArgument("delta MLP: no training tokens");
    if (static_cast<std::int64_t>(xTrain.size()) != nTrain * k || static_cast<std::int64_t>(xTest.size()) % k != 0)
        throw InvalidArgument(fmt::format("delta MLP: {} train values for {} rows x {} dims, {} test values",
                                          xTrain.size(), nTrain, k, xTest.size()));
    if (o.hidden < 1 || o.epochs < 1 || o.batchRows < 1 || !(o.lr > 0.0) || o.weightDecay < 0.0)
        throw InvalidArgument("delta MLP: hidden, epochs and batch must be >= 1, lr > 0, weight decay >= 0");
    const std::int64_t nTest = static_cast<std::int64_t>(xTest.size()) / k;
    setProbeThreads(o.threads);

    at::Generator gen = at::detail::createCPUGenerator(o.seed * 0x9E3779B97F4A7C15ull + 0xD0A);
    auto uniform = [&](std::vector<std::int64_t> shape, double bound) {
        return torch::rand(shape, gen, torch::kFloat).mul_(2.0 * bound).sub_(bound).requires_grad_(true);
    };
    const double b1 = 1.0 / std::sqrt(static_cast<double>(k)), b2 = 1.0 / std::sqrt(static_cast<double>(o.hidden));
    torch::Tensor w1 = uniform({k, o.hidden}, b1), c1 = uniform({o.hidden}, b1);
    torch::Tensor w2 = uniform({o.hidden, 1}, b2), c2 = uniform({1}, b2);
    torch::optim::AdamW opt({w1, c1, w2, c2}, torch::optim::AdamWOptions(o.lr).weight_decay(o.weightDecay));
    auto forward = [&](const torch::Tensor& x) {
        return torch::addmm(c2, torch::relu(torch::addmm(c1, x, w1)), w2).squeeze(-1);
    };

    const torch::Tensor X = torch::from_blob(const_cast<float*>(xTrain.data()), {nTrain, k}, torch::kFloat);
    const torch::Tensor Y = torch::from_blob(const_cast<float*>(yTrain.data()), {nTrain}, torch::kFloat);
    std::vector<std::int64_t> order(static_cast<std::size_t>(nTrain));
    std::iota(order.begin(), order.end(), 0);
    Xoshiro256 rng(o.seed ^ 0x5EEDF00Dull);
    DeltaMlpFit fit;
    for (int e = 0; e < o.epochs; ++e) {
        job.checkCancelled();
        for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng.uniformBelow(i)]);
        const torch::Tensor perm = torch::from_blob(order.data(), {nTrain}, torch::kLong);
        double lossSum = 0.0;
        std::int64_t steps = 0;
        for (std::int64_t s = 0; s < nTrain; s += o.batchRows) {
            const torch::Tensor idx = perm.slice(0, s, std::min(nTrain, s + o.batchRows));
            const torch::Tensor loss = torch::mse_loss(forward(X.index_select(0, idx)), Y.index_select(0, idx));
            opt.zero_grad();
            loss.backward();
            opt.step();
            lossSum += loss.item<double>();
            ++steps;
        }
        fit.trainLoss.push_back(static_cast<float>(lossSum / static_cast<double>(steps)));
        job.report(phase, e + 1, o.epochs, "epochs");
    }
    torch::NoGradGuard noGrad;
    if (nTest > 0) {
        const torch::Tensor T = torch::from_blob(const_cast<float*>(xTest.data()), {nTest, k}, torch::kFloat);
        const torch::Tensor p = forward(T).contiguous();
        fit.testPred.assign(p.data_ptr<float>(), p.data_ptr<float>() + nTest);
    }
    return fit;
}

}  // namespace srs::core
