#pragma once
/// Writes an HDF5 activation cache (docs/CACHE_FORMAT.md) one rollout at a time.
/// Crash-safe: everything goes to "<path>.partial"; attribute committed_rollouts is
/// advanced after each flush+fsync; finish() sets complete=1, fsyncs and renames to <path>.
/// Reopening an existing .partial (resume) truncates rows past the last committed rollout,
/// so a killed run followed by a rerun that appends rollouts committedRollouts().. gives
/// the same datasets as an uninterrupted run. Not thread-safe; one writer per file.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/cache/cache_types.h"

namespace srs::core {

struct CacheWriterOptions {
    int chunkRows = 128;            ///< rows per HDF5 chunk of the activation datasets
    int gzipLevel = 0;              ///< 0 = no compression, 1..9 = shuffle + gzip (h5py built-ins)
    int flushEveryRollouts = 32;    ///< commit (flush + fsync + committed_rollouts) interval
    bool resume = true;             ///< reopen an existing .partial; false = start it over
    bool overwrite = false;         ///< allow replacing an existing complete file at finish()
    /// Planned totals for the disk-space check (0 = skip the check).
    std::int64_t expectedRollouts = 0;
    std::int64_t expectedRows = 0;
    /// Free bytes of a folder; empty = std::filesystem::space(folder).available. The writer
    /// refuses to start (or resume) when the expected size minus what the .partial already
    /// holds exceeds it. A test seam, and a way to reserve head room.
    std::function<std::uint64_t(const std::string& folder)> freeBytes;
};

class ActivationCacheWriter {
public:
    /// Creates (or resumes) "<path>.partial". Throws InvalidArgument for a bad schema,
    /// Error if <path> exists and !overwrite, if a resumed file has a different schema
    /// (naming the field), or if the disk cannot hold the expected size (the message names
    /// the folder, the bytes needed and the bytes free); FormatError for HDF5 failures
    /// (naming the file).
    ActivationCacheWriter(std::string path, CacheSchema schema, CacheWriterOptions options = {});
    /// Without finish(): closes the .partial, leaving it resumable (never complete).
    ~ActivationCacheWriter();
    ActivationCacheWriter(const ActivationCacheWriter&) = delete;
    ActivationCacheWriter& operator=(const ActivationCacheWriter&) = delete;

    /// Rollouts already committed when the writer was opened (0 for a fresh file): the
    /// caller continues with rollout number committedRollouts().
    std::int64_t resumedRollouts() const;
    std::int64_t rolloutCount() const;  ///< appended so far (including resumed ones)
    std::int64_t rowCount() const;

    /// Appends one rollout. `rows[d]` points to rowCount*d_model float32 values (row-major
    /// [rowCount, d_model]) for dataset d in schema order (hook-major: for hook, for layer).
    /// rowCount must equal rowsForRollout(meta.responseLen, tokenStride). Throws
    /// InvalidArgument on size mismatches, FormatError on write errors (e.g. disk full).
    void appendRollout(const RolloutRecord& meta, const std::vector<const float*>& rows, std::int64_t rowCount);

    /// Flush + fsync + advance committed_rollouts now.
    void commit();
    /// Commits, sets complete=1, closes, fsyncs, renames .partial -> path.
    void finish();

    const std::string& path() const;
    std::string partialPath() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace srs::core
