#pragma once
/// `srs capture`: teacher-forces each rollout (prompt + response) once and stores the chosen
/// hooks' activations at s_0 and along the response into an HDF5 activation cache
/// (METHOD.md, Pipeline step 2; layout docs/CACHE_FORMAT.md, positions capturePositions()).
///
/// The calling thread computes; a writer thread appends to the cache through a bounded
/// queue, so HDF5 writes (and f16/bf16 conversion) overlap the next forward. Commits happen
/// only at batch ends, so a killed run resumes at a batch boundary and — with the same
/// batch size — reproduces the uninterrupted cache exactly.
#include <cstdint>
#include <functional>
#include <string>

#include "core/jobs/job.h"
#include "core/pipeline/capture_plan.h"

namespace srs::core {

struct CaptureSummary {
    std::string path;              ///< the finished cache
    std::int64_t rollouts = 0;     ///< in this shard
    std::int64_t resumed = 0;      ///< already committed in a .partial and skipped
    std::int64_t rows = 0;
    std::int64_t tokens = 0;       ///< tokens teacher-forced by this run
    std::uint64_t expectedBytes = 0;
    double seconds = 0.0;          ///< wall time of the compute + write loop
    double computeSeconds = 0.0;   ///< forward + row extraction (calling thread)
    double writeSeconds = 0.0;     ///< appendRollout + commit (writer thread)
    double stallSeconds = 0.0;     ///< compute waiting for a full queue (writer behind)
};

/// Plans (planCapture), calls onPlan(plan) before any compute (the CLI prints the expected
/// size there), opens the writer (which refuses when the disk cannot hold the expected
/// size, or resumes a .partial), then runs. Reports phase "capture" in rollouts written;
/// polls cancellation between batches (throws Cancelled after the queued batches are
/// written and committed). Throws what planCapture and the writer throw; a failed write
/// (e.g. disk full) leaves only the resumable "<out>.partial", never a complete-looking file.
CaptureSummary runCapture(const CaptureOptions& options, const JobContext& job,
                          const std::function<void(const CapturePlan&)>& onPlan = {});

}  // namespace srs::core
