#pragma once
/// Runs long core work on worker threads. Progress comes back as queued signals on the GUI
/// thread (throttled to ~20 per second per job, so a job reporting millions of steps
/// cannot flood the event loop); Cancel sets the job's CancelToken; errors come back as a
/// message, never as an exception in the event loop. Results cross threads as plain
/// values captured by the work function and handed to `onSuccess` on the GUI thread.
#include <QElapsedTimer>
#include <QObject>
#include <functional>
#include <map>
#include <memory>

#include "core/jobs/job.h"

class QThread;

namespace srs::models {
class JobListModel;
}

namespace srs::app::gui {

class JobRunner : public QObject {
    Q_OBJECT
public:
    using Work = std::function<void(const core::JobContext&)>;
    using Callback = std::function<void()>;

    explicit JobRunner(QObject* parent = nullptr);
    /// Cancels every job and waits for the threads (jobs poll the token between batches).
    ~JobRunner() override;

    /// Starts `work` on a new thread and returns the job id. `onSuccess` runs on the GUI
    /// thread after `work` returned normally; `onFailure(message)` after it threw (not for
    /// cancellation). GUI thread only.
    int start(const QString& title, Work work, Callback onSuccess = {},
              std::function<void(const QString&)> onFailure = {});
    /// Requests cancellation; the job ends at its next checkCancelled().
    void cancel(int id);
    void cancelAll();
    bool isRunning(int id) const;
    int runningCount() const { return static_cast<int>(m_jobs.size()); }
    /// Processes events until no job runs or `timeoutMs` passed; true when all ended.
    bool waitForAll(int timeoutMs);
    /// Minimum time between two progress signals of one job.
    static constexpr int kProgressIntervalMs = 50;

    models::JobListModel* model() const { return m_model; }

signals:
    void jobStarted(int id, const QString& title);
    void jobProgress(int id, const QString& phase, qint64 done, qint64 total, const QString& unit);
    void jobFinished(int id);
    void jobFailed(int id, const QString& message);
    void jobCancelled(int id);

private:
    struct Job;
    void onThreadFinished(int id);

    models::JobListModel* m_model = nullptr;
    std::map<int, std::shared_ptr<Job>> m_jobs;
    int m_nextId = 1;
};

}  // namespace srs::app::gui
