#pragma once
/// The chunk index of a chunked 2-D HDF5 dataset whose chunks span whole rows: the chunks'
/// file addresses and sizes are looked up once (lazily, per dataset). From it come
///  - read-ahead hints (prefetch) for any such dataset, compressed or not, and
///  - direct reads of unfiltered datasets: rows read with large pread() calls straight into
///    the caller's buffer, adjacent chunks merged into one call. This bypasses HDF5's
///    per-call selection and chunk-cache machinery, which on a streaming read of one layer
///    cost as much as the disk itself.
/// Used by ActivationCacheReader; what it cannot serve keeps the H5Dread path.
#include <hdf5.h>

#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

namespace srs::core {

class ChunkDirectReader {
public:
    /// `dataset`: a [rows, cols] dataset; `memType`: the memory type the caller would pass to
    /// H5Dread (the direct path is used only when it equals the stored type byte for byte);
    /// `fd`: the file's POSIX descriptor (sec2 driver) or -1; `fileBytes`: the file's size.
    ChunkDirectReader(hid_t dataset, hid_t memType, int fd, std::uint64_t fileBytes, std::string file,
                      std::string name);

    /// True when rows can be read directly: chunked, no filters, chunks span whole rows,
    /// stored type equal to the memory type, a descriptor known, and direct reads not switched
    /// off (SRS_DISABLE_DIRECT_CHUNK_READ).
    bool usable() const { return m_usable; }
    /// usable() and every chunk allocated, full size, unfiltered and inside the file (builds
    /// the table).
    bool available() const;
    std::uint64_t chunkRows() const { return m_chunkRows; }

    /// Reads rows [r0, r1) into `out` (r1 - r0 rows of rowBytes each). Returns false, reading
    /// nothing, when the chunk table shows the direct path cannot serve (a chunk not
    /// allocated, filtered or not full size): the caller then uses H5Dread. Throws FormatError
    /// naming the file, the dataset and the rows on a short read or a chunk outside the file.
    /// Thread-safe (pread only; the table is built once under a once_flag).
    bool readRows(std::int64_t r0, std::int64_t r1, void* out) const;

    /// POSIX_FADV_WILLNEED on the chunks holding rows [r0, r1) (adjacent chunks merged); for
    /// any indexed dataset, compressed too. A no-op where there is no index.
    void prefetch(std::int64_t r0, std::int64_t r1) const;

private:
    struct Run {
        std::uint64_t fileOffset, bytes;
        std::int64_t firstRow;
    };
    void buildTable() const;
    bool tableReady() const;  // builds the table once; false without an index or on a failed lookup
    std::vector<Run> runsFor(std::int64_t r0, std::int64_t r1) const;

    hid_t m_dataset;
    int m_fd;
    std::uint64_t m_fileBytes;
    std::string m_file, m_name;
    bool m_indexed = false;  // chunked, whole-row chunks, descriptor known
    bool m_usable = false;
    std::uint64_t m_chunkRows = 0, m_rowBytes = 0, m_rows = 0;
    mutable std::once_flag m_tableOnce;
    mutable std::vector<haddr_t> m_chunkAddr;  // per chunk; HADDR_UNDEF = not allocated
    mutable std::vector<hsize_t> m_chunkSize;  // stored bytes per chunk
    mutable bool m_allFull = true;             // every chunk allocated, unfiltered, full size
    mutable std::string m_tableError;          // set when a chunk lookup failed
};

}  // namespace srs::core
