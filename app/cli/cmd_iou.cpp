// srs iou PROBES.h5 PROBES.h5 [...] --layer L [--ratios 0.9,0.95,...] [--json] [--csv F] [--force]
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <iostream>
#include <sstream>

#include "app/cli/cli_common.h"
#include "app/cli/command.h"
#include "core/analysis/iou_matrix.h"
#include "core/error.h"
#include "core/io/atomic_file.h"
#include "core/probe/probe_file.h"
#include "core/session/steps/step_params.h"

namespace srs::app::cli {
namespace {

struct IouArgs {
    std::vector<std::string> probes;
    std::string ratios = "0.9,0.95,0.98,0.99,0.995", csv, session;
    int layer = -1;
    bool json = false, force = false;
};

std::vector<double> parseRatios(const std::string& text) {
    std::vector<double> out;
    std::string item;
    std::stringstream ss(text);
    while (std::getline(ss, item, ',')) {
        if (item.empty()) continue;
        std::size_t used = 0;
        double v = 0.0;
        try {
            v = std::stod(item, &used);
        } catch (const std::exception&) {
            used = 0;
        }
        if (used != item.size()) throw InvalidArgument(fmt::format("--ratios: '{}' is not a number", item));
        if (!(v >= 0.0 && v < 1.0)) throw InvalidArgument(fmt::format("--ratios: {} must be in [0, 1)", v));
        out.push_back(v);
    }
    if (out.empty()) throw InvalidArgument("--ratios: no ratio given");
    return out;
}

RegisterCommand reg(62, [](CLI::App& root) {
    auto a = std::make_shared<IouArgs>();
    CLI::App* c = root.add_subcommand(
        "iou", "IoU of value-neuron sets across probe files (tasks or checkpoints of one base model), with the exact "
               "chance IoU and p-value; pairs whose probes share their initialisation seed are flagged (inflated IoU)");
    c->add_option("PROBES", a->probes, "Two or more probes files from `srs probe train` (.h5)")->required()->expected(2, -1);
    c->add_option("--layer", a->layer, "Layer")->required();
    c->add_option("--ratios", a->ratios, "Prune ratios p: each set keeps round((1-p) d_model) dims")->capture_default_str();
    c->add_flag("--json", a->json, "Print the result as JSON");
    c->add_option("--csv", a->csv, "Also write one row per (ratio, pair) as CSV");
    c->add_flag("--force", a->force, "Replace the CSV file if it exists");
    addSessionOption(c, a->session);
    c->callback([a] {
        const SessionRecorder recorder(a->session);
        const auto ratios = parseRatios(a->ratios);
        std::vector<core::ProbeTrainResult> probes;
        for (const auto& f : a->probes) probes.push_back(core::readProbeFile(f));
        const auto m = core::computeIouMatrix(a->probes, probes, a->layer, ratios);
        for (const auto& n : m.notes) std::cerr << "srs: note: " << n << "\n";
        for (const auto& w : m.warnings) std::cerr << "srs: warning: " << w << "\n";
        if (!a->csv.empty()) core::writeFileAtomically(a->csv, core::iouMatrixCsv(m), a->force);
        std::vector<std::pair<std::string, std::string>> inputs;
        for (std::size_t i = 0; i < a->probes.size(); ++i) inputs.emplace_back(fmt::format("probes.{}", i), a->probes[i]);
        recorder.record("iou", core::iouParams(a->layer, ratios, a->probes), inputs, {{"csv", a->csv}});
        if (a->json) {
            printJson(core::iouMatrixJson(m));
            return;
        }
        std::cout << fmt::format("layer {}, d_model {}\n", m.layer, m.dModel);
        for (std::size_t i = 0; i < m.files.size(); ++i)
            std::cout << fmt::format("  [{}] {} (seed {})\n", i, m.files[i], m.seeds.at(i));
        for (const auto& w : m.warnings) std::cout << "warning: " << w << "\n";
        for (std::size_t r = 0; r < m.ratios.size(); ++r) {
            std::cout << fmt::format("ratio {}:\n", m.ratios[r]);
            for (const auto& p : m.pairs[r])
                std::cout << fmt::format("  [{}] vs [{}]: |A|={} |B|={} |A∩B|={} IoU={:.4f} chance={:.4f} p={:.3g}{}\n",
                                         p.i, p.j, p.sizeA, p.sizeB, p.intersection, p.iou, p.expectedIou, p.pValue,
                                         p.sharedInit ? " (shared init: inflated)" : "");
        }
    });
});

}  // namespace
}  // namespace srs::app::cli
