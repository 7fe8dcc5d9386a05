#pragma once
/// Input checks shared by the statistics in core/stats. Every failure throws
/// srs::InvalidArgument naming the statistic, the argument, the offending index and
/// what was expected, e.g. "AUROC: scores[17] is NaN (expected a number)".
#include <cstddef>
#include <string>
#include <vector>

namespace srs::core::stats_input {

/// Throws when a.size() != b.size(): "WHAT: 10 scores but 9 labels".
void requireSameSize(const std::string& what, std::size_t sizeA, const std::string& nameA,
                     std::size_t sizeB, const std::string& nameB);

/// Throws on the first NaN in `values` (infinities pass).
void requireNoNan(const std::string& what, const std::string& name,
                  const std::vector<double>& values);

/// Throws on the first NaN or infinity in `values`.
void requireFinite(const std::string& what, const std::string& name,
                   const std::vector<double>& values);

/// Throws on the first label that is neither 0 nor 1.
void requireBinary(const std::string& what, const std::string& name,
                   const std::vector<int>& labels);

}  // namespace srs::core::stats_input
