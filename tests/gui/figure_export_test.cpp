// Provenance in every export format, byte-identical re-export, figure specs (JSON) and
// headless rendering of every view kind from a spec.
#include <gtest/gtest.h>

#include <QDir>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QXmlStreamReader>

#include "core/error.h"
#include "qcustomplot.h"
#include "sample_data.h"
#include "widgets/figure_render.h"
#include "widgets/probe_training_view.h"
#include "widgets/provenance_metadata.h"

using namespace srs::widgets;

namespace {

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

FigureProvenance sampleProvenance() {
    FigureProvenance p;
    p.sessionId = "sess-2f9c";
    p.stepId = "fig-7";
    p.fingerprints = {{"cache", "sha256:00ff"}, {"probe", "sha256:a1b2 <&>"}};
    p.softwareVersion = "9.8.7";
    p.regenerateCommand = "srs replay paper.srs.json --from fig-7 --out figs";
    p.createdUtc = "2025-03-01T12:34:56Z";
    return p;
}

/// Runs a poppler tool; empty when it is not installed or fails.
QString runTool(const QString& tool, const QStringList& args) {
    const QString exe = QStandardPaths::findExecutable(tool);
    if (exe.isEmpty()) return {};
    QProcess p;
    p.start(exe, args);
    if (!p.waitForFinished(20000) || p.exitCode() != 0) return {};
    return QString::fromUtf8(p.readAllStandardOutput());
}

bool isWellFormedXml(const QByteArray& bytes, QString* root = nullptr) {
    QXmlStreamReader xml(bytes);
    while (!xml.atEnd())
        if (xml.readNext() == QXmlStreamReader::StartElement && root && root->isEmpty())
            *root = xml.name().toString();
    return !xml.hasError();
}

QCustomPlot* trainingPlot(ProbeTrainingView& view) {
    view.appendPoints({{3, 0, 0.69, -1}, {3, 10, 0.40, 0.81}, {5, 0, 0.70, -1}, {5, 10, 0.45, 0.77}});
    return view.exportPlots()[0];
}

FigureData sampleDataFor(FigureView view) {
    switch (view) {
    case FigureView::ProbeTraining:
        return std::vector<TrainingPoint>{{3, 0, 0.69, -1}, {3, 10, 0.40, 0.81}, {5, 10, 0.45, 0.77}};
    case FigureView::PruneCurve: return srs::test::samplePruneCurves();
    case FigureView::AblationHeatmap: return srs::test::sampleAblation();
    case FigureView::IouMatrix: return srs::test::sampleIou();
    case FigureView::DopamineTrace: return srs::test::sampleTrace(120);
    case FigureView::Confidence: return srs::test::sampleConfidence();
    }
    return {};
}

}  // namespace

TEST(Provenance, EmbeddedInEveryFormatAndReadBack) {
    QTemporaryDir dir;
    ProbeTrainingView view;
    QCustomPlot* plot = trainingPlot(view);
    ExportOptions o;
    o.provenance = sampleProvenance();
    o.title = "probe_training";
    for (const char* suffix : {"pdf", "svg", "png"}) {
        const QString path = dir.filePath(QString("f.") + suffix);
        o.format = exportFormatFromSuffix(suffix);
        exportPlot(plot, path, o);
        const auto back = readProvenance(path);
        ASSERT_TRUE(back.has_value()) << suffix;
        EXPECT_EQ(*back, o.provenance) << suffix;
    }
    // PNG: plain text chunks any PNG reader shows.
    const QImage png(dir.filePath("f.png"));
    EXPECT_EQ(png.text("Software"), "SRS Workbench 9.8.7");
    EXPECT_EQ(png.text("Creation Time"), "2025-03-01T12:34:56Z");
    EXPECT_TRUE(png.text("srs:provenance").contains("\"session_id\":\"sess-2f9c\""));
    // SVG: well-formed, root <svg>, the fields in <metadata> escaped properly.
    const QByteArray svg = readAll(dir.filePath("f.svg"));
    QString root;
    EXPECT_TRUE(isWellFormedXml(svg, &root));
    EXPECT_EQ(root, "svg");
    EXPECT_TRUE(svg.contains("<metadata id=\"srs-provenance\">"));
    EXPECT_TRUE(svg.contains("<rdf:li>probe: sha256:a1b2 &lt;&amp;&gt;</rdf:li>"));
    // CSV: '# key: value' lines, then the view's own CSV unchanged.
    exportCsv(view.csv(), dir.filePath("f.csv"), false, o.provenance);
    const QString csv = QString::fromUtf8(readAll(dir.filePath("f.csv")));
    EXPECT_TRUE(csv.startsWith("# software_version: 9.8.7\n# session_id: sess-2f9c\n# step_id: fig-7\n"
                               "# created: 2025-03-01T12:34:56Z\n# fingerprint.cache: sha256:00ff\n"
                               "# fingerprint.probe: sha256:a1b2 <&>\n"
                               "# regenerate: srs replay paper.srs.json --from fig-7 --out figs\n"
                               "layer,step,loss,heldout_auroc\n"))
        << csv.toStdString();
    EXPECT_TRUE(csv.endsWith(view.csv()));
    EXPECT_EQ(*readProvenance(dir.filePath("f.csv")), o.provenance);
}

