#include "core/pipeline/rollout_record.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <utility>

#include "core/error.h"
#include "core/io/jsonl.h"

namespace srs::core {
namespace {

using json = nlohmann::json;

std::uint64_t splitmix64(std::uint64_t x) {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

std::uint64_t fnv1a64(const std::string& text) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (unsigned char c : text) {
        h ^= c;
        h *= 0x100000001b3ULL;
    }
    return h;
}

[[noreturn]] void missing(const std::string& where, const std::string& key, const std::string& expected) {
    throw FormatError(fmt::format("{}missing field '{}' (expected {})", where, key, expected));
}

[[noreturn]] void mistyped(const std::string& where, const std::string& key, const std::string& expected,
                           const json& found) {
    throw FormatError(fmt::format("{}field '{}': expected {}, found {}", where, key, expected, found.type_name()));
}

/// A string field; numbers are accepted and printed (ids exported as integers).
std::string textField(const json& o, const char* key, const std::string& where, bool required,
                      const std::string& what) {
    auto it = o.find(key);
    if (it == o.end() || it->is_null()) {
        if (required) missing(where, key, what);
        return {};
    }
    if (it->is_string()) return it->get<std::string>();
    if (it->is_number_integer()) return std::to_string(it->get<long long>());
    if (it->is_number()) return it->dump();
    mistyped(where, key, "a string", *it);
}

std::vector<int> idsField(const json& o, const char* key, const std::string& where) {
    auto it = o.find(key);
    if (it == o.end() || it->is_null()) return {};
    if (!it->is_array()) mistyped(where, key, "an array of token ids", *it);
    std::vector<int> ids;
    ids.reserve(it->size());
    for (std::size_t i = 0; i < it->size(); ++i) {
        const json& v = (*it)[i];
        if (!v.is_number_integer() || v.get<long long>() < 0 || v.get<long long>() > 0x7fffffffLL)
            throw FormatError(fmt::format("{}field '{}[{}]': expected a token id (integer >= 0), found {}", where,
                                          key, i, v.dump()));
        ids.push_back(v.get<int>());
    }
    return ids;
}

}  // namespace

std::uint64_t rolloutSeed(std::uint64_t seed, const std::string& questionId, int sampleIndex) {
    std::uint64_t h = splitmix64(seed);
    h = splitmix64(h ^ fnv1a64(questionId));
    return splitmix64(h ^ static_cast<std::uint64_t>(static_cast<std::uint32_t>(sampleIndex)));
}

std::string fileContentFingerprint(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw FormatError(fmt::format("{}: cannot open for reading", path.string()));
    std::uint64_t h = 0xcbf29ce484222325ULL;
    std::vector<char> buf(1 << 16);
    while (in) {
        in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
        const auto n = static_cast<std::size_t>(in.gcount());
        for (std::size_t i = 0; i < n; ++i) {
            h ^= static_cast<unsigned char>(buf[i]);
            h *= 0x100000001b3ULL;
        }
    }
    if (in.bad()) throw FormatError(fmt::format("{}: read error", path.string()));
    return fmt::format("{:016x}", h);
}

json rolloutToJson(const RolloutLine& r) {
    json o = json::object();
    o["question_id"] = r.questionId;
    o["sample_index"] = r.sampleIndex;
    o["task"] = r.task;
    o["grading"] = r.grading;
    o["prompt"] = r.prompt;
    o["prompt_ids"] = r.promptIds;
    o["response"] = r.response;
    o["response_ids"] = r.responseIds;
    o["extracted"] = r.extracted;
    o["gold"] = r.gold;
    o["reward"] = r.reward;
    o["finish_reason"] = r.finishReason;
    o["model_fingerprint"] = r.modelFingerprint;
    o["tokenizer_fingerprint"] = r.tokenizerFingerprint;
    o["template"] = r.templateName;
    o["rollout_seed"] = r.rolloutSeed;
    o["settings"] = r.settings;
    return o;
}

RolloutLine rolloutFromJson(const json& o, const std::string& where) {
    RolloutLine r;
    r.questionId = textField(o, "question_id", where, true, "the question id, a string");
    if (r.questionId.empty()) throw FormatError(where + "field 'question_id' is empty (expected a question id)");
    if (auto it = o.find("sample_index"); it != o.end() && !it->is_null()) {
        if (!it->is_number_integer() || it->get<long long>() < 0 || it->get<long long>() > 0x7fffffffLL)
            mistyped(where, "sample_index", "an integer >= 0", *it);
        r.sampleIndex = it->get<int>();
    } else {
        r.sampleIndex = -1;  // numbered by readRolloutFile
    }
    r.task = textField(o, "task", where, false, "");
    r.grading = textField(o, "grading", where, false, "");
    r.prompt = textField(o, "prompt", where, true, "the prompt text after the template");
    r.response = textField(o, "response", where, true, "the response text");
    r.promptIds = idsField(o, "prompt_ids", where);
    r.responseIds = idsField(o, "response_ids", where);
    r.extracted = textField(o, "extracted", where, false, "");
    r.gold = textField(o, "gold", where, false, "");
    auto rw = o.find("reward");
    if (rw == o.end() || rw->is_null()) missing(where, "reward", "a number, 0 or 1");
    if (rw->is_boolean()) r.reward = rw->get<bool>() ? 1.0f : 0.0f;
    else if (rw->is_number()) r.reward = rw->get<float>();
    else mistyped(where, "reward", "a number, 0 or 1", *rw);
    r.finishReason = textField(o, "finish_reason", where, false, "");
    r.modelFingerprint = textField(o, "model_fingerprint", where, false, "");
    r.tokenizerFingerprint = textField(o, "tokenizer_fingerprint", where, false, "");
    r.templateName = textField(o, "template", where, false, "");
    if (auto it = o.find("rollout_seed"); it != o.end() && !it->is_null()) {
        if (!it->is_number_integer()) mistyped(where, "rollout_seed", "an unsigned integer", *it);
        r.rolloutSeed = it->get<std::uint64_t>();
    }
    if (auto it = o.find("settings"); it != o.end() && !it->is_null()) {
        if (!it->is_object()) mistyped(where, "settings", "an object", *it);
        r.settings = *it;
    }
    if (!r.promptIds.empty() || !r.responseIds.empty()) {
        if (r.tokenizerFingerprint.empty())
            throw FormatError(where + "field 'prompt_ids'/'response_ids' given without 'tokenizer_fingerprint' "
                                      "(expected both, or text only)");
    }
    return r;
}

std::vector<RolloutLine> readRolloutFile(const std::filesystem::path& path) {
    std::vector<RolloutLine> out;
    std::map<std::string, int> nextIndex;
    std::map<std::pair<std::string, int>, std::size_t> firstLine;
    JsonlReader reader(path);
    json record;
    while (reader.next(record)) {
        RolloutLine r = rolloutFromJson(record, reader.where());
        r.line = reader.lineNumber();
        if (r.sampleIndex < 0) r.sampleIndex = nextIndex[r.questionId];
        nextIndex[r.questionId] = std::max(nextIndex[r.questionId], r.sampleIndex + 1);
        auto key = std::make_pair(r.questionId, r.sampleIndex);
        auto [it, inserted] = firstLine.emplace(key, r.line);
        if (!inserted)
            throw FormatError(fmt::format("{}duplicate rollout (question_id '{}', sample_index {}) first seen on line {}",
                                          reader.where(), r.questionId, r.sampleIndex, it->second));
        out.push_back(std::move(r));
    }
    return out;
}

}  // namespace srs::core
