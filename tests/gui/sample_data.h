#pragma once
// Synthetic inputs for the view tests (shapes only; nothing here is a result).
#include <cmath>
#include <string>

#include "widgets/view_data.h"

namespace srs::test {

inline widgets::PruneCurveData samplePruneCurves() {
    widgets::PruneCurveData d;
    for (int layer : {4, 12}) {
        widgets::PruneCurve c;
        c.layer = layer;
        c.method = layer == 4 ? "magnitude" : "random";
        for (double r : {0.0, 0.5, 0.9, 0.99}) {
            c.ratio.push_back(r);
            const double a = 0.9 - 0.2 * r * (layer == 4 ? 0.5 : 1.0);
            c.auroc.push_back(a);
            c.ciLow.push_back(a - 0.03);
            c.ciHigh.push_back(a + 0.03);
        }
        d.curves.push_back(c);
    }
    return d;
}

inline widgets::AblationData sampleAblation() {
    widgets::AblationData d;
    d.layers = {2, 8, 14};
    d.conditions = {"value set", "random set", "dopamine set"};
    for (size_t i = 0; i < 9; ++i) {
        const double delta = (static_cast<double>(i) - 4.0) * 0.05;
        d.delta.push_back(delta);
        d.accuracy.push_back(0.6 + delta);
        d.ciLow.push_back(0.55 + delta);
        d.ciHigh.push_back(0.65 + delta);
    }
    return d;
}

inline widgets::IouMatrixData sampleIou() {
    widgets::IouMatrixData d;
    d.labels = {"seed 0", "seed 1", "seed 2"};
    d.ratios = {0.5, 0.9};
    d.chanceIou = {0.333, 0.053};
    d.iou = {{1, 0.6, 0.5, 0.6, 1, 0.55, 0.5, 0.55, 1}, {1, 0.3, 0.2, 0.3, 1, 0.25, 0.2, 0.25, 1}};
    return d;
}

inline widgets::DopamineTraceData sampleTrace(int n) {
    widgets::DopamineTraceData d;
    d.neuronNames = {"L12 #3071", "L13 #17"};
    d.activations.resize(2);
    for (int i = 0; i < n; ++i) {
        d.tokens.push_back(i % 17 == 16 ? "\n" : (i % 3 == 0 ? " step" : " 42"));
        d.tokenIds.push_back(1000 + i % 50);
        d.value.push_back(0.5 + 0.4 * std::sin(i * 0.05));
        d.delta.push_back(0.1 * std::cos(i * 0.3));
        d.activations[0].push_back(std::sin(i * 0.1));
        d.activations[1].push_back(-std::sin(i * 0.2));
    }
    return d;
}

inline widgets::ConfidenceData sampleConfidence() {
    widgets::ConfidenceData d;
    for (int s = 0; s < 2; ++s) {
        widgets::ConfidenceSignal sig;
        sig.name = s == 0 ? "value probe" : "mean token log-prob";
        for (int i = 0; i < 40; ++i) {
            sig.score.push_back((i % 10) / 9.0);
            sig.correct.push_back((i % 10) >= 5 ? 1 : 0);
        }
        sig.reliability = {{0.1, 0.05, 10}, {0.4, 0.35, 10}, {0.6, 0.7, 10}, {0.9, 0.95, 10}};
        sig.spearman = 0.8;
        sig.auroc = 0.9;
        sig.aurocLow = 0.85;
        sig.aurocHigh = 0.95;
        d.entries.push_back(sig);
    }
    return d;
}

}  // namespace srs::test
