#include "core/model/sampling.h"

#include <ATen/ATen.h>
#include <fmt/format.h>

#include <limits>

#include "core/error.h"

namespace srs::core {

RowRng::RowRng(std::uint64_t seed, std::uint64_t row) {
    // Two rounds of mixing so that neighbouring (seed, row) pairs give unrelated streams.
    m_state = seed;
    next();
    m_state ^= row * 0xD1B54A32D192ED03ull;
    next();
}

std::uint64_t RowRng::next() {
    std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

double RowRng::uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

at::Tensor topPFilter(const at::Tensor& probs, double topP) {
    if (topP >= 1.0) return probs.clone();
    auto sorted = probs.sort(/*dim=*/-1, /*descending=*/true);
    auto values = std::get<0>(sorted);
    auto indices = std::get<1>(sorted);
    // Remove a token when the mass strictly before it already reaches topP.
    auto before = values.cumsum(-1) - values;
    auto remove = before >= topP;
    remove.narrow(-1, 0, 1).fill_(false);
    auto kept = values.masked_fill(remove, 0.0);
    return at::zeros_like(probs).scatter_(-1, indices, kept);
}

std::int64_t sampleToken(const at::Tensor& logitsIn, const SamplingParams& params, RowRng& rng) {
    if (!(params.temperature > 0))
        throw InvalidArgument(fmt::format("temperature must be > 0, got {}", params.temperature));
    if (!(params.topP > 0 && params.topP <= 1.0))
        throw InvalidArgument(fmt::format("top-p must be in (0, 1], got {}", params.topP));
    if (params.topK < 0) throw InvalidArgument(fmt::format("top-k must be >= 0, got {}", params.topK));
    auto logits = logitsIn.to(at::kCPU, at::kFloat).reshape({-1});
    if (params.temperature != 1.0) logits = logits / params.temperature;
    const std::int64_t V = logits.size(0);
    if (params.topK > 0 && params.topK < V) {
        auto kth = std::get<0>(logits.topk(params.topK)).min();
        logits = logits.masked_fill(logits < kth, -std::numeric_limits<float>::infinity());
    }
    auto probs = at::softmax(logits, -1);
    if (params.topP < 1.0) probs = topPFilter(probs, params.topP);
    probs = probs.contiguous();
    const float* p = probs.data_ptr<float>();
    double total = 0;
    for (std::int64_t i = 0; i < V; ++i) total += p[i];
    const double target = rng.uniform() * total;
    double acc = 0;
    std::int64_t last = -1;
    for (std::int64_t i = 0; i < V; ++i) {
        if (p[i] <= 0) continue;
        acc += p[i];
        last = i;
        if (target < acc) return i;
    }
    if (last < 0)
        throw Error("sampling: the distribution has no token with positive probability (NaN logits?)");
    return last;
}

}  // namespace srs::core
