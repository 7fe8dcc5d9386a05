#include "models/job_list_model.h"

#include <cmath>

namespace srs::models {

JobListModel::JobListModel(QObject* parent) : QAbstractTableModel(parent) {}

void JobListModel::addJob(int id, const QString& title) {
    const int row = static_cast<int>(m_jobs.size());
    beginInsertRows({}, row, row);
    Job job;
    job.id = id;
    job.title = title;
    m_jobs.push_back(job);
    endInsertRows();
}

int JobListModel::rowOf(int id) const {
    for (size_t i = 0; i < m_jobs.size(); ++i)
        if (m_jobs[i].id == id) return static_cast<int>(i);
    return -1;
}

JobListModel::State JobListModel::state(int id) const {
    const int row = rowOf(id);
    return row < 0 ? State::Finished : m_jobs[static_cast<size_t>(row)].state;
}

void JobListModel::updateProgress(int id, const QString& phase, qint64 done, qint64 total,
                                  const QString& unit, qint64 elapsedMs) {
    const int row = rowOf(id);
    if (row < 0) return;
    Job& job = m_jobs[static_cast<size_t>(row)];
    job.phase = phase;
    job.done = done;
    job.total = total;
    job.unit = unit;
    job.eta = estimateEtaSeconds(elapsedMs, done, total);
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void JobListModel::setState(int id, State state, const QString& message) {
    const int row = rowOf(id);
    if (row < 0) return;
    Job& job = m_jobs[static_cast<size_t>(row)];
    job.state = state;
    job.message = message;
    if (state == State::Finished && job.total > 0) job.done = job.total;
    if (state != State::Running && state != State::Cancelling) job.eta = -1;
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void JobListModel::clearCompleted() {
    for (int row = static_cast<int>(m_jobs.size()) - 1; row >= 0; --row) {
        const State s = m_jobs[static_cast<size_t>(row)].state;
        if (s == State::Running || s == State::Cancelling) continue;
        beginRemoveRows({}, row, row);
        m_jobs.erase(m_jobs.begin() + row);
        endRemoveRows();
    }
}

void JobListModel::retranslate() {
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_jobs.empty()) emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

double JobListModel::estimateEtaSeconds(qint64 elapsedMs, qint64 done, qint64 total) {
    if (done <= 0 || total <= 0 || elapsedMs < 0 || done > total) return -1;
    return (elapsedMs / 1000.0) * static_cast<double>(total - done) / static_cast<double>(done);
}

QString JobListModel::formatDuration(double seconds) {
    if (seconds < 0 || !std::isfinite(seconds)) return {};
    const qint64 s = static_cast<qint64>(std::llround(seconds));
    if (s < 60) return tr("%1 s").arg(s);
    if (s < 3600) return tr("%1 min %2 s").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
    return tr("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60, 2, 10, QLatin1Char('0'));
}

QString JobListModel::stateText(State state) {
    switch (state) {
    case State::Running: return tr("Running");
    case State::Cancelling: return tr("Cancelling...");
    case State::Finished: return tr("Finished");
    case State::Failed: return tr("Failed");
    case State::Cancelled: return tr("Cancelled");
    }
    return {};
}

int JobListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_jobs.size());
}

int JobListModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant JobListModel::data(const QModelIndex& idx, int role) const {
    if (!idx.isValid() || idx.row() >= rowCount() || idx.column() >= ColumnCount) return {};
    const Job& job = m_jobs[static_cast<size_t>(idx.row())];
    if (role == JobIdRole) return job.id;
    if (role == StateRole) return static_cast<int>(job.state);
    const double fraction = job.total > 0 ? static_cast<double>(job.done) / job.total : -1.0;
    if (role == ProgressRole && idx.column() == Progress) return fraction;
    if (role == Qt::ToolTipRole && !job.message.isEmpty()) return job.message;
    if (role != Qt::DisplayRole) return {};
    switch (idx.column()) {
    case Title: return job.title;
    case Phase: return job.phase;
    case Progress:
        if (fraction < 0) return job.done > 0 ? QStringLiteral("%1 %2").arg(job.done).arg(job.unit) : QString();
        return QStringLiteral("%1% (%2/%3 %4)")
            .arg(std::floor(100.0 * fraction), 0, 'f', 0)
            .arg(job.done)
            .arg(job.total)
            .arg(job.unit)
            .trimmed();
    case Eta: return formatDuration(job.eta);
    case Status: return job.message.isEmpty() ? stateText(job.state)
                                              : stateText(job.state) + QStringLiteral(": ") + job.message;
    default: return {};
    }
}

QVariant JobListModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (role != Qt::DisplayRole || orientation != Qt::Horizontal) return {};
    switch (section) {
    case Title: return tr("Job");
    case Phase: return tr("Phase");
    case Progress: return tr("Progress");
    case Eta: return tr("Time left");
    case Status: return tr("Status");
    default: return {};
    }
}

}  // namespace srs::models
