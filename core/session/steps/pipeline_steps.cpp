#include "core/session/steps/pipeline_steps.h"

#include <filesystem>

#include <fmt/format.h>

#include "core/analysis/confident_wrong.h"
#include "core/analysis/iou_matrix.h"
#include "core/analysis/value_routing.h"
#include "core/cache/activation_cache_reader.h"
#include "core/cache/cache_types.h"
#include "core/error.h"
#include "core/io/atomic_file.h"
#include "core/io/jsonl.h"
#include "core/model/checkpoint.h"
#include "core/pipeline/capture_plan.h"
#include "core/pipeline/capture_runner.h"
#include "core/pipeline/rollout_record.h"
#include "core/pipeline/rollout_runner.h"
#include "core/probe/probe_file.h"
#include "core/probe/probe_trainer.h"
#include "core/probe/value_probes.h"
#include "core/session/steps/analysis_steps.h"
#include "core/session/steps/figure_step.h"
#include "core/session/steps/generate_step.h"
#include "core/session/steps/step_params.h"
#include "core/tasks/benchmark.h"

namespace srs::core {
namespace {

using json = nlohmann::json;

std::string whereOf(const StepRunContext& c) { return fmt::format("step '{}' ({})", c.step.id, c.step.kind); }

const LayerProbe& layerProbe(const ProbeTrainResult& probes, int layer, const std::string& file) {
    std::string have;
    for (const auto& p : probes.layers) {
        if (p.layer == layer) return p;
        have += (have.empty() ? "" : ", ") + std::to_string(p.layer);
    }
    throw InvalidArgument(fmt::format("{}: no probe for layer {} (layers: {})", file, layer, have));
}

/// Every input whose role is `prefix` or starts with "prefix." in role order ("probes.0", "probes.1", ...).
std::vector<std::pair<std::string, std::string>> inputsWithPrefix(const StepRunContext& c, const std::string& prefix) {
    std::vector<std::pair<std::string, std::string>> out;  // (actual path, recorded path)
    for (const auto& in : c.step.inputs)
        if (in.role == prefix || in.role.rfind(prefix + ".", 0) == 0) out.emplace_back(c.input(in.role), in.path);
    return out;
}

void writeJson(const std::string& path, const json& j) { writeFileAtomically(path, j.dump(2) + "\n", false); }

// ---- probe-train / prune-curve ----

void validateProbeTrain(const json& params, const std::string& where) {
    ParamReader p(params, where);
    p.allowOnly(probeTrainKeys());
    (void)probeOptionsFromParams(p);
    (void)p.str("layers", "all");
}

void runProbeTrain(const StepRunContext& c) {
    ParamReader p(c.step.parameters, whereOf(c));
    const auto opts = probeOptionsFromParams(p);
    setProbeThreads(opts.threads);
    const std::string& cache = c.input("cache");
    ActivationCacheReader reader(cache);
    const auto layers = resolveLayers(p.str("layers", "all"), reader.metadata().schema.layers, cache);
    const auto result = trainValueProbes(reader, layers, opts, c.job);
    writeProbeFile(c.output("probes"), result, false);
}

void validatePruneCurve(const json& params, const std::string& where) {
    ParamReader p(params, where);
    p.allowOnly(pruneCurveKeys());
    (void)probeOptionsFromParams(p);
    (void)p.numbers("ratios", {});
}

void runPruneCurve(const StepRunContext& c) {
    ParamReader p(c.step.parameters, whereOf(c));
    const auto opts = probeOptionsFromParams(p);
    const auto ratios = p.numbers("ratios", {0, 0.5, 0.8, 0.9, 0.95, 0.98, 0.99, 0.995});
    setProbeThreads(opts.threads);
    const std::string& cache = c.input("cache");
    ActivationCacheReader reader(cache);
    const auto layers = resolveLayers(p.str("layers", "all"), reader.metadata().schema.layers, cache);
    const auto curve = pruneCurve(reader, layers, ratios, opts, c.job);
    writeJson(c.output("curve"), pruneCurveJson(curve));
    if (!c.output("csv").empty()) writeFileAtomically(c.output("csv"), pruneCurveCsv(curve), false);
}

// ---- neurons / iou / route / mine ----

void validateLayerRatio(const json& params, const std::string& where) {
    ParamReader p(params, where);
    p.allowOnly({"layer", "ratio"});
    (void)p.integer("layer");
    const double r = p.number("ratio", 0.99);
    if (!(r >= 0.0 && r < 1.0)) p.fail("ratio", "a number in [0, 1)");
}

void runNeurons(const StepRunContext& c) {
    ParamReader p(c.step.parameters, whereOf(c));
    const int layer = static_cast<int>(p.integer("layer"));
    const double ratio = p.number("ratio", 0.99);
    const std::string& file = c.input("probes");
    const auto probes = readProbeFile(file);
    const LayerProbe& probe = layerProbe(probes, layer, file);
    if (probe.weights.inputDims() != probes.dModel)
        throw UnsupportedError(fmt::format("{}: layer {} probe reads {} of {} dims (expected a full-state probe)", file,
                                           layer, probe.weights.inputDims(), probes.dModel));
    const auto set = valueNeuronSet(probe, probes.dModel, ratio);
    if (!c.output("neurons").empty()) {
        auto j = neuronSetJson(set, probes.modelFingerprint, probes.cachePath, file);
        addProbeInitJson(j, probes.options);  // seed etc.: shared-initialisation check (srs iou)
        writeJson(c.output("neurons"), j);
    }
    if (!c.output("csv").empty()) {
        std::string csv = "rank,dim,score\n";  // same layout as `srs neurons --csv`
        for (std::size_t i = 0; i < set.dims.size(); ++i) csv += fmt::format("{},{},{}\n", i, set.dims[i], set.scores[i]);
        writeFileAtomically(c.output("csv"), csv, false);
    }
}

void validateIou(const json& params, const std::string& where) {
    ParamReader p(params, where);
    p.allowOnly({"layer", "ratios", "names"});
    (void)p.integer("layer");
    if (p.numbers("ratios", {}).empty()) p.fail("ratios", "a non-empty array of numbers in [0, 1)");
}

void runIou(const StepRunContext& c) {
    ParamReader p(c.step.parameters, whereOf(c));
    const auto files = inputsWithPrefix(c, "probes");
    // Names as recorded, so that the result reads the same on replay.
    std::vector<std::string> names = p.strings("names", {});
    std::vector<ProbeTrainResult> probes;
    for (const auto& [actual, recorded] : files) probes.push_back(readProbeFile(actual));
    if (names.size() != files.size()) {
        names.clear();
        for (const auto& f : files) names.push_back(f.second);
    }
    const auto m = computeIouMatrix(names, probes, static_cast<int>(p.integer("layer")), p.numbers("ratios", {}));
    if (!c.output("iou").empty()) writeJson(c.output("iou"), iouMatrixJson(m));
    if (!c.output("csv").empty()) writeFileAtomically(c.output("csv"), iouMatrixCsv(m), false);
}

void validateRoute(const json& params, const std::string& where) {
    ParamReader p(params, where);
    p.allowOnly({"layer", "cost_direct", "cost_escalate", "escalate_accuracy"});
    (void)p.integer("layer");
    (void)routeOptionsFromParams(p);
}

void runRoute(const StepRunContext& c) {
    ParamReader p(c.step.parameters, whereOf(c));
    const auto opts = routeOptionsFromParams(p);
    const std::string& file = c.input("probes");
    const auto probes = readProbeFile(file);
    const auto& probe = layerProbe(probes, static_cast<int>(p.integer("layer")), file);
    const auto curve = routeCurve(probe.testVs0, probes.testRewards, opts);
    if (!c.output("route").empty()) writeJson(c.output("route"), routeCurveJson(curve));
    if (!c.output("csv").empty()) writeFileAtomically(c.output("csv"), routeCurveCsv(curve), false);
}

void validateMine(const json& params, const std::string& where) {
    ParamReader p(params, where);
    p.allowOnly({"layer", "top", "min_v"});
    (void)p.integer("layer");
    (void)mineOptionsFromParams(p);
}

void runMine(const StepRunContext& c) {
    ParamReader p(c.step.parameters, whereOf(c));
    const auto opts = mineOptionsFromParams(p);
    const std::string& file = c.input("probes");
    const auto probes = readProbeFile(file);
    const auto& probe = layerProbe(probes, static_cast<int>(p.integer("layer")), file);
    const auto mined = selectConfidentWrong(probes.split.testRollouts, probe.testVs0, probes.testRewards, opts);
    ActivationCacheReader cache(c.input("cache"));
    const auto records = loadMinedRecords(mined, cache.metadata(), c.input("rollouts"));
    std::string text;
    for (const auto& r : records) text += toJsonlLine(r);
    writeFileAtomically(c.output("mined"), text, false);
}

// ---- rollout / capture ----

void validateRollout(const json& params, const std::string& where) {
    ParamReader p(params, where);
    (void)rolloutParamsFromParams(p);
}

void runRollout(const StepRunContext& c) {
    ParamReader pr(c.step.parameters, whereOf(c));
    const auto a = rolloutParamsFromParams(pr);
    RolloutConfig cfg;
    cfg.modelDir = c.modelPath;
    if (c.inputs.count("tokenizer")) cfg.tokenizerPath = c.input("tokenizer");
    if (!a.task.empty()) {
        cfg.items = loadBuiltinBenchmark(a.task);
        cfg.taskName = a.task;
        cfg.dataSource = "builtin:" + a.task;
    } else {
        // Same mapping rules as `srs rollout --data` (app/cli/cmd_rollout.cpp).
        FieldMapping mapping = a.preset.empty() ? FieldMapping{} : presetMapping(a.preset);
        if (!a.questionField.empty()) mapping.question = a.questionField;
        if (!a.answerField.empty()) mapping.answer = a.answerField;
        if (!a.choicesField.empty()) {
            mapping.choices = a.choicesField;
            if (a.preset.empty()) {
                mapping.goldStyle = GoldStyle::ChoiceLetter;
                mapping.kind = TaskKind::Choice;
            }
        }
        if (!a.idField.empty()) mapping.id = a.idField;
        if (!a.grading.empty()) mapping.kind = parseTaskKind(a.grading);
        const std::filesystem::path data(c.input("data"));
        // The recorded file name names the task, as when it was recorded.
        const std::filesystem::path recorded(c.step.input("data")->path);
        cfg.taskName = a.preset.empty() ? recorded.stem().string() : a.preset;
        cfg.items = loadBenchmarkFile(data, mapping, cfg.taskName);
        cfg.dataSource = recorded.filename().string();
        cfg.dataFingerprint = fileContentFingerprint(data);
    }
    if (a.limit > 0 && static_cast<std::size_t>(a.limit) < cfg.items.size())
        cfg.items.resize(static_cast<std::size_t>(a.limit));
    cfg.templateName = a.templateName;
    cfg.samples = a.samples;
    cfg.temperature = a.temperature;
    cfg.topP = a.topP;
    cfg.topK = a.topK;
    cfg.seed = a.seed;
    cfg.maxNewTokens = a.maxNewTokens;
    cfg.batchSize = a.batchSize;
    cfg.runtime.dtype = parseComputeDtype(a.dtype);
    cfg.runtime.device = a.device;
    cfg.runtime.threads = configureThreads(a.threads);
    cfg.outPath = c.output("rollouts");
    (void)runRollouts(cfg, c.job);
}

void validateCapture(const json& params, const std::string& where) {
    ParamReader p(params, where);
    (void)captureParamsFromParams(p);
}

void runCaptureStep(const StepRunContext& c) {
    ParamReader pr(c.step.parameters, whereOf(c));
    const auto a = captureParamsFromParams(pr);
    CaptureOptions o;
    o.modelDir = c.modelPath;
    if (c.inputs.count("tokenizer")) o.tokenizerPath = c.input("tokenizer");
    o.rolloutsPath = c.input("rollouts");
    o.outPath = c.output("cache");
    o.hooks = a.hooks;
    o.storeDtype = parseStoreDtype(a.storeDtype);
    o.tokenStride = a.tokenStride;
    o.batchSize = a.batchSize;
    o.commitEveryRollouts = a.commitEvery;
    o.shardIndex = a.shardIndex;
    o.shardCount = a.shardCount;
    o.runtime.dtype = parseComputeDtype(a.dtype);
    o.runtime.device = a.device;
    o.runtime.threads = configureThreads(a.threads);
    o.layers = parseLayerSpec(a.layers, Checkpoint::open(c.modelPath)->config().numLayers);
    (void)runCapture(o, c.job);
}

}  // namespace

void registerPipelineSteps(StepRegistry& r) {
    r.modelFingerprint = [](const std::string& dir) { return Checkpoint::open(dir)->fingerprint(); };
    r.add({"rollout", "Sample k graded responses per question (srs rollout)", {"seed"}, validateRollout, runRollout, ""});
    r.add({"capture", "Teacher-force rollouts into an activation cache (srs capture)", {}, validateCapture,
           runCaptureStep, ""});
    r.add({"probe-train", "Train value probes per layer (srs probe train)", {"seed"}, validateProbeTrain, runProbeTrain,
           ""});
    r.add({"prune-curve", "Prune curve of value probes (srs probe prune-curve)", {"seed"}, validatePruneCurve,
           runPruneCurve, ""});
    r.add({"neurons", "Value-neuron set of one layer (srs neurons)", {}, validateLayerRatio, runNeurons, ""});
    r.add({"iou", "IoU of value-neuron sets across probe files (srs iou)", {}, validateIou, runIou, ""});
    r.add({"route", "Value-guided routing curve (srs route)", {}, validateRoute, runRoute, ""});
    r.add({"mine-confident-wrong", "Confidently-wrong held-out rollouts (srs mine-confident-wrong)", {}, validateMine,
           runMine, ""});
    registerFigureStep(r);  // figure_step.h: renders through the srs-render executable
}

StepRegistry& pipelineStepRegistry() {
    static StepRegistry* registry = [] {
        auto* r = new StepRegistry;
        registerPipelineSteps(*r);
        registerAnalysisSteps(*r);  // ablate, confidence, dopamine (analysis_steps.h)
        registerGenerateStep(*r);   // playground runs (generate_step.h)
        return r;
    }();
    return *registry;
}

}  // namespace srs::core
