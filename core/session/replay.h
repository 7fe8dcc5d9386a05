#pragma once
/// Headless replay of a session (`srs replay`): re-runs its steps in order into a fresh
/// output folder, remapping every recorded output to <outDir>/<step id>/<file name> and
/// every input that was an earlier step's output to its new place; optionally compares
/// each new output's semantic fingerprint (fingerprint.h) with the recorded one.
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "core/jobs/job.h"
#include "core/session/session.h"
#include "core/session/step_registry.h"

namespace srs::core {

struct ReplayOptions {
    std::filesystem::path outDir;   ///< created if absent
    std::filesystem::path baseDir;  ///< relative recorded paths resolve against it (the session file's folder)
    std::string fromStep;           ///< first step to re-run ("" = the first); earlier ones are reused
    bool check = false;             ///< compare output fingerprints
    bool force = false;             ///< replace outputs that exist in outDir
};

struct ReplayMismatch {
    std::string stepId, role, path, expected, got;
};

struct ReplayStepResult {
    std::string stepId, kind;
    std::string status;   ///< "ran" | "reused" (before --from) | "not-runnable"
    std::string message;  ///< why not runnable
    double seconds = 0.0;
};

struct ReplayReport {
    std::vector<ReplayStepResult> steps;
    std::vector<ReplayMismatch> mismatches;  ///< only with check
    std::size_t checkedOutputs = 0;          ///< outputs compared (recorded fingerprint present)
    std::size_t notRunnable = 0;
    Session replayed;                        ///< the re-run as a session (new outputs + fingerprints)
};

/// Where replay writes output `ref` of `step`: outDir/<step id>/<file name of ref.path>.
std::filesystem::path replayOutputPath(const std::filesystem::path& outDir, const SessionStep& step,
                                       const FileRef& ref);

/// Validates the session against `registry` (unknown kinds, bad parameters), then checks
/// every input that is not produced by a re-run step, and every model: a missing file or a
/// changed fingerprint is reported by step, role, path and fingerprints (all problems in one
/// srs::Error). Then runs the steps, reporting phase "replay" per step; steps without a
/// headless runner are reported (status "not-runnable"), never silently skipped. Throws
/// Error naming the step when a step fails, Cancelled when cancelled, Error when an output
/// exists and !force. `log` receives one human-readable line per event.
ReplayReport replaySession(const Session& session, const StepRegistry& registry, const ReplayOptions& options,
                           const JobContext& job, const std::function<void(const std::string&)>& log = {});

}  // namespace srs::core
