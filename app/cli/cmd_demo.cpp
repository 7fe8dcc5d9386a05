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
        "Run the pipeline and every analysis on the bundled demo model: rollouts, activation capture and value "
        "probes per task family, then prune curve, value neurons, IoU, routing, confidently-wrong mining, "
        "ablation, dopamine neurons and confidence signals (analyses/). Every step is recorded in "
        "<out>/demo.srs.json (srs replay --check re-runs it). Resumable: rerun to continue.");
    auto& o = args->options;
    sub->add_option("--out", o.outDir,
                    "Output folder (rollouts/, caches/, probes/, analyses/, figures/, demo.srs.json, demo_summary.json)")
        ->capture_default_str();
    sub->add_option("--model", o.modelDir, "Demo model folder (default: the bundled resources/demo)");
    sub->add_option("--limit", o.limit, "Questions per family (0 = all 200)")->capture_default_str();
    sub->add_option("--samples", o.samples, "Sampled responses per question")->capture_default_str();
    sub->add_option("--seed", o.seed, "Seed for sampling, split, probe initialisation and every analysis (family i's probes use "
                    "seed + i, the MC probes seed + number of families: no two probe files share their initial weights)")
        ->capture_default_str();
    sub->add_option("--max-new-tokens", o.maxNewTokens, "Response length cap")->capture_default_str();
    sub->add_option("--probe-epochs", o.probeEpochs, "Epochs of TD (and MC) probe training")->capture_default_str();
    sub->add_option("--probe-hidden", o.probeHidden, "Hidden units H of the value probes")->capture_default_str();
    sub->add_option("--bootstrap", o.bootstrap, "Bootstrap resamples of every CI")->capture_default_str();
    sub->add_flag("--no-probes", [args](std::int64_t) { args->options.probes = false; },
                  "Skip probe training (and the analyses)");
    sub->add_flag("--no-analyses", [args](std::int64_t) { args->options.analyses = false; },
                  "Stop after the probes (no prune curve, neurons, IoU, route, mining, ablation, dopamine, confidence)");
    sub->add_option("--prune-epochs", o.pruneEpochs, "Epochs of each prune-curve probe")->capture_default_str();
    sub->add_option("--prune-hidden", o.pruneHidden, "Hidden units of each prune-curve probe")->capture_default_str();
    sub->add_option("--neuron-ratio", o.neuronRatio,
                    "Value-neuron sets (neurons, IoU): the top (1 - ratio) of d_model dims")
        ->capture_default_str();
    sub->add_option("--ablate-family", o.ablateFamily, "Family of the ablation (default: the first; none = skip)");
    sub->add_option("--ablate-limit", o.ablateLimit, "Questions of the ablation (0 = --limit)")->capture_default_str();
    sub->add_option("--ablate-samples", o.ablateSamples, "Samples per question of the ablation")->capture_default_str();
    sub->add_option("--ablate-ratio", o.ablateRatio, "Ablated sets: round((1 - ratio) d_model) dims each")
        ->capture_default_str();
    sub->add_option("--mine-top", o.mineTop, "Confidently-wrong rollouts kept per family")->capture_default_str();
    sub->add_option("--dopamine-traces", o.dopamineTraces, "Dopamine traces per family")->capture_default_str();
    sub->add_option("--dopamine-candidates", o.dopamineCandidates, "Top-ranked dims fed to the dopamine MLP")
        ->capture_default_str();
    sub->add_option("--dopamine-epochs", o.dopamineEpochs, "Epochs of the dopamine MLP")->capture_default_str();
    sub->add_option("--verbal-template", o.verbalTemplate,
                    "Verbalized-confidence prompt: qa (the demo model's format), plain, chat, or text with {question}")
        ->capture_default_str();
    sub->add_flag("--no-figures", [args](std::int64_t) { args->options.figures = false; }, "No figure steps");
    sub->add_option("--threads", o.threads, "CPU threads (0 = OMP_NUM_THREADS or all cores; recorded resolved)");
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
                      << (args->options.outDir / "demo_summary.json").string()
                      << "; session: " << (args->options.outDir / "demo.srs.json").string() << "\n";
    });
});

}  // namespace
}  // namespace srs::app::cli
