#pragma once
/// Deciding whether a predicted final answer equals the gold one (see docs/GRADING.md).
#include <string>

namespace srs::core {

/// Canonical text of a final answer: strips $...$, \left/\right, \!, \, spacing, degree
/// marks, \% and %, \$, units (\text{ cm}, \mbox{ inches}^2, trailing words after a
/// number), \text{...} wrappers, a leading "x =" / "k=" / "x \in", thousands separators,
/// trailing ".0"; rewrites \dfrac/\tfrac to \frac and brace-less arguments (\frac12,
/// \frac 34, \sqrt2) to braced ones; removes all whitespace. Never throws.
std::string normalizeAnswer(const std::string& answer);

/// True when `predicted` and `gold` denote the same answer: equal after normalizeAnswer();
/// or both parse as numbers / arithmetic expressions with equal value (relative tolerance
/// 1e-9; whole integers digit by digit; expressions with letters compared under three
/// variable assignments); or both are
/// tuples/intervals (same brackets, elements compared in order), matrices (same shape,
/// cells compared), unions (\cup parts in order), or comma lists / \{sets\} (elements
/// matched in any order). A base subscript (204_5) may be omitted on one side. An empty
/// answer is never equivalent to anything. Never throws.
bool answersEquivalent(const std::string& predicted, const std::string& gold);

}  // namespace srs::core
