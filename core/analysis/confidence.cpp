// Torch-free half of the confidence analysis: verbal parsing, templates, statistics, JSON/CSV.
// The model-based signals and the orchestration are in confidence_run.cpp.
#include "core/analysis/confidence.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cctype>
#include <cmath>
#include <map>

#include "core/error.h"
#include "core/probe/value_probes.h"
#include "core/tokenizer/prompt_template.h"
#include "core/version.h"

namespace srs::core {
namespace {

constexpr const char* kQuestion = "{question}";
constexpr const char* kVerbalAsk =
    "Do not solve this problem. How likely is it that you would answer it correctly? Reply with a single "
    "number between 0 and 1.";

const std::map<std::string, std::string>& verbalTemplates() {
    static const std::map<std::string, std::string> table{
        {"plain", std::string("{question}\n\n") + kVerbalAsk + "\nConfidence: "},
        {"qa", "Q: {question} How likely are you to answer this correctly, from 0 to 1? A: "},
        {"chat", std::string("<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\n"
                             "{question}\n\n") +
                     kVerbalAsk + "<|im_end|>\n<|im_start|>assistant\n"},
    };
    return table;
}

bool isDigit(char c) { return c >= '0' && c <= '9'; }

std::size_t countOccurrences(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto p = text.find(what); p != std::string::npos; p = text.find(what, p + what.size())) ++n;
    return n;
}

nlohmann::json num(double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr); }

std::string csvNum(double v) { return std::isfinite(v) ? fmt::format("{:.17g}", v) : std::string(); }

std::string csvText(const std::string& s) {
    if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

nlohmann::json correlationJson(const CorrelationResult& c) {
    nlohmann::json j{{"defined", c.defined}, {"rho", num(c.r)}, {"p_value", num(c.pValue)}, {"n", c.n}};
    if (!c.reason.empty()) j["reason"] = c.reason;
    return j;
}

std::string signalDescription(const std::string& name) {
    if (name == "value_s0") return "value probe of the layer applied to the cached s_0 row, mean over samples";
    if (name == "verbalized") return "number in [0, 1] the model gives when asked, greedily, without solving";
    if (name == "token_prob") return "mean next-token probability of the response tokens (teacher-forced), mean over samples";
    if (name == "question_length") return "prompt length in tokens (raw correlation; negative = longer is harder)";
    return "";
}

}  // namespace

