#pragma once
/// Top-k selection with a deterministic tie-break, used to form neuron sets.
#include <cstddef>
#include <vector>

namespace srs::core {

/// Indices of the k largest scores, ordered by score descending; equal scores are
/// ordered by lower index first, so the result is a pure function of the input.
/// -0.0 and +0.0 compare equal. O(n + k log k).
/// Throws srs::InvalidArgument when k > scores.size() or a score is NaN (names the index).
std::vector<std::size_t> topKIndices(const std::vector<double>& scores, std::size_t k);
std::vector<std::size_t> topKIndices(const std::vector<float>& scores, std::size_t k);

/// How many of d dimensions a pruning ratio p keeps: round((1 - p) d), at least 1
/// (e.g. d = 3584: p = 0.99 -> 36, p = 0.995 -> 18, p = 0 -> 3584). Rounding to
/// nearest (not ceil) keeps 0.9 of 100 at 10 despite 1 - 0.9 = 0.09999999999999998.
/// Throws srs::InvalidArgument when d == 0 or p is outside [0, 1).
std::size_t keepCountForPruneRatio(std::size_t d, double pruneRatio);

}  // namespace srs::core
