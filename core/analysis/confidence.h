#pragma once
/// Confidence signals against correctness (METHOD.md, Pipeline step 9): per held-out
/// question, how well four signals predict whether the model answers correctly:
///   value_s0         the value probe of one layer applied to the cached s_0 row (mean over
///                    the question's samples);
///   verbalized       the model asked, greedily and without solving, for a number in [0, 1];
///   token_prob       mean next-token probability of the response tokens (teacher-forced),
///                    averaged over the question's samples;
///   question_length  prompt length in tokens (a raw, possibly negative, correlation).
///
/// Correctness, used the same way for every signal:
///   - Spearman: per QUESTION, the signal against the question's mean reward over its samples;
///   - AUROC and reliability bins: per ROLLOUT, the label reward > 0.5 against the value of its
///     question's signal (every sample of a question carries the same score); the AUROC's
///     bootstrap CI resamples whole questions (clustered).
/// Only the held-out (test) questions of the probes file's split are used, for every signal,
/// so that V(s_0) is out of sample and the four signals are compared on the same questions.
///
/// The result maps 1:1 onto widgets::ConfidenceData (one ConfidenceSignal per SignalStats:
/// name, score, correct, bins -> reliability, spearman.r/pValue, auroc, CI, ece).
/// Torch-free header.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/jobs/job.h"
#include "core/model/runtime.h"
#include "core/stats/auroc.h"
#include "core/stats/bootstrap.h"
#include "core/stats/calibration.h"
#include "core/stats/correlation.h"

