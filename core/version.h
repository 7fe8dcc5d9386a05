#pragma once
#include <string>

namespace srs {
/// Software version string (from CMake's project version).
std::string versionString();
}  // namespace srs
