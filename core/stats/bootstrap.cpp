#include "core/stats/bootstrap.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include <fmt/format.h>

#include "core/error.h"
#include "core/jobs/job.h"
#include "core/stats/auroc.h"
#include "core/stats/correlation.h"
#include "core/stats/prng.h"
#include "core/stats/stats_input.h"

namespace srs::core {

namespace {

/// Quantile q of sorted values, linear interpolation between order statistics.
double sortedQuantile(const std::vector<double>& sorted, double q) {
    const double h = static_cast<double>(sorted.size() - 1) * q;
    const auto lo = static_cast<std::size_t>(std::floor(h));
    const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
    return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

constexpr std::size_t kProgressEvery = 100;

}  // namespace

std::vector<std::size_t> clusterIndices(const std::vector<std::string>& clusterIds) {
    std::unordered_map<std::string, std::size_t> number;
    std::vector<std::size_t> out;
    out.reserve(clusterIds.size());
    for (const auto& id : clusterIds) {
        auto it = number.emplace(id, number.size()).first;
        out.push_back(it->second);
    }
    return out;
}

BootstrapInterval bootstrapInterval(std::size_t n, const std::vector<std::size_t>& clusterOf,
                                    const ResampledStatistic& statistic,
                                    const BootstrapOptions& options, const JobContext* ctx) {
    if (options.resamples < 2)
        throw InvalidArgument(fmt::format(
            "bootstrap: resamples must be at least 2, got {}", options.resamples));
    if (!(options.level > 0.0 && options.level < 1.0))
        throw InvalidArgument(
            fmt::format("bootstrap: level must be in (0, 1), got {}", options.level));
    if (n == 0) throw InvalidArgument("bootstrap: no samples (expected n >= 1)");

    // members[c] = sample indices of cluster c, in original order.
    std::vector<std::vector<std::size_t>> members;
    if (clusterOf.empty()) {
        members.resize(n);
        for (std::size_t i = 0; i < n; ++i) members[i] = {i};
    } else {
        stats_input::requireSameSize("bootstrap", clusterOf.size(), "cluster numbers", n,
                                     "samples");
        for (std::size_t i = 0; i < n; ++i) {
            if (clusterOf[i] >= n)
                throw InvalidArgument(fmt::format(
                    "bootstrap: clusterOf[{}] = {} (expected a dense number below {})", i,
                    clusterOf[i], n));
            if (clusterOf[i] >= members.size()) members.resize(clusterOf[i] + 1);
            members[clusterOf[i]].push_back(i);
        }
        for (std::size_t c = 0; c < members.size(); ++c)
            if (members[c].empty())
                throw InvalidArgument(fmt::format(
                    "bootstrap: cluster {} has no samples (expected dense numbers 0..{})", c,
                    members.size() - 1));
    }

    BootstrapInterval out;
    out.level = options.level;
    out.resamples = options.resamples;
    out.clusters = members.size();

    std::vector<std::size_t> all(n);
    for (std::size_t i = 0; i < n; ++i) all[i] = i;
    const std::optional<double> full = statistic(all);
    if (!full) {
        out.reason = "bootstrap undefined: the statistic is undefined on the full data";
        return out;
    }
    out.estimate = *full;

    Xoshiro256 rng(options.seed);
    const std::size_t k = members.size();
    std::vector<double> values;
    values.reserve(options.resamples);
    std::vector<std::size_t> indices;
    indices.reserve(n);
    for (std::size_t b = 0; b < options.resamples; ++b) {
        if (ctx && b % kProgressEvery == 0) {
            ctx->checkCancelled();
            ctx->report("bootstrap", static_cast<std::int64_t>(b),
                        static_cast<std::int64_t>(options.resamples), "resamples");
        }
        indices.clear();
        for (std::size_t j = 0; j < k; ++j) {
            const auto& m = members[rng.uniformBelow(k)];
            indices.insert(indices.end(), m.begin(), m.end());
        }
        if (auto v = statistic(indices)) values.push_back(*v);
    }
    if (ctx)
        ctx->report("bootstrap", static_cast<std::int64_t>(options.resamples),
                    static_cast<std::int64_t>(options.resamples), "resamples");
    out.usedResamples = values.size();
    if (2 * values.size() < options.resamples) {
        out.reason = fmt::format(
            "bootstrap undefined: the statistic was defined on only {} of {} resamples",
            values.size(), options.resamples);
        return out;
    }
    std::sort(values.begin(), values.end());
    const double tail = (1.0 - options.level) / 2.0;
    out.lower = sortedQuantile(values, tail);
    out.upper = sortedQuantile(values, 1.0 - tail);
    out.defined = true;
    return out;
}

namespace {

BootstrapInterval aurocWithClusters(const std::vector<double>& scores,
                                    const std::vector<int>& labels,
                                    const std::vector<std::size_t>& clusterOf,
                                    const BootstrapOptions& options, const JobContext* ctx) {
    const AurocResult full = auroc(scores, labels);  // validates inputs
    if (!full.defined) {
        BootstrapInterval out;
        out.level = options.level;
        out.resamples = options.resamples;
        out.reason = full.reason;
        return out;
    }
    std::vector<double> s;
    std::vector<int> l;
    auto statistic = [&](const std::vector<std::size_t>& idx) -> std::optional<double> {
        s.resize(idx.size());
        l.resize(idx.size());
        for (std::size_t i = 0; i < idx.size(); ++i) {
            s[i] = scores[idx[i]];
            l[i] = labels[idx[i]];
        }
        const AurocResult r = auroc(s, l);
        if (!r.defined) return std::nullopt;
        return r.value;
    };
    return bootstrapInterval(scores.size(), clusterOf, statistic, options, ctx);
}

}  // namespace

BootstrapInterval bootstrapAuroc(const std::vector<double>& scores,
                                 const std::vector<int>& labels,
                                 const BootstrapOptions& options, const JobContext* ctx) {
    return aurocWithClusters(scores, labels, {}, options, ctx);
}

BootstrapInterval bootstrapAurocClustered(const std::vector<double>& scores,
                                          const std::vector<int>& labels,
                                          const std::vector<std::string>& clusterIds,
                                          const BootstrapOptions& options,
                                          const JobContext* ctx) {
    stats_input::requireSameSize("AUROC bootstrap", scores.size(), "scores", clusterIds.size(),
                                 "cluster ids");
    return aurocWithClusters(scores, labels, clusterIndices(clusterIds), options, ctx);
}

BootstrapInterval bootstrapSpearman(const std::vector<double>& x, const std::vector<double>& y,
                                    const std::vector<std::string>& clusterIds,
                                    const BootstrapOptions& options, const JobContext* ctx) {
    const CorrelationResult full = spearman(x, y);  // validates inputs
    if (!full.defined) {
        BootstrapInterval out;
        out.level = options.level;
        out.resamples = options.resamples;
        out.reason = full.reason;
        return out;
    }
    std::vector<std::size_t> clusterOf;
    if (!clusterIds.empty()) {
        stats_input::requireSameSize("Spearman bootstrap", x.size(), "values",
                                     clusterIds.size(), "cluster ids");
        clusterOf = clusterIndices(clusterIds);
    }
    std::vector<double> xs, ys;
    auto statistic = [&](const std::vector<std::size_t>& idx) -> std::optional<double> {
        xs.resize(idx.size());
        ys.resize(idx.size());
        for (std::size_t i = 0; i < idx.size(); ++i) {
            xs[i] = x[idx[i]];
            ys[i] = y[idx[i]];
        }
        const CorrelationResult r = spearman(xs, ys);
        if (!r.defined) return std::nullopt;
        return r.r;
    };
    return bootstrapInterval(x.size(), clusterOf, statistic, options, ctx);
}

}  // namespace srs::core
