#pragma once
/// One graded rollout (prompt + sampled response) as a JSONL line: the schema shared by
/// `srs rollout` (writes it), `srs capture` (reads it) and rollouts made elsewhere (vLLM,
/// HF) that are imported unchanged. Schema: docs/ROLLOUTS.md. Torch-free.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace srs::core {

struct RolloutLine {
    std::string questionId;          ///< "question_id" (required)
    int sampleIndex = 0;             ///< "sample_index"; imported files may omit it (see readRolloutFile)
    std::string task;                ///< "task": benchmark name, e.g. "gsm8k"
    std::string grading;             ///< "grading": "gsm8k" | "math" | "choice"
    std::string prompt;              ///< "prompt": full prompt text after the template (required)
    std::vector<int> promptIds;      ///< "prompt_ids" (optional)
    std::string response;            ///< "response": generated text, stop token excluded (required)
    std::vector<int> responseIds;    ///< "response_ids" (optional)
    std::string extracted;           ///< "extracted": final answer found ("" = none)
    std::string gold;                ///< "gold"
    float reward = 0.0f;             ///< "reward" (required): 0 or 1
    std::string finishReason;        ///< "finish_reason": "stop" | "length" | ""
    std::string modelFingerprint;    ///< "model_fingerprint" ("" = unknown: imported text)
    std::string tokenizerFingerprint;///< "tokenizer_fingerprint" ("" = unknown)
    std::string templateName;        ///< "template"
    std::uint64_t rolloutSeed = 0;   ///< "rollout_seed": the sampling stream of this rollout
    nlohmann::json settings = nlohmann::json::object();  ///< "settings": generation settings
    std::size_t line = 0;            ///< 1-based line in the file it was read from (not serialised)
};

/// The JSON object of one line (keys as in docs/ROLLOUTS.md).
nlohmann::json rolloutToJson(const RolloutLine& rollout);

/// Parses one line's object. Throws srs::FormatError "`where`missing field 'x' (expected
/// ...)" or "`where`field 'x': expected <type>, found <type>"; `where` is "FILE:LINE: ".
RolloutLine rolloutFromJson(const nlohmann::json& object, const std::string& where);

/// Every rollout of a JSONL file, in file order, with `line` set. A missing sample_index is
/// numbered per question in order of appearance. Throws FormatError naming the file and the
/// line for malformed JSON, missing or mistyped fields and a duplicate (question_id,
/// sample_index); an empty file gives an empty list.
std::vector<RolloutLine> readRolloutFile(const std::filesystem::path& path);

/// The sampling seed of one rollout: depends only on (seed, questionId, sampleIndex), never
/// on batch composition or resume point. splitmix64 over FNV-1a-64(questionId) (see
/// docs/ROLLOUTS.md for the exact formula, so other tools can reproduce it).
std::uint64_t rolloutSeed(std::uint64_t seed, const std::string& questionId, int sampleIndex);

/// FNV-1a-64 of a file's bytes as 16 hex digits (identifies a data or rollout file's
/// content in settings). Throws FormatError naming the file when it cannot be read.
std::string fileContentFingerprint(const std::filesystem::path& path);

}  // namespace srs::core
