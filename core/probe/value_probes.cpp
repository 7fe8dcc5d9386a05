#include "core/probe/value_probes.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <sstream>

#include "core/cache/activation_cache_reader.h"
#include "core/error.h"
#include "core/probe/probe_evaluation.h"
#include "core/probe/probe_trainer.h"
#include "core/probe/question_split.h"
#include "core/stats/topk.h"

namespace srs::core {

namespace {

int parseLayerNumber(const std::string& text, const std::string& spec) {
    try {
        std::size_t used = 0;
        const int v = std::stoi(text, &used);
        if (used == text.size()) return v;
    } catch (const std::exception&) {
    }
    throw InvalidArgument(fmt::format("--layers '{}': '{}' is not a layer number (expected all or e.g. 0,3,5-7)", spec, text));
}

std::vector<float> pick(const std::vector<float>& v, const std::vector<std::int64_t>& idx) {
    std::vector<float> out;
    out.reserve(idx.size());
    for (auto i : idx) out.push_back(v[static_cast<std::size_t>(i)]);
    return out;
}

std::vector<std::string> pickIds(const std::vector<std::string>& v, const std::vector<std::int64_t>& idx) {
    std::vector<std::string> out;
    out.reserve(idx.size());
    for (auto i : idx) out.push_back(v[static_cast<std::size_t>(i)]);
    return out;
}

double seconds(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

std::vector<int> resolveLayers(const std::string& spec, const std::vector<int>& cacheLayers, const std::string& path) {
    if (spec == "all") return cacheLayers;
    std::vector<int> out;
    std::stringstream ss(spec);
    std::string item;
    while (std::getline(ss, item, ',')) {
        item.erase(std::remove(item.begin(), item.end(), ' '), item.end());
        if (item.empty()) continue;
        const auto dash = item.find('-', 1);
        if (dash == std::string::npos) {
            out.push_back(parseLayerNumber(item, spec));
        } else {
            const int a = parseLayerNumber(item.substr(0, dash), spec), b = parseLayerNumber(item.substr(dash + 1), spec);
            if (b < a) throw InvalidArgument(fmt::format("--layers '{}': range {} is decreasing", spec, item));
            for (int l = a; l <= b; ++l) out.push_back(l);
        }
    }
    if (out.empty()) throw InvalidArgument(fmt::format("--layers '{}' names no layer (expected all or e.g. 0,3,5-7)", spec));
    std::vector<int> unique;
    for (int l : out) {
        if (std::find(cacheLayers.begin(), cacheLayers.end(), l) == cacheLayers.end())
            throw InvalidArgument(fmt::format("{}: layer {} is not in the cache (layers: {})", path, l,
                                              fmt::join(cacheLayers, ", ")));
        if (std::find(unique.begin(), unique.end(), l) == unique.end()) unique.push_back(l);
    }
    return unique;
}

ProbeTrainResult trainValueProbes(const ActivationCacheReader& reader, const std::vector<int>& layers,
                                  const ProbeTrainOptions& options, const JobContext& job) {
    options.validate();
    const auto t0 = std::chrono::steady_clock::now();
    const auto& md = reader.metadata();
    ProbeTrainResult res;
    res.options = options;
    res.cachePath = reader.path();
    res.modelFingerprint = md.schema.modelFingerprint;
    res.dModel = md.schema.dModel;
    res.split = splitByQuestion(md.questionIds, options.testFraction, options.seed, reader.path());
    res.testRewards = pick(md.rewards, res.split.testRollouts);
    auto groups = trainProbeGroups(reader, layers, {ProbeGroupSpec{}}, res.split, options, job);
    res.layers = std::move(groups[0]);
    const auto qids = pickIds(md.questionIds, res.split.testRollouts);
    for (auto& p : res.layers)
        p.eval = evaluateProbe(p.testVs0, p.testVFinal, res.testRewards, qids, options.bootstrap, options.seed);
    res.trainSeconds = seconds(t0);
    return res;
}

std::vector<double> l1DimensionScores(const ProbeWeights& w) {
    const std::int64_t k = w.inputDims();
    const std::int64_t h = w.hidden == 0 ? 1 : w.hidden;
    if (static_cast<std::int64_t>(w.w1.size()) != k * h)
        throw InvalidArgument(fmt::format("probe weights: w1 has {} values, expected {} x {}", w.w1.size(), k, h));
    std::vector<double> s(static_cast<std::size_t>(k), 0.0);
    for (std::int64_t j = 0; j < k; ++j) {
        double acc = 0.0;
        const float* row = w.w1.data() + j * h;
        for (std::int64_t c = 0; c < h; ++c) acc += std::fabs(static_cast<double>(row[c]));
        s[static_cast<std::size_t>(j)] = acc;
    }
    return s;
}

NeuronSet valueNeuronSet(const LayerProbe& probe, std::int64_t dModel, double ratio) {
    const auto scores = l1DimensionScores(probe.weights);
    const std::size_t keep = keepCountForPruneRatio(scores.size(), ratio);
    NeuronSet set;
    set.layer = probe.layer;
    set.ratio = ratio;
    set.dModel = dModel;
    for (std::size_t i : topKIndices(scores, keep)) {
        set.dims.push_back(probe.weights.dims[i]);
        set.scores.push_back(scores[i]);
    }
    return set;
}

PruneCurve pruneCurve(const ActivationCacheReader& reader, const std::vector<int>& layers,
                      const std::vector<double>& ratios, const ProbeTrainOptions& options, const JobContext& job) {
    options.validate();
    if (ratios.empty()) throw InvalidArgument("--ratios: empty list (expected e.g. 0,0.5,0.9,0.99)");
    for (double p : ratios)
        if (!(p >= 0.0 && p < 1.0)) throw InvalidArgument(fmt::format("--ratios: {} is outside [0, 1)", p));
    const auto t0 = std::chrono::steady_clock::now();
    const auto& md = reader.metadata();
    PruneCurve curve;
    curve.options = options;
    curve.cachePath = reader.path();
    curve.modelFingerprint = md.schema.modelFingerprint;
    curve.dModel = md.schema.dModel;
    curve.ratios = ratios;
    curve.layers = layers;
    const QuestionSplit split = splitByQuestion(md.questionIds, options.testFraction, options.seed, reader.path());
    const auto rewards = pick(md.rewards, split.testRollouts);
    const auto qids = pickIds(md.questionIds, split.testRollouts);

    // Pass 1: full probes (ratio 0) -> L1 ranking.
    auto full = trainProbeGroups(reader, layers, {ProbeGroupSpec{}}, split, options, job)[0];
    // Pass 2: one fresh probe per (ratio > 0, layer), all trained together.
    std::vector<ProbeGroupSpec> specs;
    std::vector<std::size_t> specOfRatio(ratios.size(), SIZE_MAX);
    for (std::size_t ri = 0; ri < ratios.size(); ++ri) {
        if (ratios[ri] == 0.0) continue;
        ProbeGroupSpec spec;
        spec.seedOffset = 1000 + ri;
        for (const auto& p : full) {
            auto set = valueNeuronSet(p, md.schema.dModel, ratios[ri]);
            std::sort(set.dims.begin(), set.dims.end());
            spec.dims.push_back(set.dims);
        }
        specOfRatio[ri] = specs.size();
        specs.push_back(std::move(spec));
    }
    std::vector<std::vector<LayerProbe>> pruned;
    if (!specs.empty()) pruned = trainProbeGroups(reader, layers, specs, split, options, job);

    curve.points.resize(layers.size());
    for (std::size_t l = 0; l < layers.size(); ++l) {
        for (std::size_t ri = 0; ri < ratios.size(); ++ri) {
            const LayerProbe& p = specOfRatio[ri] == SIZE_MAX ? full[l] : pruned[specOfRatio[ri]][l];
            PrunePoint pt;
            pt.ratio = ratios[ri];
            pt.kept = p.weights.inputDims();
            pt.eval = evaluateProbe(p.testVs0, p.testVFinal, rewards, qids, options.bootstrap, options.seed);
            pt.finalLoss = p.finalLoss;
            curve.points[l].push_back(std::move(pt));
        }
        job.report("bootstrap", static_cast<std::int64_t>(l + 1), static_cast<std::int64_t>(layers.size()), "layers");
    }
    curve.seconds = seconds(t0);
    return curve;
}

nlohmann::json bootstrapJson(const BootstrapInterval& ci) {
    auto num = [](double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr); };
    nlohmann::json j{{"defined", ci.defined},          {"auroc", num(ci.estimate)},
                     {"ci_low", num(ci.lower)},        {"ci_high", num(ci.upper)},
                     {"level", ci.level},              {"resamples", ci.resamples},
                     {"used_resamples", ci.usedResamples}, {"clusters", ci.clusters}};
    if (!ci.reason.empty()) j["reason"] = ci.reason;
    return j;
}

nlohmann::json neuronSetJson(const NeuronSet& set, const std::string& modelFingerprint, const std::string& cachePath,
                             const std::string& probesPath) {
    return {{"format", "srs-neuron-set"},
            {"format_version", 1},
            {"layer", set.layer},
            {"ratio", set.ratio},
            {"d_model", set.dModel},
            {"count", set.dims.size()},
            {"dims", set.dims},
            {"scores", set.scores},
            {"score", "l1_first_layer_weights"},
            {"model_fingerprint", modelFingerprint},
            {"cache_path", cachePath},
            {"probes_path", probesPath}};
}

nlohmann::json pruneCurveJson(const PruneCurve& c) {
    nlohmann::json layers = nlohmann::json::array();
    for (std::size_t l = 0; l < c.layers.size(); ++l) {
        nlohmann::json pts = nlohmann::json::array();
        for (const auto& p : c.points[l])
            pts.push_back({{"ratio", p.ratio},
                           {"kept", p.kept},
                           {"s0", bootstrapJson(p.eval.aurocS0)},
                           {"final", bootstrapJson(p.eval.aurocFinal)},
                           {"train_loss", p.finalLoss}});
        layers.push_back({{"layer", c.layers[l]}, {"points", pts}});
    }
    return {{"format", "srs-prune-curve"},
            {"format_version", 1},
            {"cache_path", c.cachePath},
            {"model_fingerprint", c.modelFingerprint},
            {"d_model", c.dModel},
            {"method", probeMethodName(c.options.method)},
            {"hook", c.options.hook},
            {"hidden", c.options.hidden},
            {"lr", c.options.lr},
            {"weight_decay", c.options.weightDecay},
            {"gamma", c.options.gamma},
            {"batch_trajectories", c.options.batchTrajectories},
            {"epochs", c.options.epochs},
            {"seed", c.options.seed},
            {"test_fraction", c.options.testFraction},
            {"bootstrap", c.options.bootstrap},
            {"compute_dtype", c.options.computeDtype},
            {"ratios", c.ratios},
            {"seconds", c.seconds},
            {"layers", layers}};
}

std::string pruneCurveCsv(const PruneCurve& c) {
    auto num = [](double v) { return std::isfinite(v) ? fmt::format("{:.6f}", v) : std::string(); };
    std::string out = "layer,ratio,kept,auroc_s0,ci_low_s0,ci_high_s0,auroc_final,ci_low_final,ci_high_final,reason\n";
    for (std::size_t l = 0; l < c.layers.size(); ++l)
        for (const auto& p : c.points[l]) {
            std::string reason = p.eval.aurocS0.reason;
            std::replace(reason.begin(), reason.end(), ',', ';');
            out += fmt::format("{},{},{},{},{},{},{},{},{},{}\n", c.layers[l], p.ratio, p.kept,
                               num(p.eval.aurocS0.estimate), num(p.eval.aurocS0.lower), num(p.eval.aurocS0.upper),
                               num(p.eval.aurocFinal.estimate), num(p.eval.aurocFinal.lower),
                               num(p.eval.aurocFinal.upper), reason);
        }
    return out;
}

}  // namespace srs::core
