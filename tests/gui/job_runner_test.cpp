#include <gtest/gtest.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTimer>
#include <atomic>
#include <cstdio>
#include <chrono>
#include <string>
#include <thread>

#include "app/gui/job_runner.h"
#include "core/error.h"
#include "core/model/model_inspect.h"
#include "core/tokenizer/tokenizer.h"
#include "models/job_list_model.h"

using srs::app::gui::JobRunner;

namespace {

/// Runs the event loop until `done()` or `timeoutMs`, while a 10 ms QTimer measures the
/// largest gap between its ticks. Returns the max gap in ms.
template <class Done>
qint64 maxTickGapWhile(Done done, int timeoutMs) {
    QElapsedTimer clock;
    clock.start();
    qint64 last = 0;
    qint64 maxGap = 0;
    QTimer timer;
    timer.setTimerType(Qt::PreciseTimer);
    timer.setInterval(10);
    QObject::connect(&timer, &QTimer::timeout, [&] {
        const qint64 now = clock.elapsed();
        maxGap = std::max(maxGap, now - last);
        last = now;
    });
    timer.start();
    while (!done() && clock.elapsed() < timeoutMs) QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
    const qint64 now = clock.elapsed();
    maxGap = std::max(maxGap, now - last);
    return maxGap;
}

}  // namespace

TEST(JobRunner, BusyJobFloodingProgressKeepsEventLoopResponsive) {
    JobRunner runner;
    QSignalSpy progress(&runner, &JobRunner::jobProgress);
    QSignalSpy finished(&runner, &JobRunner::jobFinished);
    bool succeeded = false;
    // ~2 s of busy work reporting progress on every iteration (millions of reports).
    const int id = runner.start(
        "busy",
        [](const srs::core::JobContext& ctx) {
            const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(2);
            std::int64_t i = 0;
            while (std::chrono::steady_clock::now() < end) {
                ctx.report("spin", ++i, 0, "iterations");
                ctx.checkCancelled();
            }
            ctx.report("spin", i, i, "iterations");
        },
        [&] { succeeded = true; });
    const qint64 gap = maxTickGapWhile([&] { return !runner.isRunning(id); }, 10000);
    std::printf("max event-loop tick gap: %lld ms\n", static_cast<long long>(gap));
    EXPECT_LT(gap, 100) << "event loop blocked for " << gap << " ms";
    EXPECT_TRUE(succeeded);
    EXPECT_EQ(finished.count(), 1);
    std::printf("progress signals for the 2 s busy job: %d\n", static_cast<int>(progress.count()));
    // Throttled: about 2 s / 50 ms reports, not millions.
    EXPECT_GE(progress.count(), 5);
    EXPECT_LT(progress.count(), 200);
    const int row = runner.model()->rowOf(id);
    EXPECT_EQ(runner.model()->state(id), srs::models::JobListModel::State::Finished);
    EXPECT_DOUBLE_EQ(runner.model()->index(row, srs::models::JobListModel::Progress)
                         .data(srs::models::JobListModel::ProgressRole).toDouble(), 1.0);
}

TEST(JobRunner, RealCoreWorkKeepsEventLoopResponsive) {
    JobRunner runner;
    std::string summary;
    std::size_t tokenCount = 0;
    const int a = runner.start("inspect", [&summary](const srs::core::JobContext&) {
        summary = srs::core::inspectModelText(SRS_TEST_FIXTURES "/tiny-qwen2-f32");
    });
    const int b = runner.start("tokenize", [&tokenCount](const srs::core::JobContext& ctx) {
        const auto tok = srs::core::Tokenizer::fromFile(SRS_TEST_FIXTURES "/qwen-tokenizer");
        std::string text;
        for (int i = 0; i < 20000; ++i) text += "The value neuron fires when reward " + std::to_string(i) + " arrives. ";
        ctx.checkCancelled();
        tokenCount = tok.encode(text).size();
    });
    const qint64 gap = maxTickGapWhile([&] { return !runner.isRunning(a) && !runner.isRunning(b); }, 120000);
    std::printf("max event-loop tick gap: %lld ms\n", static_cast<long long>(gap));
    EXPECT_LT(gap, 100) << "event loop blocked for " << gap << " ms";
    EXPECT_NE(summary.find("Qwen2"), std::string::npos) << summary;
    EXPECT_GT(tokenCount, 100000u);
}

TEST(JobRunner, CancelTakesEffectWithinOneSecond) {
    JobRunner runner;
    QSignalSpy cancelled(&runner, &JobRunner::jobCancelled);
    QSignalSpy finished(&runner, &JobRunner::jobFinished);
    std::atomic<bool> started{false};
    const int id = runner.start("long", [&started](const srs::core::JobContext& ctx) {
        started = true;
        for (int i = 0; i < 60000; ++i) {  // 10 minutes if never cancelled
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
            ctx.report("wait", i, 60000, "ticks");
            ctx.checkCancelled();
        }
    });
    maxTickGapWhile([&] { return started.load(); }, 5000);
    maxTickGapWhile([] { return false; }, 200);
    QElapsedTimer t;
    t.start();
    runner.cancel(id);
    EXPECT_EQ(runner.model()->state(id), srs::models::JobListModel::State::Cancelling);
    maxTickGapWhile([&] { return !runner.isRunning(id); }, 5000);
    std::printf("cancel took %lld ms\n", static_cast<long long>(t.elapsed()));
    EXPECT_LT(t.elapsed(), 1000);
    EXPECT_EQ(cancelled.count(), 1);
    EXPECT_EQ(finished.count(), 0);
    EXPECT_EQ(runner.model()->state(id), srs::models::JobListModel::State::Cancelled);
}

TEST(JobRunner, ErrorsComeBackAsMessages) {
    JobRunner runner;
    QSignalSpy failed(&runner, &JobRunner::jobFailed);
    QString viaCallback;
    runner.start(
        "bad", [](const srs::core::JobContext&) {
            throw srs::FormatError("config.json: key 'hidden_size': expected integer, got string");
        },
        {}, [&](const QString& m) { viaCallback = m; });
    runner.start("worse", [](const srs::core::JobContext&) { throw 42; });
    ASSERT_TRUE(runner.waitForAll(5000));
    ASSERT_EQ(failed.count(), 2);
    EXPECT_TRUE(viaCallback.contains("hidden_size"));
    EXPECT_TRUE(failed[0][1].toString().contains("config.json"));
    EXPECT_EQ(failed[1][1].toString(), "unknown error");
}

TEST(JobRunner, DestructorCancelsRunningJobs) {
    QElapsedTimer t;
    t.start();
    {
        JobRunner runner;
        runner.start("forever", [](const srs::core::JobContext& ctx) {
            for (;;) {
                std::this_thread::sleep_for(std::chrono::milliseconds(5));
                ctx.checkCancelled();
            }
        });
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    EXPECT_LT(t.elapsed(), 1000);
}
