#include <gtest/gtest.h>

#include <QCoreApplication>
#include <QDockWidget>
#include <QDropEvent>
#include <QMenu>
#include <QLabel>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QMimeData>
#include <QUrl>
#include <QTabWidget>

#include "app/gui/device_options.h"
#include "app/gui/job_runner.h"
#include "app/gui/language.h"
#include "app/gui/main_window.h"
#include "app/gui/settings.h"
#include "core/cache/activation_cache_writer.h"
#include "models/job_list_model.h"
#include "models/workspace_model.h"

using namespace srs::app::gui;

TEST(Language, SwitchLoadsKoreanStrings) {
    ASSERT_TRUE(Language::apply("ko"));
    EXPECT_EQ(Language::current(), "ko");
    EXPECT_EQ(QCoreApplication::translate("srs::models::JobListModel", "Cancelled"), QString::fromUtf8("취소됨"));
    {
        MainWindow window;
        EXPECT_EQ(window.menuBar()->actions().first()->text(), QString::fromUtf8("파일(&F)"));
        auto* empty = window.tabs()->widget(0)->findChild<QLabel*>("emptyState");
        ASSERT_NE(empty, nullptr);
        EXPECT_EQ(empty->text(), QString::fromUtf8("이 보기를 보려면 프로브를 학습하세요."));
        EXPECT_EQ(window.tabs()->tabText(0), QString::fromUtf8("프로브 학습"));
        // Switching back at run time retranslates the open window.
        ASSERT_TRUE(Language::apply("en"));
        QCoreApplication::processEvents();
        EXPECT_EQ(window.menuBar()->actions().first()->text(), "&File");
        EXPECT_EQ(window.tabs()->tabText(0), "Probe training");
        EXPECT_EQ(empty->text(), "Train probes to see this view.");
        EXPECT_EQ(window.jobRunner()->model()->headerData(0, Qt::Horizontal).toString(), "Job");
    }
    EXPECT_FALSE(Language::apply("xx"));
    EXPECT_EQ(Language::current(), "en");
}

TEST(Settings, TypedKeysRoundTripAndRecentFiles) {
    Settings::set(keys::kThreads, 3);
    EXPECT_EQ(Settings::get(keys::kThreads), 3);
    Settings::set(keys::kRecentFiles, QStringList{});
    for (int i = 0; i < 12; ++i) Settings::addRecentFile(QString("/f/%1").arg(i));
    const QStringList recent = Settings::addRecentFile("/f/5");
    EXPECT_EQ(recent.size(), Settings::kMaxRecentFiles);
    EXPECT_EQ(recent.first(), "/f/5");
    EXPECT_EQ(recent.count("/f/5"), 1);
    EXPECT_EQ(Settings::get(keys::kRecentFiles), recent);
}

TEST(DeviceOptions, CpuAlwaysOffered) {
    const QStringList devices = availableDevices();
    ASSERT_FALSE(devices.isEmpty());
    EXPECT_EQ(devices.first(), "cpu");
    EXPECT_GE(hardwareThreads(), 1);
}

TEST(MainWindow, OpensModelThroughJobAndListsIt) {
    MainWindow window;
    window.openPath(SRS_TEST_FIXTURES "/tiny-qwen2-f32");
    ASSERT_TRUE(window.jobRunner()->waitForAll(20000));
    EXPECT_EQ(window.workspace()->itemCount(srs::models::WorkspaceModel::Category::Models), 1);
    EXPECT_EQ(Settings::get(keys::kRecentFiles).first(), SRS_TEST_FIXTURES "/tiny-qwen2-f32");
    // A folder that is not a model: the job fails with a message, the window stays.
    window.openModel(SRS_TEST_FIXTURES);
    ASSERT_TRUE(window.jobRunner()->waitForAll(20000));
    auto* jobs = window.jobRunner()->model();
    EXPECT_EQ(jobs->state(jobs->index(1, 0).data(srs::models::JobListModel::JobIdRole).toInt()),
              srs::models::JobListModel::State::Failed);
    EXPECT_EQ(window.workspace()->itemCount(srs::models::WorkspaceModel::Category::Models), 1);
}

TEST(DeviceOptions, RuntimeOptionsComeFromSettings) {
    Settings::set(keys::kThreads, 2);
    Settings::set(keys::kDevice, QString("cuda"));
    const auto options = runtimeOptionsFromSettings();
    EXPECT_EQ(options.threads, 2);
    // CUDA only when this build offers it; otherwise the CPU.
    EXPECT_EQ(options.device, availableDevices().contains("cuda") ? "cuda" : "cpu");
    Settings::set(keys::kDevice, QString("cpu"));
}

