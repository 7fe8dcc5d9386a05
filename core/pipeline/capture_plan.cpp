#include "core/pipeline/capture_plan.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <optional>
#include <set>

#include "core/error.h"
#include "core/model/checkpoint.h"
#include "core/model/hook_names.h"
#include "core/pipeline/rollout_record.h"
#include "core/tokenizer/tokenizer.h"

namespace srs::core {
namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

/// Hooks whose activations are [T, d_model] (what a cache dataset holds).
const std::vector<std::string> kResidualKinds = {"resid_pre", "resid_mid", "resid_post", "attn_out", "mlp_out"};

struct Fnv {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    void bytes(const void* p, std::size_t n) {
        const auto* c = static_cast<const unsigned char*>(p);
        for (std::size_t i = 0; i < n; ++i) {
            h ^= c[i];
            h *= 0x100000001b3ULL;
        }
    }
    void text(const std::string& s) {
        const std::uint64_t n = s.size();
        bytes(&n, sizeof n);
        bytes(s.data(), s.size());
    }
};

std::string commonOr(const std::set<std::string>& values, const std::string& none) {
    if (values.empty()) return none;
    if (values.size() == 1) return values.begin()->empty() ? none : *values.begin();
    return "mixed";
}

}  // namespace

std::vector<int> parseLayerSpec(const std::string& text, int numLayers) {
    std::set<int> out;
    if (text.empty() || text == "all") {
        for (int l = 0; l < numLayers; ++l) out.insert(l);
        return {out.begin(), out.end()};
    }
    auto number = [&](const std::string& s, const std::string& entry) {
        try {
            std::size_t used = 0;
            int v = std::stoi(s, &used);
            if (used != s.size()) throw std::invalid_argument(s);
            if (v < 0 || v >= numLayers) throw std::out_of_range(s);
            return v;
        } catch (const std::exception&) {
            throw InvalidArgument(fmt::format("--layers: '{}' is not a layer in 0..{} (expected all, or e.g. 0,5,10-12)",
                                              entry, numLayers - 1));
        }
    };
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t comma = text.find(',', start);
        std::string entry = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        entry.erase(std::remove(entry.begin(), entry.end(), ' '), entry.end());
        if (!entry.empty()) {
            std::size_t dash = entry.find('-', 1);
            if (dash == std::string::npos) {
                out.insert(number(entry, entry));
            } else {
                int a = number(entry.substr(0, dash), entry), b = number(entry.substr(dash + 1), entry);
                if (a > b) throw InvalidArgument(fmt::format("--layers: range '{}' is empty (expected low-high)", entry));
                for (int l = a; l <= b; ++l) out.insert(l);
            }
        }
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    if (out.empty()) throw InvalidArgument(fmt::format("--layers '{}' names no layer", text));
    return {out.begin(), out.end()};
}

std::vector<std::int32_t> capturePositions(int promptLen, int responseLen, int stride) {
    return storedPositions(promptLen, responseLen, stride);
}

