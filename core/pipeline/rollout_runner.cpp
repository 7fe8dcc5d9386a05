#include "core/pipeline/rollout_runner.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <optional>
#include <set>
#include <utility>

#include "core/error.h"
#include "core/io/jsonl.h"
#include "core/model/checkpoint.h"
#include "core/model/transformer.h"
#include "core/pipeline/rollout_generation.h"
#include "core/pipeline/rollout_record.h"
#include "core/tasks/grading.h"
#include "core/tokenizer/prompt_template.h"
#include "core/tokenizer/tokenizer.h"

namespace srs::core {
namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

/// Appends whole lines with write(2) + fsync; a failure names the file.
class LineAppender {
public:
    explicit LineAppender(const fs::path& path) : m_path(path) {
        m_fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
        if (m_fd < 0)
            throw Error(fmt::format("cannot open '{}' for appending: {}", path.string(), std::strerror(errno)));
    }
    ~LineAppender() {
        if (m_fd >= 0) ::close(m_fd);
    }
    LineAppender(const LineAppender&) = delete;
    LineAppender& operator=(const LineAppender&) = delete;

    void appendAndSync(const std::string& text) {
        std::size_t done = 0;
        while (done < text.size()) {
            ssize_t n = ::write(m_fd, text.data() + done, text.size() - done);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0)
                throw Error(fmt::format("cannot write to '{}': {} (the file keeps whole lines only up to the last "
                                        "batch; rerun to resume)",
                                        m_path.string(), n < 0 ? std::strerror(errno) : "short write"));
            done += static_cast<std::size_t>(n);
        }
        if (::fsync(m_fd) != 0)
            throw Error(fmt::format("cannot fsync '{}': {}", m_path.string(), std::strerror(errno)));
    }

private:
    fs::path m_path;
    int m_fd = -1;
};

const char* kLetters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/// Names the first key whose value differs between two settings objects.
std::string firstDifference(const json& fileSettings, const json& ours) {
    std::set<std::string> keys;
    for (auto it = fileSettings.begin(); it != fileSettings.end(); ++it) keys.insert(it.key());
    for (auto it = ours.begin(); it != ours.end(); ++it) keys.insert(it.key());
    for (const auto& k : keys) {
        json a = fileSettings.contains(k) ? fileSettings[k] : json();
        json b = ours.contains(k) ? ours[k] : json();
        if (a != b) return fmt::format("settings.{}: file has {}, this run has {}", k, a.dump(), b.dump());
    }
    return {};
}

}  // namespace

std::vector<int> rolloutStopIds(const ModelConfig& config, const Tokenizer& tokenizer) {
    std::vector<int> ids = config.eosTokenIds;
    for (const char* name : {"<|im_end|>", "<|endoftext|>"})
        if (auto id = tokenizer.tokenToId(name)) ids.push_back(*id);
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    return ids;
}

std::string formatQuestion(const TaskItem& item) {
    if (item.choices.empty()) return item.question;
    std::string text = item.question + "\n";
    for (std::size_t i = 0; i < item.choices.size() && i < 26; ++i)
        text += fmt::format("\n({}) {}", kLetters[i], item.choices[i]);
    return text;
}

std::uint64_t dropPartialLastLine(const fs::path& path) {
    std::error_code ec;
    if (!fs::exists(path, ec)) return 0;
    const std::uint64_t size = fs::file_size(path, ec);
    if (ec || size == 0) return 0;
    std::ifstream in(path, std::ios::binary);
    if (!in) throw FormatError(fmt::format("cannot read '{}'", path.string()));
    // Scan backwards in blocks for the last '\n'.
    const std::uint64_t block = 1 << 16;
    std::uint64_t end = size;
    std::vector<char> buf;
    std::uint64_t keep = 0;
    bool found = false;
    while (end > 0 && !found) {
        const std::uint64_t start = end > block ? end - block : 0;
        buf.resize(static_cast<std::size_t>(end - start));
        in.seekg(static_cast<std::streamoff>(start));
        in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
        if (!in) throw FormatError(fmt::format("cannot read '{}'", path.string()));
        for (std::size_t i = buf.size(); i-- > 0;)
            if (buf[i] == '\n') {
                keep = start + i + 1;
                found = true;
                break;
            }
        end = start;
    }
    if (keep == size) return 0;
    fs::resize_file(path, keep, ec);
    if (ec) throw Error(fmt::format("cannot cut the partial last line of '{}': {}", path.string(), ec.message()));
    return size - keep;
}

