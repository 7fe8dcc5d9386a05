#pragma once
/// Mid-ranks (average ranks for ties), the basis of AUROC and Spearman.
#include <vector>

namespace srs::core {

/// 1-based ranks of `values` in ascending order, tied values sharing the mean of the
/// ranks they span (e.g. {10, 20, 20, 30} -> {1, 2.5, 2.5, 4}). O(n log n).
/// -inf and +inf rank as the smallest / largest values. Throws srs::InvalidArgument
/// naming the index of the first NaN (NaN has no rank).
std::vector<double> midRanks(const std::vector<double>& values);

}  // namespace srs::core
