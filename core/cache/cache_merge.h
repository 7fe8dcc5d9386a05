#pragma once
/// Joins activation-cache shards into one logical cache (rows concatenated in the order
/// given). "virtual": activation datasets become HDF5 virtual datasets referencing the
/// shard files (stored relative to the output's directory, so keep them together);
/// per-token and per-rollout datasets are copied. "copy": everything is copied.
#include <string>
#include <vector>

#include "core/jobs/job.h"

namespace srs::core {

enum class MergeMode { Virtual, Copy };

/// "virtual" | "copy"; throws InvalidArgument otherwise.
MergeMode parseMergeMode(const std::string& text);

/// Writes `output` (atomically, via output.partial). Throws InvalidArgument for no inputs
/// or an input equal to the output; Error if output exists and !overwrite, if two inputs
/// claim the same shard i/N, or if a shard differs from the first in model/tokenizer
/// fingerprint, layers, hooks, d_model, dtype, token stride, template or task (naming the
/// file and the field); FormatError from opening a shard.
void mergeCaches(const std::vector<std::string>& inputs, const std::string& output, MergeMode mode,
                 bool overwrite = false, const JobContext& job = {});

}  // namespace srs::core
