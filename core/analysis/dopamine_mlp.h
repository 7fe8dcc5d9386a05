#pragma once
/// The small delta_t regressor of the dopamine analysis: `k -> hidden -> 1`, ReLU, MSE,
/// AdamW (torch::optim::AdamW), PyTorch-style uniform(+-1/sqrt(fan_in)) initialisation from
/// a seeded generator, minibatches from a seeded Xoshiro256 shuffle of the training rows.
/// Deterministic for a seed at a fixed thread count. Torch-free header.
#include <cstdint>
#include <vector>

#include "core/jobs/job.h"

namespace srs::core {

struct DeltaMlpOptions {
    int hidden = 32;
    int epochs = 30;
    double lr = 3e-3;
    double weightDecay = 0.01;
    int batchRows = 128;
    std::uint64_t seed = 0;
    int threads = 0;  ///< 0 = OMP_NUM_THREADS or all cores
};

struct DeltaMlpFit {
    std::vector<float> trainLoss;  ///< [epochs] mean minibatch MSE of each epoch
    std::vector<float> testPred;   ///< [nTest] predictions on the test rows
};

/// Trains on xTrain [nTrain, k] (row-major) -> yTrain [nTrain] and predicts xTest [nTest, k].
/// Throws InvalidArgument for inconsistent sizes or nTrain == 0; Cancelled via `job`
/// (polled between epochs).
DeltaMlpFit fitDeltaMlp(const std::vector<float>& xTrain, const std::vector<float>& yTrain,
                        const std::vector<float>& xTest, std::int64_t k, const DeltaMlpOptions& options,
                        const JobContext& job = {}, const std::string& phase = "mlp");

}  // namespace srs::core
