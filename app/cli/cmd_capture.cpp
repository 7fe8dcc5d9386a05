// srs capture MODEL_DIR --rollouts FILE.jsonl [--layers all|0,5,10-12] [--hooks resid_post]
//   [--store-dtype float16|bfloat16|float32] [--token-stride S] [--shard i/N] [--batch-size B]
//   --out cache.h5 [--force] [--json]
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "app/cli/cli_common.h"
#include "app/cli/command.h"
#include "core/cache/cache_types.h"
#include "core/error.h"
#include "core/model/checkpoint.h"
#include "core/pipeline/capture_runner.h"

namespace srs::app::cli {
namespace {

struct CaptureArgs {
    std::string modelDir, tokenizer, rollouts, layers = "all", hooks = "resid_post", storeDtype = "float16";
    std::string shard = "0/1", out;
    int tokenStride = 1, batchSize = 4, commitEvery = 32;
    bool force = false, json = false, quiet = false;
    RuntimeOptions runtime;
};

std::vector<std::string> splitList(const std::string& text) {
    std::vector<std::string> out;
    std::string cur;
    for (char c : text) {
        if (c == ',' || c == ' ') {
            if (!cur.empty()) out.push_back(cur);
            cur.clear();
        } else {
            cur.push_back(c);
        }
    }
    if (!cur.empty()) out.push_back(cur);
    return out;
}

void runCaptureCommand(const CaptureArgs& a) {
    core::CaptureOptions o;
    o.modelDir = a.modelDir;
    o.tokenizerPath = a.tokenizer;
    o.rolloutsPath = a.rollouts;
    o.outPath = a.out;
    o.hooks = splitList(a.hooks);
    o.storeDtype = core::parseStoreDtype(a.storeDtype);
    o.tokenStride = a.tokenStride;
    o.batchSize = a.batchSize;
    o.overwrite = a.force;
    o.commitEveryRollouts = a.commitEvery;
    const auto slash = a.shard.find('/');
    auto shard = parseIntList(slash == std::string::npos ? a.shard : a.shard.substr(0, slash) + "," +
                                                                          a.shard.substr(slash + 1),
                              "--shard");
    if (slash == std::string::npos || shard.size() != 2)
        throw InvalidArgument(fmt::format("--shard '{}': expected i/N, e.g. 0/4", a.shard));
    o.shardIndex = static_cast<int>(shard[0]);
    o.shardCount = static_cast<int>(shard[1]);
    o.runtime.dtype = core::parseComputeDtype(a.runtime.dtype);
    o.runtime.device = a.runtime.device;
    o.runtime.threads = core::configureThreads(a.runtime.threads);
    // Layers need the layer count: read the config once (cheap; weights stay mapped).
    o.layers = core::parseLayerSpec(a.layers, core::Checkpoint::open(a.modelDir)->config().numLayers);
    auto job = makeCliJob(a.quiet);
    auto summary = core::runCapture(o, job, [&](const core::CapturePlan& plan) {
        const auto& s = plan.schema;
        std::cerr << fmt::format(
            "capture: {} rollouts (shard {}/{}: rollouts {}..{} of {}), {} rows x {} datasets x d_model {} as {}; "
            "expected size {:.3f} GiB ({} bytes) -> {}\n",
            plan.items.size(), s.shardIndex, s.shardCount, plan.firstRollout,
            plan.firstRollout + static_cast<std::int64_t>(plan.items.size()), plan.rolloutsInFile, plan.rows,
            s.datasetCount(), s.dModel, core::storeDtypeName(s.dtype), plan.expectedBytes / 1073741824.0,
            plan.expectedBytes, a.out);
        if (plan.recomputedIds > 0)
            std::cerr << fmt::format("capture: {} rollouts carry text only; their ids were recomputed with the "
                                     "model's tokenizer\n",
                                     plan.recomputedIds);
    });
    std::cerr << fmt::format("capture: wrote {} ({} rollouts, {} resumed, {} rows; {:.2f} s, compute {:.2f} s, "
                             "write {:.2f} s, compute waited {:.2f} s for the writer)\n",
                             summary.path, summary.rollouts, summary.resumed, summary.rows, summary.seconds,
                             summary.computeSeconds, summary.writeSeconds, summary.stallSeconds);
    if (a.json)
        printJson({{"out", summary.path},
                   {"rollouts", summary.rollouts},
                   {"resumed", summary.resumed},
                   {"rows", summary.rows},
                   {"tokens", summary.tokens},
                   {"expected_bytes", summary.expectedBytes},
                   {"seconds", summary.seconds},
                   {"compute_seconds", summary.computeSeconds},
                   {"write_seconds", summary.writeSeconds},
                   {"stall_seconds", summary.stallSeconds}});
}

const RegisterCommand kCapture(71, [](CLI::App& root) {
    auto a = std::make_shared<CaptureArgs>();
    CLI::App* sub = root.add_subcommand(
        "capture", "Teacher-force rollouts and store per-layer activations at s_0 and along each response in an "
                   "HDF5 cache (crash-safe, resumable)");
    sub->add_option("MODEL_DIR", a->modelDir, "Hugging Face model folder")->required();
    sub->add_option("--rollouts", a->rollouts, "Rollouts JSONL (srs rollout, or imported; docs/ROLLOUTS.md)")
        ->required();
    sub->add_option("--layers", a->layers, "all, or e.g. 0,5,10-12")->capture_default_str();
    sub->add_option("--hooks", a->hooks, "Comma list of resid_pre, resid_mid, resid_post, attn_out, mlp_out")
        ->capture_default_str();
    sub->add_option("--store-dtype", a->storeDtype, "float16 | bfloat16 | float32")
        ->check(CLI::IsMember({"float16", "bfloat16", "float32"}))
        ->capture_default_str();
    sub->add_option("--token-stride", a->tokenStride, "Keep every S-th response state (plus s_0 and the last)")
        ->capture_default_str();
    sub->add_option("--shard", a->shard, "Capture contiguous block i of N (merge with srs cache merge)")
        ->capture_default_str();
    sub->add_option("--batch-size", a->batchSize, "Rollouts per forward (keep it when resuming)")
        ->capture_default_str();
    sub->add_option("--commit-every", a->commitEvery,
                    "Commit (flush + fsync) at the first batch end after this many rollouts")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    sub->add_option("--tokenizer", a->tokenizer, "tokenizer.json (default: MODEL_DIR/tokenizer.json)");
    sub->add_option("--out", a->out, "Cache file (.h5); an existing <out>.partial is resumed")->required();
    sub->add_flag("--force", a->force, "Replace an existing complete cache at --out");
    sub->add_flag("--json", a->json, "Print a JSON summary on stdout");
    sub->add_flag("--quiet", a->quiet, "No progress bar");
    addRuntimeOptions(sub, a->runtime);
    sub->callback([a] { runCaptureCommand(*a); });
});

}  // namespace
}  // namespace srs::app::cli