CapturePlan planCapture(const CaptureOptions& o) {
    if (o.tokenStride < 1) throw InvalidArgument(fmt::format("--token-stride must be >= 1, got {}", o.tokenStride));
    if (o.batchSize < 1) throw InvalidArgument(fmt::format("--batch-size must be >= 1, got {}", o.batchSize));
    if (o.shardCount < 1 || o.shardIndex < 0 || o.shardIndex >= o.shardCount)
        throw InvalidArgument(fmt::format("--shard {}/{}: expected i/N with 0 <= i < N", o.shardIndex, o.shardCount));
    if (o.hooks.empty()) throw InvalidArgument("--hooks: no hook given (expected e.g. resid_post)");
    for (const auto& h : o.hooks)
        if (std::find(kResidualKinds.begin(), kResidualKinds.end(), h) == kResidualKinds.end())
            throw InvalidArgument(fmt::format("--hooks: '{}' cannot be cached (expected one of resid_pre, resid_mid, "
                                              "resid_post, attn_out, mlp_out)",
                                              h));

    CapturePlan plan;
    const auto rollouts = readRolloutFile(o.rolloutsPath);
    if (rollouts.empty())
        throw FormatError(fmt::format("{}: no rollouts (expected one JSON object per line)", o.rolloutsPath.string()));
    plan.checkpoint = Checkpoint::open(o.modelDir);
    const ModelConfig& mc = plan.checkpoint->config();
    const std::string modelFp = plan.checkpoint->fingerprint();

    std::optional<Tokenizer> tokenizer;
    const fs::path tokPath = o.tokenizerPath.empty() ? o.modelDir / "tokenizer.json" : o.tokenizerPath;
    if (!o.tokenizerPath.empty() || fs::exists(tokPath)) tokenizer = Tokenizer::fromFile(tokPath);
    const std::string tokFp = tokenizer ? tokenizer->fingerprint() : std::string();

    // Fingerprints are checked on every line, not only this shard's: one file, one model.
    for (const auto& r : rollouts) {
        const std::string where = fmt::format("{}:{}: ", o.rolloutsPath.string(), r.line);
        if (!r.modelFingerprint.empty() && r.modelFingerprint != modelFp)
            throw Error(fmt::format("{}rollout '{}' was generated by model {} but '{}' is model {} (capture with the "
                                    "model that generated the rollouts)",
                                    where, r.questionId, r.modelFingerprint, o.modelDir.string(), modelFp));
        if (!r.tokenizerFingerprint.empty() && tokenizer && r.tokenizerFingerprint != tokFp)
            throw Error(fmt::format("{}rollout '{}' was tokenized with tokenizer {} but '{}' is tokenizer {} (ids "
                                    "would not match; use the same tokenizer)",
                                    where, r.questionId, r.tokenizerFingerprint, tokPath.string(), tokFp));
    }

    const auto n = static_cast<std::int64_t>(rollouts.size());
    plan.rolloutsInFile = n;
    plan.firstRollout = n * o.shardIndex / o.shardCount;
    const std::int64_t end = n * (o.shardIndex + 1) / o.shardCount;

    std::set<std::string> tasks, templates, tokFps;
    Fnv content;
    for (std::int64_t i = plan.firstRollout; i < end; ++i) {
        const RolloutLine& r = rollouts[static_cast<std::size_t>(i)];
        const std::string where = fmt::format("{}:{}: ", o.rolloutsPath.string(), r.line);
        CaptureItem item;
        item.questionId = r.questionId;
        item.sampleIndex = r.sampleIndex;
        item.reward = r.reward;
        item.line = r.line;
        std::vector<int> promptIds = r.promptIds, responseIds = r.responseIds;
        const bool haveIds = !r.tokenizerFingerprint.empty() && !promptIds.empty();
        if (!haveIds) {
            if (!tokenizer)
                throw FormatError(fmt::format("{}rollout '{}' has text only, and '{}' is missing (the text must be "
                                              "tokenized; pass --tokenizer)",
                                              where, r.questionId, tokPath.string()));
            promptIds = tokenizer->encode(r.prompt);
            responseIds = tokenizer->encode(r.response);
            ++plan.recomputedIds;
        }
        if (promptIds.empty())
            throw FormatError(fmt::format("{}rollout '{}': the prompt has no tokens (expected a non-empty prompt)",
                                          where, r.questionId));
        item.promptLen = static_cast<int>(promptIds.size());
        item.responseLen = static_cast<int>(responseIds.size());
        item.tokens = std::move(promptIds);
        item.tokens.insert(item.tokens.end(), responseIds.begin(), responseIds.end());
        for (std::size_t k = 0; k < item.tokens.size(); ++k)
            if (item.tokens[k] >= mc.vocabSize)
                throw FormatError(fmt::format("{}rollout '{}': token id {} at position {} is outside the model's "
                                              "vocabulary (size {})",
                                              where, r.questionId, item.tokens[k], k, mc.vocabSize));
        tasks.insert(r.task);
        templates.insert(r.templateName);
        if (!r.tokenizerFingerprint.empty()) tokFps.insert(r.tokenizerFingerprint);
        content.text(item.questionId);
        content.bytes(&item.sampleIndex, sizeof item.sampleIndex);
        content.bytes(&item.reward, sizeof item.reward);
        content.bytes(&item.promptLen, sizeof item.promptLen);
        content.bytes(item.tokens.data(), item.tokens.size() * sizeof(int));
        plan.rows += rowsForRollout(item.responseLen, o.tokenStride);
        plan.items.push_back(std::move(item));
    }

    CacheSchema& s = plan.schema;
    s.hooks = o.hooks;
    s.layers = o.layers.empty() ? parseLayerSpec("all", mc.numLayers) : o.layers;
    for (int l : s.layers)
        if (l < 0 || l >= mc.numLayers)
            throw InvalidArgument(fmt::format("--layers: layer {} is outside 0..{}", l, mc.numLayers - 1));
    s.dModel = mc.hiddenSize;
    s.dtype = o.storeDtype;
    s.tokenStride = o.tokenStride;
    s.shardIndex = o.shardIndex;
    s.shardCount = o.shardCount;
    s.task = commonOr(tasks, "unknown");
    s.modelFingerprint = modelFp;
    s.tokenizerFingerprint = tokenizer ? tokFp : commonOr(tokFps, "");
    s.promptTemplate = commonOr(templates, "unknown");
    json settings = json::object();
    settings["rollouts_file"] = o.rolloutsPath.filename().string();
    settings["rollouts_in_file"] = plan.rolloutsInFile;
    settings["shard_first_rollout"] = plan.firstRollout;
    settings["shard_rollouts"] = static_cast<std::int64_t>(plan.items.size());
    settings["shard_content_fingerprint"] = fmt::format("{:016x}", content.h);
    settings["recomputed_ids"] = plan.recomputedIds;
    settings["compute_dtype"] = computeDtypeName(o.runtime.dtype);
    settings["positions"] = "s_0 = prompt_len-1, then s_0+t for t = stride, 2*stride, ... < response_len, "
                            "then s_0+response_len";
    settings["generation_settings"] = rollouts.front().settings;
    s.settingsJson = settings.dump();
    validateSchema(s);

    for (const auto& hook : s.hooks)
        for (int layer : s.layers) plan.hookNames.push_back(hooks::resolve(hook, layer, mc.numLayers));
    plan.expectedBytes = expectedCacheBytes(s, static_cast<std::int64_t>(plan.items.size()), plan.rows);
    return plan;
}

}  // namespace srs::core
