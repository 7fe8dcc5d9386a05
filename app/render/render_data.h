#pragma once
/// The data of a figure from a result file on disk, by view (app/gui/result_loaders.h).
#include <string>

#include "widgets/figure_render.h"
#include "widgets/figure_spec.h"

namespace srs::app::render {

/// Reads `path` with the loader of `view`: probe-training = probes .h5, prune-curve =
/// `srs probe prune-curve --out` JSON, iou-matrix = `srs iou --json`, ablation-heatmap =
/// `srs ablate --out`, dopamine-trace = trace `trace` of `srs dopamine --out`, confidence =
/// `srs confidence --out`. Throws srs::FormatError naming the file and the field when the
/// file is not what the view needs (InvalidArgument for a trace index out of range).
widgets::FigureData loadFigureData(widgets::FigureView view, const std::string& path, int trace);

}  // namespace srs::app::render
