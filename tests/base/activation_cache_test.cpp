// Activation cache: round trips, streaming, resume after a kill, refusal of bad files.
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <csignal>
#include <cstring>
#include <fstream>

#include "activation_cache_test_util.h"
#include "core/cache/half_float.h"
#include "core/error.h"
#include "core/version.h"

using namespace cache_test;

namespace {

}  // namespace

// float32 -> f16 / bf16 bits checked against numpy (f16) and torch (bf16), both RNE.
TEST(HalfFloat, MatchesNumpyAndTorchReference) {
    if (!pythonHas("numpy, torch")) GTEST_SKIP() << SRS_PYTHON << " lacks numpy/torch";
    TempDir dir;
    std::vector<float> v;
    std::mt19937 rng(5);
    std::uniform_int_distribution<std::uint32_t> bits;
    for (int i = 0; i < 20000; ++i) {  // random bit patterns cover every exponent incl. subnormals
        std::uint32_t u = bits(rng);
        float f;
        std::memcpy(&f, &u, 4);
        if (std::isnan(f)) continue;
        v.push_back(f);
    }
    std::normal_distribution<float> normal(0.f, 10.f);
    for (int i = 0; i < 5000; ++i) v.push_back(normal(rng));
    for (float f : {0.f, -0.f, 65504.f, 65519.f, 65520.f, 1e-8f, 2.98e-8f, 5.96e-8f, 6.1e-5f, 1.00048828125f,
                    1.000732421875f, 1.0009765625f, 1.00390625f, 1.01171875f, INFINITY, -INFINITY})
        v.push_back(f);
    {
        std::ofstream out(dir.file("in.f32"), std::ios::binary);
        out.write(reinterpret_cast<const char*>(v.data()), static_cast<std::streamsize>(v.size() * 4));
    }
    std::string script = dir.file("ref.py");
    {
        std::ofstream py(script);
        py << "import numpy as np, torch, sys\n"
              "x = np.fromfile(sys.argv[1], dtype=np.float32)\n"
              "np.seterr(all='ignore')\n"
              "h = x.astype(np.float16)\n"
              "h.view(np.uint16).tofile(sys.argv[2])\n"
              "h.astype(np.float32).tofile(sys.argv[3])\n"
              "torch.from_numpy(x).to(torch.bfloat16).view(torch.int16).numpy().view(np.uint16).tofile(sys.argv[4])\n";
    }
    ASSERT_EQ(runCommand(std::string(SRS_PYTHON) + " " + script + " " + dir.file("in.f32") + " " + dir.file("h.u16") +
                         " " + dir.file("h.f32") + " " + dir.file("b.u16")),
              0);
    auto readBin = [](const std::string& p, auto& vec, std::size_t n) {
        vec.resize(n);
        std::ifstream in(p, std::ios::binary);
        in.read(reinterpret_cast<char*>(vec.data()), static_cast<std::streamsize>(n * sizeof(vec[0])));
        ASSERT_TRUE(in.good()) << p;
    };
    std::vector<std::uint16_t> refHalf, refBf;
    std::vector<float> refHalfBack;
    readBin(dir.file("h.u16"), refHalf, v.size());
    readBin(dir.file("h.f32"), refHalfBack, v.size());
    readBin(dir.file("b.u16"), refBf, v.size());
    std::vector<std::uint16_t> half(v.size()), bf(v.size());
    std::vector<float> back(v.size());
    floatsToHalf(v.data(), half.data(), v.size());
    floatsToBFloat16(v.data(), bf.data(), v.size());
    halfsToFloat(refHalf.data(), back.data(), v.size());  // vectorised path
    int bad = 0;
    for (std::size_t i = 0; i < v.size() && bad < 10; ++i) {
        if (half[i] != refHalf[i]) {
            ADD_FAILURE() << "f16 of " << v[i] << ": " << half[i] << " vs numpy " << refHalf[i];
            ++bad;
        }
        if (bf[i] != refBf[i]) {
            ADD_FAILURE() << "bf16 of " << v[i] << ": " << bf[i] << " vs torch " << refBf[i];
            ++bad;
        }
        if (std::memcmp(&back[i], &refHalfBack[i], 4) != 0 || halfToFloat(refHalf[i]) != refHalfBack[i]) {
            ADD_FAILURE() << "f16->f32 of bits " << refHalf[i] << ": " << back[i] << " vs numpy " << refHalfBack[i];
            ++bad;
        }
    }
    EXPECT_EQ(bad, 0);
    float nanIn = std::nanf("");
    EXPECT_TRUE(std::isnan(halfToFloat(floatToHalf(nanIn))));
    EXPECT_TRUE(std::isnan(bfloat16ToFloat(floatToBFloat16(nanIn))));
}

