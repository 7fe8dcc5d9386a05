#include "core/session/steps/analysis_steps.h"

#include <cmath>
#include <filesystem>
#include <optional>
#include <limits>

#include <fmt/format.h>

#include "core/cache/activation_cache_reader.h"
#include "core/error.h"
#include "core/io/atomic_file.h"
#include "core/model/checkpoint.h"
#include "core/pipeline/capture_plan.h"
#include "core/pipeline/rollout_record.h"
#include "core/probe/probe_file.h"
#include "core/tasks/benchmark.h"
#include "core/tokenizer/tokenizer.h"

namespace srs::core {
namespace {

using json = nlohmann::json;
namespace fs = std::filesystem;

std::string whereOf(const StepRunContext& c) { return fmt::format("step '{}' ({})", c.step.id, c.step.kind); }

int toInt(const ParamReader& p, const std::string& key, int fallback) {
    const long long v = p.integer(key, fallback);
    if (v < std::numeric_limits<int>::min() || v > std::numeric_limits<int>::max()) p.fail(key, "a 32-bit integer");
    return static_cast<int>(v);
}

/// "paths" parameter: an object of strings (role -> path text as written into the result).
std::map<std::string, std::string> pathsFromParams(const json& params, const ParamReader& p) {
    std::map<std::string, std::string> out;
    auto it = params.find("paths");
    if (it == params.end() || it->is_null()) return out;
    if (!it->is_object()) p.fail("paths", "an object of strings (role -> path)");
    for (auto e = it->begin(); e != it->end(); ++e) {
        if (!e->is_string()) p.fail("paths", "an object of strings (role -> path)");
        out[e.key()] = e->get<std::string>();
    }
    return out;
}

/// The recorded text of `role` when present, else `actual`.
std::string pathText(const std::map<std::string, std::string>& paths, const std::string& role,
                     const std::string& actual) {
    auto it = paths.find(role);
    return it == paths.end() ? actual : it->second;
}

void writeJsonFile(const std::string& path, const json& j) {
    writeFileAtomically(path, j.dump(1, ' ', false, json::error_handler_t::replace) + "\n", false);
}

// ---- ablate ----

const std::vector<std::string> kAblateKeys{
    "task",    "preset", "id_field", "grading",   "limit",      "samples",  "template", "temperature",
    "top_p",   "top_k",  "seed",     "max_new_tokens", "batch_size", "layers", "conditions", "ratio",
    "dtype",   "device", "threads",  "paths"};

struct AblateParams {
    AblateQuestionSource source;
    AblationOptions options;  // everything but model/inputs/items
    std::string layers;
    std::string dtype, device;
    std::map<std::string, std::string> paths;
};

AblateParams ablateFromParams(const json& params, const std::string& where) {
    ParamReader p(params, where);
    p.allowOnly(kAblateKeys);
    AblateParams a;
    auto& o = a.options;
    a.source.task = p.str("task", "");
    a.source.preset = p.str("preset", "");
    a.source.idField = p.str("id_field", "");
    a.source.grading = p.str("grading", "");
    a.source.limit = p.integer("limit", 0);
    if (a.source.limit < 0) p.fail("limit", "an integer >= 0");
    o.samples = toInt(p, "samples", o.samples);
    o.templateName = p.str("template", o.templateName);
    o.temperature = p.number("temperature", o.temperature);
    o.topP = p.number("top_p", o.topP);
    o.topK = toInt(p, "top_k", o.topK);
    o.seed = p.u64("seed", o.seed);
    o.maxNewTokens = toInt(p, "max_new_tokens", o.maxNewTokens);
    o.batchSize = toInt(p, "batch_size", o.batchSize);
    a.layers = p.str("layers");
    try {
        o.conditions = parseAblationConditions(p.str("conditions", "value,random,magnitude-matched,largest-activation"));
    } catch (const InvalidArgument&) {
        p.fail("conditions", "a comma list of value, random, magnitude-matched, largest-activation, mc-probe");
    }
    o.ratio = p.number("ratio", o.ratio);
    if (!(o.ratio > 0.0 && o.ratio < 1.0)) p.fail("ratio", "a number in (0, 1)");
    if (o.samples < 1) p.fail("samples", "an integer >= 1");
    if (o.maxNewTokens < 1) p.fail("max_new_tokens", "an integer >= 1");
    if (o.batchSize < 1) p.fail("batch_size", "an integer >= 1");
    a.dtype = p.str("dtype", "float32");
    a.device = p.str("device", "cpu");
    o.runtime.threads = toInt(p, "threads", 0);
    a.paths = pathsFromParams(params, p);
    return a;
}

void validateAblate(const json& params, const std::string& where) { (void)ablateFromParams(params, where); }

void runAblate(const StepRunContext& c) {
    AblateParams a = ablateFromParams(c.step.parameters, whereOf(c));
    AblationOptions o = a.options;
    o.modelDir = c.modelPath;
    if (c.inputs.count("tokenizer")) o.tokenizerPath = c.input("tokenizer");
    if (!a.source.task.empty()) {
        o.items = loadBuiltinBenchmark(a.source.task);
        o.taskName = a.source.task;
        o.dataSource = "builtin:" + a.source.task;
    } else {
        // Same mapping rules as `srs ablate --data` (app/cli/cmd_ablate.cpp).
        FieldMapping mapping = a.source.preset.empty() ? FieldMapping{} : presetMapping(a.source.preset);
        if (!a.source.idField.empty()) mapping.id = a.source.idField;
        if (!a.source.grading.empty()) mapping.kind = parseTaskKind(a.source.grading);
        const fs::path data(c.input("data"));
        const fs::path recorded(c.step.input("data")->path);  // names the task, as when recorded
        o.taskName = a.source.preset.empty() ? recorded.stem().string() : a.source.preset;
        o.items = loadBenchmarkFile(data, mapping, o.taskName);
        o.dataSource = recorded.filename().string();
        o.dataFingerprint = fileContentFingerprint(data);
    }
    if (a.source.limit > 0 && static_cast<std::size_t>(a.source.limit) < o.items.size())
        o.items.resize(static_cast<std::size_t>(a.source.limit));
    o.probesPath = c.input("probes");
    if (c.inputs.count("mc_probes")) o.mcProbesPath = c.input("mc_probes");
    o.cachePath = c.input("cache");
    o.layers = parseLayerSpec(a.layers, Checkpoint::open(c.modelPath)->config().numLayers);
    o.runtime.dtype = parseComputeDtype(a.dtype);
    o.runtime.device = a.device;
    o.runtime.threads = configureThreads(a.options.runtime.threads);
    o.validate();
    AblationResult r = runAblation(o, c.job);
    r.modelDir = pathText(a.paths, "model_dir", r.modelDir);
    r.probesPath = pathText(a.paths, "probes", r.probesPath);
    if (!r.mcProbesPath.empty()) r.mcProbesPath = pathText(a.paths, "mc_probes", r.mcProbesPath);
    r.cachePath = pathText(a.paths, "cache", r.cachePath);
    if (!c.output("csv").empty()) writeFileAtomically(c.output("csv"), ablationCsv(r), false);
    writeJsonFile(c.output("ablation"), ablationJson(r));
}

// ---- confidence ----

const std::vector<std::string> kConfidenceKeys{"layer", "verbal_template", "verbal_max_new_tokens", "skip_verbal",
                                               "bins",  "bootstrap",       "seed",                  "level",
                                               "batch_size", "dtype",      "device",                "threads",
                                               "paths"};

struct ConfidenceParams {
    ConfidenceOptions options;
    std::string dtype, device;
    std::map<std::string, std::string> paths;
};

ConfidenceParams confidenceFromParams(const json& params, const std::string& where) {
    ParamReader p(params, where);
    p.allowOnly(kConfidenceKeys);
    ConfidenceParams a;
    auto& o = a.options;
    o.layer = toInt(p, "layer", -1);
    if (!p.has("layer")) p.fail("layer", "an integer");
    o.verbalTemplate = p.str("verbal_template", o.verbalTemplate);
    o.verbalMaxNewTokens = toInt(p, "verbal_max_new_tokens", o.verbalMaxNewTokens);
    o.skipVerbal = p.flag("skip_verbal", o.skipVerbal);
    o.stats.bins = static_cast<std::size_t>(p.u64("bins", o.stats.bins));
    o.stats.bootstrap = static_cast<std::size_t>(p.u64("bootstrap", o.stats.bootstrap));
    o.stats.seed = p.u64("seed", o.stats.seed);
    o.stats.level = p.number("level", o.stats.level);
    o.batchSize = toInt(p, "batch_size", o.batchSize);
    a.dtype = p.str("dtype", "float32");
    a.device = p.str("device", "cpu");
    o.runtime.threads = toInt(p, "threads", 0);
    a.paths = pathsFromParams(params, p);
    o.modelDir = "model";  // placeholders so that validate() checks the options only
    o.rolloutsPath = "rollouts";
    o.probesPath = "probes";
    try {
        o.validate();
    } catch (const InvalidArgument& e) {
        throw FormatError(fmt::format("{}: {}", where, e.what()));
    }
    return a;
}

void validateConfidence(const json& params, const std::string& where) { (void)confidenceFromParams(params, where); }

void runConfidenceStep(const StepRunContext& c) {
    ConfidenceParams a = confidenceFromParams(c.step.parameters, whereOf(c));
    ConfidenceOptions o = a.options;
    o.modelDir = c.modelPath;
    if (c.inputs.count("tokenizer")) o.tokenizerPath = c.input("tokenizer");
    o.rolloutsPath = c.input("rollouts");
    o.probesPath = c.input("probes");
    if (c.inputs.count("cache")) o.cachePath = c.input("cache");
    o.runtime.dtype = parseComputeDtype(a.dtype);
    o.runtime.device = a.device;
    o.runtime.threads = configureThreads(a.options.runtime.threads);
    o.validate();
    ConfidenceResult r = runConfidence(o, c.job);
    r.options.modelDir = pathText(a.paths, "model_dir", r.options.modelDir.string());
    r.options.rolloutsPath = pathText(a.paths, "rollouts", r.options.rolloutsPath.string());
    r.options.probesPath = pathText(a.paths, "probes", r.options.probesPath.string());
    r.cachePath = pathText(a.paths, "cache", r.cachePath);
    if (!c.output("csv").empty()) writeFileAtomically(c.output("csv"), confidenceQuestionsCsv(r), false);
    if (!c.output("stats_csv").empty()) writeFileAtomically(c.output("stats_csv"), confidenceStatsCsv(r), false);
    writeJsonFile(c.output("confidence"), confidenceJson(r));
}


// ---- dopamine ----

const std::vector<std::string> kDopamineKeys{
    "layer",        "neuron_layer", "candidates", "rank_by", "gamma",          "mlp_hidden",      "mlp_epochs",
    "mlp_lr",       "mlp_weight_decay", "mlp_batch", "seed", "threads",        "split",           "traces",
    "trace_neurons", "trace_rollouts", "trace_questions", "rank_memory_mb", "paths"};

struct DopamineParams {
    DopamineOptions options;
    std::map<std::string, std::string> paths;
};

DopamineParams dopamineFromParams(const json& params, const std::string& where) {
    ParamReader p(params, where);
    p.allowOnly(kDopamineKeys);
    DopamineParams a;
    auto& o = a.options;
    if (!p.has("layer")) p.fail("layer", "an integer");
    o.layer = toInt(p, "layer", -1);
    o.neuronLayer = toInt(p, "neuron_layer", o.neuronLayer);
    o.candidates = toInt(p, "candidates", o.candidates);
    try {
        o.rankBy = parseDopamineRankBy(p.str("rank_by", dopamineRankByName(o.rankBy)));
    } catch (const InvalidArgument&) {
        p.fail("rank_by", "abs | positive | negative");
    }
    o.gamma = p.number("gamma", o.gamma);
    o.hidden = toInt(p, "mlp_hidden", o.hidden);
    o.epochs = toInt(p, "mlp_epochs", o.epochs);
    o.lr = p.number("mlp_lr", o.lr);
    o.weightDecay = p.number("mlp_weight_decay", o.weightDecay);
    o.batchRows = toInt(p, "mlp_batch", o.batchRows);
    o.seed = p.u64("seed", o.seed);
    o.threads = toInt(p, "threads", o.threads);
    o.traceSplit = p.str("split", o.traceSplit);
    o.traces = toInt(p, "traces", o.traces);
    o.traceNeurons = toInt(p, "trace_neurons", o.traceNeurons);
    for (double v : p.numbers("trace_rollouts", {})) {
        if (v != static_cast<double>(static_cast<std::int64_t>(v)) || v < 0) p.fail("trace_rollouts", "rollout indices >= 0");
        o.traceRollouts.push_back(static_cast<std::int64_t>(v));
    }
    o.traceQuestions = p.strings("trace_questions", {});
    const long long mb = p.integer("rank_memory_mb", static_cast<long long>(o.rankMemoryBytes >> 20));
    if (mb < 1) p.fail("rank_memory_mb", "an integer >= 1");
    o.rankMemoryBytes = static_cast<std::uint64_t>(mb) << 20;
    a.paths = pathsFromParams(params, p);
    try {
        o.validate();
    } catch (const InvalidArgument& e) {
        throw FormatError(fmt::format("{}: {}", where, e.what()));
    }
    return a;
}

void validateDopamine(const json& params, const std::string& where) { (void)dopamineFromParams(params, where); }

void runDopamineStep(const StepRunContext& c) {
    const DopamineParams a = dopamineFromParams(c.step.parameters, whereOf(c));
    std::optional<Tokenizer> tok;
    if (c.inputs.count("tokenizer")) tok = Tokenizer::fromFile(c.input("tokenizer"));
    const std::string& probesPath = c.input("probes");
    const auto probes = readProbeFile(probesPath);
    ActivationCacheReader reader(c.input("cache"));
    DopamineResult r = analyzeDopamine(reader, probes, probesPath, a.options, tok ? &*tok : nullptr, c.job);
    r.cachePath = pathText(a.paths, "cache", r.cachePath);
    r.probesPath = pathText(a.paths, "probes", r.probesPath);
    if (!r.tokenizerPath.empty()) r.tokenizerPath = pathText(a.paths, "tokenizer", r.tokenizerPath);
    if (!c.output("csv").empty()) writeFileAtomically(c.output("csv"), dopamineRankingCsv(r), false);
    if (!c.output("dopamine").empty()) writeJsonFile(c.output("dopamine"), dopamineJson(r));
}

}  // namespace

json ablateParams(const AblateQuestionSource& s, const AblationOptions& o, const std::string& layers,
                  const std::map<std::string, std::string>& paths) {
    std::string conditions;
    for (auto cond : o.conditions) conditions += (conditions.empty() ? "" : ",") + std::string(ablationConditionName(cond));
    json j{{"limit", s.limit},
           {"samples", o.samples},
           {"template", o.templateName},
           {"temperature", o.temperature},
           {"top_p", o.topP},
           {"top_k", o.topK},
           {"seed", o.seed},
           {"max_new_tokens", o.maxNewTokens},
           {"batch_size", o.batchSize},
           {"layers", layers},
           {"conditions", conditions},
           {"ratio", o.ratio},
           {"dtype", computeDtypeName(o.runtime.dtype)},
           {"device", o.runtime.device},
           {"threads", o.runtime.threads},
           {"paths", paths}};
    const std::pair<const char*, const std::string*> optional[] = {
        {"task", &s.task}, {"preset", &s.preset}, {"id_field", &s.idField}, {"grading", &s.grading}};
    for (const auto& [key, value] : optional)
        if (!value->empty()) j[key] = *value;
    return j;
}

json confidenceParams(const ConfidenceOptions& o, const std::map<std::string, std::string>& paths) {
    return {{"layer", o.layer},
            {"verbal_template", o.verbalTemplate},
            {"verbal_max_new_tokens", o.verbalMaxNewTokens},
            {"skip_verbal", o.skipVerbal},
            {"bins", o.stats.bins},
            {"bootstrap", o.stats.bootstrap},
            {"seed", o.stats.seed},
            {"level", o.stats.level},
            {"batch_size", o.batchSize},
            {"dtype", computeDtypeName(o.runtime.dtype)},
            {"device", o.runtime.device},
            {"threads", o.runtime.threads},
            {"paths", paths}};
}

json dopamineParams(const DopamineOptions& o, const std::map<std::string, std::string>& paths) {
    json j{{"layer", o.layer},
           {"neuron_layer", o.neuronLayer},
           {"candidates", o.candidates},
           {"rank_by", dopamineRankByName(o.rankBy)},
           {"mlp_hidden", o.hidden},
           {"mlp_epochs", o.epochs},
           {"mlp_lr", o.lr},
           {"mlp_weight_decay", o.weightDecay},
           {"mlp_batch", o.batchRows},
           {"seed", o.seed},
           {"threads", o.threads},
           {"split", o.traceSplit},
           {"traces", o.traces},
           {"trace_neurons", o.traceNeurons},
           {"trace_rollouts", o.traceRollouts},
           {"trace_questions", o.traceQuestions},
           {"rank_memory_mb", o.rankMemoryBytes >> 20},
           {"paths", paths}};
    if (std::isfinite(o.gamma)) j["gamma"] = o.gamma;
    return j;
}

void registerAnalysisSteps(StepRegistry& r) {
    r.add({"ablate", "Zero neuron sets of a layer during generation vs the baseline (srs ablate)", {"seed"},
           validateAblate, runAblate, ""});
    r.add({"confidence", "Confidence signals vs correctness on held-out questions (srs confidence)", {"seed"},
           validateConfidence, runConfidenceStep, ""});
    r.add({"dopamine", "Dopamine neurons: TD errors, ranked dims, MLP vs random dims, traces (srs dopamine)",
           {"seed"}, validateDopamine, runDopamineStep, ""});
}

}  // namespace srs::core
