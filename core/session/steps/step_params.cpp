#include "core/session/steps/step_params.h"

#include <limits>

#include <fmt/format.h>

#include "core/error.h"

namespace srs::core {
namespace {

const std::vector<std::string> kProbeKeys{"method",    "hook",   "hidden", "lr",            "weight_decay",
                                          "gamma",     "batch_trajectories", "epochs",      "seed",
                                          "test_fraction", "bootstrap", "threads", "compute_dtype"};

std::vector<std::string> plus(std::vector<std::string> a, const std::vector<std::string>& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

int toInt(const ParamReader& p, const std::string& key, int fallback) {
    const long long v = p.integer(key, fallback);
    if (v < std::numeric_limits<int>::min() || v > std::numeric_limits<int>::max()) p.fail(key, "a 32-bit integer");
    return static_cast<int>(v);
}

}  // namespace

nlohmann::json probeOptionsToJson(const ProbeTrainOptions& o) {
    return {{"method", probeMethodName(o.method)},
            {"hook", o.hook},
            {"hidden", o.hidden},
            {"lr", o.lr},
            {"weight_decay", o.weightDecay},
            {"gamma", o.gamma},
            {"batch_trajectories", o.batchTrajectories},
            {"epochs", o.epochs},
            {"seed", o.seed},
            {"test_fraction", o.testFraction},
            {"bootstrap", o.bootstrap},
            {"threads", o.threads},
            {"compute_dtype", o.computeDtype}};
}

ProbeTrainOptions probeOptionsFromParams(const ParamReader& p) {
    ProbeTrainOptions o;
    const std::string method = p.str("method", probeMethodName(o.method));
    try {
        o.method = parseProbeMethod(method);
    } catch (const InvalidArgument&) {
        p.fail("method", "td | mc | linear");
    }
    o.hook = p.str("hook", o.hook);
    o.hidden = toInt(p, "hidden", o.hidden);
    o.lr = p.number("lr", o.lr);
    o.weightDecay = p.number("weight_decay", o.weightDecay);
    o.gamma = p.number("gamma", o.gamma);
    o.batchTrajectories = toInt(p, "batch_trajectories", o.batchTrajectories);
    o.epochs = toInt(p, "epochs", o.epochs);
    o.seed = p.u64("seed", o.seed);
    o.testFraction = p.number("test_fraction", o.testFraction);
    o.bootstrap = static_cast<std::size_t>(p.u64("bootstrap", o.bootstrap));
    o.threads = toInt(p, "threads", o.threads);
    o.computeDtype = p.str("compute_dtype", o.computeDtype);
    try {
        o.validate();
    } catch (const InvalidArgument& e) {
        throw FormatError(fmt::format("{}: {}", p.where(), e.what()));
    }
    return o;
}

nlohmann::json probeTrainParams(const std::string& layers, const ProbeTrainOptions& options) {
    auto j = probeOptionsToJson(options);
    j["layers"] = layers;
    return j;
}

nlohmann::json pruneCurveParams(const std::string& layers, const std::vector<double>& ratios,
                                const ProbeTrainOptions& options) {
    auto j = probeTrainParams(layers, options);
    j["ratios"] = ratios;
    return j;
}

nlohmann::json neuronsParams(int layer, double ratio) { return {{"layer", layer}, {"ratio", ratio}}; }

nlohmann::json iouParams(int layer, const std::vector<double>& ratios, const std::vector<std::string>& names) {
    return {{"layer", layer}, {"ratios", ratios}, {"names", names}};
}

nlohmann::json routeParams(int layer, const RouteOptions& o) {
    return {{"layer", layer},
            {"cost_direct", o.costDirect},
            {"cost_escalate", o.costEscalate},
            {"escalate_accuracy", o.escalateAccuracy}};
}

RouteOptions routeOptionsFromParams(const ParamReader& p) {
    RouteOptions o;
    o.costDirect = p.number("cost_direct", o.costDirect);
    o.costEscalate = p.number("cost_escalate", o.costEscalate);
    o.escalateAccuracy = p.number("escalate_accuracy", o.escalateAccuracy);
    try {
        o.validate();
    } catch (const InvalidArgument& e) {
        throw FormatError(fmt::format("{}: {}", p.where(), e.what()));
    }
    return o;
}

nlohmann::json mineParams(int layer, const MineOptions& o) {
    nlohmann::json j{{"layer", layer}};
    if (o.top) j["top"] = *o.top;
    if (o.minV) j["min_v"] = *o.minV;
    return j;
}

MineOptions mineOptionsFromParams(const ParamReader& p) {
    MineOptions o;
    if (p.has("top")) o.top = static_cast<std::size_t>(p.u64("top", 0));
    if (p.has("min_v")) o.minV = p.number("min_v", 0.0);
    if (!o.top && !o.minV) p.fail("top", "'top' or 'min_v' (or both)");
    return o;
}

nlohmann::json rolloutParamsToJson(const RolloutStepParams& p) {
    nlohmann::json j{{"limit", p.limit},       {"samples", p.samples},       {"template", p.templateName},
                     {"temperature", p.temperature}, {"top_p", p.topP},     {"top_k", p.topK},
                     {"seed", p.seed},         {"max_new_tokens", p.maxNewTokens}, {"batch_size", p.batchSize},
                     {"dtype", p.dtype},       {"device", p.device},         {"threads", p.threads}};
    if (!p.task.empty()) j["task"] = p.task;
    const std::pair<const char*, const std::string*> optional[] = {
        {"preset", &p.preset},           {"question_field", &p.questionField}, {"answer_field", &p.answerField},
        {"choices_field", &p.choicesField}, {"id_field", &p.idField},        {"grading", &p.grading}};
    for (const auto& [key, value] : optional)
        if (!value->empty()) j[key] = *value;
    return j;
}

RolloutStepParams rolloutParamsFromParams(const ParamReader& p) {
    p.allowOnly({"task", "preset", "question_field", "answer_field", "choices_field", "id_field", "grading", "limit",
                 "samples", "template", "temperature", "top_p", "top_k", "seed", "max_new_tokens", "batch_size",
                 "dtype", "device", "threads"});
    RolloutStepParams r;
    r.task = p.str("task", "");
    r.preset = p.str("preset", "");
    r.questionField = p.str("question_field", "");
    r.answerField = p.str("answer_field", "");
    r.choicesField = p.str("choices_field", "");
    r.idField = p.str("id_field", "");
    r.grading = p.str("grading", "");
    r.limit = p.integer("limit", 0);
    if (r.limit < 0) p.fail("limit", "an integer >= 0");
    r.samples = toInt(p, "samples", r.samples);
    r.templateName = p.str("template", r.templateName);
    r.temperature = p.number("temperature", r.temperature);
    r.topP = p.number("top_p", r.topP);
    r.topK = toInt(p, "top_k", r.topK);
    r.seed = p.u64("seed", r.seed);
    r.maxNewTokens = toInt(p, "max_new_tokens", r.maxNewTokens);
    r.batchSize = toInt(p, "batch_size", r.batchSize);
    r.dtype = p.str("dtype", r.dtype);
    r.device = p.str("device", r.device);
    r.threads = toInt(p, "threads", r.threads);
    return r;
}

nlohmann::json captureParamsToJson(const CaptureStepParams& p) {
    return {{"layers", p.layers},         {"hooks", p.hooks},         {"store_dtype", p.storeDtype},
            {"token_stride", p.tokenStride}, {"shard_index", p.shardIndex}, {"shard_count", p.shardCount},
            {"batch_size", p.batchSize},  {"commit_every", p.commitEvery}, {"dtype", p.dtype},
            {"device", p.device},         {"threads", p.threads}};
}

CaptureStepParams captureParamsFromParams(const ParamReader& p) {
    p.allowOnly({"layers", "hooks", "store_dtype", "token_stride", "shard_index", "shard_count", "batch_size",
                 "commit_every", "dtype", "device", "threads"});
    CaptureStepParams c;
    c.layers = p.str("layers", c.layers);
    c.hooks = p.strings("hooks", c.hooks);
    c.storeDtype = p.str("store_dtype", c.storeDtype);
    c.tokenStride = toInt(p, "token_stride", c.tokenStride);
    c.shardIndex = toInt(p, "shard_index", c.shardIndex);
    c.shardCount = toInt(p, "shard_count", c.shardCount);
    c.batchSize = toInt(p, "batch_size", c.batchSize);
    c.commitEvery = toInt(p, "commit_every", c.commitEvery);
    c.dtype = p.str("dtype", c.dtype);
    c.device = p.str("device", c.device);
    c.threads = toInt(p, "threads", c.threads);
    return c;
}

// Keys accepted by the probe kinds (used by pipeline_steps.cpp through these lists).
const std::vector<std::string>& probeTrainKeys() {
    static const auto keys = plus(kProbeKeys, {"layers"});
    return keys;
}
const std::vector<std::string>& pruneCurveKeys() {
    static const auto keys = plus(kProbeKeys, {"layers", "ratios"});
    return keys;
}

}  // namespace srs::core
