#include "core/model/row_kernels.h"

#include <ATen/Parallel.h>

#include <atomic>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <vector>


#if defined(__x86_64__)
#include <immintrin.h>
#define SRS_ROWK_X86 1
#endif

namespace srs::core::rowk {
namespace {

bool cpuHasKernels() {
#if SRS_ROWK_X86
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
           __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512dq");
#else
    return false;
#endif
}

std::atomic<bool>& enabledFlag() {
    static std::atomic<bool> flag{[] {
        const char* off = std::getenv("SRS_DISABLE_ROW_KERNELS");
        return cpuHasKernels() && !(off && *off && std::strcmp(off, "0") != 0);
    }()};
    return flag;
}

#if SRS_ROWK_X86
#define SRS_ROWK_TARGET __attribute__((target("avx512f,avx512bw,avx512vl,avx512dq")))

SRS_ROWK_TARGET inline __mmask16 tailMask(std::int64_t left) {
    return left >= 16 ? static_cast<__mmask16>(0xFFFF) : static_cast<__mmask16>((1u << left) - 1u);
}

/// 16 bf16 values (lanes outside m read as 0) widened to f32 (exact).
SRS_ROWK_TARGET inline __m512 loadBf16(const bf16* p, __mmask16 m) {
    const __m256i h = _mm256_maskz_loadu_epi16(m, p);
    return _mm512_castsi512_ps(_mm512_slli_epi32(_mm512_cvtepu16_epi32(h), 16));
}

/// Round-to-nearest-even to bf16 bits in the low half of each lane, as c10::BFloat16 does
/// (NaN -> 0x7FC0).
SRS_ROWK_TARGET inline __m512i roundBits(__m512 v) {
    const __m512i u = _mm512_castps_si512(v);
    const __m512i lsb = _mm512_and_si512(_mm512_srli_epi32(u, 16), _mm512_set1_epi32(1));
    const __m512i r =
        _mm512_srli_epi32(_mm512_add_epi32(u, _mm512_add_epi32(lsb, _mm512_set1_epi32(0x7FFF))), 16);
    const __mmask16 nan = _mm512_cmp_ps_mask(v, v, _CMP_UNORD_Q);
    return _mm512_mask_mov_epi32(r, nan, _mm512_set1_epi32(0x7FC0));
}

/// The value v rounded to bf16, as f32.
SRS_ROWK_TARGET inline __m512 rnd(__m512 v) { return _mm512_castsi512_ps(_mm512_slli_epi32(roundBits(v), 16)); }

SRS_ROWK_TARGET inline void storeBf16(bf16* p, __m512 v, __mmask16 m) {
    _mm256_mask_storeu_epi16(p, m, _mm512_cvtepi32_epi16(roundBits(v)));
}

/// exp(x) in f32 within ~2 ulp: x = n ln2 + r (ln2 split in two for an exact reduction),
/// degree-6 polynomial on |r| <= ln2/2, scaled by 2^n with scalef (which also produces the
/// subnormal results of very negative x correctly).
SRS_ROWK_TARGET inline __m512 expApprox(__m512 x) {
    x = _mm512_min_ps(_mm512_max_ps(x, _mm512_set1_ps(-104.0f)), _mm512_set1_ps(88.7f));
    const __m512 n = _mm512_roundscale_ps(_mm512_mul_ps(x, _mm512_set1_ps(1.44269504088896341f)),
                                          _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    __m512 r = _mm512_fnmadd_ps(n, _mm512_set1_ps(0.693145751953125f), x);
    r = _mm512_fnmadd_ps(n, _mm512_set1_ps(1.428606820309417232e-06f), r);
    __m512 p = _mm512_set1_ps(1.0f / 720.0f);
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f / 120.0f));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f / 24.0f));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f / 6.0f));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(0.5f));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f));
    return _mm512_scalef_ps(p, n);
}