TEST(Provenance, PdfInfoAndXmpShownByPdfinfo) {
    QTemporaryDir dir;
    ProbeTrainingView view;
    ExportOptions o;
    o.provenance = sampleProvenance();
    o.title = "probe_training";
    const QString path = dir.filePath("f.pdf");
    exportPlot(trainingPlot(view), path, o);
    const QByteArray pdf = readAll(path);
    ASSERT_TRUE(pdf.startsWith("%PDF-"));
    // The wall clock is not in the file: CreationDate is the provenance time.
    EXPECT_TRUE(pdf.contains("/CreationDate (D:20250301123456")) << pdf.left(400).toStdString();
    const QString info = runTool("pdfinfo", {path});
    if (info.isEmpty()) GTEST_SKIP() << "pdfinfo (poppler-utils) not installed";
    EXPECT_TRUE(info.contains(QRegularExpression("Title:\\s+probe_training\n"))) << info.toStdString();
    EXPECT_TRUE(info.contains(QRegularExpression("Creator:\\s+SRS Workbench 9.8.7\n")));
    EXPECT_TRUE(info.contains(QRegularExpression("CreationDate:.*2025"))) << info.toStdString();
    EXPECT_TRUE(info.contains(QRegularExpression("Page size:\\s+252 x 180 pts")));  // 3.5 x 2.5 in
    const QString meta = runTool("pdfinfo", {"-meta", path});
    EXPECT_TRUE(meta.contains("<srs:session-id>sess-2f9c</srs:session-id>")) << meta.toStdString();
    EXPECT_TRUE(meta.contains("<srs:step-id>fig-7</srs:step-id>"));
    EXPECT_TRUE(meta.contains("<srs:regenerate>srs replay paper.srs.json --from fig-7 --out figs</srs:regenerate>"));
    EXPECT_TRUE(isWellFormedXml(meta.toUtf8()));
}

TEST(Provenance, ReExportIsByteIdenticalAndProvenanceChangesBytes) {
    QTemporaryDir dir;
    ProbeTrainingView view;
    QCustomPlot* plot = trainingPlot(view);
    for (const char* suffix : {"pdf", "svg", "png"}) {
        ExportOptions o;
        o.format = exportFormatFromSuffix(suffix);
        o.provenance = sampleProvenance();
        const QString a = dir.filePath(QString("a.") + suffix), b = dir.filePath(QString("b.") + suffix);
        exportPlot(plot, a, o);
        exportPlot(plot, b, o);
        EXPECT_EQ(readAll(a), readAll(b)) << suffix;
        // Another step id must show up in the bytes (the check above can fail).
        o.provenance.stepId = "fig-8";
        const QString c = dir.filePath(QString("c.") + suffix);
        exportPlot(plot, c, o);
        EXPECT_NE(readAll(a), readAll(c)) << suffix;
        EXPECT_EQ(readProvenance(c)->stepId, "fig-8");
    }
    // Without a created time the PDF date is the fixed epoch, not the clock.
    ExportOptions o;
    exportPlot(plot, dir.filePath("n.pdf"), o);
    EXPECT_TRUE(readAll(dir.filePath("n.pdf")).contains("/CreationDate (D:19700101000000"));
}

