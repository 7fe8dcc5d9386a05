#pragma once
/// Benchmark questions with their gold answers: the shipped GSM8K test (1,319) and
/// MATH500 (500) sets, and any JSONL file through a field mapping or a preset.
#include <filesystem>
#include <string>
#include <vector>

#include "core/tasks/answer_extraction.h"

namespace srs::core {

/// One benchmark question.
struct TaskItem {
    std::string id;                    ///< unique within the benchmark
    std::string question;              ///< the problem text given to the model
    std::string gold;                  ///< reference final answer (a letter for multiple choice)
    std::vector<std::string> choices;  ///< option texts in letter order (A, B, ...); empty otherwise
    std::string task;                  ///< grading kind: "gsm8k" | "math" | "choice" (parseTaskKind)
};

/// How the gold answer is read from a JSONL record.
enum class GoldStyle {
    Plain,         ///< the answer field as is (numbers are printed as text)
    Gsm8k,         ///< text after "####", commas removed
    BoxedOrPlain,  ///< minerva: the answer field when present, else the last \boxed{} of `solution`
    ChoiceLetter,  ///< a letter, a 0-based index, or a label listed in `choices`
};

/// Which JSON fields hold what. Field names are top-level keys; `question` may also be an
/// object {"stem": ...} (AI2 ARC JSONL), `choices` a list of strings, a list of
/// {"text","label"} objects, or {"text": [...], "label": [...]} (ARC on Hugging Face).
struct FieldMapping {
    std::string question = "question";
    std::string answer = "answer";
    std::string choices;         ///< empty: not multiple choice
    std::string id;              ///< empty or absent in a record: "<name>/<line>"
    std::string solution;        ///< BoxedOrPlain: field holding a worked solution
    GoldStyle goldStyle = GoldStyle::Plain;
    TaskKind kind = TaskKind::Math;
};

/// Presets: "gsm8k", "math500", "minerva", "arc", "mmlu". Throws srs::InvalidArgument
/// naming the preset and the accepted names.
FieldMapping presetMapping(const std::string& preset);

/// Reads `file` (JSONL) with `mapping`. `name` prefixes generated ids. Throws
/// srs::FormatError "FILE:LINE: missing field 'x' (expected ...)" for a record lacking a
/// field, or naming the line of malformed JSON; an empty file gives an empty list.
std::vector<TaskItem> loadBenchmarkFile(const std::filesystem::path& file, const FieldMapping& mapping,
                                        const std::string& name = "custom");

/// Shipped benchmarks by name: "gsm8k" (resources/data/gsm8k_test.jsonl) and "math500"
/// (resources/data/math500_test.jsonl). Throws srs::InvalidArgument for another name and
/// srs::FormatError when the resources are missing.
std::vector<TaskItem> loadBuiltinBenchmark(const std::string& name);

/// Names accepted by loadBuiltinBenchmark().
std::vector<std::string> builtinBenchmarkNames();

}  // namespace srs::core
