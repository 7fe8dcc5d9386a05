#pragma once
/// Helpers shared by the CLI commands: runtime options, progress bar, JSON output.
#include <nlohmann/json.hpp>

#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "core/jobs/job.h"

namespace CLI {
class App;
}

namespace srs::app::cli {

/// --dtype / --device / --threads, accepted by every command that runs a model.
struct RuntimeOptions {
    std::string dtype = "float32";  ///< float32 | bfloat16
    std::string device = "cpu";     ///< cpu | cuda
    int threads = 0;                ///< 0 = OMP_NUM_THREADS or all cores
};
void addRuntimeOptions(CLI::App* app, RuntimeOptions& options);

/// A JobContext whose progress draws a bar with ETA on stderr (only when stderr is a
/// terminal, else a line every few seconds) and whose cancel token is set by Ctrl-C.
core::JobContext makeCliJob(bool quiet = false);

/// Prints one JSON document to stdout.
void printJson(const nlohmann::json& doc);

/// Parses "1,2,3" or "1 2 3" into ints; throws srs::InvalidArgument naming `what`.
std::vector<long long> parseIntList(const std::string& text, const std::string& what);

/// `--session FILE.srs.json`: the command appends itself to that session as one step.
void addSessionOption(CLI::App* app, std::string& sessionPath);

/// Records one finished command as a session step (docs/SESSION_FORMAT.md). Construct it
/// before the work (start time), call record() after the outputs are written. With an empty
/// session path it does nothing. The session file is created when absent; paths are stored
/// relative to its folder when inside it, else absolute; fingerprints are computed here.
class SessionRecorder {
public:
    explicit SessionRecorder(std::string sessionPath);
    /// `inputs` / `outputs`: (role, path); entries with an empty path are left out.
    /// `modelDir`: the model folder ("" = none). Throws srs::Error when the session file
    /// cannot be read or written (the command's own outputs are already in place).
    void record(const std::string& kind, const nlohmann::json& parameters,
                const std::vector<std::pair<std::string, std::string>>& inputs,
                const std::vector<std::pair<std::string, std::string>>& outputs, const std::string& modelDir = {},
                const std::string& device = "cpu", const std::string& dtype = "float32") const;

private:
    std::string m_path;
    std::string m_started;
};

}  // namespace srs::app::cli
