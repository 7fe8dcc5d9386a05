// Capture throughput vs a plain forward of the same tokens.
//
//   bench_capture MODEL_DIR WORK_DIR [--rollouts N] [--prompt T] [--response T] [--batch B]
//                 [--store-dtype float16|bfloat16|float32] [--layers all|0,5] [--reps R]
//                 [--compute-dtype float32|bfloat16] [--threads N]
//
// Writes N synthetic rollouts (random ids below the vocabulary, ids trusted: no model
// fingerprint) to WORK_DIR, then alternates R times: (a) the same batches through
// Transformer::forward with no hooks (last-position logits only, as capture does), and
// (b) runCapture into a fresh cache. Prints one JSON object: medians of the plain loop
// and of the capture loop (forward + extraction + writes drained), ratio = plain/capture
// (throughput relative to a plain forward; 1.0 = writing fully hidden), the capture's
// compute/write/stall split and the cache size.
#include <ATen/ATen.h>
#include <torch/torch.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <random>
#include <string>

#include "bench_util.h"
#include "core/cache/cache_types.h"
#include "core/io/jsonl.h"
#include "core/model/checkpoint.h"
#include "core/model/transformer.h"
#include "core/pipeline/capture_runner.h"
#include "core/pipeline/rollout_record.h"

namespace fs = std::filesystem;
using namespace srs::core;

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: bench_capture MODEL_DIR WORK_DIR [options] (see the source header)\n");
        return 2;
    }
    const fs::path modelDir = argv[1], work = argv[2];
    int rollouts = 32, promptLen = 32, responseLen = 128, batch = 4, reps = 3, threads = 0;
    std::string storeDtype = "float16", layers = "all", computeDtype = "float32";
    for (int i = 3; i + 1 < argc; i += 2) {
        const std::string k = argv[i], v = argv[i + 1];
        if (k == "--rollouts") rollouts = std::stoi(v);
        else if (k == "--prompt") promptLen = std::stoi(v);
        else if (k == "--response") responseLen = std::stoi(v);
        else if (k == "--batch") batch = std::stoi(v);
        else if (k == "--reps") reps = std::stoi(v);
        else if (k == "--threads") threads = std::stoi(v);
        else if (k == "--store-dtype") storeDtype = v;
        else if (k == "--layers") layers = v;
        else if (k == "--compute-dtype") computeDtype = v;
        else {
            std::fprintf(stderr, "bench_capture: unknown option %s\n", k.c_str());
            return 2;
        }
    }
    const int nThreads = configureThreads(srs::bench::chooseThreads(threads));
    fs::create_directories(work);
    auto ckpt = Checkpoint::open(modelDir);
    const auto& mc = ckpt->config();

    // Synthetic rollouts: lengths vary +-25% around the requested ones.
    const fs::path rolloutsPath = work / "bench_rollouts.jsonl";
    {
        std::mt19937 rng(1234);
        std::uniform_int_distribution<int> id(0, mc.vocabSize - 1);
        std::ofstream out(rolloutsPath);
        for (int r = 0; r < rollouts; ++r) {
            RolloutLine line;
            line.questionId = "q" + std::to_string(r / 4);
            line.sampleIndex = r % 4;
            line.prompt = "synthetic";
            line.response = "synthetic";
            line.reward = static_cast<float>(r % 2);
            line.tokenizerFingerprint = "synthetic";
            std::uniform_int_distribution<int> pl(promptLen * 3 / 4, promptLen * 5 / 4);
            std::uniform_int_distribution<int> rl(responseLen * 3 / 4, responseLen * 5 / 4);
            for (int k = pl(rng); k > 0; --k) line.promptIds.push_back(id(rng));
            for (int k = rl(rng); k > 0; --k) line.responseIds.push_back(id(rng));
            out << toJsonlLine(rolloutToJson(line));
        }
    }
    CaptureOptions o;
    o.modelDir = modelDir;
    o.rolloutsPath = rolloutsPath;
    o.storeDtype = parseStoreDtype(storeDtype);
    o.batchSize = batch;
    o.runtime.dtype = parseComputeDtype(computeDtype);
    o.runtime.threads = nThreads;
    o.layers = parseLayerSpec(layers, mc.numLayers);
    const CapturePlan plan = planCapture(o);

    Transformer model(ckpt, o.runtime);
    auto plainLoop = [&]() {
        const double t0 = srs::bench::nowSeconds();
        ForwardRequest req;
        req.lastLogitsOnly = true;
        const auto n = static_cast<std::int64_t>(plan.items.size());
        for (std::int64_t first = 0; first < n; first += batch) {
            const std::int64_t last = std::min<std::int64_t>(n, first + batch);
            std::int64_t maxLen = 0;
            for (std::int64_t i = first; i < last; ++i)
                maxLen = std::max<std::int64_t>(maxLen, static_cast<std::int64_t>(plan.items[i].tokens.size()));
            auto ids = at::zeros({last - first, maxLen}, at::kLong);
            auto acc = ids.accessor<std::int64_t, 2>();
            for (std::int64_t b = 0; b < last - first; ++b) {
                const auto& t = plan.items[static_cast<std::size_t>(first + b)].tokens;
                for (std::size_t k = 0; k < t.size(); ++k) acc[b][static_cast<std::int64_t>(k)] = t[k];
            }
            auto out = model.forward(ids, req);
            (void)out;
        }
        return srs::bench::nowSeconds() - t0;
    };
    std::vector<double> plain, capture, total, compute, write, stall;
    plainLoop();  // warm-up (first-touch of the weights, thread pool)
    std::uint64_t bytes = 0;
    for (int r = 0; r < reps; ++r) {
        plain.push_back(plainLoop());
        o.outPath = work / ("bench_capture_" + std::to_string(r) + ".h5");
        fs::remove(o.outPath);
        fs::remove(o.outPath.string() + ".partial");
        const double t0 = srs::bench::nowSeconds();
        auto s = runCapture(o, JobContext());
        total.push_back(srs::bench::nowSeconds() - t0);
        capture.push_back(s.seconds);
        compute.push_back(s.computeSeconds);
        write.push_back(s.writeSeconds);
        stall.push_back(s.stallSeconds);
        bytes = fs::file_size(o.outPath);
        fs::remove(o.outPath);
    }
    std::int64_t tokens = 0;
    for (const auto& it : plan.items) tokens += static_cast<std::int64_t>(it.tokens.size());
    const double p = srs::bench::median(plain), c = srs::bench::median(capture);
    nlohmann::json j{{"model", modelDir.string()},
                     {"layers", mc.numLayers},
                     {"d_model", mc.hiddenSize},
                     {"captured_layers", o.layers.size()},
                     {"store_dtype", storeDtype},
                     {"compute_dtype", computeDtype},
                     {"threads", nThreads},
                     {"rollouts", rollouts},
                     {"tokens", tokens},
                     {"rows", plan.rows},
                     {"batch", batch},
                     {"reps", reps},
                     {"plain_s", p},
                     {"capture_s", c},
                     {"capture_total_s", srs::bench::median(total)},
                     {"ratio", p / c},
                     {"compute_s", srs::bench::median(compute)},
                     {"write_s", srs::bench::median(write)},
                     {"stall_s", srs::bench::median(stall)},
                     {"cache_bytes", bytes},
                     {"plain_tokens_per_s", tokens / p},
                     {"capture_tokens_per_s", tokens / c}};
    std::cout << j.dump() << std::endl;
    return 0;
}
