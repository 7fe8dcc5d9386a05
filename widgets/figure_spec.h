#pragma once
/// A figure as data: which view, its parameters, the export settings and the provenance.
/// A session records it as a step and `renderFigure` (figure_render.h) draws it headless.
/// JSON layout: docs/GUI.md, "Figure specs".
#include <string>

#include "widgets/plot_export.h"

namespace srs::widgets {

enum class FigureView { ProbeTraining, PruneCurve, AblationHeatmap, IouMatrix, DopamineTrace, Confidence };

/// "probe-training", "prune-curve", "ablation-heatmap", "iou-matrix", "dopamine-trace",
/// "confidence".
std::string figureViewName(FigureView view);
/// Inverse of figureViewName; throws srs::InvalidArgument listing the known names.
FigureView figureViewFromName(const std::string& name);

/// View parameters; each applies to the view named in its comment and is ignored (and not
/// written to JSON) for the others.
struct FigureParams {
    bool logFractionKept = false;    ///< prune-curve: x = fraction kept on a log axis
    double ratio = -1.0;             ///< iou-matrix: pruning ratio shown (one of the data's); < 0 = first
    std::string colorBy = "delta";   ///< dopamine-trace: "delta" or a neuron name (its activation is plotted too)
    int firstToken = 0;              ///< dopamine-trace: first token plotted
    int lastToken = -1;              ///< dopamine-trace: last token plotted (inclusive); -1 = the last one
    std::string signal;              ///< confidence: signal name; empty = the first
    std::string plot = "reliability";  ///< confidence: "reliability" or "scatter"
};

struct FigureExportSettings {
    ExportFormat format = ExportFormat::Pdf;
    PaperPreset preset = PaperPreset::SingleColumn;
    double widthInches = 3.5;        ///< the preset's width unless set otherwise
    double heightInches = 2.5;
    int dpi = 300;                   ///< PNG only
    std::string fontFamily = "DejaVu Sans";
    int fontPointSize = 8;
    std::string palette = "okabe-ito";  ///< the only palette every view draws with
    bool csv = false;                ///< also write the data as CSV next to the figure
};

struct FigureSpec {
    static constexpr int kVersion = 1;
    FigureView view = FigureView::PruneCurve;
    FigureParams params;
    FigureExportSettings exportSettings;
    FigureProvenance provenance;
};

/// Pretty JSON (2-space indent, keys sorted; only the view's own parameters).
std::string figureSpecToJson(const FigureSpec& spec);
/// Parses and checks a spec. Throws srs::FormatError naming `where` and the field for bad
/// JSON, a wrong type, an unknown key, a version newer than kVersion, a width that
/// contradicts the preset, or an unknown palette.
FigureSpec figureSpecFromJson(const std::string& json, const std::string& where);

/// The ExportOptions of a spec (title = the view name, provenance included).
ExportOptions exportOptionsOf(const FigureSpec& spec, bool overwrite);

}  // namespace srs::widgets
