// srs demo-model train --out DIR [--seed S] [--steps N] [--minutes M] [--force]
// srs demo-model eval DIR [--samples K] [--seed S] [--limit N] [--record] [--json]
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <iostream>

#include "app/cli/cli_common.h"
#include "app/cli/command.h"
#include "core/error.h"
#include "core/pipeline/demo_eval.h"
#include "core/pipeline/demo_trainer.h"

namespace srs::app::cli {
namespace {

struct TrainArgs {
    core::DemoTrainOptions options;
    std::string out;
    bool json = false;
};

struct EvalArgs {
    std::string dir;
    core::DemoEvalOptions options;
    bool record = false, json = false;
};

void runTrain(TrainArgs& args) {
    args.options.outDir = args.out;
    core::DemoTrainer trainer(args.options);
    auto job = makeCliJob(false);
    auto r = trainer.run(&job);
    nlohmann::json doc{{"out", r.outDir.string()},          {"steps", r.steps},
                       {"stopped_by_time", r.stoppedByTime}, {"tokens", r.tokens},
                       {"loss_tokens", r.lossTokens},        {"seconds", r.seconds},
                       {"final_loss", r.finalLoss},          {"parameters", r.parameters},
                       {"threads", r.threads}};
    if (args.json) {
        printJson(doc);
    } else {
        std::cout << fmt::format("wrote {}: {} steps{}, {} tokens, {:.0f} s, final loss {:.4f}, {} parameters\n",
                                 r.outDir.string(), r.steps, r.stoppedByTime ? " (stopped by --minutes)" : "",
                                 r.tokens, r.seconds, r.finalLoss, r.parameters);
    }
}

void runEval(const EvalArgs& args) {
    auto job = makeCliJob(false);
    auto result = core::evaluateDemoModel(args.dir, args.options, &job);
    auto doc = core::demoEvalToJson(result);
    if (args.record) core::recordDemoEval(args.dir, doc);
    if (args.json) {
        printJson(doc);
        return;
    }
    std::cout << fmt::format("{:<8}{:>10}{:>10}{:>10}{:>8}\n", "family", "sampled%", "greedy%", "mixed%", "items");
    for (const auto& f : result.families)
        std::cout << fmt::format("{:<8}{:>10.1f}{:>10.1f}{:>10.1f}{:>8}\n", f.family, f.sampledAccuracy(),
                                 f.greedyAccuracy(), f.mixedShare(), f.questions);
}

RegisterCommand reg(80, [](CLI::App& root) {
    CLI::App* demo = root.add_subcommand("demo-model", "Train or evaluate the bundled demo model");
    demo->require_subcommand(1);

    auto train = std::make_shared<TrainArgs>();
    // The shipped model's recipe (resources/demo/MODEL_CARD.md); sized for a shared 2-core box.
    train->options.shape.dModel = 128;
    train->options.shape.mlp = 384;
    train->options.steps = 850;
    train->options.batch = 48;
    CLI::App* t = demo->add_subcommand(
        "train", "Train the demo Qwen2 model on synthetic word problems (CPU, libtorch) and write a "
                 "Hugging Face folder with held-out test sets");
    t->add_option("--out", train->out, "Output folder (built in OUT.partial, then renamed)")->required();
    t->add_option("--seed", train->options.seed, "Seed for initialisation and data")->capture_default_str();
    t->add_option("--steps", train->options.steps, "Optimizer steps: the budget that defines the result")
        ->capture_default_str();
    t->add_option("--minutes", train->options.minutes,
                  "Wall-clock safety cap (0 = none). When it stops training early the result depends "
                  "on machine load")
        ->capture_default_str();
    t->add_option("--batch", train->options.batch, "Sequences per step")->capture_default_str();
    t->add_option("--d-model", train->options.shape.dModel, "Hidden size")->capture_default_str();
    t->add_option("--layers", train->options.shape.layers, "Decoder layers")->capture_default_str();
    t->add_option("--heads", train->options.shape.heads, "Query heads")->capture_default_str();
    t->add_option("--kv-heads", train->options.shape.kvHeads, "Key/value heads")->capture_default_str();
    t->add_option("--mlp", train->options.shape.mlp, "SwiGLU intermediate size")->capture_default_str();
    t->add_option("--lr", train->options.peakLr, "Peak learning rate")->capture_default_str();
    t->add_option("--test-items", train->options.testItems, "Held-out questions per family")
        ->capture_default_str();
    t->add_option("--threads", train->options.threads, "CPU threads (0 = OMP_NUM_THREADS or all cores)");
    t->add_flag("--force", train->options.force, "Replace an existing output folder");
    t->add_flag("--json", train->json, "Print a JSON summary on stdout");
    t->callback([train] { runTrain(*train); });

    auto eval = std::make_shared<EvalArgs>();
    CLI::App* e = demo->add_subcommand(
        "eval", "Per-family sampled and greedy accuracy and mixed-outcome share on the held-out sets");
    e->add_option("DIR", eval->dir, "Demo model folder (with srs_demo.json)")->required();
    e->add_option("--samples", eval->options.samples, "Samples per question")->capture_default_str();
    e->add_option("--seed", eval->options.seed, "Sampling seed")->capture_default_str();
    e->add_option("--limit", eval->options.limit, "First N questions per family (0 = all)")->capture_default_str();
    e->add_option("--temperature", eval->options.temperature, "Sampling temperature")->capture_default_str();
    e->add_option("--threads", eval->options.threads, "CPU threads (0 = OMP_NUM_THREADS or all cores)");
    e->add_flag("--record", eval->record, "Add the result to DIR/eval.json");
    e->add_flag("--json", eval->json, "Print the result as JSON on stdout");
    e->callback([eval] { runEval(*eval); });
});

}  // namespace
}  // namespace srs::app::cli
