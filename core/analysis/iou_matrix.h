#pragma once
/// Overlap of value-neuron sets across probe files (tasks and/or checkpoints of one base
/// model): for every ratio p and every pair of files, IoU of the layer's top-(1-p) dims,
/// the exact expected IoU of two independent uniform random sets of the same sizes
/// (hypergeometric) and the exact upper-tail p-value (core/stats/iou.h). Torch-free header.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/probe/probe_options.h"

namespace srs::core {

/// One pair (i < j) of files at one ratio.
struct IouPair {
    std::size_t i = 0, j = 0;
    std::size_t sizeA = 0, sizeB = 0, intersection = 0;
    double iou = 0.0;
    double expectedIou = 0.0;  ///< exact E[IoU] of independent uniform sets of sizes a, b of d
    double pValue = 1.0;       ///< P(|A ∩ B| >= observed) under that null, exact
    /// Both probes started from the same initial weights (sharesProbeInitialisation): their
    /// L1 rankings then mostly agree whatever they learned, so the IoU is inflated and the
    /// chance IoU / p-value (independent sets) do not apply.
    bool sharedInit = false;
};

/// Result of computeIouMatrix.
struct IouMatrix {
    int layer = 0;
    std::int64_t dModel = 0;
    std::vector<std::string> files;          ///< [files]
    std::vector<std::string> fingerprints;   ///< [files] model fingerprints
    std::vector<double> ratios;              ///< [ratios]
    std::vector<std::vector<IouPair>> pairs; ///< [ratios][pairs], pairs in (0,1), (0,2), ..., (1,2), ...
    std::vector<std::string> notes;          ///< e.g. different model fingerprints
    std::vector<std::uint64_t> seeds;        ///< [files] probe seeds (options_json "seed"); empty from sets
    std::vector<std::string> warnings;       ///< one per pair that shares its initialisation
    /// Symmetric [files][files] IoU matrix of ratio index r (diagonal 1).
    std::vector<std::vector<double>> matrix(std::size_t r) const;
};

/// Text of the shared-initialisation warning (docs/RESULTS_FORMAT.md, "srs iou").
inline constexpr const char* kSharedInitWarning =
    "IoU of probes that share their initialisation seed is inflated by the shared initial weights; train with "
    "different --seed to compare";

/// True when two full-state probes of one d_model start from identical first-layer weights:
/// the trainer seeds each layer's initialisation from (seed, layer) only, so this holds for
/// the same seed and the same architecture (both linear, or both MLPs (td or mc) with the
/// same hidden size), whatever the cache, method target, learning rate or epochs.
bool sharesProbeInitialisation(const ProbeTrainOptions& a, const ProbeTrainOptions& b);

/// Adds "probe_seed", "probe_method" and "probe_hidden" (the initialisation identity of the
/// probe a neuron set was ranked from) to a neuron-set JSON (`srs neurons`).
void addProbeInitJson(nlohmann::json& neuronSet, const ProbeTrainOptions& options);

/// Neuron sets given directly: sets[r][f] = cache columns of file f at ratio r, all < dModel.
/// Throws InvalidArgument for fewer than 2 files, mismatched shapes, a column >= dModel or a
/// repeated column (names the file and ratio).
IouMatrix computeIouMatrixFromSets(const std::vector<std::string>& files, std::int64_t dModel, int layer,
                                   const std::vector<double>& ratios,
                                   const std::vector<std::vector<std::vector<std::int64_t>>>& sets);

/// From probe files already read: valueNeuronSet(probe of `layer`, dModel, ratio) per file.
/// Throws Error when d_model differs (names both files and sizes), UnsupportedError when a
/// probe does not read the full state; InvalidArgument when a file has no probe for `layer`
/// (names the file and its layers), for a ratio outside [0, 1), or for fewer than 2 files. Different model fingerprints
/// are allowed and recorded in `notes` (cross-checkpoint comparison of one base model).
IouMatrix computeIouMatrix(const std::vector<std::string>& files, const std::vector<ProbeTrainResult>& probes,
                           int layer, const std::vector<double>& ratios);

/// JSON form (schema in docs/RESULTS_FORMAT.md, "srs iou").
nlohmann::json iouMatrixJson(const IouMatrix& m);
/// CSV: ratio,file_a,file_b,size_a,size_b,intersection,iou,expected_iou,p_value
std::string iouMatrixCsv(const IouMatrix& m);

}  // namespace srs::core
