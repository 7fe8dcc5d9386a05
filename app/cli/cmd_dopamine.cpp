// srs dopamine CACHE.h5 --probes PROBES.h5 --layer L [--neuron-layer L2] [--candidates K] [--split test]
//   [--traces N] [--tokenizer MODEL_DIR] [--out dopamine.json] [--csv F] [--force]
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cmath>
#include <filesystem>
#include <iostream>
#include <limits>
#include <memory>
#include <optional>
#include <sstream>

#include "app/cli/cli_common.h"
#include "app/cli/command.h"
#include "core/analysis/dopamine.h"
#include "core/cache/activation_cache_reader.h"
#include "core/error.h"
#include "core/io/atomic_file.h"
#include "core/probe/probe_file.h"
#include "core/session/steps/analysis_steps.h"
#include "core/tokenizer/tokenizer.h"

namespace srs::app::cli {
namespace {

struct DopamineArgs {
    std::string cache, probes, tokenizer, out, csv, rankBy = "abs", traceRollouts, traceQuestions, session;
    double gamma = 0.0;
    std::int64_t rankMemoryMb = 2048;
    core::DopamineOptions opts;
    bool force = false, quiet = false;
};

std::string fmtNum(double v, const char* spec = "{:.4f}") {
    return std::isfinite(v) ? fmt::format(fmt::runtime(spec), v) : std::string("n/a");
}

void printSummary(const core::DopamineResult& r, std::ostream& os) {
    const auto& o = r.options;
    os << fmt::format("layer {} probe ({}, gamma {}) -> TD errors; dims of layer {} ranked by Spearman with delta on "
                      "{} train tokens ({} rollouts), {} pass(es)\n",
                      o.layer, r.probeMethod, o.gamma, o.neuronLayer, r.trainDelta.tokens, r.trainRollouts,
                      r.rankPasses);
    os << fmt::format("delta (train): mean {:.4f}, sd {:.4f}, mean |delta| {:.4f}, |delta|>0.3 {:.1f}%\n",
                      r.trainDelta.mean, r.trainDelta.stddev, r.trainDelta.meanAbs, 100.0 * r.trainDelta.fracAbove03);
    os << "rank    dim        rho      p_bonf\n";
    for (std::size_t i = 0; i < std::min<std::size_t>(10, r.ranking.size()); ++i) {
        const auto& n = r.ranking[i];
        os << fmt::format("{:>4}  {:>5}  {:>9}  {:>10}\n", i, n.dim, fmtNum(n.rho), fmtNum(n.pBonferroni, "{:.3g}"));
    }
    os << fmt::format("MLP {}->{}->1 on {} held-out tokens ({} rollouts):\n", o.candidates, o.hidden,
                      r.testDelta.tokens, r.testRollouts);
    os << fmt::format("  top-{} candidates: MSE {}  R^2 {}  Spearman {}\n", o.candidates, fmtNum(r.candidateMlp.mse, "{:.5f}"),
                      fmtNum(r.candidateMlp.r2), fmtNum(r.candidateMlp.spearman));
    os << fmt::format("  {} random dims:    MSE {}  R^2 {}  Spearman {}\n", o.candidates, fmtNum(r.randomMlp.mse, "{:.5f}"),
                      fmtNum(r.randomMlp.r2), fmtNum(r.randomMlp.spearman));
    os << fmt::format("{} trace(s), {:.1f} s\n", r.traces.size(), r.seconds);
}

RegisterCommand reg(66, [](CLI::App& root) {
    auto a = std::make_shared<DopamineArgs>();
    CLI::App* c = root.add_subcommand(
        "dopamine",
        "Dopamine neurons: per-token TD error of a layer's value probe, dims ranked by Spearman with it (train "
        "split), a small MLP on the top candidates vs random dims (test split), token-level traces");
    c->add_option("CACHE", a->cache, "Activation cache (.h5) the probes were trained on")->required();
    c->add_option("--probes", a->probes, "Probes file from `srs probe train` (its split is reused)")->required();
    c->add_option("--layer", a->opts.layer, "Layer whose probe gives V(s_t)")->required();
    c->add_option("--neuron-layer", a->opts.neuronLayer, "Layer whose dims are ranked (default: --layer)");
    c->add_option("--candidates", a->opts.candidates, "K: top-ranked dims fed to the MLP")->capture_default_str();
    c->add_option("--rank-by", a->rankBy, "Rank by |rho| (abs), rho (positive) or -rho (negative)")
        ->capture_default_str();
    c->add_option("--gamma", a->gamma, "TD discount per stored row (default: the probes file's gamma)");
    c->add_option("--mlp-hidden", a->opts.hidden, "Hidden units of the MLP")->capture_default_str();
    c->add_option("--mlp-epochs", a->opts.epochs, "MLP epochs over the train tokens")->capture_default_str();
    c->add_option("--mlp-lr", a->opts.lr, "MLP AdamW learning rate")->capture_default_str();
    c->add_option("--mlp-weight-decay", a->opts.weightDecay, "MLP AdamW weight decay")->capture_default_str();
    c->add_option("--mlp-batch", a->opts.batchRows, "MLP tokens per optimiser step")->capture_default_str();
    c->add_option("--seed", a->opts.seed, "Seed of the MLP, the random-dim baseline")->capture_default_str();
    c->add_option("--split", a->opts.traceSplit, "Rollouts the traces are drawn from: test (held out), train, all")
        ->capture_default_str();
    c->add_option("--traces", a->opts.traces,
                  "Trajectories exported (rewarded/unrewarded alternately, ascending rollout index)")
        ->capture_default_str();
    c->add_option("--trace-rollouts", a->traceRollouts, "Export exactly these rollout indices (e.g. 3,17)");
    c->add_option("--trace-questions", a->traceQuestions, "Export every rollout of these question ids (comma list)");
    c->add_option("--trace-neurons", a->opts.traceNeurons, "Top-ranked dims whose activations each trace carries")
        ->capture_default_str();
    c->add_option("--tokenizer", a->tokenizer, "Model folder or tokenizer.json to decode the traces' tokens");
    c->add_option("--rank-memory-mb", a->rankMemoryMb,
                  "Memory for the ranking's column block; a bigger train split takes several passes")
        ->capture_default_str();
    c->add_option("--threads", a->opts.threads, "Torch threads (0 = OMP_NUM_THREADS or all cores)")->capture_default_str();
    c->add_option("--out", a->out, "Write the results JSON here (default: stdout)");
    c->add_option("--csv", a->csv, "Also write the ranking as CSV (rank,dim,rho,p_value,p_bonferroni,mean,std)");
    c->add_flag("--force", a->force, "Replace output files that exist");
    c->add_flag("-q,--quiet", a->quiet, "No progress on stderr");
    addSessionOption(c, a->session);
    c->callback([a, c] {
        auto& o = a->opts;
        o.rankBy = core::parseDopamineRankBy(a->rankBy);
        if (c->count("--gamma")) o.gamma = a->gamma;
        if (a->rankMemoryMb < 1) throw InvalidArgument(fmt::format("--rank-memory-mb {} must be >= 1", a->rankMemoryMb));
        o.rankMemoryBytes = static_cast<std::uint64_t>(a->rankMemoryMb) << 20;
        if (!a->traceRollouts.empty())
            for (auto v : parseIntList(a->traceRollouts, "--trace-rollouts")) o.traceRollouts.push_back(v);
        if (!a->traceQuestions.empty()) {
            std::stringstream ss(a->traceQuestions);
            std::string item;
            while (std::getline(ss, item, ','))
                if (!item.empty()) o.traceQuestions.push_back(item);
        }
        o.validate();
        for (const auto& p : {a->out, a->csv})
            if (!p.empty() && std::filesystem::exists(p) && !a->force)
                throw Error(fmt::format("{}: file exists (pass --force to replace it)", p));
        std::optional<core::Tokenizer> tok;
        if (!a->tokenizer.empty()) tok = core::Tokenizer::fromFile(a->tokenizer);
        const auto probes = core::readProbeFile(a->probes);
        core::ActivationCacheReader reader(a->cache);
        const SessionRecorder recorder(a->session);
        core::JobContext job = makeCliJob(a->quiet);
        const auto result = core::analyzeDopamine(reader, probes, a->probes, o, tok ? &*tok : nullptr, job);
        for (const auto& n : result.notes) std::cerr << "srs: note: " << n << "\n";
        if (!tok && !result.traces.empty())
            std::cerr << "srs: note: no --tokenizer: traces carry token ids without text\n";
        const auto doc = core::dopamineJson(result);
        if (!a->csv.empty()) core::writeFileAtomically(a->csv, core::dopamineRankingCsv(result), a->force);
        if (a->out.empty()) {
            printJson(doc);
            printSummary(result, std::cerr);
        } else {
            core::writeFileAtomically(a->out, doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n", a->force);
            printSummary(result, std::cout);
            std::cout << "-> " << a->out << "\n";
        }
        core::DopamineOptions recorded = o;
        recorded.gamma = c->count("--gamma") ? a->gamma : std::numeric_limits<double>::quiet_NaN();
        recorder.record("dopamine",
                        core::dopamineParams(recorded, {{"cache", result.cachePath},
                                                        {"probes", result.probesPath},
                                                        {"tokenizer", result.tokenizerPath}}),
                        {{"cache", a->cache}, {"probes", a->probes}, {"tokenizer", a->tokenizer}},
                        {{"dopamine", a->out}, {"csv", a->csv}});
    });
});

}  // namespace
}  // namespace srs::app::cli
