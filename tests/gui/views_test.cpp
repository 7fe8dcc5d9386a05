#include <gtest/gtest.h>

#include <cstdio>

#include <QDir>
#include <QComboBox>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QPushButton>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include "core/error.h"
#include "qcustomplot.h"
#include "sample_data.h"
#include "widgets/ablation_heatmap_view.h"
#include "widgets/confidence_view.h"
#include "widgets/dopamine_trace_view.h"
#include "widgets/export_dialog.h"
#include "widgets/iou_matrix_view.h"
#include "widgets/playground_view.h"
#include "widgets/plot_export.h"
#include "widgets/probe_training_view.h"
#include "widgets/prune_curve_view.h"
#include "widgets/token_text_widget.h"

using namespace srs::widgets;

namespace {

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/// Exports every plot of `view` as PDF, SVG and PNG and checks the files.
void checkExports(PlotView& view, const QString& dir) {
    ASSERT_FALSE(view.isEmpty()) << view.viewName().toStdString();
    const auto plots = view.exportPlots();
    ASSERT_FALSE(plots.isEmpty());
    for (int i = 0; i < plots.size(); ++i) {
        const QString base = dir + "/" + view.viewName() + QString::number(i);
        ExportOptions o;
        o.format = ExportFormat::Pdf;
        exportPlot(plots[i], base + ".pdf", o);
        const QByteArray pdf = readAll(base + ".pdf");
        EXPECT_GT(pdf.size(), 1000);
        EXPECT_TRUE(pdf.startsWith("%PDF-")) << base.toStdString();

        o.format = ExportFormat::Svg;
        exportPlot(plots[i], base + ".svg", o);
        QXmlStreamReader xml(readAll(base + ".svg"));
        QString root;
        int elements = 0;
        while (!xml.atEnd()) {
            if (xml.readNext() == QXmlStreamReader::StartElement) {
                if (root.isEmpty()) root = xml.name().toString();
                ++elements;
            }
        }
        EXPECT_FALSE(xml.hasError()) << xml.errorString().toStdString();
        EXPECT_EQ(root, "svg");
        EXPECT_GT(elements, 10);

        // Single column at 300 dpi: 3.5 in x 2.5 in -> 1050 x 750 px.
        o.format = ExportFormat::Png;
        exportPlot(plots[i], base + ".png", o);
        QImage png(base + ".png");
        EXPECT_EQ(png.size(), QSize(1050, 750)) << base.toStdString();
        // Double column at 150 dpi, 2 in high: 7 x 150 = 1050, 2 x 150 = 300.
        o.widthInches = presetWidthInches(PaperPreset::DoubleColumn);
        o.heightInches = 2.0;
        o.dpi = 150;
        exportPlot(plots[i], base + "_wide.png", o);
        EXPECT_EQ(QImage(base + "_wide.png").size(), QSize(1050, 300));
    }
    exportCsv(view.csv(), dir + "/" + view.viewName() + ".csv", false);
    // For a person to look at: SRS_GUI_SHOT_DIR keeps a copy of every export.
    const QString keep = qEnvironmentVariable("SRS_GUI_SHOT_DIR");
    if (!keep.isEmpty()) {
        QDir().mkpath(keep + "/exports");
        for (const QString& f : QDir(dir).entryList(QDir::Files)) {
            QFile::remove(keep + "/exports/" + f);
            QFile::copy(dir + "/" + f, keep + "/exports/" + f);
        }
    }
    EXPECT_GT(readAll(dir + "/" + view.viewName() + ".csv").count('\n'), 1);
}

}  // namespace

TEST(PlotExport, RefusesToOverwriteUnlessAsked) {
    QTemporaryDir dir;
    ProbeTrainingView view;
    view.appendPoints({{0, 1, 0.7, 0.6}, {0, 2, 0.5, 0.7}});
    const QString path = dir.filePath("x.pdf");
    QFile f(path);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write("mine");
    f.close();
    ExportOptions o;
    EXPECT_THROW(exportPlot(view.exportPlots()[0], path, o), srs::Error);
    EXPECT_EQ(readAll(path), "mine");
    o.overwrite = true;
    exportPlot(view.exportPlots()[0], path, o);
    EXPECT_TRUE(readAll(path).startsWith("%PDF-"));
    EXPECT_THROW(exportFormatFromSuffix("gif"), srs::InvalidArgument);
    EXPECT_EQ(csvField("a,b"), "\"a,b\"");
    EXPECT_EQ(csvField("say \"hi\""), "\"say \"\"hi\"\"\"");
}

