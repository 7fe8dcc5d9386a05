#pragma once
/// The `figure` step kind: an exported figure as a replayable session step.
///
/// Parameters (docs/SESSION_FORMAT.md, "Figure steps"):
///   "spec"       the figure spec (docs/GUI.md, "Figure specs") without "provenance":
///                version, view, params, export
///   "data"       the input role holding the result file the view draws (default "data")
///   "trace"      dopamine-trace only: which trace of the data file (default 0)
///   "session_id" the session the figure belongs to (written into its provenance)
///   "regenerate" the command that regenerates it, "srs replay FILE --from STEP"
/// Inputs: the data file under its role (often an earlier step's output, so replay remaps
/// it). Outputs: "figure" (the .pdf/.svg/.png) and, when spec.export.csv, "csv".
///
/// Core stays Qt-free: the step runs the `srs-render` executable (app/render) as a
/// subprocess, handing it the spec with the provenance filled in: session id, step id,
/// the fingerprints of the inputs (by role), the regenerate command, the software version
/// and the step's start time. Torch-free header.
#include <string>

#include <nlohmann/json.hpp>

#include "core/jobs/job.h"
#include "core/session/session.h"
#include "core/session/step_registry.h"

namespace srs::core {

/// Registers the runnable "figure" kind (replaces any earlier registration).
void registerFigureStep(StepRegistry& registry);

/// The srs-render executable: env SRS_RENDER when set and non-empty (it must name an
/// executable file, else Error naming it), otherwise "srs-render" next to the running
/// executable (/proc/self/exe). Throws Error naming every place looked at when none exists.
std::string findRenderExecutable();

/// A minimal figure spec for `view` ("prune-curve", "probe-training", "iou-matrix",
/// "ablation-heatmap", "dopamine-trace", "confidence") exported as `format` ("pdf", "svg",
/// "png") with the spec defaults (single column, 3.5 x 2.5 in, 300 dpi, DejaVu Sans 8 pt).
nlohmann::json basicFigureSpec(const std::string& view, const std::string& format);

struct FigureStepOptions {
    /// The session's file. Stored paths are relative to its folder when inside it (as the
    /// CLI's --session does), and the regenerate command names its file name. Empty: paths
    /// are stored as given and the command names "<session name>.srs.json".
    std::string sessionFile;
    std::string dataRole = "data";  ///< input role of the data file
    int trace = -1;                 ///< dopamine-trace: trace index (-1 = not recorded, i.e. 0)
    std::string label;              ///< step label, e.g. "Figure 3"
    std::string note;
    bool force = false;             ///< replace an existing output file
    bool render = true;             ///< false: record only (output fingerprint left empty)
};

/// Appends a `figure` step to `session` and renders it now through srs-render, exactly as
/// `srs replay` will (so the recorded fingerprints match a replay). `spec`: a figure spec
/// object (figure_spec.h layout; a "provenance" member is dropped, the step fills it in);
/// `dataPath`: the result file the view draws; `outPath`: the figure file (its suffix must
/// be the spec's export format). Records the data file's and the outputs' fingerprints,
/// start and end time. Does not save the session (the caller writes it). Returns the new
/// step's id. Throws InvalidArgument for a bad spec / suffix, Error when outPath exists and
/// !force, or when srs-render fails (its message included); `session` is then unchanged.
std::string addFigureStep(Session& session, const nlohmann::json& spec, const std::string& dataPath,
                          const std::string& outPath, const FigureStepOptions& options = {},
                          const JobContext& job = JobContext{});

}  // namespace srs::core
