#include <gtest/gtest.h>

#include <QAbstractItemModelTester>

#include "model_tester_support.h"
#include "models/confidence_table_model.h"
#include "models/job_list_model.h"
#include "models/workspace_model.h"

using srs::models::ConfidenceTableModel;
using srs::models::JobListModel;
using srs::models::WorkspaceModel;

TEST(WorkspaceModel, PassesModelTesterThroughInsertAndRemove) {
    srs::test::ModelTesterFailures failures;
    WorkspaceModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Warning);
    EXPECT_EQ(model.rowCount(), WorkspaceModel::kCategoryCount);
    const QModelIndex a = model.addItem(WorkspaceModel::Category::Models, "tiny", "/m/tiny");
    model.addItem(WorkspaceModel::Category::Models, "qwen", "/m/qwen");
    model.addItem(WorkspaceModel::Category::Caches, "acts.h5", "/c/acts.h5");
    // Same path twice: one entry.
    EXPECT_EQ(model.addItem(WorkspaceModel::Category::Models, "tiny again", "/m/tiny"), a);
    EXPECT_EQ(model.itemCount(WorkspaceModel::Category::Models), 2);
    EXPECT_EQ(model.rowCount(model.categoryIndex(WorkspaceModel::Category::Caches)), 1);
    EXPECT_EQ(a.parent(), model.categoryIndex(WorkspaceModel::Category::Models));
    EXPECT_EQ(a.data(WorkspaceModel::PathRole).toString(), "/m/tiny");
    EXPECT_EQ(model.rowCount(a), 0);
    EXPECT_TRUE(model.removeItem(model.find(WorkspaceModel::Category::Models, "/m/tiny")));
    EXPECT_FALSE(model.removeItem(model.categoryIndex(WorkspaceModel::Category::Models)));
    EXPECT_EQ(model.itemCount(WorkspaceModel::Category::Models), 1);
    EXPECT_EQ(model.index(0, 0, model.categoryIndex(WorkspaceModel::Category::Models))
                  .data(WorkspaceModel::PathRole).toString(), "/m/qwen");
    EXPECT_EQ(failures.count(), 0);
}

TEST(JobListModel, PassesModelTesterAndReportsProgress) {
    srs::test::ModelTesterFailures failures;
    JobListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Warning);
    model.addJob(7, "train");
    model.addJob(9, "capture");
    // 25 of 100 after 2 s: rate 12.5/s, 75 left -> 6 s (hand-worked).
    model.updateProgress(7, "epoch", 25, 100, "steps", 2000);
    const int row = model.rowOf(7);
    ASSERT_EQ(row, 0);
    EXPECT_DOUBLE_EQ(model.index(row, JobListModel::Progress).data(JobListModel::ProgressRole).toDouble(), 0.25);
    EXPECT_EQ(model.index(row, JobListModel::Eta).data().toString(), "6 s");
    EXPECT_TRUE(model.index(row, JobListModel::Progress).data().toString().startsWith("25%"));
    model.updateProgress(9, "scan", 10, 0, "tokens", 500);  // unknown total
    EXPECT_DOUBLE_EQ(model.index(1, JobListModel::Progress).data(JobListModel::ProgressRole).toDouble(), -1.0);
    EXPECT_EQ(model.index(1, JobListModel::Eta).data().toString(), "");
    model.setState(7, JobListModel::State::Failed, "cache.h5: dataset 'x' missing");
    EXPECT_TRUE(model.index(0, JobListModel::Status).data().toString().contains("cache.h5"));
    model.clearCompleted();
    EXPECT_EQ(model.rowCount(), 1);
    EXPECT_EQ(model.index(0, 0).data(JobListModel::JobIdRole).toInt(), 9);
    EXPECT_EQ(failures.count(), 0);
}

TEST(JobListModel, EtaAndDurationFormatting) {
    EXPECT_DOUBLE_EQ(JobListModel::estimateEtaSeconds(1000, 1, 4), 3.0);
    EXPECT_LT(JobListModel::estimateEtaSeconds(1000, 0, 4), 0.0);
    EXPECT_LT(JobListModel::estimateEtaSeconds(1000, 5, 4), 0.0);
    EXPECT_EQ(JobListModel::formatDuration(185), "3 min 05 s");
    EXPECT_EQ(JobListModel::formatDuration(3720), "1 h 02 min");
    EXPECT_EQ(JobListModel::formatDuration(-1), "");
}

TEST(ConfidenceTableModel, PassesModelTesterAndShowsValues) {
    srs::test::ModelTesterFailures failures;
    ConfidenceTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Warning);
    srs::widgets::ConfidenceSignal a;
    a.name = "value probe";
    a.spearman = 0.4213;
    a.spearmanP = 0.00001;
    a.auroc = 0.8125;
    a.aurocLow = 0.75;
    a.aurocHigh = 0.875;
    a.ece = 0.0412;
    srs::widgets::ConfidenceSignal b;
    b.name = "token entropy";
    model.setSignals({a, b});
    EXPECT_EQ(model.rowCount(), 2);
    EXPECT_EQ(model.index(0, ConfidenceTableModel::Signal).data().toString(), "value probe");
    EXPECT_EQ(model.index(0, ConfidenceTableModel::Spearman).data().toString(), "0.421");
    EXPECT_EQ(model.index(0, ConfidenceTableModel::SpearmanP).data().toString(), "1.0e-05");
    EXPECT_EQ(model.index(0, ConfidenceTableModel::AurocCi).data().toString(), "[0.750, 0.875]");
    EXPECT_DOUBLE_EQ(model.index(0, ConfidenceTableModel::Auroc).data(ConfidenceTableModel::ValueRole).toDouble(),
                     0.8125);
    model.setSignals({b});
    EXPECT_EQ(model.rowCount(), 1);
    EXPECT_EQ(failures.count(), 0);
}