TEST(ActivationCache, Float32RoundTripIsExact) {
    TempDir dir;
    auto s = smallSchema(StoreDtype::Float32);
    writeCache(dir.file("c.h5"), s, 0, 6);
    EXPECT_FALSE(fs::exists(dir.file("c.h5.partial")));
    ActivationCacheReader r(dir.file("c.h5"));
    const auto& md = r.metadata();
    EXPECT_EQ(md.numRollouts, 6);
    EXPECT_EQ(md.schema.hooks, s.hooks);
    EXPECT_EQ(md.schema.layers, s.layers);
    EXPECT_EQ(md.schema.dModel, 24);
    EXPECT_EQ(md.schema.modelFingerprint, "model-abc123");
    EXPECT_EQ(md.schema.settingsJson, s.settingsJson);
    EXPECT_EQ(md.softwareVersion, srs::versionString());
    std::int64_t row = 0;
    double rewardSum = 0;
    for (int i = 0; i < 6; ++i) {
        auto ref = makeRollout(s, i);
        EXPECT_EQ(md.offsets[i], row);
        EXPECT_EQ(md.s0Index[i], row);
        row += ref.rowCount;
        EXPECT_EQ(md.questionIds[i], ref.meta.questionId);
        EXPECT_EQ(md.rewards[i], ref.meta.reward);
        EXPECT_EQ(md.promptLen[i], ref.meta.promptLen);
        EXPECT_EQ(md.responseLen[i], ref.meta.responseLen);
        EXPECT_EQ(r.readTokenIds(i), ref.meta.tokenIds);
        auto pos = r.readPositions(i);
        ASSERT_EQ(static_cast<std::int64_t>(pos.size()), ref.rowCount);
        for (std::int64_t k = 0; k < ref.rowCount; ++k) EXPECT_EQ(pos[k], ref.meta.promptLen - 1 + k);
        rewardSum += ref.meta.reward;
        std::size_t d = 0;
        for (const auto& hook : s.hooks)
            for (int layer : s.layers) {
                auto m = r.readRollout(hook, layer, i);
                EXPECT_EQ(m.rows, ref.rowCount);
                EXPECT_EQ(m.data, ref.rows[d]) << hook << layer;
                ++d;
            }
    }
    EXPECT_EQ(md.numRows, row);
    EXPECT_DOUBLE_EQ(md.meanReward(), rewardSum / 6);
}

TEST(ActivationCache, HalfAndBFloat16RoundTripWithinRounding) {
    for (StoreDtype dt : {StoreDtype::Float16, StoreDtype::BFloat16}) {
        TempDir dir;
        auto s = smallSchema(dt);
        writeCache(dir.file("c.h5"), s, 0, 4);
        ActivationCacheReader r(dir.file("c.h5"));
        EXPECT_EQ(r.metadata().schema.dtype, dt);
        // Relative error bound of RNE: 2^-11 (f16, normal range) and 2^-8 (bf16).
        const double rel = dt == StoreDtype::Float16 ? 1.0 / 2048 : 1.0 / 256;
        for (int i = 0; i < 4; ++i) {
            auto ref = makeRollout(s, i);
            auto m = r.readRollout("mlp_out", 3, i);  // dataset 3 in hook-major order
            ASSERT_EQ(m.data.size(), ref.rows[3].size());
            for (std::size_t k = 0; k < m.data.size(); ++k) {
                const float x = ref.rows[3][k];
                const float expect = dt == StoreDtype::Float16 ? halfToFloat(floatToHalf(x))
                                                               : bfloat16ToFloat(floatToBFloat16(x));
                ASSERT_EQ(m.data[k], expect) << k;
                if (std::fabs(x) > 6.2e-5f) ASSERT_LE(std::fabs(m.data[k] - x), rel * std::fabs(x)) << x;
            }
        }
    }
}