TEST(ProbeTrainingView, EmptyStateThenLivePointsAndExport) {
    QTemporaryDir dir;
    ProbeTrainingView view;
    EXPECT_TRUE(view.isEmpty());
    view.appendPoints({{3, 0, 0.69, -1}, {5, 0, 0.70, -1}});
    view.appendPoints({{3, 10, 0.40, 0.81}, {5, 10, 0.45, 0.77}});
    EXPECT_FALSE(view.isEmpty());
    EXPECT_EQ(view.layerCount(), 2);
    const QStringList lines = view.csv().trimmed().split('\n');
    ASSERT_EQ(lines.size(), 5);
    EXPECT_EQ(lines[0], "layer,step,loss,heldout_auroc");
    EXPECT_EQ(lines[1], "3,0,0.69,");
    EXPECT_EQ(lines[3], "3,10,0.4,0.81");
    checkExports(view, dir.path());
}

TEST(PruneCurveView, ClickOnPointEmitsNeuronSetSelected) {
    QTemporaryDir dir;
    PruneCurveView view;
    view.resize(900, 600);
    view.setData(srs::test::samplePruneCurves());
    view.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&view));
    QCustomPlot* plot = view.exportPlots()[0];
    plot->replot();
    QSignalSpy spy(&view, &PruneCurveView::neuronSetSelected);
    // Curve 1 (layer 12), point 2 (ratio 0.9).
    const QPoint p = view.pixelOf(1, 2).toPoint();
    EXPECT_EQ(view.pointAt(p), qMakePair(1, 2));
    QTest::mouseClick(plot, Qt::LeftButton, {}, p);
    ASSERT_EQ(spy.count(), 1);
    EXPECT_EQ(spy[0][0].toInt(), 12);
    EXPECT_DOUBLE_EQ(spy[0][1].toDouble(), 0.9);
    // A pan that ends on a point is not a click.
    QTest::mousePress(plot, Qt::LeftButton, {}, p + QPoint(60, 0));
    QTest::mouseMove(plot, p);
    QTest::mouseRelease(plot, Qt::LeftButton, {}, p);
    EXPECT_EQ(spy.count(), 1);
    view.setData(srs::test::samplePruneCurves());  // undo the pan
    plot->replot();
    // Far from every point: nothing.
    EXPECT_EQ(view.pointAt(QPoint(2, 2)).first, -1);
    view.setLogFractionKept(true);
    plot->replot();
    EXPECT_EQ(plot->xAxis->scaleType(), QCPAxis::stLogarithmic);
    EXPECT_EQ(view.pointAt(view.pixelOf(0, 3).toPoint()), qMakePair(0, 3));
    EXPECT_EQ(view.csv().count('\n'), 1 + 8);
    checkExports(view, dir.path());
}

TEST(PruneCurveView, RejectsMismatchedCurves) {
    PruneCurveView view;
    auto data = srs::test::samplePruneCurves();
    data.curves[1].auroc.pop_back();
    try {
        view.setData(data);
        FAIL() << "expected InvalidArgument";
    } catch (const srs::InvalidArgument& e) {
        EXPECT_NE(std::string(e.what()).find("layer 12"), std::string::npos) << e.what();
    }
    EXPECT_TRUE(view.isEmpty());
}

