#include "core/analysis/confident_wrong.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>

#include "core/cache/activation_cache_reader.h"
#include "core/error.h"
#include "core/io/jsonl.h"

namespace srs::core {

std::vector<MinedRollout> selectConfidentWrong(const std::vector<std::int64_t>& testRollouts,
                                               const std::vector<float>& testVs0, const std::vector<float>& testRewards,
                                               const MineOptions& options) {
    if (testRollouts.size() != testVs0.size() || testRollouts.size() != testRewards.size())
        throw InvalidArgument(fmt::format("mine: {} held-out rollouts, {} V(s_0) values, {} rewards",
                                          testRollouts.size(), testVs0.size(), testRewards.size()));
    std::vector<MinedRollout> out;
    for (std::size_t i = 0; i < testRollouts.size(); ++i) {
        if (!std::isfinite(testVs0[i]))
            throw InvalidArgument(fmt::format("mine: V(s_0) of held-out rollout {} is {}", testRollouts[i], testVs0[i]));
        if (testRewards[i] != 0.0f) continue;
        if (options.minV && !(static_cast<double>(testVs0[i]) >= *options.minV)) continue;
        out.push_back({testRollouts[i], testVs0[i]});
    }
    std::sort(out.begin(), out.end(), [](const MinedRollout& a, const MinedRollout& b) {
        return a.vS0 != b.vS0 ? a.vS0 > b.vS0 : a.rolloutIndex < b.rolloutIndex;
    });
    if (options.top && out.size() > *options.top) out.resize(*options.top);
    return out;
}

std::vector<nlohmann::json> loadMinedRecords(const std::vector<MinedRollout>& mined, const CacheMetadata& cache,
                                             const std::string& rolloutsPath) {
    std::unordered_map<std::int64_t, std::size_t> wanted;  // rollout index -> position in `mined`
    for (std::size_t i = 0; i < mined.size(); ++i) {
        if (mined[i].rolloutIndex < 0 || mined[i].rolloutIndex >= cache.numRollouts)
            throw FormatError(fmt::format("held-out rollout index {} outside the cache's {} rollouts",
                                          mined[i].rolloutIndex, cache.numRollouts));
        wanted[mined[i].rolloutIndex] = i;
    }
    std::vector<nlohmann::json> out(mined.size());
    std::map<std::string, int> perQuestion;
    std::int64_t k = 0;
    JsonlReader reader(rolloutsPath);
    nlohmann::json rec;
    while (reader.next(rec)) {
        const std::string where = reader.where();
        if (k >= cache.numRollouts)
            throw FormatError(fmt::format("{}more records than the cache's {} rollouts (expected the rollouts file "
                                          "the cache was captured from)", where, cache.numRollouts));
        auto q = rec.find("question_id");
        if (q == rec.end() || !q->is_string())
            throw FormatError(where + "missing field 'question_id' (expected the question id, a string)");
        const std::string qid = q->get<std::string>();
        int sample = perQuestion[qid]++;
        if (auto s = rec.find("sample_index"); s != rec.end() && !s->is_null()) {
            if (!s->is_number_integer())
                throw FormatError(where + "field 'sample_index': expected an integer >= 0");
            sample = s->get<int>();
        }
        const auto ku = static_cast<std::size_t>(k);
        if (qid != cache.questionIds.at(ku) || sample != cache.sampleIndex.at(ku))
            throw FormatError(fmt::format(
                "{}record (question_id '{}', sample_index {}) does not match cache rollout {} (question_id '{}', "
                "sample_index {}): expected the rollouts file the cache was captured from, in file order",
                where, qid, sample, k, cache.questionIds[ku], cache.sampleIndex[ku]));
        if (auto it = wanted.find(k); it != wanted.end()) {
            rec["v_s0"] = mined[it->second].vS0;
            out[it->second] = std::move(rec);
        }
        ++k;
    }
    if (k != cache.numRollouts)
        throw FormatError(fmt::format("{}: {} records but the cache has {} rollouts (expected the rollouts file the "
                                      "cache was captured from)", rolloutsPath, k, cache.numRollouts));
    return out;
}

}  // namespace srs::core
