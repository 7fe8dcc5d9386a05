#pragma once
/// Next-token choice from logits: greedy, or temperature / top-k / top-p sampling with a
/// per-row random stream (HF order: temperature, then top-k, then top-p).
#include <ATen/core/Tensor.h>

#include <cstdint>

namespace srs::core {

/// Deterministic 64-bit random stream (splitmix64). The stream of a generation row depends
/// only on (seed, row index in the request), so batching never changes the samples.
class RowRng {
public:
    RowRng(std::uint64_t seed, std::uint64_t row);
    std::uint64_t next();
    /// Uniform in [0, 1) with 53 random bits.
    double uniform();

private:
    std::uint64_t m_state;
};

struct SamplingParams {
    double temperature = 1.0;  ///< > 0
    double topP = 1.0;         ///< (0, 1]
    int topK = 0;              ///< 0 = off
};

/// Samples one token id from `logits` [V] (any float dtype, any device) using one draw of
/// `rng`. Throws InvalidArgument for temperature <= 0, topP outside (0,1] or topK < 0.
std::int64_t sampleToken(const at::Tensor& logits, const SamplingParams& params, RowRng& rng);

/// Keeps the tokens HF's top-p warper keeps: the most probable tokens whose cumulative
/// probability reaches `topP` (at least one). `probs` [V] float32 sums to 1; returns the
/// filtered (unnormalised) copy. Exposed for tests.
at::Tensor topPFilter(const at::Tensor& probs, double topP);

}  // namespace srs::core
