#pragma once
/// Batched sampling where every row has its own random stream. core::generate() seeds row r
/// with (seed, r), so a row's sample would depend on its place in the batch; rollouts need
/// a sample that depends only on (seed, question, sample index). This is generate() with a
/// per-row seed list (row r samples from RowRng(rowSeeds[r], 0)).
#include <cstdint>
#include <vector>

#include "core/jobs/job.h"
#include "core/model/generation.h"

namespace srs::core {

class Transformer;

/// Like generate(model, prompts, options, interventions, job) except that row r draws from
/// the stream (rowSeeds[r], 0) and options.seed is ignored. rowSeeds.size() must equal prompts.size()
/// (InvalidArgument otherwise). Each row's output equals what it would produce alone.
/// Progress: phase "generate" in tokens; throws Cancelled between steps.
std::vector<GenerationResult> generateWithRowSeeds(Transformer& model,
                                                   const std::vector<std::vector<int>>& prompts,
                                                   const std::vector<std::uint64_t>& rowSeeds,
                                                   const SamplingOptions& options,
                                                   const JobContext* job = nullptr,
                                                   const std::vector<Intervention>& interventions = {});

}  // namespace srs::core
