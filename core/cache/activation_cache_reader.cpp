#include "core/cache/activation_cache_reader.h"

#include <fcntl.h>
#include <fmt/format.h>

#include <algorithm>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>
#include <utility>
#include <filesystem>
#include <numeric>
#include <set>

#include "core/cache/cache_format.h"
#include "core/cache/chunk_direct_read.h"
#include "core/cache/half_float.h"
#include "core/cache/hdf5_support.h"
#include "core/error.h"

namespace fs = std::filesystem;

namespace srs::core {

using h5::check;
using h5::Handle;

double CacheMetadata::meanReward() const {
    if (rewards.empty()) return 0.0;
    double sum = 0.0;
    for (float r : rewards) sum += r;
    return sum / static_cast<double>(rewards.size());
}

struct ActivationCacheReader::Impl {
    std::string path;
    Handle file;
    CacheMetadata meta;
    std::vector<Handle> acts;  // hook-major like the schema
    Handle tokenIds, positions;
    Handle storeType;          // memory type for raw reads

    std::size_t datasetIndex(const std::string& hook, int layer) const;
    void readConverted(std::size_t di, std::int64_t start, std::int64_t count, float* out,
                       std::vector<std::uint16_t>& raw, hid_t dataset = -1) const;
    int fd = -1;                       // sec2 descriptor, for read-ahead hints
    void prefetch(std::size_t di, std::int64_t r0, std::int64_t r1) const;
    void checkVirtualSources(hid_t dataset, const std::string& name, std::set<std::string>& sources);
    bool readAhead = true;             // streamLayer reads the next batch on a background thread
    std::vector<std::unique_ptr<ChunkDirectReader>> direct;  // per activation dataset: chunk index
    std::string datasetName(std::size_t di) const {
        return activationDatasetPath(meta.schema.hooks[di / meta.schema.layers.size()],
                                     meta.schema.layers[di % meta.schema.layers.size()]);
    }
    std::size_t pieceBytes = std::size_t{8} << 20;           // read-ahead hand-over unit
    /// Rows [start, start + count) in the stored type (direct pread when the layout allows).
    void readStored(std::size_t di, std::int64_t start, std::int64_t count, void* out, hid_t dataset = -1) const;
};

namespace {

template <typename T>
std::vector<T> readAll1d(hid_t file, const char* name, hid_t memType, std::int64_t expected, const std::string& fn) {
    if (H5Lexists(file, "/rollouts", H5P_DEFAULT) <= 0 || H5Lexists(file, name, H5P_DEFAULT) <= 0)
        throw FormatError(fmt::format("{}: dataset '{}' is missing", fn, name));
    Handle ds = check(H5Dopen2(file, name, H5P_DEFAULT), fn, fmt::format("cannot open dataset '{}'", name));
    auto shape = h5::datasetShape(ds, fn, name);
    if (shape.size() != 1 || static_cast<std::int64_t>(shape[0]) != expected)
        throw FormatError(fmt::format("{}: dataset '{}' has shape [{}] (expected [{}])", fn, name,
                                      shape.empty() ? 0 : shape[0], expected));
    std::vector<T> out(static_cast<std::size_t>(expected));
    h5::readRows(ds, memType, 0, shape[0], out.data(), fn, name);
    return out;
}

}  // namespace

ActivationCacheReader::ActivationCacheReader(const std::string& path) : m_impl(std::make_unique<Impl>()) {
    h5::silenceErrors();
    auto& m = *m_impl;
    m.path = path;
    std::error_code ec;
    if (!fs::exists(path, ec)) throw FormatError(fmt::format("{}: cache file not found", path));
    if (fs::is_directory(path, ec)) throw FormatError(fmt::format("{}: is a directory (expected an .h5 cache file)", path));
    const auto bytes = fs::file_size(path, ec);
    if (H5Fis_hdf5(path.c_str()) <= 0) {
        h5::errorDetail();
        throw FormatError(fmt::format("{}: not an HDF5 file ({} bytes; truncated, or not a cache)", path, bytes));
    }
    m.file = check(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), path,
                   "cannot open the HDF5 cache (truncated or corrupt?)");
    m.meta.schema = readCacheAttributes(m.file, path);
    const std::int64_t complete =
        h5::hasAttr(m.file, cache_attr::kComplete) ? h5::readAttrInt64(m.file, cache_attr::kComplete, path) : 0;
    const bool partialName = path.size() > 8 && path.compare(path.size() - 8, 8, ".partial") == 0;
    if (complete != 1 || partialName)
        throw FormatError(fmt::format("{}: incomplete cache (attribute complete={}, expected 1): the writer did not "
                                      "finish; rerun the capture to resume it, or delete the file",
                                      path, partialName ? 0 : complete));
    auto& md = m.meta;
    const auto& s = md.schema;
    md.softwareVersion = h5::hasAttr(m.file, "software_version") ? h5::readAttrString(m.file, "software_version", path) : "";
    md.chunkRows = h5::hasAttr(m.file, cache_attr::kChunkRows)
                       ? static_cast<int>(h5::readAttrInt64(m.file, cache_attr::kChunkRows, path)) : 0;
    md.compression = h5::hasAttr(m.file, cache_attr::kCompression)
                         ? h5::readAttrString(m.file, cache_attr::kCompression, path) : "";
    if (h5::hasAttr(m.file, cache_attr::kMergedFrom)) md.mergedFrom = h5::readAttrStrings(m.file, cache_attr::kMergedFrom, path);
    if (h5::hasAttr(m.file, cache_attr::kMergeMode)) md.mergeMode = h5::readAttrString(m.file, cache_attr::kMergeMode, path);

