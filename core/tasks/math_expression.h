#pragma once
/// A tiny evaluator for the arithmetic found in final answers, so that "\frac{1}{2}",
/// "0.5", "1/2" and "\dfrac12" compare as the same number, "2\sqrt{5}" equals "\sqrt{20}",
/// and "2k+2" equals "2(k+1)".
#include <string>

namespace srs::core {

/// Result of evaluating one expression.
struct ExpressionValue {
    bool ok = false;              ///< false: not an arithmetic expression (text, \pm, =, ...)
    double value = 0.0;           ///< may be +-inf (\infty)
    bool hasVariables = false;    ///< single-letter variables were used
};

/// Evaluates `expr`, already normalised by normalizeAnswer() (no spaces, \frac{a}{b},
/// \sqrt{a}). Grammar: numbers (1.5, .5, 1.5e3), + - * / ^, \cdot, \times, \div,
/// (), {}, \frac, \sqrt, \sqrt[n], \pi, \infty, implicit multiplication (2\pi, 3x,
/// (a+5)(b+2)) and single-letter variables. A run of 3+ letters is a word, not a product
/// of variables, and makes the result !ok. Variable values come from assignment `variant`
/// (0, 1, 2: fixed pseudo-random values per letter) so that two expressions that agree
/// under several assignments are taken as equal. Never throws.
ExpressionValue evaluateExpression(const std::string& expr, int variant = 0);

}  // namespace srs::core