TEST(ActivationCache, StreamingInBatchesEqualsRandomAccess) {
    TempDir dir;
    auto s = smallSchema(StoreDtype::Float16, 16, 2);
    CacheWriterOptions o;
    o.chunkRows = 8;
    writeCache(dir.file("c.h5"), s, 0, 10, o);
    ActivationCacheReader r(dir.file("c.h5"));
    for (std::int64_t batch : {1, 3, 4, 10, 50}) {
        std::int64_t next = 0;
        int calls = 0;
        std::vector<ProgressEvent> events;
        JobContext job([&](const ProgressEvent& e) { events.push_back(e); }, CancelToken());
        r.streamLayer("resid_post", 3, batch, [&](const ActivationBatch& b) {
            ++calls;
            EXPECT_EQ(b.firstRollout, next);
            EXPECT_LE(b.rolloutCount, batch);
            for (std::int64_t j = 0; j < b.rolloutCount; ++j) {
                auto ref = r.readRollout("resid_post", 3, b.firstRollout + j);
                const std::int64_t lo = b.localOffsets[j], hi = b.localOffsets[j + 1];
                ASSERT_EQ(hi - lo, ref.rows);
                std::vector<float> got(b.rows.row(lo), b.rows.row(lo) + ref.rows * ref.cols);
                EXPECT_EQ(got, ref.data);
            }
            next += b.rolloutCount;
        }, job);
        EXPECT_EQ(next, 10);
        EXPECT_EQ(calls, (10 + batch - 1) / batch);
        ASSERT_FALSE(events.empty());
        EXPECT_EQ(events.back().done, 10);
    }
    auto s0 = r.readS0("mlp_out", 1);
    ASSERT_EQ(s0.rows, 10);
    for (int i = 0; i < 10; ++i) {
        auto ref = r.readRollout("mlp_out", 1, i);
        EXPECT_EQ(std::vector<float>(s0.row(i), s0.row(i) + 16), std::vector<float>(ref.row(0), ref.row(0) + 16));
        // stride 2: rows = s_0 + ceil(responseLen / 2)
        EXPECT_EQ(ref.rows, 1 + (r.metadata().responseLen[i] + 1) / 2);
        auto pos = r.readPositions(i);
        EXPECT_EQ(pos[1], r.metadata().promptLen[i] + 1);
    }
    CancelToken cancel;
    cancel.cancel();
    EXPECT_THROW(r.streamLayer("resid_post", 1, 2, [](const ActivationBatch&) {}, JobContext({}, cancel)),
                 srs::Cancelled);
    EXPECT_THROW(r.streamLayer("resid_post", 2, 2, [](const ActivationBatch&) {}), srs::InvalidArgument);
    EXPECT_THROW(r.readRollout("resid_post", 1, 10), srs::InvalidArgument);
}

TEST(ActivationCache, ResumeAfterDestroyWithoutFinishEqualsUninterruptedRun) {
    TempDir dir;
    auto s = smallSchema(StoreDtype::BFloat16);
    CacheWriterOptions o;
    o.flushEveryRollouts = 3;
    writeCache(dir.file("ref.h5"), s, 0, 10, o);
    {
        ActivationCacheWriter w(dir.file("c.h5"), s, o);
        appendRange(w, s, 0, 7);  // commits after 3 and 6; rollout 7 is not committed
    }
    ASSERT_TRUE(fs::exists(dir.file("c.h5.partial")));
    ASSERT_FALSE(fs::exists(dir.file("c.h5")));
    ActivationCacheWriter w(dir.file("c.h5"), s, o);
    EXPECT_EQ(w.resumedRollouts(), 6);
    appendRange(w, s, 6, 10);
    w.finish();
    expectSameCache(dir.file("ref.h5"), dir.file("c.h5"));
}

