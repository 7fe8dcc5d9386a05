#pragma once
/// Pulling the final answer out of a model response (METHOD.md, "Extraction").
#include <string>

namespace srs::core {

/// How a task's answers are extracted and compared.
enum class TaskKind {
    Gsm8k,   ///< gold after "####"; response: "####", else \boxed{}, else last number
    Math,    ///< response: last \boxed{} / \fbox{}, else last number
    Choice,  ///< multiple choice: the chosen letter A-J
};

/// "gsm8k" | "math" | "choice" -> TaskKind; throws srs::InvalidArgument naming the value
/// and the accepted names.
TaskKind parseTaskKind(const std::string& name);
std::string taskKindName(TaskKind kind);

/// Contents of the last complete \boxed{...} or \fbox{...} (balanced braces; the
/// brace-less form "\boxed 5" reads up to the next space or '$'). Empty when none.
std::string extractBoxed(const std::string& response);

/// The last number in the text: integers, decimals (.5), thousands separators (1,000),
/// simple fractions (3/4), a leading minus when it is a sign and not a subtraction.
/// Empty when none.
std::string extractLastNumber(const std::string& text);

/// GSM8K reference: text after the last "####" on that line, commas and a trailing '.'
/// removed. Empty when there is no "####".
std::string extractGsm8kGold(const std::string& solution);

/// The chosen letter (A-J) of a multiple-choice response: from \boxed{B} / \boxed{(B)},
/// else the last "answer is (B)" / "Answer: B", else the last line opening with "B." /
/// "(B)" / "B)", else the last "(B)" anywhere, else a response that is a lone letter.
/// Empty when none.
std::string extractChoiceLetter(const std::string& response);

/// The final answer of `response` for `kind` (see the functions above); empty when the
/// response holds none. Never throws.
std::string extractAnswer(const std::string& response, TaskKind kind);

}  // namespace srs::core
