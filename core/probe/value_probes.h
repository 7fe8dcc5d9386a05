#pragma once
/// The user-level operations of Pipeline 3-6: train + evaluate probes for many layers, the
/// prune curve, and value-neuron sets. Torch-free header.
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/jobs/job.h"
#include "core/probe/probe_options.h"

namespace srs::core {

class ActivationCacheReader;

/// Resolves "all" or "0,3,5-7" against the cache's layers; throws InvalidArgument naming
/// the layer and the cache's layers when one is absent, or for malformed text.
std::vector<int> resolveLayers(const std::string& spec, const std::vector<int>& cacheLayers,
                               const std::string& cachePath);

/// Splits by question, trains one probe per layer in one streaming pass per epoch,
/// scores the held-out rollouts and computes AUROC (+ clustered bootstrap CI) at s_0 and s_T.
/// Throws like splitByQuestion / trainProbeGroups.
ProbeTrainResult trainValueProbes(const ActivationCacheReader& reader, const std::vector<int>& layers,
                                  const ProbeTrainOptions& options, const JobContext& job = {});

/// L1 norm of each input dimension's first-layer weights: score[j] = sum_h |w1[j, h]|, [dIn].
std::vector<double> l1DimensionScores(const ProbeWeights& weights);

/// Cache columns kept at prune ratio p: top round((1-p) d) dims by L1 score (ties -> lower
/// index), returned with their scores in rank order. Throws InvalidArgument for p outside [0,1).
struct NeuronSet {
    int layer = 0;
    double ratio = 0.0;
    std::int64_t dModel = 0;
    std::vector<std::int64_t> dims;   ///< cache columns, best first
    std::vector<double> scores;       ///< L1 score of each, same order
};
NeuronSet valueNeuronSet(const LayerProbe& probe, std::int64_t dModel, double ratio);

/// One point of a prune curve.
struct PrunePoint {
    double ratio = 0.0;
    std::int64_t kept = 0;
    ProbeEvaluation eval;
    std::vector<float> finalLoss;
};
struct PruneCurve {
    ProbeTrainOptions options;
    std::string cachePath;
    std::string modelFingerprint;
    std::int64_t dModel = 0;
    std::vector<double> ratios;
    std::vector<int> layers;
    std::vector<std::vector<PrunePoint>> points;  ///< [layer][ratio]
    double seconds = 0.0;
};

/// Prune curve: trains full probes (ratio 0), ranks dims by L1 score, then retrains FRESH
/// probes on the kept dims for every ratio > 0 in ONE further streaming pass per epoch (all
/// layers x ratios together; kept dims gathered once per batch per ratio).
/// Default ratios {0, 0.5, 0.8, 0.9, 0.95, 0.98, 0.99, 0.995}.
PruneCurve pruneCurve(const ActivationCacheReader& reader, const std::vector<int>& layers,
                      const std::vector<double>& ratios, const ProbeTrainOptions& options,
                      const JobContext& job = {});

/// JSON forms (schema in docs/RESULTS_FORMAT.md).
nlohmann::json neuronSetJson(const NeuronSet& set, const std::string& modelFingerprint, const std::string& cachePath,
                             const std::string& probesPath);
nlohmann::json pruneCurveJson(const PruneCurve& curve);
nlohmann::json bootstrapJson(const BootstrapInterval& ci);
/// CSV: layer,ratio,kept,auroc_s0,ci_low,ci_high,auroc_final,ci_low_final,ci_high_final,reason
std::string pruneCurveCsv(const PruneCurve& curve);

}  // namespace srs::core