TEST(Provenance, RejectsFieldsThatWouldBreakTheMetadata) {
    QTemporaryDir dir;
    ProbeTrainingView view;
    QCustomPlot* plot = trainingPlot(view);
    ExportOptions o;
    o.provenance.regenerateCommand = "srs replay a\nrm -rf";
    EXPECT_THROW(exportPlot(plot, dir.filePath("x.png"), o), srs::InvalidArgument);
    o.provenance = {};
    o.provenance.fingerprints["a:b"] = "x";
    EXPECT_THROW(exportCsv("a\n", dir.filePath("x.csv"), false, o.provenance), srs::InvalidArgument);
    o.provenance = {};
    o.provenance.createdUtc = "yesterday";
    EXPECT_THROW(exportPlot(plot, dir.filePath("x.pdf"), o), srs::InvalidArgument);
    EXPECT_FALSE(QFile::exists(dir.filePath("x.png")) || QFile::exists(dir.filePath("x.pdf")) ||
                 QFile::exists(dir.filePath("x.csv")));
    // A file without provenance reads as none, not as an error.
    QImage plain(10, 10, QImage::Format_RGB32);
    plain.fill(Qt::white);
    ASSERT_TRUE(plain.save(dir.filePath("plain.png")));
    EXPECT_FALSE(readProvenance(dir.filePath("plain.png")).has_value());
    EXPECT_THROW(readProvenance(dir.filePath("plain.gif")), srs::Error);
}

TEST(Provenance, CsvWithHashInFieldsReadsBackInPandas) {
    QTemporaryDir dir;
    // '#' inside a field is quoted, so readers that drop '#' comments keep it.
    EXPECT_EQ(csvField("L12 #3071"), "\"L12 #3071\"");
    const QString path = dir.filePath("t.csv");
    exportCsv("name,value\n" + csvField("L12 #3071") + ",1.5\nplain,2\n", path, false, sampleProvenance());
    const QString py = "/usr/bin/python3";
    QProcess probe;
    probe.start(py, {"-c", "import pandas"});
    if (!probe.waitForFinished(20000) || probe.exitCode() != 0) GTEST_SKIP() << "pandas not installed";
    QProcess p;
    p.start(py, {"-c", "import pandas as pd, sys\n"
                       "d = pd.read_csv(sys.argv[1], comment='#')\n"
                       "print(list(d.columns), d['name'].tolist(), d['value'].sum())",
                 path});
    ASSERT_TRUE(p.waitForFinished(60000));
    EXPECT_EQ(QString::fromUtf8(p.readAllStandardOutput()).trimmed(),
              "['name', 'value'] ['L12 #3071', 'plain'] 3.5")
        << p.readAllStandardError().toStdString();
}

