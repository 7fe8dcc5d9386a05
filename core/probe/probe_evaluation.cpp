#include "core/probe/probe_evaluation.h"

#include <fmt/format.h>

#include "core/error.h"
#include "core/stats/auroc.h"

namespace srs::core {

std::vector<int> rewardLabels(const std::vector<float>& rewards) {
    std::vector<int> labels(rewards.size());
    for (std::size_t i = 0; i < rewards.size(); ++i) labels[i] = rewards[i] > 0.5f ? 1 : 0;
    return labels;
}

namespace {

BootstrapInterval aurocWithCi(const std::vector<float>& scores, const std::vector<int>& labels,
                              const std::vector<std::string>& questionIds, const BootstrapOptions& opts) {
    std::vector<double> s(scores.begin(), scores.end());
    AurocResult full = auroc(s, labels);
    if (!full.defined) {
        BootstrapInterval out;
        out.reason = full.reason;
        out.resamples = opts.resamples;
        out.level = opts.level;
        return out;
    }
    return bootstrapAurocClustered(s, labels, questionIds, opts);
}

}  // namespace

ProbeEvaluation evaluateProbe(const std::vector<float>& vs0, const std::vector<float>& vFinal,
                              const std::vector<float>& rewards, const std::vector<std::string>& questionIds,
                              std::size_t bootstrap, std::uint64_t seed) {
    if (vs0.empty()) throw InvalidArgument("probe evaluation: the test split is empty (expected >= 1 rollout)");
    if (vs0.size() != rewards.size() || vFinal.size() != rewards.size() || questionIds.size() != rewards.size())
        throw InvalidArgument(fmt::format("probe evaluation: {} V(s_0), {} V(s_T), {} rewards, {} question ids "
                                          "(expected equal lengths)",
                                          vs0.size(), vFinal.size(), rewards.size(), questionIds.size()));
    BootstrapOptions opts;
    opts.resamples = bootstrap;
    opts.seed = seed;
    const auto labels = rewardLabels(rewards);
    ProbeEvaluation e;
    e.aurocS0 = aurocWithCi(vs0, labels, questionIds, opts);
    e.aurocFinal = aurocWithCi(vFinal, labels, questionIds, opts);
    return e;
}

}  // namespace srs::core