TEST(ActivationCache, ResumeAfterKilledProcessEqualsUninterruptedRun) {
    TempDir dir;
    auto s = smallSchema(StoreDtype::Float16, 40);
    CacheWriterOptions o;
    o.flushEveryRollouts = 4;
    o.chunkRows = 16;
    writeCache(dir.file("ref.h5"), s, 0, 13, o);
    pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
        ActivationCacheWriter w(dir.file("c.h5"), s, o);
        appendRange(w, s, 0, 10);  // committed: 8; rollouts 8, 9 are in flight
        raise(SIGKILL);
        _exit(3);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
    EXPECT_THROW(ActivationCacheReader(dir.file("c.h5.partial")), srs::FormatError);
    ActivationCacheWriter w(dir.file("c.h5"), s, o);
    EXPECT_EQ(w.resumedRollouts(), 8);
    appendRange(w, s, 8, 13);
    w.finish();
    expectSameCache(dir.file("ref.h5"), dir.file("c.h5"));
}

TEST(ActivationCache, ResumeRefusesADifferentSchema) {
    TempDir dir;
    auto s = smallSchema();
    {
        ActivationCacheWriter w(dir.file("c.h5"), s);
        appendRange(w, s, 0, 2);
        w.commit();
    }
    auto other = s;
    other.dModel = 32;
    std::string msg = errorOf([&] { ActivationCacheWriter w(dir.file("c.h5"), other); });
    EXPECT_NE(msg.find("c.h5.partial"), std::string::npos) << msg;
    EXPECT_NE(msg.find("d_model"), std::string::npos) << msg;
    CacheWriterOptions fresh;
    fresh.resume = false;  // start over explicitly
    ActivationCacheWriter w(dir.file("c.h5"), other, fresh);
    EXPECT_EQ(w.resumedRollouts(), 0);
}

TEST(ActivationCache, IncompleteFileIsRefused) {
    TempDir dir;
    auto s = smallSchema();
    {
        ActivationCacheWriter w(dir.file("c.h5"), s);
        appendRange(w, s, 0, 3);
        w.commit();
    }
    std::string msg = errorOf([&] { ActivationCacheReader r(dir.file("c.h5.partial")); });
    EXPECT_NE(msg.find("incomplete"), std::string::npos) << msg;
    fs::copy_file(dir.file("c.h5.partial"), dir.file("renamed.h5"));
    msg = errorOf([&] { ActivationCacheReader r(dir.file("renamed.h5")); });
    EXPECT_NE(msg.find("renamed.h5"), std::string::npos) << msg;
    EXPECT_NE(msg.find("complete=0"), std::string::npos) << msg;
}

TEST(ActivationCache, TruncatedAndNonHdf5FilesAreRefused) {
    TempDir dir;
    auto s = smallSchema();
    writeCache(dir.file("c.h5"), s, 0, 8);
    fs::copy_file(dir.file("c.h5"), dir.file("cut.h5"));
    fs::resize_file(dir.file("cut.h5"), fs::file_size(dir.file("c.h5")) / 2);
    std::string msg = errorOf([&] { ActivationCacheReader r(dir.file("cut.h5")); });
    EXPECT_NE(msg.find("cut.h5"), std::string::npos) << msg;
    EXPECT_THROW(ActivationCacheReader(dir.file("cut.h5")), srs::FormatError);
    {
        std::ofstream(dir.file("text.h5")) << "question,answer\n1,2\n";
    }
    msg = errorOf([&] { ActivationCacheReader r(dir.file("text.h5")); });
    EXPECT_NE(msg.find("text.h5"), std::string::npos) << msg;
    EXPECT_NE(msg.find("not an HDF5 file"), std::string::npos) << msg;
    EXPECT_THROW(ActivationCacheReader(dir.file("missing.h5")), srs::FormatError);
    fs::resize_file(dir.file("cut.h5"), 0);
    EXPECT_THROW(ActivationCacheReader(dir.file("cut.h5")), srs::FormatError);
}

