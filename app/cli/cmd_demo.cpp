// srs demo [--out DIR] — the whole pipeline on the bundled demo model.
#include <CLI/CLI.hpp>

#include <iostream>

#include "app/cli/cli_common.h"
#include "app/cli/command.h"
#include "core/model/runtime.h"
#include "core/pipeline/demo_pipeline.h"

namespace srs::app::cli {
namespace {

struct DemoArgs {
    core::DemoOptions options;
    bool json = false;
    bool quiet = false;
};

RegisterCommand reg(5, [](CLI::App& root) {
    auto args = std::make_shared<DemoArgs>();
    CLI::App* sub = root.add_subcommand(
        "demo",
        "Run the pipeline end to end on the bundled demo model: rollouts on every task family, "
        "activation capture, value probes on every layer. Resumable: rerun to continue.");
    auto& o = args->options;
    sub->add_option("--out", o.outDir, "Output folder (rollouts/, caches/, probes/, demo_summary.json)")
        ->capture_default_str();
    sub->add_option("--model", o.modelDir, "Demo model folder (default: the bundled resources/demo)");
    sub->add_option("--limit", o.limit, "Questions per family (0 = all 200)")->capture_default_str();
    sub->add_option("--samples", o.samples, "Sampled responses per question")->capture_default_str();
    sub->add_option("--seed", o.seed, "Seed for sampling, split and probe initialisation")->capture_default_str();
    sub->add_option("--max-new-tokens", o.maxNewTokens, "Response length cap")->capture_default_str();
    sub->add_option("--probe-epochs", o.probeEpochs, "Epochs of TD probe training")->capture_default_str();
    sub->add_flag("--no-probes", [args](std::int64_t) { args->options.probes = false; }, "Skip probe training");
    sub->add_option("--threads", o.threads, "CPU threads (0 = OMP_NUM_THREADS or all cores)");
    sub->add_flag("--json", args->json, "Print the summary as one JSON document");
    sub->add_flag("-q,--quiet", args->quiet, "No progress bar");
    sub->callback([args] {
        core::configureThreads(args->options.threads);
        core::JobContext job = makeCliJob(args->quiet);
        auto summary = core::runDemo(args->options, job, [](const std::string& line) { std::cerr << line << "\n"; });
        if (args->json)
            printJson(summary);
        else
            std::cout << "demo finished in " << static_cast<int>(summary["seconds"].get<double>()) << " s; summary: "
                      << (args->options.outDir / "demo_summary.json").string() << "\n";
    });
});

}  // namespace
}  // namespace srs::app::cli