    // Per-rollout metadata.
    if (H5Lexists(m.file, "/rollouts", H5P_DEFAULT) <= 0 || H5Lexists(m.file, cache_ds::kOffset, H5P_DEFAULT) <= 0)
        throw FormatError(fmt::format("{}: dataset '{}' is missing", path, cache_ds::kOffset));
    {
        Handle off = check(H5Dopen2(m.file, cache_ds::kOffset, H5P_DEFAULT), path, "cannot open '/rollouts/offset'");
        auto shape = h5::datasetShape(off, path, cache_ds::kOffset);
        if (shape.size() != 1 || shape[0] < 1)
            throw FormatError(fmt::format("{}: dataset '{}' must be 1-D with >= 1 entry", path, cache_ds::kOffset));
        md.numRollouts = static_cast<std::int64_t>(shape[0]) - 1;
    }
    const std::int64_t n = md.numRollouts;
    md.offsets = readAll1d<std::int64_t>(m.file, cache_ds::kOffset, H5T_NATIVE_INT64, n + 1, path);
    md.s0Index = readAll1d<std::int64_t>(m.file, cache_ds::kS0Index, H5T_NATIVE_INT64, n, path);
    md.rewards = readAll1d<float>(m.file, cache_ds::kReward, H5T_NATIVE_FLOAT, n, path);
    md.sampleIndex = readAll1d<std::int32_t>(m.file, cache_ds::kSampleIndex, H5T_NATIVE_INT32, n, path);
    md.promptLen = readAll1d<std::int32_t>(m.file, cache_ds::kPromptLen, H5T_NATIVE_INT32, n, path);
    md.responseLen = readAll1d<std::int32_t>(m.file, cache_ds::kResponseLen, H5T_NATIVE_INT32, n, path);
    {
        Handle q = check(H5Dopen2(m.file, cache_ds::kQuestionId, H5P_DEFAULT), path, "cannot open '/rollouts/question_id'");
        md.questionIds = h5::readStrings(q, path, cache_ds::kQuestionId);
        if (static_cast<std::int64_t>(md.questionIds.size()) != n)
            throw FormatError(fmt::format("{}: '{}' has {} entries (expected {})", path, cache_ds::kQuestionId,
                                          md.questionIds.size(), n));
    }
    if (md.offsets[0] != 0) throw FormatError(fmt::format("{}: /rollouts/offset[0] is {} (expected 0)", path, md.offsets[0]));
    for (std::int64_t i = 0; i < n; ++i) {
        if (md.offsets[i + 1] <= md.offsets[i])
            throw FormatError(fmt::format("{}: /rollouts/offset is not increasing at {} ({} then {})", path, i,
                                          md.offsets[i], md.offsets[i + 1]));
        if (md.s0Index[i] < md.offsets[i] || md.s0Index[i] >= md.offsets[i + 1])
            throw FormatError(fmt::format("{}: /rollouts/s0_index[{}] = {} is outside rows {}..{}", path, i,
                                          md.s0Index[i], md.offsets[i], md.offsets[i + 1]));
    }
    md.numRows = md.offsets[n];

