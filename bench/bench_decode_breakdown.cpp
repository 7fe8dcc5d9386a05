/// Where one decode step of the runtime spends its time. Interleaves, round by round (so
/// that a busy machine slows every variant alike):
///  - step:      one real single-token forward through core::Transformer with a KV cache
///               (lastLogitsOnly, as generation does);
///  - gemv:      only the step's matrix-vector products through at::linear on the same
///               checkpoint tensors the runtime uses (7 per layer + the LM head);
///  - gemv copy: the same on freshly allocated (64-byte aligned) copies of the weights;
///  - lm head:   the LM head GEMV alone.
/// step - gemv is what the runtime spends outside the GEMVs (norms, rotary, attention,
/// cache, dispatch).
///
///   bench_decode_breakdown --model DIR [--dtype bf16|f32] [--threads N] [--rounds 10]
#include <ATen/ATen.h>
#include <CLI/CLI.hpp>

#include <cstdio>

#include "bench/bench_util.h"
#include "core/error.h"
#include "core/model/architecture.h"
#include "core/model/checkpoint.h"
#include "core/model/kv_cache.h"
#include "core/model/runtime.h"
#include "core/model/transformer.h"

namespace {

using srs::bench::median;
using srs::bench::nowSeconds;

struct Linear {
    at::Tensor w, b;
};

int run(const std::string& modelDir, const std::string& dtypeName, int threadsWanted, int rounds) {
    using namespace srs::core;
    const int threads = configureThreads(srs::bench::chooseThreads(threadsWanted));
    const ComputeDtype dtype = parseComputeDtype(dtypeName);
    const auto st = dtype == ComputeDtype::BFloat16 ? at::kBFloat16 : at::kFloat;
    auto checkpoint = Checkpoint::open(modelDir);
    Transformer model(checkpoint, RuntimeOptions{dtype, "cpu", threads});
    const auto& cfg = checkpoint->config();

    auto load = [&](const std::string& name) {
        auto t = checkpoint->tensor(name);
        return t.scalar_type() == st ? t : t.to(st);
    };
    std::vector<Linear> linears;
    for (int l = 0; l < cfg.numLayers; ++l) {
        for (const char* p : {"q", "k", "v"}) {
            const std::string base = std::string("self_attn.") + p + "_proj.";
            linears.push_back({load(tensor_names::layer(l, (base + "weight").c_str())),
                               cfg.attentionBias ? load(tensor_names::layer(l, (base + "bias").c_str()))
                                                 : at::Tensor()});
        }
        for (const char* n : {"self_attn.o_proj.weight", "mlp.gate_proj.weight", "mlp.up_proj.weight",
                              "mlp.down_proj.weight"})
            linears.push_back({load(tensor_names::layer(l, n)), at::Tensor()});
    }
    const auto lmHead = load(cfg.tieWordEmbeddings ? tensor_names::embed() : tensor_names::lmHead());
    linears.push_back({lmHead, at::Tensor()});
    std::vector<Linear> copies;
    for (const auto& lin : linears)
        copies.push_back({lin.w.clone(), lin.b.defined() ? lin.b.clone() : at::Tensor()});

    auto runGemvs = [&](const std::vector<Linear>& set) {
        for (const auto& lin : set) {
            const auto x = at::ones({1, 1, lin.w.size(1)}, st);
            (void)at::linear(x, lin.w, lin.b);
        }
    };

    // A cache holding a 16-token prompt, then one token per round.
    auto cache = model.makeCache(1, 16 + rounds + 8);
    ForwardRequest request;
    request.lastLogitsOnly = true;
    (void)model.forwardOnDevice(at::arange(16, at::kLong).view({1, 16}), request,
                                at::ones({1, 16}, at::kLong), cache.get());
    const auto next = at::full({1, 1}, 42, at::kLong);
    const auto nextMask = at::ones({1, 1}, at::kLong);

    // Warm-up of every variant.
    (void)model.forwardOnDevice(next, request, nextMask, cache.get());
    runGemvs(linears);
    runGemvs(copies);

    std::vector<double> step, gemv, gemvCopy, head;
    for (int r = 0; r < rounds; ++r) {
        double t0 = nowSeconds();
        (void)model.forwardOnDevice(next, request, nextMask, cache.get());
        step.push_back(nowSeconds() - t0);
        t0 = nowSeconds();
        runGemvs(linears);
        gemv.push_back(nowSeconds() - t0);
        t0 = nowSeconds();
        runGemvs(copies);
        gemvCopy.push_back(nowSeconds() - t0);
        t0 = nowSeconds();
        (void)at::linear(at::ones({1, 1, lmHead.size(1)}, st), lmHead);
        head.push_back(nowSeconds() - t0);
    }
    double bytes = 0;
    for (const auto& lin : linears)
        bytes += lin.w.numel() * lin.w.element_size();
    const double tStep = median(step), tGemv = median(gemv), tCopy = median(gemvCopy),
                 tHead = median(head);
    double load1[1] = {0};
    getloadavg(load1, 1);
    std::printf("decode step breakdown (%s, %d threads, %d rounds, load avg %.2f), medians:\n",
                dtypeName.c_str(), threads, rounds, load1[0]);
    std::printf("  full step (runtime)          %8.1f ms  = %.2f tok/s\n", tStep * 1e3, 1 / tStep);
    std::printf("  GEMVs only, checkpoint views %8.1f ms  (%.1f GB/s over %.0f MB)  = %.0f%% of the step\n",
                tGemv * 1e3, bytes / tGemv / 1e9, bytes / 1e6, 100 * tGemv / tStep);
    std::printf("  GEMVs only, aligned copies   %8.1f ms  (%.1f GB/s)\n", tCopy * 1e3, bytes / tCopy / 1e9);
    std::printf("  LM head GEMV alone           %8.1f ms  (%.1f GB/s)\n", tHead * 1e3,
                lmHead.numel() * lmHead.element_size() / tHead / 1e9);
    std::printf("  outside the GEMVs            %8.1f ms\n", (tStep - tGemv) * 1e3);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Breaks one decode step of the runtime into GEMV time and the rest"};
    std::string model, dtype = "bf16";
    int threads = 0, rounds = 10;
    app.add_option("--model", model, "Hugging Face model folder")->required();
    app.add_option("--dtype", dtype, "bf16 | f32");
    app.add_option("--threads", threads, "Threads (default: OMP_NUM_THREADS or all cores)");
    app.add_option("--rounds", rounds, "Interleaved rounds")->check(CLI::Range(1, 1000));
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    }
    try {
        return run(model, dtype, threads, rounds);
    } catch (const srs::InvalidArgument& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 2;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 1;
    }
}
