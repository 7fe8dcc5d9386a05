// Renders every view with synthetic data (grab()) and checks the picture is not blank.
// With SRS_GUI_SHOT_DIR set, the PNGs are kept there for a person to look at.
#include <gtest/gtest.h>

#include <QDir>
#include <QImage>
#include <QPixmap>
#include <QTemporaryDir>
#include <QTest>
#include <memory>
#include <set>

#include "sample_data.h"
#include "widgets/ablation_heatmap_view.h"
#include "widgets/confidence_view.h"
#include "widgets/dopamine_trace_view.h"
#include "widgets/iou_matrix_view.h"
#include "widgets/playground_view.h"
#include "widgets/probe_training_view.h"
#include "widgets/prune_curve_view.h"

using namespace srs::widgets;

namespace {

void grabAndCheck(QWidget& view, const QString& name) {
    view.resize(1000, 650);
    view.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&view));
    QTest::qWait(50);
    const QImage image = view.grab().toImage();
    ASSERT_FALSE(image.isNull());
    std::set<QRgb> colours;
    for (int y = 0; y < image.height(); y += 7)
        for (int x = 0; x < image.width(); x += 7) colours.insert(image.pixel(x, y));
    EXPECT_GT(colours.size(), 8u) << name.toStdString() << " looks blank";
    const QString dir = qEnvironmentVariable("SRS_GUI_SHOT_DIR");
    if (!dir.isEmpty()) {
        QDir().mkpath(dir);
        image.save(dir + "/" + name + ".png");
    }
}

}  // namespace

TEST(ViewGallery, EveryViewRendersSampleData) {
    {
        ProbeTrainingView v;
        std::vector<TrainingPoint> pts;
        for (int layer : {4, 8, 12})
            for (int s = 0; s <= 200; s += 10)
                pts.push_back({layer, s, 0.7 * std::exp(-s / (60.0 + layer * 5)) + 0.2,
                               s % 50 == 0 ? 0.5 + 0.4 * (1 - std::exp(-s / 80.0)) - layer * 0.01 : -1});
        v.appendPoints(pts);
        grabAndCheck(v, "probe_training");
    }
    {
        PruneCurveView v;
        v.setData(srs::test::samplePruneCurves());
        grabAndCheck(v, "prune_curves");
    }
    {
        AblationHeatmapView v;
        v.setData(srs::test::sampleAblation());
        grabAndCheck(v, "ablation_heatmap");
    }
    {
        IouMatrixView v;
        v.setData(srs::test::sampleIou());
        grabAndCheck(v, "iou_matrix");
    }
    {
        DopamineTraceView v;
        v.setData(srs::test::sampleTrace(8000));
        grabAndCheck(v, "dopamine_trace");
    }
    {
        PlaygroundView v;
        v.setHooks({"blocks.12.hook_resid_post", "blocks.12.mlp.hook_post"});
        const char* words[] = {"Natalia", " sold", " 48", " clips", " in", " April", "."};
        for (int i = 0; i < 7; ++i) {
            v.appendToken(0, words[i], 0.3 + 0.05 * i);
            v.appendToken(1, words[i], 0.3 - 0.04 * i);
        }
        grabAndCheck(v, "playground");
    }
    {
        ConfidenceView v;
        v.setData(srs::test::sampleConfidence());
        grabAndCheck(v, "confidence");
    }
}