    // Activation datasets: shape [numRows, d_model]; virtual ones must find their shards.
    std::set<std::string> sources;
    for (const auto& hook : s.hooks)
        for (int layer : s.layers) {
            std::string name = activationDatasetPath(hook, layer);
            if (H5Lexists(m.file, "/acts", H5P_DEFAULT) <= 0 ||
                H5Lexists(m.file, ("/acts/" + hook).c_str(), H5P_DEFAULT) <= 0 ||
                H5Lexists(m.file, name.c_str(), H5P_DEFAULT) <= 0)
                throw FormatError(fmt::format("{}: dataset '{}' is missing (attributes list hook {} layer {})", path,
                                              name, hook, layer));
            Handle ds = check(H5Dopen2(m.file, name.c_str(), H5P_DEFAULT), path, "cannot open dataset '" + name + "'");
            auto shape = h5::datasetShape(ds, path, name);
            if (shape.size() != 2 || static_cast<std::int64_t>(shape[0]) != md.numRows ||
                static_cast<std::int64_t>(shape[1]) != s.dModel)
                throw FormatError(fmt::format("{}: dataset '{}' has shape [{}] (expected [{}, {}])", path, name,
                                              fmt::join(shape, ", "), md.numRows, s.dModel));
            m.checkVirtualSources(ds, name, sources);
            m.acts.push_back(std::move(ds));
        }
    m.tokenIds = check(H5Dopen2(m.file, cache_ds::kTokenIds, H5P_DEFAULT), path, "cannot open '/tokens/ids'");
    m.positions = check(H5Dopen2(m.file, cache_ds::kPositions, H5P_DEFAULT), path, "cannot open '/tokens/position'");
    for (hid_t ds : {m.tokenIds.get(), m.positions.get()}) {
        auto shape = h5::datasetShape(ds, path, "/tokens");
        if (shape.size() != 1 || static_cast<std::int64_t>(shape[0]) != md.numRows)
            throw FormatError(fmt::format("{}: a /tokens dataset has {} rows (expected {})", path,
                                          shape.empty() ? 0 : shape[0], md.numRows));
    }
    switch (s.dtype) {
        case StoreDtype::Float16: m.storeType = h5::halfType(); break;
        case StoreDtype::BFloat16: m.storeType = Handle(H5Tcopy(H5T_NATIVE_UINT16)); break;
        case StoreDtype::Float32: m.storeType = Handle(H5Tcopy(H5T_NATIVE_FLOAT)); break;
    }
    void* vfd = nullptr;
    if (H5Fget_vfd_handle(m.file, H5P_DEFAULT, &vfd) >= 0 && vfd) m.fd = *static_cast<int*>(vfd);
    H5Eclear2(H5E_DEFAULT);
    for (std::size_t di = 0; di < m.acts.size(); ++di)
        m.direct.push_back(std::make_unique<ChunkDirectReader>(m.acts[di], m.storeType, m.fd, bytes, path,
                                                               m.datasetName(di)));
    md.fileBytes = bytes;
    md.totalBytes = bytes;
    for (const auto& src : sources) md.totalBytes += fs::file_size(src, ec);
}

void ActivationCacheReader::Impl::checkVirtualSources(hid_t dataset, const std::string& name,
                                                      std::set<std::string>& sources) {
    Handle dcpl(H5Dget_create_plist(dataset));
    if (H5Pget_layout(dcpl) != H5D_VIRTUAL) return;
    size_t count = 0;
    H5Pget_virtual_count(dcpl, &count);
    const fs::path dir = fs::absolute(fs::path(path)).parent_path();
    for (size_t i = 0; i < count; ++i) {
        ssize_t len = H5Pget_virtual_filename(dcpl, i, nullptr, 0);
        std::string src(static_cast<std::size_t>(std::max<ssize_t>(len, 0)), '\0');
        if (len > 0) H5Pget_virtual_filename(dcpl, i, src.data(), src.size() + 1);
        if (src == ".") continue;  // same file
        fs::path resolved = fs::path(src).is_absolute() ? fs::path(src) : dir / src;
        std::error_code ec;
        if (!fs::exists(resolved, ec))
            throw FormatError(fmt::format("{}: virtual dataset '{}' references shard '{}' which is missing (looked "
                                          "for '{}'); keep shards next to a virtual merge or merge with --mode copy",
                                          path, name, src, resolved.string()));
        sources.insert(fs::weakly_canonical(resolved, ec).string());
    }
}

