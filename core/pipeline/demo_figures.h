#pragma once
/// Figure steps of `srs demo`: one figure per view (probe-training, prune-curve,
/// ablation-heatmap, iou-matrix, dopamine-trace, confidence) as PDF and PNG in
/// <out>/figures/, each a `figure` session step rendered by srs-render exactly as `srs
/// replay` renders it. Skipped with a log line when srs-render is not found. Torch-free.
#include <filesystem>
#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/pipeline/demo_analyses.h"
#include "core/pipeline/demo_session.h"

namespace srs::core {

/// `first`: the family whose results are drawn; `ablation`: the ablation result ("" = none).
/// Returns the "figures" block of demo_summary.json.
nlohmann::json runDemoFigures(DemoSessionRunner& steps, const std::filesystem::path& out, const DemoFamily& first,
                              const std::filesystem::path& ablation,
                              const std::function<void(const std::string&)>& say);

}  // namespace srs::core
