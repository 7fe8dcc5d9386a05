// srs — headless SRS Workbench. Exit codes: 0 ok, 1 error, 2 usage, 130 cancelled.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <iostream>

#include "app/cli/command.h"
#include "core/error.h"
#include "core/version.h"

namespace srs::app::cli {
std::vector<CommandEntry>& commandRegistry() {
    static std::vector<CommandEntry> registry;
    return registry;
}
}  // namespace srs::app::cli

int main(int argc, char** argv) {
    using namespace srs::app::cli;
    CLI::App app{"srs — SRS Workbench command line: find and test the sparse reward subsystem "
                 "(value and dopamine neurons) inside LLMs.",
                 "srs"};
    app.set_version_flag("--version", srs::versionString());
    app.require_subcommand(1);
    app.fallthrough(false);
    auto& registry = commandRegistry();
    std::stable_sort(registry.begin(), registry.end(),
                     [](const CommandEntry& a, const CommandEntry& b) { return a.order < b.order; });
    for (auto& entry : registry) entry.setup(app);
    try {
        app.parse(argc, argv);
    } catch (const CLI::Success& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        app.exit(e);
        return 2;
    } catch (const srs::Cancelled&) {
        std::cerr << "srs: cancelled\n";
        return 130;
    } catch (const srs::InvalidArgument& e) {
        std::cerr << "srs: usage error: " << e.what() << "\n";
        return 2;
    } catch (const srs::Error& e) {
        std::cerr << "srs: error: " << e.what() << "\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "srs: error: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
