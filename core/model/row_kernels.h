#pragma once
/// Vectorised (AVX-512), multi-threaded (at::parallel_for) versions of the element-wise and
/// row-wise operations between the matrix products of a bf16 decoder layer on the CPU:
/// RMSNorm, rotary, the attention's scale + mask + softmax, and SiLU x up. On a 512-token
/// prefill the at:: versions of these (each a bf16 -> f32 -> bf16 round trip, softmax over
/// the masked half too, scalar bf16 conversions) took more time than the GEMMs around them.
///
/// Every function keeps the rounding points of the at:: ops it replaces in decoder_layer.cpp
/// (each at:: op on bf16 computes in f32 and rounds once to bf16, round-to-nearest-even like
/// c10::BFloat16), so results differ from the at:: path only where a reduction sums in
/// another order (RMSNorm's mean, softmax's sum) or exp differs in the last f32 bits (a
/// polynomial here, Sleef there): within one bf16 rounding. Each row is computed alone, so a
/// row's result never depends on the other rows of a batch.
///
/// Only bf16 on x86-64 CPUs with AVX-512 (F, BW); everything else (f32, other CPUs,
/// SRS_DISABLE_ROW_KERNELS=1) keeps the at:: path: callers check available() first.
#include <c10/util/BFloat16.h>

#include <cstdint>

namespace srs::core::rowk {

/// True for bf16 on a CPU with AVX-512 F/BW unless SRS_DISABLE_ROW_KERNELS is set (to anything
/// but "0") or setEnabled(false) was called.
bool available();
/// For benchmarks and tests (A/B in one process). Not thread-safe against running forwards.
void setEnabled(bool enabled);

using bf16 = c10::BFloat16;

/// out = round(round(x * rsqrt(mean(x^2) + eps)) * w) per row of width n (mean in f32).
/// `out` may equal `x`.
void rmsNorm(const bf16* x, const bf16* w, std::int64_t rows, std::int64_t n, float eps, bf16* out);

/// HF rotary (rotate_half) in place on rows x heads x headDim values (headDim even), row r
/// using cos/sin row r:
/// x = round(round(x * cos) + round(rotate_half(x) * sin)).
void rotaryInPlace(bf16* x, const bf16* cos, const bf16* sin, std::int64_t rows, std::int64_t heads,
                   std::int64_t headDim);

/// Attention probabilities in place over `rows` rows of S scores: s = round(s * scale); masked
/// entries (notAllowed true) get probability 0; the rest softmax in f32, rounded. Row r reads
/// mask row (r / rowsPerBatch) * T + r % T of notAllowed [B, T, S] (nullptr = nothing masked).
void scaledMaskedSoftmax(bf16* scores, std::int64_t rows, std::int64_t S, float scale,
                         const bool* notAllowed, std::int64_t rowsPerBatch, std::int64_t T);

/// out = round(round(silu(gate)) * up) over `count` values, silu with ATen's bf16 rounding
/// points: round(g / round(1 + round(exp(-g)))). `out` may equal `gate`.
void siluMul(const bf16* gate, const bf16* up, std::int64_t count, bf16* out);

}  // namespace srs::core::rowk
