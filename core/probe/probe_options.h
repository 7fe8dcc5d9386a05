#pragma once
/// Options and result types of value-probe training (METHOD.md, Pipeline 3-5). Torch-free:
/// weights and scores cross this API as plain float vectors.
#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "core/stats/bootstrap.h"

namespace srs::core {

/// How a probe is trained.
///  - Td:     MLP d -> H -> 1 (ReLU, sigmoid), semi-gradient TD(0) on token trajectories:
///            delta_t = gamma * V(s_{t+1}).detach() - V(s_t) (t < T), delta_T = r - V(s_T),
///            loss = mean over the batch's rows of delta^2.
///  - Mc:     the same MLP, binary cross-entropy of V(s_t) against the final reward r at
///            every row t (Monte-Carlo target, no bootstrapping).
///  - Linear: logistic regression d -> 1 (sigmoid) on the full state, BCE against r at every row.
enum class ProbeMethod { Td, Mc, Linear };

/// "td" | "mc" | "linear".
std::string probeMethodName(ProbeMethod method);
/// Inverse of probeMethodName; throws InvalidArgument naming the text and the valid names.
ProbeMethod parseProbeMethod(const std::string& name);

/// Every hyperparameter of probe training (defaults from METHOD.md; (repro) values).
struct ProbeTrainOptions {
    ProbeMethod method = ProbeMethod::Td;
    std::string hook = "resid_post";   ///< activation hook kind in the cache
    int hidden = 1024;                 ///< H of the MLP (ignored for Linear)
    double lr = 1e-4;                  ///< AdamW learning rate
    double weightDecay = 0.01;         ///< AdamW decoupled weight decay
    double gamma = 1.0 - 1e-5;         ///< TD discount per stored row
    int batchTrajectories = 4;         ///< whole rollouts per optimiser step
    int epochs = 1;                    ///< passes over the training split
    std::uint64_t seed = 0;            ///< split, initialisation and bootstrap seed
    double testFraction = 0.2;         ///< fraction of QUESTIONS held out, in (0, 1)
    std::size_t bootstrap = 1000;      ///< bootstrap resamples for the AUROC CIs (>= 2)
    int threads = 0;                   ///< torch intra-op threads; 0 = OMP_NUM_THREADS or all cores
    /// Dtype of the first-layer matmuls (the bulk of the FLOPs): "float32" (default) or
    /// "bfloat16" (inputs and w1 rounded to bf16 per step, accumulation and master weights,
    /// optimiser state and everything else float32). bf16 roughly halves step time on CPUs
    /// with AVX512-BF16/AMX; results then differ from float32 in the last digits.
    std::string computeDtype = "float32";
    /// Optional, not saved: called on the training thread after every epoch with the mean
    /// training loss of each layer (order requested) of probe group `group` (live plots).
    std::function<void(std::size_t group, int epoch, const std::vector<float>& meanLoss)> onEpoch;

    /// Throws InvalidArgument naming the option and its valid range.
    void validate() const;
};

/// Which rollouts are held out. Rollouts of one question are always on the same side.
struct QuestionSplit {
    std::vector<std::int64_t> trainRollouts;   ///< ascending rollout indices
    std::vector<std::int64_t> testRollouts;    ///< ascending rollout indices
    std::vector<std::string> testQuestions;    ///< sorted unique question ids held out
    std::size_t trainQuestions = 0;
};

/// Weights of one trained probe, row-major, over `dims.size()` input dimensions.
/// MLP: w1 [dIn, H], b1 [H], w2 [H], b2 [1]. Linear: w1 [dIn, 1], b1 [1], w2/b2 empty.
struct ProbeWeights {
    std::vector<std::int64_t> dims;  ///< [dIn] cache columns the probe reads (ascending)
    int hidden = 0;                  ///< H; 0 for Linear
    std::vector<float> w1, b1, w2, b2;
    std::int64_t inputDims() const { return static_cast<std::int64_t>(dims.size()); }
};

/// Evaluation of one probe on the held-out questions.
struct ProbeEvaluation {
    BootstrapInterval aurocS0;     ///< AUROC of V(s_0) vs r, clustered-bootstrap CI
    BootstrapInterval aurocFinal;  ///< AUROC of V(s_T) vs r (last stored row)
};

/// One trained probe of one layer (and one input-dimension subset).
struct LayerProbe {
    int layer = 0;
    ProbeWeights weights;
    std::vector<float> testVs0;     ///< [testRollouts] V(s_0)
    std::vector<float> testVFinal;  ///< [testRollouts] V(s_T)
    std::vector<float> finalLoss;   ///< mean training loss of each epoch [epochs]
    ProbeEvaluation eval;
};

/// Everything `srs probe train` produces.
struct ProbeTrainResult {
    ProbeTrainOptions options;
    std::string cachePath;
    std::string modelFingerprint;
    std::int64_t dModel = 0;
    QuestionSplit split;
    std::vector<float> testRewards;  ///< [testRollouts]
    std::vector<LayerProbe> layers;  ///< in the order requested
    double trainSeconds = 0.0;
};

}  // namespace srs::core
