#include "core/cache/cache_types.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "core/error.h"

namespace srs::core {

std::string storeDtypeName(StoreDtype dtype) {
    switch (dtype) {
        case StoreDtype::Float16: return "float16";
        case StoreDtype::BFloat16: return "bfloat16";
        case StoreDtype::Float32: return "float32";
    }
    return "?";
}

StoreDtype parseStoreDtype(const std::string& name) {
    if (name == "float16" || name == "f16") return StoreDtype::Float16;
    if (name == "bfloat16" || name == "bf16") return StoreDtype::BFloat16;
    if (name == "float32" || name == "f32") return StoreDtype::Float32;
    throw InvalidArgument(fmt::format("store dtype '{}' is not supported (expected float16, bfloat16 or float32)", name));
}

std::size_t storeDtypeSize(StoreDtype dtype) { return dtype == StoreDtype::Float32 ? 4 : 2; }

std::string activationDatasetPath(const std::string& hook, int layer) {
    return fmt::format("/acts/{}/layer_{:02d}", hook, layer);
}

void validateSchema(const CacheSchema& s) {
    if (s.hooks.empty()) throw InvalidArgument("cache schema: no hooks given (expected e.g. resid_post)");
    if (s.layers.empty()) throw InvalidArgument("cache schema: no layers given");
    if (s.dModel < 1) throw InvalidArgument(fmt::format("cache schema: d_model {} must be >= 1", s.dModel));
    if (s.tokenStride < 1)
        throw InvalidArgument(fmt::format("cache schema: token stride {} must be >= 1", s.tokenStride));
    if (s.shardCount < 1 || s.shardIndex < 0 || s.shardIndex >= s.shardCount)
        throw InvalidArgument(fmt::format("cache schema: shard {}/{} is invalid (expected 0 <= i < N)",
                                          s.shardIndex, s.shardCount));
    std::set<std::string> seenHooks;
    for (const auto& h : s.hooks) {
        bool ok = !h.empty() && std::all_of(h.begin(), h.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
        });
        if (!ok)
            throw InvalidArgument(fmt::format("cache schema: hook '{}' is not a short hook kind "
                                              "(expected [a-z0-9_.], e.g. resid_post)", h));
        if (!seenHooks.insert(h).second)
            throw InvalidArgument(fmt::format("cache schema: hook '{}' listed twice", h));
    }
    std::set<int> seenLayers;
    for (int l : s.layers) {
        if (l < 0) throw InvalidArgument(fmt::format("cache schema: layer {} must be >= 0", l));
        if (!seenLayers.insert(l).second)
            throw InvalidArgument(fmt::format("cache schema: layer {} listed twice", l));
    }
}

std::int64_t rowsForRollout(std::int64_t responseLen, int tokenStride) {
    if (responseLen < 0 || tokenStride < 1) return 1;
    return 1 + (responseLen + tokenStride - 1) / tokenStride;
}

std::vector<std::int32_t> storedPositions(std::int32_t promptLen, std::int32_t responseLen, int tokenStride) {
    const int stride = std::max(tokenStride, 1);
    std::vector<std::int32_t> pos;
    const std::int32_t s0 = promptLen - 1;
    pos.push_back(s0);
    for (std::int32_t t = stride; t < responseLen; t += stride) pos.push_back(s0 + t);
    if (responseLen > 0) pos.push_back(s0 + responseLen);
    return pos;
}

std::uint64_t expectedCacheBytes(const CacheSchema& schema, std::int64_t rollouts, std::int64_t rows,
                                 std::int64_t avgQuestionIdBytes) {
    const auto r = static_cast<std::uint64_t>(std::max<std::int64_t>(rows, 0));
    const auto n = static_cast<std::uint64_t>(std::max<std::int64_t>(rollouts, 0));
    const std::uint64_t acts = r * static_cast<std::uint64_t>(schema.dModel) * storeDtypeSize(schema.dtype) *
                               schema.datasetCount();
    const std::uint64_t perToken = r * 8;  // ids + positions (int32 each)
    // offset + s0_index (int64), reward, sample_index, prompt_len, response_len (4 bytes each),
    // question id (variable-length string: heap copy + 16-byte reference).
    const std::uint64_t perRollout = n * (8 + 8 + 4 * 4 + 16 + static_cast<std::uint64_t>(avgQuestionIdBytes));
    const std::uint64_t overhead = 1ull << 20;  // superblock, object headers, chunk indexes
    // Chunk index entries: ~ 1 per chunk, ~48 bytes each, chunks of >= 16 rows.
    const std::uint64_t index = (r / 16 + 1) * 48 * (schema.datasetCount() + 2);
    return acts + perToken + perRollout + overhead + index;
}

}  // namespace srs::core
