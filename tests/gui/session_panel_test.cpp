// The workbench's session: the step item model (QAbstractItemModelTester), panel actions
// (rename, annotate, delete, re-run) changing the session and the saved file, GUI jobs
// recording the CLI's step kinds, autosave to the recovery file, the recovery offer after a
// simulated crash, and provenance embedded in an export from the GUI (PNG text read back).
#include <gtest/gtest.h>

#include <QAbstractItemModelTester>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QImage>
#include <QTableView>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <nlohmann/json.hpp>

#include "app/gui/job_runner.h"
#include "app/gui/main_window.h"
#include "app/gui/session_controller.h"
#include "app/gui/session_panel.h"
#include "core/error.h"
#include "core/probe/probe_options.h"
#include "core/session/fingerprint.h"
#include "core/session/session.h"
#include "model_tester_support.h"
#include "models/session_step_model.h"
#include "test_util.h"
#include "tests/core/probe_synthetic_cache.h"
#include "widgets/prune_curve_view.h"

using namespace srs::app::gui;
namespace fs = std::filesystem;
using srs::test::readFile;

namespace {

bool waitFor(const std::function<bool()>& done, int timeoutMs) {
    QElapsedTimer t;
    t.start();
    while (!done() && t.elapsed() < timeoutMs) QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    return done();
}

/// A window whose session data folder is a temp dir, and a small synthetic cache.
class SessionGui : public ::testing::Test {
protected:
    void SetUp() override {
        dir = std::make_unique<srs::test::TempDir>();
        fs::create_directories(dir->path() / "ws" / "caches");
        probe_test::SyntheticSpec spec;
        spec.dModel = 16;
        spec.layers = {0};
        spec.planted = {3, 7};
        spec.questions = 12;
        probe_test::writeSyntheticCache((dir->path() / "ws" / "caches" / "a.h5").string(), spec);
        srs::test::writeFile(dir->path() / "ws" / "demo_summary.json", "{}");
    }
    QString data() const { return QString::fromStdString((dir->path() / "appdata").string()); }
    QString ws(const std::string& rel = {}) const {
        return QString::fromStdString((dir->path() / "ws" / rel).string());
    }
    std::unique_ptr<srs::test::TempDir> dir;
};

srs::core::ProbeTrainOptions fast() {
    srs::core::ProbeTrainOptions o;
    o.hidden = 8;
    o.epochs = 1;
    o.bootstrap = 10;
    o.seed = 5;
    return o;
}

int runToEnd(MainWindow& w, const std::function<int()>& start) {
    // Waits for that job only (its onSuccess may start others), then for the runner to idle.
    auto finished = std::make_shared<std::set<int>>();
    auto failed = std::make_shared<std::map<int, QString>>();
    QObject ctx;
    QObject::connect(w.jobRunner(), &JobRunner::jobFinished, &ctx, [finished](int id) { finished->insert(id); });
    QObject::connect(w.jobRunner(), &JobRunner::jobFailed, &ctx,
                     [failed](int id, const QString& m) { (*failed)[id] = m; });
    const int id = start();
    EXPECT_GT(id, 0);
    EXPECT_TRUE(waitFor([&] { return finished->count(id) || failed->count(id); }, 60000));
    EXPECT_FALSE(failed->count(id)) << (*failed)[id].toStdString();
    waitFor([&] { return false; }, 200);  // follow-up loads
    return id;
}

}  // namespace

TEST(SessionStepModel, PassesTheModelTesterAndEditsLabelAndNote) {
    srs::test::ModelTesterFailures failures;
    srs::models::SessionStepModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Warning);
    model.setRows({{"s1", "probe-train", "", "ok", "t0", "t1", "", "tip"}, {"s2", "iou", "x", "ok", "t2", "t3", "", ""}});
    EXPECT_EQ(model.rowCount(), 2);
    EXPECT_EQ(model.columnCount(), srs::models::SessionStepModel::ColumnCount);
    QString editedId, editedText;
    int editedColumn = -1;
    QObject::connect(&model, &srs::models::SessionStepModel::stepEdited, [&](const QString& id, int c, const QString& t) {
        editedId = id;
        editedColumn = c;
        editedText = t;
    });
    EXPECT_TRUE(model.setData(model.index(1, srs::models::SessionStepModel::Label), "renamed", Qt::EditRole));
    EXPECT_EQ(editedId, "s2");
    EXPECT_EQ(editedColumn, srs::models::SessionStepModel::Label);
    EXPECT_EQ(model.index(1, srs::models::SessionStepModel::Label).data().toString(), "renamed");
    EXPECT_FALSE(model.setData(model.index(0, srs::models::SessionStepModel::Kind), "x", Qt::EditRole));  // read-only
    EXPECT_EQ(model.index(0, 0).data(Qt::ToolTipRole).toString(), "tip");
    model.setRows({{"s1", "probe-train", "", "ok", "t0", "t1", "", ""}});  // reset
    model.setRows({{"s1", "probe-train", "a", "ok", "t0", "t1", "n", ""}});  // in place
    EXPECT_EQ(model.index(0, srs::models::SessionStepModel::Note).data().toString(), "n");
    model.setRows({});
    EXPECT_EQ(failures.count(), 0);
}

