#include "core/pipeline/demo_pipeline.h"

#include <chrono>

#include <fmt/format.h>

#include "core/cache/activation_cache_reader.h"
#include "core/error.h"
#include "core/io/atomic_file.h"
#include "core/pipeline/capture_runner.h"
#include "core/pipeline/demo_eval.h"
#include "core/pipeline/rollout_runner.h"
#include "core/probe/value_probes.h"
#include "core/probe/probe_file.h"
#include "core/tasks/benchmark.h"
#include "core/util/resource_paths.h"

namespace srs::core {
namespace fs = std::filesystem;
namespace {

double secondsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

bool isCompleteCache(const fs::path& path) {
    if (!fs::exists(path)) return false;
    try {
        ActivationCacheReader reader(path.string());
        return true;
    } catch (const Error&) {
        return false;
    }
}

}  // namespace

nlohmann::json runDemo(const DemoOptions& options, const JobContext& job,
                       const std::function<void(const std::string&)>& log) {
    auto say = [&](const std::string& line) {
        if (log) log(line);
    };
    const fs::path modelDir = options.modelDir.empty() ? resourceDir() / "demo" : options.modelDir;
    const DemoManifest manifest = readDemoManifest(modelDir);
    fs::create_directories(options.outDir / "rollouts");
    fs::create_directories(options.outDir / "caches");
    fs::create_directories(options.outDir / "probes");

    RuntimeOptions runtime;
    runtime.threads = options.threads;

    nlohmann::json summary;
    summary["model"] = fs::absolute(modelDir).string();
    summary["settings"] = {{"limit", options.limit},         {"samples", options.samples},
                           {"seed", options.seed},           {"max_new_tokens", options.maxNewTokens},
                           {"template", manifest.templ},     {"probe_epochs", options.probeEpochs}};
    const auto start = std::chrono::steady_clock::now();
    for (const auto& [family, testFile] : manifest.families) {
        job.checkCancelled();
        nlohmann::json fam;
        FieldMapping mapping;
        mapping.id = "id";
        std::vector<TaskItem> items = loadBenchmarkFile(testFile, mapping, family);
        if (options.limit > 0 && static_cast<int>(items.size()) > options.limit) items.resize(options.limit);

        // 1. Rollouts (resumable: a finished file is read back and nothing is regenerated).
        RolloutConfig rc;
        rc.modelDir = modelDir;
        rc.items = items;
        rc.taskName = family;
        rc.dataSource = testFile.filename().string();
        rc.templateName = manifest.templ;
        rc.samples = options.samples;
        rc.temperature = 1.0;
        rc.seed = options.seed;
        rc.maxNewTokens = options.maxNewTokens;
        rc.batchSize = 32;
        rc.runtime = runtime;
        rc.outPath = options.outDir / "rollouts" / (family + ".jsonl");
        auto t0 = std::chrono::steady_clock::now();
        RolloutSummary rs = runRollouts(rc, job);
        fam["rollouts"] = {{"file", rc.outPath.string()},     {"count", rs.planned},
                           {"generated", rs.generated},       {"reused", rs.alreadyDone},
                           {"seconds", secondsSince(t0)}};
        say(fmt::format("{}: {} rollouts ({} new) in {:.1f} s", family, rs.planned, rs.generated, secondsSince(t0)));

        // 2. Capture every layer's residual stream.
        CaptureOptions co;
        co.modelDir = modelDir;
        co.rolloutsPath = rc.outPath;
        co.outPath = options.outDir / "caches" / (family + ".h5");
        co.storeDtype = StoreDtype::Float16;
        co.batchSize = 16;
        co.runtime = runtime;
        t0 = std::chrono::steady_clock::now();
        if (!isCompleteCache(co.outPath)) runCapture(co, job);
        ActivationCacheReader reader(co.outPath.string());
        const CacheMetadata& meta = reader.metadata();
        const double accuracy = meta.meanReward();
        fam["accuracy"] = accuracy;
        fam["cache"] = {{"file", co.outPath.string()}, {"layers", meta.schema.layers},
                        {"rows", meta.numRows},     {"seconds", secondsSince(t0)}};
        say(fmt::format("{}: sampled accuracy {:.1f}%, cache {} ({} layers) in {:.1f} s", family,
                        100 * accuracy, co.outPath.string(), meta.schema.layers.size(), secondsSince(t0)));

        // 3. Value probes on every layer (TD), AUROC of V(s_0) on held-out questions.
        if (options.probes) {
            const fs::path probesPath = options.outDir / "probes" / (family + ".h5");
            ProbeTrainResult result;
            t0 = std::chrono::steady_clock::now();
            if (fs::exists(probesPath)) {
                result = readProbeFile(probesPath.string());
            } else {
                ProbeTrainOptions po;
                po.seed = options.seed;
                po.epochs = options.probeEpochs;
                po.threads = options.threads;
                po.bootstrap = 500;
                result = trainValueProbes(reader, meta.schema.layers, po, job);
                writeProbeFile(probesPath.string(), result, false);
            }
            nlohmann::json layers = nlohmann::json::array();
            for (const auto& lp : result.layers) {
                const auto& a = lp.eval.aurocS0;
                layers.push_back({{"layer", lp.layer},
                                  {"auroc_s0", a.defined ? nlohmann::json(a.estimate) : nlohmann::json(nullptr)},
                                  {"ci", {a.lower, a.upper}},
                                  {"reason", a.reason}});
                say(fmt::format("{}: layer {} AUROC(V(s_0)) {}", family, lp.layer,
                                a.defined ? fmt::format("{:.3f} [{:.3f}, {:.3f}]", a.estimate, a.lower, a.upper)
                                          : a.reason));
            }
            fam["probes"] = {{"file", probesPath.string()}, {"layers", layers}, {"seconds", secondsSince(t0)}};
        }
        summary["families"][family] = fam;
    }
    summary["seconds"] = secondsSince(start);
    writeFileAtomically(options.outDir / "demo_summary.json", summary.dump(2) + "\n", /*overwrite=*/true);
    return summary;
}

}  // namespace srs::core
