#include "core/stats/auroc.h"

#include <fmt/format.h>

#include "core/stats/ranks.h"
#include "core/stats/stats_input.h"

namespace srs::core {

AurocResult auroc(const std::vector<double>& scores, const std::vector<int>& labels) {
    stats_input::requireSameSize("AUROC", scores.size(), "scores", labels.size(), "labels");
    stats_input::requireNoNan("AUROC", "scores", scores);
    stats_input::requireBinary("AUROC", "labels", labels);

    AurocResult result;
    for (int label : labels) (label == 1 ? result.positives : result.negatives)++;
    const std::size_t n = labels.size();
    if (n == 0) {
        result.reason = "AUROC undefined: no samples";
        return result;
    }
    if (result.negatives == 0 || result.positives == 0) {
        result.reason = fmt::format("AUROC undefined: all {} labels are {}", n,
                                    result.negatives == 0 ? 1 : 0);
        return result;
    }
    const std::vector<double> ranks = midRanks(scores);
    // Mid-ranks are multiples of 1/2, so this sum is exact in double for n < 2^26.
    double positiveRankSum = 0.0;
    for (std::size_t i = 0; i < n; ++i)
        if (labels[i] == 1) positiveRankSum += ranks[i];
    const auto np = static_cast<double>(result.positives);
    const auto nn = static_cast<double>(result.negatives);
    result.u = positiveRankSum - np * (np + 1.0) / 2.0;
    result.value = result.u / (np * nn);
    result.defined = true;
    return result;
}

}  // namespace srs::core
