// srs route PROBES.h5 --layer L [--cost-direct 1 --cost-escalate 10 --escalate-accuracy 1.0] [--json] [--csv F]
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <iostream>

#include "app/cli/cli_common.h"
#include "app/cli/command.h"
#include "core/analysis/value_routing.h"
#include "core/error.h"
#include "core/io/atomic_file.h"
#include "core/probe/probe_file.h"

namespace srs::app::cli {
namespace {

struct RouteArgs {
    std::string probes, csv;
    int layer = -1;
    core::RouteOptions options;
    bool json = false, force = false;
};

RegisterCommand reg(63, [](CLI::App& root) {
    auto a = std::make_shared<RouteArgs>();
    CLI::App* c = root.add_subcommand(
        "route", "Accuracy vs cost of answering directly when V(s_0) >= t and escalating otherwise, on the held-out "
                 "rollouts of a probes file");
    c->add_option("PROBES", a->probes, "Probes file from `srs probe train` (.h5)")->required();
    c->add_option("--layer", a->layer, "Layer whose probe gives V(s_0)")->required();
    c->add_option("--cost-direct", a->options.costDirect, "Cost of one direct answer")->capture_default_str();
    c->add_option("--cost-escalate", a->options.costEscalate, "Whole cost of one escalated item")->capture_default_str();
    c->add_option("--escalate-accuracy", a->options.escalateAccuracy,
                  "ASSUMED accuracy of escalated items (the bigger model / oracle; not measured)")->capture_default_str();
    c->add_flag("--json", a->json, "Print the curve as JSON");
    c->add_option("--csv", a->csv, "Also write the curve as CSV");
    c->add_flag("--force", a->force, "Replace the CSV file if it exists");
    c->callback([a] {
        a->options.validate();
        const auto probes = core::readProbeFile(a->probes);
        const core::LayerProbe* probe = nullptr;
        std::string have;
        for (const auto& p : probes.layers) {
            if (p.layer == a->layer) probe = &p;
            have += (have.empty() ? "" : ", ") + std::to_string(p.layer);
        }
        if (!probe)
            throw InvalidArgument(fmt::format("{}: no probe for layer {} (layers: {})", a->probes, a->layer, have));
        const auto curve = core::routeCurve(probe->testVs0, probes.testRewards, a->options);
        if (!a->csv.empty()) core::writeFileAtomically(a->csv, core::routeCurveCsv(curve), a->force);
        if (a->json) {
            printJson(core::routeCurveJson(curve));
            return;
        }
        std::cout << fmt::format("{} held-out rollouts, layer {}; escalated items assumed {:.3f} accurate\n", curve.n,
                                 a->layer, a->options.escalateAccuracy);
        std::cout << "threshold   direct  escalated  accuracy  mean_cost  pareto\n";
        for (const auto& p : curve.points)
            std::cout << fmt::format("{:>9}  {:>7}  {:>9}  {:>8.4f}  {:>9.4f}  {}\n",
                                     std::isinf(p.threshold) ? std::string("inf") : fmt::format("{:.4f}", p.threshold),
                                     p.direct, p.escalated, p.accuracy, p.meanCost, p.pareto ? "*" : "");
    });
});

}  // namespace
}  // namespace srs::app::cli
