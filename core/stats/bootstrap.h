#pragma once
/// Percentile bootstrap confidence intervals, resampling either single samples or whole
/// clusters (question ids): rollouts of one question are correlated, so the honest
/// interval resamples questions with replacement and takes all their rollouts.
/// Deterministic for a seed on every platform (own Xoshiro256** generator).
#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace srs::core {

class JobContext;

struct BootstrapOptions {
    std::size_t resamples = 2000;  ///< B, at least 2
    std::uint64_t seed = 0;
    double level = 0.95;  ///< central coverage, in (0, 1)
};

/// Percentile interval of a statistic. `defined` is false (bounds NaN) when the
/// statistic is undefined on the full data or on more than half of the resamples;
/// `reason` then says why, ready to print.
struct BootstrapInterval {
    bool defined = false;
    double estimate = std::numeric_limits<double>::quiet_NaN();  ///< on the full data
    double lower = std::numeric_limits<double>::quiet_NaN();
    double upper = std::numeric_limits<double>::quiet_NaN();
    double level = 0.95;
    std::size_t resamples = 0;      ///< B requested
    std::size_t usedResamples = 0;  ///< resamples on which the statistic was defined
    std::size_t clusters = 0;       ///< resampling units (samples or questions)
    std::string reason;             ///< empty when defined
};

/// A statistic evaluated on a resample, given as indices into the original samples
/// (with repetitions). Returns nullopt where the statistic is undefined on that resample
/// (e.g. AUROC of a resample whose labels are all equal); such resamples are skipped
/// and counted out of usedResamples.
using ResampledStatistic =
    std::function<std::optional<double>(const std::vector<std::size_t>& indices)>;

/// Dense cluster numbers 0..K-1 in order of first appearance: {"q7","q2","q7"} -> {0,1,0}.
std::vector<std::size_t> clusterIndices(const std::vector<std::string>& clusterIds);

/// Generic cluster percentile bootstrap over n samples. `clusterOf` [n] gives each
/// sample's dense cluster number (0..K-1, every number used; see clusterIndices); pass
/// an empty vector to resample samples individually. Each resample draws K clusters
/// uniformly with replacement (Xoshiro256**(seed).uniformBelow(K), in order) and
/// concatenates their members in original order. Bounds are the (1-level)/2 and
/// (1+level)/2 quantiles of the defined resample values with linear interpolation
/// (numpy's default "linear" method).
/// Throws srs::InvalidArgument for B < 2, level outside (0,1), n == 0, or a bad
/// clusterOf (wrong length, gaps in the numbering); srs::Cancelled via `ctx`.
BootstrapInterval bootstrapInterval(std::size_t n, const std::vector<std::size_t>& clusterOf,
                                    const ResampledStatistic& statistic,
                                    const BootstrapOptions& options,
                                    const JobContext* ctx = nullptr);

/// Bootstrap interval of AUROC (see auroc()) resampling single samples. Throws as
/// auroc() and bootstrapInterval() do.
BootstrapInterval bootstrapAuroc(const std::vector<double>& scores,
                                 const std::vector<int>& labels,
                                 const BootstrapOptions& options,
                                 const JobContext* ctx = nullptr);

/// Bootstrap interval of AUROC resampling clusters: `clusterIds` [n] holds each sample's
/// question id; questions are drawn with replacement and all their rollouts kept.
BootstrapInterval bootstrapAurocClustered(const std::vector<double>& scores,
                                          const std::vector<int>& labels,
                                          const std::vector<std::string>& clusterIds,
                                          const BootstrapOptions& options,
                                          const JobContext* ctx = nullptr);

/// Bootstrap interval of the Spearman correlation (see spearman()), optionally by
/// cluster (empty `clusterIds` = resample single samples).
BootstrapInterval bootstrapSpearman(const std::vector<double>& x, const std::vector<double>& y,
                                    const std::vector<std::string>& clusterIds,
                                    const BootstrapOptions& options,
                                    const JobContext* ctx = nullptr);

}  // namespace srs::core
