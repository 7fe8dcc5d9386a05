#include "core/cache/chunk_direct_read.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "core/cache/hdf5_support.h"
#include "core/error.h"

namespace srs::core {

using h5::Handle;

ChunkDirectReader::ChunkDirectReader(hid_t dataset, hid_t memType, int fd, std::uint64_t fileBytes,
                                     std::string file, std::string name)
    : m_dataset(dataset), m_fd(fd), m_fileBytes(fileBytes), m_file(std::move(file)), m_name(std::move(name)) {
    if (fd < 0) return;
    Handle dcpl(H5Dget_create_plist(dataset));
    Handle space(H5Dget_space(dataset));
    Handle type(H5Dget_type(dataset));
    if (dcpl.get() < 0 || space.get() < 0 || type.get() < 0) {
        H5Eclear2(H5E_DEFAULT);
        return;
    }
    hsize_t chunk[2] = {0, 0}, dims[2] = {0, 0};
    if (H5Pget_layout(dcpl) != H5D_CHUNKED || H5Pget_chunk(dcpl, 2, chunk) != 2 ||
        H5Sget_simple_extent_ndims(space) != 2 || H5Sget_simple_extent_dims(space, dims, nullptr) != 2 ||
        chunk[1] != dims[1] || chunk[0] == 0 || H5Tget_size(type) == 0) {
        H5Eclear2(H5E_DEFAULT);
        return;
    }
    m_chunkRows = chunk[0];
    m_rowBytes = dims[1] * H5Tget_size(type);
    m_rows = dims[0];
    m_indexed = true;
    const char* off = std::getenv("SRS_DISABLE_DIRECT_CHUNK_READ");  // for benchmarks: H5Dread path
    m_usable = H5Pget_nfilters(dcpl) == 0 && H5Tequal(type, memType) > 0 && !(off && *off && std::strcmp(off, "0") != 0);
    H5Eclear2(H5E_DEFAULT);
}

// One lookup per chunk, once. Chunks that are filtered, not full size or not allocated leave
// the hints working but switch direct reads off; a failed lookup switches both off.
void ChunkDirectReader::buildTable() const {
    const std::uint64_t chunks = (m_rows + m_chunkRows - 1) / m_chunkRows;
    const std::uint64_t chunkBytes = m_chunkRows * m_rowBytes;
    m_chunkAddr.assign(chunks, HADDR_UNDEF);
    m_chunkSize.assign(chunks, 0);
    for (std::uint64_t c = 0; c < chunks; ++c) {
        hsize_t coord[2] = {c * m_chunkRows, 0};
        unsigned mask = 0;
        haddr_t addr = HADDR_UNDEF;
        hsize_t size = 0;
        if (H5Dget_chunk_info_by_coord(m_dataset, coord, &mask, &addr, &size) < 0) {
            H5Eclear2(H5E_DEFAULT);
            m_tableError = fmt::format("cannot look up chunk {}", c);
            return;
        }
        if (addr == HADDR_UNDEF || mask != 0 || size != chunkBytes) m_allFull = false;
        if (addr == HADDR_UNDEF) continue;
        if (addr + size > m_fileBytes)
            throw FormatError(fmt::format("{}: dataset '{}': chunk {} (rows {}..{}) lies at bytes {}..{}, past the end "
                                          "of the file ({} bytes; truncated?)",
                                          m_file, m_name, c, c * m_chunkRows, (c + 1) * m_chunkRows, addr,
                                          addr + size, m_fileBytes));
        m_chunkAddr[c] = addr;
        m_chunkSize[c] = size;
    }
}

bool ChunkDirectReader::tableReady() const {
    if (!m_indexed) return false;
    std::call_once(m_tableOnce, [this] { buildTable(); });
    return m_tableError.empty();
}

std::vector<ChunkDirectReader::Run> ChunkDirectReader::runsFor(std::int64_t r0, std::int64_t r1) const {
    std::vector<Run> runs;
    const auto cr = static_cast<std::int64_t>(m_chunkRows);
    for (std::int64_t row = r0; row < r1;) {
        const std::int64_t c = row / cr;
        const std::int64_t end = std::min(r1, (c + 1) * cr);
        const std::uint64_t offset = m_chunkAddr[static_cast<std::size_t>(c)] +
                                     static_cast<std::uint64_t>(row - c * cr) * m_rowBytes;
        const std::uint64_t bytes = static_cast<std::uint64_t>(end - row) * m_rowBytes;
        if (!runs.empty() && runs.back().fileOffset + runs.back().bytes == offset)
            runs.back().bytes += bytes;
        else
            runs.push_back(Run{offset, bytes, row});
        row = end;
    }
    return runs;
}

bool ChunkDirectReader::readRows(std::int64_t r0, std::int64_t r1, void* out) const {
    if (!m_usable) return false;
    if (r0 < 0 || r1 < r0 || static_cast<std::uint64_t>(r1) > m_rows)
        throw FormatError(fmt::format("{}: dataset '{}' has {} rows, cannot read rows {}..{}", m_file, m_name, m_rows,
                                      r0, r1));
    if (!available()) return false;
    auto* dst = static_cast<char*>(out);
    for (const Run& run : runsFor(r0, r1)) {
        char* at = dst + static_cast<std::uint64_t>(run.firstRow - r0) * m_rowBytes;
        std::uint64_t done = 0;
        while (done < run.bytes) {
            const ssize_t got = pread(m_fd, at + done, run.bytes - done, static_cast<off_t>(run.fileOffset + done));
            if (got < 0 && errno == EINTR) continue;
            if (got <= 0)
                throw FormatError(fmt::format("{}: dataset '{}': cannot read rows {}..{} (bytes {}..{} of the file): {}",
                                              m_file, m_name, r0, r1, run.fileOffset + done, run.fileOffset + run.bytes,
                                              got == 0 ? "unexpected end of file (truncated?)" : std::strerror(errno)));
            done += static_cast<std::uint64_t>(got);
        }
    }
    return true;
}

bool ChunkDirectReader::available() const { return m_usable && tableReady() && m_allFull; }

void ChunkDirectReader::prefetch(std::int64_t r0, std::int64_t r1) const {
    if (r1 <= r0 || r0 < 0 || static_cast<std::uint64_t>(r1) > m_rows || !tableReady()) return;
    off_t runStart = -1, runEnd = -1;
    for (std::uint64_t c = static_cast<std::uint64_t>(r0) / m_chunkRows; c * m_chunkRows < static_cast<std::uint64_t>(r1);
         ++c) {
        if (m_chunkAddr[c] == HADDR_UNDEF) continue;
        const auto a = static_cast<off_t>(m_chunkAddr[c]), e = static_cast<off_t>(m_chunkAddr[c] + m_chunkSize[c]);
        if (a == runEnd) {
            runEnd = e;
            continue;
        }
        if (runStart >= 0) posix_fadvise(m_fd, runStart, runEnd - runStart, POSIX_FADV_WILLNEED);
        runStart = a;
        runEnd = e;
    }
    if (runStart >= 0) posix_fadvise(m_fd, runStart, runEnd - runStart, POSIX_FADV_WILLNEED);
}

}  // namespace srs::core
