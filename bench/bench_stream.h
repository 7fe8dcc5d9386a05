#pragma once
/// Streaming reads of tensors already in memory (the checkpoint's mapped weights), through
/// the decode kernels' own work-claiming pool: the in-process decode floor used by
/// bench_decode_breakdown and bench_runtime. Header-only like bench_util.h; needs libtorch.
#include <ATen/ATen.h>

#include <algorithm>
#include <cstdint>
#include <vector>

#include "bench/bench_util.h"
#include "core/model/linear_pool.h"

namespace srs::bench {

/// Reads every tensor once in 256 KB blocks claimed by the kernels' pool.
inline std::uint64_t streamTensors(const std::vector<at::Tensor>& tensors, int threads, bool prefetch) {
    struct Block {
        const std::uint8_t* p;
        std::size_t n;
    };
    std::vector<Block> blocks;
    for (const auto& t : tensors) {
        const auto* p = static_cast<const std::uint8_t*>(t.data_ptr());
        const std::size_t bytes = t.nbytes();
        for (std::size_t off = 0; off < bytes; off += 256 * 1024)
            blocks.push_back({p + off, std::min<std::size_t>(256 * 1024, bytes - off)});
    }
    std::vector<std::uint64_t> sums(blocks.size());
    srs::core::runBlocks(static_cast<std::int64_t>(blocks.size()), threads, [&](std::int64_t b) {
        sums[static_cast<std::size_t>(b)] = srs::bench::streamSum(blocks[static_cast<std::size_t>(b)].p,
                                                                  blocks[static_cast<std::size_t>(b)].n, prefetch);
    });
    std::uint64_t s = 0;
    for (auto v : sums) s += v;
    return s;
}

/// Best bandwidth (bytes / s) of `passes` reads of every tensor, each pass timed once with
/// and once without software prefetch (see streamSum).
inline double streamBandwidth(const std::vector<at::Tensor>& tensors, int threads, int passes = 3) {
    double bytes = 0;
    for (const auto& t : tensors) bytes += static_cast<double>(t.nbytes());
    volatile std::uint64_t sink = streamTensors(tensors, threads, true);  // first touch
    double best = 1e30;
    for (int i = 0; i < passes; ++i)
        for (bool prefetch : {false, true}) {
            const double t0 = nowSeconds();
            sink = sink + streamTensors(tensors, threads, prefetch);
            best = std::min(best, nowSeconds() - t0);
        }
    (void)sink;
    return bytes / best;
}

}  // namespace srs::bench
