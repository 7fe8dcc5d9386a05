// srs inspect MODEL_DIR [--json]
#include <CLI/CLI.hpp>

#include <iostream>

#include "app/cli/cli_common.h"
#include "app/cli/command.h"
#include "core/model/model_inspect.h"

namespace srs::app::cli {
namespace {

struct InspectArgs {
    std::string modelDir;
    bool json = false;
};

RegisterCommand reg(10, [](CLI::App& root) {
    auto args = std::make_shared<InspectArgs>();
    CLI::App* sub = root.add_subcommand(
        "inspect", "Show a model folder's architecture, sizes, dtype, parameter count and hook names");
    sub->add_option("MODEL_DIR", args->modelDir, "Hugging Face model folder")->required();
    sub->add_flag("--json", args->json, "Print one JSON document");
    sub->callback([args] {
        const nlohmann::json summary = core::inspectModel(args->modelDir);
        if (args->json)
            printJson(summary);
        else
            std::cout << core::formatModelSummary(summary);
        for (const auto& w : summary["warnings"])
            std::cerr << "srs: warning: " << w.get<std::string>() << "\n";
    });
});

}  // namespace
}  // namespace srs::app::cli
