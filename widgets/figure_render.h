#pragma once
/// Headless figure rendering: a FigureSpec plus the plain data of its view -> a file.
/// Needs a QApplication (QT_QPA_PLATFORM=offscreen is enough); GUI thread only.
#include <QString>
#include <variant>
#include <vector>

#include "widgets/figure_spec.h"
#include "widgets/view_data.h"

namespace srs::widgets {

/// The data of one view; the alternative must match FigureSpec::view.
using FigureData = std::variant<std::vector<TrainingPoint>, PruneCurveData, AblationData, IouMatrixData,
                                DopamineTraceData, ConfidenceData>;

/// The view a FigureData alternative feeds.
FigureView figureViewOf(const FigureData& data);

/// Builds the spec's view offscreen, feeds it `data`, applies the view parameters and
/// exports to `outPath` (format from the spec) with the spec's provenance; with
/// spec.exportSettings.csv also writes the data as CSV next to it (same base name, .csv).
/// Deterministic: the same spec + data give byte-identical files. Throws
/// srs::InvalidArgument when the data is for another view, is empty, or a parameter
/// names something the data lacks (a ratio, neuron or signal; the message lists what
/// exists), srs::Error when a file exists and !overwrite or writing fails.
void renderFigure(const FigureSpec& spec, const FigureData& data, const QString& outPath,
                  bool overwrite = false);

}  // namespace srs::widgets
