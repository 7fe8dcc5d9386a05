// srs neurons PROBES.h5 --layer L --ratio P [--out neurons.json] [--csv neurons.csv] [--force]
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <iostream>

#include "app/cli/cli_common.h"
#include "app/cli/command.h"
#include "core/analysis/iou_matrix.h"
#include "core/error.h"
#include "core/io/atomic_file.h"
#include "core/probe/probe_file.h"
#include "core/probe/value_probes.h"
#include "core/session/steps/step_params.h"

namespace srs::app::cli {
namespace {

struct NeuronArgs {
    std::string probes, out, csv, session;
    int layer = -1;
    double ratio = 0.99;
    bool force = false;
};

RegisterCommand reg(61, [](CLI::App& root) {
    auto a = std::make_shared<NeuronArgs>();
    CLI::App* c = root.add_subcommand(
        "neurons", "Value-neuron set of a layer: the top (1-p) dims by L1 norm of the probe's first-layer weights");
    c->add_option("PROBES", a->probes, "Probes file from `srs probe train` (.h5)")->required();
    c->add_option("--layer", a->layer, "Layer")->required();
    c->add_option("--ratio", a->ratio, "Prune ratio p in [0, 1): keep round((1-p) d_model) dims")->capture_default_str();
    c->add_option("--out", a->out, "Write the set as JSON here (default: stdout)");
    c->add_option("--csv", a->csv, "Also write rank,dim,score as CSV");
    c->add_flag("--force", a->force, "Replace output files that exist");
    addSessionOption(c, a->session);
    c->callback([a] {
        const SessionRecorder recorder(a->session);
        if (!(a->ratio >= 0.0 && a->ratio < 1.0))
            throw InvalidArgument(fmt::format("--ratio {} must be in [0, 1)", a->ratio));
        const auto probes = core::readProbeFile(a->probes);
        const core::LayerProbe* probe = nullptr;
        std::string have;
        for (const auto& p : probes.layers) {
            if (p.layer == a->layer) probe = &p;
            have += (have.empty() ? "" : ", ") + std::to_string(p.layer);
        }
        if (!probe)
            throw InvalidArgument(fmt::format("{}: no probe for layer {} (layers: {})", a->probes, a->layer, have));
        if (probe->weights.inputDims() != probes.dModel)
            throw UnsupportedError(fmt::format("{}: layer {} probe reads {} of {} dims (expected a full-state probe)",
                                               a->probes, a->layer, probe->weights.inputDims(), probes.dModel));
        const auto set = core::valueNeuronSet(*probe, probes.dModel, a->ratio);
        auto j = core::neuronSetJson(set, probes.modelFingerprint, probes.cachePath, a->probes);
        core::addProbeInitJson(j, probes.options);
        if (!a->csv.empty()) {
            std::string csv = "rank,dim,score\n";
            for (std::size_t i = 0; i < set.dims.size(); ++i) csv += fmt::format("{},{},{}\n", i, set.dims[i], set.scores[i]);
            core::writeFileAtomically(a->csv, csv, a->force);
        }
        if (a->out.empty()) printJson(j);
        else {
            core::writeFileAtomically(a->out, j.dump(2) + "\n", a->force);
            std::cerr << fmt::format("srs: layer {} ratio {}: {} of {} dims -> {}\n", set.layer, set.ratio,
                                     set.dims.size(), set.dModel, a->out);
        }
        recorder.record("neurons", core::neuronsParams(a->layer, a->ratio), {{"probes", a->probes}},
                        {{"neurons", a->out}, {"csv", a->csv}});
    });
});

}  // namespace
}  // namespace srs::app::cli
