#include "core/stats/topk.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <fmt/format.h>

#include "core/error.h"
#include "core/stats/stats_input.h"

namespace srs::core {

std::vector<std::size_t> topKIndices(const std::vector<double>& scores, std::size_t k) {
    stats_input::requireNoNan("top-k", "scores", scores);
    if (k > scores.size())
        throw InvalidArgument(fmt::format("top-k: k = {} but only {} scores (expected k <= n)",
                                          k, scores.size()));
    std::vector<std::size_t> order(scores.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    // A strict total order, so nth_element + sort give one answer on every platform.
    auto before = [&](std::size_t a, std::size_t b) {
        if (scores[a] != scores[b]) return scores[a] > scores[b];
        return a < b;
    };
    if (k < order.size())
        std::nth_element(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(k),
                         order.end(), before);
    order.resize(k);
    std::sort(order.begin(), order.end(), before);
    return order;
}

std::vector<std::size_t> topKIndices(const std::vector<float>& scores, std::size_t k) {
    return topKIndices(std::vector<double>(scores.begin(), scores.end()), k);
}

std::size_t keepCountForPruneRatio(std::size_t d, double pruneRatio) {
    if (d == 0) throw InvalidArgument("prune ratio: d = 0 dimensions (expected d >= 1)");
    if (!(pruneRatio >= 0.0 && pruneRatio < 1.0))
        throw InvalidArgument(
            fmt::format("prune ratio: p = {} (expected 0 <= p < 1)", pruneRatio));
    const double kept = std::round((1.0 - pruneRatio) * static_cast<double>(d));
    return std::max<std::size_t>(1, static_cast<std::size_t>(kept));
}

}  // namespace srs::core
