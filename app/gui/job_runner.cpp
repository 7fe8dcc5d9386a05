#include "app/gui/job_runner.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QPointer>
#include <QThread>
#include <atomic>
#include <chrono>

#include "core/error.h"
#include "models/job_list_model.h"

namespace srs::app::gui {

/// Shared between the GUI thread and the worker; the worker writes the outcome before
/// the thread finishes, the GUI reads it after QThread::finished (happens-before).
struct JobRunner::Job {
    enum class Outcome { Running, Succeeded, Failed, Cancelled };
    int id = 0;
    QThread* thread = nullptr;
    core::CancelToken token;
    QElapsedTimer timer;
    Outcome outcome = Outcome::Running;
    QString error;
    Callback onSuccess;
    std::function<void(const QString&)> onFailure;
    std::atomic<std::int64_t> lastProgressMs{-1000000};
};

JobRunner::JobRunner(QObject* parent) : QObject(parent) {
    m_model = new models::JobListModel(this);
}

JobRunner::~JobRunner() {
    for (auto& [id, job] : m_jobs) job->token.cancel();
    for (auto& [id, job] : m_jobs) {
        job->thread->disconnect(this);
        job->thread->wait();
        delete job->thread;
    }
}

int JobRunner::start(const QString& title, Work work, Callback onSuccess,
                     std::function<void(const QString&)> onFailure) {
    const int id = m_nextId++;
    auto job = std::make_shared<Job>();
    job->id = id;
    job->onSuccess = std::move(onSuccess);
    job->onFailure = std::move(onFailure);
    job->timer.start();
    std::weak_ptr<Job> weak = job;
    QPointer<JobRunner> self(this);

    core::ProgressFn progress = [this, self, weak, id](const core::ProgressEvent& e) {
        auto job = weak.lock();
        if (!job || !self) return;
        const std::int64_t now = job->timer.elapsed();
        const bool last = e.total > 0 && e.done >= e.total;
        if (!last && now - job->lastProgressMs.load(std::memory_order_relaxed) < kProgressIntervalMs) return;
        job->lastProgressMs.store(now, std::memory_order_relaxed);
        const QString phase = QString::fromStdString(e.phase);
        const QString unit = QString::fromStdString(e.unit);
        const qint64 done = e.done, total = e.total;
        QMetaObject::invokeMethod(
            this,
            [this, id, phase, done, total, unit, now] {
                m_model->updateProgress(id, phase, done, total, unit, now);
                emit jobProgress(id, phase, done, total, unit);
            },
            Qt::QueuedConnection);
    };
    core::JobContext context(std::move(progress), job->token);
    job->thread = QThread::create([job = job.get(), work = std::move(work), context] {
        try {
            work(context);
            job->outcome = Job::Outcome::Succeeded;
        } catch (const Cancelled&) {
            job->outcome = Job::Outcome::Cancelled;
        } catch (const std::exception& e) {
            job->outcome = Job::Outcome::Failed;
            job->error = QString::fromUtf8(e.what());
        } catch (...) {
            job->outcome = Job::Outcome::Failed;
            job->error = QStringLiteral("unknown error");
        }
    });
    job->thread->setObjectName(QStringLiteral("job-%1").arg(id));
    connect(job->thread, &QThread::finished, this, [this, id] { onThreadFinished(id); },
            Qt::QueuedConnection);
    m_jobs[id] = job;
    m_model->addJob(id, title);
    emit jobStarted(id, title);
    job->thread->start(QThread::LowPriority);
    return id;
}

void JobRunner::onThreadFinished(int id) {
    auto it = m_jobs.find(id);
    if (it == m_jobs.end()) return;
    std::shared_ptr<Job> job = it->second;
    m_jobs.erase(it);
    job->thread->wait();
    job->thread->deleteLater();
    // A job that was asked to cancel but finished anyway still counts as done.
    switch (job->outcome) {
    case Job::Outcome::Succeeded:
        m_model->setState(id, models::JobListModel::State::Finished);
        if (job->onSuccess) {
            try {
                job->onSuccess();
            } catch (const std::exception& e) {
                m_model->setState(id, models::JobListModel::State::Failed, QString::fromUtf8(e.what()));
                emit jobFailed(id, QString::fromUtf8(e.what()));
                return;
            }
        }
        emit jobFinished(id);
        break;
    case Job::Outcome::Cancelled:
        m_model->setState(id, models::JobListModel::State::Cancelled);
        emit jobCancelled(id);
        break;
    default:
        m_model->setState(id, models::JobListModel::State::Failed, job->error);
        if (job->onFailure) job->onFailure(job->error);
        emit jobFailed(id, job->error);
        break;
    }
}

void JobRunner::cancel(int id) {
    auto it = m_jobs.find(id);
    if (it == m_jobs.end()) return;
    it->second->token.cancel();
    m_model->setState(id, models::JobListModel::State::Cancelling);
}

void JobRunner::cancelAll() {
    for (auto& [id, job] : m_jobs) cancel(id);
}

bool JobRunner::isRunning(int id) const { return m_jobs.count(id) > 0; }

bool JobRunner::waitForAll(int timeoutMs) {
    QDeadlineTimer deadline(timeoutMs);
    while (!m_jobs.empty() && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    return m_jobs.empty();
}

}  // namespace srs::app::gui
