#pragma once
/// Plain data the plot views are fed with. Torch-free and Qt-free, so core analyses (or a
/// test) can fill them on any thread and hand them to the GUI thread by value. Nothing
/// here is computed by the views: curves, intervals, bins and statistics all come in
/// ready-made from core.
#include <cstdint>
#include <string>
#include <vector>

namespace srs::widgets {

/// One step of probe training for one layer (appended live while training runs).
struct TrainingPoint {
    int layer = 0;
    std::int64_t step = 0;
    double loss = 0.0;          ///< training loss at `step`
    double heldOutAuroc = -1.0; ///< held-out AUROC at `step`; < 0 = not evaluated at this step
};

/// AUROC as a function of pruning ratio for one (layer, method) pair. All vectors [points].
struct PruneCurve {
    int layer = 0;
    std::string method;            ///< e.g. "magnitude", "random"
    std::vector<double> ratio;     ///< pruning ratio in [0, 1) (fraction removed)
    std::vector<double> auroc;
    std::vector<double> ciLow;     ///< lower CI bound, same length as auroc (may be empty)
    std::vector<double> ciHigh;    ///< upper CI bound (may be empty)
};

struct PruneCurveData {
    std::vector<PruneCurve> curves;
};

/// Ablation sweep: accuracy after ablating each layer's neuron set under each condition.
/// All grids are row-major [layers.size() x conditions.size()].
struct AblationData {
    std::vector<int> layers;
    std::vector<std::string> conditions;
    std::vector<double> accuracy;     ///< accuracy after ablation, in [0, 1]
    std::vector<double> delta;        ///< accuracy change vs. the unablated baseline
    std::vector<double> ciLow;        ///< CI of the accuracy
    std::vector<double> ciHigh;
};

/// IoU of neuron sets between labelled items (layers, seeds, tasks) at several ratios.
struct IouMatrixData {
    std::vector<std::string> labels;            ///< [n]
    std::vector<double> ratios;                 ///< [r] pruning ratios
    std::vector<std::vector<double>> iou;       ///< [r][n*n] row-major
    std::vector<double> chanceIou;              ///< [r] expected IoU of random sets
};

/// One generated response: its tokens, the value estimate V(s_t) and TD error delta_t per
/// token, and optionally the activations of a few chosen neurons. All per-token vectors
/// have the same length [tokens].
struct DopamineTraceData {
    std::vector<std::string> tokens;   ///< decoded token text (UTF-8)
    std::vector<int> tokenIds;
    std::vector<double> value;         ///< V(s_t)
    std::vector<double> delta;         ///< delta_t
    std::vector<std::string> neuronNames;            ///< [k], e.g. "L12 #3071"
    std::vector<std::vector<double>> activations;    ///< [k][tokens]
};

/// One reliability-diagram bin (as computed by core/stats/calibration).
struct ReliabilityPoint {
    double meanPredicted = 0.0;
    double observedRate = 0.0;
    std::int64_t count = 0;
};

/// One confidence signal compared against correctness.
struct ConfidenceSignal {
    std::string name;
    std::vector<double> score;       ///< [samples] the signal, scaled to [0, 1]
    std::vector<int> correct;        ///< [samples] 0/1
    std::vector<ReliabilityPoint> reliability;
    double spearman = 0.0;
    double spearmanP = 1.0;
    double auroc = 0.5;
    double aurocLow = 0.5;
    double aurocHigh = 0.5;
    double ece = 0.0;
};

struct ConfidenceData {
    std::vector<ConfidenceSignal> entries;  ///< one per signal ("signals" is a Qt macro)
};

}  // namespace srs::widgets
