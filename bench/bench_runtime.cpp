/// Speed and memory of the project's model runtime (core::Transformer + core::generate) on a
/// Hugging Face model folder, measured the same way as bench/reference_qwen2.py:
///  - decode: greedy generation of N new tokens minus one of 1 new token from the same
///    prompt, over N - 1 single-token steps (the prompt prefill cancels out);
///  - prefill: one forward of T tokens returning full logits [1,T,V] (what the reference
///    returns), and the same with lastLogitsOnly (what generation uses);
///  - peak RSS (getrusage ru_maxrss) after load, after decode and after prefill, against
///    the checkpoint's weight bytes. Decode runs before prefill so that the decode peak is
///    not hidden by the [T,V] float32 logits of the prefill.
///
///   bench_runtime --model DIR [--dtype bf16|f32] [--threads N] [--prefill-tokens 512]
///                 [--prompt-tokens 16] [--decode-tokens 32] [--reps 1]
///
/// One JSON line per repetition on stdout; logs on stderr.
#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "bench/bench_stream.h"
#include "bench/bench_util.h"
#include "core/error.h"
#include "core/model/checkpoint.h"
#include "core/model/generation.h"
#include "core/model/runtime.h"
#include "core/model/transformer.h"

namespace {

using srs::bench::nowSeconds;
using srs::bench::peakRssBytes;

struct Options {
    std::string modelDir;
    std::string dtype = "bf16";
    int threads = 0;
    std::int64_t prefillTokens = 512;
    std::int64_t promptTokens = 16;
    int decodeTokens = 32;
    int reps = 1;
};

double loadAverage1m() {
    double load[1] = {0.0};
    return getloadavg(load, 1) == 1 ? load[0] : -1.0;
}

double processCpuSeconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
           1e-6 * (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec);
}

