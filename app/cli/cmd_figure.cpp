// srs figure --spec SPEC.json --data RESULT --out FIGURE --session S.srs.json [--trace N]
//            [--label TEXT] [--note TEXT] [--force]
// Renders a figure (through the srs-render executable) as a `figure` step of a session, so
// that `srs replay` regenerates it and every export carries its provenance.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "app/cli/cli_common.h"
#include "app/cli/command.h"
#include "core/error.h"
#include "core/session/session.h"
#include "core/session/steps/figure_step.h"
#include "core/version.h"

namespace srs::app::cli {
namespace {
namespace fs = std::filesystem;

struct FigureArgs {
    std::string spec, data, out, session, label, note;
    int trace = -1;
    bool force = false;
};

void runFigureCommand(const FigureArgs& a) {
    std::ifstream in(a.spec, std::ios::binary);
    if (!in) throw InvalidArgument(a.spec + ": cannot read the figure spec");
    std::ostringstream text;
    text << in.rdbuf();
    nlohmann::json spec;
    try {
        spec = nlohmann::json::parse(text.str());
    } catch (const nlohmann::json::exception& e) {
        throw FormatError(fmt::format("{}: figure spec is not valid JSON ({})", a.spec, e.what()));
    }
    const fs::path sessionFile = fs::absolute(a.session);
    core::Session session = fs::exists(sessionFile) ? core::readSessionFile(sessionFile)
                                                    : core::Session::create(sessionFile.stem().stem().string());
    core::FigureStepOptions o;
    o.sessionFile = a.session;
    o.trace = a.trace;
    o.label = a.label;
    o.note = a.note;
    o.force = a.force;
    const std::string id = core::addFigureStep(session, spec, a.data, a.out, o);
    session.softwareVersion = versionString();
    core::writeSessionFile(sessionFile, session);
    std::cerr << fmt::format("srs: recorded step '{}' (figure) in {}\n", id, a.session);
    std::cout << a.out << "\n";
}

RegisterCommand regFigure(85, [](CLI::App& root) {
    auto a = std::make_shared<FigureArgs>();
    CLI::App* c = root.add_subcommand(
        "figure", "Render a figure from a figure spec and a result file as a step of a session (via srs-render); "
                  "srs replay re-renders it (docs/SESSION_FORMAT.md, \"Figure steps\")");
    c->add_option("--spec", a->spec, "Figure spec JSON (docs/GUI.md, \"Figure specs\"); its provenance is filled in")
        ->required();
    c->add_option("--data", a->data, "Result file the view draws (probes .h5, prune-curve JSON, iou JSON, ...)")
        ->required();
    c->add_option("--out", a->out, "Figure file (.pdf, .svg or .png, matching the spec's export.format)")->required();
    c->add_option("--session", a->session, "Session file to append the step to (.srs.json, created if absent)")
        ->required();
    c->add_option("--trace", a->trace, "dopamine-trace: which trace of the data file")->check(CLI::NonNegativeNumber);
    c->add_option("--label", a->label, "Step label, e.g. \"Figure 3\"");
    c->add_option("--note", a->note, "Step note");
    c->add_flag("--force", a->force, "Replace an existing figure file");
    c->callback([a] { runFigureCommand(*a); });
});

}  // namespace
}  // namespace srs::app::cli
