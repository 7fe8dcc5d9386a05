#pragma once
/// Helpers shared by the CLI commands: runtime options, progress bar, JSON output.
#include <nlohmann/json.hpp>

#include <string>
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

}  // namespace srs::app::cli
