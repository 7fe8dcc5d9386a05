// Activation cache robustness: process exit after an abandoned writer (HDF5 atexit),
// default positions with token stride > 1, HDF5 errors on worker threads, disk-space check.
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <thread>
#include <tuple>

#include "activation_cache_test_util.h"
#include "core/error.h"

using namespace cache_test;

namespace {

/// Runs `body` in a forked child that then leaves through exit(0) — running atexit
/// handlers, HDF5's library shutdown included. Returns "" when the child exited with 0,
/// else what happened to it.
std::string childExit(const std::function<void()>& body) {
    std::fflush(nullptr);
    pid_t pid = fork();
    if (pid < 0) return "fork failed";
    if (pid == 0) {
        try {
            body();
        } catch (...) {
            _exit(7);
        }
        std::exit(0);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    if (WIFSIGNALED(status)) return "killed by signal " + std::to_string(WTERMSIG(status));
    if (!WIFEXITED(status)) return "did not exit";
    return WEXITSTATUS(status) == 0 ? "" : "exit status " + std::to_string(WEXITSTATUS(status));
}

/// Fills a writer until a write fails under a 400 KiB file size limit (like a full disk).
void writeUntilFull(ActivationCacheWriter& w, const CacheSchema& s) {
    try {
        appendRange(w, s, 0, 400);
    } catch (const srs::Error&) {
        return;
    }
    _exit(8);  // the limit was never hit
}

void limitFileSize() {
    signal(SIGXFSZ, SIG_IGN);
    struct rlimit lim {400 * 1024, 400 * 1024};
    setrlimit(RLIMIT_FSIZE, &lim);
}

CacheWriterOptions smallChunks() {
    CacheWriterOptions o;
    o.flushEveryRollouts = 2;
    o.chunkRows = 8;
    return o;
}

}  // namespace

// (a) A writer abandoned after a failed write, then a normal process exit: HDF5's atexit
// shutdown must find nothing left to close (it crashed in H5F__close_cb before).
TEST(ActivationCacheRobustness, ExitAfterAFailedWriteDoesNotCrash) {
    TempDir dir;
    auto s = smallSchema(StoreDtype::Float32, 256);
    EXPECT_EQ(childExit([&] {
                  limitFileSize();
                  ActivationCacheWriter w(dir.file("c.h5"), s, smallChunks());
                  writeUntilFull(w, s);
              }),
              "");
    // The committed prefix is still resumable after that exit.
    ActivationCacheWriter w(dir.file("c.h5"), s, smallChunks());
    const int resumed = static_cast<int>(w.resumedRollouts());
    EXPECT_GT(resumed, 0);
    appendRange(w, s, resumed, resumed + 2);
    w.finish();
    EXPECT_EQ(ActivationCacheReader(dir.file("c.h5")).metadata().numRollouts, resumed + 2);
}

// Same, but the failed writer is still alive at exit (e.g. an exception escaping to a
// handler that calls exit, or Ctrl-C handled by exit mid-capture).
TEST(ActivationCacheRobustness, ExitWithAFailedWriterStillOpenDoesNotCrash) {
    TempDir dir;
    auto s = smallSchema(StoreDtype::Float32, 256);
    EXPECT_EQ(childExit([&] {
                  limitFileSize();
                  auto* w = new ActivationCacheWriter(dir.file("c.h5"), s, smallChunks());
                  writeUntilFull(*w, s);
                  (void)w;  // leaked on purpose
              }),
              "");
    ActivationCacheWriter w(dir.file("c.h5"), s, smallChunks());
    EXPECT_GT(w.resumedRollouts(), 0);
}

// A healthy writer still open at exit: the .partial stays resumable and never complete.
TEST(ActivationCacheRobustness, ExitWithAnOpenWriterLeavesAResumablePartial) {
    TempDir dir;
    auto s = smallSchema(StoreDtype::Float16, 32);
    CacheWriterOptions o;
    o.flushEveryRollouts = 3;
    EXPECT_EQ(childExit([&] {
                  auto* w = new ActivationCacheWriter(dir.file("c.h5"), s, o);
                  appendRange(*w, s, 0, 7);  // committed 6
                  (void)w;
              }),
              "");
    EXPECT_FALSE(fs::exists(dir.file("c.h5")));
    EXPECT_THROW(ActivationCacheReader(dir.file("c.h5.partial")), srs::FormatError);
    writeCache(dir.file("ref.h5"), s, 0, 9, o);
    ActivationCacheWriter w(dir.file("c.h5"), s, o);
    EXPECT_EQ(w.resumedRollouts(), 6);
    appendRange(w, s, 6, 9);
    w.finish();
    expectSameCache(dir.file("ref.h5"), dir.file("c.h5"));
}

// (b) Without explicit positions the writer stores s_0, every S-th response state and the
// final state — never a position past the last token (it wrote s_0 + k*S before, which for
// odd response lengths ran past the response). Expected lists worked by hand.
TEST(ActivationCacheRobustness, DefaultPositionsWithTokenStrideStayInsideTheResponse) {
    struct Case {
        int stride, promptLen, responseLen;
        std::vector<std::int32_t> expect;
    };
    const std::vector<Case> cases = {
        {2, 5, 5, {4, 6, 8, 9}},          // t = 2, 4, then the last (5)
        {2, 5, 7, {4, 6, 8, 10, 11}},     // t = 2, 4, 6, 7
        {2, 3, 1, {2, 3}},                // t = 1 only (the last)
        {2, 4, 6, {3, 5, 7, 9}},          // even: t = 2, 4, 6
        {3, 5, 7, {4, 7, 10, 11}},        // t = 3, 6, 7
        {3, 2, 5, {1, 4, 6}},             // t = 3, 5
        {3, 6, 3, {5, 8}},                // t = 3 is the last
        {3, 6, 0, {5}},                   // empty response: s_0 only
    };
    for (int stride : {2, 3}) {
        TempDir dir;
        auto s = smallSchema(StoreDtype::Float32, 4, stride);
        std::vector<Case> mine;
        for (const auto& c : cases)
            if (c.stride == stride) mine.push_back(c);
        {
            ActivationCacheWriter w(dir.file("c.h5"), s);
            for (const auto& c : mine) {
                RolloutRecord m;
                m.questionId = "q";
                m.promptLen = c.promptLen;
                m.responseLen = c.responseLen;
                const std::int64_t rows = rowsForRollout(c.responseLen, stride);
                ASSERT_EQ(rows, static_cast<std::int64_t>(c.expect.size()));
                std::vector<float> v(static_cast<std::size_t>(rows * s.dModel), 1.0f);
                std::vector<const float*> ptrs(s.datasetCount(), v.data());
                w.appendRollout(m, ptrs, rows);
            }
            w.finish();
        }
        ActivationCacheReader r(dir.file("c.h5"));
        for (std::size_t i = 0; i < mine.size(); ++i) {
            auto pos = r.readPositions(static_cast<std::int64_t>(i));
            EXPECT_EQ(pos, mine[i].expect) << "stride " << stride << " response_len " << mine[i].responseLen;
            EXPECT_LE(pos.back(), mine[i].promptLen - 1 + mine[i].responseLen);
            EXPECT_EQ(storedPositions(mine[i].promptLen, mine[i].responseLen, stride), mine[i].expect);
        }
    }
}

namespace {

/// Runs fn with the process's stderr (fd 2) sent to a file; returns what was written there.
std::string stderrOf(const std::function<void()>& fn) {
    TempDir dir;
    const std::string path = dir.file("stderr.txt");
    std::fflush(stderr);
    int saved = dup(2);
    FILE* f = std::fopen(path.c_str(), "w");
    dup2(fileno(f), 2);
    fn();
    std::fflush(stderr);
    dup2(saved, 2);
    close(saved);
    std::fclose(f);
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace

// (c) HDF5 keeps its error-printing switch per thread: failures on a fresh worker thread
// must print nothing and give the same exception text as on the main thread.
TEST(ActivationCacheRobustness, Hdf5ErrorsOnAWorkerThreadAreSilentAndConverted) {
    TempDir dir;
    auto s = smallSchema();
    writeCache(dir.file("c.h5"), s, 0, 6);
    fs::copy_file(dir.file("c.h5"), dir.file("cut.h5"));
    fs::resize_file(dir.file("cut.h5"), fs::file_size(dir.file("c.h5")) * 2 / 3);
    auto attempt = [&] {
        std::string msgs;
        msgs += errorOf([&] { ActivationCacheReader r(dir.file("cut.h5")); }) + "\n";
        // Resuming a .partial that is not HDF5 goes through the writer's own checks.
        { std::ofstream(dir.file("bad.h5.partial")) << "not hdf5"; }
        msgs += errorOf([&] { ActivationCacheWriter w(dir.file("bad.h5"), s); }) + "\n";
        return msgs;
    };
    std::string mainMsgs, workerMsgs;
    const std::string mainErr = stderrOf([&] { mainMsgs = attempt(); });
    const std::string workerErr = stderrOf([&] {
        std::thread t([&] { workerMsgs = attempt(); });
        t.join();
    });
    EXPECT_EQ(mainErr, "");
    EXPECT_EQ(workerErr, "") << "HDF5 printed on the worker thread";
    EXPECT_NE(mainMsgs.find("cut.h5"), std::string::npos) << mainMsgs;
    EXPECT_EQ(workerMsgs, mainMsgs);
    // A complete cache read on a worker thread: the same values, and a bad request is an
    // srs exception there too.
    ActivationCacheReader r(dir.file("c.h5"));
    auto ref = r.readRollout("mlp_out", 3, 2);
    RowMatrix got;
    std::string badMsg;
    const std::string readErr = stderrOf([&] {
        std::thread t([&] {
            got = r.readRollout("mlp_out", 3, 2);
            badMsg = errorOf([&] { r.readRollout("mlp_out", 2, 0); });
        });
        t.join();
    });
    EXPECT_EQ(readErr, "");
    EXPECT_EQ(got.data, ref.data);
    EXPECT_NE(badMsg.find("layer 2"), std::string::npos) << badMsg;
}

// (d) The writer refuses to start — and to resume — when the folder cannot hold what is
// still to be written; the message names the folder, the bytes needed and the bytes free.
TEST(ActivationCacheRobustness, DiskSpaceIsCheckedAtStartAndAtResume) {
    TempDir dir;
    auto s = smallSchema(StoreDtype::Float16, 64);  // 4 datasets x 128 B per row
    CacheWriterOptions o;
    o.expectedRollouts = 10;
    o.expectedRows = 1000;
    const std::uint64_t need = expectedCacheBytes(s, 10, 1000);
    // Independent lower bound: the raw activations alone.
    ASSERT_GE(need, 1000ull * 64 * 2 * 4);
    std::string seenFolder;
    o.freeBytes = [&](const std::string& folder) {
        seenFolder = folder;
        return need - 1;
    };
    std::string msg = errorOf([&] { ActivationCacheWriter w(dir.file("c.h5"), s, o); });
    EXPECT_EQ(fs::path(seenFolder), fs::absolute(dir.path()));
    EXPECT_NE(msg.find(dir.path().string()), std::string::npos) << msg;
    EXPECT_NE(msg.find(std::to_string(need)), std::string::npos) << msg;
    EXPECT_NE(msg.find(std::to_string(need - 1)), std::string::npos) << msg;
    EXPECT_FALSE(fs::exists(dir.file("c.h5.partial")));
    o.freeBytes = [&](const std::string&) { return need; };  // exactly enough
    {
        ActivationCacheWriter w(dir.file("c.h5"), s, o);
        appendRange(w, s, 0, 4);
        w.commit();
    }
    // Resume: only what is missing must fit, i.e. need - (size of the .partial).
    const std::uint64_t have = fs::file_size(dir.file("c.h5.partial"));
    ASSERT_GT(have, 0u);
    ASSERT_LT(have, need);
    o.freeBytes = [&](const std::string&) { return need - have - 1; };
    msg = errorOf([&] { ActivationCacheWriter w(dir.file("c.h5"), s, o); });
    EXPECT_NE(msg.find(std::to_string(need - have)), std::string::npos) << msg;
    EXPECT_NE(msg.find("free"), std::string::npos) << msg;
    o.freeBytes = [&](const std::string&) { return need - have; };
    ActivationCacheWriter w(dir.file("c.h5"), s, o);
    EXPECT_EQ(w.resumedRollouts(), 4);
    // The default (std::filesystem::space) accepts this small cache.
    o.freeBytes = nullptr;
    EXPECT_NO_THROW(ActivationCacheWriter(dir.file("d.h5"), s, o));
}

// Read-ahead: the batches streamed with the background reader equal those read
// synchronously, for every store dtype and batch size (including one batch and batches
// that do not divide the rollouts); cancellation and callback exceptions stop the helper
// thread, and the reader stays usable.
TEST(ActivationCacheRobustness, ReadAheadStreamsTheSameBatchesAndStopsCleanly) {
    for (StoreDtype dt : {StoreDtype::Float16, StoreDtype::BFloat16, StoreDtype::Float32}) {
        TempDir dir;
        writeSmallChunkedCache(dir.file("c.h5"), dt, 23);
        ActivationCacheReader r(dir.file("c.h5"));
        EXPECT_TRUE(r.readAhead());
        for (std::int64_t batch : {1, 2, 5, 23, 40}) {
            auto collect = [&](bool ahead) {
                r.setReadAhead(ahead);
                std::vector<std::vector<float>> rows;
                std::vector<std::vector<std::int64_t>> offs;
                std::vector<std::int64_t> firsts;
                r.streamLayer("mlp_out", 3, batch, [&](const ActivationBatch& b) {
                    rows.push_back(b.rows.data);
                    offs.push_back(b.localOffsets);
                    firsts.push_back(b.firstRollout);
                });
                return std::make_tuple(rows, offs, firsts);
            };
            auto [syncRows, syncOffs, syncFirsts] = collect(false);
            auto [aheadRows, aheadOffs, aheadFirsts] = collect(true);
            ASSERT_EQ(syncRows.size(), static_cast<std::size_t>((23 + batch - 1) / batch));
            EXPECT_EQ(aheadFirsts, syncFirsts);
            EXPECT_EQ(aheadOffs, syncOffs);
            ASSERT_EQ(aheadRows.size(), syncRows.size());
            for (std::size_t k = 0; k < syncRows.size(); ++k) ASSERT_EQ(aheadRows[k], syncRows[k]) << "batch " << k;
            // And both equal random access, rollout by rollout.
            for (std::size_t k = 0; k < syncRows.size(); ++k)
                for (std::size_t j = 0; j + 1 < aheadOffs[k].size(); ++j) {
                    auto ref = r.readRollout("mlp_out", 3, aheadFirsts[k] + static_cast<std::int64_t>(j));
                    std::vector<float> got(aheadRows[k].begin() + aheadOffs[k][j] * 24,
                                           aheadRows[k].begin() + aheadOffs[k][j + 1] * 24);
                    ASSERT_EQ(got, ref.data);
                }
        }
        r.setReadAhead(true);
        // Cancel from inside the callback after the second batch: Cancelled, no third batch.
        CancelToken cancel;
        int calls = 0;
        EXPECT_THROW(r.streamLayer("resid_post", 1, 3,
                                   [&](const ActivationBatch&) {
                                       if (++calls == 2) cancel.cancel();
                                   },
                                   JobContext({}, cancel)),
                     srs::Cancelled);
        EXPECT_EQ(calls, 2);
        // A throwing callback: the exception propagates, the helper thread is joined.
        calls = 0;
        EXPECT_THROW(r.streamLayer("resid_post", 1, 2,
                                   [&](const ActivationBatch&) {
                                       if (++calls == 3) throw std::runtime_error("consumer failed");
                                   }),
                     std::runtime_error);
        EXPECT_EQ(calls, 3);
        // The callback may use the same reader while the next batch is read.
        std::int64_t n = 0;
        r.streamLayer("resid_post", 1, 4, [&](const ActivationBatch& b) {
            auto one = r.readRollout("resid_post", 1, b.firstRollout);
            EXPECT_EQ(std::vector<float>(b.rows.data.begin(), b.rows.data.begin() + one.rows * 24), one.data);
            n += b.rolloutCount;
        });
        EXPECT_EQ(n, 23);
    }
}

// A read error on the read-ahead thread (the chunk indexes — v1 B-tree nodes, signature
// "TREE" — overwritten under an open reader) reaches the caller as an srs::Error naming
// the file, and HDF5 prints nothing.
TEST(ActivationCacheRobustness, ReadAheadErrorsReachTheCaller) {
    TempDir dir;
    auto s = smallSchema(StoreDtype::Float32, 256, 1);
    CacheWriterOptions o;
    o.chunkRows = 8;
    writeCache(dir.file("c.h5"), s, 0, 40, o);
    ActivationCacheReader r(dir.file("c.h5"));
    {
        std::fstream f(dir.file("c.h5"), std::ios::in | std::ios::out | std::ios::binary);
        std::string bytes((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
        int found = 0;
        for (std::size_t p = bytes.find("TREE"); p != std::string::npos; p = bytes.find("TREE", p + 4), ++found) {
            f.seekp(static_cast<std::streamoff>(p));
            f.write("XXXX", 4);
        }
        ASSERT_GT(found, 0);
    }
    int calls = 0;
    std::string msg;
    const std::string err = stderrOf([&] {
        msg = errorOf([&] { r.streamLayer("mlp_out", 3, 2, [&](const ActivationBatch&) { ++calls; }); });
    });
    EXPECT_NE(msg.find("c.h5"), std::string::npos) << msg;
    EXPECT_LT(calls, 20);
    EXPECT_EQ(err, "");
}
