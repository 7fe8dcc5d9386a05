#pragma once
// Helpers shared by the activation cache tests: temp dirs, deterministic synthetic rollouts,
// and a full comparison of two caches through the reader.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "core/cache/activation_cache_reader.h"
#include "core/cache/activation_cache_writer.h"
#include "core/error.h"

namespace cache_test {

namespace fs = std::filesystem;
using namespace srs::core;

class TempDir {
public:
    TempDir() {
        std::string tmpl = (fs::temp_directory_path() / "srs_cache_test_XXXXXX").string();
        char* p = mkdtemp(tmpl.data());
        if (!p) throw std::runtime_error("mkdtemp failed");
        m_path = p;
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(m_path, ec);
    }
    std::string file(const std::string& name) const { return (m_path / name).string(); }
    const fs::path& path() const { return m_path; }

private:
    fs::path m_path;
};

/// The message of the srs::Error fn() throws; "" when it throws none.
inline std::string errorOf(const std::function<void()>& fn) {
    try {
        fn();
    } catch (const srs::Error& e) {
        return e.what();
    }
    return "";
}

inline CacheSchema smallSchema(StoreDtype dtype = StoreDtype::Float32, std::int64_t dModel = 24, int stride = 1) {
    CacheSchema s;
    s.hooks = {"resid_post", "mlp_out"};
    s.layers = {1, 3};
    s.dModel = dModel;
    s.dtype = dtype;
    s.tokenStride = stride;
    s.task = "gsm8k";
    s.modelFingerprint = "model-abc123";
    s.tokenizerFingerprint = "tok-def456";
    s.promptTemplate = "qwen-boxed";
    s.settingsJson = R"({"k":4,"seed":7})";
    return s;
}

/// Rollout i, fully determined by i: metadata and per-dataset rows [rows, dModel].
struct SyntheticRollout {
    RolloutRecord meta;
    std::vector<std::vector<float>> rows;  // per dataset
    std::int64_t rowCount = 0;
    std::vector<const float*> pointers() const {
        std::vector<const float*> p;
        for (const auto& r : rows) p.push_back(r.data());
        return p;
    }
};

inline SyntheticRollout makeRollout(const CacheSchema& s, int i) {
    SyntheticRollout r;
    std::mt19937 rng(1000u + static_cast<unsigned>(i));
    r.meta.questionId = "q" + std::to_string(i / 2);
    r.meta.sampleIndex = i % 2;
    r.meta.reward = (i % 3 == 0) ? 1.0f : 0.0f;
    r.meta.promptLen = 5 + i % 4;
    r.meta.responseLen = 3 + (i * 7) % 11;
    r.rowCount = rowsForRollout(r.meta.responseLen, s.tokenStride);
    for (std::int64_t k = 0; k < r.rowCount; ++k) r.meta.tokenIds.push_back(100 * i + static_cast<int>(k));
    std::normal_distribution<float> dist(0.0f, 3.0f);
    for (std::size_t d = 0; d < s.datasetCount(); ++d) {
        std::vector<float> v(static_cast<std::size_t>(r.rowCount * s.dModel));
        for (auto& x : v) x = dist(rng);
        r.rows.push_back(std::move(v));
    }
    return r;
}

inline void appendRange(ActivationCacheWriter& w, const CacheSchema& s, int from, int to) {
    for (int i = from; i < to; ++i) {
        auto r = makeRollout(s, i);
        w.appendRollout(r.meta, r.pointers(), r.rowCount);
    }
}

inline void writeCache(const std::string& path, const CacheSchema& s, int from, int to, CacheWriterOptions o = {}) {
    ActivationCacheWriter w(path, s, o);
    appendRange(w, s, from, to);
    w.finish();
}

/// A cache of rollouts [0, rollouts) of smallSchema(dtype) with d_model 24 and small chunks
/// (so that rollouts and batches straddle chunk boundaries); returns the schema.
inline CacheSchema writeSmallChunkedCache(const std::string& path, StoreDtype dtype, int rollouts,
                                          int chunkRows = 8) {
    auto s = smallSchema(dtype, 24, 1);
    CacheWriterOptions o;
    o.chunkRows = chunkRows;
    writeCache(path, s, 0, rollouts, o);
    return s;
}

/// Asserts equal metadata and bit-identical activations / token ids in every dataset.
inline void expectSameCache(const std::string& a, const std::string& b) {
    ActivationCacheReader ra(a), rb(b);
    const auto& ma = ra.metadata();
    const auto& mb = rb.metadata();
    ASSERT_EQ(ma.numRollouts, mb.numRollouts);
    ASSERT_EQ(ma.numRows, mb.numRows);
    EXPECT_EQ(ma.offsets, mb.offsets);
    EXPECT_EQ(ma.s0Index, mb.s0Index);
    EXPECT_EQ(ma.rewards, mb.rewards);
    EXPECT_EQ(ma.questionIds, mb.questionIds);
    EXPECT_EQ(ma.sampleIndex, mb.sampleIndex);
    EXPECT_EQ(ma.promptLen, mb.promptLen);
    EXPECT_EQ(ma.responseLen, mb.responseLen);
    for (const auto& hook : ma.schema.hooks)
        for (int layer : ma.schema.layers)
            for (std::int64_t i = 0; i < ma.numRollouts; ++i) {
                auto x = ra.readRollout(hook, layer, i);
                auto y = rb.readRollout(hook, layer, i);
                ASSERT_EQ(x.data, y.data) << hook << " layer " << layer << " rollout " << i;
            }
    for (std::int64_t i = 0; i < ma.numRollouts; ++i) {
        EXPECT_EQ(ra.readTokenIds(i), rb.readTokenIds(i));
        EXPECT_EQ(ra.readPositions(i), rb.readPositions(i));
    }
}

/// Runs a shell command, returns its exit status (-1 if it did not exit normally).
inline int runCommand(const std::string& cmd) {
    int rc = std::system(cmd.c_str());
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

inline bool pythonHas(const std::string& modules) {
    return runCommand(std::string(SRS_PYTHON) + " -c 'import " + modules + "' >/dev/null 2>&1") == 0;
}

}  // namespace cache_test
