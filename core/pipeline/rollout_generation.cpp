#include "core/pipeline/rollout_generation.h"

#include <fmt/format.h>

#include "core/error.h"

namespace srs::core {

std::vector<GenerationResult> generateWithRowSeeds(Transformer& model,
                                                   const std::vector<std::vector<int>>& prompts,
                                                   const std::vector<std::uint64_t>& rowSeeds,
                                                   const SamplingOptions& options, const JobContext* job,
                                                   const std::vector<Intervention>& interventions) {
    if (rowSeeds.size() != prompts.size())
        throw InvalidArgument(fmt::format("generateWithRowSeeds: {} seeds for {} prompts (expected one per prompt)",
                                          rowSeeds.size(), prompts.size()));
    SamplingOptions seeded = options;
    seeded.rowSeeds = rowSeeds;
    // Cancellation only: the caller reports progress in rollouts, not generated tokens.
    const JobContext cancelOnly({}, job ? job->cancelToken() : CancelToken());
    return generate(model, prompts, seeded, interventions, &cancelOnly);
}

}  // namespace srs::core