namespace srs::core {

class Transformer;

inline constexpr int kConfidenceFormatVersion = 1;

// ---------------------------------------------------------------- verbalized confidence

/// One parsed verbal answer. parsed == false (value NaN) when the FIRST number in the text is
/// not a probability: never replaced by a default such as 0.5.
struct VerbalParse {
    bool parsed = false;
    double value = std::numeric_limits<double>::quiet_NaN();  ///< in [0, 1] when parsed
    std::string matched;  ///< the number as written ("70%", ".5"); empty when none was found
};

/// Parses a verbalized confidence. The first number in the text decides (later numbers are
/// never searched, so arithmetic such as "7*6=42" is not mistaken for a confidence):
/// a number is `digits[.digits]` or `.digits` (a '-' right before it makes it negative);
/// followed by '%' or " percent" (one optional space) it is a percentage and divided by 100.
/// Parsed when the resulting value lies in [0, 1]: "0.7", ".5", "I'd say 0.85.", "70%",
/// "1" -> 1. Unparsable: no number, "2", "-0.3", "150%", "3/4" (first number 3), and numbers
/// that are arithmetic rather than a stated confidence: directly followed by one of + - * / = < > ^
/// ("0+0=", "0.7-0.8") or zero-padded ("01", "007").
VerbalParse parseVerbalConfidence(std::string_view text);

/// Built-in verbalized-confidence templates (each contains {question}): "plain", "qa" (the
/// demo model's "Q: ... A: " format), "chat" (Qwen chat markup).
std::vector<std::string> verbalTemplateNames();
/// Template text of `nameOrText`: "auto" -> "chat" when the rollouts used the "qwen-boxed"
/// template, else "plain"; a built-in name -> its text; text containing {question} -> itself.
/// Throws InvalidArgument naming the valid names otherwise.
std::string resolveVerbalTemplate(const std::string& nameOrText, const std::string& rolloutTemplate);

/// The question inside a rollout prompt, by inverting the rollout's template (a built-in
/// prompt-template name or a text with exactly one {question}): prefix and suffix are
/// stripped when the prompt has both. Otherwise (unknown template, or the prompt does not
/// match it) the whole prompt is returned and fromTemplate is false.
struct ExtractedQuestion {
    std::string text;
    bool fromTemplate = false;
};
ExtractedQuestion questionFromPrompt(const std::string& prompt, const std::string& templateNameOrText);

// ---------------------------------------------------------------- statistics of one signal

struct ConfidenceStatsOptions {
    std::size_t bins = 10;         ///< equal-width reliability bins over [0, 1] (>= 1)
    std::size_t bootstrap = 1000;  ///< clustered bootstrap resamples for the AUROC CI (>= 2)
    std::uint64_t seed = 0;        ///< bootstrap seed
    double level = 0.95;           ///< CI coverage
    /// Throws InvalidArgument naming the option.
    void validate() const;
};

/// One signal's per-question values. NaN = no value for that question (e.g. an unparsable
/// verbal answer); such questions are excluded from this signal's statistics and counted.
struct SignalInput {
    std::string name;
    bool probability = false;  ///< values are probabilities in [0, 1]: reliability bins + ECE
    std::vector<double> values;  ///< [questions]
};

/// Statistics of one signal against correctness (definitions in the header comment).
struct SignalStats {
    std::string name;
    bool probability = false;
    std::size_t questions = 0;  ///< questions with a value
    std::size_t missing = 0;    ///< questions without one (excluded)
    std::size_t rollouts = 0;   ///< rollouts of the used questions (the AUROC's samples)
    CorrelationResult spearman; ///< per question: value vs mean reward
    AurocResult auroc;          ///< per rollout: question's value vs reward > 0.5
    BootstrapInterval aurocCi;  ///< clustered by question
    /// Reliability diagram (probability signals only; empty otherwise): per rollout, equal width.
    std::vector<ReliabilityBin> bins;
    double ece = std::numeric_limits<double>::quiet_NaN();    ///< NaN unless probability
    double brier = std::numeric_limits<double>::quiet_NaN();  ///< NaN unless probability
    /// [rollouts] for display (widgets::ConfidenceSignal): the question's value, min-max scaled
    /// over the used questions for non-probability signals (0.5 when all equal).
    std::vector<double> score;
    std::vector<int> correct;   ///< [rollouts] reward > 0.5
    std::string note;           ///< why something is undefined, empty otherwise
};

/// Computes SignalStats. `questionIds` [Q] and `rewards` [Q][samples of that question] give
/// correctness; `input.values` must have Q entries. Undefined statistics (too few questions,
/// all rewards equal, constant signal) are reported through defined/reason, not thrown.
/// Throws InvalidArgument for mismatched sizes, a question with no samples, a reward outside
/// [0, 1], or a probability signal value outside [0, 1]; Cancelled via `job`.
SignalStats computeSignalStats(const SignalInput& input, const std::vector<std::string>& questionIds,
                               const std::vector<std::vector<float>>& rewards, const ConfidenceStatsOptions& options,
                               const JobContext* job = nullptr);

// ---------------------------------------------------------------- model-based signals

/// Teacher-forced mean next-token probability of the response: for each sequence
/// `tokens[i]` (prompt ids then response ids) with prompt length `promptLens[i]` (>= 1),
/// mean over t in [promptLen, size) of softmax(logits[t-1])[tokens[t]], with the model in
/// float32 logits (log_softmax). NaN for an empty response. Sequences are run `batchSize`
/// at a time, right-padded (causal attention: pads never reach real tokens); memory is
/// batchSize x longest x vocab floats of logits. Progress phase "token-prob" in sequences;
/// throws Cancelled between batches, InvalidArgument for bad lengths or ids.
std::vector<double> meanResponseTokenProbability(Transformer& model, const std::vector<std::vector<int>>& tokens,
                                                 const std::vector<int>& promptLens, int batchSize,
                                                 const JobContext& job = {});

// ---------------------------------------------------------------- the whole analysis

struct ConfidenceOptions {
    std::filesystem::path modelDir;
    std::filesystem::path tokenizerPath;  ///< empty = <modelDir>/tokenizer.json
    std::filesystem::path rolloutsPath;   ///< the rollouts the cache was captured from
    std::filesystem::path cachePath;      ///< empty = the cache path stored in the probes file
    std::filesystem::path probesPath;
    int layer = -1;
    std::string verbalTemplate = "auto";  ///< see resolveVerbalTemplate
    int verbalMaxNewTokens = 16;
    bool skipVerbal = false;              ///< no verbalized signal (e.g. no tokenizer)
    int batchSize = 4;                    ///< rollouts per teacher-forced forward / prompts per generate call
    ConfidenceStatsOptions stats;
    RuntimeOptions runtime;
    /// Throws InvalidArgument naming the option.
    void validate() const;
};

/// One held-out question.
struct ConfidenceQuestion {
    std::string questionId;
    std::vector<std::int64_t> rollouts;  ///< cache rollout indices (= record order in the rollouts file)
    std::vector<float> rewards;          ///< [samples]
    double meanReward = 0.0;
    double valueS0 = std::numeric_limits<double>::quiet_NaN();
    double verbalized = std::numeric_limits<double>::quiet_NaN();  ///< NaN = unparsable or skipped
    double tokenProb = std::numeric_limits<double>::quiet_NaN();   ///< NaN = every response empty
    double lengthTokens = 0.0;           ///< prompt tokens (same for every sample)
    std::string verbalResponse;          ///< the generated text
    bool questionFromTemplate = false;   ///< question text recovered by inverting the template
};

struct ConfidenceResult {
    ConfidenceOptions options;
    std::string modelFingerprint;
    std::string cachePath;         ///< resolved
    std::string hook;              ///< the probe's hook
    std::string probeMethod;
    std::uint64_t splitSeed = 0;
    double testFraction = 0.0;
    std::size_t trainQuestions = 0;
    std::string rolloutTemplate;   ///< the rollouts' prompt template (common to all lines, else "mixed")
    std::string verbalTemplateText;
    std::size_t verbalAttempted = 0, verbalParsed = 0;
    std::size_t questionsFromTemplate = 0;
    double vS0MaxAbsDiffStored = 0.0;  ///< recomputed V(s_0) vs the probes file's test_v_s0
    std::vector<ConfidenceQuestion> questions;  ///< sorted by question id
    std::vector<SignalStats> signalStats;       ///< value_s0, verbalized, token_prob, question_length
    double seconds = 0.0;
};

/// Reads and cross-checks the inputs, computes the four signals on the held-out questions and
/// their statistics. Throws InvalidArgument for a layer without a probe (naming the layers
/// present); Error when the rollouts, cache or probes come from another model (naming both
/// fingerprints) or the probes' split names questions absent from the cache; FormatError when
/// the rollouts file does not match the cache record by record (naming file and line).
ConfidenceResult runConfidence(const ConfidenceOptions& options, const JobContext& job = {});

/// JSON document (docs/RESULTS_FORMAT.md, "srs confidence").
nlohmann::json confidenceJson(const ConfidenceResult& result);
/// Per-question CSV: question_id,samples,mean_reward,value_s0,verbalized,token_prob,
/// question_length,question_from_template,verbal_response (empty field = no value).
std::string confidenceQuestionsCsv(const ConfidenceResult& result);
/// Per-signal CSV: signal,questions,missing,rollouts,spearman,spearman_p,auroc,ci_low,ci_high,
/// ece,brier,note.
std::string confidenceStatsCsv(const ConfidenceResult& result);

}  // namespace srs::core