TEST(AblationHeatmapView, CellClickAndAnnotations) {
    QTemporaryDir dir;
    AblationHeatmapView view;
    view.resize(800, 600);
    view.setData(srs::test::sampleAblation());
    view.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&view));
    QCustomPlot* plot = view.exportPlots()[0];
    plot->replot();
    QSignalSpy spy(&view, &AblationHeatmapView::cellActivated);
    const QPoint centre = view.cellCenter(1, 2).toPoint();  // layer 8, "dopamine set"
    EXPECT_EQ(view.cellAt(centre), QPoint(1, 2));
    QTest::mouseClick(plot, Qt::LeftButton, {}, centre);
    ASSERT_EQ(spy.count(), 1);
    EXPECT_EQ(spy[0][0].toInt(), 8);
    EXPECT_EQ(spy[0][1].toString(), "dopamine set");
    // 9 annotated cells; cell (1, 2) = index 5: accuracy 0.65 -> "65.0%\n[60.0, 70.0]".
    EXPECT_EQ(plot->itemCount(), 9);
    bool found = false;
    for (int i = 0; i < plot->itemCount(); ++i)
        if (auto* t = qobject_cast<QCPItemText*>(plot->item(i)))
            found |= t->text() == "65.0%\n[60.0, 70.0]";
    EXPECT_TRUE(found);
    auto bad = srs::test::sampleAblation();
    bad.delta.pop_back();
    EXPECT_THROW(view.setData(bad), srs::InvalidArgument);
    checkExports(view, dir.path());
}

TEST(IouMatrixView, SliderSwitchesRatioAndShowsChance) {
    QTemporaryDir dir;
    IouMatrixView view;
    view.setData(srs::test::sampleIou());
    EXPECT_EQ(view.caption(), "ratio 0.500, chance IoU 0.333");
    view.setRatioIndex(1);
    EXPECT_EQ(view.caption(), "ratio 0.900, chance IoU 0.053");
    view.setRatioIndex(5);  // clamped
    EXPECT_EQ(view.ratioIndex(), 1);
    EXPECT_EQ(view.csv().count('\n'), 1 + 2 * 9);
    auto bad = srs::test::sampleIou();
    bad.iou[1].pop_back();
    EXPECT_THROW(view.setData(bad), srs::InvalidArgument);
    checkExports(view, dir.path());
}

// Several IoU results (one per layer) arriving in any order: the first in name order shows
// until the user picks another in the chooser; a later result does not take over the view;
// replacing the shown one redraws it; setData goes back to a single result.
TEST(IouMatrixView, ChooserShowsFirstByNameUntilTheUserPicks) {
    IouMatrixView view;
    QSignalSpy changed(&view, &IouMatrixView::sourceChanged);
    auto layer0 = srs::test::sampleIou(), layer1 = srs::test::sampleIou();
    layer1.chanceIou = {0.25, 0.04};
    auto* chooser = view.findChild<QComboBox*>(QStringLiteral("iouSource"));
    ASSERT_NE(chooser, nullptr);
    view.addData(QStringLiteral("/w/analyses/iou-layer1.json"), layer1);
    EXPECT_EQ(view.currentSource(), "/w/analyses/iou-layer1.json");
    EXPECT_TRUE(chooser->isHidden());  // one result: no chooser
    view.addData(QStringLiteral("/w/analyses/iou-layer0.json"), layer0);  // loaded second, sorts first
    EXPECT_EQ(view.currentSource(), "/w/analyses/iou-layer0.json");
    EXPECT_EQ(view.caption(), "ratio 0.500, chance IoU 0.333");
    EXPECT_FALSE(chooser->isHidden());
    ASSERT_EQ(chooser->count(), 2);
    EXPECT_EQ(chooser->itemText(0), "iou-layer0.json");
    EXPECT_EQ(chooser->currentIndex(), 0);
    EXPECT_EQ(changed.count(), 2);
    // The user picks layer 1 in the chooser.
    chooser->activated(1);
    EXPECT_EQ(view.currentSource(), "/w/analyses/iou-layer1.json");
    EXPECT_EQ(view.caption(), "ratio 0.500, chance IoU 0.250");
    // A result loaded later (sorting first) does not take the view from the user's choice.
    auto layer00 = srs::test::sampleIou();
    layer00.chanceIou = {0.1, 0.01};
    view.addData(QStringLiteral("/w/analyses/iou-a.json"), layer00);
    EXPECT_EQ(view.currentSource(), "/w/analyses/iou-layer1.json");
    EXPECT_EQ(view.sourceNames().size(), 3);
    // Replacing the shown result redraws it.
    layer1.chanceIou = {0.2, 0.03};
    view.addData(QStringLiteral("/w/analyses/iou-layer1.json"), layer1);
    EXPECT_EQ(view.caption(), "ratio 0.500, chance IoU 0.200");
    EXPECT_TRUE(view.showSource(QStringLiteral("/w/analyses/iou-a.json")));
    EXPECT_EQ(view.caption(), "ratio 0.500, chance IoU 0.100");
    EXPECT_FALSE(view.showSource(QStringLiteral("missing.json")));
    auto bad = srs::test::sampleIou();
    bad.iou[0].pop_back();
    EXPECT_THROW(view.addData(QStringLiteral("bad.json"), bad), srs::InvalidArgument);
    EXPECT_EQ(view.sourceNames().size(), 3);
    view.setData(layer0);
    EXPECT_TRUE(view.sourceNames().isEmpty());
    EXPECT_TRUE(chooser->isHidden());
}

