#include "core/model/generation.h"

#include <ATen/ATen.h>
#include <fmt/format.h>

#include <algorithm>

#include "core/error.h"
#include "core/model/kv_cache.h"
#include "core/model/sampling.h"
#include "core/model/transformer.h"

namespace srs::core {

std::vector<GenerationResult> generate(Transformer& model,
                                       const std::vector<std::vector<int>>& prompts,
                                       const SamplingOptions& options,
                                       const std::vector<Intervention>& interventions,
                                       const JobContext* job,
                                       const GenerationObserver* observer) {
    if (prompts.empty()) return {};
    if (!options.rowSeeds.empty() && options.rowSeeds.size() != prompts.size())
        throw InvalidArgument(fmt::format("generate: {} row seeds for {} prompts (expected one per prompt)",
                                          options.rowSeeds.size(), prompts.size()));
    if (options.maxNewTokens < 0)
        throw InvalidArgument(fmt::format("max new tokens must be >= 0, got {}", options.maxNewTokens));
    SamplingParams params{options.temperature, options.topP, options.topK};
    if (!options.greedy) {
        // Validate up front, not after a prefill.
        RowRng probe(0, 0);
        sampleToken(at::zeros({1}), params, probe);
    }
    const std::int64_t B = static_cast<std::int64_t>(prompts.size());
    std::int64_t maxLen = 0;
    for (std::size_t r = 0; r < prompts.size(); ++r) {
        if (prompts[r].empty())
            throw InvalidArgument(fmt::format("generate: prompt {} is empty", r));
        maxLen = std::max<std::int64_t>(maxLen, static_cast<std::int64_t>(prompts[r].size()));
    }
    std::vector<int> stopIds = options.stopIds.empty() ? model.config().eosTokenIds : options.stopIds;
    std::vector<GenerationResult> results(prompts.size());
    if (options.maxNewTokens == 0) {
        for (auto& r : results) r.finishReason = "length";
        return results;
    }

    // Left-padded prompt batch (pad id 0 is masked out).
    auto ids = at::zeros({B, maxLen}, at::kLong);
    auto mask = at::zeros({B, maxLen}, at::kLong);
    for (std::int64_t r = 0; r < B; ++r) {
        const auto& p = prompts[static_cast<std::size_t>(r)];
        const std::int64_t off = maxLen - static_cast<std::int64_t>(p.size());
        auto idsRow = ids.accessor<std::int64_t, 2>();
        auto maskRow = mask.accessor<std::int64_t, 2>();
        for (std::size_t i = 0; i < p.size(); ++i) {
            idsRow[r][off + static_cast<std::int64_t>(i)] = p[i];
            maskRow[r][off + static_cast<std::int64_t>(i)] = 1;
        }
    }

    auto cache = model.makeCache(B, maxLen + options.maxNewTokens);
    ForwardRequest request;
    request.interventions = interventions;
    request.lastLogitsOnly = true;
    if (observer) request.capture = observer->capture;
    // Observer: the chosen tokens and the last position of each captured hook, as floats.
    auto notify = [&](int step, const ForwardOutput& o, const std::vector<int>& tokens) {
        if (!observer || !observer->onStep) return;
        GenerationStep ev;
        ev.step = step;
        ev.tokens = tokens;
        for (const auto& name : observer->capture) {
            auto it = o.captured.find(name);
            if (it == o.captured.end())
                throw Error(fmt::format("generate: hook {} was not captured", name));
            auto last = it->second.select(1, it->second.size(1) - 1).to(at::kFloat).cpu().contiguous();  // [B,d]
            std::vector<std::vector<float>> rows(static_cast<std::size_t>(B));
            const float* p = last.data_ptr<float>();
            const std::int64_t d = last.size(1);
            for (std::int64_t r = 0; r < B; ++r) rows[static_cast<std::size_t>(r)].assign(p + r * d, p + (r + 1) * d);
            ev.captured.push_back(std::move(rows));
        }
        observer->onStep(ev);
    };

    std::vector<RowRng> rngs;
    for (std::int64_t r = 0; r < B; ++r) {
        if (options.rowSeeds.empty())
            rngs.emplace_back(options.seed, static_cast<std::uint64_t>(r));
        else
            rngs.emplace_back(options.rowSeeds[static_cast<std::size_t>(r)], 0);
    }
    std::vector<bool> done(prompts.size(), false);
    std::int64_t active = B;
    const std::int64_t totalTokens = B * options.maxNewTokens;
    std::int64_t produced = 0;
    auto next = at::empty({B, 1}, at::kLong);
    auto nextMask = at::ones({B, 1}, at::kLong);

    if (job) job->report("generate", 0, totalTokens, "tokens");
    auto out = model.forwardOnDevice(ids, request, mask, cache.get());
    for (int step = 0; step < options.maxNewTokens; ++step) {
        auto logits = out.logits.select(1, 0);  // [B,V] float32
        std::vector<std::int64_t> chosen(static_cast<std::size_t>(B), 0);
        if (options.greedy) {
            auto argmax = logits.argmax(-1).cpu();
            auto a = argmax.accessor<std::int64_t, 1>();
            for (std::int64_t r = 0; r < B; ++r) chosen[static_cast<std::size_t>(r)] = a[r];
        } else {
            auto cpuLogits = logits.cpu();
            for (std::int64_t r = 0; r < B; ++r)
                if (!done[static_cast<std::size_t>(r)])
                    chosen[static_cast<std::size_t>(r)] =
                        sampleToken(cpuLogits[r], params, rngs[static_cast<std::size_t>(r)]);
        }
        std::vector<int> reported(static_cast<std::size_t>(B), -1);
        for (std::int64_t r = 0; r < B; ++r)
            if (!done[static_cast<std::size_t>(r)])
                reported[static_cast<std::size_t>(r)] = static_cast<int>(chosen[static_cast<std::size_t>(r)]);
        notify(step, out, reported);
        auto nextAcc = next.accessor<std::int64_t, 2>();
        auto maskAcc = nextMask.accessor<std::int64_t, 2>();
        for (std::int64_t r = 0; r < B; ++r) {
            auto& res = results[static_cast<std::size_t>(r)];
            const int token = static_cast<int>(chosen[static_cast<std::size_t>(r)]);
            nextAcc[r][0] = token;
            if (done[static_cast<std::size_t>(r)]) {
                maskAcc[r][0] = 0;  // finished rows ride along as pads
                continue;
            }
            ++produced;
            if (std::find(stopIds.begin(), stopIds.end(), token) != stopIds.end()) {
                res.finishReason = "stop";
                res.stopToken = token;
                done[static_cast<std::size_t>(r)] = true;
                --active;
                maskAcc[r][0] = 0;
                continue;
            }
            res.ids.push_back(token);
        }
        if (job) job->report("generate", produced, totalTokens, "tokens");
        if (active == 0) break;
        if (step + 1 == options.maxNewTokens) {
            if (observer && !observer->capture.empty()) {
                // The state of the last token of rows that ran out of length.
                out = model.forwardOnDevice(next, request, nextMask, cache.get());
                notify(step + 1, out, std::vector<int>(static_cast<std::size_t>(B), -1));
            }
            break;
        }
        if (job) job->checkCancelled();
        out = model.forwardOnDevice(next, request, nextMask, cache.get());
    }
    for (auto& r : results)
        if (r.finishReason.empty()) r.finishReason = "length";
    if (job && produced != totalTokens) job->report("generate", totalTokens, totalTokens, "tokens");
    return results;
}

}  // namespace srs::core