TEST_F(SessionGui, JobsRecordCliStepKindsAndPanelActionsChangeTheSavedFile) {
    MainWindow w;
    w.sessionController()->setDataDir(data());
    bool loaded = false;
    QObject::connect(&w, &MainWindow::workspaceLoaded, [&] { loaded = true; });
    w.openWorkspace(ws());
    ASSERT_TRUE(waitFor([&] { return loaded; }, 30000));
    SessionController* s = w.sessionController();
    EXPECT_TRUE(s->session().steps.empty());

    runToEnd(w, [&] { return w.trainProbes(ws("caches/a.h5"), fast()); });
    runToEnd(w, [&] { return w.runPruneCurve(ws("caches/a.h5"), fast(), {0.0, 0.5}); });
    ASSERT_EQ(s->session().steps.size(), 2u);
    const auto& train = s->session().steps[0];
    EXPECT_EQ(train.kind, "probe-train");
    EXPECT_EQ(train.id, "s1");
    ASSERT_EQ(train.inputs.size(), 1u);
    EXPECT_EQ(train.inputs[0].role, "cache");
    EXPECT_EQ(train.inputs[0].path, "caches/a.h5");  // relative to the workspace
    EXPECT_EQ(train.inputs[0].fingerprint, srs::core::semanticFingerprint(ws("caches/a.h5").toStdString()));
    ASSERT_EQ(train.outputs.size(), 1u);
    EXPECT_EQ(train.outputs[0].path, "probes/a-gui.h5");
    EXPECT_EQ(train.outputs[0].fingerprint, srs::core::semanticFingerprint(ws("probes/a-gui.h5").toStdString()));
    EXPECT_EQ(train.parameters["hidden"], 8);
    EXPECT_EQ(train.seeds.at("seed"), 5u);
    EXPECT_EQ(s->session().steps[1].kind, "prune-curve");
    EXPECT_EQ(s->session().steps[1].outputs.at(0).role, "curve");

    // The panel lists them; rename / annotate in place, delete; then save and read back.
    SessionPanel* panel = w.sessionPanel();
    auto* model = panel->model();
    ASSERT_EQ(model->rowCount(), 2);
    EXPECT_TRUE(model->index(0, 0).data(Qt::ToolTipRole).toString().contains("caches/a.h5"));
    EXPECT_TRUE(model->setData(model->index(0, srs::models::SessionStepModel::Label), "probes A", Qt::EditRole));
    EXPECT_TRUE(model->setData(model->index(1, srs::models::SessionStepModel::Note), "looks flat", Qt::EditRole));
    EXPECT_EQ(s->session().steps[0].label, "probes A");
    EXPECT_EQ(s->session().steps[1].note, "looks flat");
    const QString file = ws("gui.srs.json");
    ASSERT_TRUE(w.saveSession(file));
    auto saved = srs::core::readSessionFile(file.toStdString());
    EXPECT_EQ(saved.id, s->session().id);
    ASSERT_EQ(saved.steps.size(), 2u);
    EXPECT_EQ(saved.steps[0].label, "probes A");
    EXPECT_EQ(saved.steps[1].note, "looks flat");
    panel->selectStep("s1");
    EXPECT_EQ(panel->selectedStep(), "s1");
    panel->deleteSelected();
    EXPECT_EQ(model->rowCount(), 1);
    EXPECT_TRUE(s->isDirty());
    ASSERT_TRUE(w.saveSession());
    saved = srs::core::readSessionFile(file.toStdString());
    ASSERT_EQ(saved.steps.size(), 1u);
    EXPECT_EQ(saved.steps[0].id, "s2");
    EXPECT_THROW(s->renameStep("s9", "x"), srs::InvalidArgument);

    // Re-run the prune curve headless into replay/s2: its output fingerprint matches.
    runToEnd(w, [&] { return w.rerunStep("s2"); });
    const fs::path rerun = fs::path(ws().toStdString()) / "replay" / "s2" / "s2" / "a-prune-curve.json";
    ASSERT_TRUE(fs::exists(rerun)) << rerun;
    EXPECT_EQ(srs::core::semanticFingerprint(rerun), saved.steps[0].outputs[0].fingerprint);
    // A second re-run never overwrites: replay/s2-2.
    runToEnd(w, [&] { return w.rerunStep("s2"); });
    EXPECT_TRUE(fs::exists(fs::path(ws().toStdString()) / "replay" / "s2-2"));
}