TEST(ActivationCache, RefusesWhenTheDiskCannotHoldTheExpectedSize) {
    TempDir dir;
    auto s = smallSchema(StoreDtype::Float16, 4096);
    CacheWriterOptions o;
    o.expectedRollouts = 1'000'000;
    o.expectedRows = 1'000'000'000'000;  // 4 datasets x 8 KiB per row: ~32 PB
    std::string msg = errorOf([&] { ActivationCacheWriter w(dir.file("c.h5"), s, o); });
    EXPECT_NE(msg.find("c.h5"), std::string::npos) << msg;
    EXPECT_NE(msg.find("free"), std::string::npos) << msg;
    EXPECT_FALSE(fs::exists(dir.file("c.h5.partial")));
    // The estimate is at least the raw activation bytes.
    EXPECT_GE(expectedCacheBytes(s, 10, 1000), 1000ull * 4096 * 2 * 4);
    o.expectedRows = 1000;  // plausible: accepted
    EXPECT_NO_THROW(ActivationCacheWriter(dir.file("c.h5"), s, o));
}

TEST(ActivationCache, NeverOverwritesAnExistingCacheUnasked) {
    TempDir dir;
    auto s = smallSchema();
    writeCache(dir.file("c.h5"), s, 0, 2);
    auto before = fs::file_size(dir.file("c.h5"));
    EXPECT_THROW(ActivationCacheWriter(dir.file("c.h5"), s), srs::Error);
    EXPECT_EQ(fs::file_size(dir.file("c.h5")), before);
    CacheWriterOptions o;
    o.overwrite = true;
    writeCache(dir.file("c.h5"), s, 0, 5, o);
    EXPECT_EQ(ActivationCacheReader(dir.file("c.h5")).metadata().numRollouts, 5);
}

TEST(ActivationCache, BadAppendArgumentsAreInvalidArgument) {
    TempDir dir;
    auto s = smallSchema();
    auto bad = s;
    bad.hooks = {"Resid Post"};
    EXPECT_THROW(ActivationCacheWriter(dir.file("x.h5"), bad), srs::InvalidArgument);
    ActivationCacheWriter w(dir.file("c.h5"), s);
    auto r = makeRollout(s, 0);
    EXPECT_THROW(w.appendRollout(r.meta, r.pointers(), r.rowCount + 1), srs::InvalidArgument);
    auto few = r.pointers();
    few.pop_back();
    EXPECT_THROW(w.appendRollout(r.meta, few, r.rowCount), srs::InvalidArgument);
    w.appendRollout(r.meta, r.pointers(), r.rowCount);  // still usable
    EXPECT_EQ(w.rolloutCount(), 1);
}

// A write error (here: file size limit, like a full disk) is a clean srs::Error; the
// .partial stays resumable and is never complete.
TEST(ActivationCache, WriteErrorLeavesAResumablePartial) {
    TempDir dir;
    auto s = smallSchema(StoreDtype::Float32, 256);
    CacheWriterOptions o;
    o.flushEveryRollouts = 2;
    o.chunkRows = 8;  // 8 KiB chunks: several rollouts fit under the limit
    pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
        signal(SIGXFSZ, SIG_IGN);
        struct rlimit lim {400 * 1024, 400 * 1024};
        setrlimit(RLIMIT_FSIZE, &lim);
        try {
            ActivationCacheWriter w(dir.file("c.h5"), s, o);
            appendRange(w, s, 0, 200);
            w.finish();
        } catch (const srs::Error& e) {
            _exit(std::string(e.what()).find("c.h5.partial") != std::string::npos ? 0 : 4);
        } catch (...) {
            _exit(5);
        }
        _exit(6);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    ASSERT_TRUE(WIFEXITED(status));
    ASSERT_EQ(WEXITSTATUS(status), 0);
    EXPECT_FALSE(fs::exists(dir.file("c.h5")));
    ASSERT_TRUE(fs::exists(dir.file("c.h5.partial")));
    EXPECT_THROW(ActivationCacheReader(dir.file("c.h5.partial")), srs::FormatError);
    ActivationCacheWriter w(dir.file("c.h5"), s, o);
    const int resumed = static_cast<int>(w.resumedRollouts());
    EXPECT_GT(resumed, 0);
    appendRange(w, s, resumed, 12);
    w.finish();
    writeCache(dir.file("ref.h5"), s, 0, 12, o);
    expectSameCache(dir.file("ref.h5"), dir.file("c.h5"));
}