// Asks the kernel to start reading the chunks of rows [r0, r1) now (POSIX_FADV_WILLNEED), so
// the disk works on the next rows while the caller processes the current ones. Cold-cache
// streaming is latency bound without it (one synchronous read per chunk).
void ActivationCacheReader::Impl::prefetch(std::size_t di, std::int64_t r0, std::int64_t r1) const {
    direct[di]->prefetch(r0, r1);
}

ActivationCacheReader::~ActivationCacheReader() = default;

const CacheMetadata& ActivationCacheReader::metadata() const { return m_impl->meta; }
const std::string& ActivationCacheReader::path() const { return m_impl->path; }

std::size_t ActivationCacheReader::Impl::datasetIndex(const std::string& hook, int layer) const {
    const auto& s = meta.schema;
    auto h = std::find(s.hooks.begin(), s.hooks.end(), hook);
    auto l = std::find(s.layers.begin(), s.layers.end(), layer);
    if (h == s.hooks.end() || l == s.layers.end())
        throw InvalidArgument(fmt::format("{}: no activations for hook '{}' layer {} (cache has hooks [{}], layers [{}])",
                                          path, hook, layer, fmt::join(s.hooks, ","), fmt::join(s.layers, ",")));
    return static_cast<std::size_t>(h - s.hooks.begin()) * s.layers.size() + static_cast<std::size_t>(l - s.layers.begin());
}

void ActivationCacheReader::Impl::readStored(std::size_t di, std::int64_t start, std::int64_t count, void* out,
                                             hid_t dataset) const {
    if (direct[di]->readRows(start, start + count, out)) return;
    h5::readRows(dataset >= 0 ? dataset : acts[di].get(), storeType, static_cast<hsize_t>(start),
                 static_cast<hsize_t>(count), out, path, datasetName(di));
}

void ActivationCacheReader::Impl::readConverted(std::size_t di, std::int64_t start, std::int64_t count, float* out,
                                                std::vector<std::uint16_t>& raw, hid_t dataset) const {
    const auto& s = meta.schema;
    if (s.dtype == StoreDtype::Float32) {
        readStored(di, start, count, out, dataset);
        return;
    }
    const std::size_t n = static_cast<std::size_t>(count) * static_cast<std::size_t>(s.dModel);
    raw.resize(n);
    readStored(di, start, count, raw.data(), dataset);
    if (s.dtype == StoreDtype::Float16) halfsToFloat(raw.data(), out, n);
    else bfloat16sToFloat(raw.data(), out, n);
}

namespace {

/// Raw stored rows of one batch, read ahead on a background thread. The reader publishes
/// the rows in pieces (rowsReady), so conversion starts before the whole batch is in.
struct RawBatch {
    std::int64_t index = -1;           // batch number; -1 = slot free
    std::int64_t rowsReady = 0;        // rows of batch `index` read so far
    std::vector<std::uint16_t> half;   // float16 / bfloat16 stores
    std::vector<float> f32;            // float32 stores (read straight into the batch layout)
    std::exception_ptr error;
};

}  // namespace

