#pragma once
/// The probes results file (HDF5, readable by h5py; schema: docs/RESULTS_FORMAT.md,
/// format "srs-probes" version 1): options, split, per-layer weights, held-out scores and
/// AUROCs. Written atomically (temporary name + fsync + rename).
#include <string>

#include "core/probe/probe_options.h"

namespace srs::core {

inline constexpr int kProbeFileVersion = 1;

/// Writes `result` to `path`. Throws Error naming the path when it exists and !overwrite,
/// FormatError for HDF5 failures.
void writeProbeFile(const std::string& path, const ProbeTrainResult& result, bool overwrite);

/// Reads a probes file. Throws FormatError naming the file and the missing/misshapen
/// object (e.g. "layers/layer_03/w1 has shape [10, 4], expected [896, 1024]"),
/// UnsupportedError for another format version.
ProbeTrainResult readProbeFile(const std::string& path);

}  // namespace srs::core
