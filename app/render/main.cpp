// srs-render — draws one figure headless: a figure spec (docs/GUI.md, "Figure specs") +
// the result file its view reads -> PDF / SVG / PNG (+ CSV) with the spec's provenance.
// Run by the session `figure` step (core/session/steps/figure_step.h) so that `srs replay`
// regenerates figures while `srs` itself stays free of Qt.
// Exit codes: 0 ok, 1 error (bad spec, bad data, cannot write), 2 usage.
#include <CLI/CLI.hpp>

#include <QApplication>
#include <QFile>
#include <QString>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "app/render/render_data.h"
#include "core/error.h"
#include "core/version.h"
#include "widgets/figure_render.h"
#include "widgets/figure_spec.h"

namespace {

namespace fs = std::filesystem;
using namespace srs;

struct Args {
    std::string spec, data, out;
    int trace = -1;
    bool force = false;
};

std::string readText(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(path + ": cannot read the figure spec");
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

/// Qt's messages go to stderr, except the harmless note about XDG_RUNTIME_DIR that every
/// headless start prints (it would clutter the errors a figure step reports).
void messageHandler(QtMsgType type, const QMessageLogContext&, const QString& message) {
    if (type == QtWarningMsg && message.startsWith(QLatin1String("QStandardPaths:"))) return;
    std::cerr << message.toStdString() << "\n";
}

/// The CSV renderFigure writes next to `out` when the spec asks for one.
fs::path csvPathOf(const fs::path& out) { return fs::path(out).replace_extension(".csv"); }

void renderOne(const Args& a) {
    const widgets::FigureSpec spec = widgets::figureSpecFromJson(readText(a.spec), a.spec);
    if (a.trace >= 0 && spec.view != widgets::FigureView::DopamineTrace)
        throw InvalidArgument("--trace applies to the dopamine-trace view only (" + a.spec + ": view \"" +
                              widgets::figureViewName(spec.view) + "\")");
    if (!fs::exists(a.data)) throw Error(a.data + ": data file does not exist");
    const bool csv = spec.exportSettings.csv;
    for (const fs::path& p : {fs::path(a.out), csv ? csvPathOf(a.out) : fs::path()})
        if (!p.empty() && fs::exists(p) && !a.force)
            throw Error(p.string() + ": already exists (pass --force to replace it)");
    const widgets::FigureData data = srs::app::render::loadFigureData(spec.view, a.data, a.trace < 0 ? 0 : a.trace);
    const bool figureExisted = fs::exists(a.out);
    try {
        widgets::renderFigure(spec, data, QString::fromStdString(a.out), a.force);
    } catch (...) {
        // The figure is written before the CSV: a failed CSV must not leave a new figure.
        std::error_code ec;
        if (!figureExisted) fs::remove(a.out, ec);
        throw;
    }
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"srs-render — draw one figure headless from a figure spec and a result file, with the spec's "
                 "provenance (docs/GUI.md, \"srs-render\"). Used by the session `figure` step (srs replay).",
                 "srs-render"};
    app.set_version_flag("--version", srs::versionString());
    Args a;
    app.add_option("--spec", a.spec, "Figure spec JSON (view, params, export, provenance)")->required();
    app.add_option("--data", a.data,
                   "Result file the view draws: probes .h5 (probe-training), srs probe prune-curve --out (prune-curve), "
                   "srs iou --json (iou-matrix), srs ablate --out (ablation-heatmap), srs dopamine --out "
                   "(dopamine-trace), srs confidence --out (confidence)")
        ->required();
    app.add_option("--trace", a.trace, "dopamine-trace: which trace of the data file (default 0)")
        ->check(CLI::NonNegativeNumber);
    app.add_option("--out", a.out, "Figure file; its suffix (.pdf, .svg, .png) must match the spec's export.format")
        ->required();
    app.add_flag("--force", a.force, "Replace existing output files");
    try {
        app.parse(argc, argv);
    } catch (const CLI::Success& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        app.exit(e);
        return 2;
    }
    // Headless by default: a figure needs no display.
    const char* platform = std::getenv("QT_QPA_PLATFORM");
    if (!platform || !*platform) ::setenv("QT_QPA_PLATFORM", "offscreen", 1);
    qInstallMessageHandler(messageHandler);
    QApplication qapp(argc, argv);
    try {
        renderOne(a);
    } catch (const std::exception& e) {
        std::cerr << "srs-render: error: " << e.what() << "\n";
        return 1;
    }
    std::cout << "srs-render: wrote " << a.out << "\n";
    return 0;
}
