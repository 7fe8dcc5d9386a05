#include "core/stats/ranks.h"

#include <algorithm>
#include <numeric>

#include "core/stats/stats_input.h"

namespace srs::core {

std::vector<double> midRanks(const std::vector<double>& values) {
    stats_input::requireNoNan("ranks", "values", values);
    const std::size_t n = values.size();
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
    std::vector<double> ranks(n);
    std::size_t start = 0;
    while (start < n) {
        std::size_t end = start + 1;
        while (end < n && values[order[end]] == values[order[start]]) ++end;
        // Positions start..end-1 (0-based) hold ranks start+1..end; their mean:
        const double mid = 0.5 * static_cast<double>(start + 1 + end);
        for (std::size_t i = start; i < end; ++i) ranks[order[i]] = mid;
        start = end;
    }
    return ranks;
}

}  // namespace srs::core
