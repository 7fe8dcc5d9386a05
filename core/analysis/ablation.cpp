#include "core/analysis/ablation.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <set>

#include "core/cache/activation_cache_reader.h"
#include "core/error.h"
#include "core/model/checkpoint.h"
#include "core/model/generation.h"
#include "core/model/hook_names.h"
#include "core/model/transformer.h"
#include "core/pipeline/rollout_generation.h"
#include "core/pipeline/rollout_record.h"
#include "core/pipeline/rollout_runner.h"
#include "core/probe/probe_file.h"
#include "core/probe/value_probes.h"
#include "core/stats/prng.h"
#include "core/stats/topk.h"
#include "core/tasks/grading.h"
#include "core/tokenizer/prompt_template.h"
#include "core/tokenizer/tokenizer.h"
#include "core/version.h"

namespace srs::core {
namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

constexpr const char* kHook = "resid_post";

struct ConditionName {
    AblationCondition condition;
    const char* name;
};
constexpr ConditionName kConditionNames[] = {
    {AblationCondition::Value, "value"},
    {AblationCondition::Random, "random"},
    {AblationCondition::MagnitudeMatched, "magnitude-matched"},
    {AblationCondition::LargestActivation, "largest-activation"},
    {AblationCondition::McProbe, "mc-probe"},
};

/// Independent random stream per (seed, layer, purpose): splitmix64(splitmix64(seed) ^ (layer*256 + tag)).
std::uint64_t streamSeed(std::uint64_t seed, int layer, std::uint64_t tag) {
    SplitMix64 a(seed);
    SplitMix64 b(a.next() ^ (static_cast<std::uint64_t>(layer) * 256u + tag));
    return b.next();
}

std::string layerList(const std::vector<int>& layers) {
    std::string s;
    for (int l : layers) s += (s.empty() ? "" : ", ") + std::to_string(l);
    return s;
}

const LayerProbe* findProbe(const ProbeTrainResult& probes, int layer) {
    for (const auto& p : probes.layers)
        if (p.layer == layer) return &p;
    return nullptr;
}

std::vector<int> probeLayers(const ProbeTrainResult& probes) {
    std::vector<int> out;
    for (const auto& p : probes.layers) out.push_back(p.layer);
    return out;
}

/// Reads a probes file and checks it belongs to the model and has every layer.
ProbeTrainResult loadProbes(const fs::path& path, const char* option, const std::string& modelFp,
                            const fs::path& modelDir, std::int64_t dModel, const std::vector<int>& layers) {
    ProbeTrainResult probes = readProbeFile(path.string());
    if (probes.modelFingerprint != modelFp)
        throw Error(fmt::format("{} '{}': model_fingerprint {} differs from the model '{}' ({}): the probes were trained "
                                "on another model's activations",
                                option, path.string(), probes.modelFingerprint.empty() ? "(none)" : probes.modelFingerprint,
                                modelDir.string(), modelFp));
    if (probes.dModel != dModel)
        throw Error(fmt::format("{} '{}': d_model {} differs from the model '{}' (hidden_size {})", option,
                                path.string(), probes.dModel, modelDir.string(), dModel));
    for (int l : layers) {
        const LayerProbe* p = findProbe(probes, l);
        if (!p)
            throw Error(fmt::format("{} '{}': no probe for layer {} (layers: {})", option, path.string(), l,
                                    layerList(probeLayers(probes))));
        if (p->weights.inputDims() != dModel)
            throw Error(fmt::format("{} '{}': layer {} probe reads {} of {} dims (expected a full-state probe, not a "
                                    "pruned one)",
                                    option, path.string(), l, p->weights.inputDims(), dModel));
    }
    return probes;
}

json proportionJson(const ProportionInterval& p) {
    return {{"correct", p.successes}, {"total", p.trials}, {"accuracy", p.estimate}, {"ci_low", p.lower},
            {"ci_high", p.upper}};
}

}  // namespace

