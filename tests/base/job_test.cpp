#include <gtest/gtest.h>

#include <thread>

#include "core/jobs/job.h"

using namespace srs::core;

TEST(CancelToken, CopiesShareTheFlagAcrossThreads) {
    CancelToken token;
    CancelToken copy = token;
    EXPECT_FALSE(copy.isCancelled());
    std::thread t([token] { token.cancel(); });
    t.join();
    EXPECT_TRUE(copy.isCancelled());
    EXPECT_THROW(copy.throwIfCancelled(), srs::Cancelled);
}

TEST(JobContext, ReportsProgressEvents) {
    std::vector<ProgressEvent> events;
    JobContext job([&](const ProgressEvent& e) { events.push_back(e); }, CancelToken());
    job.report("load", 1, 4, "files");
    job.report("load", 4, 4, "files");
    ASSERT_EQ(events.size(), 2u);
    EXPECT_EQ(events[1].done, 4);
    EXPECT_EQ(events[1].unit, "files");
    EXPECT_NO_THROW(job.checkCancelled());
}
