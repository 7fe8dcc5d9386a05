// srs probe train CACHE --layers all|0,3,5-7 --method td|mc|linear [...] --out probes.h5 [--csv t.csv] [--json]
// srs probe prune-curve CACHE --layers ... [--ratios ...] [--method td|mc] --out curve.json [--csv curve.csv]
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cmath>
#include <iostream>
#include <sstream>

#include "app/cli/cli_common.h"
#include "app/cli/command.h"
#include "core/cache/activation_cache_reader.h"
#include "core/error.h"
#include "core/io/atomic_file.h"
#include "core/probe/probe_file.h"
#include "core/probe/probe_trainer.h"
#include "core/probe/value_probes.h"
#include "core/session/steps/step_params.h"

namespace srs::app::cli {
namespace {

struct ProbeArgs {
    std::string cache, layers = "all", method = "td", out, csv, session, ratios = "0,0.5,0.8,0.9,0.95,0.98,0.99,0.995";
    core::ProbeTrainOptions opts;
    bool json = false, force = false, quiet = false;
};

void addTrainOptions(CLI::App* c, ProbeArgs& a) {
    c->add_option("CACHE", a.cache, "Activation cache (.h5)")->required();
    c->add_option("--layers", a.layers, "all, or a list like 0,3,5-7")->capture_default_str();
    c->add_option("--hook", a.opts.hook, "Hook kind in the cache")->capture_default_str();
    c->add_option("--hidden", a.opts.hidden, "Hidden units H of the MLP probe")->capture_default_str();
    c->add_option("--lr", a.opts.lr, "AdamW learning rate")->capture_default_str();
    c->add_option("--weight-decay", a.opts.weightDecay, "AdamW weight decay")->capture_default_str();
    c->add_option("--gamma", a.opts.gamma, "TD discount per stored row")->capture_default_str();
    c->add_option("--batch-trajectories", a.opts.batchTrajectories, "Rollouts per optimiser step")->capture_default_str();
    c->add_option("--epochs", a.opts.epochs, "Passes over the training split")->capture_default_str();
    c->add_option("--seed", a.opts.seed, "Split / initialisation / bootstrap seed")->capture_default_str();
    c->add_option("--test-fraction", a.opts.testFraction, "Fraction of questions held out")->capture_default_str();
    c->add_option("--bootstrap", a.opts.bootstrap, "Bootstrap resamples for the AUROC CIs")->capture_default_str();
    c->add_option("--threads", a.opts.threads, "Torch threads (0 = OMP_NUM_THREADS or all cores)")->capture_default_str();
    c->add_option("--compute-dtype", a.opts.computeDtype, "First-layer matmul dtype: float32 | bfloat16")
        ->check(CLI::IsMember({"float32", "bfloat16"}))
        ->capture_default_str();
    c->add_flag("--force", a.force, "Replace output files that exist");
    c->add_flag("--json", a.json, "Print one JSON document on stdout");
    c->add_flag("-q,--quiet", a.quiet, "No progress on stderr");
    addSessionOption(c, a.session);
}

std::string num(double v, int digits = 4) { return std::isfinite(v) ? fmt::format("{:.{}f}", v, digits) : "-"; }

std::string ciText(const core::BootstrapInterval& ci) {
    if (!std::isfinite(ci.estimate)) return ci.reason.empty() ? "undefined" : ci.reason;
    return fmt::format("{} [{}, {}]", num(ci.estimate), num(ci.lower), num(ci.upper));
}

void checkOutputs(const ProbeArgs& a) {
    for (const auto& p : {a.out, a.csv})
        if (!p.empty() && std::filesystem::exists(p) && !a.force)
            throw Error(fmt::format("{}: file exists (pass --force to replace it)", p));
}

nlohmann::json trainJson(const core::ProbeTrainResult& r, const std::string& out) {
    nlohmann::json layers = nlohmann::json::array();
    for (const auto& p : r.layers)
        layers.push_back({{"layer", p.layer},
                          {"s0", core::bootstrapJson(p.eval.aurocS0)},
                          {"final", core::bootstrapJson(p.eval.aurocFinal)},
                          {"train_loss", p.finalLoss}});
    return {{"out", out},
            {"cache_path", r.cachePath},
            {"method", core::probeMethodName(r.options.method)},
            {"d_model", r.dModel},
            {"train_rollouts", r.split.trainRollouts.size()},
            {"test_rollouts", r.split.testRollouts.size()},
            {"train_questions", r.split.trainQuestions},
            {"test_questions", r.split.testQuestions.size()},
            {"seconds", r.trainSeconds},
            {"layers", layers}};
}

std::string trainCsv(const core::ProbeTrainResult& r) {
    std::string out = "layer,method,auroc_s0,ci_low_s0,ci_high_s0,auroc_final,ci_low_final,ci_high_final,reason\n";
    for (const auto& p : r.layers) {
        std::string reason = p.eval.aurocS0.reason;
        std::replace(reason.begin(), reason.end(), ',', ';');
        out += fmt::format("{},{},{},{},{},{},{},{},{}\n", p.layer, core::probeMethodName(r.options.method),
                           num(p.eval.aurocS0.estimate, 6), num(p.eval.aurocS0.lower, 6), num(p.eval.aurocS0.upper, 6),
                           num(p.eval.aurocFinal.estimate, 6), num(p.eval.aurocFinal.lower, 6),
                           num(p.eval.aurocFinal.upper, 6), reason);
    }
    return out;
}

std::vector<double> parseRatios(const std::string& text) {
    std::vector<double> out;
    std::stringstream ss(text);
    std::string item;
    while (std::getline(ss, item, ',')) {
        if (item.empty()) continue;
        try {
            std::size_t used = 0;
            out.push_back(std::stod(item, &used));
            if (used != item.size()) throw std::invalid_argument(item);
        } catch (const std::exception&) {
            throw InvalidArgument(fmt::format("--ratios: '{}' is not a number (expected e.g. 0,0.5,0.99)", item));
        }
    }
    return out;
}

RegisterCommand reg(60, [](CLI::App& root) {
    auto a = std::make_shared<ProbeArgs>();
    CLI::App* probe = root.add_subcommand("probe", "Train and evaluate value probes over an activation cache");
    probe->require_subcommand(1);

    CLI::App* train = probe->add_subcommand(
        "train", "Train one value probe per layer (TD / MC / linear) in one streaming pass; AUROC at s_0 and s_T");
    addTrainOptions(train, *a);
    train->add_option("--method", a->method, "td | mc (MLP, BCE vs final reward) | linear (logistic regression)")
        ->check(CLI::IsMember({"td", "mc", "linear"}))
        ->capture_default_str();
    train->add_option("--out", a->out, "Probes file to write (.h5)")->required();
    train->add_option("--csv", a->csv, "Also write the AUROC table as CSV");
    train->callback([a] {
        const SessionRecorder recorder(a->session);
        a->opts.method = core::parseProbeMethod(a->method);
        a->opts.validate();
        checkOutputs(*a);
        core::setProbeThreads(a->opts.threads);
        core::ActivationCacheReader reader(a->cache);
        const auto layers = core::resolveLayers(a->layers, reader.metadata().schema.layers, a->cache);
        core::JobContext job = makeCliJob(a->quiet);
        const auto result = core::trainValueProbes(reader, layers, a->opts, job);
        core::writeProbeFile(a->out, result, a->force);
        if (!a->csv.empty()) core::writeFileAtomically(a->csv, trainCsv(result), a->force);
        recorder.record("probe-train", core::probeTrainParams(a->layers, a->opts), {{"cache", a->cache}},
                        {{"probes", a->out}});
        if (a->json) {
            printJson(trainJson(result, a->out));
            return;
        }
        std::cout << fmt::format("{} probes, {} train / {} test rollouts ({} / {} questions), {:.1f} s\n",
                                 a->method, result.split.trainRollouts.size(), result.split.testRollouts.size(),
                                 result.split.trainQuestions, result.split.testQuestions.size(), result.trainSeconds);
        std::cout << fmt::format("{:>6}  {:<32}  {:<32}\n", "layer", "AUROC V(s_0) [95% CI]", "AUROC V(s_T) [95% CI]");
        for (const auto& p : result.layers)
            std::cout << fmt::format("{:>6}  {:<32}  {:<32}\n", p.layer, ciText(p.eval.aurocS0), ciText(p.eval.aurocFinal));
        std::cout << fmt::format("wrote {}\n", a->out);
    });

    CLI::App* prune = probe->add_subcommand(
        "prune-curve", "Rank dims by first-layer L1 norm, retrain fresh probes on the kept dims, AUROC per ratio");
    addTrainOptions(prune, *a);
    prune->add_option("--method", a->method, "td | mc")->check(CLI::IsMember({"td", "mc"}))->capture_default_str();
    prune->add_option("--ratios", a->ratios, "Prune ratios p (keep the top 1-p dims)")->capture_default_str();
    prune->add_option("--out", a->out, "Curve to write (.json)")->required();
    prune->add_option("--csv", a->csv, "Also write the curve as CSV");
    prune->callback([a] {
        const SessionRecorder recorder(a->session);
        a->opts.method = core::parseProbeMethod(a->method);
        a->opts.validate();
        const auto ratios = parseRatios(a->ratios);
        checkOutputs(*a);
        core::setProbeThreads(a->opts.threads);
        core::ActivationCacheReader reader(a->cache);
        const auto layers = core::resolveLayers(a->layers, reader.metadata().schema.layers, a->cache);
        core::JobContext job = makeCliJob(a->quiet);
        const auto curve = core::pruneCurve(reader, layers, ratios, a->opts, job);
        const auto j = core::pruneCurveJson(curve);
        core::writeFileAtomically(a->out, j.dump(2) + "\n", a->force);
        if (!a->csv.empty()) core::writeFileAtomically(a->csv, core::pruneCurveCsv(curve), a->force);
        recorder.record("prune-curve", core::pruneCurveParams(a->layers, ratios, a->opts), {{"cache", a->cache}},
                        {{"curve", a->out}, {"csv", a->csv}});
        if (a->json) {
            printJson(j);
            return;
        }
        std::cout << fmt::format("{:>6}  {:>6}  {:>6}  {:<32}\n", "layer", "ratio", "kept", "AUROC V(s_0) [95% CI]");
        for (std::size_t l = 0; l < curve.layers.size(); ++l)
            for (const auto& p : curve.points[l])
                std::cout << fmt::format("{:>6}  {:>6}  {:>6}  {:<32}\n", curve.layers[l], p.ratio, p.kept,
                                         ciText(p.eval.aurocS0));
        std::cout << fmt::format("wrote {} ({:.1f} s)\n", a->out, curve.seconds);
    });
});

}  // namespace
}  // namespace srs::app::cli
