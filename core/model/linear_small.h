#pragma once
/// Weight-streaming linear kernels for few rows (decode): y[M, N] = x[M, K] @ W[N, K]^T + b.
/// Decode is bound by reading the weights once per token; at::linear's GEMV path reaches only
/// a fraction of the memory bandwidth and opens one parallel region per call. These kernels
/// read every weight row once (all M input rows are applied while the row is in cache), use
/// AVX512-BF16 dot products (vdpbf16ps, f32 accumulation) for bf16 weights and AVX512F FMA
/// for f32 weights, and run several linears that share their input (q/k/v, gate/up) in ONE
/// parallel region. The ISA is checked at run time; callers fall back to at::linear when
/// smallLinearSupported() is false, so the binary runs on any x86-64 (and non-x86) CPU.
#include <ATen/core/Tensor.h>

#include <cstdint>
#include <vector>

namespace srs::core {

/// Largest number of input rows (M = batch x new tokens) the kernels take.
inline constexpr std::int64_t kSmallLinearMaxRows = 8;

/// One linear of a fused stage. `weight` [N, K] contiguous on CPU, in the dtype of the input;
/// `bias` [N] in the same dtype, or undefined.
struct SmallLinearWeight {
    at::Tensor weight;
    at::Tensor bias;
};

/// True when this CPU can run the kernel for `dtype` (bf16: avx512f+avx512bw+avx512_bf16;
/// f32: avx512f). Checked once (cpuid); false for every other dtype and on non-x86 builds.
/// Setting the environment variable SRS_DISABLE_SMALL_LINEAR=1 forces false (at::linear).
bool smallLinearSupported(at::ScalarType dtype);

/// Whether smallLinear() can take input `x` [..., K] with `weight` [N, K]: supported dtype,
/// both on CPU in the same dtype, weight contiguous, at most kSmallLinearMaxRows rows.
bool smallLinearApplicable(const at::Tensor& x, const at::Tensor& weight);

/// y_i = x @ W_i^T + b_i for every weight of `stage`, all in one parallel region over the
/// concatenated output rows. x [..., K] (any leading shape, M rows in all); returns one tensor
/// [..., N_i] per weight, in x's dtype (f32 accumulation, one rounding at the end, bias added
/// in f32 before it). Throws InvalidArgument when smallLinearApplicable() is false for any
/// weight or a bias has the wrong shape/dtype. With `floatOutput` the outputs are f32 holding
/// exactly the values rounded to x's dtype (= the result followed by .to(kFloat), without the
/// extra pass over the output).
std::vector<at::Tensor> smallLinear(const at::Tensor& x, const std::vector<SmallLinearWeight>& stage,
                                    bool floatOutput = false);

/// One output of smallLinearRaw(): weight [n, K] and bias [n] (or nullptr) contiguous in the
/// input dtype; out [M, n] contiguous, in the input dtype or f32 (floatOutput).
struct SmallLinearRawOutput {
    const void* weight;
    const void* bias;
    void* out;
    std::int64_t n;
};

/// smallLinear() on caller-owned buffers (the fused decode path: no tensor is created).
/// x [M, K] contiguous in `dtype`; requires smallLinearSupported(dtype) and
/// 1 <= M <= kSmallLinearMaxRows (throws InvalidArgument otherwise); shapes are the
/// caller's responsibility. Same results, bit for bit, as smallLinear().
void smallLinearRaw(at::ScalarType dtype, const void* x, std::int64_t M, std::int64_t K,
                    const SmallLinearRawOutput* outputs, std::size_t count, bool floatOutput = false);

/// at::linear(x, weight, bias) (then .to(kFloat) with `floatOutput`), through the small-M
/// kernel when it applies.
at::Tensor linearAuto(const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias = {},
                      bool floatOutput = false);

}  // namespace srs::core
