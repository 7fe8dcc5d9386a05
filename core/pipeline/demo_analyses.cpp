#include "core/pipeline/demo_analyses.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "core/analysis/ablation.h"
#include "core/analysis/confidence.h"
#include "core/analysis/confident_wrong.h"
#include "core/analysis/value_routing.h"
#include "core/probe/probe_options.h"
#include "core/session/steps/analysis_steps.h"
#include "core/session/steps/step_params.h"

namespace srs::core {
namespace fs = std::filesystem;
using json = nlohmann::json;
namespace {

json readJson(const fs::path& path) {
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    return json::parse(ss.str(), nullptr, /*allow_exceptions=*/false);
}

std::string layerList(const std::vector<int>& layers) {
    std::string s;
    for (int l : layers) s += (s.empty() ? "" : ",") + std::to_string(l);
    return s;
}

}  // namespace

json runDemoAnalyses(const DemoAnalysisContext& ctx) {
    const DemoOptions& o = ctx.options;
    const fs::path dir = ctx.out / "analyses";
    fs::create_directories(dir);
    json summary;
    const auto& fams = ctx.files.families;

    // 1. Prune curve of each family's best layer (fresh, smaller probes: a cost knob).
    for (const auto& f : fams) {
        ProbeTrainOptions po;
        po.seed = f.probeSeed;  // the same question split as the family's TD probes
        po.epochs = o.pruneEpochs;
        po.hidden = o.pruneHidden;
        po.threads = ctx.threads;
        po.bootstrap = o.bootstrap;
        const std::vector<double> ratios{0, 0.5, 0.8, 0.9, 0.95, 0.98, 0.99, 0.995};
        const fs::path curve = dir / (f.name + "-prune-curve.json"), csv = dir / (f.name + "-prune-curve.csv");
        ctx.run({"prune-curve", fmt::format("prune curve {} layer {}", f.name, f.bestLayer),
                 pruneCurveParams(std::to_string(f.bestLayer), ratios, po), {{"cache", f.cache}},
                 {{"curve", curve}, {"csv", csv}}, {}});
        summary["prune_curve"][f.name] = {{"file", curve.string()}, {"layer", f.bestLayer}};
        ctx.say(fmt::format("{}: prune curve of layer {} -> {}", f.name, f.bestLayer, curve.string()));
    }

    // 2. Value neurons of every layer of every family.
    for (const auto& f : fams)
        for (int layer : f.layers) {
            const fs::path nj = dir / fmt::format("{}-neurons-layer{}.json", f.name, layer);
            const fs::path nc = dir / fmt::format("{}-neurons-layer{}.csv", f.name, layer);
            ctx.run({"neurons", fmt::format("value neurons {} layer {}", f.name, layer), neuronsParams(layer, o.neuronRatio),
                     {{"probes", f.probes}}, {{"neurons", nj}, {"csv", nc}}, {}});
            summary["neurons"][f.name][std::to_string(layer)] = nj.string();
        }

    // 3. IoU of the families' value-neuron sets, per layer (exact expected IoU of random sets).
    if (fams.size() >= 2) {
        for (int layer : fams.front().layers) {
            std::vector<std::pair<std::string, fs::path>> inputs;
            std::vector<std::string> names;
            for (std::size_t i = 0; i < fams.size(); ++i) {
                inputs.emplace_back(fmt::format("probes.{}", i), fams[i].probes);
                names.push_back(ctx.stored(fams[i].probes));
            }
            const fs::path ij = dir / fmt::format("iou-layer{}.json", layer);
            const fs::path ic = dir / fmt::format("iou-layer{}.csv", layer);
            ctx.run({"iou", fmt::format("IoU across families, layer {}", layer), iouParams(layer, o.iouRatios, names),
                     inputs, {{"iou", ij}, {"csv", ic}}, {}});
            summary["iou"][std::to_string(layer)] = ij.string();
        }
        ctx.say(fmt::format("IoU across {} families on {} layers", fams.size(), fams.front().layers.size()));
    }

    // 4. Routing curve and confidently-wrong rollouts at each family's best layer.
    for (const auto& f : fams) {
        const fs::path rj = dir / (f.name + "-route.json"), rc = dir / (f.name + "-route.csv");
        ctx.run({"route", fmt::format("route {} layer {}", f.name, f.bestLayer), routeParams(f.bestLayer, RouteOptions{}),
                 {{"probes", f.probes}}, {{"route", rj}, {"csv", rc}}, {}});
        MineOptions mo;
        mo.top = static_cast<std::size_t>(std::max(1, o.mineTop));
        const fs::path mined = dir / (f.name + "-confident-wrong.jsonl");
        ctx.run({"mine-confident-wrong", fmt::format("confidently wrong {} layer {}", f.name, f.bestLayer),
                 mineParams(f.bestLayer, mo), {{"probes", f.probes}, {"cache", f.cache}, {"rollouts", f.rollouts}},
                 {{"mined", mined}}, {}});
        summary["route"][f.name] = rj.string();
        summary["confident_wrong"][f.name] = mined.string();
    }

    // 5. Ablation on one family: MC probes (for the mc-probe control), then baseline + the five
    //    conditions on every layer, on a subset of questions and samples (generation is the cost).
    if (o.ablateFamily != "none") {
        const DemoFamily* f = &fams.front();
        for (const auto& g : fams)
            if (g.name == o.ablateFamily) f = &g;
        if (!o.ablateFamily.empty() && f->name != o.ablateFamily)
            ctx.say(fmt::format("ablation: family '{}' not found, using '{}'", o.ablateFamily, f->name));
        ProbeTrainOptions po;
        po.method = ProbeMethod::Mc;
        // A seed no TD probe uses: with the TD probe's seed the MC probe would start from the
        // same weights and pick the same dims for that reason alone.
        std::uint64_t mcSeed = o.seed;
        for (const auto& g : fams) mcSeed = std::max(mcSeed, g.probeSeed + 1);
        po.seed = mcSeed;
        po.epochs = o.probeEpochs;
        po.hidden = o.probeHidden;
        po.threads = ctx.threads;
        po.bootstrap = o.bootstrap;
        const fs::path mcProbes = ctx.out / "probes" / (f->name + "_mc.h5");
        ctx.run({"probe-train", "MC probes " + f->name, probeTrainParams("all", po), {{"cache", f->cache}},
                 {{"probes", mcProbes}}, {}});

        AblationOptions ao;
        ao.templateName = ctx.templ;
        ao.samples = o.ablateSamples;
        ao.temperature = 1.0;
        ao.seed = o.seed;
        ao.maxNewTokens = o.maxNewTokens;
        ao.batchSize = 32;
        ao.runtime.threads = ctx.threads;
        ao.conditions = parseAblationConditions("value,random,magnitude-matched,largest-activation,mc-probe");
        ao.ratio = o.ablateRatio;
        AblateQuestionSource src;
        src.idField = "id";
        src.limit = o.ablateLimit > 0 ? o.ablateLimit : o.limit;
        const fs::path aj = dir / (f->name + "-ablation.json"), ac = dir / (f->name + "-ablation.csv");
        const std::map<std::string, std::string> paths{{"model_dir", ctx.stored(ctx.modelDir)},
                                                       {"probes", ctx.stored(f->probes)},
                                                       {"mc_probes", ctx.stored(mcProbes)},
                                                       {"cache", ctx.stored(f->cache)}};
        ctx.run({"ablate", fmt::format("ablation {} layers {}", f->name, layerList(f->layers)),
                 ablateParams(src, ao, layerList(f->layers), paths),
                 {{"data", f->data}, {"probes", f->probes}, {"mc_probes", mcProbes}, {"cache", f->cache}},
                 {{"ablation", aj}, {"csv", ac}}, ctx.modelDir});
        const json r = readJson(aj);
        json cells = json::array();
        if (r.is_object() && r.contains("cells"))
            for (const auto& c : r["cells"])
                cells.push_back({{"layer", c.value("layer", -1)},
                                 {"condition", c.value("condition", "")},
                                 {"accuracy", c.value("accuracy", json(nullptr))},
                                 {"diff_vs_baseline", c.value("diff_vs_baseline", json(nullptr))}});
        summary["ablation"] = {{"file", aj.string()},
                               {"family", f->name},
                               {"baseline", r.is_object() ? r.value("baseline", json(nullptr)) : json(nullptr)},
                               {"cells", cells}};
        ctx.say(fmt::format("{}: ablation of layers {} x 5 conditions -> {}", f->name, layerList(f->layers), aj.string()));
    }

    // 6. Dopamine neurons at each family's best layer: TD errors of its probe, dims ranked by
    //    Spearman with delta_t, a small MLP on the top candidates vs random dims, a few traces.
    for (const auto& f : fams) {
        DopamineOptions dop;
        dop.layer = f.bestLayer;
        dop.candidates = std::min<int>(o.dopamineCandidates, static_cast<int>(f.dModel / 2));
        dop.epochs = o.dopamineEpochs;
        dop.seed = o.seed;
        dop.threads = ctx.threads;
        dop.traces = o.dopamineTraces;
        const fs::path tokenizer = ctx.modelDir / "tokenizer.json";
        const fs::path dj = dir / (f.name + "-dopamine.json"), dc = dir / (f.name + "-dopamine.csv");
        const std::map<std::string, std::string> paths{{"cache", ctx.stored(f.cache)},
                                                       {"probes", ctx.stored(f.probes)},
                                                       {"tokenizer", ctx.stored(tokenizer)}};
        ctx.run({"dopamine", fmt::format("dopamine {} layer {}", f.name, f.bestLayer), dopamineParams(dop, paths),
                 {{"cache", f.cache}, {"probes", f.probes}, {"tokenizer", tokenizer}},
                 {{"dopamine", dj}, {"csv", dc}}, {}});
        summary["dopamine"][f.name] = {{"file", dj.string()}, {"layer", f.bestLayer}};
    }
    ctx.say("dopamine neurons done");

    // 7. Confidence signals at each family's best layer (verbalized: the Q:/A: prompt).
    for (const auto& f : fams) {
        ConfidenceOptions co;
        co.layer = f.bestLayer;
        co.verbalTemplate = o.verbalTemplate;
        co.stats.bootstrap = o.bootstrap;
        co.stats.seed = o.seed;
        co.batchSize = 16;
        co.runtime.threads = ctx.threads;
        const fs::path cj = dir / (f.name + "-confidence.json");
        const fs::path cq = dir / (f.name + "-confidence-questions.csv");
        const fs::path cs = dir / (f.name + "-confidence.csv");
        const std::map<std::string, std::string> paths{{"model_dir", ctx.stored(ctx.modelDir)},
                                                       {"rollouts", ctx.stored(f.rollouts)},
                                                       {"probes", ctx.stored(f.probes)},
                                                       {"cache", ctx.stored(f.cache)}};
        ctx.run({"confidence", fmt::format("confidence {} layer {}", f.name, f.bestLayer), confidenceParams(co, paths),
                 {{"rollouts", f.rollouts}, {"probes", f.probes}, {"cache", f.cache}},
                 {{"confidence", cj}, {"csv", cq}, {"stats_csv", cs}}, ctx.modelDir});
        const json r = readJson(cj);
        json sig = json::object();
        if (r.is_object() && r.contains("signals"))
            for (const auto& s : r["signals"]) sig[s.value("name", "?")] = s.value("auroc", json(nullptr));
        json verbal = r.is_object() ? r.value("verbal", json::object()) : json::object();
        summary["confidence"][f.name] = {{"file", cj.string()},
                                         {"layer", f.bestLayer},
                                         {"verbal_parse_rate", verbal.value("parse_rate", json(nullptr))},
                                         {"auroc", sig}};
    }
    ctx.say("confidence signals done");
    return summary;
}

}  // namespace srs::core
