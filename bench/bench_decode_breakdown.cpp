/// Where one decode step of the runtime spends its time. Interleaves, round by round (so
/// that a busy machine slows every variant alike):
///  - step:      one real single-token forward through core::Transformer with a KV cache
///               (lastLogitsOnly, as generation does), on the runtime's default decode path;
///  - step (generic): the same with the fused decode path switched off (at:: ops between
///               the weight-streaming kernels; SRS_DISABLE_FUSED_DECODE=1 does this too);
///  - kernels:   only the step's weight-streaming stages (q/k/v, o, gate/up, down per layer
///               and the LM head) through linear_small on the same checkpoint tensors, with
///               the same fusion as the runtime;
///  - stream:    a parallel read (runBlocks, the kernels' pool) of exactly those weight
///               bytes where they live (the checkpoint mapping), the faster of a plain read
///               and one with software prefetch: the in-process decode floor for these pages;
///  - stream anon: the same read over an anonymous copy of the weights (what the machine
///               limits benchmark measures), to show what the mapping's pages cost.
/// step - kernels = what the runtime spends outside the weight streaming (norms, rotary,
/// attention, cache, dispatch); kernels / stream = the kernels' efficiency.
///
///   bench_decode_breakdown --model DIR [--dtype bf16|f32] [--threads N] [--rounds 20]
#include <ATen/ATen.h>
#include <CLI/CLI.hpp>

#include <cstdio>
#include <cstdlib>

