#include "app/gui/session_panel.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

#include "app/gui/session_controller.h"
#include "models/session_step_model.h"

namespace srs::app::gui {
namespace {

QString q(const std::string& s) { return QString::fromStdString(s); }

QString details(const core::SessionStep& s) {
    QString t = QStringLiteral("%1 (%2)\n").arg(q(s.id), q(s.kind));
    t += SessionPanel::tr("Parameters: %1").arg(q(s.parameters.dump())) + QLatin1Char('\n');
    if (!s.seeds.empty()) {
        QStringList seeds;
        for (const auto& [k, v] : s.seeds) seeds << QStringLiteral("%1=%2").arg(q(k)).arg(v);
        t += SessionPanel::tr("Seeds: %1").arg(seeds.join(QStringLiteral(", "))) + QLatin1Char('\n');
    }
    if (s.model) t += SessionPanel::tr("Model: %1 [%2]").arg(q(s.model->path), q(s.model->fingerprint)) + QLatin1Char('\n');
    for (const auto& f : s.inputs)
        t += SessionPanel::tr("Input %1: %2 [%3]").arg(q(f.role), q(f.path), q(f.fingerprint)) + QLatin1Char('\n');
    for (const auto& f : s.outputs)
        t += SessionPanel::tr("Output %1: %2 [%3]").arg(q(f.role), q(f.path), q(f.fingerprint)) + QLatin1Char('\n');
    return t.trimmed();
}

}  // namespace

SessionPanel::SessionPanel(SessionController* session, QWidget* parent)
    : QWidget(parent), m_session(session), m_model(new models::SessionStepModel(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("sessionTitle"));
    layout->addWidget(m_title);
    m_view = new QTableView(this);
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    layout->addWidget(m_view, 1);
    auto* buttons = new QHBoxLayout;
    m_rerun = new QPushButton(this);
    m_rerunAll = new QPushButton(this);
    m_rename = new QPushButton(this);
    m_annotate = new QPushButton(this);
    m_delete = new QPushButton(this);
    for (auto* b : {m_rerun, m_rerunAll, m_rename, m_annotate, m_delete}) buttons->addWidget(b);
    buttons->addStretch(1);
    layout->addLayout(buttons);

    connect(m_rerun, &QPushButton::clicked, this, [this] {
        if (!selectedStep().isEmpty()) emit rerunRequested(selectedStep());
    });
    connect(m_rerunAll, &QPushButton::clicked, this, &SessionPanel::rerunAllRequested);
    connect(m_rename, &QPushButton::clicked, this, &SessionPanel::renameSelected);
    connect(m_annotate, &QPushButton::clicked, this, &SessionPanel::annotateSelected);
    connect(m_delete, &QPushButton::clicked, this, &SessionPanel::deleteSelected);
    connect(m_model, &models::SessionStepModel::stepEdited, this, [this](const QString& id, int column, const QString& text) {
        if (column == models::SessionStepModel::Label)
            m_session->renameStep(id, text);
        else
            m_session->annotateStep(id, text);
    });
    connect(m_session, &SessionController::changed, this, &SessionPanel::refresh);
    retranslate();
    refresh();
}

QString SessionPanel::selectedStep() const {
    const auto rows = m_view->selectionModel() ? m_view->selectionModel()->selectedRows() : QModelIndexList{};
    return rows.isEmpty() ? QString() : rows.front().data(models::SessionStepModel::StepIdRole).toString();
}

void SessionPanel::selectStep(const QString& id) {
    const int row = m_model->rowOf(id);
    if (row >= 0) m_view->selectRow(row);
}

void SessionPanel::refresh() {
    const QString keep = selectedStep();
    const auto& s = m_session->session();
    std::vector<models::SessionStepRow> rows;
    for (const auto& st : s.steps)
        rows.push_back({q(st.id), q(st.kind), q(st.label), q(st.status), q(st.started), q(st.ended), q(st.note),
                        details(st)});
    m_model->setRows(std::move(rows));
    if (!keep.isEmpty()) selectStep(keep);
    const QString file = m_session->path().isEmpty() ? tr("(not saved)") : QFileInfo(m_session->path()).fileName();
    m_title->setText(tr("Session %1 — %2, %n step(s)%3", nullptr, static_cast<int>(s.steps.size()))
                         .arg(q(s.name), file, m_session->isDirty() ? QStringLiteral(" *") : QString()));
    m_title->setToolTip(tr("Session id %1").arg(q(s.id)));
}

void SessionPanel::retranslate() {
    m_rerun->setText(tr("Re-run"));
    m_rerunAll->setText(tr("Re-run All"));
    m_rename->setText(tr("Rename..."));
    m_annotate->setText(tr("Annotate..."));
    m_delete->setText(tr("Delete"));
    m_model->retranslate();
    refresh();
}

void SessionPanel::renameSelected() {
    const QString id = selectedStep();
    if (id.isEmpty()) return;
    const int row = m_model->rowOf(id);
    bool ok = false;
    const QString text = QInputDialog::getText(this, tr("Rename Step"), tr("Label of %1:").arg(id), QLineEdit::Normal,
                                               m_model->rows()[static_cast<std::size_t>(row)].label, &ok);
    if (ok) m_session->renameStep(id, text);
}

void SessionPanel::annotateSelected() {
    const QString id = selectedStep();
    if (id.isEmpty()) return;
    const int row = m_model->rowOf(id);
    bool ok = false;
    const QString text = QInputDialog::getMultiLineText(this, tr("Annotate Step"), tr("Note on %1:").arg(id),
                                                        m_model->rows()[static_cast<std::size_t>(row)].note, &ok);
    if (ok) m_session->annotateStep(id, text);
}

void SessionPanel::deleteSelected() {
    const QString id = selectedStep();
    if (!id.isEmpty()) m_session->deleteStep(id);
}

}  // namespace srs::app::gui
