#pragma once
/// Binary reward for one response (METHOD.md: reward = 1 iff the final answer is correct).
#include <string>

#include "core/tasks/answer_equivalence.h"
#include "core/tasks/answer_extraction.h"

namespace srs::core {

struct GradeResult {
    std::string extracted;  ///< the final answer found in the response ("" = none)
    int reward = 0;         ///< 1 when `extracted` is equivalent to the gold answer, else 0
};

/// Grades `response` against `gold`. Gsm8k: a gold holding "####" is reduced to the text
/// after it. Math: answersEquivalent(). Choice: the gold may be "B", "(B)", "\text{(B)}"
/// or "b"; compared as uppercase letters. No answer found -> reward 0. Never throws.
GradeResult grade(const std::string& response, const std::string& gold, TaskKind kind);

}  // namespace srs::core
