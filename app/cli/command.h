#pragma once
/// Subcommand registration for the `srs` CLI. Each cmd_*.cpp registers itself with a
/// static RegisterCommand; main() builds the CLI11 app from the registry.
#include <functional>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace srs::app::cli {

/// `setup` adds one subcommand (with its callback) to the root app.
struct CommandEntry {
    int order;  ///< position in --help
    std::function<void(CLI::App& root)> setup;
};

std::vector<CommandEntry>& commandRegistry();

struct RegisterCommand {
    RegisterCommand(int order, std::function<void(CLI::App& root)> setup) {
        commandRegistry().push_back({order, std::move(setup)});
    }
};

}  // namespace srs::app::cli