// Streaming with read-ahead: a background thread reads the stored rows of batch k+1 (and
// k+2: two slots) while the calling thread converts batch k to float32 and runs onBatch.
// The reader publishes each batch in pieces of ~8 MB, and the calling thread converts
// every piece as soon as it is in, so even the first and last batch overlap disk and
// conversion. Reads go straight to the file (ChunkDirectReader, pread) when the layout
// allows, else through HDF5 (thread-safe builds serialise its calls, so onBatch may still
// use this reader). Without read-ahead (or with a serial HDF5) reads are synchronous.
void ActivationCacheReader::streamLayer(const std::string& hook, int layer, std::int64_t batchRollouts,
                                        const std::function<void(const ActivationBatch&)>& onBatch,
                                        const JobContext& job) const {
    h5::silenceErrors();  // per thread: a reader may be used from a worker thread
    const auto& m = *m_impl;
    const std::size_t di = m.datasetIndex(hook, layer);
    if (batchRollouts < 1) throw InvalidArgument(fmt::format("batch size {} must be >= 1 rollout", batchRollouts));
    const auto& md = m.meta;
    const auto& s = md.schema;
    const std::string phase = fmt::format("read {} layer {}", hook, layer);
    const std::int64_t batches = (md.numRollouts + batchRollouts - 1) / batchRollouts;
    const auto cols = static_cast<std::size_t>(s.dModel);
    auto rowRange = [&](std::int64_t k) {
        const std::int64_t first = k * batchRollouts, last = std::min(md.numRollouts, first + batchRollouts);
        return std::pair<std::int64_t, std::int64_t>(md.offsets[first], md.offsets[last]);
    };
    // Sizes `slot` for batch k (any thread).
    auto sizeSlot = [&](std::int64_t k, RawBatch& slot) {
        const auto [r0, r1] = rowRange(k);
        const std::size_t n = static_cast<std::size_t>(r1 - r0) * cols;
        if (s.dtype == StoreDtype::Float32) slot.f32.resize(n);
        else slot.half.resize(n);
    };
    // Reads rows [a, b) of batch k (batch-local) into `slot` (any thread).
    auto readPiece = [&](std::int64_t k, RawBatch& slot, std::int64_t a, std::int64_t b) {
        const std::int64_t r0 = rowRange(k).first;
        void* to = s.dtype == StoreDtype::Float32 ? static_cast<void*>(slot.f32.data() + a * cols)
                                                  : static_cast<void*>(slot.half.data() + a * cols);
        m.readStored(di, r0 + a, b - a, to);
    };

    ActivationBatch batch;
    batch.rows.cols = s.dModel;
    // Sets up batch k's metadata and float32 storage (calling thread).
    auto begin = [&](std::int64_t k) {
        const std::int64_t first = k * batchRollouts, last = std::min(md.numRollouts, first + batchRollouts);
        const auto [r0, r1] = rowRange(k);
        batch.firstRollout = first;
        batch.rolloutCount = last - first;
        batch.localOffsets.resize(static_cast<std::size_t>(batch.rolloutCount + 1));
        for (std::int64_t i = first; i <= last; ++i) batch.localOffsets[i - first] = md.offsets[i] - r0;
        batch.rows.rows = r1 - r0;
        if (s.dtype != StoreDtype::Float32) batch.rows.data.resize(static_cast<std::size_t>(r1 - r0) * cols);
    };
    // Converts rows [a, b) of the slot into the batch (calling thread).
    auto convert = [&](RawBatch& slot, std::int64_t a, std::int64_t b) {
        if (s.dtype == StoreDtype::Float32 || b <= a) return;
        const std::size_t n = static_cast<std::size_t>(b - a) * cols;
        const std::uint16_t* from = slot.half.data() + a * cols;
        float* to = batch.rows.data.data() + a * cols;
        if (s.dtype == StoreDtype::Float16) halfsToFloat(from, to, n);
        else bfloat16sToFloat(from, to, n);
    };
    auto finish = [&](RawBatch& slot) {
        if (s.dtype == StoreDtype::Float32) batch.rows.data.swap(slot.f32);  // the slot reuses the old buffer
    };
    auto deliver = [&](std::int64_t k) {
        onBatch(batch);
        job.report(phase, std::min(md.numRollouts, (k + 1) * batchRollouts), md.numRollouts, "rollouts");
    };
    if (batches == 0) return;
    m.prefetch(di, 0, rowRange(std::min<std::int64_t>(batches - 1, 1)).second);

#ifdef H5_HAVE_THREADSAFE
    const bool ahead = m.readAhead && batches > 1;
#else
    const bool ahead = false;  // a serial HDF5 must not be entered from two threads
#endif
    // Pieces of ~8 MB of stored rows: small enough that conversion follows the disk closely,
    // large enough that each read is one big pread.
    const std::int64_t pieceRows = std::max<std::int64_t>(
        1, static_cast<std::int64_t>(m.pieceBytes) / std::max<std::int64_t>(1, s.dModel * storeDtypeSize(s.dtype)));
    // Read-ahead hints a sliding window of ~64 MB ahead of the piece being read: enough to
    // keep the disk's queue busy; much larger windows (256 MB) measured slower, the hints
    // then competing with the reads they should precede.
    const std::int64_t windowRows = std::max<std::int64_t>(
        1, (std::int64_t{64} << 20) / std::max<std::int64_t>(1, s.dModel * storeDtypeSize(s.dtype)));
    std::int64_t prefetched = rowRange(std::min<std::int64_t>(batches - 1, 1)).second;
    // Reads rows [a, b) of batch k after extending the hinted window (the reading thread only).
    auto readWindowed = [&](std::int64_t k, RawBatch& slot, std::int64_t a, std::int64_t b) {
        const std::int64_t r0 = rowRange(k).first;
        const std::int64_t want = std::min(md.numRows, r0 + b + windowRows);
        if (want > prefetched) {
            m.prefetch(di, std::max(prefetched, r0 + a), want);
            prefetched = want;
        }
        readPiece(k, slot, a, b);
    };

    if (!ahead) {  // the same pieces and hints, read and converted in turn on this thread
        RawBatch slot;
        for (std::int64_t k = 0; k < batches; ++k) {
            job.checkCancelled();
            const auto [r0, r1] = rowRange(k);
            sizeSlot(k, slot);
            begin(k);
            for (std::int64_t a = 0; a < r1 - r0; a += pieceRows) {
                const std::int64_t b = std::min(r1 - r0, a + pieceRows);
                readWindowed(k, slot, a, b);
                convert(slot, a, b);
            }
            finish(slot);
            deliver(k);
        }
        return;
    }

    constexpr int kSlots = 2;
    RawBatch slots[kSlots];
    std::mutex mutex;
    std::condition_variable changed;
    bool stop = false;
    std::thread reader([&] {
        h5::silenceErrors();
        for (std::int64_t k = 0; k < batches; ++k) {
            RawBatch& slot = slots[k % kSlots];
            {
                std::unique_lock<std::mutex> lock(mutex);
                changed.wait(lock, [&] { return stop || slot.index < 0; });
                if (stop) return;
            }
            const auto [r0, r1] = rowRange(k);
            std::exception_ptr error;
            try {
                sizeSlot(k, slot);
            } catch (...) {
                error = std::current_exception();
            }
            {
                std::lock_guard<std::mutex> lock(mutex);
                slot.rowsReady = 0;
                slot.error = error;
                slot.index = k;
            }
            changed.notify_all();
            if (error) return;
            for (std::int64_t a = 0; a < r1 - r0; a += pieceRows) {
                const std::int64_t b = std::min(r1 - r0, a + pieceRows);
                try {
                    readWindowed(k, slot, a, b);
                } catch (...) {
                    error = std::current_exception();
                }
                {
                    std::lock_guard<std::mutex> lock(mutex);
                    if (error) slot.error = error;
                    else slot.rowsReady = b;
                    if (stop) return;
                }
                changed.notify_all();
                if (error) return;
            }
        }
    });
    struct Joiner {  // stops and joins the read-ahead thread on every exit path
        std::mutex& mutex;
        std::condition_variable& changed;
        bool& stop;
        std::thread& thread;
        ~Joiner() {
            {
                std::lock_guard<std::mutex> lock(mutex);
                stop = true;
            }
            changed.notify_all();
            thread.join();
        }
    } joiner{mutex, changed, stop, reader};

    for (std::int64_t k = 0; k < batches; ++k) {
        job.checkCancelled();
        RawBatch& slot = slots[k % kSlots];
        const auto [r0, r1] = rowRange(k);
        {
            std::unique_lock<std::mutex> lock(mutex);
            changed.wait(lock, [&] { return slot.index == k || slot.error; });
            if (slot.error) std::rethrow_exception(slot.error);
        }
        begin(k);
        for (std::int64_t done = 0; done < r1 - r0;) {
            std::int64_t ready = 0;
            {
                std::unique_lock<std::mutex> lock(mutex);
                changed.wait(lock, [&] { return slot.rowsReady > done || slot.error; });
                if (slot.error) std::rethrow_exception(slot.error);
                ready = slot.rowsReady;
            }
            convert(slot, done, ready);
            done = ready;
            job.checkCancelled();
        }
        finish(slot);
        {
            std::lock_guard<std::mutex> lock(mutex);
            slot.index = -1;  // converted: the reader may refill it while onBatch runs
        }
        changed.notify_all();
        deliver(k);
    }
}

