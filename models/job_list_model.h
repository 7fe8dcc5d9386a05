#pragma once
/// Jobs shown in the job panel: title, phase, progress, ETA, state. Fed by the GUI job
/// runner's queued signals; GUI thread only.
#include <QAbstractTableModel>
#include <QElapsedTimer>
#include <vector>

namespace srs::models {

class JobListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum class State { Running, Cancelling, Finished, Failed, Cancelled };
    enum Column { Title, Phase, Progress, Eta, Status, ColumnCount };
    /// Progress column: fraction done in [0, 1], or -1 when the total is unknown (double).
    static constexpr int ProgressRole = Qt::UserRole + 1;
    /// Any column: the job id (int).
    static constexpr int JobIdRole = Qt::UserRole + 2;
    /// Any column: the State as int.
    static constexpr int StateRole = Qt::UserRole + 3;

    explicit JobListModel(QObject* parent = nullptr);

    void addJob(int id, const QString& title);
    /// `elapsedMs` since the job started (for the ETA).
    void updateProgress(int id, const QString& phase, qint64 done, qint64 total, const QString& unit,
                        qint64 elapsedMs);
    void setState(int id, State state, const QString& message = {});
    /// Row of job `id`, or -1.
    int rowOf(int id) const;
    State state(int id) const;
    /// Drops finished, failed and cancelled jobs.
    void clearCompleted();
    /// Tells views that headers and texts changed (after a language switch).
    void retranslate();

    /// Remaining seconds from elapsed time and the rate so far; -1 when unknown.
    static double estimateEtaSeconds(qint64 elapsedMs, qint64 done, qint64 total);
    /// "42 s", "3 min 05 s", "1 h 02 min"; "" for < 0.
    static QString formatDuration(double seconds);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Job {
        int id = 0;
        QString title, phase, unit, message;
        qint64 done = 0, total = 0;
        double eta = -1;
        State state = State::Running;
    };
    static QString stateText(State state);
    std::vector<Job> m_jobs;
};

}  // namespace srs::models
