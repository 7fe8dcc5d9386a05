#include "core/pipeline/demo_pipeline.h"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <map>
#include <sstream>

#include <fmt/format.h>

#include "core/analysis/ablation.h"
#include "core/analysis/confidence.h"
#include "core/analysis/confident_wrong.h"
#include "core/analysis/value_routing.h"
#include "core/cache/activation_cache_reader.h"
#include "core/error.h"
#include "core/io/atomic_file.h"
#include "core/model/runtime.h"
#include "core/pipeline/demo_analyses.h"
#include "core/pipeline/demo_eval.h"
#include "core/pipeline/demo_figures.h"
#include "core/pipeline/demo_session.h"
#include "core/probe/probe_file.h"
#include "core/session/steps/analysis_steps.h"
#include "core/session/steps/pipeline_steps.h"
#include "core/session/steps/step_params.h"
#include "core/util/resource_paths.h"

namespace srs::core {
namespace fs = std::filesystem;
using json = nlohmann::json;
namespace {

double secondsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

json readJsonFile(const fs::path& path) {
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    return json::parse(ss.str());
}

json aurocJson(const BootstrapInterval& a) {
    return {{"auroc", a.defined ? json(a.estimate) : json(nullptr)}, {"ci", {a.lower, a.upper}}, {"reason", a.reason}};
}

/// Layer with the highest defined held-out AUROC of V(s_0) (ties: the lower layer); the
/// first layer when none is defined.
int bestLayer(const ProbeTrainResult& probes) {
    int best = probes.layers.empty() ? 0 : probes.layers.front().layer;
    double bestAuroc = -1.0;
    for (const auto& lp : probes.layers)
        if (lp.eval.aurocS0.defined && lp.eval.aurocS0.estimate > bestAuroc) {
            bestAuroc = lp.eval.aurocS0.estimate;
            best = lp.layer;
        }
    return best;
}

}  // namespace

json runDemo(const DemoOptions& options, const JobContext& job, const std::function<void(const std::string&)>& log) {
    auto say = [&](const std::string& line) {
        if (log) log(line);
    };
    const fs::path modelDir =
        fs::absolute(options.modelDir.empty() ? resourceDir() / "demo" : options.modelDir).lexically_normal();
    const DemoManifest manifest = readDemoManifest(modelDir);
    const fs::path out = fs::absolute(options.outDir).lexically_normal();
    for (const char* sub : {"rollouts", "caches", "probes", "analyses"}) fs::create_directories(out / sub);
    const int threads = configureThreads(options.threads);  // recorded resolved: replays match bit for bit

    DemoSessionRunner steps(out / "demo.srs.json", pipelineStepRegistry(), job, say);
    std::map<std::string, double> kindSeconds;
    auto run = [&](const DemoStepSpec& spec) -> const SessionStep& {
        const auto t0 = std::chrono::steady_clock::now();
        const SessionStep& s = steps.run(spec);
        kindSeconds[spec.kind] += secondsSince(t0);
        return s;
    };

    json summary;
    summary["model"] = modelDir.string();
    summary["session"] = (out / "demo.srs.json").string();
    summary["settings"] = {{"limit", options.limit},         {"samples", options.samples},
                           {"seed", options.seed},           {"max_new_tokens", options.maxNewTokens},
                           {"template", manifest.templ},     {"probe_epochs", options.probeEpochs},
                           {"probe_hidden", options.probeHidden}, {"threads", threads}};
    const auto start = std::chrono::steady_clock::now();

    DemoFamilyFiles files;  // what the analyses read
    std::uint64_t familyIndex = 0;
    for (const auto& [family, testFile] : manifest.families) {
        job.checkCancelled();
        // Each family's probes get their own seed: probes of one seed start from the same
        // initial weights, which makes their value-neuron sets overlap whatever they learn.
        const std::uint64_t probeSeed = options.seed + familyIndex++;
        json fam;
        // 1. Rollouts (a finished file is read back, a partial one resumed).
        RolloutStepParams rp;
        rp.idField = "id";
        rp.limit = options.limit;
        rp.samples = options.samples;
        rp.templateName = manifest.templ;
        rp.temperature = 1.0;
        rp.seed = options.seed;
        rp.maxNewTokens = options.maxNewTokens;
        rp.batchSize = 32;
        rp.threads = threads;
        const fs::path rollouts = out / "rollouts" / (family + ".jsonl");
        auto t0 = std::chrono::steady_clock::now();
        run({"rollout", "rollouts " + family, rolloutParamsToJson(rp), {{"data", testFile}}, {{"rollouts", rollouts}},
             modelDir});
        say(fmt::format("{}: rollouts in {:.1f} s", family, secondsSince(t0)));

        // 2. Capture every layer's residual stream.
        CaptureStepParams cp;
        cp.storeDtype = "float16";
        cp.batchSize = 16;
        cp.threads = threads;
        const fs::path cache = out / "caches" / (family + ".h5");
        t0 = std::chrono::steady_clock::now();
        run({"capture", "cache " + family, captureParamsToJson(cp), {{"rollouts", rollouts}}, {{"cache", cache}},
             modelDir});
        ActivationCacheReader reader(cache.string());
        const CacheMetadata& meta = reader.metadata();
        const double accuracy = meta.meanReward();
        fam["accuracy"] = accuracy;
        fam["rollouts"] = {{"file", rollouts.string()}, {"count", meta.numRollouts}};
        fam["cache"] = {{"file", cache.string()}, {"layers", meta.schema.layers}, {"rows", meta.numRows}};
        say(fmt::format("{}: sampled accuracy {:.1f}%, cache {} ({} layers) in {:.1f} s", family, 100 * accuracy,
                        cache.string(), meta.schema.layers.size(), secondsSince(t0)));

        // 3. TD value probes on every layer; AUROC of V(s_0) on held-out questions.
        if (options.probes) {
            ProbeTrainOptions po;
            po.seed = probeSeed;
            po.epochs = options.probeEpochs;
            po.hidden = options.probeHidden;
            po.threads = threads;
            po.bootstrap = options.bootstrap;
            const fs::path probesPath = out / "probes" / (family + ".h5");
            t0 = std::chrono::steady_clock::now();
            run({"probe-train", "TD probes " + family, probeTrainParams("all", po), {{"cache", cache}},
                 {{"probes", probesPath}}, {}});
            const ProbeTrainResult result = readProbeFile(probesPath.string());
            json layers = json::array();
            for (const auto& lp : result.layers) {
                const auto& a = lp.eval.aurocS0;
                json l = aurocJson(a);
                l["layer"] = lp.layer;
                l["auroc_s0"] = l["auroc"];
                layers.push_back(l);
                say(fmt::format("{}: layer {} AUROC(V(s_0)) {}", family, lp.layer,
                                a.defined ? fmt::format("{:.3f} [{:.3f}, {:.3f}]", a.estimate, a.lower, a.upper)
                                          : a.reason));
            }
            const int best = bestLayer(result);
            fam["probes"] = {{"file", probesPath.string()}, {"seed", probeSeed}, {"layers", layers},
                             {"best_layer", best}, {"seconds", secondsSince(t0)}};
            files.families.push_back({family, testFile, rollouts, cache, probesPath, best, result.dModel,
                                      meta.schema.layers, probeSeed});
        }
        summary["families"][family] = fam;
    }

    if (options.probes && options.analyses && !files.families.empty()) {
        DemoAnalysisContext ctx{options, out, modelDir, manifest.templ, threads, files, run, say,
                                [&](const fs::path& p) { return steps.stored(p); }, job};
        summary["analyses"] = runDemoAnalyses(ctx);
        if (options.figures) {
            const json& ab = summary["analyses"];
            const fs::path ablation =
                ab.contains("ablation") ? fs::path(ab["ablation"].value("file", std::string())) : fs::path();
            summary["figures"] = runDemoFigures(steps, out, files.families.front(), ablation, say);
        }
    }

    json kinds = json::object();
    for (const auto& [k, s] : kindSeconds) kinds[k] = s;
    summary["step_seconds"] = kinds;
    summary["steps"] = steps.session().steps.size();
    summary["steps_reused"] = steps.reusedSteps();
    summary["seconds"] = secondsSince(start);
    writeFileAtomically(out / "demo_summary.json", summary.dump(2) + "\n", /*overwrite=*/true);
    return summary;
}

}  // namespace srs::core
