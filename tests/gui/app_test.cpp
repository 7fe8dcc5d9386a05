#include <gtest/gtest.h>

#include <QCoreApplication>
#include <QMenuBar>
#include <QTabWidget>

#include "app/gui/device_options.h"
#include "app/gui/job_runner.h"
#include "app/gui/language.h"
#include "app/gui/main_window.h"
#include "app/gui/settings.h"
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
        EXPECT_EQ(window.tabs()->tabText(0), QString::fromUtf8("프로브 학습"));
        // Switching back at run time retranslates the open window.
        ASSERT_TRUE(Language::apply("en"));
        QCoreApplication::processEvents();
        EXPECT_EQ(window.menuBar()->actions().first()->text(), "&File");
        EXPECT_EQ(window.tabs()->tabText(0), "Probe training");
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