TEST_F(SessionGui, AutosaveWritesRecoveryAndACrashTriggersTheOffer) {
    {
        MainWindow w;
        w.sessionController()->setDataDir(data());
        auto step = SessionController::makeStep("neurons", {{"layer", 0}, {"ratio", 0.5}}, {}, {}, {},
                                                ws().toStdString(), srs::core::isoTimeNow());
        w.sessionController()->appendStep(step);
        w.sessionController()->annotateStep("s1", "before the crash");
        w.sessionController()->autosave();
        ASSERT_TRUE(fs::exists(w.sessionController()->recoveryFile().toStdString()));
        const auto rec = srs::core::readSessionFile(w.sessionController()->recoveryFile().toStdString());
        ASSERT_EQ(rec.steps.size(), 1u);
        EXPECT_EQ(rec.steps[0].note, "before the crash");
        // Simulated crash: the window goes away without closeEvent (no clean-exit marker).
    }
    int asked = 0;
    MainWindow::setRecoveryPrompt([&](const QString& f) {
        ++asked;
        EXPECT_TRUE(f.endsWith("recovery.srs.json"));
        return true;
    });
    {
        MainWindow w;
        w.sessionController()->setDataDir(data());
        ASSERT_TRUE(w.sessionController()->recoveryPending());
        EXPECT_TRUE(w.offerRecovery());
        EXPECT_EQ(asked, 1);
        ASSERT_EQ(w.sessionController()->session().steps.size(), 1u);
        EXPECT_EQ(w.sessionController()->session().steps[0].note, "before the crash");
        EXPECT_EQ(w.sessionPanel()->model()->rowCount(), 1);
        w.close();  // clean exit: marker written, recovery removed
        EXPECT_FALSE(fs::exists(w.sessionController()->recoveryFile().toStdString()));
        EXPECT_TRUE(fs::exists(w.sessionController()->cleanExitFile().toStdString()));
    }
    {
        MainWindow w;
        w.sessionController()->setDataDir(data());
        EXPECT_FALSE(w.sessionController()->recoveryPending());
        EXPECT_FALSE(w.offerRecovery());
        EXPECT_EQ(asked, 1);  // no offer after a clean exit
    }
    MainWindow::setRecoveryPrompt({});
}

TEST_F(SessionGui, ExportFromTheGuiEmbedsProvenanceAndAddsAFigureStep) {
    MainWindow w;
    w.sessionController()->setDataDir(data());
    bool loaded = false;
    QObject::connect(&w, &MainWindow::workspaceLoaded, [&] { loaded = true; });
    w.openWorkspace(ws());
    ASSERT_TRUE(waitFor([&] { return loaded; }, 30000));
    runToEnd(w, [&] { return w.runPruneCurve(ws("caches/a.h5"), fast(), {0.0, 0.5}); });
    w.tabs()->setCurrentIndex(w.tabIndexOf("prune_curves"));
    const QString png = ws("fig.png");
    ASSERT_TRUE(w.exportCurrentView(png));
    const auto& steps = w.sessionController()->session().steps;
    ASSERT_EQ(steps.size(), 2u);
    EXPECT_EQ(steps[1].kind, "figure");
    EXPECT_EQ(steps[1].parameters["view"], "prune_curves");
    EXPECT_EQ(steps[1].outputs.at(0).role, "figure");
    QImage image(png);
    ASSERT_FALSE(image.isNull());
    const auto prov = nlohmann::json::parse(image.text("srs:provenance").toStdString());
    EXPECT_EQ(prov["session_id"], w.sessionController()->session().id);
    EXPECT_EQ(prov["step_id"], "s2");
    EXPECT_EQ(prov["fingerprints"]["data"],
              srs::core::semanticFingerprint(ws("analyses/a-prune-curve.json").toStdString()));
    EXPECT_NE(prov["regenerate"].get<std::string>().find("--from s2"), std::string::npos);
    // The figure step names the same data file and fingerprint.
    EXPECT_EQ(steps[1].inputs.at(0).fingerprint, prov["fingerprints"]["data"].get<std::string>());
}
