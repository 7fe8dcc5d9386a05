#pragma once
/// Area under the ROC curve of a score against binary labels, computed exactly as the
/// Mann-Whitney U statistic on mid-ranks (ties count one half), in O(n log n).
#include <cstddef>
#include <limits>
#include <string>
#include <vector>

namespace srs::core {

/// AUROC = P(score of a random positive > score of a random negative)
///       + 0.5 * P(tie). Undefined (defined == false, value NaN) when there are no
/// positives or no negatives; `reason` then says why, e.g.
/// "AUROC undefined: all 37 labels are 1", ready to print.
struct AurocResult {
    bool defined = false;
    double value = std::numeric_limits<double>::quiet_NaN();
    /// Mann-Whitney U of the positives: #(pos > neg) + 0.5 * #(pos == neg) over all
    /// positive-negative pairs; value = u / (positives * negatives).
    double u = std::numeric_limits<double>::quiet_NaN();
    std::size_t positives = 0;
    std::size_t negatives = 0;
    std::string reason;  ///< empty when defined
};

/// AUROC of `scores` [n] against `labels` [n] (1 = positive, e.g. reward 1; 0 = negative).
/// A higher score is taken to predict label 1. Ties between a positive and a negative
/// count one half (mid-ranks). Infinite scores are allowed.
/// Throws srs::InvalidArgument when the lengths differ, a score is NaN, or a label is
/// not 0/1 (the message names the index). Empty input gives defined == false.
AurocResult auroc(const std::vector<double>& scores, const std::vector<int>& labels);

}  // namespace srs::core
