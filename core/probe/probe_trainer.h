#pragma once
/// Trains value probes for many layers (and many input-dimension subsets) in ONE streaming
/// pass over an activation cache per epoch. Per optimiser step the rows of
/// `batchTrajectories` training rollouts are read for every layer (a few HDF5 reads, in
/// cache order), stacked as [L, N, d] and every probe of a group is updated by one batched
/// matmul (weights stacked [L, dIn, H]); AdamW is elementwise, so one optimiser over the
/// stacked tensors equals one optimiser per layer. Memory ~ L * N * d floats for the
/// largest batch plus the weights: independent of the cache size.
#include <cstdint>
#include <vector>

#include "core/jobs/job.h"
#include "core/probe/probe_options.h"

namespace srs::core {

class ActivationCacheReader;

/// Input dimensions of one group of probes: dims[l] are the cache columns the probe of
/// layers[l] reads. Every layer of a group has the same count (one bmm per group).
/// An empty `dims` means all d_model columns for every layer.
struct ProbeGroupSpec {
    std::vector<std::vector<std::int64_t>> dims;  ///< [L][k] ascending, in [0, d_model)
    std::uint64_t seedOffset = 0;                 ///< added to options.seed for initialisation
};

/// Trains one probe per (group, layer) on split.trainRollouts and scores the held-out
/// rollouts (V(s_0), V(s_T)); does NOT compute AUROCs (see evaluateProbe). Returns
/// [groups][layers]. Deterministic for a seed at a fixed thread count.
/// Throws InvalidArgument for a layer/hook not in the cache, mismatched group dims, bad
/// options; FormatError for read errors; Cancelled via `job`.
std::vector<std::vector<LayerProbe>> trainProbeGroups(const ActivationCacheReader& reader,
                                                      const std::vector<int>& layers,
                                                      const std::vector<ProbeGroupSpec>& groups,
                                                      const QuestionSplit& split,
                                                      const ProbeTrainOptions& options, const JobContext& job = {});

/// Sets torch's intra-op threads: n > 0, else OMP_NUM_THREADS, else all cores. Returns the count.
int setProbeThreads(int n);

/// For tests and goldens: V(x) of an MLP/linear probe on rows [n, dIn] (row-major). Returns [n].
std::vector<float> probeForward(const ProbeWeights& weights, const std::vector<float>& rows, std::int64_t n);

}  // namespace srs::core
