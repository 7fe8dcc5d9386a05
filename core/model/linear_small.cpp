#include "core/model/linear_small.h"

#include <ATen/Parallel.h>
#include <ATen/ops/empty.h>
#include <ATen/ops/linear.h>
#include <ATen/ops/mm.h>
#include <c10/util/BFloat16.h>
#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "core/error.h"
#include "core/model/linear_pool.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define SRS_SMALL_LINEAR_X86 1
#endif

namespace srs::core {
namespace {

/// Column block of linearAuto's wide bf16 -> f32 products (4096 columns: a few MB per block).
constexpr std::int64_t kFloatOutputColumns = 4096;

/// One linear of a stage, as raw pointers. Rows [begin, begin + n) of the stage's
/// concatenated output row space belong to it.
struct Segment {
    const void* weight;  ///< [n, K]
    const void* bias;    ///< [n] or nullptr
    void* out;           ///< [M, n], input dtype or f32 (outFloat)
    bool outFloat;
    std::int64_t n, begin;
};

#if SRS_SMALL_LINEAR_X86
#define SRS_TARGET_BF16 __attribute__((target("avx512f,avx512bw,avx512bf16")))
#define SRS_TARGET_F32 __attribute__((target("avx512f")))

/// Dot products of ONE weight row with MB input rows, K elements each: res[m] = sum_k w[k] x[m][k].
/// The weight row is read strictly sequentially (what the hardware prefetcher streams best;
/// interleaving several rows measured ~40% slower) with kUnroll independent accumulators per
/// input row. The summation order depends on K only, never on MB, so a row's result does not
/// depend on which other rows are in the batch.
inline constexpr int kUnroll = 4;

template <int MB>
SRS_TARGET_BF16 inline void dotBf16(const std::uint16_t* x, const std::uint16_t* w, std::int64_t K,
                                    float* res) {
    __m512 acc[kUnroll][MB];
#pragma GCC unroll 4
    for (int u = 0; u < kUnroll; ++u)
#pragma GCC unroll 4
        for (int m = 0; m < MB; ++m) acc[u][m] = _mm512_setzero_ps();
    std::int64_t k = 0;
    for (; k + 32 * kUnroll <= K; k += 32 * kUnroll) {
#pragma GCC unroll 4
        for (int u = 0; u < kUnroll; ++u) {
            const __m512i wv = _mm512_loadu_si512(w + k + 32 * u);
#pragma GCC unroll 4
            for (int m = 0; m < MB; ++m)
                acc[u][m] = _mm512_dpbf16_ps(acc[u][m], (__m512bh)_mm512_loadu_si512(x + m * K + k + 32 * u),
                                             (__m512bh)wv);
        }
    }
    for (; k + 32 <= K; k += 32) {
        const __m512i wv = _mm512_loadu_si512(w + k);
#pragma GCC unroll 4
        for (int m = 0; m < MB; ++m)
            acc[0][m] = _mm512_dpbf16_ps(acc[0][m], (__m512bh)_mm512_loadu_si512(x + m * K + k), (__m512bh)wv);
    }
    if (k < K) {
        const __mmask32 mask = static_cast<__mmask32>((1ull << (K - k)) - 1);
        const __m512i wv = _mm512_maskz_loadu_epi16(mask, w + k);
#pragma GCC unroll 4
        for (int m = 0; m < MB; ++m)
            acc[1][m] = _mm512_dpbf16_ps(acc[1][m], (__m512bh)_mm512_maskz_loadu_epi16(mask, x + m * K + k),
                                         (__m512bh)wv);
    }
#pragma GCC unroll 4
    for (int m = 0; m < MB; ++m)
        res[m] = _mm512_reduce_add_ps(
            _mm512_add_ps(_mm512_add_ps(acc[0][m], acc[1][m]), _mm512_add_ps(acc[2][m], acc[3][m])));
}

/// The same for f32 weights and inputs (16 lanes, FMA).
template <int MB>
SRS_TARGET_F32 inline void dotF32(const float* x, const float* w, std::int64_t K, float* res) {
    __m512 acc[kUnroll][MB];
#pragma GCC unroll 4
    for (int u = 0; u < kUnroll; ++u)
#pragma GCC unroll 4
        for (int m = 0; m < MB; ++m) acc[u][m] = _mm512_setzero_ps();
    std::int64_t k = 0;
    for (; k + 16 * kUnroll <= K; k += 16 * kUnroll) {
#pragma GCC unroll 4
        for (int u = 0; u < kUnroll; ++u) {
            const __m512 wv = _mm512_loadu_ps(w + k + 16 * u);
#pragma GCC unroll 4
            for (int m = 0; m < MB; ++m)
                acc[u][m] = _mm512_fmadd_ps(_mm512_loadu_ps(x + m * K + k + 16 * u), wv, acc[u][m]);
        }
    }
    for (; k + 16 <= K; k += 16) {
        const __m512 wv = _mm512_loadu_ps(w + k);
#pragma GCC unroll 4
        for (int m = 0; m < MB; ++m) acc[0][m] = _mm512_fmadd_ps(_mm512_loadu_ps(x + m * K + k), wv, acc[0][m]);
    }
    if (k < K) {
        const __mmask16 mask = static_cast<__mmask16>((1u << (K - k)) - 1);
        const __m512 wv = _mm512_maskz_loadu_ps(mask, w + k);
#pragma GCC unroll 4
        for (int m = 0; m < MB; ++m)
            acc[1][m] = _mm512_fmadd_ps(_mm512_maskz_loadu_ps(mask, x + m * K + k), wv, acc[1][m]);
    }
#pragma GCC unroll 4
    for (int m = 0; m < MB; ++m)
        res[m] = _mm512_reduce_add_ps(
            _mm512_add_ps(_mm512_add_ps(acc[0][m], acc[1][m]), _mm512_add_ps(acc[2][m], acc[3][m])));
}

/// Adds the bias (f32) and stores R x MB results of rows n.. for input rows m0..: rounded once
/// to T (the input dtype), written as T or, with Segment::outFloat, as that value in f32.
template <typename T>
inline void storeResults(const Segment& s, const float* res, int R, int MB, std::int64_t n,
                         std::int64_t m0) {
    const T* bias = static_cast<const T*>(s.bias);
    for (int r = 0; r < R; ++r) {
        const float b = bias ? static_cast<float>(bias[n + r]) : 0.0f;
        for (int m = 0; m < MB; ++m) {
            const T v = static_cast<T>(res[r * MB + m] + b);
            const std::int64_t at = (m0 + m) * s.n + n + r;
            if (s.outFloat)
                static_cast<float*>(s.out)[at] = static_cast<float>(v);
            else
                static_cast<T*>(s.out)[at] = v;
        }
    }
}

/// Asks for the cache lines kPrefetchBytes ahead of a weight row that is about to be read,
/// one prefetch per line of the row. The hardware prefetchers alone leave the core short of
/// outstanding misses: measured on this machine's 2 cores (1 GB of bf16 rows, K 896 and
/// 4864), 1-2 KB ahead read 10-15% faster than without, and faster than a plain streaming
/// read of the same bytes; 16 KB ahead was slower. Prefetches past the end of the mapping
/// are harmless (they never fault).
inline constexpr std::int64_t kPrefetchBytes = 2048;
inline void prefetchAhead(const void* row, std::int64_t rowBytes) {
    const char* p = static_cast<const char*>(row) + kPrefetchBytes;
    for (std::int64_t b = 0; b < rowBytes; b += 64) _mm_prefetch(p + b, _MM_HINT_T0);
}

/// Rows [r0, r1) (segment-local) of one segment, one weight row at a time, every input row
/// applied (in blocks of up to 4) while that row is in L1.
#define SRS_DEFINE_SEGMENT_RUNNER(NAME, TARGET, ELEM, DOT)                                      \
    TARGET void NAME(const Segment& s, std::int64_t r0, std::int64_t r1, const ELEM* x,         \
                     std::int64_t M, std::int64_t K) {                                           \
        const ELEM* W = static_cast<const ELEM*>(s.weight);                                     \
        float res[4];                                                                            \
        for (std::int64_t n = r0; n < r1; ++n) {                                                 \
            const ELEM* wr = W + n * K;                                                          \
            prefetchAhead(wr, K * static_cast<std::int64_t>(sizeof(ELEM)));                      \
            for (std::int64_t m0 = 0; m0 < M; m0 += 4) {                                         \
                const int mb = static_cast<int>(std::min<std::int64_t>(4, M - m0));              \
                const ELEM* xb = x + m0 * K;                                                     \
                switch (mb) {                                                                    \
                    case 1: DOT<1>(xb, wr, K, res); break;                                       \
                    case 2: DOT<2>(xb, wr, K, res); break;                                       \
                    case 3: DOT<3>(xb, wr, K, res); break;                                       \
                    default: DOT<4>(xb, wr, K, res); break;                                      \
                }                                                                                \
                storeResults<StoreT>(s, res, 1, mb, n, m0);                                      \
            }                                                                                    \
        }                                                                                        \
    }

namespace bf16_impl {
using StoreT = c10::BFloat16;
SRS_DEFINE_SEGMENT_RUNNER(runSegment, SRS_TARGET_BF16, std::uint16_t, dotBf16)
}  // namespace bf16_impl
namespace f32_impl {
using StoreT = float;
SRS_DEFINE_SEGMENT_RUNNER(runSegment, SRS_TARGET_F32, float, dotF32)
}  // namespace f32_impl
#undef SRS_DEFINE_SEGMENT_RUNNER

struct CpuFeatures {
    bool bf16 = false, f32 = false;
    CpuFeatures() {
        const char* off = std::getenv("SRS_DISABLE_SMALL_LINEAR");
        if (off && *off && std::strcmp(off, "0") != 0) return;
        __builtin_cpu_init();
        f32 = __builtin_cpu_supports("avx512f");
        bf16 = f32 && __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512bf16");
    }
};
#else
struct CpuFeatures {
    bool bf16 = false, f32 = false;
};
#endif

const CpuFeatures& cpuFeatures() {
    static const CpuFeatures features;
    return features;
}

/// Runs every segment of a stage (total output rows `total`) in one parallel region.
void runStage(at::ScalarType dtype, const void* xp, std::int64_t M, std::int64_t K,
              const std::vector<Segment>& segments, std::int64_t total) {
#if SRS_SMALL_LINEAR_X86
    const bool isBf16 = dtype == at::kBFloat16;
    const std::int64_t rowBytes = K * static_cast<std::int64_t>(isBf16 ? 2 : 4);
    // Blocks of ~256 KB of weights, claimed dynamically by the caller and the pool's helpers
    // (64 KB blocks measured ~10% slower: every claim restarts the prefetchers on a new
    // address); stages under 256 KB stay on the calling thread.
    const std::int64_t rowsPerBlock = std::max<std::int64_t>(1, (256 * 1024) / std::max<std::int64_t>(1, rowBytes));
    const std::int64_t blocks = (total + rowsPerBlock - 1) / rowsPerBlock;
    const int threads = total * rowBytes < 256 * 1024 ? 1 : at::get_num_threads();
    runBlocks(blocks, threads, [&](std::int64_t block) {
        const std::int64_t begin = block * rowsPerBlock;
        const std::int64_t end = std::min(total, begin + rowsPerBlock);
        for (const auto& s : segments) {
            const std::int64_t lo = std::max(begin, s.begin), hi = std::min(end, s.begin + s.n);
            if (lo >= hi) continue;
            if (isBf16)
                bf16_impl::runSegment(s, lo - s.begin, hi - s.begin,
                                      static_cast<const std::uint16_t*>(xp), M, K);
            else
                f32_impl::runSegment(s, lo - s.begin, hi - s.begin, static_cast<const float*>(xp), M, K);
        }
    });
#else
    (void)dtype, (void)xp, (void)M, (void)K, (void)segments, (void)total;
#endif
}

}  // namespace

bool smallLinearSupported(at::ScalarType dtype) {
    if (dtype == at::kBFloat16) return cpuFeatures().bf16;
    if (dtype == at::kFloat) return cpuFeatures().f32;
    return false;
}

bool smallLinearApplicable(const at::Tensor& x, const at::Tensor& weight) {
    if (!x.defined() || !weight.defined() || x.dim() < 1 || weight.dim() != 2) return false;
    if (!x.device().is_cpu() || !weight.device().is_cpu()) return false;
    if (x.scalar_type() != weight.scalar_type() || !smallLinearSupported(x.scalar_type()))
        return false;
    if (!weight.is_contiguous() || x.size(-1) != weight.size(1) || weight.size(1) == 0) return false;
    const std::int64_t rows = x.numel() / x.size(-1);
    return rows >= 1 && rows <= kSmallLinearMaxRows;
}

std::vector<at::Tensor> smallLinear(const at::Tensor& x, const std::vector<SmallLinearWeight>& stage,
                                    bool floatOutput) {
    if (stage.empty()) return {};
    for (std::size_t i = 0; i < stage.size(); ++i) {
        const auto& w = stage[i].weight;
        if (!smallLinearApplicable(x, w))
            throw InvalidArgument(fmt::format(
                "smallLinear: weight {} ({} {}) does not fit input {} {} (needs [N,K] contiguous, "
                "same dtype, supported CPU, at most {} rows)",
                i, w.defined() ? fmt::format("{}", fmt::join(w.sizes(), "x")) : "undefined",
                w.defined() ? c10::toString(w.scalar_type()) : "", fmt::join(x.sizes(), "x"),
                c10::toString(x.scalar_type()), kSmallLinearMaxRows));
        const auto& b = stage[i].bias;
        if (b.defined() && (b.dim() != 1 || b.size(0) != w.size(0) ||
                            b.scalar_type() != w.scalar_type() || !b.device().is_cpu()))
            throw InvalidArgument(fmt::format(
                "smallLinear: bias {} has shape {} {}, expected [{}] {}", i,
                fmt::join(b.sizes(), "x"), c10::toString(b.scalar_type()), w.size(0),
                c10::toString(w.scalar_type())));
    }
    const std::int64_t K = x.size(-1);
    const std::int64_t M = x.numel() / K;
    const at::Tensor x2 = x.reshape({M, K}).contiguous();
    std::vector<at::Tensor> outputs;
    std::vector<at::Tensor> biases;  // contiguous copies kept alive during the call
    std::vector<Segment> segments;
    std::int64_t total = 0;
    for (const auto& item : stage) {
        const std::int64_t n = item.weight.size(0);
        outputs.push_back(at::empty({M, n}, floatOutput ? x.options().dtype(at::kFloat) : x.options()));
        biases.push_back(item.bias.defined() ? item.bias.contiguous() : at::Tensor());
        segments.push_back(Segment{item.weight.data_ptr(),
                                   biases.back().defined() ? biases.back().data_ptr() : nullptr,
                                   outputs.back().data_ptr(), floatOutput, n, total});
        total += n;
    }

    runStage(x.scalar_type(), x2.data_ptr(), M, K, segments, total);

    auto outSizes = x.sizes().vec();
    for (std::size_t i = 0; i < outputs.size(); ++i) {
        outSizes.back() = stage[i].weight.size(0);
        outputs[i] = outputs[i].view(outSizes);
    }
    return outputs;
}

void smallLinearRaw(at::ScalarType dtype, const void* x, std::int64_t M, std::int64_t K,
                    const SmallLinearRawOutput* outputs, std::size_t count, bool floatOutput) {
    if (!smallLinearSupported(dtype) || M < 1 || M > kSmallLinearMaxRows || K < 1)
        throw InvalidArgument(fmt::format(
            "smallLinearRaw: {} rows of {} {} (needs a supported dtype/CPU, 1..{} rows)", M, K,
            c10::toString(dtype), kSmallLinearMaxRows));
    thread_local std::vector<Segment> segments;
    segments.clear();
    std::int64_t total = 0;
    for (std::size_t i = 0; i < count; ++i) {
        const auto& o = outputs[i];
        segments.push_back(Segment{o.weight, o.bias, o.out, floatOutput, o.n, total});
        total += o.n;
    }
    runStage(dtype, x, M, K, segments, total);
}

at::Tensor linearAuto(const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias,
                      bool floatOutput) {
    if (smallLinearApplicable(x, weight) &&
        (!bias.defined() || (bias.dim() == 1 && bias.scalar_type() == weight.scalar_type() &&
                             bias.device().is_cpu())))
        return smallLinear(x, {SmallLinearWeight{weight, bias}}, floatOutput)[0];
    if (floatOutput && !bias.defined() && x.scalar_type() == at::kBFloat16 && x.device().is_cpu() &&
        weight.device().is_cpu() && weight.scalar_type() == at::kBFloat16 && weight.dim() == 2 &&
        weight.is_contiguous() && x.dim() >= 1 && x.size(-1) == weight.size(1) &&
        weight.size(0) > kFloatOutputColumns) {
        // A wide bf16 product wanted in f32 (the LM head on every position): computed in
        // column blocks into one small reused bf16 buffer, each block widened into the f32
        // result, instead of a [M, N] bf16 intermediate as large as half the result whose
        // fresh pages (and second pass) cost as much as the conversion itself.
        const std::int64_t K = x.size(-1), M = x.numel() / K, N = weight.size(0);
        const at::Tensor x2 = x.reshape({M, K}).contiguous();
        at::Tensor out = at::empty({M, N}, x.options().dtype(at::kFloat));
        at::Tensor block = at::empty({M * kFloatOutputColumns}, x.options());
        for (std::int64_t n0 = 0; n0 < N; n0 += kFloatOutputColumns) {
            const std::int64_t nc = std::min(kFloatOutputColumns, N - n0);
            at::Tensor y = block.narrow(0, 0, M * nc).view({M, nc});
            at::mm_out(y, x2, weight.narrow(0, n0, nc).t());
            out.narrow(1, n0, nc).copy_(y);
        }
        auto sizes = x.sizes().vec();
        sizes.back() = N;
        return out.view(sizes);
    }
    auto y = at::linear(x, weight, bias);
    return floatOutput ? y.to(at::kFloat) : y;
}

}  // namespace srs::core
