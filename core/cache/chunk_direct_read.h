#pragma once
/// Direct reads of rows of an unfiltered, chunked 2-D HDF5 dataset: the chunks' file
/// addresses are looked up once (lazily, per dataset) and rows are then read with large
/// pread() calls straight into the caller's buffer, adjacent chunks merged into one call.
/// This bypasses HDF5's per-call selection and chunk-cache machinery, which on a streaming
/// read of one layer cost as much as the disk itself. Used by ActivationCacheReader when the
/// layout allows it (see usable()); everything else keeps the H5Dread path.
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
    /// stored type equal to the memory type, and a descriptor is known.
    bool usable() const { return m_usable; }
    /// usable() and every chunk full size, unfiltered and inside the file (builds the table).
    bool available() const;
    std::uint64_t chunkRows() const { return m_chunkRows; }

    /// Reads rows [r0, r1) into `out` (r1 - r0 rows of rowBytes each). Returns false, reading
    /// nothing, when the chunk table shows the direct path cannot serve (a chunk not
    /// allocated, filtered or not full size): the caller then uses H5Dread. Throws FormatError
    /// naming the file, the dataset and the rows on a short read or a chunk outside the file.
    /// Thread-safe (pread only; the table is built once under a once_flag).
    bool readRows(std::int64_t r0, std::int64_t r1, void* out) const;

    /// POSIX_FADV_WILLNEED on the file ranges holding rows [r0, r1) (merged runs).
    void prefetch(std::int64_t r0, std::int64_t r1) const;

private:
    struct Run {
        std::uint64_t fileOffset, bytes;
        std::int64_t firstRow;
    };
    void buildTable() const;
    std::vector<Run> runsFor(std::int64_t r0, std::int64_t r1) const;

    hid_t m_dataset;
    int m_fd;
    std::uint64_t m_fileBytes;
    std::string m_file, m_name;
    bool m_usable = false;
    std::uint64_t m_chunkRows = 0, m_rowBytes = 0, m_rows = 0;
    mutable std::once_flag m_tableOnce;
    mutable std::vector<haddr_t> m_chunkAddr;  // per chunk; HADDR_UNDEF = not allocated
    mutable std::string m_tableError;          // set when a chunk is not a full unfiltered chunk
};

}  // namespace srs::core
