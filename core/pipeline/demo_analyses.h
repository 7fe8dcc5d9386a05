#pragma once
/// The analyses step of `srs demo` (demo_pipeline.h): prune curve, value neurons, IoU across
/// families, routing, confidently-wrong mining, MC probes + ablation, dopamine, confidence,
/// each run through the session step registry by DemoSessionRunner. Torch-free header.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/jobs/job.h"
#include "core/pipeline/demo_pipeline.h"
#include "core/pipeline/demo_session.h"

namespace srs::core {

/// One family's files once its probes are trained.
struct DemoFamily {
    std::string name;
    std::filesystem::path data, rollouts, cache, probes;
    int bestLayer = 0;          ///< highest held-out AUROC of V(s_0)
    std::int64_t dModel = 0;
    std::vector<int> layers;    ///< cached layers
    /// Seed of the family's TD probes (split, initialisation, bootstrap): the demo seed plus
    /// the family's index, so that no two families' probes share their initial weights (a
    /// shared initialisation inflates the cross-family IoU, see `srs iou`).
    std::uint64_t probeSeed = 0;
};
struct DemoFamilyFiles {
    std::vector<DemoFamily> families;
};

struct DemoAnalysisContext {
    const DemoOptions& options;
    std::filesystem::path out;       ///< absolute output folder
    std::filesystem::path modelDir;  ///< absolute
    std::string templ;               ///< the rollouts' prompt template
    int threads = 1;                 ///< resolved thread count (recorded)
    const DemoFamilyFiles& files;
    std::function<const SessionStep&(const DemoStepSpec&)> run;
    std::function<void(const std::string&)> say;
    std::function<std::string(const std::filesystem::path&)> stored;  ///< path text as the session stores it
    const JobContext& job;
};

/// Runs every analysis; returns the "analyses" block of demo_summary.json (files + headline
/// numbers read back from the results).
nlohmann::json runDemoAnalyses(const DemoAnalysisContext& ctx);

}  // namespace srs::core
