#pragma once
/// A workspace folder as `srs demo --out DIR` writes it (and as later commands add to it):
/// demo_summary.json, caches/*.h5, rollouts/*.jsonl, probes/*.h5, result JSON files
/// (prune curves, IoU, neuron sets, ...) and figures anywhere up to two levels down.
/// Qt-free; scanning only lists files (no HDF5 is opened).
#include <string>
#include <vector>

namespace srs::app::gui {

struct WorkspaceScan {
    std::string root;
    std::string modelDir;            ///< "" when none was found (see notes)
    std::vector<std::string> caches, rollouts, probes, analyses, figures;  ///< sorted absolute paths
    std::vector<std::string> notes;  ///< what could not be resolved, for the user
};

/// True for a folder holding demo_summary.json, or a caches/ or probes/ folder, and no
/// config.json (a model folder is not a workspace).
bool isWorkspaceDir(const std::string& dir);

/// Lists a workspace. The model is the summary's "model" when that folder exists (as
/// written, or relative to the workspace), else the bundled demo model when the summary
/// names one called "demo", else none. Throws InvalidArgument when `dir` is not a folder,
/// FormatError naming the file when demo_summary.json is not JSON.
WorkspaceScan scanWorkspace(const std::string& dir);

/// The probes file of `scan` whose name (stem) equals the cache's stem, or "".
std::string probesForCache(const WorkspaceScan& scan, const std::string& cachePath);

}  // namespace srs::app::gui