SRS_ROWK_TARGET void rmsNormRow(const bf16* x, const bf16* w, std::int64_t n, float eps, bf16* out) {
    __m512 acc[4] = {_mm512_setzero_ps(), _mm512_setzero_ps(), _mm512_setzero_ps(), _mm512_setzero_ps()};
    std::int64_t i = 0;
    for (int u = 0; i < n; i += 16, u = (u + 1) & 3) {
        const __m512 v = loadBf16(x + i, tailMask(n - i));
        acc[u] = _mm512_fmadd_ps(v, v, acc[u]);
    }
    const float sum = _mm512_reduce_add_ps(_mm512_add_ps(_mm512_add_ps(acc[0], acc[1]), _mm512_add_ps(acc[2], acc[3])));
    const float inv = 1.0f / std::sqrt(sum / static_cast<float>(n) + eps);
    const __m512 vinv = _mm512_set1_ps(inv);
    for (i = 0; i < n; i += 16) {
        const __mmask16 m = tailMask(n - i);
        const __m512 normed = rnd(_mm512_mul_ps(loadBf16(x + i, m), vinv));
        storeBf16(out + i, _mm512_mul_ps(normed, loadBf16(w + i, m)), m);
    }
}

/// One row of attention scores -> probabilities (see scaledMaskedSoftmax); buf holds S floats.
SRS_ROWK_TARGET void softmaxRow(bf16* s, std::int64_t S, float scale, const bool* mask, float* buf) {
    const __m512 vscale = _mm512_set1_ps(scale);
    const __m512 ninf = _mm512_set1_ps(-std::numeric_limits<float>::infinity());
    __m512 vmax = ninf;
    for (std::int64_t i = 0; i < S; i += 16) {
        const __mmask16 m = tailMask(S - i);
        __mmask16 allowed = m;
        if (mask) {
            const __m128i bytes = _mm_maskz_loadu_epi8(m, mask + i);
            allowed = static_cast<__mmask16>(allowed & ~_mm_test_epi8_mask(bytes, bytes));
        }
        const __m512 v = _mm512_mask_mov_ps(ninf, allowed, rnd(_mm512_mul_ps(loadBf16(s + i, m), vscale)));
        _mm512_mask_storeu_ps(buf + i, m, v);
        vmax = _mm512_max_ps(vmax, v);
    }
    const __m512 mx = _mm512_set1_ps(_mm512_reduce_max_ps(vmax));
    __m512 vsum = _mm512_setzero_ps();
    for (std::int64_t i = 0; i < S; i += 16) {
        const __mmask16 m = tailMask(S - i);
        const __m512 v = _mm512_maskz_loadu_ps(m, buf + i);
        const __mmask16 live = _mm512_mask_cmp_ps_mask(m, v, ninf, _CMP_NEQ_OQ);
        if (!live) {  // a whole block masked (the causal upper triangle): no exp
            _mm512_mask_storeu_ps(buf + i, m, _mm512_setzero_ps());
            continue;
        }
        const __m512 e = _mm512_maskz_mov_ps(live, expApprox(_mm512_sub_ps(v, mx)));
        _mm512_mask_storeu_ps(buf + i, m, e);
        vsum = _mm512_add_ps(vsum, e);
    }
    const __m512 inv = _mm512_set1_ps(1.0f / _mm512_reduce_add_ps(vsum));
    for (std::int64_t i = 0; i < S; i += 16) {
        const __mmask16 m = tailMask(S - i);
        storeBf16(s + i, _mm512_mul_ps(_mm512_maskz_loadu_ps(m, buf + i), inv), m);
    }
}

/// One head of rotary in place: [x1, x2] -> [x1 c1 - x2 s1, x2 c2 + x1 s2], every product
/// and the sum rounded to bf16 as the at:: ops do (negation is exact).
SRS_ROWK_TARGET void rotaryHead(bf16* v, const bf16* c, const bf16* s, std::int64_t half) {
    for (std::int64_t i = 0; i < half; i += 16) {
        const __mmask16 m = tailMask(half - i);
        const __m512 x1 = loadBf16(v + i, m), x2 = loadBf16(v + half + i, m);
        const __m512 a1 = rnd(_mm512_mul_ps(x1, loadBf16(c + i, m)));
        const __m512 b1 = rnd(_mm512_mul_ps(_mm512_sub_ps(_mm512_setzero_ps(), x2), loadBf16(s + i, m)));
        const __m512 a2 = rnd(_mm512_mul_ps(x2, loadBf16(c + half + i, m)));
        const __m512 b2 = rnd(_mm512_mul_ps(x1, loadBf16(s + half + i, m)));
        storeBf16(v + i, _mm512_add_ps(a1, b1), m);
        storeBf16(v + half + i, _mm512_add_ps(a2, b2), m);
    }
}