TEST(MainWindow, DropOfModelFolderOpensIt) {
    MainWindow window;
    auto* mime = new QMimeData;
    mime->setUrls({QUrl::fromLocalFile(SRS_TEST_FIXTURES "/tiny-qwen2-f32")});
    window.show();
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&window, &enter);
    EXPECT_TRUE(enter.isAccepted());
    QDropEvent drop(QPointF(10, 10), Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&window, &drop);
    EXPECT_TRUE(drop.isAccepted());
    EXPECT_EQ(window.jobRunner()->model()->rowCount(), 1);
    ASSERT_TRUE(window.jobRunner()->waitForAll(20000));
    EXPECT_EQ(window.workspace()->itemCount(srs::models::WorkspaceModel::Category::Models), 1);
    delete mime;
}

TEST(MainWindow, DockLayoutPersistsAcrossWindows) {
    Settings::set(keys::kWindowState, QByteArray());
    {
        MainWindow first;
        first.show();
        auto* jobs = first.findChild<QDockWidget*>("jobDock");
        ASSERT_NE(jobs, nullptr);
        EXPECT_TRUE(jobs->isVisible());
        jobs->hide();
        first.close();  // saves geometry and dock state
    }
    MainWindow second;
    second.show();
    EXPECT_FALSE(second.findChild<QDockWidget*>("jobDock")->isVisible());
    EXPECT_TRUE(second.findChild<QDockWidget*>("workspaceDock")->isVisible());
    second.findChild<QDockWidget*>("jobDock")->show();
    second.close();
}

TEST(MainWindow, StandardShortcuts) {
    MainWindow window;
    QStringList found;
    for (QAction* menu : window.menuBar()->actions())
        for (QAction* a : menu->menu()->actions())
            if (a->shortcut() == QKeySequence(QKeySequence::Open)) found << "open";
            else if (a->shortcut() == QKeySequence(QKeySequence::Quit)) found << "quit";
            else if (a->shortcut() == QKeySequence(QKeySequence::Print)) found << "export";
    EXPECT_TRUE(found.contains("open"));
    EXPECT_TRUE(found.contains("export"));
    // Some platforms have no standard Quit sequence; where one exists it is bound.
    if (!QKeySequence::keyBindings(QKeySequence::Quit).isEmpty()) EXPECT_TRUE(found.contains("quit"));
}

TEST(MainWindow, NonCacheH5IsRefusedWithMessage) {
    MainWindow window;
    // An HDF5 file that is not an SRS activation cache.
    window.openPath(SRS_TEST_FIXTURES "/tiny-qwen2-f32/refs/refs.h5");
    ASSERT_TRUE(window.jobRunner()->waitForAll(20000));
    auto* jobs = window.jobRunner()->model();
    ASSERT_EQ(jobs->rowCount(), 1);
    EXPECT_EQ(jobs->state(jobs->index(0, 0).data(srs::models::JobListModel::JobIdRole).toInt()),
              srs::models::JobListModel::State::Failed);
    EXPECT_TRUE(jobs->index(0, srs::models::JobListModel::Status).data().toString().contains("refs.h5"));
    EXPECT_EQ(window.workspace()->itemCount(srs::models::WorkspaceModel::Category::Caches), 0);
}

TEST(MainWindow, OpensActivationCacheAndShowsItsSummary) {
    QTemporaryDir dir;
    const std::string path = dir.filePath("tiny.h5").toStdString();
    {
        srs::core::CacheSchema schema;
        schema.hooks = {"resid_post"};
        schema.layers = {0, 1};
        schema.dModel = 4;
        schema.task = "gsm8k";
        srs::core::ActivationCacheWriter writer(path, schema);
        for (int r = 0; r < 3; ++r) {
            srs::core::RolloutRecord rec;
            rec.questionId = "q" + std::to_string(r);
            rec.reward = r == 1 ? 1.0f : 0.0f;  // mean reward 1/3
            rec.promptLen = 5;
            rec.responseLen = 2;
            const auto rows = srs::core::rowsForRollout(rec.responseLen, schema.tokenStride);
            std::vector<float> a(static_cast<size_t>(rows * schema.dModel), 0.5f), b = a;
            writer.appendRollout(rec, {a.data(), b.data()}, rows);
        }
        writer.finish();
    }
    MainWindow window;
    window.openPath(QString::fromStdString(path));
    ASSERT_TRUE(window.jobRunner()->waitForAll(20000));
    EXPECT_EQ(window.workspace()->itemCount(srs::models::WorkspaceModel::Category::Caches), 1);
    const QString summary = window.findChild<QPlainTextEdit*>("modelSummary")->toPlainText();
    EXPECT_TRUE(summary.contains(QRegularExpression("rollouts\\s+3\\n"))) << summary.toStdString();
    EXPECT_TRUE(summary.contains(QRegularExpression("rows\\s+9\\n"))) << summary.toStdString();  // 3 x (s_0 + 2)
    EXPECT_TRUE(summary.contains("0.3333")) << summary.toStdString();
    EXPECT_TRUE(summary.contains("gsm8k"));
}
