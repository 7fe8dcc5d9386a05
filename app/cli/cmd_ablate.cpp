// srs ablate MODEL_DIR (--task NAME | --data FILE.jsonl) [--limit N] --samples K --template NAME
//   --probes probes.h5 [--mc-probes mc.h5] --cache CACHE.h5 --layers 0,2-3
//   --conditions value,random,magnitude-matched,largest-activation,mc-probe [--ratio 0.99]
//   [--seed S --temperature T --top-p P --max-new-tokens M] --out ablation.json [--csv F] [--force]
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <memory>

#include "app/cli/cli_common.h"
#include "app/cli/command.h"
#include "core/analysis/ablation.h"
#include "core/error.h"
#include "core/io/atomic_file.h"
#include "core/pipeline/rollout_record.h"
#include "core/session/steps/analysis_steps.h"
#include "core/tasks/benchmark.h"

namespace srs::app::cli {
namespace {

struct AblateArgs {
    std::string modelDir, tokenizer, task, data, preset, grading, idField, templ = "qwen-boxed";
    std::string probes, mcProbes, cache, layers, conditions = "value,random,magnitude-matched,largest-activation";
    std::string out, csv, session;
    long long limit = 0;
    int samples = 4, topK = 0, maxNewTokens = 256, batchSize = 16;
    double temperature = 1.0, topP = 1.0, ratio = 0.99;
    std::uint64_t seed = 0;
    bool force = false, quiet = false;
    RuntimeOptions runtime;
};

/// "0,2-3" -> {0, 2, 3}; InvalidArgument for malformed text (membership is checked by core).
std::vector<int> parseLayerSpec(const std::string& spec) {
    std::vector<int> out;
    std::size_t start = 0;
    while (start <= spec.size()) {
        std::size_t end = spec.find(',', start);
        if (end == std::string::npos) end = spec.size();
        const std::string item = spec.substr(start, end - start);
        const auto dash = item.find('-', 1);
        try {
            std::size_t used = 0;
            const int a = std::stoi(item.substr(0, dash), &used);
            if (used != item.substr(0, dash).size()) throw std::invalid_argument(item);
            int b = a;
            if (dash != std::string::npos) {
                b = std::stoi(item.substr(dash + 1), &used);
                if (used != item.size() - dash - 1) throw std::invalid_argument(item);
            }
            if (a < 0 || b < a) throw std::invalid_argument(item);
            for (int l = a; l <= b; ++l)
                if (std::find(out.begin(), out.end(), l) == out.end()) out.push_back(l);
        } catch (const std::exception&) {
            throw InvalidArgument(fmt::format("--layers '{}': '{}' is not a layer or range (e.g. 0,2-3)", spec, item));
        }
        start = end + 1;
    }
    return out;
}

void refuseExisting(const std::string& path, bool force) {
    if (!path.empty() && !force && std::filesystem::exists(path))
        throw Error(fmt::format("{} exists (use --force to replace it)", path));
}

void runAblateCommand(const AblateArgs& a) {
    core::AblationOptions o;
    o.modelDir = a.modelDir;
    o.tokenizerPath = a.tokenizer;
    if (!a.task.empty()) {
        o.items = core::loadBuiltinBenchmark(a.task);
        o.taskName = a.task;
        o.dataSource = "builtin:" + a.task;
    } else {
        core::FieldMapping mapping = a.preset.empty() ? core::FieldMapping{} : core::presetMapping(a.preset);
        if (!a.idField.empty()) mapping.id = a.idField;
        if (!a.grading.empty()) mapping.kind = core::parseTaskKind(a.grading);
        const std::filesystem::path data(a.data);
        o.taskName = a.preset.empty() ? data.stem().string() : a.preset;
        o.items = core::loadBenchmarkFile(data, mapping, o.taskName);
        o.dataSource = data.filename().string();
        o.dataFingerprint = core::fileContentFingerprint(data);
    }
    if (a.limit < 0) throw InvalidArgument(fmt::format("--limit must be >= 0, got {}", a.limit));
    if (a.limit > 0 && static_cast<std::size_t>(a.limit) < o.items.size()) o.items.resize(static_cast<std::size_t>(a.limit));
    o.templateName = a.templ;
    o.samples = a.samples;
    o.temperature = a.temperature;
    o.topP = a.topP;
    o.topK = a.topK;
    o.seed = a.seed;
    o.maxNewTokens = a.maxNewTokens;
    o.batchSize = a.batchSize;
    o.runtime.dtype = core::parseComputeDtype(a.runtime.dtype);
    o.runtime.device = a.runtime.device;
    o.probesPath = a.probes;
    o.mcProbesPath = a.mcProbes;
    o.cachePath = a.cache;
    o.layers = parseLayerSpec(a.layers);
    o.conditions = core::parseAblationConditions(a.conditions);
    o.ratio = a.ratio;
    o.validate();
    // Before any compute: never replace a file without --force.
    refuseExisting(a.out, a.force);
    refuseExisting(a.csv, a.force);
    o.runtime.threads = core::configureThreads(a.runtime.threads);

    const SessionRecorder recorder(a.session);
    auto job = makeCliJob(a.quiet);
    const core::AblationResult r = core::runAblation(o, job);
    const std::string doc = core::ablationJson(r).dump(1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    if (!a.csv.empty()) core::writeFileAtomically(a.csv, core::ablationCsv(r), a.force);
    core::writeFileAtomically(a.out, doc, a.force);

    const auto& b = r.baselineAccuracy;
    std::cerr << fmt::format("ablation: {} rows ({} questions x {} samples), k = {} of {} dims, {:.1f} s\n",
                             b.trials, o.items.size(), o.samples, r.setSize, r.dModel, r.seconds);
    std::cerr << fmt::format("  baseline                 acc {:.3f} [{:.3f}, {:.3f}]\n", b.estimate, b.lower, b.upper);
    for (const auto& c : r.cells)
        std::cerr << fmt::format("  layer {:2d} {:<18} acc {:.3f} [{:.3f}, {:.3f}]  diff {:+.3f} [{:+.3f}, {:+.3f}]  "
                                 "changed {}/{}\n",
                                 c.layer, core::ablationConditionName(c.condition), c.accuracy.estimate,
                                 c.accuracy.lower, c.accuracy.upper, c.vsBaseline.difference, c.vsBaseline.lower,
                                 c.vsBaseline.upper, c.changedResponses, c.accuracy.trials);
    std::cerr << fmt::format("srs: wrote {}{}\n", a.out, a.csv.empty() ? "" : " and " + a.csv);
    core::AblationOptions recorded = o;
    recorded.runtime.threads = a.runtime.threads;  // as requested (0 = the machine's cores)
    recorder.record("ablate",
                    core::ablateParams({a.task, a.preset, a.idField, a.grading, a.limit}, recorded, a.layers,
                                       {{"model_dir", r.modelDir}, {"probes", r.probesPath},
                                        {"mc_probes", r.mcProbesPath}, {"cache", r.cachePath}}),
                    {{"data", a.data}, {"tokenizer", a.tokenizer}, {"probes", a.probes}, {"mc_probes", a.mcProbes},
                     {"cache", a.cache}},
                    {{"ablation", a.out}, {"csv", a.csv}}, a.modelDir, a.runtime.device, a.runtime.dtype);
}

const RegisterCommand kAblate(65, [](CLI::App& root) {
    auto a = std::make_shared<AblateArgs>();
    CLI::App* sub = root.add_subcommand(
        "ablate", "Zero a neuron set of one layer's residual stream during generation and compare accuracy with "
                  "the unablated model on the same questions and seeds (schema: docs/RESULTS_FORMAT.md)");
    sub->add_option("MODEL_DIR", a->modelDir, "Hugging Face model folder (with tokenizer.json)")->required();
    auto* task = sub->add_option("--task", a->task, "Built-in benchmark: gsm8k | math500");
    auto* data = sub->add_option("--data", a->data, "Questions as JSONL");
    task->excludes(data);
    sub->add_option("--preset", a->preset, "Field preset for --data: gsm8k, math500, minerva, arc, mmlu")->needs(data);
    sub->add_option("--id-field", a->idField, "JSON key of the question id (default: <file stem>/<line>)")->needs(data);
    sub->add_option("--grading", a->grading, "How answers are graded: gsm8k | math | choice")->needs(data);
    sub->add_option("--limit", a->limit, "First N questions only (0 = all)");
    sub->add_option("--samples", a->samples, "Responses per question (k)")->capture_default_str();
    sub->add_option("--template", a->templ, "Prompt template: qwen-boxed, abel, plain, or text with {question}")
        ->capture_default_str();
    sub->add_option("--probes", a->probes, "TD value probes (`srs probe train --method td`) of the same model")
        ->required();
    sub->add_option("--mc-probes", a->mcProbes, "MC probes (`srs probe train --method mc`), for condition mc-probe");
    sub->add_option("--cache", a->cache, "Activation cache of the same model: mean |activation| per dim")->required();
    sub->add_option("--layers", a->layers, "Layers to ablate, one at a time, e.g. 0,2-3")->required();
    sub->add_option("--conditions", a->conditions,
                    "Neuron sets: value, random, magnitude-matched, largest-activation, mc-probe")
        ->capture_default_str();
    sub->add_option("--ratio", a->ratio, "Prune ratio p in (0, 1): each set has round((1-p) d_model) dims (>= 1)")
        ->capture_default_str();
    sub->add_option("--temperature", a->temperature, "Sampling temperature (0 = greedy)")->capture_default_str();
    sub->add_option("--top-p", a->topP, "Nucleus sampling mass in (0, 1]")->capture_default_str();
    sub->add_option("--top-k", a->topK, "Keep the k most likely tokens (0 = off)")->capture_default_str();
    sub->add_option("--seed", a->seed,
                    "Seed: row (question, k) samples from the stream of `srs rollout`; also seeds the random sets")
        ->capture_default_str();
    sub->add_option("--max-new-tokens", a->maxNewTokens, "Cap on response tokens")->capture_default_str();
    sub->add_option("--batch-size", a->batchSize, "Rows generated together (never changes the output)")
        ->capture_default_str();
    sub->add_option("--tokenizer", a->tokenizer, "tokenizer.json (default: MODEL_DIR/tokenizer.json)");
    sub->add_option("--out", a->out, "Results JSON (format srs-ablation)")->required();
    sub->add_option("--csv", a->csv, "Also write the (layer, condition) table as CSV");
    sub->add_flag("--force", a->force, "Replace output files that exist");
    sub->add_flag("-q,--quiet", a->quiet, "No progress bar");
    addRuntimeOptions(sub, a->runtime);
    addSessionOption(sub, a->session);
    sub->callback([a, task, data] {
        if (task->count() == 0 && data->count() == 0) throw CLI::RequiredError("--task or --data");
        runAblateCommand(*a);
    });
});

}  // namespace
}  // namespace srs::app::cli
