#pragma once
/// Torch-free summary of a model folder (what `srs inspect` prints). Safe to include
/// from Qt translation units.
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

namespace srs::core {

/// Architecture, sizes, dtype, parameter count, hook names. Throws srs::Error.
nlohmann::json inspectModel(const std::filesystem::path& dir);
/// Human-readable text of an inspectModel() document.
std::string formatModelSummary(const nlohmann::json& summary);
/// inspectModel + formatModelSummary.
std::string inspectModelText(const std::filesystem::path& dir);

}  // namespace srs::core
