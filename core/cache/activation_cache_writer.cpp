#include "core/cache/activation_cache_writer.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>

#include "core/cache/cache_format.h"
#include "core/cache/half_float.h"
#include "core/cache/hdf5_support.h"
#include "core/error.h"
#include "core/version.h"

namespace fs = std::filesystem;

namespace srs::core {

using h5::check;
using h5::Handle;

struct ActivationCacheWriter::Impl {
    std::string path, partial;
    CacheSchema schema;
    CacheWriterOptions options;
    Handle file;
    std::vector<Handle> acts;  // schema order
    Handle storeType;          // file type of the activation datasets
    Handle tokenIds, positions;
    Handle offset, s0Index, reward, questionId, sampleIndex, promptLen, responseLen;
    std::int64_t rollouts = 0, rows = 0, committed = 0, resumed = 0;
    bool finished = false, broken = false;
    std::vector<std::uint16_t> scratch;

    void createFile();
    void resumeFile();
    void openDatasets();
    void checkDisk() const;
    void doCommit();
    void closeAll();
    void abandon() noexcept;
    void fsyncPath(const std::string& p, bool directory) const;
};

namespace {

Handle makeType(StoreDtype dtype) {
    switch (dtype) {
        case StoreDtype::Float16: return h5::halfType();
        case StoreDtype::BFloat16: return Handle(H5Tcopy(H5T_STD_U16LE));
        case StoreDtype::Float32: return Handle(H5Tcopy(H5T_IEEE_F32LE));
    }
    return Handle();
}

constexpr std::size_t kDefaultCache = static_cast<std::size_t>(-1);

Handle openDataset(hid_t file, const std::string& path, const std::string& fileName,
                   std::size_t cacheBytes = kDefaultCache) {
    if (H5Lexists(file, path.substr(0, path.rfind('/')).c_str(), H5P_DEFAULT) <= 0 ||
        H5Lexists(file, path.c_str(), H5P_DEFAULT) <= 0)
        throw FormatError(fmt::format("{}: dataset '{}' is missing", fileName, path));
    Handle dapl(H5Pcreate(H5P_DATASET_ACCESS));
    if (cacheBytes != kDefaultCache) H5Pset_chunk_cache(dapl, cacheBytes ? 521 : 0, cacheBytes, 1.0);
    return check(H5Dopen2(file, path.c_str(), dapl), fileName, "cannot open dataset '" + path + "'");
}

void setExtent(hid_t ds, hsize_t rows, hsize_t cols, const std::string& file, const std::string& name) {
    hsize_t dims[2] = {rows, cols};
    check(H5Dset_extent(ds, dims), file, "cannot truncate dataset '" + name + "'");
}

}  // namespace

ActivationCacheWriter::ActivationCacheWriter(std::string path, CacheSchema schema, CacheWriterOptions options)
    : m_impl(std::make_unique<Impl>()) {
    h5::silenceErrors();
    validateSchema(schema);
    if (options.chunkRows < 1) throw InvalidArgument(fmt::format("chunk rows {} must be >= 1", options.chunkRows));
    if (options.gzipLevel < 0 || options.gzipLevel > 9)
        throw InvalidArgument(fmt::format("gzip level {} must be in 0..9", options.gzipLevel));
    if (options.flushEveryRollouts < 1) options.flushEveryRollouts = 1;
    auto& m = *m_impl;
    m.path = std::move(path);
    m.partial = m.path + ".partial";
    m.schema = std::move(schema);
    m.options = options;
    m.storeType = makeType(m.schema.dtype);
    if (fs::exists(m.path) && !m.options.overwrite)
        throw Error(fmt::format("cache '{}' already exists (expected a new path; use --force to replace it)", m.path));
    if (fs::exists(m.partial) && m.options.resume) {
        m.resumeFile();
    } else {
        std::error_code ec;
        fs::remove(m.partial, ec);
        m.checkDisk();
        m.createFile();
    }
}

ActivationCacheWriter::~ActivationCacheWriter() {
    h5::silenceErrors();
    try {
        if (m_impl && !m_impl->finished) m_impl->closeAll();
    } catch (...) {
    }
}

void ActivationCacheWriter::Impl::checkDisk() const {
    if (options.expectedRollouts <= 0 && options.expectedRows <= 0) return;
    const std::uint64_t needed = expectedCacheBytes(schema, options.expectedRollouts, options.expectedRows);
    std::error_code ec;
    std::uint64_t have = 0;  // a resumed .partial already holds part of it
    if (fs::exists(partial, ec)) have = fs::file_size(partial, ec);
    if (ec) have = 0;
    const fs::path dir = fs::absolute(fs::path(path)).parent_path();
    std::uint64_t available = 0;
    if (options.freeBytes) {
        available = options.freeBytes(dir.string());
    } else {
        const fs::space_info info = fs::space(dir, ec);
        if (ec || info.available == static_cast<std::uintmax_t>(-1)) return;  // unknown: let the writes tell
        available = info.available;
    }
    const std::uint64_t more = needed > have ? needed - have : 0;
    if (more > available)
        throw Error(fmt::format("cannot write cache '{}': it needs about {} more bytes ({:.2f} GiB; {} in all, {} "
                                "already in '{}') but the folder '{}' has only {} bytes ({:.2f} GiB) free",
                                path, more, more / 1073741824.0, needed, have, fs::path(partial).filename().string(),
                                dir.string(), available, available / 1073741824.0));
}

void ActivationCacheWriter::Impl::createFile() {
    file = check(H5Fcreate(partial.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, h5::abandonableAccess()), partial,
                 "cannot create the cache file");
    writeCacheAttributes(file, schema, partial);
    h5::writeAttrInt64(file, cache_attr::kComplete, 0, partial);
    h5::writeAttrInt64(file, cache_attr::kCommittedRollouts, 0, partial);
    h5::writeAttrInt64(file, cache_attr::kCommittedRows, 0, partial);
    h5::writeAttrInt64(file, cache_attr::kChunkRows, options.chunkRows, partial);
    h5::writeAttrString(file, cache_attr::kCompression,
                        options.gzipLevel > 0 ? fmt::format("gzip-{}+shuffle", options.gzipLevel) : "none", partial);
    const auto d = static_cast<hsize_t>(schema.dModel);
    const auto chunk = static_cast<hsize_t>(options.chunkRows);
    for (const auto& hook : schema.hooks)
        for (int layer : schema.layers) {
            std::string p = activationDatasetPath(hook, layer);
            Handle ds = h5::createExtendible(file, p, storeType, d, chunk, options.gzipLevel, partial);
            h5::writeAttrString(ds, "dtype", storeDtypeName(schema.dtype), partial);
            h5::writeAttrString(ds, "hook", hook, partial);
            h5::writeAttrInt64(ds, "layer", layer, partial);
        }
    Handle str = h5::utf8StringType();
    h5::createExtendible(file, cache_ds::kTokenIds, H5T_STD_I32LE, 0, 4096, options.gzipLevel, partial);
    h5::createExtendible(file, cache_ds::kPositions, H5T_STD_I32LE, 0, 4096, options.gzipLevel, partial);
    Handle off = h5::createExtendible(file, cache_ds::kOffset, H5T_STD_I64LE, 0, 1024, 0, partial);
    const std::int64_t zero = 0;
    h5::appendRows(off, H5T_NATIVE_INT64, 0, 1, 0, &zero, partial, cache_ds::kOffset);
    h5::createExtendible(file, cache_ds::kS0Index, H5T_STD_I64LE, 0, 1024, 0, partial);
    h5::createExtendible(file, cache_ds::kReward, H5T_IEEE_F32LE, 0, 1024, 0, partial);
    h5::createExtendible(file, cache_ds::kQuestionId, str, 0, 1024, 0, partial);
    h5::createExtendible(file, cache_ds::kSampleIndex, H5T_STD_I32LE, 0, 1024, 0, partial);
    h5::createExtendible(file, cache_ds::kPromptLen, H5T_STD_I32LE, 0, 1024, 0, partial);
    h5::createExtendible(file, cache_ds::kResponseLen, H5T_STD_I32LE, 0, 1024, 0, partial);
    openDatasets();
    doCommit();
}

void ActivationCacheWriter::Impl::resumeFile() {
    if (H5Fis_hdf5(partial.c_str()) <= 0) {
        h5::errorDetail();
        throw FormatError(fmt::format("cannot resume '{}': not a readable HDF5 file (delete it to start over)", partial));
    }
    file = check(H5Fopen(partial.c_str(), H5F_ACC_RDWR, h5::abandonableAccess()), partial,
                 "cannot reopen the partial cache to resume (delete it to start over)");
    CacheSchema onDisk = readCacheAttributes(file, partial);
    std::string diff = schemaDifference(onDisk, schema);
    if (!diff.empty())
        throw Error(fmt::format("cannot resume '{}': {} (file) vs requested; use the same settings or delete the "
                                ".partial file to start over",
                                partial, diff));
    if (h5::readAttrInt64(file, cache_attr::kChunkRows, partial) != options.chunkRows ||
        h5::readAttrString(file, cache_attr::kCompression, partial) !=
            (options.gzipLevel > 0 ? fmt::format("gzip-{}+shuffle", options.gzipLevel) : std::string("none")))
        throw Error(fmt::format("cannot resume '{}': chunk_rows/compression differ from the requested options", partial));
    committed = h5::readAttrInt64(file, cache_attr::kCommittedRollouts, partial);
    rows = h5::readAttrInt64(file, cache_attr::kCommittedRows, partial);
    rollouts = resumed = committed;
    h5::writeAttrInt64(file, cache_attr::kComplete, 0, partial);
    openDatasets();
    // Rows and rollouts past the last commit may be half written: drop them.
    const auto d = static_cast<hsize_t>(schema.dModel);
    auto offShape = h5::datasetShape(offset, partial, cache_ds::kOffset);
    if (offShape.empty() || offShape[0] < static_cast<hsize_t>(committed + 1))
        throw FormatError(fmt::format("{}: '{}' has {} entries but committed_rollouts is {} (expected >= {})", partial,
                                      cache_ds::kOffset, offShape.empty() ? 0 : offShape[0], committed, committed + 1));
    std::int64_t last = 0;
    h5::readRows(offset, H5T_NATIVE_INT64, static_cast<hsize_t>(committed), 1, &last, partial, cache_ds::kOffset);
    if (last != rows)
        throw FormatError(fmt::format("{}: offset[{}] = {} but committed_rows is {}", partial, committed, last, rows));
    for (std::size_t i = 0; i < acts.size(); ++i)
        setExtent(acts[i], static_cast<hsize_t>(rows), d, partial, "acts");
    setExtent(tokenIds, static_cast<hsize_t>(rows), 0, partial, cache_ds::kTokenIds);
    setExtent(positions, static_cast<hsize_t>(rows), 0, partial, cache_ds::kPositions);
    setExtent(offset, static_cast<hsize_t>(committed + 1), 0, partial, cache_ds::kOffset);
    for (hid_t ds : {s0Index.get(), reward.get(), questionId.get(), sampleIndex.get(), promptLen.get(),
                     responseLen.get()})
        setExtent(ds, static_cast<hsize_t>(committed), 0, partial, "/rollouts");
    checkDisk();
    doCommit();
}

void ActivationCacheWriter::Impl::openDatasets() {
    const std::size_t chunkBytes =
        static_cast<std::size_t>(options.chunkRows) * static_cast<std::size_t>(schema.dModel) * storeDtypeSize(schema.dtype);
    // Uncompressed: no chunk cache, so raw rows reach the file inside appendRollout and a
    // write error surfaces there (before any metadata of that rollout is flushed).
    // Compressed: chunks must be cached, else every rollout recompresses its chunk.
    const std::size_t cacheBytes = options.gzipLevel > 0 ? 2 * chunkBytes + (1 << 20) : 0;
    acts.clear();
    for (const auto& hook : schema.hooks)
        for (int layer : schema.layers)
            acts.push_back(openDataset(file, activationDatasetPath(hook, layer), partial, cacheBytes));
    tokenIds = openDataset(file, cache_ds::kTokenIds, partial);
    positions = openDataset(file, cache_ds::kPositions, partial);
    offset = openDataset(file, cache_ds::kOffset, partial);
    s0Index = openDataset(file, cache_ds::kS0Index, partial);
    reward = openDataset(file, cache_ds::kReward, partial);
    questionId = openDataset(file, cache_ds::kQuestionId, partial);
    sampleIndex = openDataset(file, cache_ds::kSampleIndex, partial);
    promptLen = openDataset(file, cache_ds::kPromptLen, partial);
    responseLen = openDataset(file, cache_ds::kResponseLen, partial);
}

void ActivationCacheWriter::Impl::doCommit() {
    check(H5Fflush(file, H5F_SCOPE_GLOBAL), partial, "cannot flush the cache (disk full?)");
    fsyncPath(partial, false);
    h5::writeAttrInt64(file, cache_attr::kCommittedRollouts, rollouts, partial);
    h5::writeAttrInt64(file, cache_attr::kCommittedRows, rows, partial);
    check(H5Fflush(file, H5F_SCOPE_GLOBAL), partial, "cannot flush the cache (disk full?)");
    fsyncPath(partial, false);
    committed = rollouts;
}

void ActivationCacheWriter::Impl::fsyncPath(const std::string& p, bool directory) const {
    int fd = ::open(p.c_str(), directory ? (O_RDONLY | O_DIRECTORY) : O_RDONLY);
    if (fd < 0) {
        if (directory) return;  // some file systems refuse: rename is still atomic
        throw Error(fmt::format("cannot open '{}' to fsync it", p));
    }
    int rc = ::fsync(fd);
    ::close(fd);
    if (rc != 0 && !directory) throw Error(fmt::format("fsync of '{}' failed (disk full or I/O error?)", p));
}

void ActivationCacheWriter::Impl::closeAll() {
    acts.clear();
    for (Handle* h : {&tokenIds, &positions, &offset, &s0Index, &reward, &questionId, &sampleIndex, &promptLen,
                      &responseLen})
        h->reset();
    file.reset();
}

// After a failed write the in-memory HDF5 state is ahead of the file. Closing normally
// would flush it (e.g. a superblock whose end-of-file lies past what was written), making
// the .partial unopenable — and a close whose flush fails leaves HDF5 a half-destroyed file
// id that its atexit shutdown then crashes on. The file's driver is switched to discard
// every later write, flush and truncate, so the close below always succeeds, every id is
// released, and the file keeps exactly what the last successful writes left: the committed
// prefix stays resumable.
void ActivationCacheWriter::Impl::abandon() noexcept {
    broken = true;
    if (file.valid()) h5::abandonFile(file);
    try {
        closeAll();
    } catch (...) {
    }
    H5Eclear2(H5E_DEFAULT);
}

std::int64_t ActivationCacheWriter::resumedRollouts() const { return m_impl->resumed; }
std::int64_t ActivationCacheWriter::rolloutCount() const { return m_impl->rollouts; }
std::int64_t ActivationCacheWriter::rowCount() const { return m_impl->rows; }
const std::string& ActivationCacheWriter::path() const { return m_impl->path; }
std::string ActivationCacheWriter::partialPath() const { return m_impl->partial; }

void ActivationCacheWriter::appendRollout(const RolloutRecord& meta, const std::vector<const float*>& rowData,
                                          std::int64_t rowCount) {
    h5::silenceErrors();  // per thread: capture appends from its writer thread
    auto& m = *m_impl;
    if (m.finished) throw InvalidArgument(fmt::format("{}: appendRollout after finish()", m.path));
    if (m.broken) throw Error(fmt::format("{}: the writer failed earlier; reopen it to resume", m.partial));
    if (rowData.size() != m.schema.datasetCount())
        throw InvalidArgument(fmt::format("appendRollout: {} row arrays given, expected {} (hooks x layers)",
                                          rowData.size(), m.schema.datasetCount()));
    const std::int64_t expectRows = rowsForRollout(meta.responseLen, m.schema.tokenStride);
    if (meta.responseLen < 0 || meta.promptLen < 1 || rowCount != expectRows)
        throw InvalidArgument(fmt::format("appendRollout '{}': {} rows given, expected {} (s_0 + response_len {} / "
                                          "stride {}; prompt_len {} must be >= 1)",
                                          meta.questionId, rowCount, expectRows, meta.responseLen,
                                          m.schema.tokenStride, meta.promptLen));
    for (const float* p : rowData)
        if (!p) throw InvalidArgument("appendRollout: null row array");
    if (!meta.tokenIds.empty() && static_cast<std::int64_t>(meta.tokenIds.size()) != rowCount)
        throw InvalidArgument(fmt::format("appendRollout '{}': {} token ids, expected {}", meta.questionId,
                                          meta.tokenIds.size(), rowCount));
    if (!meta.positions.empty() && static_cast<std::int64_t>(meta.positions.size()) != rowCount)
        throw InvalidArgument(fmt::format("appendRollout '{}': {} positions, expected {}", meta.questionId,
                                          meta.positions.size(), rowCount));
    try {
        const auto d = static_cast<hsize_t>(m.schema.dModel);
        const auto start = static_cast<hsize_t>(m.rows);
        const auto count = static_cast<hsize_t>(rowCount);
        const std::size_t n = static_cast<std::size_t>(rowCount) * static_cast<std::size_t>(m.schema.dModel);
        std::size_t di = 0;
        for (const auto& hook : m.schema.hooks)
            for (int layer : m.schema.layers) {
                const float* src = rowData[di];
                std::string name = activationDatasetPath(hook, layer);
                if (m.schema.dtype == StoreDtype::Float32) {
                    h5::appendRows(m.acts[di], H5T_NATIVE_FLOAT, start, count, d, src, m.partial, name);
                } else {
                    m.scratch.resize(n);
                    if (m.schema.dtype == StoreDtype::Float16) floatsToHalf(src, m.scratch.data(), n);
                    else floatsToBFloat16(src, m.scratch.data(), n);
                    h5::appendRows(m.acts[di], m.storeType, start, count, d, m.scratch.data(), m.partial, name);
                }
                ++di;
            }
        std::vector<std::int32_t> ids = meta.tokenIds, pos = meta.positions;
        if (ids.empty()) ids.assign(count, -1);
        if (pos.empty()) pos = storedPositions(meta.promptLen, meta.responseLen, m.schema.tokenStride);
        h5::appendRows(m.tokenIds, H5T_NATIVE_INT32, start, count, 0, ids.data(), m.partial, cache_ds::kTokenIds);
        h5::appendRows(m.positions, H5T_NATIVE_INT32, start, count, 0, pos.data(), m.partial, cache_ds::kPositions);
        const auto r = static_cast<hsize_t>(m.rollouts);
        const std::int64_t end = m.rows + rowCount;
        h5::appendRows(m.offset, H5T_NATIVE_INT64, r + 1, 1, 0, &end, m.partial, cache_ds::kOffset);
        h5::appendRows(m.s0Index, H5T_NATIVE_INT64, r, 1, 0, &m.rows, m.partial, cache_ds::kS0Index);
        h5::appendRows(m.reward, H5T_NATIVE_FLOAT, r, 1, 0, &meta.reward, m.partial, cache_ds::kReward);
        Handle str = h5::utf8StringType();
        const char* qid = meta.questionId.c_str();
        h5::appendRows(m.questionId, str, r, 1, 0, &qid, m.partial, cache_ds::kQuestionId);
        h5::appendRows(m.sampleIndex, H5T_NATIVE_INT32, r, 1, 0, &meta.sampleIndex, m.partial, cache_ds::kSampleIndex);
        h5::appendRows(m.promptLen, H5T_NATIVE_INT32, r, 1, 0, &meta.promptLen, m.partial, cache_ds::kPromptLen);
        h5::appendRows(m.responseLen, H5T_NATIVE_INT32, r, 1, 0, &meta.responseLen, m.partial, cache_ds::kResponseLen);
        m.rows = end;
        ++m.rollouts;
        if (m.rollouts - m.committed >= m.options.flushEveryRollouts) m.doCommit();
    } catch (...) {
        m.abandon();
        throw;
    }
}

void ActivationCacheWriter::commit() {
    h5::silenceErrors();
    auto& m = *m_impl;
    if (m.finished || m.broken) return;
    try {
        m.doCommit();
    } catch (...) {
        m.abandon();
        throw;
    }
}

void ActivationCacheWriter::finish() {
    h5::silenceErrors();
    auto& m = *m_impl;
    if (m.finished) return;
    if (m.broken) throw Error(fmt::format("{}: cannot finish, the writer failed earlier; reopen it to resume", m.partial));
    try {
        m.doCommit();
        h5::writeAttrInt64(m.file, cache_attr::kComplete, 1, m.partial);
        check(H5Fflush(m.file, H5F_SCOPE_GLOBAL), m.partial, "cannot flush the cache (disk full?)");
        m.closeAll();
        m.fsyncPath(m.partial, false);
        if (fs::exists(m.path) && !m.options.overwrite)
            throw Error(fmt::format("cache '{}' appeared while writing; not replacing it (left '{}')", m.path, m.partial));
        std::error_code ec;
        fs::rename(m.partial, m.path, ec);
        if (ec) throw Error(fmt::format("cannot rename '{}' to '{}': {}", m.partial, m.path, ec.message()));
        m.fsyncPath(fs::absolute(fs::path(m.path)).parent_path().string(), true);
        m.finished = true;
    } catch (...) {
        m.broken = true;
        throw;
    }
}

}  // namespace srs::core