void ActivationCacheReader::setReadAhead(bool on) { m_impl->readAhead = on; }
bool ActivationCacheReader::readAhead() const { return m_impl->readAhead; }
void ActivationCacheReader::setReadPieceBytes(std::size_t bytes) { m_impl->pieceBytes = bytes; }
bool ActivationCacheReader::directReads(const std::string& hook, int layer) const {
    return m_impl->direct[m_impl->datasetIndex(hook, layer)]->available();
}

RowMatrix ActivationCacheReader::readRollout(const std::string& hook, int layer, std::int64_t rollout) const {
    h5::silenceErrors();  // per thread: a reader may be used from a worker thread
    const auto& m = *m_impl;
    const std::size_t di = m.datasetIndex(hook, layer);
    if (rollout < 0 || rollout >= m.meta.numRollouts)
        throw InvalidArgument(fmt::format("{}: rollout {} out of range (cache has {})", m.path, rollout, m.meta.numRollouts));
    RowMatrix out;
    out.cols = m.meta.schema.dModel;
    out.rows = m.meta.offsets[rollout + 1] - m.meta.offsets[rollout];
    out.data.resize(static_cast<std::size_t>(out.rows * out.cols));
    std::vector<std::uint16_t> raw;
    m.readConverted(di, m.meta.offsets[rollout], out.rows, out.data.data(), raw);
    return out;
}

