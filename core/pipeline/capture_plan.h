#pragma once
/// `srs capture`, step 1: everything decided before any compute. Reads the rollouts,
/// checks their fingerprints against the model and tokenizer, recovers token ids
/// (recomputed from text for imported rollouts), picks this shard and sizes the cache.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/cache/cache_types.h"
#include "core/model/runtime.h"

namespace srs::core {

class Checkpoint;

struct CaptureOptions {
    std::filesystem::path modelDir;
    std::filesystem::path tokenizerPath;  ///< empty = <modelDir>/tokenizer.json when present
    std::filesystem::path rolloutsPath;
    std::filesystem::path outPath;
    std::vector<int> layers;                         ///< empty = every layer
    std::vector<std::string> hooks{"resid_post"};    ///< short kinds with [T, d_model] shape
    StoreDtype storeDtype = StoreDtype::Float16;
    int tokenStride = 1;
    int shardIndex = 0, shardCount = 1;  ///< contiguous block shardIndex of shardCount
    int batchSize = 4;                   ///< rollouts per forward
    int queueBatches = 2;                ///< batches in flight between compute and writer
    int chunkRows = 128;
    int commitEveryRollouts = 32;        ///< commit at the first batch end past this many
    bool overwrite = false;              ///< replace an existing complete cache
    RuntimeOptions runtime;
    /// Test seam: called on the writer thread before each rollout is written (index within
    /// the shard); throwing from it behaves like a failed write.
    std::function<void(std::int64_t)> beforeWrite;
    /// Free bytes of the output folder (test seam); empty = std::filesystem::space.
    std::function<std::uint64_t(const std::string&)> freeBytes;
};

/// One rollout ready to be teacher-forced.
struct CaptureItem {
    std::string questionId;
    int sampleIndex = 0;
    float reward = 0.0f;
    std::vector<int> tokens;  ///< prompt ids then response ids
    int promptLen = 0;
    int responseLen = 0;
    std::size_t line = 0;     ///< line in the rollouts file
};

struct CapturePlan {
    CacheSchema schema;
    std::vector<std::string> hookNames;  ///< full TransformerLens names, schema (hook-major) order
    std::vector<CaptureItem> items;      ///< this shard's rollouts, in file order
    std::int64_t rolloutsInFile = 0;
    std::int64_t firstRollout = 0;       ///< index in the file of items[0]
    std::int64_t recomputedIds = 0;      ///< rollouts whose ids came from re-tokenising text
    std::int64_t rows = 0;               ///< rows of every activation dataset when complete
    std::uint64_t expectedBytes = 0;     ///< expectedCacheBytes() of the complete shard
    std::shared_ptr<const Checkpoint> checkpoint;
};

/// "all" or "0,5,10-12" -> sorted unique layers; throws InvalidArgument naming the entry
/// and the valid range 0..numLayers-1.
std::vector<int> parseLayerSpec(const std::string& text, int numLayers);

/// Stored positions of one rollout: s_0 = promptLen-1, then promptLen-1+t for
/// t = S, 2S, ... below responseLen, and always the final state t = responseLen
/// (1 + ceil(responseLen/S) rows, == rowsForRollout).
std::vector<std::int32_t> capturePositions(int promptLen, int responseLen, int stride);

/// Validates everything (see the header comment). Throws FormatError naming the rollouts
/// file and line (malformed or missing fields, ids outside the vocabulary, no tokenizer for
/// text-only rollouts), Error naming both fingerprints when a rollout came from another
/// model or tokenizer, InvalidArgument for bad options (hooks, layers, stride, shard).
CapturePlan planCapture(const CaptureOptions& options);

}  // namespace srs::core
