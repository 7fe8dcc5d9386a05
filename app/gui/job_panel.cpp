#include "app/gui/job_panel.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QPainter>
#include <QPushButton>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QVBoxLayout>

#include "app/gui/job_runner.h"
#include "models/job_list_model.h"

namespace srs::app::gui {
namespace {

/// Draws the Progress column as a progress bar (busy indicator when the total is unknown).
class ProgressDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override {
        const double fraction = index.data(models::JobListModel::ProgressRole).toDouble();
        QStyleOptionProgressBar bar;
        bar.rect = option.rect.adjusted(2, 2, -2, -2);
        bar.minimum = 0;
        bar.maximum = fraction < 0 ? 0 : 1000;
        bar.progress = fraction < 0 ? 0 : static_cast<int>(fraction * 1000);
        bar.text = index.data().toString();
        bar.textVisible = true;
        bar.state = option.state | QStyle::State_Horizontal;
        QApplication::style()->drawControl(QStyle::CE_ProgressBar, &bar, painter);
    }
};

}  // namespace

JobPanel::JobPanel(JobRunner* runner, QWidget* parent) : QWidget(parent), m_runner(runner) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    m_view = new QTableView(this);
    m_view->setModel(runner->model());
    m_view->setItemDelegateForColumn(models::JobListModel::Progress, new ProgressDelegate(m_view));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->verticalHeader()->setVisible(false);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->resizeSection(models::JobListModel::Title, 240);
    m_view->horizontalHeader()->resizeSection(models::JobListModel::Phase, 120);
    m_view->horizontalHeader()->resizeSection(models::JobListModel::Progress, 240);
    m_view->horizontalHeader()->resizeSection(models::JobListModel::Eta, 100);
    m_view->setWordWrap(false);
    layout->addWidget(m_view, 1);
    auto* buttons = new QHBoxLayout;
    m_cancel = new QPushButton(this);
    m_clear = new QPushButton(this);
    buttons->addStretch();
    buttons->addWidget(m_clear);
    buttons->addWidget(m_cancel);
    layout->addLayout(buttons);
    connect(m_cancel, &QPushButton::clicked, this, &JobPanel::cancelSelected);
    connect(m_clear, &QPushButton::clicked, runner->model(), &models::JobListModel::clearCompleted);
    retranslate();
}

void JobPanel::retranslate() {
    m_cancel->setText(tr("Cancel"));
    m_cancel->setToolTip(tr("Cancel the selected job (or the only running one)"));
    m_clear->setText(tr("Clear finished"));
}

void JobPanel::cancelSelected() {
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    if (!rows.isEmpty()) {
        m_runner->cancel(rows.first().data(models::JobListModel::JobIdRole).toInt());
        return;
    }
    // Nothing selected: cancel the most recent running job.
    auto* model = m_runner->model();
    for (int row = model->rowCount() - 1; row >= 0; --row) {
        const int id = model->index(row, 0).data(models::JobListModel::JobIdRole).toInt();
        if (m_runner->isRunning(id)) {
            m_runner->cancel(id);
            return;
        }
    }
}

}  // namespace srs::app::gui
