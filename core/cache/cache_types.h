#pragma once
/// Shared types of the HDF5 activation cache (layout: docs/CACHE_FORMAT.md).
/// Torch-free: rows cross this API as float32 arrays, row-major [rows, d_model].
#include <cstdint>
#include <string>
#include <vector>

namespace srs::core {

/// How activations are stored on disk. Reads always return float32.
enum class StoreDtype { Float16, BFloat16, Float32 };

/// "float16" | "bfloat16" | "float32".
std::string storeDtypeName(StoreDtype dtype);
/// Inverse of storeDtypeName; throws InvalidArgument naming the text and the valid names.
StoreDtype parseStoreDtype(const std::string& name);
/// Bytes per stored element (2 or 4).
std::size_t storeDtypeSize(StoreDtype dtype);

/// What a cache holds and where it came from. Written once as file attributes.
struct CacheSchema {
    std::vector<std::string> hooks;  ///< short hook kinds, e.g. "resid_post" (TransformerLens hook_*)
    std::vector<int> layers;         ///< layer indices, e.g. {0, 5, 27}
    std::int64_t dModel = 0;         ///< columns of every activation dataset
    StoreDtype dtype = StoreDtype::Float16;
    int tokenStride = 1;             ///< rows keep s_0 and every tokenStride-th response state
    int shardIndex = 0;              ///< this file is shard shardIndex of shardCount (metadata only)
    int shardCount = 1;
    std::string task;                ///< benchmark / task name
    std::string modelFingerprint;
    std::string tokenizerFingerprint;
    std::string promptTemplate;      ///< template name, e.g. "qwen-boxed"
    std::string settingsJson = "{}"; ///< capture settings as a JSON document

    /// Number of activation datasets = hooks.size() * layers.size(); order is hook-major.
    std::size_t datasetCount() const { return hooks.size() * layers.size(); }
};

/// HDF5 path of one activation dataset: "/acts/resid_post/layer_05".
std::string activationDatasetPath(const std::string& hook, int layer);

/// Throws InvalidArgument if hooks/layers/dModel/stride/shard are unusable (empty lists,
/// duplicate entries, hook names with characters other than [a-z0-9_.], dModel < 1, ...).
void validateSchema(const CacheSchema& schema);

/// Metadata of one rollout (prompt + response) appended to the cache.
struct RolloutRecord {
    std::string questionId;
    std::int32_t sampleIndex = 0;   ///< k-th sample of this question
    float reward = 0.0f;            ///< graded reward, usually 0 or 1
    std::int32_t promptLen = 0;     ///< prompt tokens (s_0 is position promptLen-1)
    std::int32_t responseLen = 0;   ///< response tokens before the stride is applied
    /// [rows] token id at each stored row; empty -> -1 for every row.
    std::vector<std::int32_t> tokenIds;
    /// [rows] absolute position of each stored row; empty -> storedPositions(promptLen,
    /// responseLen, tokenStride).
    std::vector<std::int32_t> positions;
};

/// Rows a rollout occupies: s_0 plus ceil(responseLen / stride) response states.
std::int64_t rowsForRollout(std::int64_t responseLen, int tokenStride);

/// Absolute positions of a rollout's stored rows: s_0 = promptLen-1, then s_0+t for
/// t = S, 2S, ... below responseLen, and always the final state s_0+responseLen
/// (rowsForRollout(responseLen, S) entries; none past the last token).
std::vector<std::int32_t> storedPositions(std::int32_t promptLen, std::int32_t responseLen, int tokenStride);

/// Bytes a complete cache with `rollouts` rollouts and `rows` rows in total needs on disk
/// (activations + per-token + per-rollout datasets + HDF5 overhead allowance), uncompressed.
std::uint64_t expectedCacheBytes(const CacheSchema& schema, std::int64_t rollouts,
                                 std::int64_t rows, std::int64_t avgQuestionIdBytes = 24);

}  // namespace srs::core