TEST(DopamineTraceView, VirtualisedTextAndTooltips) {
    QTemporaryDir dir;
    DopamineTraceView view;
    view.resize(1000, 700);
    view.setData(srs::test::sampleTrace(8000));
    view.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&view));
    TokenTextWidget* text = view.textWidget();
    EXPECT_EQ(text->tokenCount(), 8000);
    EXPECT_GT(text->rowCount(), 100);
    text->viewport()->repaint();
    EXPECT_GT(text->lastPaintedTokens(), 0);
    std::printf("tokens painted per frame: %d of 8000\n", text->lastPaintedTokens());
    EXPECT_LT(text->lastPaintedTokens(), 2000);  // only visible rows are painted
    // Scroll to the end: the last token becomes visible and paints.
    text->ensureTokenVisible(7999);
    text->viewport()->repaint();
    EXPECT_EQ(text->visibleTokenRange().second, 7999);
    const QRect r = text->tokenRect(7990);
    EXPECT_EQ(text->tokenAt(r.center()), 7990);
    // Token 7990: 7990 % 3 == 1 -> " 42", id 1000 + 7990 % 50 = 1040.
    const QString tip = view.tokenTooltip(7990);
    EXPECT_TRUE(tip.contains("id 1040")) << tip.toStdString();
    EXPECT_TRUE(tip.contains(QString::number(0.1 * std::cos(7990 * 0.3), 'f', 4))) << tip.toStdString();
    view.setColorSource(1);
    EXPECT_TRUE(view.tokenTooltip(7990).contains("L12 #3071"));
    // Paint time over a full scroll stays small.
    QElapsedTimer t;
    t.start();
    for (int i = 0; i < 50; ++i) {
        text->ensureTokenVisible(i * 160);
        text->viewport()->repaint();
    }
    std::printf("50 scroll+repaint steps: %lld ms\n", static_cast<long long>(t.elapsed()));
    EXPECT_LT(t.elapsed(), 2000);
    auto bad = srs::test::sampleTrace(10);
    bad.delta.pop_back();
    EXPECT_THROW(view.setData(bad), srs::InvalidArgument);
    checkExports(view, dir.path());
}

TEST(ConfidenceView, PlotsAndTable) {
    QTemporaryDir dir;
    ConfidenceView view;
    view.setData(srs::test::sampleConfidence());
    EXPECT_EQ(view.exportPlots().size(), 2);
    EXPECT_EQ(view.csv().count('\n'), 1 + 80);
    view.setCurrentSignal(1);
    checkExports(view, dir.path());
}

TEST(PlaygroundView, GenerateEmitsRequestAndPanesStream) {
    QTemporaryDir dir;
    PlaygroundView view;
    view.setHooks({"blocks.0.hook_resid_post", "blocks.1.hook_resid_post"});
    QSignalSpy spy(&view, &PlaygroundView::generateRequested);
    const PlaygroundRequest r = view.request();
    EXPECT_EQ(r.hook, "blocks.0.hook_resid_post");
    EXPECT_EQ(r.op, "zero");
    auto* button = view.findChild<QPushButton*>();
    ASSERT_NE(button, nullptr);
    button->click();
    EXPECT_EQ(spy.count(), 1);
    view.appendToken(0, "The", 0.2);
    view.appendToken(0, " answer", 0.4);
    view.appendToken(1, "No", -0.1);
    EXPECT_EQ(view.csv().count('\n'), 1 + 3);
    checkExports(view, dir.path());
}