RowMatrix ActivationCacheReader::readS0(const std::string& hook, int layer) const {
    h5::silenceErrors();  // per thread: a reader may be used from a worker thread
    const auto& m = *m_impl;
    const std::size_t di = m.datasetIndex(hook, layer);
    // A handle without chunk cache: HDF5 then reads just the row from uncompressed chunks
    // instead of a whole chunk per rollout.
    Handle dapl(H5Pcreate(H5P_DATASET_ACCESS));
    H5Pset_chunk_cache(dapl, 0, 0, 1.0);
    const auto& s = m.meta.schema;
    const std::string name = activationDatasetPath(hook, layer);
    Handle ds = check(H5Dopen2(m.file, name.c_str(), dapl), m.path, "cannot open dataset '" + name + "'");
    RowMatrix out;
    out.cols = s.dModel;
    out.rows = m.meta.numRollouts;
    out.data.resize(static_cast<std::size_t>(out.rows * out.cols));
    std::vector<std::uint16_t> raw;
    for (std::int64_t i = 0; i < out.rows; ++i)
        m.readConverted(di, m.meta.s0Index[i], 1, out.data.data() + i * out.cols, raw, ds);
    return out;
}

std::vector<std::int32_t> ActivationCacheReader::readTokenIds(std::int64_t rollout) const {
    h5::silenceErrors();  // per thread: a reader may be used from a worker thread
    const auto& m = *m_impl;
    if (rollout < 0 || rollout >= m.meta.numRollouts)
        throw InvalidArgument(fmt::format("{}: rollout {} out of range (cache has {})", m.path, rollout, m.meta.numRollouts));
    std::vector<std::int32_t> out(static_cast<std::size_t>(m.meta.offsets[rollout + 1] - m.meta.offsets[rollout]));
    h5::readRows(m.tokenIds, H5T_NATIVE_INT32, static_cast<hsize_t>(m.meta.offsets[rollout]), out.size(), out.data(),
                 m.path, cache_ds::kTokenIds);
    return out;
}

std::vector<std::int32_t> ActivationCacheReader::readPositions(std::int64_t rollout) const {
    h5::silenceErrors();  // per thread: a reader may be used from a worker thread
    const auto& m = *m_impl;
    if (rollout < 0 || rollout >= m.meta.numRollouts)
        throw InvalidArgument(fmt::format("{}: rollout {} out of range (cache has {})", m.path, rollout, m.meta.numRollouts));
    std::vector<std::int32_t> out(static_cast<std::size_t>(m.meta.offsets[rollout + 1] - m.meta.offsets[rollout]));
    h5::readRows(m.positions, H5T_NATIVE_INT32, static_cast<hsize_t>(m.meta.offsets[rollout]), out.size(), out.data(),
                 m.path, cache_ds::kPositions);
    return out;
}

void ActivationCacheReader::readRawRows(const std::string& hook, int layer, std::int64_t start, std::int64_t count,
                                        void* out) const {
    h5::silenceErrors();  // per thread: a reader may be used from a worker thread
    const auto& m = *m_impl;
    const std::size_t di = m.datasetIndex(hook, layer);
    m.readStored(di, start, count, out);
}

}  // namespace srs::core