const char* ablationConditionName(AblationCondition condition) {
    for (const auto& c : kConditionNames)
        if (c.condition == condition) return c.name;
    return "?";
}

AblationCondition parseAblationCondition(const std::string& name) {
    for (const auto& c : kConditionNames)
        if (name == c.name) return c.condition;
    std::string names;
    for (const auto& c : kConditionNames) names += (names.empty() ? "" : ", ") + std::string(c.name);
    throw InvalidArgument(fmt::format("unknown ablation condition '{}' (expected one of: {})", name, names));
}

std::vector<AblationCondition> parseAblationConditions(const std::string& list) {
    std::vector<AblationCondition> out;
    std::size_t start = 0;
    while (start <= list.size()) {
        std::size_t end = list.find(',', start);
        if (end == std::string::npos) end = list.size();
        std::string item = list.substr(start, end - start);
        item.erase(0, item.find_first_not_of(" \t"));
        item.erase(item.find_last_not_of(" \t") + 1);
        if (item.empty())
            throw InvalidArgument(fmt::format("--conditions '{}': empty condition name", list));
        const AblationCondition c = parseAblationCondition(item);
        if (std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
        start = end + 1;
    }
    return out;
}

void AblationOptions::validate() const {
    if (!(ratio > 0.0 && ratio < 1.0))
        throw InvalidArgument(fmt::format("--ratio {} must be in (0, 1) (the fraction of dims NOT ablated)", ratio));
    if (samples < 1) throw InvalidArgument(fmt::format("--samples must be >= 1, got {}", samples));
    if (batchSize < 1) throw InvalidArgument(fmt::format("--batch-size must be >= 1, got {}", batchSize));
    if (maxNewTokens < 1) throw InvalidArgument(fmt::format("--max-new-tokens must be >= 1, got {}", maxNewTokens));
    if (temperature < 0) throw InvalidArgument(fmt::format("--temperature must be >= 0, got {}", temperature));
    if (!(topP > 0.0 && topP <= 1.0)) throw InvalidArgument(fmt::format("--top-p must be in (0, 1], got {}", topP));
    if (layers.empty()) throw InvalidArgument("--layers: no layer given");
    if (conditions.empty()) throw InvalidArgument("--conditions: no condition given");
    if (items.empty()) throw InvalidArgument(fmt::format("{}: no questions to run", dataSource));
    if (probesPath.empty()) throw InvalidArgument("--probes is required");
    if (cachePath.empty()) throw InvalidArgument("--cache is required");
    if (std::find(conditions.begin(), conditions.end(), AblationCondition::McProbe) != conditions.end() &&
        mcProbesPath.empty())
        throw InvalidArgument("condition 'mc-probe' needs --mc-probes (a probes file trained with --method mc)");
    if (!isValidPromptTemplate(templateName)) applyPromptTemplate(templateName, "");  // throws, listing names
}

std::size_t AblationArm::successes() const {
    return static_cast<std::size_t>(std::count(correct.begin(), correct.end(), std::uint8_t{1}));
}

double AblationArm::meanResponseTokens() const {
    if (responseIds.empty()) return 0.0;
    double sum = 0.0;
    for (const auto& r : responseIds) sum += static_cast<double>(r.size());
    return sum / static_cast<double>(responseIds.size());
}

std::vector<double> meanAbsActivation(const ActivationCacheReader& reader, const std::string& hook, int layer,
                                      const JobContext& job) {
    const std::int64_t d = reader.metadata().schema.dModel;
    std::vector<double> sum(static_cast<std::size_t>(d), 0.0);
    std::int64_t rows = 0;
    reader.streamLayer(
        hook, layer, 64,
        [&](const ActivationBatch& b) {
            for (std::int64_t r = 0; r < b.rows.rows; ++r) {
                const float* x = b.rows.row(r);
                for (std::int64_t c = 0; c < d; ++c) sum[static_cast<std::size_t>(c)] += std::fabs(x[c]);
            }
            rows += b.rows.rows;
        },
        job);
    if (rows == 0) throw Error(fmt::format("{}: layer {} has no rows (cannot compute mean |activation|)", reader.path(), layer));
    for (auto& s : sum) s /= static_cast<double>(rows);
    return sum;
}

std::vector<std::int64_t> magnitudeMatchedDims(const std::vector<std::int64_t>& targets,
                                               const std::vector<std::int64_t>& candidates,
                                               const std::vector<double>& meanAbs, std::uint64_t seed) {
    if (candidates.size() < targets.size())
        throw InvalidArgument(fmt::format("magnitude matching: {} candidates for {} targets (need at least as many)",
                                          candidates.size(), targets.size()));
    auto at = [&](std::int64_t dim) {
        if (dim < 0 || static_cast<std::size_t>(dim) >= meanAbs.size())
            throw InvalidArgument(fmt::format("magnitude matching: dim {} outside [0, {})", dim, meanAbs.size()));
        return meanAbs[static_cast<std::size_t>(dim)];
    };
    Xoshiro256 rng(seed);
    std::vector<bool> used(candidates.size(), false);
    std::vector<std::int64_t> out;
    out.reserve(targets.size());
    std::vector<std::size_t> ties;
    for (std::int64_t t : targets) {
        const double want = at(t);
        double best = std::numeric_limits<double>::infinity();
        ties.clear();
        for (std::size_t i = 0; i < candidates.size(); ++i) {
            if (used[i]) continue;
            const double dist = std::fabs(at(candidates[i]) - want);
            if (dist < best) {
                best = dist;
                ties.assign(1, i);
            } else if (dist == best) {
                ties.push_back(i);
            }
        }
        const std::size_t pick = ties.size() == 1 ? ties[0] : ties[rng.uniformBelow(ties.size())];
        used[pick] = true;
        out.push_back(candidates[pick]);
    }
    return out;
}

std::vector<AblationNeuronSet> buildAblationSets(int layer, const std::vector<AblationCondition>& conditions,
                                                 const LayerProbe& valueProbe, const LayerProbe* mcProbe,
                                                 const std::vector<double>& meanAbs, std::int64_t dModel,
                                                 double ratio, std::uint64_t seed) {
    if (static_cast<std::int64_t>(meanAbs.size()) != dModel)
        throw InvalidArgument(fmt::format("layer {}: {} mean |act| values for d_model {}", layer, meanAbs.size(), dModel));
    const NeuronSet value = valueNeuronSet(valueProbe, dModel, ratio);
    const std::size_t k = value.dims.size();
    std::vector<bool> inValue(static_cast<std::size_t>(dModel), false);
    for (auto d : value.dims) inValue[static_cast<std::size_t>(d)] = true;
    std::vector<std::int64_t> complement;
    for (std::int64_t d = 0; d < dModel; ++d)
        if (!inValue[static_cast<std::size_t>(d)]) complement.push_back(d);

    std::vector<AblationNeuronSet> sets;
    for (AblationCondition c : conditions) {
        AblationNeuronSet s;
        s.layer = layer;
        s.condition = c;
        switch (c) {
            case AblationCondition::Value:
                s.dims = value.dims;
                break;
            case AblationCondition::Random: {
                if (complement.size() < k)
                    throw InvalidArgument(fmt::format("ratio {}: a random set of {} dims disjoint from the value set "
                                                      "needs d_model >= {} (have {})",
                                                      ratio, k, 2 * k, dModel));
                // Partial Fisher-Yates over the complement (ascending), first k draws.
                std::vector<std::int64_t> pool = complement;
                Xoshiro256 rng(streamSeed(seed, layer, 1));
                for (std::size_t i = 0; i < k; ++i) {
                    const std::size_t j = i + static_cast<std::size_t>(rng.uniformBelow(pool.size() - i));
                    std::swap(pool[i], pool[j]);
                }
                s.dims.assign(pool.begin(), pool.begin() + static_cast<std::ptrdiff_t>(k));
                break;
            }
            case AblationCondition::MagnitudeMatched:
                if (complement.size() < k)
                    throw InvalidArgument(fmt::format("ratio {}: a matched set of {} dims disjoint from the value set "
                                                      "needs d_model >= {} (have {})",
                                                      ratio, k, 2 * k, dModel));
                s.dims = magnitudeMatchedDims(value.dims, complement, meanAbs, streamSeed(seed, layer, 2));
                break;
            case AblationCondition::LargestActivation:
                for (auto i : topKIndices(meanAbs, k)) s.dims.push_back(static_cast<std::int64_t>(i));
                break;
            case AblationCondition::McProbe: {
                if (!mcProbe)
                    throw InvalidArgument("condition 'mc-probe' needs --mc-probes (a probes file trained with --method mc)");
                const NeuronSet mc = valueNeuronSet(*mcProbe, dModel, ratio);
                s.dims = mc.dims;
                break;
            }
        }
        double sum = 0.0;
        for (auto d : s.dims) {
            s.meanAbs.push_back(meanAbs[static_cast<std::size_t>(d)]);
            sum += meanAbs[static_cast<std::size_t>(d)];
            if (inValue[static_cast<std::size_t>(d)]) ++s.overlapWithValue;
        }
        s.setMeanAbs = s.dims.empty() ? 0.0 : sum / static_cast<double>(s.dims.size());
        sets.push_back(std::move(s));
    }
    return sets;
}

void computeAblationStats(AblationResult& r) {
    const std::size_t rows = r.baseline.correct.size();
    if (rows == 0) throw InvalidArgument("ablation statistics: the baseline has no rows");
    r.baselineAccuracy = wilsonInterval(r.baseline.successes(), rows);
    for (auto& c : r.cells) {
        if (c.arm.correct.size() != rows)
            throw InvalidArgument(fmt::format("ablation statistics: layer {} {} has {} rows, the baseline {}", c.layer,
                                              ablationConditionName(c.condition), c.arm.correct.size(), rows));
        c.accuracy = wilsonInterval(c.arm.successes(), rows);
        c.vsBaseline = newcombeDifference(c.arm.successes(), rows, r.baseline.successes(), rows);
        c.changedResponses = 0;
        for (std::size_t i = 0; i < rows; ++i) {
            const bool haveIds = i < c.arm.responseIds.size() && i < r.baseline.responseIds.size();
            if (haveIds ? c.arm.responseIds[i] != r.baseline.responseIds[i] : c.arm.correct[i] != r.baseline.correct[i])
                ++c.changedResponses;
        }
    }
}

AblationResult runAblation(const AblationOptions& o, const JobContext& job) {
    const auto started = std::chrono::steady_clock::now();
    o.validate();

    // Model, tokenizer and every input file, checked before any generation.
    auto checkpoint = Checkpoint::open(o.modelDir);
    const ModelConfig& mc = checkpoint->config();
    const fs::path tokPath = o.tokenizerPath.empty() ? o.modelDir / "tokenizer.json" : o.tokenizerPath;
    if (!fs::exists(tokPath))
        throw FormatError(fmt::format("{}: not found (ablation needs the model's tokenizer.json; pass --tokenizer)",
                                      tokPath.string()));
    const std::int64_t dModel = mc.hiddenSize;
    for (int l : o.layers)
        if (l < 0 || l >= mc.numLayers)
            throw Error(fmt::format("layer {} is not a layer of the model '{}' (layers 0..{})", l, o.modelDir.string(),
                                    mc.numLayers - 1));

    AblationResult res;
    res.softwareVersion = versionString();
    res.modelDir = o.modelDir.string();
    res.modelFingerprint = checkpoint->fingerprint();
    res.dModel = dModel;

    ActivationCacheReader reader(o.cachePath.string());
    const CacheSchema& schema = reader.metadata().schema;
    if (schema.modelFingerprint != res.modelFingerprint)
        throw Error(fmt::format("--cache '{}': model_fingerprint {} differs from the model '{}' ({})",
                                o.cachePath.string(), schema.modelFingerprint, o.modelDir.string(), res.modelFingerprint));
    if (schema.dModel != dModel)
        throw Error(fmt::format("--cache '{}': d_model {} differs from the model '{}' (hidden_size {})",
                                o.cachePath.string(), schema.dModel, o.modelDir.string(), dModel));
    if (std::find(schema.hooks.begin(), schema.hooks.end(), kHook) == schema.hooks.end())
        throw Error(fmt::format("--cache '{}': no '{}' activations (the ablation edits blocks.L.hook_resid_post)",
                                o.cachePath.string(), kHook));
    for (int l : o.layers)
        if (std::find(schema.layers.begin(), schema.layers.end(), l) == schema.layers.end())
            throw Error(fmt::format("--cache '{}': layer {} is not in the cache (layers: {})", o.cachePath.string(), l,
                                    layerList(schema.layers)));

    const ProbeTrainResult probes = loadProbes(o.probesPath, "--probes", res.modelFingerprint, o.modelDir, dModel, o.layers);
    if (probes.options.method != ProbeMethod::Td)
        throw Error(fmt::format("--probes '{}': method is '{}', expected 'td' (the value probe; pass an MC probe as "
                                "--mc-probes)",
                                o.probesPath.string(), probeMethodName(probes.options.method)));
    const bool wantMc = std::find(o.conditions.begin(), o.conditions.end(), AblationCondition::McProbe) !=
                        o.conditions.end();
    ProbeTrainResult mcProbes;
    if (wantMc) mcProbes = loadProbes(o.mcProbesPath, "--mc-probes", res.modelFingerprint, o.modelDir, dModel, o.layers);

    res.probesPath = o.probesPath.string();
    res.probesFingerprint = fileContentFingerprint(o.probesPath);
    if (wantMc) {
        res.mcProbesPath = o.mcProbesPath.string();
        res.mcProbesFingerprint = fileContentFingerprint(o.mcProbesPath);
    }
    res.cachePath = o.cachePath.string();
    res.cacheFingerprint = fileContentFingerprint(o.cachePath);

    const Tokenizer tokenizer = Tokenizer::fromFile(tokPath);
    res.tokenizerFingerprint = tokenizer.fingerprint();

    // Prompts (same construction as `srs rollout`).
    std::vector<std::vector<int>> questionIds;
    std::set<std::string> seen;
    for (const auto& item : o.items) {
        if (!seen.insert(item.id).second)
            throw FormatError(fmt::format("{}: duplicate question id '{}' (expected unique ids)", o.dataSource, item.id));
        std::vector<int> ids = tokenizer.encode(applyPromptTemplate(o.templateName, formatQuestion(item)));
        if (ids.empty()) throw InvalidArgument(fmt::format("question '{}': the prompt is empty", item.id));
        for (int id : ids)
            if (id < 0 || id >= mc.vocabSize)
                throw Error(fmt::format("question '{}': prompt token id {} is outside the model's vocabulary (size {}); "
                                        "the tokenizer '{}' does not fit the model",
                                        item.id, id, mc.vocabSize, tokPath.string()));
        questionIds.push_back(std::move(ids));
    }
    std::vector<const std::vector<int>*> rowPrompts;
    std::vector<const TaskItem*> rowItems;
    for (std::size_t q = 0; q < o.items.size(); ++q)
        for (int k = 0; k < o.samples; ++k) {
            rowPrompts.push_back(&questionIds[q]);
            rowItems.push_back(&o.items[q]);
            res.questionIds.push_back(o.items[q].id);
            res.sampleIndex.push_back(k);
            res.rowSeeds.push_back(rolloutSeed(o.seed, o.items[q].id, k));
        }
    const std::size_t rows = rowPrompts.size();

    SamplingOptions so;
    so.greedy = o.temperature == 0.0;
    so.temperature = so.greedy ? 1.0 : o.temperature;
    so.topP = o.topP;
    so.topK = o.topK;
    so.maxNewTokens = o.maxNewTokens;
    so.stopIds = rolloutStopIds(mc, tokenizer);

    std::vector<std::string> conditionNames;
    for (auto c : o.conditions) conditionNames.push_back(ablationConditionName(c));
    res.settings = {{"task", o.taskName},
                    {"data", o.dataSource},
                    {"data_fingerprint", o.dataFingerprint},
                    {"questions", o.items.size()},
                    {"template", o.templateName},
                    {"samples", o.samples},
                    {"temperature", o.temperature},
                    {"top_p", o.topP},
                    {"top_k", o.topK},
                    {"seed", o.seed},
                    {"max_new_tokens", o.maxNewTokens},
                    {"stop_ids", so.stopIds},
                    {"batch_size", o.batchSize},
                    {"compute_dtype", computeDtypeName(o.runtime.dtype)},
                    {"hook", kHook},
                    {"layers", o.layers},
                    {"conditions", conditionNames},
                    {"ratio", o.ratio},
                    {"op", interventionOpName(o.op)},
                    {"op_value", o.opValue}};

    // Neuron sets.
    for (int l : o.layers) {
        job.checkCancelled();
        const std::vector<double> meanAbs = meanAbsActivation(reader, kHook, l, job);
        auto sets = buildAblationSets(l, o.conditions, *findProbe(probes, l), wantMc ? findProbe(mcProbes, l) : nullptr,
                                      meanAbs, dModel, o.ratio, o.seed);
        for (auto& s : sets) res.sets.push_back(std::move(s));
    }
    res.setSize = res.sets.empty() ? 0 : res.sets.front().dims.size();

    // Generation: the baseline, then every (layer, condition), all with the same row seeds.
    Transformer model(checkpoint, o.runtime);
    const std::int64_t total = static_cast<std::int64_t>(rows * (1 + res.sets.size()));
    std::int64_t done = 0;
    job.report("ablation", 0, total, "generations");
    const JobContext cancelOnly({}, job.cancelToken());
    auto runArm = [&](const std::vector<Intervention>& interventions) {
        AblationArm arm;
        arm.correct.resize(rows);
        arm.responseIds.resize(rows);
        const auto batch = static_cast<std::size_t>(o.batchSize);
        for (std::size_t first = 0; first < rows; first += batch) {
            job.checkCancelled();
            const std::size_t last = std::min(rows, first + batch);
            std::vector<std::vector<int>> prompts;
            std::vector<std::uint64_t> seeds;
            for (std::size_t i = first; i < last; ++i) {
                prompts.push_back(*rowPrompts[i]);
                seeds.push_back(res.rowSeeds[i]);
            }
            auto out = generateWithRowSeeds(model, prompts, seeds, so, &cancelOnly, interventions);
            for (std::size_t i = first; i < last; ++i) {
                const auto& item = *rowItems[i];
                const GradeResult g = grade(tokenizer.decode(out[i - first].ids), item.gold, parseTaskKind(item.task));
                arm.correct[i] = g.reward > 0.5 ? 1 : 0;
                arm.responseIds[i] = std::move(out[i - first].ids);
            }
            done += static_cast<std::int64_t>(last - first);
            job.report("ablation", done, total, "generations");
        }
        return arm;
    };

    res.baseline = runArm({});
    for (std::size_t i = 0; i < res.sets.size(); ++i) {
        const auto& set = res.sets[i];
        Intervention iv;
        iv.hook = hooks::residPost(set.layer);
        iv.dims = set.dims;
        iv.op = o.op;
        iv.value = o.opValue;
        AblationCell cell;
        cell.layer = set.layer;
        cell.condition = set.condition;
        cell.setIndex = i;
        cell.arm = runArm({iv});
        res.cells.push_back(std::move(cell));
    }
    computeAblationStats(res);
    res.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return res;
}

json ablationJson(const AblationResult& r) {
    json j;
    j["format"] = "srs-ablation";
    j["format_version"] = 1;
    j["software_version"] = r.softwareVersion;
    j["model_dir"] = r.modelDir;
    j["model_fingerprint"] = r.modelFingerprint;
    j["tokenizer_fingerprint"] = r.tokenizerFingerprint;
    j["probes_path"] = r.probesPath;
    j["probes_fingerprint"] = r.probesFingerprint;
    j["mc_probes_path"] = r.mcProbesPath.empty() ? json(nullptr) : json(r.mcProbesPath);
    j["mc_probes_fingerprint"] = r.mcProbesFingerprint.empty() ? json(nullptr) : json(r.mcProbesFingerprint);
    j["cache_path"] = r.cachePath;
    j["cache_fingerprint"] = r.cacheFingerprint;
    j["settings"] = r.settings;
    j["d_model"] = r.dModel;
    j["set_size"] = r.setSize;
    j["rows"] = r.baseline.correct.size();
    j["seconds"] = r.seconds;

    json base = proportionJson(r.baselineAccuracy);
    base["mean_response_tokens"] = r.baseline.meanResponseTokens();
    j["baseline"] = base;

    json sets = json::array();
    for (const auto& s : r.sets)
        sets.push_back({{"layer", s.layer},
                        {"condition", ablationConditionName(s.condition)},
                        {"dims", s.dims},
                        {"mean_abs", s.meanAbs},
                        {"set_mean_abs", s.setMeanAbs},
                        {"overlap_with_value", s.overlapWithValue}});
    j["sets"] = sets;

    json cells = json::array();
    for (const auto& c : r.cells) {
        json cell = proportionJson(c.accuracy);
        cell["layer"] = c.layer;
        cell["condition"] = ablationConditionName(c.condition);
        cell["set"] = c.setIndex;
        cell["diff_vs_baseline"] = c.vsBaseline.difference;
        cell["diff_ci_low"] = c.vsBaseline.lower;
        cell["diff_ci_high"] = c.vsBaseline.upper;
        cell["changed_responses"] = c.changedResponses;
        cell["mean_response_tokens"] = c.arm.meanResponseTokens();
        cell["row_correct"] = c.arm.correct;
        cells.push_back(std::move(cell));
    }
    j["cells"] = cells;
    j["per_row"] = {{"question_id", r.questionIds},
                    {"sample_index", r.sampleIndex},
                    {"seed", r.rowSeeds},
                    {"baseline_correct", r.baseline.correct}};
    return j;
}

std::string ablationCsv(const AblationResult& r) {
    std::string csv =
        "layer,condition,set_size,set_mean_abs,overlap_with_value,correct,total,accuracy,ci_low,ci_high,"
        "diff_vs_baseline,diff_ci_low,diff_ci_high,changed_responses\n";
    const auto& b = r.baselineAccuracy;
    csv += fmt::format(",baseline,0,,,{},{},{},{},{},,,,0\n", b.successes, b.trials, b.estimate, b.lower, b.upper);
    for (const auto& c : r.cells) {
        const auto& s = r.sets[c.setIndex];
        csv += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", c.layer, ablationConditionName(c.condition),
                           s.dims.size(), s.setMeanAbs, s.overlapWithValue, c.accuracy.successes, c.accuracy.trials,
                           c.accuracy.estimate, c.accuracy.lower, c.accuracy.upper, c.vsBaseline.difference,
                           c.vsBaseline.lower, c.vsBaseline.upper, c.changedResponses);
    }
    return csv;
}

}  // namespace srs::core