#include "bench/bench_stream.h"
#include "bench/bench_util.h"
#include "core/error.h"
#include "core/model/architecture.h"
#include "core/model/checkpoint.h"
#include "core/model/decode_fused.h"
#include "core/model/kv_cache.h"
#include "core/model/linear_pool.h"
#include "core/model/linear_small.h"
#include "core/model/runtime.h"
#include "core/model/transformer.h"

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace {

using srs::bench::median;
using srs::bench::nowSeconds;

using srs::bench::streamTensors;

int run(const std::string& modelDir, const std::string& dtypeName, int threadsWanted, int rounds) {
    using namespace srs::core;
    const int threads = configureThreads(srs::bench::chooseThreads(threadsWanted));
    const ComputeDtype dtype = parseComputeDtype(dtypeName);
    const auto st = dtype == ComputeDtype::BFloat16 ? at::kBFloat16 : at::kFloat;
    if (!smallLinearSupported(st))
        throw srs::Error("bench_decode_breakdown: this CPU (or SRS_DISABLE_SMALL_LINEAR) has no "
                         "small-M kernel for " + dtypeName);
    auto checkpoint = Checkpoint::open(modelDir);
    Transformer model(checkpoint, RuntimeOptions{dtype, "cpu", threads});
    const auto& cfg = checkpoint->config();

    auto load = [&](const std::string& name) {
        auto t = checkpoint->tensor(name);
        return t.scalar_type() == st ? t : t.to(st);
    };
    using Stage = std::vector<SmallLinearWeight>;
    std::vector<Stage> stages;
    std::vector<at::Tensor> weights;  // every streamed matrix, once
    auto bias = [&](int l, const char* p) {
        return cfg.attentionBias ? load(tensor_names::layer(l, (std::string("self_attn.") + p + "_proj.bias").c_str()))
                                 : at::Tensor();
    };
    auto w = [&](int l, const char* n) {
        weights.push_back(load(tensor_names::layer(l, n)));
        return weights.back();
    };
    for (int l = 0; l < cfg.numLayers; ++l) {
        stages.push_back({{w(l, "self_attn.q_proj.weight"), bias(l, "q")},
                          {w(l, "self_attn.k_proj.weight"), bias(l, "k")},
                          {w(l, "self_attn.v_proj.weight"), bias(l, "v")}});
        stages.push_back({{w(l, "self_attn.o_proj.weight"), {}}});
        stages.push_back({{w(l, "mlp.gate_proj.weight"), {}}, {w(l, "mlp.up_proj.weight"), {}}});
        stages.push_back({{w(l, "mlp.down_proj.weight"), {}}});
    }
    const auto lmHead = load(cfg.tieWordEmbeddings ? tensor_names::embed() : tensor_names::lmHead());
    weights.push_back(lmHead);
    std::vector<at::Tensor> anon;
    for (const auto& t : weights) anon.push_back(t.clone());

    auto runKernels = [&] {
        for (const auto& s : stages) {
            const auto x = at::ones({1, 1, s[0].weight.size(1)}, st);
            (void)smallLinear(x, s);
        }
        (void)smallLinear(at::ones({1, 1, lmHead.size(1)}, st), {{lmHead, {}}}, true);
    };

    // A cache holding a 16-token prompt, then one token per round and variant.
    auto cache = model.makeCache(1, 16 + 2 * rounds + 8);
    ForwardRequest request;
    request.lastLogitsOnly = true;
    (void)model.forwardOnDevice(at::arange(16, at::kLong).view({1, 16}), request,
                                at::ones({1, 16}, at::kLong), cache.get());
    const auto next = at::full({1, 1}, 42, at::kLong);
    const auto nextMask = at::ones({1, 1}, at::kLong);
    auto step = [&](bool fused) {
        setFusedDecodeEnabled(fused);
        (void)model.forwardOnDevice(next, request, nextMask, cache.get());
        setFusedDecodeEnabled(true);
    };
    const bool fusedAvailable = fusedDecodeEnabled();

    // Warm-up of every variant.
    step(true);
    runKernels();
    volatile std::uint64_t sink = streamTensors(weights, threads, true) + streamTensors(anon, threads, true);

    // The stream floor of a round is the faster of a plain read and one with software
    // prefetch (see streamSum): the best read of these bytes this machine showed.
    std::vector<double> tStepV, tGenericV, tKernelV, tStreamV, tAnonV, tPlainV;
    auto timed = [](auto&& f) {
        const double t0 = nowSeconds();
        f();
        return nowSeconds() - t0;
    };
    for (int r = 0; r < rounds; ++r) {
        tStepV.push_back(timed([&] { step(fusedAvailable); }));
        tGenericV.push_back(timed([&] { step(false); }));
        tKernelV.push_back(timed(runKernels));
        const double plain = timed([&] { sink = sink + streamTensors(weights, threads, false); });
        const double pf = timed([&] { sink = sink + streamTensors(weights, threads, true); });
        tPlainV.push_back(plain);
        tStreamV.push_back(std::min(plain, pf));
        const double anonPlain = timed([&] { sink = sink + streamTensors(anon, threads, false); });
        const double anonPf = timed([&] { sink = sink + streamTensors(anon, threads, true); });
        tAnonV.push_back(std::min(anonPlain, anonPf));
    }
    double bytes = 0;
    for (const auto& t : weights) bytes += static_cast<double>(t.nbytes());
    const double tStep = median(tStepV), tGeneric = median(tGenericV), tKernel = median(tKernelV),
                 tStream = median(tStreamV), tAnon = median(tAnonV);
    double load1[1] = {0};
    getloadavg(load1, 1);
    std::printf("decode step breakdown (%s, %d threads, %d rounds, load avg %.2f, %.0f MB streamed), medians:\n",
                dtypeName.c_str(), threads, rounds, load1[0], bytes / 1e6);
    std::printf("  step, default path%s      %8.2f ms = %6.2f tok/s  (%.2f of the mapped stream)\n",
                fusedAvailable ? " (fused)" : "        ", tStep * 1e3, 1 / tStep, tStream / tStep);
    std::printf("  step, generic at:: path     %8.2f ms = %6.2f tok/s  (%.2f of the mapped stream)\n",
                tGeneric * 1e3, 1 / tGeneric, tStream / tGeneric);
    std::printf("  weight kernels only         %8.2f ms  %6.1f GB/s  = %.0f%% of the default step\n",
                tKernel * 1e3, bytes / tKernel / 1e9, 100 * tKernel / tStep);
    std::printf("  stream read, mapped weights %8.2f ms  %6.1f GB/s  (floor %.2f tok/s)\n", tStream * 1e3,
                bytes / tStream / 1e9, 1 / tStream);
    std::printf("  stream read, anonymous copy %8.2f ms  %6.1f GB/s  (floor %.2f tok/s)\n", tAnon * 1e3,
                bytes / tAnon / 1e9, 1 / tAnon);
    std::printf("  (mapped stream without software prefetch: %.2f ms, %.1f GB/s; the floors above are the\n"
                "   faster of the plain and the prefetching read, round by round)\n",
                median(tPlainV) * 1e3, bytes / median(tPlainV) / 1e9);
    std::printf("  outside the kernels: default %.2f ms, generic %.2f ms\n", (tStep - tKernel) * 1e3,
                (tGeneric - tKernel) * 1e3);
    std::printf("  per round (ms) step/generic/kernels/stream/anon:\n");
    for (int r = 0; r < rounds; ++r)
        std::printf("    %7.2f %7.2f %7.2f %7.2f %7.2f\n", tStepV[r] * 1e3, tGenericV[r] * 1e3,
                    tKernelV[r] * 1e3, tStreamV[r] * 1e3, tAnonV[r] * 1e3);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Breaks one decode step of the runtime into weight streaming and the rest"};
    std::string model, dtype = "bf16";
    int threads = 0, rounds = 20;
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
