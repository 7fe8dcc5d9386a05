#pragma once
/// Locating the bundled resources (benchmarks, demo model) at run time.
#include <filesystem>
#include <string>

namespace srs::core {

/// The resources directory, the first that exists of:
///   1. env SRS_RESOURCE_DIR (when set and non-empty; if it names no directory, throws:
///      a user who sets it means it),
///   2. next to the executable (/proc/self/exe): <exe>/../../resources (build tree,
///      binaries in build/bin), then <exe>/../share/srs-workbench/resources (installed),
///   3. the compile-time SRS_RESOURCE_DIR (the source tree).
/// Throws srs::FormatError listing every place looked at when none exists.
std::filesystem::path resourceDir();

/// resourceDir() / relative; throws srs::FormatError naming the full path when the file
/// does not exist.
std::filesystem::path resourcePath(const std::string& relative);

}  // namespace srs::core
