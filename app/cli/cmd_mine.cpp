// srs mine-confident-wrong PROBES.h5 --layer L --rollouts R.jsonl (--top N | --min-v X) --out F.jsonl
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <iostream>

#include "app/cli/cli_common.h"
#include "app/cli/command.h"
#include "core/analysis/confident_wrong.h"
#include "core/cache/activation_cache_reader.h"
#include "core/error.h"
#include "core/io/atomic_file.h"
#include "core/io/jsonl.h"
#include "core/probe/probe_file.h"

namespace srs::app::cli {
namespace {

struct MineArgs {
    std::string probes, rollouts, cache, out;
    int layer = -1;
    std::size_t top = 0;
    double minV = 0.0;
    bool json = false, force = false;
};

RegisterCommand reg(64, [](CLI::App& root) {
    auto a = std::make_shared<MineArgs>();
    CLI::App* c = root.add_subcommand(
        "mine-confident-wrong", "Held-out rollouts with high V(s_0) but reward 0, as JSONL (records + \"v_s0\"), V descending");
    c->add_option("PROBES", a->probes, "Probes file from `srs probe train` (.h5)")->required();
    c->add_option("--layer", a->layer, "Layer whose probe gives V(s_0)")->required();
    c->add_option("--rollouts", a->rollouts, "The rollouts JSONL the cache was captured from")->required();
    c->add_option("--cache", a->cache, "Activation cache (default: the cache path stored in the probes file)");
    auto* top = c->add_option("--top", a->top, "Keep the N highest V(s_0)");
    auto* minV = c->add_option("--min-v", a->minV, "Keep V(s_0) >= X");
    c->add_option("--out", a->out, "Output JSONL")->required();
    c->add_flag("--json", a->json, "Print a JSON summary");
    c->add_flag("--force", a->force, "Replace --out if it exists");
    c->callback([a, top, minV] {
        if (top->count() == 0 && minV->count() == 0) throw InvalidArgument("give --top N or --min-v X (or both)");
        const auto probes = core::readProbeFile(a->probes);
        const core::LayerProbe* probe = nullptr;
        std::string have;
        for (const auto& p : probes.layers) {
            if (p.layer == a->layer) probe = &p;
            have += (have.empty() ? "" : ", ") + std::to_string(p.layer);
        }
        if (!probe)
            throw InvalidArgument(fmt::format("{}: no probe for layer {} (layers: {})", a->probes, a->layer, have));
        core::MineOptions opt;
        if (top->count()) opt.top = a->top;
        if (minV->count()) opt.minV = a->minV;
        const auto mined = core::selectConfidentWrong(probes.split.testRollouts, probe->testVs0, probes.testRewards, opt);
        const std::string cachePath = a->cache.empty() ? probes.cachePath : a->cache;
        core::ActivationCacheReader cache(cachePath);
        const auto records = core::loadMinedRecords(mined, cache.metadata(), a->rollouts);
        std::string text;
        for (const auto& r : records) text += core::toJsonlLine(r);
        core::writeFileAtomically(a->out, text, a->force);
        std::size_t wrong = 0;
        for (float r : probes.testRewards) wrong += (r == 0.0f);
        if (a->json) {
            printJson({{"kind", "srs-mine-confident-wrong"}, {"out", a->out}, {"layer", a->layer},
                       {"held_out", probes.testRewards.size()}, {"held_out_wrong", wrong},
                       {"written", records.size()}, {"cache", cachePath}});
        } else {
            std::cerr << fmt::format("srs: {} of {} held-out wrong rollouts -> {}\n", records.size(), wrong, a->out);
        }
    });
});

}  // namespace
}  // namespace srs::app::cli