RolloutSummary runRollouts(const RolloutConfig& cfg, const JobContext& job) {
    const auto started = std::chrono::steady_clock::now();
    if (cfg.samples < 1) throw InvalidArgument(fmt::format("--samples must be >= 1, got {}", cfg.samples));
    if (cfg.batchSize < 1) throw InvalidArgument(fmt::format("--batch-size must be >= 1, got {}", cfg.batchSize));
    if (cfg.maxNewTokens < 1)
        throw InvalidArgument(fmt::format("--max-new-tokens must be >= 1, got {}", cfg.maxNewTokens));
    if (cfg.temperature < 0) throw InvalidArgument(fmt::format("--temperature must be >= 0, got {}", cfg.temperature));
    if (!isValidPromptTemplate(cfg.templateName)) applyPromptTemplate(cfg.templateName, "");  // throws, listing names

    auto checkpoint = Checkpoint::open(cfg.modelDir);
    const fs::path tokPath = cfg.tokenizerPath.empty() ? cfg.modelDir / "tokenizer.json" : cfg.tokenizerPath;
    if (!fs::exists(tokPath))
        throw FormatError(fmt::format("{}: not found (rollouts need the model's tokenizer.json; pass --tokenizer)",
                                      tokPath.string()));
    const Tokenizer tokenizer = Tokenizer::fromFile(tokPath);
    const ModelConfig& mc = checkpoint->config();
    const std::string modelFp = checkpoint->fingerprint();
    const std::string tokFp = tokenizer.fingerprint();

    SamplingOptions so;
    so.greedy = cfg.temperature == 0.0;
    so.temperature = so.greedy ? 1.0 : cfg.temperature;
    so.topP = cfg.topP;
    so.topK = cfg.topK;
    so.maxNewTokens = cfg.maxNewTokens;
    so.stopIds = rolloutStopIds(mc, tokenizer);

    json settings = json::object();
    settings["task"] = cfg.taskName;
    settings["data"] = cfg.dataSource;
    settings["data_fingerprint"] = cfg.dataFingerprint;
    settings["template"] = cfg.templateName;
    settings["temperature"] = cfg.temperature;
    settings["top_p"] = cfg.topP;
    settings["top_k"] = cfg.topK;
    settings["seed"] = cfg.seed;
    settings["max_new_tokens"] = cfg.maxNewTokens;
    settings["stop_ids"] = so.stopIds;
    settings["compute_dtype"] = computeDtypeName(cfg.runtime.dtype);
    // Round-trip once so that comparisons with parsed lines see the same JSON values.
    settings = json::parse(settings.dump());

    // Prompts, checked against the vocabulary before any compute.
    struct Question {
        const TaskItem* item;
        std::string prompt;
        std::vector<int> ids;
    };
    std::vector<Question> questions;
    std::set<std::string> questionIds;
    for (const auto& item : cfg.items) {
        if (!questionIds.insert(item.id).second)
            throw FormatError(fmt::format("{}: duplicate question id '{}' (expected unique ids)", cfg.dataSource, item.id));
        Question q{&item, applyPromptTemplate(cfg.templateName, formatQuestion(item)), {}};
        q.ids = tokenizer.encode(q.prompt);
        if (q.ids.empty()) throw InvalidArgument(fmt::format("question '{}': the prompt is empty", item.id));
        for (int id : q.ids)
            if (id < 0 || id >= mc.vocabSize)
                throw Error(fmt::format(
                    "question '{}': prompt token id {} ('{}') is outside the model's vocabulary (size {}); the "
                    "tokenizer '{}' does not fit the model, or the template adds tokens the model lacks",
                    item.id, id, tokenizer.idToToken(id), mc.vocabSize, tokPath.string()));
        questions.push_back(std::move(q));
    }

    // Resume: validate what is there, remember what is done.
    RolloutSummary summary;
    summary.questions = static_cast<std::int64_t>(questions.size());
    summary.planned = summary.questions * cfg.samples;
    std::set<std::pair<std::string, int>> done;
    if (fs::exists(cfg.outPath)) {
        summary.droppedPartialBytes = dropPartialLastLine(cfg.outPath);
        for (const auto& r : readRolloutFile(cfg.outPath)) {
            const std::string where = fmt::format("{}:{}: ", cfg.outPath.string(), r.line);
            if (r.modelFingerprint != modelFp)
                throw Error(fmt::format("{}cannot resume: model_fingerprint {} in the file, but '{}' has {}", where,
                                        r.modelFingerprint.empty() ? "(none)" : r.modelFingerprint,
                                        cfg.modelDir.string(), modelFp));
            if (r.tokenizerFingerprint != tokFp)
                throw Error(fmt::format("{}cannot resume: tokenizer_fingerprint {} in the file, but '{}' has {}", where,
                                        r.tokenizerFingerprint.empty() ? "(none)" : r.tokenizerFingerprint,
                                        tokPath.string(), tokFp));
            std::string diff = firstDifference(r.settings, settings);
            if (!diff.empty())
                throw Error(fmt::format("{}cannot resume: {} (use the same settings, or another --out)", where, diff));
            done.insert({r.questionId, r.sampleIndex});
        }
    }

    struct Work {
        const Question* q;
        int sample;
    };
    std::vector<Work> work;
    for (const auto& q : questions)
        for (int k = 0; k < cfg.samples; ++k) {
            if (done.count({q.item->id, k})) ++summary.alreadyDone;
            else work.push_back({&q, k});
        }
    const auto total = static_cast<std::int64_t>(work.size());
    job.report("rollouts", 0, total, "rollouts");
    if (work.empty()) {
        summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        return summary;
    }

    Transformer model(checkpoint, cfg.runtime);
    LineAppender out(cfg.outPath);
    const JobContext cancelOnly({}, job.cancelToken());
    double rewardSum = 0.0;
    for (std::size_t first = 0; first < work.size(); first += static_cast<std::size_t>(cfg.batchSize)) {
        job.checkCancelled();
        const std::size_t last = std::min(work.size(), first + static_cast<std::size_t>(cfg.batchSize));
        std::vector<std::vector<int>> prompts;
        std::vector<std::uint64_t> seeds;
        for (std::size_t i = first; i < last; ++i) {
            prompts.push_back(work[i].q->ids);
            seeds.push_back(rolloutSeed(cfg.seed, work[i].q->item->id, work[i].sample));
        }
        auto results = generateWithRowSeeds(model, prompts, seeds, so, &cancelOnly);
        std::string lines;
        for (std::size_t i = first; i < last; ++i) {
            const auto& w = work[i];
            const auto& res = results[i - first];
            RolloutLine r;
            r.questionId = w.q->item->id;
            r.sampleIndex = w.sample;
            r.task = cfg.taskName;
            r.grading = w.q->item->task;
            r.prompt = w.q->prompt;
            r.promptIds = w.q->ids;
            r.response = tokenizer.decode(res.ids);
            r.responseIds = res.ids;
            const GradeResult g = grade(r.response, w.q->item->gold, parseTaskKind(w.q->item->task));
            r.extracted = g.extracted;
            r.gold = w.q->item->gold;
            r.reward = static_cast<float>(g.reward);
            r.finishReason = res.finishReason;
            r.modelFingerprint = modelFp;
            r.tokenizerFingerprint = tokFp;
            r.templateName = cfg.templateName;
            r.rolloutSeed = seeds[i - first];
            r.settings = settings;
            lines += toJsonlLine(rolloutToJson(r));
            rewardSum += g.reward;
            summary.newTokens += static_cast<std::int64_t>(res.ids.size());
        }
        out.appendAndSync(lines);
        summary.generated += static_cast<std::int64_t>(last - first);
        job.report("rollouts", summary.generated, total, "rollouts");
    }
    summary.meanReward = summary.generated > 0 ? rewardSum / static_cast<double>(summary.generated) : 0.0;
    summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return summary;
}

}  // namespace srs::core
