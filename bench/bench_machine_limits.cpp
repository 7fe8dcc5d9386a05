/// The machine's own limits for running a Qwen2-shaped model on the CPU with libtorch:
///  - GEMM throughput (TFLOP/s) of the model's prefill shapes (M = prefill tokens) through
///    at::linear, in float32 and bfloat16; from them the prefill floor (seconds for one
///    prefill if every GEMM ran at its measured speed, attention matmuls at the aggregate);
///  - GEMV (M = 1) speed of the same shapes with the weights coming from DRAM (rotating
///    over copies larger than the caches), as effective weight GB/s (what decode does);
///  - memory bandwidth of streaming a >= 1 GB buffer (hand-written parallel read, and
///    at::sum for comparison); from it the decode floor (weight bytes / bandwidth).
///
///   bench_machine_limits [--model DIR] [--threads N] [--tokens 512] [--stream-gb 1.1] [--json]
///
/// Shapes come from DIR/config.json when --model is given, else Qwen2.5-0.5B's.
/// Human-readable table on stderr; with --json one JSON document on stdout.
#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <CLI/CLI.hpp>
#include <immintrin.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <thread>

#include "bench/bench_util.h"
#include "core/error.h"
#include "core/model/model_config.h"

namespace {

using srs::bench::median;
using srs::bench::nowSeconds;

/// Weights cycled through by the GEMV timing: far beyond the 32 MB L3 of this class of CPU.
constexpr double kRotateBytes = 512e6;

struct GemmShape {
    std::string name;
    std::int64_t in;     ///< K
    std::int64_t out;    ///< N
    std::int64_t count;  ///< how many of these one forward runs
};

std::vector<GemmShape> modelShapes(const srs::core::ModelConfig& c) {
    const std::int64_t d = c.hiddenSize, kv = std::int64_t(c.numKvHeads) * c.headDim,
                       q = std::int64_t(c.numHeads) * c.headDim, ff = c.intermediateSize,
                       L = c.numLayers;
    return {
        {"q_proj", d, q, L},           {"o_proj", q, d, L},
        {"k_proj+v_proj", d, kv, 2 * L}, {"gate_proj+up_proj", d, ff, 2 * L},
        {"down_proj", ff, d, L},       {"lm_head", d, c.vocabSize, 1},
    };
}

srs::core::ModelConfig qwen25HalfB() {
    srs::core::ModelConfig c;
    c.hiddenSize = 896;
    c.numLayers = 24;
    c.numHeads = 14;
    c.numKvHeads = 2;
    c.headDim = 64;
    c.intermediateSize = 4864;
    c.vocabSize = 151936;
    c.tieWordEmbeddings = true;
    return c;
}

/// Median seconds of `fn` over at least `minReps` runs and at least `minSeconds` in total
/// (after one warm-up call).
template <class Fn>
double timeIt(Fn&& fn, int minReps, double minSeconds) {
    fn();
    std::vector<double> times;
    const double start = nowSeconds();
    while (static_cast<int>(times.size()) < minReps || nowSeconds() - start < minSeconds) {
        const double t0 = nowSeconds();
        fn();
        times.push_back(nowSeconds() - t0);
        if (times.size() >= 50)
            break;
    }
    return median(times);
}

/// Reads the whole buffer once with `threads` threads; returns a checksum so the reads
/// cannot be optimised away.
std::uint64_t parallelRead(const std::uint8_t* data, std::size_t bytes, int threads, bool prefetch) {
    std::vector<std::uint64_t> partial(threads, 0);
    std::vector<std::thread> pool;
    const std::size_t chunk = (bytes / threads) & ~std::size_t(127);
    for (int t = 0; t < threads; ++t) {
        const std::uint8_t* b = data + t * chunk;
        const std::uint8_t* e = (t == threads - 1) ? data + bytes : b + chunk;
        pool.emplace_back([&partial, t, b, e, prefetch] {
            partial[t] = srs::bench::streamSum(b, static_cast<std::size_t>(e - b), prefetch);
        });
    }
    std::uint64_t s = 0;
    for (int t = 0; t < threads; ++t) {
        pool[t].join();
        s += partial[t];
    }
    return s;
}

struct Options {
    std::string modelDir;
    int threads = 0;
    std::int64_t tokens = 512;
    double streamGb = 1.1;
    bool json = false;
};

int run(const Options& opt) {
    const int threads = srs::bench::chooseThreads(opt.threads);
    at::set_num_threads(threads);
    const auto cfg = opt.modelDir.empty() ? qwen25HalfB()
                                          : srs::core::ModelConfig::fromDirectory(opt.modelDir);
    const auto shapes = modelShapes(cfg);
    const std::int64_t M = opt.tokens;
    nlohmann::json out;
    out["threads"] = threads;
    out["tokens"] = M;
    out["model"] = opt.modelDir.empty() ? "Qwen2.5-0.5B shapes (built in)" : opt.modelDir;

    // Parameter count of what one forward reads: every linear weight + the LM head (tied
    // or not, it is one [V, d] matrix) + norms/biases (tiny).
    double linearParams = 0.0;
    for (const auto& s : shapes)
        linearParams += double(s.in) * s.out * s.count;
    const double normBiasParams =
        double(cfg.numLayers) * (2.0 * cfg.hiddenSize +
                                 (cfg.numHeads + 2.0 * cfg.numKvHeads) * cfg.headDim) +
        cfg.hiddenSize;
    // Causal attention: QK^T and PV each 2 * T^2/2 * heads * head_dim flops per layer.
    const double attnFlops =
        2.0 * double(M) * M * cfg.numHeads * cfg.headDim * cfg.numLayers;
    const double linearFlops = 2.0 * M * linearParams;
    out["linear_params"] = linearParams;
    out["prefill_flops"] = linearFlops + attnFlops;
    std::fprintf(stderr, "threads %d, prefill tokens %lld, linear params %.1f M, prefill %.1f GFLOP\n",
                 threads, static_cast<long long>(M), linearParams / 1e6,
                 (linearFlops + attnFlops) / 1e9);

    at::manual_seed(0);
    for (const auto dtype : {at::kFloat, at::kBFloat16}) {
        const std::string dname = dtype == at::kFloat ? "f32" : "bf16";
        const double elem = dtype == at::kFloat ? 4.0 : 2.0;
        nlohmann::json rows = nlohmann::json::array();
        double gemmSeconds = 0.0, gemvSeconds = 0.0;
        std::fprintf(stderr, "\n[%s] %-18s %6s %7s %10s %10s %12s\n", dname.c_str(), "shape", "K", "N",
                     "GEMM ms", "TFLOP/s", "GEMV GB/s");
        for (const auto& s : shapes) {
            const auto w = at::randn({s.out, s.in}).mul_(0.02).to(dtype);
            const auto x = at::randn({M, s.in}).to(dtype);
            const auto x1 = at::randn({1, s.in}).to(dtype);
            const double flops = 2.0 * M * s.in * s.out;
            const double wBytes = elem * s.in * s.out;
            const double tGemm = timeIt([&] { (void)at::linear(x, w); }, 3, 0.5);
            // Decode streams every weight from DRAM once per token: rotate over distinct
            // copies totalling >= kRotateBytes so that no weight is still in the caches.
            const int copies = static_cast<int>(std::ceil(kRotateBytes / wBytes));
            std::vector<at::Tensor> ws{w};
            for (int c = 1; c < copies; ++c)
                ws.push_back(w.clone());
            std::size_t next = 0;
            const double tGemv = timeIt([&] { (void)at::linear(x1, ws[next++ % ws.size()]); },
                                        std::max(5, copies), 0.3);
            gemmSeconds += tGemm * s.count;
            gemvSeconds += tGemv * s.count;
            rows.push_back({{"shape", s.name}, {"K", s.in}, {"N", s.out}, {"count", s.count},
                            {"gemm_s", tGemm}, {"tflops", flops / tGemm / 1e12},
                            {"gemv_s", tGemv}, {"gemv_gbs", wBytes / tGemv / 1e9}});
            std::fprintf(stderr, "[%s] %-18s %6lld %7lld %10.2f %10.3f %12.1f\n", dname.c_str(),
                         s.name.c_str(), static_cast<long long>(s.in),
                         static_cast<long long>(s.out), tGemm * 1e3, flops / tGemm / 1e12,
                         wBytes / tGemv / 1e9);
        }
        const double aggregate = linearFlops / gemmSeconds;
        const double prefillFloor = gemmSeconds + attnFlops / aggregate;
        const double weightBytes = elem * (linearParams + normBiasParams);
        out[dname] = {{"shapes", rows},
                      {"gemm_tflops", aggregate / 1e12},
                      {"prefill_floor_s", prefillFloor},
                      {"prefill_floor_tok_s", M / prefillFloor},
                      {"gemv_all_s", gemvSeconds},
                      {"gemv_tok_s", 1.0 / gemvSeconds},
                      {"gemv_gbs", weightBytes / gemvSeconds / 1e9},
                      {"weight_bytes", weightBytes}};
        std::fprintf(stderr,
                     "[%s] aggregate GEMM %.3f TFLOP/s -> prefill floor %.2f s = %.1f tok/s; "
                     "all GEMVs of one token %.1f ms = %.1f GB/s (%.2f tok/s)\n",
                     dname.c_str(), aggregate / 1e12, prefillFloor, M / prefillFloor,
                     gemvSeconds * 1e3, weightBytes / gemvSeconds / 1e9, 1.0 / gemvSeconds);
    }

    // Streaming bandwidth over a buffer far larger than the caches.
    const std::size_t bytes = static_cast<std::size_t>(opt.streamGb * 1e9) & ~std::size_t(4095);
    auto buffer = at::empty({static_cast<std::int64_t>(bytes / 2)}, at::kBFloat16);
    buffer.fill_(0.001);  // touch every page
    const auto* data = static_cast<const std::uint8_t*>(buffer.data_ptr());
    volatile std::uint64_t sink = 0;
    // The floor is the faster of a plain read and one with software prefetch (streamSum).
    const double tPlain = timeIt([&] { sink = sink + parallelRead(data, bytes, threads, false); }, 5, 1.0);
    const double tPrefetch = timeIt([&] { sink = sink + parallelRead(data, bytes, threads, true); }, 5, 1.0);
    const double tRead = std::min(tPlain, tPrefetch);
    const double tSum = timeIt([&] { (void)buffer.sum(at::kFloat); }, 1, 0.0);
    const double readGbs = bytes / tRead / 1e9, sumGbs = bytes / tSum / 1e9;
    const double plainGbs = bytes / tPlain / 1e9, prefetchGbs = bytes / tPrefetch / 1e9;
    const double bf16Bytes = out["bf16"]["weight_bytes"].get<double>();
    const double f32Bytes = out["f32"]["weight_bytes"].get<double>();
    out["stream"] = {{"bytes", bytes},
                     {"read_gbs", readGbs},
                     {"read_plain_gbs", plainGbs},
                     {"read_prefetch_gbs", prefetchGbs},
                     {"torch_sum_gbs", sumGbs},
                     {"decode_floor_tok_s_bf16", readGbs * 1e9 / bf16Bytes},
                     {"decode_floor_tok_s_f32", readGbs * 1e9 / f32Bytes}};
    std::fprintf(stderr,
                 "\nstream %.2f GB: parallel read %.1f GB/s (plain %.1f, with software prefetch %.1f), "
                 "at::sum(bf16->f32) %.1f GB/s\n"
                 "decode floor (weights / read bandwidth): bf16 %.1f tok/s (%.0f MB), "
                 "f32 %.1f tok/s (%.0f MB)\n",
                 bytes / 1e9, readGbs, plainGbs, prefetchGbs, sumGbs, readGbs * 1e9 / bf16Bytes, bf16Bytes / 1e6,
                 readGbs * 1e9 / f32Bytes, f32Bytes / 1e6);
    if (opt.json)
        std::cout << out.dump(2) << std::endl;
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Measures GEMM/GEMV throughput and memory bandwidth for a Qwen2-shaped model"};
    Options opt;
    app.add_option("--model", opt.modelDir, "Hugging Face model folder (shapes from config.json)");
    app.add_option("--threads", opt.threads, "Threads (default: OMP_NUM_THREADS or all cores)");
    app.add_option("--tokens", opt.tokens, "Prefill tokens (GEMM M)")->check(CLI::PositiveNumber);
    app.add_option("--stream-gb", opt.streamGb, "Size of the streamed buffer in GB")
        ->check(CLI::Range(0.1, 64.0));
    app.add_flag("--json", opt.json, "One JSON document on stdout");
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    }
    try {
        return run(opt);
    } catch (const srs::Error& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 1;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 1;
    }
}
