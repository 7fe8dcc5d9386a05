#pragma once
/// Core result files -> the plain structs the views draw (widgets/view_data.h). Qt-free
/// and torch-free: each loader reads one file format of docs/RESULTS_FORMAT.md, or
/// converts a core result struct, so jobs can fill a view from a fresh result or from a
/// file on disk with the same code. Every loader throws srs::FormatError naming the file
/// and the field when the file is not what it should be.
#include <cstdint>
#include <string>
#include <vector>

#include "widgets/view_data.h"

namespace srs::core {
struct ProbeTrainResult;
struct PruneCurve;
struct IouMatrix;
}  // namespace srs::core

namespace srs::app::gui {

/// Optimiser steps of one epoch of the probes in `r` (ceil(train rollouts / batch)).
std::int64_t stepsPerEpoch(const core::ProbeTrainResult& r);

/// Training curves of a probes file: one point per (layer, epoch) at step
/// (epoch+1) * stepsPerEpoch with that epoch's mean training loss; the last epoch's point
/// also carries the held-out AUROC of V(s_0) (-1 when undefined).
std::vector<widgets::TrainingPoint> trainingPoints(const core::ProbeTrainResult& r);
/// readProbeFile(path) + trainingPoints().
std::vector<widgets::TrainingPoint> loadTrainingPoints(const std::string& probesPath);

/// One curve per layer (method from the options): AUROC of V(s_0) and its CI per ratio;
/// an undefined AUROC is NaN (a gap in the plot).
widgets::PruneCurveData pruneCurveData(const core::PruneCurve& curve);
/// The JSON of `srs probe prune-curve --out` ("format": "srs-prune-curve").
widgets::PruneCurveData loadPruneCurve(const std::string& jsonPath);

/// Labels = file names without folder and extension; chance IoU per ratio = the mean of
/// the pairs' exact expected IoU.
widgets::IouMatrixData iouMatrixData(const core::IouMatrix& m);
/// The JSON of `srs iou --json` ("kind": "srs-iou").
widgets::IouMatrixData loadIouMatrix(const std::string& jsonPath);

/// A neuron set ready for the playground: dims of a layer's residual stream.
struct NeuronSelection {
    int layer = 0;
    double ratio = 0.0;
    std::int64_t dModel = 0;
    std::vector<std::int64_t> dims;  ///< best first
    std::string source;              ///< file it came from
    /// "blocks.<layer>.hook_<kind>" (kind = the probes' hook, resid_post by default).
    std::string hook;
    /// "3,17,42" (what the playground's dims field takes).
    std::string dimsText() const;
};
/// The set valueNeuronSet() gives for `layer` at `ratio` from probes already read.
/// Throws InvalidArgument naming the file and its layers when `layer` is absent.
NeuronSelection neuronSelection(const core::ProbeTrainResult& probes, const std::string& probesPath, int layer,
                                double ratio);
/// The JSON of `srs neurons --out` ("format": "srs-neuron-set").
NeuronSelection loadNeuronSet(const std::string& jsonPath);

/// The JSON of `srs ablate --out` ("format": "srs-ablation"): layers and conditions in the
/// order of the file's cells (layer-major), one cell each; accuracy with its Wilson CI and
/// delta = diff_vs_baseline. A missing or repeated (layer, condition) cell is a FormatError.
widgets::AblationData loadAblationResult(const std::string& path);

/// The neuron set an ablation result zeroed for (layer, condition): its "sets" entry,
/// dims in construction order, hook = blocks.<layer>.hook_<settings.hook>. Throws
/// InvalidArgument when the file has no such set.
NeuronSelection loadAblationSet(const std::string& path, int layer, const std::string& condition);

/// One exported trace of a dopamine result (for a trace picker).
struct DopamineTraceInfo {
    int index = 0;
    std::int64_t rollout = 0;
    std::string questionId;
    int sampleIndex = 0;
    double reward = 0.0;
    std::string split;
    std::size_t tokens = 0;
};
/// The traces of a dopamine result, in file order (empty when it exported none).
std::vector<DopamineTraceInfo> listDopamineTraces(const std::string& path);
/// Trace `traceIndex` of `srs dopamine --out` ("format": "srs-dopamine"): tokens, ids,
/// V(s_t), delta_t and the z-scored activations of its neurons (names as in the file,
/// "L3 #517"); null numbers become NaN. Throws InvalidArgument when the index is out of
/// range (naming the count), FormatError for a malformed trace.
widgets::DopamineTraceData loadDopamineTrace(const std::string& path, int traceIndex);

/// The JSON of `srs confidence --out` ("format": "srs-confidence"): one ConfidenceSignal
/// per signal, in file order. Per rollout of every question with a value for the signal:
/// score = the question's value, correct = reward > 0.5 (what the file's AUROC uses; the
/// number of rollouts must equal the signal's "rollouts"). A non-probability signal
/// (question_length) is min-max scaled to [0, 1] over its questions for the scatter (0.5
/// when all are equal). Reliability bins, Spearman, AUROC + CI and ECE as in the file
/// (null -> NaN).
widgets::ConfidenceData loadConfidenceResult(const std::string& path);

/// What a result JSON holds, from its "format"/"kind" field.
enum class ResultKind {
    Unknown,
    PruneCurve,  ///< srs-prune-curve
    Iou,         ///< srs-iou
    NeuronSet,   ///< srs-neuron-set
    Ablation,    ///< srs-ablation
    Dopamine,    ///< srs-dopamine
    Confidence,  ///< srs-confidence
};
/// Reads only the top-level format marker; Unknown for any other JSON. Throws FormatError
/// when the file is not JSON.
ResultKind detectResultKind(const std::string& jsonPath);

}  // namespace srs::app::gui
