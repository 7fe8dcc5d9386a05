#include "core/pipeline/rollout_generation.h"

#include <ATen/ATen.h>
#include <fmt/format.h>

#include <algorithm>

#include "core/error.h"
#include "core/model/kv_cache.h"
#include "core/model/sampling.h"
#include "core/model/transformer.h"

namespace srs::core {

std::vector<GenerationResult> generateWithRowSeeds(Transformer& model,
                                                   const std::vector<std::vector<int>>& prompts,
                                                   const std::vector<std::uint64_t>& rowSeeds,
                                                   const SamplingOptions& options, const JobContext* job) {
    if (rowSeeds.size() != prompts.size())
        throw InvalidArgument(fmt::format("generateWithRowSeeds: {} seeds for {} prompts (expected one per prompt)",
                                          rowSeeds.size(), prompts.size()));
    if (prompts.empty()) return {};
    if (options.maxNewTokens < 0)
        throw InvalidArgument(fmt::format("max new tokens must be >= 0, got {}", options.maxNewTokens));
    const SamplingParams params{options.temperature, options.topP, options.topK};
    if (!options.greedy) {  // validate before the prefill
        RowRng probe(0, 0);
        sampleToken(at::zeros({1}), params, probe);
    }
    const auto B = static_cast<std::int64_t>(prompts.size());
    std::int64_t maxLen = 0;
    for (std::size_t r = 0; r < prompts.size(); ++r) {
        if (prompts[r].empty()) throw InvalidArgument(fmt::format("generate: prompt {} is empty", r));
        maxLen = std::max<std::int64_t>(maxLen, static_cast<std::int64_t>(prompts[r].size()));
    }
    const std::vector<int> stopIds = options.stopIds.empty() ? model.config().eosTokenIds : options.stopIds;
    std::vector<GenerationResult> results(prompts.size());
    if (options.maxNewTokens == 0) {
        for (auto& r : results) r.finishReason = "length";
        return results;
    }

    // Left padding (pad id 0, masked out) so that every row's next token sits in the last column.
    auto ids = at::zeros({B, maxLen}, at::kLong);
    auto mask = at::zeros({B, maxLen}, at::kLong);
    {
        auto idsAcc = ids.accessor<std::int64_t, 2>();
        auto maskAcc = mask.accessor<std::int64_t, 2>();
        for (std::int64_t r = 0; r < B; ++r) {
            const auto& p = prompts[static_cast<std::size_t>(r)];
            const std::int64_t off = maxLen - static_cast<std::int64_t>(p.size());
            for (std::size_t i = 0; i < p.size(); ++i) {
                idsAcc[r][off + static_cast<std::int64_t>(i)] = p[i];
                maskAcc[r][off + static_cast<std::int64_t>(i)] = 1;
            }
        }
    }
    auto cache = model.makeCache(B, maxLen + options.maxNewTokens);
    ForwardRequest request;
    request.lastLogitsOnly = true;

    std::vector<RowRng> rngs;
    rngs.reserve(prompts.size());
    for (std::uint64_t s : rowSeeds) rngs.emplace_back(s, 0);
    std::vector<char> done(prompts.size(), 0);
    std::int64_t active = B;
    auto next = at::zeros({B, 1}, at::kLong);
    auto nextMask = at::ones({B, 1}, at::kLong);

    auto out = model.forwardOnDevice(ids, request, mask, cache.get());
    for (int step = 0; step < options.maxNewTokens; ++step) {
        auto logits = out.logits.select(1, 0);  // [B, V] float32
        std::vector<std::int64_t> chosen(prompts.size(), 0);
        if (options.greedy) {
            auto argmax = logits.argmax(-1).cpu();
            auto a = argmax.accessor<std::int64_t, 1>();
            for (std::int64_t r = 0; r < B; ++r) chosen[static_cast<std::size_t>(r)] = a[r];
        } else {
            auto cpuLogits = logits.cpu();
            for (std::int64_t r = 0; r < B; ++r)
                if (!done[static_cast<std::size_t>(r)])
                    chosen[static_cast<std::size_t>(r)] = sampleToken(cpuLogits[r], params, rngs[static_cast<std::size_t>(r)]);
        }
        auto nextAcc = next.accessor<std::int64_t, 2>();
        auto maskAcc = nextMask.accessor<std::int64_t, 2>();
        for (std::int64_t r = 0; r < B; ++r) {
            const auto ri = static_cast<std::size_t>(r);
            const int token = static_cast<int>(chosen[ri]);
            nextAcc[r][0] = token;
            if (done[ri]) {
                maskAcc[r][0] = 0;  // finished rows ride along as pads
                continue;
            }
            if (std::find(stopIds.begin(), stopIds.end(), token) != stopIds.end()) {
                results[ri].finishReason = "stop";
                results[ri].stopToken = token;
                done[ri] = 1;
                --active;
                maskAcc[r][0] = 0;
                continue;
            }
            results[ri].ids.push_back(token);
        }
        if (active == 0 || step + 1 == options.maxNewTokens) break;
        if (job) job->checkCancelled();
        out = model.forwardOnDevice(next, request, nextMask, cache.get());
    }
    for (auto& r : results)
        if (r.finishReason.empty()) r.finishReason = "length";
    return results;
}

}  // namespace srs::core