namespace {
/// Height in points of the bounding box of `word` in a PDF, measured by poppler's
/// pdftotext (an independent reader); -1 when not found.
double pdfWordHeight(const QString& pdf, const QString& word) {
    QProcess p;
    p.start(QStandardPaths::findExecutable("pdftotext"), {"-bbox", pdf, "-"});
    if (!p.waitForFinished(20000)) return -1;
    const QString out = QString::fromUtf8(p.readAllStandardOutput());
    const QRegularExpression re("yMin=\"([0-9.]+)\" xMax=\"[0-9.]+\" yMax=\"([0-9.]+)\">" + word + "<");
    const auto m = re.match(out);
    return m.hasMatch() ? m.captured(2).toDouble() - m.captured(1).toDouble() : -1;
}
}  // namespace

TEST(PlotExport, PdfFontSizeIsTheChosenPointSize) {
    if (QStandardPaths::findExecutable("pdftotext").isEmpty()) GTEST_SKIP() << "pdftotext not installed";
    QTemporaryDir dir;
    ProbeTrainingView view;
    view.appendPoints({{0, 1, 0.7, 0.6}, {0, 2, 0.5, 0.7}});
    ExportOptions o;
    o.fontPointSize = 8;
    exportPlot(view.exportPlots()[0], dir.filePath("a.pdf"), o);
    o.fontPointSize = 16;
    exportPlot(view.exportPlots()[0], dir.filePath("b.pdf"), o);
    const double h8 = pdfWordHeight(dir.filePath("a.pdf"), "Training");
    const double h16 = pdfWordHeight(dir.filePath("b.pdf"), "Training");
    // A word's box spans ascent + descent, about 1.0-1.3 x the point size for DejaVu Sans.
    EXPECT_GT(h8, 8 * 0.95);
    EXPECT_LT(h8, 8 * 1.35);
    EXPECT_NEAR(h16 / h8, 2.0, 0.15);
    // The widget's own fonts come back after the export.
    EXPECT_NE(view.exportPlots()[0]->xAxis->labelFont().pixelSize(), 16);
}

TEST(ExportDialog, ExportsPlotAndCsvWithDialogValues) {
    QTemporaryDir dir;
    ConfidenceView view;
    view.setData(srs::test::sampleConfidence());
    ExportDialog dialog(&view, dir.path());
    EXPECT_EQ(dialog.options().format, ExportFormat::Pdf);
    EXPECT_DOUBLE_EQ(dialog.options().widthInches, 3.5);
    EXPECT_EQ(QFileInfo(dialog.path()).fileName(), "reliability.pdf");
    ASSERT_TRUE(dialog.runExport());
    EXPECT_TRUE(readAll(dir.filePath("reliability.pdf")).startsWith("%PDF-"));
    // Provenance comment lines first (see figure_export_test.cpp), then the data.
    EXPECT_TRUE(readAll(dir.filePath("reliability.csv")).startsWith("# software_version: "));
    EXPECT_TRUE(readAll(dir.filePath("reliability.csv")).contains("\nsignal,sample,score,correct\n"));
    // Second plot, PNG, double column.
    auto combos = dialog.findChildren<QComboBox*>();
    ASSERT_GE(combos.size(), 3);
    combos[0]->setCurrentIndex(1);  // plot: scatter
    combos[1]->setCurrentIndex(2);  // format: PNG
    combos[2]->setCurrentIndex(1);  // width: double column
    EXPECT_EQ(QFileInfo(dialog.path()).fileName(), "scatter.png");
    ASSERT_TRUE(dialog.runExport());
    EXPECT_EQ(QImage(dir.filePath("scatter.png")).size(), QSize(2100, 750));  // 7 x 300, 2.5 x 300
}
