#pragma once
/// Builds the session step for a run that just happened (CLI `--session`, GUI actions): the
/// kind's seeds copied from its parameters, inputs/outputs with semantic fingerprints, the
/// model with its fingerprint, paths stored relative to `baseDir` when they lie inside it.
/// Torch-free header (the registry lookup lives in srs_core).
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/session/session.h"

namespace srs::core {

using StepPaths = std::vector<std::pair<std::string, std::string>>;  ///< role -> path

/// `id` and `status` are left for the caller; started = `started`, ended = now.
SessionStep recordStep(const std::string& kind, const nlohmann::json& parameters, const StepPaths& inputs,
                       const StepPaths& outputs, const std::string& modelDir, const std::string& baseDir,
                       const std::string& started);

}  // namespace srs::core