VerbalParse parseVerbalConfidence(std::string_view text) {
    VerbalParse out;
    std::size_t i = 0;
    const std::size_t n = text.size();
    while (i < n && !(isDigit(text[i]) || (text[i] == '.' && i + 1 < n && isDigit(text[i + 1])))) ++i;
    if (i == n) return out;
    const bool negative = i > 0 && text[i - 1] == '-';
    const std::size_t start = i;
    while (i < n && isDigit(text[i])) ++i;
    if (i + 1 < n && text[i] == '.' && isDigit(text[i + 1])) {
        ++i;
        while (i < n && isDigit(text[i])) ++i;
    }
    const std::string number(text.substr(start, i - start));
    double value = 0.0;
    // from_chars does not accept a leading '.', so parse "0" + ".5".
    const std::string forParse = number.front() == '.' ? "0" + number : number;
    std::from_chars(forParse.data(), forParse.data() + forParse.size(), value);
    std::size_t end = i;
    std::size_t j = i;
    if (j < n && text[j] == ' ') ++j;
    bool percent = false;
    if (j < n && text[j] == '%') {
        percent = true;
        end = j + 1;
    } else if (j + 7 <= n) {
        std::string word(text.substr(j, 7));
        for (auto& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (word == "percent") {
            percent = true;
            end = j + 7;
        }
    }
    if (percent) value /= 100.0;
    if (negative) value = -value;
    out.matched = std::string(text.substr(negative ? start - 1 : start, end - (negative ? start - 1 : start)));
    // Part of an expression ("0+0=", "1*8") or a zero-padded operand ("01", "007"): arithmetic,
    // not a stated confidence.
    const bool operatorNext = !percent && i < n && std::string_view("+-*/=<>^").find(text[i]) != std::string_view::npos;
    const bool zeroPadded = number.size() > 1 && number[0] == '0' && isDigit(number[1]);
    if (operatorNext || zeroPadded) return out;
    if (value >= 0.0 && value <= 1.0) {
        out.parsed = true;
        out.value = value;
    }
    return out;
}

std::vector<std::string> verbalTemplateNames() {
    std::vector<std::string> names;
    for (const auto& [k, v] : verbalTemplates()) names.push_back(k);
    return names;
}

std::string resolveVerbalTemplate(const std::string& nameOrText, const std::string& rolloutTemplate) {
    if (nameOrText == "auto") return verbalTemplates().at(rolloutTemplate == "qwen-boxed" ? "chat" : "plain");
    const auto it = verbalTemplates().find(nameOrText);
    if (it != verbalTemplates().end()) return it->second;
    if (nameOrText.find(kQuestion) != std::string::npos) return nameOrText;
    std::string names = "auto";
    for (const auto& n : verbalTemplateNames()) names += ", " + n;
    throw InvalidArgument(fmt::format("--verbal-template '{}': expected one of {} or a text containing {{question}}",
                                      nameOrText, names));
}

ExtractedQuestion questionFromPrompt(const std::string& prompt, const std::string& templateNameOrText) {
    std::string templ;
    const auto names = promptTemplateNames();
    if (std::find(names.begin(), names.end(), templateNameOrText) != names.end())
        templ = promptTemplateText(templateNameOrText);
    else if (templateNameOrText.find(kQuestion) != std::string::npos)
        templ = templateNameOrText;
    if (templ.empty() || countOccurrences(templ, kQuestion) != 1) return {prompt, false};
    const auto at = templ.find(kQuestion);
    const std::string prefix = templ.substr(0, at), suffix = templ.substr(at + std::string(kQuestion).size());
    if (prompt.size() < prefix.size() + suffix.size() || prompt.compare(0, prefix.size(), prefix) != 0 ||
        prompt.compare(prompt.size() - suffix.size(), suffix.size(), suffix) != 0)
        return {prompt, false};
    return {prompt.substr(prefix.size(), prompt.size() - prefix.size() - suffix.size()), true};
}

void ConfidenceStatsOptions::validate() const {
    if (bins < 1) throw InvalidArgument("--bins must be >= 1");
    if (bootstrap < 2) throw InvalidArgument(fmt::format("--bootstrap must be >= 2, got {}", bootstrap));
    if (!(level > 0.0 && level < 1.0)) throw InvalidArgument(fmt::format("CI level must be in (0, 1), got {}", level));
}

SignalStats computeSignalStats(const SignalInput& input, const std::vector<std::string>& questionIds,
                               const std::vector<std::vector<float>>& rewards, const ConfidenceStatsOptions& options,
                               const JobContext* job) {
    options.validate();
    const std::size_t q = questionIds.size();
    if (input.values.size() != q || rewards.size() != q)
        throw InvalidArgument(fmt::format("signal '{}': {} values and {} reward lists for {} questions", input.name,
                                          input.values.size(), rewards.size(), q));
    SignalStats s;
    s.name = input.name;
    s.probability = input.probability;
    std::vector<double> used, meanReward;
    std::vector<std::size_t> usedIdx;
    for (std::size_t i = 0; i < q; ++i) {
        if (rewards[i].empty())
            throw InvalidArgument(fmt::format("question '{}' has no samples", questionIds[i]));
        for (float r : rewards[i])
            if (!(r >= 0.0f && r <= 1.0f))
                throw InvalidArgument(fmt::format("question '{}': reward {} outside [0, 1]", questionIds[i], r));
        const double v = input.values[i];
        if (std::isnan(v)) {
            ++s.missing;
            continue;
        }
        if (!std::isfinite(v))
            throw InvalidArgument(fmt::format("signal '{}': value of question '{}' is infinite", input.name, questionIds[i]));
        if (input.probability && (v < 0.0 || v > 1.0))
            throw InvalidArgument(fmt::format("signal '{}': value {} of question '{}' is outside [0, 1]", input.name, v,
                                              questionIds[i]));
        double sum = 0.0;
        for (float r : rewards[i]) sum += r;
        used.push_back(v);
        meanReward.push_back(sum / static_cast<double>(rewards[i].size()));
        usedIdx.push_back(i);
    }
    s.questions = used.size();
    s.spearman = spearman(used, meanReward);

    std::vector<double> scores;
    std::vector<std::string> clusters;
    double lo = 0.0, hi = 0.0;
    if (!used.empty()) {
        lo = *std::min_element(used.begin(), used.end());
        hi = *std::max_element(used.begin(), used.end());
    }
    for (std::size_t k = 0; k < used.size(); ++k) {
        const std::size_t i = usedIdx[k];
        for (float r : rewards[i]) {
            scores.push_back(used[k]);
            s.correct.push_back(r > 0.5f ? 1 : 0);
            clusters.push_back(questionIds[i]);
            s.score.push_back(input.probability ? used[k] : (hi > lo ? (used[k] - lo) / (hi - lo) : 0.5));
        }
    }
    s.rollouts = scores.size();
    s.auroc = auroc(scores, s.correct);
    std::vector<std::string> notes;
    if (scores.empty()) {
        s.aurocCi.level = options.level;
        s.aurocCi.resamples = options.bootstrap;
        s.aurocCi.reason = "no question has a value";
        notes.push_back(fmt::format("no question has a value ({} missing)", s.missing));
    } else {
        s.aurocCi = bootstrapAurocClustered(scores, s.correct, clusters,
                                            BootstrapOptions{options.bootstrap, options.seed, options.level}, job);
        if (!s.auroc.defined) notes.push_back(s.auroc.reason);
        if (!s.spearman.defined) notes.push_back("Spearman: " + s.spearman.reason);
        if (input.probability) {
            s.bins = reliabilityBins(scores, s.correct, options.bins, BinningMode::EqualWidth);
            s.ece = expectedCalibrationError(s.bins);
            s.brier = brierScore(scores, s.correct);
        }
    }
    for (const auto& n : notes) s.note += (s.note.empty() ? "" : "; ") + n;
    return s;
}

void ConfidenceOptions::validate() const {
    stats.validate();
    if (layer < 0) throw InvalidArgument(fmt::format("--layer must be >= 0, got {}", layer));
    if (batchSize < 1) throw InvalidArgument(fmt::format("--batch-size must be >= 1, got {}", batchSize));
    if (verbalMaxNewTokens < 1)
        throw InvalidArgument(fmt::format("--verbal-max-new-tokens must be >= 1, got {}", verbalMaxNewTokens));
    if (!skipVerbal) resolveVerbalTemplate(verbalTemplate, "");
}

nlohmann::json confidenceJson(const ConfidenceResult& r) {
    const auto& o = r.options;
    nlohmann::json signals = nlohmann::json::array();
    for (const auto& s : r.signalStats) {
        nlohmann::json bins = nlohmann::json::array();
        for (const auto& b : s.bins)
            bins.push_back({{"lower", b.lower},
                            {"upper", b.upper},
                            {"count", b.count},
                            {"mean_predicted", num(b.meanPredicted)},
                            {"observed_rate", num(b.observedRate)}});
        nlohmann::json a = bootstrapJson(s.aurocCi);
        a["auroc"] = num(s.auroc.value);  // the full-data AUROC (also when the CI is undefined)
        a["positives"] = s.auroc.positives;
        a["negatives"] = s.auroc.negatives;
        if (!s.auroc.defined && !s.auroc.reason.empty()) a["reason"] = s.auroc.reason;
        signals.push_back({{"name", s.name},
                           {"description", signalDescription(s.name)},
                           {"probability", s.probability},
                           {"questions", s.questions},
                           {"missing", s.missing},
                           {"rollouts", s.rollouts},
                           {"spearman", correlationJson(s.spearman)},
                           {"auroc", a},
                           {"ece", num(s.ece)},
                           {"brier", num(s.brier)},
                           {"bins", s.probability ? bins : nlohmann::json(nullptr)},
                           {"note", s.note}});
    }
    nlohmann::json questions = nlohmann::json::array();
    for (const auto& q : r.questions)
        questions.push_back({{"question_id", q.questionId},
                             {"samples", q.rollouts.size()},
                             {"rollouts", q.rollouts},
                             {"rewards", q.rewards},
                             {"mean_reward", q.meanReward},
                             {"value_s0", num(q.valueS0)},
                             {"verbalized", num(q.verbalized)},
                             {"verbal_response", q.verbalResponse},
                             {"token_prob", num(q.tokenProb)},
                             {"question_length", q.lengthTokens},
                             {"question_from_template", q.questionFromTemplate}});
    const double parseRate = r.verbalAttempted ? static_cast<double>(r.verbalParsed) / r.verbalAttempted : NAN;
    return {{"format", "srs-confidence"},
            {"format_version", kConfidenceFormatVersion},
            {"provenance",
             {{"software_version", versionString()},
              {"model_dir", o.modelDir.string()},
              {"model_fingerprint", r.modelFingerprint},
              {"rollouts", o.rolloutsPath.string()},
              {"cache", r.cachePath},
              {"probes", o.probesPath.string()},
              {"layer", o.layer},
              {"hook", r.hook},
              {"probe_method", r.probeMethod},
              {"compute_dtype", computeDtypeName(o.runtime.dtype)},
              {"device", o.runtime.device},
              {"seconds", r.seconds}}},
            {"questions_used",
             {{"set", "test"},
              {"note", "held-out (test) questions of the probes file's split only, for every signal: the probe "
                       "was trained on the train questions, so V(s_0) there would be in-sample"},
              {"split_seed", r.splitSeed},
              {"test_fraction", r.testFraction},
              {"train_questions", r.trainQuestions},
              {"test_questions", r.questions.size()}}},
            {"correctness",
             {{"spearman", "per question: signal vs the question's mean reward over its samples"},
              {"auroc", "per rollout: label reward > 0.5, score = its question's signal value; CI: percentile "
                        "bootstrap resampling questions (clustered)"},
              {"reliability", "per rollout, equal-width bins over [0, 1]; probability signals only"}}},
            {"options",
             {{"bins", o.stats.bins},
              {"bootstrap", o.stats.bootstrap},
              {"seed", o.stats.seed},
              {"level", o.stats.level},
              {"batch_size", o.batchSize}}},
            {"verbal",
             {{"skipped", o.skipVerbal},
              {"template", r.verbalTemplateText},
              {"rollout_template", r.rolloutTemplate},
              {"decoding", "greedy"},
              {"max_new_tokens", o.verbalMaxNewTokens},
              {"attempted", r.verbalAttempted},
              {"parsed", r.verbalParsed},
              {"unparsable", r.verbalAttempted - r.verbalParsed},
              {"parse_rate", num(parseRate)},
              {"questions_from_template", r.questionsFromTemplate},
              {"rule", "first number in the answer; '%' or 'percent' divides by 100; not directly followed by "
                       "+ - * / = < > ^ and not zero-padded (arithmetic); parsed iff in [0, 1]; unparsable answers "
                       "are excluded from this signal, never set to a default"}}},
            {"value_s0_check", {{"max_abs_diff_vs_stored_test_v_s0", r.vS0MaxAbsDiffStored}}},
            {"signals", signals},
            {"questions", questions}};
}

std::string confidenceQuestionsCsv(const ConfidenceResult& r) {
    std::string out =
        "question_id,samples,mean_reward,value_s0,verbalized,token_prob,question_length,question_from_template,"
        "verbal_response\n";
    for (const auto& q : r.questions)
        out += fmt::format("{},{},{},{},{},{},{},{},{}\n", csvText(q.questionId), q.rollouts.size(),
                           csvNum(q.meanReward), csvNum(q.valueS0), csvNum(q.verbalized), csvNum(q.tokenProb),
                           csvNum(q.lengthTokens), q.questionFromTemplate ? 1 : 0, csvText(q.verbalResponse));
    return out;
}

std::string confidenceStatsCsv(const ConfidenceResult& r) {
    std::string out = "signal,questions,missing,rollouts,spearman,spearman_p,auroc,ci_low,ci_high,ece,brier,note\n";
    for (const auto& s : r.signalStats)
        out += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{}\n", s.name, s.questions, s.missing, s.rollouts,
                           csvNum(s.spearman.r), csvNum(s.spearman.pValue), csvNum(s.auroc.value),
                           csvNum(s.aurocCi.lower), csvNum(s.aurocCi.upper), csvNum(s.ece), csvNum(s.brier),
                           csvText(s.note));
    return out;
}

}  // namespace srs::core