SRS_ROWK_TARGET void siluMulRange(const bf16* gate, const bf16* up, std::int64_t begin, std::int64_t end,
                                  bf16* out) {
    const __m512 one = _mm512_set1_ps(1.0f);
    for (std::int64_t i = begin; i < end; i += 16) {
        const __mmask16 m = tailMask(end - i);
        const __m512 g = loadBf16(gate + i, m);
        // ATen's bf16 silu rounds exp(-g) and 1 + exp(-g) to bf16 too (measured against
        // torch 1.13: this formula matches it on every value, the plain f32 one on 76%).
        const __m512 e = rnd(expApprox(_mm512_sub_ps(_mm512_setzero_ps(), g)));
        const __m512 silu = rnd(_mm512_div_ps(g, rnd(_mm512_add_ps(one, e))));
        storeBf16(out + i, _mm512_mul_ps(silu, loadBf16(up + i, m)), m);
    }
}
#endif

}  // namespace

bool available() { return enabledFlag().load(std::memory_order_relaxed); }
void setEnabled(bool enabled) { enabledFlag().store(enabled && cpuHasKernels()); }

#if SRS_ROWK_X86
void rmsNorm(const bf16* x, const bf16* w, std::int64_t rows, std::int64_t n, float eps, bf16* out) {
    const std::int64_t grain = std::max<std::int64_t>(1, 16384 / std::max<std::int64_t>(1, n));
    at::parallel_for(0, rows, grain, [&](std::int64_t r0, std::int64_t r1) {
        for (std::int64_t r = r0; r < r1; ++r) rmsNormRow(x + r * n, w, n, eps, out + r * n);
    });
}

void rotaryInPlace(bf16* x, const bf16* cos, const bf16* sin, std::int64_t rows, std::int64_t heads,
                   std::int64_t headDim) {
    const std::int64_t grain = std::max<std::int64_t>(1, 8192 / std::max<std::int64_t>(1, heads * headDim));
    at::parallel_for(0, rows, grain, [&](std::int64_t r0, std::int64_t r1) {
        for (std::int64_t r = r0; r < r1; ++r)
            for (std::int64_t h = 0; h < heads; ++h)
                rotaryHead(x + (r * heads + h) * headDim, cos + r * headDim, sin + r * headDim, headDim / 2);
    });
}

void scaledMaskedSoftmax(bf16* scores, std::int64_t rows, std::int64_t S, float scale, const bool* notAllowed,
                         std::int64_t rowsPerBatch, std::int64_t T) {
    const std::int64_t grain = std::max<std::int64_t>(1, 16384 / std::max<std::int64_t>(1, S));
    at::parallel_for(0, rows, grain, [&](std::int64_t r0, std::int64_t r1) {
        std::vector<float> buf(static_cast<std::size_t>(S) + 16);
        for (std::int64_t r = r0; r < r1; ++r) {
            const bool* mask = notAllowed ? notAllowed + ((r / rowsPerBatch) * T + r % T) * S : nullptr;
            softmaxRow(scores + r * S, S, scale, mask, buf.data());
        }
    });
}

void siluMul(const bf16* gate, const bf16* up, std::int64_t count, bf16* out) {
    at::parallel_for(0, (count + 15) / 16, 1024, [&](std::int64_t b0, std::int64_t b1) {
        siluMulRange(gate, up, b0 * 16, std::min(count, b1 * 16), out);
    });
}
#else
// Never called: available() is false without the x86 kernels.
void rmsNorm(const bf16*, const bf16*, std::int64_t, std::int64_t, float, bf16*) {}
void rotaryInPlace(bf16*, const bf16*, const bf16*, std::int64_t, std::int64_t, std::int64_t) {}
void scaledMaskedSoftmax(bf16*, std::int64_t, std::int64_t, float, const bool*, std::int64_t, std::int64_t) {}
void siluMul(const bf16*, const bf16*, std::int64_t, bf16*) {}
#endif

}  // namespace srs::core::rowk
