// srs confidence MODEL_DIR --rollouts R.jsonl --probes P.h5 --layer L [--cache C.h5]
//   [--verbal-template auto|plain|qa|chat|TEXT] [--bins 10] --out confidence.json [--csv F] [--force]
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <filesystem>
#include <iostream>

#include "app/cli/cli_common.h"
#include "app/cli/command.h"
#include "core/analysis/confidence.h"
#include "core/error.h"
#include "core/io/atomic_file.h"
#include "core/session/steps/analysis_steps.h"

namespace srs::app::cli {
namespace {

struct ConfidenceArgs {
    core::ConfidenceOptions options;
    std::string modelDir, rollouts, probes, cache, tokenizer, out, csv, statsCsv, session;
    RuntimeOptions runtime;
    bool force = false, quiet = false;
};

std::string fmtNum(double v, const char* spec = "{:.3f}") {
    return std::isfinite(v) ? fmt::format(fmt::runtime(spec), v) : std::string("n/a");
}

void printSummary(const core::ConfidenceResult& r) {
    std::cout << fmt::format("{} held-out questions ({} rollouts) of the probes' split; layer {} ({} probe)\n",
                             r.questions.size(), r.signalStats.empty() ? 0 : r.signalStats.back().rollouts,
                             r.options.layer, r.probeMethod);
    if (r.options.skipVerbal)
        std::cout << "verbalized: skipped\n";
    else
        std::cout << fmt::format("verbalized: {} of {} answers parsed ({}); unparsable answers are excluded\n",
                                 r.verbalParsed, r.verbalAttempted,
                                 r.verbalAttempted ? fmt::format("{:.1f}%", 100.0 * r.verbalParsed / r.verbalAttempted)
                                                   : std::string("n/a"));
    std::cout << "signal            questions  missing  spearman  p_value   auroc  ci_low  ci_high    ece\n";
    for (const auto& s : r.signalStats)
        std::cout << fmt::format("{:<16}  {:>9}  {:>7}  {:>8}  {:>7}  {:>6}  {:>6}  {:>7}  {:>5}\n", s.name, s.questions,
                                 s.missing, fmtNum(s.spearman.r), fmtNum(s.spearman.pValue, "{:.2g}"),
                                 fmtNum(s.auroc.value), fmtNum(s.aurocCi.lower), fmtNum(s.aurocCi.upper),
                                 fmtNum(s.ece));
    for (const auto& s : r.signalStats)
        if (!s.note.empty()) std::cout << fmt::format("note: {}: {}\n", s.name, s.note);
}

RegisterCommand reg(65, [](CLI::App& root) {
    auto a = std::make_shared<ConfidenceArgs>();
    CLI::App* c = root.add_subcommand(
        "confidence",
        "Per held-out question, Spearman and AUROC against correctness of four signals: V(s_0) of the value probe, "
        "verbalized confidence, mean next-token probability of the response, question length; reliability bins");
    c->add_option("MODEL_DIR", a->modelDir, "The model the rollouts, cache and probes came from")->required();
    c->add_option("--rollouts", a->rollouts, "The rollouts JSONL the cache was captured from")->required();
    c->add_option("--probes", a->probes, "Probes file from `srs probe train` (its split picks the held-out questions)")
        ->required();
    c->add_option("--layer", a->options.layer, "Layer whose probe gives V(s_0)")->required();
    c->add_option("--cache", a->cache, "Activation cache (default: the cache path stored in the probes file)");
    c->add_option("--tokenizer", a->tokenizer, "tokenizer.json (default: MODEL_DIR/tokenizer.json)");
    c->add_option("--verbal-template", a->options.verbalTemplate,
                  "Prompt asking for a 0-1 confidence without solving: auto (chat for qwen-boxed rollouts, else "
                  "plain), plain, qa (\"Q: ... A: \"), chat, or a text containing {question}")
        ->capture_default_str();
    c->add_option("--verbal-max-new-tokens", a->options.verbalMaxNewTokens, "Greedy tokens for the verbal answer")
        ->capture_default_str();
    c->add_flag("--skip-verbal", a->options.skipVerbal, "Do not compute the verbalized signal");
    c->add_option("--bins", a->options.stats.bins, "Equal-width reliability bins over [0, 1]")->capture_default_str();
    c->add_option("--bootstrap", a->options.stats.bootstrap, "Clustered bootstrap resamples for the AUROC CI")
        ->capture_default_str();
    c->add_option("--seed", a->options.stats.seed, "Bootstrap (and generation) seed")->capture_default_str();
    c->add_option("--batch-size", a->options.batchSize,
                  "Rollouts per teacher-forced forward (logits: batch x length x vocab floats) and prompts per "
                  "generate call")
        ->capture_default_str();
    c->add_option("--out", a->out, "Output JSON (format srs-confidence)")->required();
    c->add_option("--csv", a->csv, "Also write the per-question table as CSV");
    c->add_option("--stats-csv", a->statsCsv, "Also write the per-signal statistics as CSV");
    c->add_flag("--force", a->force, "Replace output files that exist");
    c->add_flag("-q,--quiet", a->quiet, "No progress on stderr");
    addRuntimeOptions(c, a->runtime);
    addSessionOption(c, a->session);
    c->callback([a] {
        auto& o = a->options;
        o.modelDir = a->modelDir;
        o.rolloutsPath = a->rollouts;
        o.probesPath = a->probes;
        o.cachePath = a->cache;
        o.tokenizerPath = a->tokenizer;
        o.runtime.dtype = core::parseComputeDtype(a->runtime.dtype);
        o.runtime.device = a->runtime.device;
        o.runtime.threads = core::configureThreads(a->runtime.threads);
        o.validate();
        // Refuse before the (long) computation, not after it.
        for (const auto& f : {a->out, a->csv, a->statsCsv})
            if (!f.empty() && !a->force && std::filesystem::exists(f))
                throw Error(fmt::format("{} exists (pass --force to replace it)", f));
        const SessionRecorder recorder(a->session);
        core::JobContext job = makeCliJob(a->quiet);
        const auto result = core::runConfidence(o, job);
        core::writeFileAtomically(a->out, core::confidenceJson(result).dump(1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n", a->force);
        if (!a->csv.empty()) core::writeFileAtomically(a->csv, core::confidenceQuestionsCsv(result), a->force);
        if (!a->statsCsv.empty()) core::writeFileAtomically(a->statsCsv, core::confidenceStatsCsv(result), a->force);
        printSummary(result);
        if (!a->quiet) std::cerr << fmt::format("srs: wrote {}\n", a->out);
        core::ConfidenceOptions recorded = o;
        recorded.runtime.threads = a->runtime.threads;  // as requested (0 = the machine's cores)
        recorder.record("confidence",
                        core::confidenceParams(recorded, {{"model_dir", o.modelDir.string()},
                                                          {"rollouts", o.rolloutsPath.string()},
                                                          {"probes", o.probesPath.string()},
                                                          {"cache", result.cachePath}}),
                        {{"rollouts", a->rollouts}, {"probes", a->probes}, {"cache", result.cachePath},
                         {"tokenizer", a->tokenizer}},
                        {{"confidence", a->out}, {"csv", a->csv}, {"stats_csv", a->statsCsv}}, a->modelDir,
                        a->runtime.device, a->runtime.dtype);
    });
});

}  // namespace
}  // namespace srs::app::cli
