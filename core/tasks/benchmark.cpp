#include "core/tasks/benchmark.h"

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/io/jsonl.h"
#include "core/tasks/latex_text.h"
#include "core/util/resource_paths.h"

namespace srs::core {
namespace {

using nlohmann::json;

std::string letterAt(std::size_t index) { return std::string(1, static_cast<char>('A' + index)); }

[[noreturn]] void missing(const std::string& where, const std::string& field, const std::string& expected) {
    throw FormatError(where + "missing field '" + field + "' (expected " + expected + ")");
}

const json& requireField(const json& record, const std::string& field, const std::string& where,
                         const std::string& expected) {
    auto it = record.find(field);
    if (it == record.end() || it->is_null()) missing(where, field, expected);
    return *it;
}

std::string asText(const json& value, const std::string& field, const std::string& where) {
    if (value.is_string()) return value.get<std::string>();
    if (value.is_number_integer()) return std::to_string(value.get<long long>());
    if (value.is_number()) return value.dump();
    throw FormatError(where + "field '" + field + "' is " + value.type_name() +
                      " (expected a string or a number)");
}

/// Option texts and their labels from any of the accepted choice layouts.
void readChoices(const json& value, const std::string& field, const std::string& where,
                 std::vector<std::string>& texts, std::vector<std::string>& labels) {
    if (value.is_object() && value.contains("text")) {
        const json& t = value["text"];
        if (!t.is_array()) throw FormatError(where + "field '" + field + ".text' is not a list");
        for (const auto& x : t) texts.push_back(asText(x, field + ".text", where));
        if (value.contains("label") && value["label"].is_array())
            for (const auto& x : value["label"]) labels.push_back(asText(x, field + ".label", where));
    } else if (value.is_array()) {
        for (const auto& x : value) {
            if (x.is_object()) {
                texts.push_back(asText(requireField(x, "text", where, "{text, label}"), field + ".text", where));
                if (x.contains("label")) labels.push_back(asText(x["label"], field + ".label", where));
            } else {
                texts.push_back(asText(x, field, where));
            }
        }
    } else {
        throw FormatError(where + "field '" + field + "' is " + value.type_name() +
                          " (expected a list of options or {text: [...], label: [...]})");
    }
    if (texts.empty()) throw FormatError(where + "field '" + field + "' lists no options");
    if (texts.size() > 10) throw FormatError(where + "field '" + field + "' lists " +
                                             std::to_string(texts.size()) + " options (at most 10, A-J)");
    if (!labels.empty() && labels.size() != texts.size())
        throw FormatError(where + "field '" + field + "': " + std::to_string(labels.size()) +
                          " labels for " + std::to_string(texts.size()) + " options");
}

std::string choiceGold(const json& value, const std::string& field, const std::string& where,
                       const std::vector<std::string>& labels, std::size_t count) {
    if (value.is_number_integer()) {
        long long idx = value.get<long long>();
        if (idx < 0 || static_cast<std::size_t>(idx) >= count)
            throw FormatError(where + "field '" + field + "' = " + std::to_string(idx) +
                              " (expected an option index 0.." + std::to_string(count - 1) + ")");
        return letterAt(static_cast<std::size_t>(idx));
    }
    std::string text = latex::trim(asText(value, field, where));
    for (std::size_t i = 0; i < labels.size(); ++i)
        if (labels[i] == text) return letterAt(i);
    if (text.size() == 1 && text[0] >= 'A' && static_cast<std::size_t>(text[0] - 'A') < count) return text;
    if (!text.empty() && text.find_first_not_of("0123456789") == std::string::npos && labels.empty()) {
        std::size_t idx = std::stoul(text);
        if (idx < count) return letterAt(idx);
    }
    throw FormatError(where + "field '" + field + "' = '" + text + "' (expected a letter A-" +
                      letterAt(count - 1) + ", a 0-based index, or one of the option labels)");
}

}  // namespace

FieldMapping presetMapping(const std::string& preset) {
    FieldMapping m;
    if (preset == "gsm8k") {
        m.goldStyle = GoldStyle::Gsm8k;
        m.kind = TaskKind::Gsm8k;
    } else if (preset == "math500") {
        m.question = "problem";
        m.id = "unique_id";
    } else if (preset == "minerva") {
        m.question = "problem";
        m.solution = "solution";
        m.id = "unique_id";
        m.goldStyle = GoldStyle::BoxedOrPlain;
    } else if (preset == "arc") {
        m.choices = "choices";
        m.answer = "answerKey";
        m.id = "id";
        m.goldStyle = GoldStyle::ChoiceLetter;
        m.kind = TaskKind::Choice;
    } else if (preset == "mmlu") {
        m.choices = "choices";
        m.id = "id";
        m.goldStyle = GoldStyle::ChoiceLetter;
        m.kind = TaskKind::Choice;
    } else {
        throw InvalidArgument("unknown benchmark preset '" + preset +
                              "' (expected gsm8k, math500, minerva, arc or mmlu)");
    }
    return m;
}

std::vector<TaskItem> loadBenchmarkFile(const std::filesystem::path& file, const FieldMapping& mapping,
                                        const std::string& name) {
    std::vector<TaskItem> items;
    JsonlReader reader(file);
    json record;
    while (reader.next(record)) {
        const std::string where = reader.where();
        TaskItem item;
        item.task = taskKindName(mapping.kind);

        const json& q = requireField(record, mapping.question, where, "the question text");
        if (q.is_object() && q.contains("stem")) {  // AI2 ARC: {"stem", "choices"}
            item.question = asText(q["stem"], mapping.question + ".stem", where);
        } else {
            item.question = asText(q, mapping.question, where);
        }

        std::vector<std::string> labels;
        if (!mapping.choices.empty()) {
            const json* choices = nullptr;
            if (record.contains(mapping.choices)) choices = &record[mapping.choices];
            else if (q.is_object() && q.contains(mapping.choices)) choices = &q[mapping.choices];
            if (!choices) missing(where, mapping.choices, "the answer options");
            readChoices(*choices, mapping.choices, where, item.choices, labels);
        }

        switch (mapping.goldStyle) {
            case GoldStyle::Plain:
                item.gold = asText(requireField(record, mapping.answer, where, "the gold answer"),
                                   mapping.answer, where);
                break;
            case GoldStyle::Gsm8k: {
                std::string solution = asText(
                    requireField(record, mapping.answer, where, "a solution ending in '#### <answer>'"),
                    mapping.answer, where);
                item.gold = extractGsm8kGold(solution);
                if (item.gold.empty())
                    throw FormatError(where + "field '" + mapping.answer +
                                      "' has no '#### <answer>' line (expected GSM8K format)");
                break;
            }
            case GoldStyle::BoxedOrPlain: {
                auto it = record.find(mapping.answer);
                if (it != record.end() && !it->is_null()) {
                    item.gold = asText(*it, mapping.answer, where);
                } else {
                    auto sol = record.find(mapping.solution);
                    if (sol == record.end() || sol->is_null())
                        missing(where, mapping.answer,
                                "the gold answer, or '" + mapping.solution + "' with a \\boxed{} answer");
                    item.gold = extractBoxed(asText(*sol, mapping.solution, where));
                    if (item.gold.empty())
                        throw FormatError(where + "field '" + mapping.solution +
                                          "' has no \\boxed{...} answer (and no '" + mapping.answer + "')");
                }
                break;
            }
            case GoldStyle::ChoiceLetter:
                item.gold = choiceGold(requireField(record, mapping.answer, where, "the correct option"),
                                       mapping.answer, where, labels, item.choices.size());
                break;
        }

        auto idIt = mapping.id.empty() ? record.end() : record.find(mapping.id);
        if (idIt != record.end() && !idIt->is_null()) item.id = asText(*idIt, mapping.id, where);
        else item.id = name + "/" + std::to_string(reader.lineNumber());
        items.push_back(std::move(item));
    }
    return items;
}

std::vector<std::string> builtinBenchmarkNames() { return {"gsm8k", "math500"}; }

std::vector<TaskItem> loadBuiltinBenchmark(const std::string& name) {
    if (name == "gsm8k")
        return loadBenchmarkFile(resourcePath("data/gsm8k_test.jsonl"), presetMapping("gsm8k"), "gsm8k");
    if (name == "math500")
        return loadBenchmarkFile(resourcePath("data/math500_test.jsonl"), presetMapping("math500"), "math500");
    throw InvalidArgument("unknown benchmark '" + name + "' (expected gsm8k or math500)");
}

}  // namespace srs::core
