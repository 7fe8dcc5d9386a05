#pragma once
/// Confidently-wrong mining (METHOD.md, "Beyond the paper"): the held-out rollouts whose
/// probe says "likely right" (high V(s_0)) but whose reward is 0, as a curation set.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace srs::core {

struct CacheMetadata;

struct MineOptions {
    std::optional<std::size_t> top;  ///< keep the N highest V
    std::optional<double> minV;      ///< keep V >= minV
};

/// One selected held-out rollout.
struct MinedRollout {
    std::int64_t rolloutIndex = 0;  ///< cache rollout index == 0-based record in the rollouts file
    float vS0 = 0.0f;
};

/// Held-out rollouts with reward 0, filtered by `options` (both may apply), sorted by V
/// descending (ties: lower rollout index first). Throws InvalidArgument for mismatched
/// sizes or a non-finite V.
std::vector<MinedRollout> selectConfidentWrong(const std::vector<std::int64_t>& testRollouts,
                                               const std::vector<float>& testVs0, const std::vector<float>& testRewards,
                                               const MineOptions& options);

/// The original records of `mined` from the rollouts JSONL (k-th non-blank line = cache
/// rollout k, since capture keeps file order), each plus "v_s0", in `mined` order. Every
/// line's question_id / sample_index (a missing sample_index is numbered per question in
/// order of appearance) is checked against the cache metadata. Throws FormatError naming
/// the file and line for a mismatch, a bad line, or a record count different from the cache.
std::vector<nlohmann::json> loadMinedRecords(const std::vector<MinedRollout>& mined, const CacheMetadata& cache,
                                             const std::string& rolloutsPath);

}  // namespace srs::core
