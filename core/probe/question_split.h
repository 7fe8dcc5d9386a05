#pragma once
/// Train/test split BY QUESTION: no question has rollouts on both sides.
#include <cstdint>
#include <string>
#include <vector>

#include "core/probe/probe_options.h"

namespace srs::core {

/// Splits rollouts by question id. Unique questions are sorted, shuffled with
/// Xoshiro256(seed) (Fisher-Yates), and the first round(testFraction * Q) (at least 1) are
/// held out. Throws InvalidArgument when testFraction is outside (0, 1) and Error("empty
/// split: ...") when either side would have no question (e.g. a single question), naming
/// `source` (the cache path) and the number of questions.
QuestionSplit splitByQuestion(const std::vector<std::string>& questionIds, double testFraction,
                              std::uint64_t seed, const std::string& source);

}  // namespace srs::core
