#pragma once
/// AUROC of probe scores on held-out rollouts, with clustered (by question) bootstrap CIs.
#include <string>
#include <vector>

#include "core/probe/probe_options.h"

namespace srs::core {

/// Rewards as 0/1 labels (r > 0.5 -> 1).
std::vector<int> rewardLabels(const std::vector<float>& rewards);

/// AUROC (+ 95% CI resampling questions) of V(s_0) and of V(s_T) vs reward. An undefined
/// AUROC (all rewards equal) is reported through BootstrapInterval::defined/reason, not
/// thrown. Throws InvalidArgument on length mismatches or an empty test set.
ProbeEvaluation evaluateProbe(const std::vector<float>& vs0, const std::vector<float>& vFinal,
                              const std::vector<float>& rewards, const std::vector<std::string>& questionIds,
                              std::size_t bootstrap, std::uint64_t seed);

}  // namespace srs::core
