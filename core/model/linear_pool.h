#pragma once
/// Worker pool for the weight-streaming kernels (linear_small.*): the work is cut into blocks
/// that the caller and the helpers claim dynamically, and the caller waits only for blocks a
/// helper has actually claimed. With static OpenMP chunks, every one of the ~100 parallel
/// regions per decoded token waits for the slowest thread to be scheduled; on a machine
/// whose cores are shared with other work (or with more threads than cores) a descheduled
/// thread then stalls the whole token. Here a helper that is not running simply takes no
/// blocks. Torch-free.
#include <cstdint>
#include <functional>

namespace srs::core {

/// Runs body(b) for every b in [0, blocks), on the calling thread plus up to `threads - 1`
/// helper threads (created on first use, kept for the process). Blocks run in no particular
/// order, each exactly once; returns when all are done. Safe to call from several threads at
/// once (a caller that finds the pool busy runs its blocks alone). `body` must not throw.
void runBlocks(std::int64_t blocks, int threads, const std::function<void(std::int64_t)>& body);

}  // namespace srs::core
