#pragma once
/// Runs `srs demo`'s steps THROUGH the session step registry and records each one as it
/// ran (parameters, seeds, input / model / output fingerprints, times), so that the session
/// the demo writes (<out>/demo.srs.json) is by construction what was run and `srs replay
/// --check` re-runs the same code. Paths are stored relative to the session file's folder
/// when inside it (the output folder can be moved), else absolute. The session is saved
/// atomically after every step, so an interrupted demo leaves a valid session of the
/// finished steps.
///
/// Resume: a step whose kind, parameters, inputs (paths and fingerprints) and model match a
/// step of the session file already there, and whose outputs still have the recorded
/// fingerprints, is reused instead of re-run. Otherwise its existing outputs are removed
/// first (another configuration's), except the partial output of the same rollout / capture
/// step interrupted earlier (named by <out>/.demo-running.json), which its runner resumes.
/// Torch-free header.
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/jobs/job.h"
#include "core/session/session.h"
#include "core/session/step_registry.h"

namespace srs::core {

struct DemoStepSpec {
    std::string kind;
    std::string label;
    nlohmann::json parameters = nlohmann::json::object();
    std::vector<std::pair<std::string, std::filesystem::path>> inputs;   ///< (role, path)
    std::vector<std::pair<std::string, std::filesystem::path>> outputs;  ///< (role, path)
    std::filesystem::path modelDir;                                       ///< empty = none
};

class DemoSessionRunner {
public:
    /// `sessionFile`: where the session is saved; an existing file there is read for resume
    /// (ignored with a log line when unreadable).
    DemoSessionRunner(std::filesystem::path sessionFile, const StepRegistry& registry, const JobContext& job,
                      std::function<void(const std::string&)> log = {});

    /// Validates the parameters through the registry, runs (or reuses) the step, records it
    /// and saves the session. Returns the recorded step. Throws what the step throws.
    const SessionStep& run(const DemoStepSpec& spec);

    /// Appends a step that is recorded but not run (e.g. a figure without a renderer).
    const SessionStep& recordPending(const DemoStepSpec& spec, const std::string& note);

    /// Appends a `figure` step rendered now through srs-render (figure_step.h addFigureStep,
    /// exactly as `srs replay` renders it) and saves the session. Replaces `outPath`.
    const SessionStep& addFigure(const nlohmann::json& spec, const std::filesystem::path& dataPath,
                                 const std::filesystem::path& outPath, const std::string& label, int trace = -1);

    const Session& session() const { return m_session; }
    std::size_t reusedSteps() const { return m_reused; }
    /// Path text as stored in the session (relative to its folder when inside it).
    std::string stored(const std::filesystem::path& path) const;

private:
    SessionStep makeStep(const DemoStepSpec& spec);
    const SessionStep* reusable(const SessionStep& candidate) const;
    void save();

    std::filesystem::path m_file, m_base;
    const StepRegistry& m_registry;
    const JobContext& m_job;
    std::function<void(const std::string&)> m_log;
    Session m_session;
    Session m_previous;
    std::map<std::string, std::string> m_modelFingerprints;
    std::size_t m_reused = 0;
};

}  // namespace srs::core