int run(const Options& opt) {
    using namespace srs::core;
    const int threads = configureThreads(srs::bench::chooseThreads(opt.threads));
    const ComputeDtype dtype = parseComputeDtype(opt.dtype);
    const double rssStart = peakRssBytes();

    double t0 = nowSeconds();
    auto checkpoint = Checkpoint::open(opt.modelDir);
    Transformer model(checkpoint, RuntimeOptions{dtype, "cpu", threads});
    const double loadSeconds = nowSeconds() - t0;
    const double rssLoad = peakRssBytes();
    const double weightBytes = static_cast<double>(checkpoint->weightBytes());
    const int vocab = checkpoint->config().vocabSize;
    std::fprintf(stderr, "[ours %s] loaded %s in %.2f s, threads %d, weights %.0f MB (%s), RSS %.0f MB\n",
                 opt.dtype.c_str(), opt.modelDir.c_str(), loadSeconds, threads, weightBytes / 1e6,
                 checkpoint->storedDtype().c_str(), rssLoad / 1e6);

    // Same inputs as the reference: torch's CPU generator seeded 7, prefill ids then prompt.
    auto gen = at::detail::createCPUGenerator(7);
    const auto prefillIds = at::randint(vocab, {1, opt.prefillTokens}, gen, at::kLong);
    const auto promptIds = at::randint(vocab, {opt.promptTokens}, gen, at::kLong);
    std::vector<int> prompt(promptIds.data_ptr<std::int64_t>(),
                            promptIds.data_ptr<std::int64_t>() + opt.promptTokens);

    SamplingOptions sampling;
    sampling.greedy = true;
    sampling.stopIds = {-1};  // an id no model emits: never stop early
    auto generateTimed = [&](int newTokens, std::vector<int>* ids) {
        sampling.maxNewTokens = newTokens;
        const double start = nowSeconds();
        auto results = generate(model, {prompt}, sampling);
        const double seconds = nowSeconds() - start;
        if (results.size() != 1 || static_cast<int>(results[0].ids.size()) != newTokens)
            throw srs::Error("bench_runtime: generate returned " +
                             std::to_string(results.empty() ? 0 : results[0].ids.size()) +
                             " tokens, expected " + std::to_string(newTokens));
        if (ids)
            *ids = results[0].ids;
        return seconds;
    };

    // Warm-up: allocator, thread pool, first-touch of the mapped weights.
    (void)model.forward(prefillIds.slice(1, 0, 16));
    (void)generateTimed(2, nullptr);

    for (int rep = 0; rep < opt.reps; ++rep) {
        const double load1 = loadAverage1m();
        std::vector<int> newIds;
        const double oneSeconds = generateTimed(1, nullptr);
        const double manySeconds = generateTimed(opt.decodeTokens, &newIds);
        const double decodeSeconds = manySeconds - oneSeconds;
        const double rssDecode = peakRssBytes();
        // The memory bandwidth of this VM swings run to run (22-41 GB/s seen on one day), so
        // the decode floor is also measured here, right after the decode: the same read of
        // the checkpoint's mapped weights as bench_decode_breakdown (no extra memory).
        // Only where decode streams exactly those pages (stored dtype = compute dtype): an f32
        // model reads its own converted copies and has paged the mapping out.
        double streamGbs = 0;
        if (checkpoint->storedDtype() == (dtype == ComputeDtype::BFloat16 ? "BF16" : "F32")) {
            std::vector<at::Tensor> mapped;
            for (const auto& name : checkpoint->tensorNames()) mapped.push_back(checkpoint->tensor(name));
            streamGbs = srs::bench::streamBandwidth(mapped, threads) / 1e9;
        }

        double c0 = processCpuSeconds();
        t0 = nowSeconds();
        const auto out = model.forward(prefillIds);
        const double prefillSeconds = nowSeconds() - t0;
        const double prefillCpu = processCpuSeconds() - c0;
        if (out.logits.dim() != 3 || out.logits.size(1) != opt.prefillTokens ||
            out.logits.size(2) != vocab)
            throw srs::Error("bench_runtime: prefill logits have an unexpected shape");
        ForwardRequest lastOnly;
        lastOnly.lastLogitsOnly = true;
        t0 = nowSeconds();
        (void)model.forward(prefillIds, lastOnly);
        const double prefillLastSeconds = nowSeconds() - t0;
        const double rssAll = peakRssBytes();

        nlohmann::json rec = {
            {"impl", "ours"}, {"dtype", opt.dtype}, {"rep", rep}, {"threads", threads},
            {"load_s", loadSeconds},
            {"prefill_tokens", opt.prefillTokens}, {"prefill_s", prefillSeconds},
            {"prefill_tok_s", opt.prefillTokens / prefillSeconds},
            {"prefill_last_tok_s", opt.prefillTokens / prefillLastSeconds},
            {"prefill_cpu_util", prefillCpu / prefillSeconds},
            {"prompt_tokens", opt.promptTokens}, {"decode_tokens", opt.decodeTokens},
            {"decode_steps_s", decodeSeconds},
            {"decode_tok_s", (opt.decodeTokens - 1) / decodeSeconds},
            {"stream_gbs_after_decode", streamGbs > 0 ? nlohmann::json(streamGbs) : nlohmann::json()},
            {"first_ids", std::vector<int>(newIds.begin(), newIds.begin() + std::min<size_t>(8, newIds.size()))},
            {"weight_bytes", weightBytes},
            {"rss_start_bytes", rssStart}, {"peak_rss_load_bytes", rssLoad},
            {"peak_rss_decode_bytes", rssDecode}, {"peak_rss_bytes", rssAll},
            {"loadavg_1m", load1},
        };
        std::cout << rec.dump() << std::endl;
        std::fprintf(stderr,
                     "[ours %s] rep %d: prefill %.1f tok/s (last-logits-only %.1f), decode %.2f tok/s, "
                     "peak RSS load %.0f / decode %.0f / all %.0f MB\n",
                     opt.dtype.c_str(), rep, opt.prefillTokens / prefillSeconds,
                     opt.prefillTokens / prefillLastSeconds, (opt.decodeTokens - 1) / decodeSeconds,
                     rssLoad / 1e6, rssDecode / 1e6, rssAll / 1e6);
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Prefill/decode speed and peak RSS of the srs model runtime"};
    Options opt;
    app.add_option("--model", opt.modelDir, "Hugging Face model folder")->required();
    app.add_option("--dtype", opt.dtype, "Compute dtype: bf16 | f32");
    app.add_option("--threads", opt.threads, "Threads (default: OMP_NUM_THREADS or all cores)");
    app.add_option("--prefill-tokens", opt.prefillTokens, "Prefill length")->check(CLI::PositiveNumber);
    app.add_option("--prompt-tokens", opt.promptTokens, "Decode prompt length")->check(CLI::PositiveNumber);
    app.add_option("--decode-tokens", opt.decodeTokens, "New tokens per decode run")->check(CLI::Range(2, 4096));
    app.add_option("--reps", opt.reps, "Repetitions in this process")->check(CLI::PositiveNumber);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    }
    try {
        return run(opt);
    } catch (const srs::InvalidArgument& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 2;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 1;
    }
}
