#include "core/version.h"

namespace srs {
std::string versionString() { return SRS_VERSION; }
}  // namespace srs
