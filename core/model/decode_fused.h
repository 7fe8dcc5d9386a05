#pragma once
/// The small per-token operations of decode (few rows: B x T <= kSmallLinearMaxRows, CPU,
/// bf16 or f32) as direct loops over the tensors' memory, so that a decoder layer between its
/// weight-streaming kernels (linear_small.*) costs no ATen dispatch and no allocation.
/// Every function keeps the rounding points of the generic at:: path of decoder_layer.cpp
/// (each at:: op on bf16 computes in f32 and rounds once to bf16), so the two paths differ
/// only where a reduction sums in another order (RMSNorm's mean, attention dot products) or a
/// libm function differs in the last f32 bit (exp, sqrt):
///  - rotary, residual add: bitwise equal to the at:: ops;
///  - RMSNorm, SiLU x up, attention: within one rounding of the output dtype.
/// The generic path stays the fallback (CUDA, other CPUs, hooks on a layer, more rows) and
/// the whole fused path can be switched off with SRS_DISABLE_FUSED_DECODE=1.
///
/// Pointers are to contiguous row-major buffers of `dtype` (kBFloat16 or kFloat) unless said.
#include <c10/core/ScalarType.h>

#include <cstdint>

namespace srs::core {

/// True unless SRS_DISABLE_FUSED_DECODE is set (to anything but "0") or
/// setFusedDecodeEnabled(false) was called. The path is used only where it applies
/// (fusedDecodeApplicable()).
bool fusedDecodeEnabled();
/// For benchmarks and tests (A/B in one process). Not thread-safe against running forwards.
void setFusedDecodeEnabled(bool enabled);

namespace fused {

/// HF RMSNorm of `rows` rows of width n: out = round(round(x * rsqrt(mean(x^2) + eps)) * w),
/// mean and rsqrt in f32. `out` may equal `x`.
void rmsNorm(c10::ScalarType dtype, const void* x, const void* weight, std::int64_t rows,
             std::int64_t n, float eps, void* out);

/// x += y, elementwise over `count` values (rounded once to dtype).
void addInPlace(c10::ScalarType dtype, void* x, const void* y, std::int64_t count);

/// HF rotary (rotate_half) in place on `rows` rows of `heads` x headDim values; row r uses
/// cos/sin row r (headDim values each, in dtype):
/// x = round(round(x * cos) + round(rotate_half(x) * sin)).
void rotaryInPlace(c10::ScalarType dtype, void* x, const void* cos, const void* sin,
                   std::int64_t rows, std::int64_t heads, std::int64_t headDim);

/// out = round(round(silu(gate)) * up) over `count` values (silu in f32 with ATen's rounding
/// points: for bf16, round(g / round(1 + round(exp(-g))))).
void siluMul(c10::ScalarType dtype, const void* gate, const void* up, std::int64_t count, void* out);

/// Grouped-query attention for T query rows per batch row against S cached keys/values.
///  q [B, T, H, D]; keys/values [B, KvH, capacity, D] (slots [0, S) used); query head h reads
///  KV head h / (H / KvH). notAllowed [B, T, S] (bool, true = masked) or nullptr.
///  out [B, T, H, D] = softmax(round(round(q.k) * scale) masked) rounded, times V in f32,
///  rounded: the rounding points of the generic bf16 path (scores and probabilities in bf16,
///  products accumulated in f32); in f32 no rounding at all.
void attention(c10::ScalarType dtype, const void* q, const void* keys, const void* values,
               const bool* notAllowed, std::int64_t B, std::int64_t T, std::int64_t H,
               std::int64_t KvH, std::int64_t D, std::int64_t S, std::int64_t capacity,
               float scale, void* out);

/// Writes k/v [B, T, KvH, D] into the cache buffers [B, KvH, capacity, D] at slots
/// [slot, slot + T).
void writeCache(c10::ScalarType dtype, const void* k, const void* v, std::int64_t B,
                std::int64_t T, std::int64_t KvH, std::int64_t D, std::int64_t capacity,
                std::int64_t slot, void* keys, void* values);

/// Scratch memory for the fused path: grows to the largest request and is then reused (no
/// allocation per token). One per thread.
void* scratch(int slot, std::int64_t bytes);

}  // namespace fused
}  // namespace srs::core