TEST(FigureSpec, JsonMatchesTheDocumentedLayoutAndRoundTrips) {
    FigureSpec spec;
    spec.view = FigureView::IouMatrix;
    spec.params.ratio = 0.9;
    spec.exportSettings.format = ExportFormat::Png;
    spec.exportSettings.preset = PaperPreset::DoubleColumn;
    spec.exportSettings.widthInches = 7.0;
    spec.exportSettings.dpi = 200;
    spec.provenance = sampleProvenance();
    spec.provenance.fingerprints = {{"cache", "sha256:00ff"}};
    // Written by hand from docs/GUI.md ("Figure specs"), not produced by the code.
    const std::string expected = R"({
  "export": {
    "csv": false,
    "dpi": 200,
    "font_family": "DejaVu Sans",
    "font_size_pt": 8,
    "format": "png",
    "height_in": 2.5,
    "palette": "okabe-ito",
    "preset": "double",
    "width_in": 7.0
  },
  "params": {
    "ratio": 0.9
  },
  "provenance": {
    "created": "2025-03-01T12:34:56Z",
    "fingerprints": {
      "cache": "sha256:00ff"
    },
    "regenerate": "srs replay paper.srs.json --from fig-7 --out figs",
    "schema": 1,
    "session_id": "sess-2f9c",
    "software_version": "9.8.7",
    "step_id": "fig-7"
  },
  "version": 1,
  "view": "iou-matrix"
}
)";
    EXPECT_EQ(figureSpecToJson(spec), expected);
    const FigureSpec back = figureSpecFromJson(expected, "spec.json");
    EXPECT_EQ(back.view, FigureView::IouMatrix);
    EXPECT_DOUBLE_EQ(back.params.ratio, 0.9);
    EXPECT_EQ(back.exportSettings.format, ExportFormat::Png);
    EXPECT_EQ(back.exportSettings.dpi, 200);
    EXPECT_DOUBLE_EQ(back.exportSettings.widthInches, 7.0);
    EXPECT_EQ(back.provenance, spec.provenance);
    // Every view round-trips its own parameters.
    FigureSpec trace;
    trace.view = FigureView::DopamineTrace;
    trace.params.colorBy = "L12 #3071";
    trace.params.firstToken = 5;
    trace.params.lastToken = 40;
    const FigureSpec t2 = figureSpecFromJson(figureSpecToJson(trace), "t");
    EXPECT_EQ(t2.params.colorBy, "L12 #3071");
    EXPECT_EQ(t2.params.firstToken, 5);
    EXPECT_EQ(t2.params.lastToken, 40);
    // Minimal spec: defaults.
    const FigureSpec minimal = figureSpecFromJson(R"({"version": 1, "view": "prune-curve"})", "m");
    EXPECT_EQ(minimal.exportSettings.format, ExportFormat::Pdf);
    EXPECT_DOUBLE_EQ(minimal.exportSettings.widthInches, 3.5);
}

TEST(FigureSpec, BadSpecsNameTheField) {
    auto message = [](const std::string& json) -> std::string {
        try {
            figureSpecFromJson(json, "s.json");
        } catch (const srs::FormatError& e) {
            return e.what();
        }
        return "no error";
    };
    auto has = [](const std::string& text, const std::string& part) {
        return text.find(part) != std::string::npos;
    };
    EXPECT_TRUE(has(message("{"), "s.json: figure spec is not valid JSON"));
    EXPECT_TRUE(has(message(R"({"version": 2, "view": "iou-matrix"})"), "version: 2 is newer"));
    EXPECT_TRUE(has(message(R"({"view": "iou-matrix"})"), "version: missing"));
    EXPECT_TRUE(has(message(R"({"version": 1, "view": "pie"})"), "unknown figure view 'pie'"));
    EXPECT_TRUE(has(message(R"({"version": 1, "view": "iou-matrix", "params": {"log_fraction_kept": true}})"),
                    "params.log_fraction_kept: unknown key"));
    EXPECT_TRUE(has(message(R"({"version": 1, "view": "iou-matrix", "params": {"ratio": "0.9"}})"),
                    "params.ratio: expected a number"));
    EXPECT_TRUE(has(message(R"({"version": 1, "view": "prune-curve", "export": {"preset": "single", "width_in": 7}})"),
                    "export.width_in: 7.000000 contradicts preset \"single\""));
    EXPECT_TRUE(has(message(R"({"version": 1, "view": "prune-curve", "export": {"palette": "jet"}})"),
                    "export.palette: only \"okabe-ito\""));
    EXPECT_TRUE(has(message(R"({"version": 1, "view": "prune-curve", "export": {"format": "gif"}})"),
                    "export.format: expected pdf, svg or png"));
    EXPECT_TRUE(has(message(R"({"version": 1, "view": "confidence", "params": {"plot": "pie"}})"),
                    "params.plot: expected \"reliability\" or \"scatter\""));
    EXPECT_TRUE(has(message(R"({"version": 1, "view": "prune-curve", "colour": 1})"), "colour: unknown key"));
    EXPECT_TRUE(has(message(R"({"version": 1, "view": "prune-curve", "provenance": {"schema": 1, "step_id": 3}})"),
                    "provenance.step_id: expected a string"));
}

