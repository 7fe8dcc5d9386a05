#pragma once
// Synthetic activation caches for the probe tests: a reward signal planted in known dims.
// Each question q has a success rate p_q ~ U(0.15, 0.85); each rollout's reward r ~ Bernoulli(p_q);
// every row of every layer is N(0, 1) noise plus amplitude * (2r - 1) on the planted dims.
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "core/cache/activation_cache_writer.h"

namespace probe_test {

struct SyntheticSpec {
    int questions = 60;
    int perQuestion = 4;
    std::int64_t dModel = 256;
    std::vector<int> layers{0, 3};
    std::vector<int> planted{7, 42, 99, 150, 201};
    float amplitude = 0.8f;
    int minResponse = 5, maxResponse = 12;
    std::uint64_t seed = 1;
    int constantReward = -1;  // 0 or 1: every rollout gets this reward
    std::string model = "synthetic-model-A";
    srs::core::StoreDtype dtype = srs::core::StoreDtype::Float16;
};

inline void writeSyntheticCache(const std::string& path, const SyntheticSpec& sp) {
    using namespace srs::core;
    CacheSchema s;
    s.hooks = {"resid_post"};
    s.layers = sp.layers;
    s.dModel = sp.dModel;
    s.dtype = sp.dtype;
    s.task = "synthetic";
    s.modelFingerprint = sp.model;
    s.tokenizerFingerprint = "tok";
    s.promptTemplate = "qwen-boxed";
    CacheWriterOptions wo;
    wo.overwrite = true;
    wo.resume = false;
    ActivationCacheWriter w(path, s, wo);
    std::mt19937_64 rng(sp.seed);
    std::normal_distribution<float> noise(0.0f, 1.0f);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    std::uniform_int_distribution<int> len(sp.minResponse, sp.maxResponse);
    for (int q = 0; q < sp.questions; ++q) {
        const double pq = 0.15 + 0.7 * unit(rng);
        for (int k = 0; k < sp.perQuestion; ++k) {
            RolloutRecord meta;
            meta.questionId = "q" + std::to_string(q);
            meta.sampleIndex = k;
            meta.reward = sp.constantReward >= 0 ? static_cast<float>(sp.constantReward) : (unit(rng) < pq ? 1.0f : 0.0f);
            meta.promptLen = 10;
            meta.responseLen = len(rng);
            const std::int64_t rows = rowsForRollout(meta.responseLen, 1);
            std::vector<std::vector<float>> data(sp.layers.size(),
                                                 std::vector<float>(static_cast<std::size_t>(rows * sp.dModel)));
            const float shift = sp.amplitude * (2.0f * meta.reward - 1.0f);
            for (auto& d : data) {
                for (auto& v : d) v = noise(rng);
                for (std::int64_t r = 0; r < rows; ++r)
                    for (int c : sp.planted) d[static_cast<std::size_t>(r * sp.dModel + c)] += shift;
            }
            std::vector<const float*> ptrs;
            for (auto& d : data) ptrs.push_back(d.data());
            w.appendRollout(meta, ptrs, rows);
        }
    }
    w.finish();
}

class TempDir {
public:
    TempDir() {
        std::string tmpl = (std::filesystem::temp_directory_path() / "srs_probe_test_XXXXXX").string();
        if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
        m_path = tmpl;
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(m_path, ec);
    }
    std::string file(const std::string& name) const { return (m_path / name).string(); }

private:
    std::filesystem::path m_path;
};

}  // namespace probe_test
