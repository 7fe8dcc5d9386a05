#pragma once
/// Names of the attributes and datasets of format "srs-activation-cache" version 1
/// (docs/CACHE_FORMAT.md) and the schema <-> attribute mapping shared by writer, reader
/// and merge. Internal to core/cache.
#include <hdf5.h>

#include <string>

#include "core/cache/cache_types.h"

namespace srs::core {

namespace cache_attr {
inline constexpr const char* kFormat = "format";
inline constexpr const char* kFormatName = "srs-activation-cache";
inline constexpr const char* kVersion = "version";
inline constexpr int kVersionValue = 1;
inline constexpr const char* kComplete = "complete";
inline constexpr const char* kCommittedRollouts = "committed_rollouts";
inline constexpr const char* kCommittedRows = "committed_rows";
inline constexpr const char* kChunkRows = "chunk_rows";
inline constexpr const char* kCompression = "compression";
inline constexpr const char* kMergedFrom = "merged_from";
inline constexpr const char* kMergeMode = "merge_mode";
}  // namespace cache_attr

namespace cache_ds {
inline constexpr const char* kTokenIds = "/tokens/ids";
inline constexpr const char* kPositions = "/tokens/position";
inline constexpr const char* kOffset = "/rollouts/offset";
inline constexpr const char* kS0Index = "/rollouts/s0_index";
inline constexpr const char* kReward = "/rollouts/reward";
inline constexpr const char* kQuestionId = "/rollouts/question_id";
inline constexpr const char* kSampleIndex = "/rollouts/sample_index";
inline constexpr const char* kPromptLen = "/rollouts/prompt_len";
inline constexpr const char* kResponseLen = "/rollouts/response_len";
}  // namespace cache_ds

/// Writes format/version and every schema field (plus software_version) as root attributes.
void writeCacheAttributes(hid_t file, const CacheSchema& schema, const std::string& fileName);
/// Checks format/version (FormatError / UnsupportedError naming the file) and reads the schema.
CacheSchema readCacheAttributes(hid_t file, const std::string& fileName);
/// "" if a and b describe the same data layout and provenance, else "<field> <a> vs <b>".
/// With provenanceOnly=false the shard fields are compared as well.
std::string schemaDifference(const CacheSchema& a, const CacheSchema& b, bool compareShard = true);

}  // namespace srs::core