TEST(RenderFigure, EveryViewKindToEveryFormat) {
    QTemporaryDir dir;
    const QString pdftoppm = QStandardPaths::findExecutable("pdftoppm");
    for (FigureView kind : {FigureView::ProbeTraining, FigureView::PruneCurve, FigureView::AblationHeatmap,
                            FigureView::IouMatrix, FigureView::DopamineTrace, FigureView::Confidence}) {
        const QString name = QString::fromStdString(figureViewName(kind));
        FigureSpec spec;
        spec.view = kind;
        spec.provenance = sampleProvenance();
        spec.provenance.stepId = name.toStdString();
        spec.exportSettings.widthInches = 7.0;  // double column at 150 dpi, 2.2 in high
        spec.exportSettings.preset = PaperPreset::DoubleColumn;
        spec.exportSettings.heightInches = 2.2;
        spec.exportSettings.dpi = 150;
        spec.exportSettings.csv = true;
        spec.params.logFractionKept = true;  // non-default parameters where a view has them
        spec.params.ratio = 0.9;
        spec.params.colorBy = "L12 #3071";
        spec.params.signal = "mean token log-prob";
        const FigureData data = sampleDataFor(kind);
        for (const char* suffix : {"pdf", "svg", "png"}) {
            spec.exportSettings.format = exportFormatFromSuffix(suffix);
            const QString path = dir.filePath(name + "." + suffix);
            renderFigure(spec, data, path, true);
            const QByteArray bytes = readAll(path);
            ASSERT_FALSE(bytes.isEmpty()) << path.toStdString();
            const auto back = readProvenance(path);
            ASSERT_TRUE(back.has_value()) << path.toStdString();
            EXPECT_EQ(*back, spec.provenance) << path.toStdString();
        }
        EXPECT_TRUE(readAll(dir.filePath(name + ".pdf")).startsWith("%PDF-"));
        QString root;
        EXPECT_TRUE(isWellFormedXml(readAll(dir.filePath(name + ".svg")), &root));
        EXPECT_EQ(root, "svg");
        const QImage png(dir.filePath(name + ".png"));
        EXPECT_EQ(png.size(), QSize(1050, 330)) << name.toStdString();  // 7 x 150, 2.2 x 150
        EXPECT_EQ(png.dotsPerMeterX(), qRound(150 / 0.0254));
        // Not a blank page: plenty of non-white pixels.
        int inked = 0;
        for (int y = 0; y < png.height(); y += 3)
            for (int x = 0; x < png.width(); x += 3) inked += png.pixel(x, y) != qRgb(255, 255, 255) ? 1 : 0;
        EXPECT_GT(inked, 500) << name.toStdString();
        EXPECT_EQ(readProvenance(dir.filePath(name + ".csv"))->stepId, name.toStdString());
        const QString info = runTool("pdfinfo", {dir.filePath(name + ".pdf")});
        if (!info.isEmpty()) {
            EXPECT_TRUE(info.contains(QRegularExpression("Page size:\\s+504 x 158 pts"))) << info.toStdString();
            EXPECT_TRUE(info.contains(QRegularExpression("Title:\\s+" + name + "\n")));
        }
    }
    // SRS_GUI_SHOT_DIR keeps the figures (and a 80 dpi rendering of one PDF) for a person.
    const QString keep = qEnvironmentVariable("SRS_GUI_SHOT_DIR");
    if (!keep.isEmpty()) {
        QDir().mkpath(keep + "/figures");
        for (const QString& f : QDir(dir.path()).entryList(QDir::Files)) {
            QFile::remove(keep + "/figures/" + f);
            QFile::copy(dir.filePath(f), keep + "/figures/" + f);
        }
        if (!pdftoppm.isEmpty())
            QProcess::execute(pdftoppm, {"-png", "-r", "80", dir.filePath("prune-curve.pdf"),
                                         keep + "/figures/prune-curve-pdf"});
    }
}

