#pragma once
/// Reads a complete HDF5 activation cache (docs/CACHE_FORMAT.md). Per-rollout metadata is
/// loaded at open (small); activations are read on demand, one layer at a time, so memory
/// does not grow with the cache. One reader per thread, or serialise calls (streamLayer
/// itself reads ahead on a helper thread; HDF5 calls are serialised by the library).
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/cache/cache_types.h"
#include "core/jobs/job.h"

namespace srs::core {

/// Row-major float32 matrix [rows, cols].
struct RowMatrix {
    std::int64_t rows = 0;
    std::int64_t cols = 0;
    std::vector<float> data;
    const float* row(std::int64_t r) const { return data.data() + r * cols; }
};

/// Everything about a cache except the activations.
struct CacheMetadata {
    CacheSchema schema;
    std::string softwareVersion;
    std::int64_t numRollouts = 0;
    std::int64_t numRows = 0;                 ///< rows of every activation dataset
    std::vector<std::int64_t> offsets;        ///< [numRollouts+1] first row of each rollout
    std::vector<std::int64_t> s0Index;        ///< [numRollouts] row of s_0 (== offsets[i])
    std::vector<float> rewards;               ///< [numRollouts]
    std::vector<std::string> questionIds;     ///< [numRollouts]
    std::vector<std::int32_t> sampleIndex;    ///< [numRollouts]
    std::vector<std::int32_t> promptLen;      ///< [numRollouts]
    std::vector<std::int32_t> responseLen;    ///< [numRollouts]
    int chunkRows = 0;
    std::string compression;                  ///< "none" | "gzip-N+shuffle" | "virtual"
    std::vector<std::string> mergedFrom;      ///< shard files of a merged cache (as stored)
    std::string mergeMode;                    ///< "" | "virtual" | "copy"
    std::uint64_t fileBytes = 0;              ///< size of the .h5 itself
    std::uint64_t totalBytes = 0;             ///< plus referenced shard files (virtual merge)
    double meanReward() const;
};

/// One batch of whole rollouts from streamLayer.
struct ActivationBatch {
    std::int64_t firstRollout = 0;          ///< global index of the first rollout in the batch
    std::int64_t rolloutCount = 0;
    std::vector<std::int64_t> localOffsets; ///< [rolloutCount+1] row ranges inside `rows`
    RowMatrix rows;                         ///< [sum of rows, d_model] float32
};

class ActivationCacheReader {
public:
    /// Opens and validates `path`. Throws FormatError naming the file when it is missing,
    /// not HDF5, truncated, not an SRS cache, incomplete (complete != 1 or a .partial name),
    /// inconsistent (offsets vs dataset sizes), or a virtual merge whose shard files are
    /// missing; UnsupportedError for another format version.
    explicit ActivationCacheReader(const std::string& path);
    ~ActivationCacheReader();
    ActivationCacheReader(const ActivationCacheReader&) = delete;
    ActivationCacheReader& operator=(const ActivationCacheReader&) = delete;

    const CacheMetadata& metadata() const;
    const std::string& path() const;

    /// Streams one (hook, layer) dataset in rollout order, `batchRollouts` whole rollouts
    /// per callback (the last batch may be smaller). Memory ~ three batches: while the
    /// callback works on one, the next two are read on a background thread (read-ahead).
    /// Reports progress and polls cancellation between batches (throws Cancelled; an
    /// exception from the callback propagates the same way, the helper thread stopped).
    /// Throws InvalidArgument for an unknown hook/layer, FormatError for read errors.
    void streamLayer(const std::string& hook, int layer, std::int64_t batchRollouts,
                     const std::function<void(const ActivationBatch&)>& onBatch, const JobContext& job = {}) const;

    /// Read-ahead in streamLayer (default on). Off: each batch is read when it is needed,
    /// on the calling thread (same data; for comparison and benchmarks).
    void setReadAhead(bool on);
    bool readAhead() const;
    /// With read-ahead, each batch is handed from the read thread to the converting thread
    /// in pieces of about this many stored bytes (default 8 MiB, at least one row), so
    /// conversion follows the disk within one batch. Same data for any value.
    void setReadPieceBytes(std::size_t bytes);
    /// True when reads of this dataset bypass HDF5 (unfiltered chunks, read with pread);
    /// compressed or virtual datasets, or SRS_DISABLE_DIRECT_CHUNK_READ=1, use H5Dread.
    bool directReads(const std::string& hook, int layer) const;

    /// Rows of one rollout: [rows, d_model] float32 (row 0 = s_0).
    RowMatrix readRollout(const std::string& hook, int layer, std::int64_t rollout) const;
    /// s_0 row of every rollout: [numRollouts, d_model] float32.
    RowMatrix readS0(const std::string& hook, int layer) const;
    /// Token ids / positions of one rollout's rows: [rows].
    std::vector<std::int32_t> readTokenIds(std::int64_t rollout) const;
    std::vector<std::int32_t> readPositions(std::int64_t rollout) const;

    /// Raw stored rows [start, start+count) of a dataset as stored bytes (2 or 4 per element);
    /// used by merge/copy. Throws like streamLayer.
    void readRawRows(const std::string& hook, int layer, std::int64_t start, std::int64_t count, void* out) const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace srs::core
