#include "core/cache/cache_merge.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <set>

#include "core/cache/activation_cache_reader.h"
#include "core/cache/cache_format.h"
#include "core/cache/hdf5_support.h"
#include "core/error.h"

namespace fs = std::filesystem;

namespace srs::core {

using h5::check;
using h5::Handle;

MergeMode parseMergeMode(const std::string& text) {
    if (text == "virtual") return MergeMode::Virtual;
    if (text == "copy") return MergeMode::Copy;
    throw InvalidArgument(fmt::format("merge mode '{}' is not supported (expected virtual or copy)", text));
}

namespace {

Handle storeFileType(StoreDtype dtype) {
    switch (dtype) {
        case StoreDtype::Float16: return h5::halfType();
        case StoreDtype::BFloat16: return Handle(H5Tcopy(H5T_STD_U16LE));
        case StoreDtype::Float32: return Handle(H5Tcopy(H5T_IEEE_F32LE));
    }
    return Handle();
}

void fsyncFile(const std::string& p) {
    int fd = ::open(p.c_str(), O_RDONLY);
    if (fd < 0) throw Error(fmt::format("cannot open '{}' to fsync it", p));
    int rc = ::fsync(fd);
    ::close(fd);
    if (rc != 0) throw Error(fmt::format("fsync of '{}' failed (disk full or I/O error?)", p));
}

template <typename T>
void writeWhole1d(hid_t file, const char* name, hid_t fileType, hid_t memType, const std::vector<T>& v,
                  hsize_t chunk, const std::string& fn) {
    Handle ds = h5::createExtendible(file, name, fileType, 0, chunk, 0, fn);
    h5::appendRows(ds, memType, 0, v.size(), 0, v.data(), fn, name);
}

}  // namespace

void mergeCaches(const std::vector<std::string>& inputs, const std::string& output, MergeMode mode, bool overwrite,
                 const JobContext& job) {
    h5::silenceErrors();
    if (inputs.empty()) throw InvalidArgument("cache merge: no shard files given");
    std::error_code ec;
    const fs::path outAbs = fs::absolute(output);
    for (const auto& in : inputs)
        if (fs::weakly_canonical(in, ec) == fs::weakly_canonical(outAbs, ec))
            throw InvalidArgument(fmt::format("cache merge: output '{}' is also an input", output));
    if (fs::exists(output) && !overwrite)
        throw Error(fmt::format("cache merge: '{}' already exists (use --force to replace it)", output));

    std::vector<std::unique_ptr<ActivationCacheReader>> shards;
    for (const auto& in : inputs) shards.push_back(std::make_unique<ActivationCacheReader>(in));
    const CacheMetadata& first = shards[0]->metadata();
    std::set<std::pair<int, int>> seenShards;
    for (std::size_t i = 0; i < shards.size(); ++i) {
        const auto& s = shards[i]->metadata().schema;
        if (i > 0) {
            std::string diff = schemaDifference(s, first.schema, false);
            if (!diff.empty())
                throw Error(fmt::format("cache merge: shard '{}' is not compatible with '{}': {}", inputs[i],
                                        inputs[0], diff));
        }
        if (s.shardCount > 1 && !seenShards.insert({s.shardIndex, s.shardCount}).second)
            throw Error(fmt::format("cache merge: shard '{}' is shard {}/{}, which was already given", inputs[i],
                                    s.shardIndex, s.shardCount));
    }

    const std::string partial = output + ".partial";
    fs::remove(partial, ec);
    try {
        Handle file = check(H5Fcreate(partial.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), partial,
                            "cannot create the merged cache");
        CacheSchema schema = first.schema;
        schema.shardIndex = 0;
        schema.shardCount = 1;
        writeCacheAttributes(file, schema, partial);
        h5::writeAttrInt64(file, cache_attr::kComplete, 0, partial);
        const fs::path outDir = outAbs.parent_path();
        std::vector<std::string> sourceNames;  // as referenced from the output
        for (const auto& in : inputs) {
            fs::path rel = fs::absolute(in).lexically_relative(outDir);
            sourceNames.push_back(mode == MergeMode::Virtual && !rel.empty() ? rel.string() : fs::absolute(in).string());
        }
        h5::writeAttrStrings(file, cache_attr::kMergedFrom, sourceNames, partial);
        h5::writeAttrString(file, cache_attr::kMergeMode, mode == MergeMode::Virtual ? "virtual" : "copy", partial);
        const int chunkRows = first.chunkRows > 0 ? first.chunkRows : 128;
        h5::writeAttrInt64(file, cache_attr::kChunkRows, chunkRows, partial);
        h5::writeAttrString(file, cache_attr::kCompression, mode == MergeMode::Virtual ? "virtual" : "none", partial);

        // Per-rollout and per-token metadata: concatenated, offsets rebased.
        std::vector<std::int64_t> offsets{0}, s0;
        std::vector<float> rewards;
        std::vector<std::string> qids;
        std::vector<std::int32_t> sample, plen, rlen, ids, pos;
        std::vector<std::int64_t> rowStart;
        for (const auto& sh : shards) {
            const auto& md = sh->metadata();
            const std::int64_t base = offsets.back();
            rowStart.push_back(base);
            for (std::int64_t i = 0; i < md.numRollouts; ++i) {
                offsets.push_back(base + md.offsets[i + 1]);
                s0.push_back(base + md.s0Index[i]);
                auto t = sh->readTokenIds(i);
                ids.insert(ids.end(), t.begin(), t.end());
                auto p = sh->readPositions(i);
                pos.insert(pos.end(), p.begin(), p.end());
            }
            rewards.insert(rewards.end(), md.rewards.begin(), md.rewards.end());
            qids.insert(qids.end(), md.questionIds.begin(), md.questionIds.end());
            sample.insert(sample.end(), md.sampleIndex.begin(), md.sampleIndex.end());
            plen.insert(plen.end(), md.promptLen.begin(), md.promptLen.end());
            rlen.insert(rlen.end(), md.responseLen.begin(), md.responseLen.end());
        }
        const std::int64_t totalRows = offsets.back();
        const std::int64_t totalRollouts = static_cast<std::int64_t>(rewards.size());
        writeWhole1d(file, cache_ds::kTokenIds, H5T_STD_I32LE, H5T_NATIVE_INT32, ids, 4096, partial);
        writeWhole1d(file, cache_ds::kPositions, H5T_STD_I32LE, H5T_NATIVE_INT32, pos, 4096, partial);
        writeWhole1d(file, cache_ds::kOffset, H5T_STD_I64LE, H5T_NATIVE_INT64, offsets, 1024, partial);
        writeWhole1d(file, cache_ds::kS0Index, H5T_STD_I64LE, H5T_NATIVE_INT64, s0, 1024, partial);
        writeWhole1d(file, cache_ds::kReward, H5T_IEEE_F32LE, H5T_NATIVE_FLOAT, rewards, 1024, partial);
        writeWhole1d(file, cache_ds::kSampleIndex, H5T_STD_I32LE, H5T_NATIVE_INT32, sample, 1024, partial);
        writeWhole1d(file, cache_ds::kPromptLen, H5T_STD_I32LE, H5T_NATIVE_INT32, plen, 1024, partial);
        writeWhole1d(file, cache_ds::kResponseLen, H5T_STD_I32LE, H5T_NATIVE_INT32, rlen, 1024, partial);
        {
            Handle str = h5::utf8StringType();
            std::vector<const char*> ptrs;
            for (const auto& q : qids) ptrs.push_back(q.c_str());
            Handle ds = h5::createExtendible(file, cache_ds::kQuestionId, str, 0, 1024, 0, partial);
            h5::appendRows(ds, str, 0, ptrs.size(), 0, ptrs.data(), partial, cache_ds::kQuestionId);
        }

        // Activations.
        const auto d = static_cast<hsize_t>(schema.dModel);
        const std::size_t elem = storeDtypeSize(schema.dtype);
        Handle fileType = storeFileType(schema.dtype);
        const std::int64_t totalWork = static_cast<std::int64_t>(schema.datasetCount()) * totalRows;
        std::int64_t done = 0;
        for (const auto& hook : schema.hooks)
            for (int layer : schema.layers) {
                job.checkCancelled();
                const std::string name = activationDatasetPath(hook, layer);
                Handle ds;
                if (mode == MergeMode::Virtual) {
                    hsize_t dims[2] = {static_cast<hsize_t>(totalRows), d};
                    Handle vspace(H5Screate_simple(2, dims, nullptr));
                    Handle dcpl(H5Pcreate(H5P_DATASET_CREATE));
                    for (std::size_t i = 0; i < shards.size(); ++i) {
                        const auto rows = static_cast<hsize_t>(shards[i]->metadata().numRows);
                        if (rows == 0) continue;
                        hsize_t off[2] = {static_cast<hsize_t>(rowStart[i]), 0};
                        hsize_t cnt[2] = {rows, d};
                        check(H5Sselect_hyperslab(vspace, H5S_SELECT_SET, off, nullptr, cnt, nullptr), partial,
                              "cannot select rows for '" + name + "'");
                        Handle srcSpace(H5Screate_simple(2, cnt, nullptr));
                        check(H5Pset_virtual(dcpl, vspace, sourceNames[i].c_str(), name.c_str(), srcSpace), partial,
                              fmt::format("cannot map '{}' of shard '{}'", name, inputs[i]));
                    }
                    Handle lcpl(H5Pcreate(H5P_LINK_CREATE));
                    H5Pset_create_intermediate_group(lcpl, 1);
                    ds = check(H5Dcreate2(file, name.c_str(), fileType, vspace, lcpl, dcpl, H5P_DEFAULT), partial,
                               "cannot create virtual dataset '" + name + "'");
                    done += totalRows;
                } else {
                    ds = h5::createExtendible(file, name, fileType, d, static_cast<hsize_t>(chunkRows), 0, partial);
                    std::vector<unsigned char> buf;
                    const std::int64_t block = std::max<std::int64_t>(chunkRows, (64ll << 20) / static_cast<std::int64_t>(d * elem));
                    hsize_t written = 0;
                    for (std::size_t i = 0; i < shards.size(); ++i) {
                        const std::int64_t rows = shards[i]->metadata().numRows;
                        for (std::int64_t r = 0; r < rows; r += block) {
                            job.checkCancelled();
                            const std::int64_t n = std::min(block, rows - r);
                            buf.resize(static_cast<std::size_t>(n) * d * elem);
                            shards[i]->readRawRows(hook, layer, r, n, buf.data());
                            h5::appendRows(ds, fileType, written, static_cast<hsize_t>(n), d, buf.data(), partial, name);
                            written += static_cast<hsize_t>(n);
                            done += n;
                            job.report("merge (copy)", done, totalWork, "rows");
                        }
                    }
                }
                h5::writeAttrString(ds, "dtype", storeDtypeName(schema.dtype), partial);
                h5::writeAttrString(ds, "hook", hook, partial);
                h5::writeAttrInt64(ds, "layer", layer, partial);
            }
        h5::writeAttrInt64(file, cache_attr::kCommittedRollouts, totalRollouts, partial);
        h5::writeAttrInt64(file, cache_attr::kCommittedRows, totalRows, partial);
        h5::writeAttrInt64(file, cache_attr::kComplete, 1, partial);
        check(H5Fflush(file, H5F_SCOPE_GLOBAL), partial, "cannot flush the merged cache (disk full?)");
        file.reset();
        fsyncFile(partial);
        if (fs::exists(output) && !overwrite)
            throw Error(fmt::format("cache merge: '{}' appeared while merging; not replacing it", output));
        fs::rename(partial, output, ec);
        if (ec) throw Error(fmt::format("cannot rename '{}' to '{}': {}", partial, output, ec.message()));
    } catch (...) {
        fs::remove(partial, ec);  // a merge is cheap to redo; never leave a half file
        throw;
    }
}

}  // namespace srs::core