TEST(RenderFigure, ParametersChangeTheFigure) {
    QTemporaryDir dir;
    auto render = [&](FigureSpec spec, const FigureData& data, const QString& file) {
        spec.exportSettings.format = ExportFormat::Svg;
        renderFigure(spec, data, dir.filePath(file));
        return readAll(dir.filePath(file));
    };
    FigureSpec iou;
    iou.view = FigureView::IouMatrix;
    iou.params.ratio = 0.5;
    const QByteArray r50 = render(iou, srs::test::sampleIou(), "r50.svg");
    iou.params.ratio = 0.9;
    const QByteArray r90 = render(iou, srs::test::sampleIou(), "r90.svg");
    EXPECT_NE(r50, r90);
    iou.params.ratio = -1;  // default = first ratio
    EXPECT_EQ(render(iou, srs::test::sampleIou(), "r_default.svg"), r50);

    FigureSpec prune;
    prune.view = FigureView::PruneCurve;
    const QByteArray linear = render(prune, srs::test::samplePruneCurves(), "lin.svg");
    prune.params.logFractionKept = true;
    EXPECT_NE(render(prune, srs::test::samplePruneCurves(), "log.svg"), linear);

    // Colouring by a neuron plots its activation too, labelled with its name.
    FigureSpec trace;
    trace.view = FigureView::DopamineTrace;
    const QByteArray byDelta = render(trace, srs::test::sampleTrace(60), "delta.svg");
    trace.params.colorBy = "L13 #17";
    const QByteArray byNeuron = render(trace, srs::test::sampleTrace(60), "neuron.svg");
    EXPECT_FALSE(byDelta.contains("L13 #17"));
    EXPECT_TRUE(byNeuron.contains("L13 #17"));

    FigureSpec conf;
    conf.view = FigureView::Confidence;
    const QByteArray reliability = render(conf, srs::test::sampleConfidence(), "rel.svg");
    conf.params.plot = "scatter";
    EXPECT_NE(render(conf, srs::test::sampleConfidence(), "sc.svg"), reliability);
}

TEST(RenderFigure, RefusesMismatchedDataUnknownParametersAndOverwrite) {
    QTemporaryDir dir;
    auto message = [&](const FigureSpec& spec, const FigureData& data, const QString& file) -> std::string {
        try {
            renderFigure(spec, data, dir.filePath(file));
        } catch (const srs::Error& e) {
            return e.what();
        }
        return "no error";
    };
    FigureSpec spec;
    spec.view = FigureView::IouMatrix;
    EXPECT_EQ(message(spec, srs::test::sampleAblation(), "a.pdf"),
              "figure iou-matrix: got data for ablation-heatmap");
    spec.params.ratio = 0.7;
    EXPECT_EQ(message(spec, srs::test::sampleIou(), "a.pdf"),
              "figure iou-matrix: no IoU matrix at ratio 0.700000 (have 0.500000, 0.900000)");
    FigureSpec trace;
    trace.view = FigureView::DopamineTrace;
    trace.params.colorBy = "L99 #1";
    EXPECT_EQ(message(trace, srs::test::sampleTrace(10), "t.pdf"),
              "figure dopamine-trace: color_by: no neuron \"L99 #1\" (have \"delta\", \"L12 #3071\", \"L13 #17\")");
    trace.params.colorBy = "delta";
    trace.params.lastToken = 10;
    EXPECT_NE(message(trace, srs::test::sampleTrace(10), "t.pdf").find("outside the 10 tokens"), std::string::npos);
    FigureSpec conf;
    conf.view = FigureView::Confidence;
    conf.params.signal = "entropy";
    EXPECT_NE(message(conf, srs::test::sampleConfidence(), "c.pdf").find("no signal \"entropy\""), std::string::npos);
    FigureSpec empty;
    empty.view = FigureView::PruneCurve;
    EXPECT_EQ(message(empty, PruneCurveData{}, "e.pdf"), "figure prune-curve: no data to draw");
    EXPECT_NE(message(empty, srs::test::samplePruneCurves(), "e.png").find("suffix does not match"), std::string::npos);
    // An existing file is kept unless overwrite is asked for.
    QFile f(dir.filePath("keep.pdf"));
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write("mine");
    f.close();
    EXPECT_NE(message(empty, srs::test::samplePruneCurves(), "keep.pdf").find("file exists"), std::string::npos);
    EXPECT_EQ(readAll(dir.filePath("keep.pdf")), "mine");
    renderFigure(empty, srs::test::samplePruneCurves(), dir.filePath("keep.pdf"), true);
    EXPECT_TRUE(readAll(dir.filePath("keep.pdf")).startsWith("%PDF-"));
    EXPECT_TRUE(dir.isValid());
}
