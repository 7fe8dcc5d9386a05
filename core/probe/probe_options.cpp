#include "core/probe/probe_options.h"

#include <fmt/format.h>

#include <cmath>

#include "core/error.h"

namespace srs::core {

std::string probeMethodName(ProbeMethod method) {
    switch (method) {
        case ProbeMethod::Td: return "td";
        case ProbeMethod::Mc: return "mc";
        case ProbeMethod::Linear: return "linear";
    }
    return "?";
}

ProbeMethod parseProbeMethod(const std::string& name) {
    if (name == "td") return ProbeMethod::Td;
    if (name == "mc") return ProbeMethod::Mc;
    if (name == "linear") return ProbeMethod::Linear;
    throw InvalidArgument(fmt::format("unknown probe method '{}' (expected td, mc or linear)", name));
}

void ProbeTrainOptions::validate() const {
    auto bad = [](const std::string& what) { throw InvalidArgument(what); };
    if (method != ProbeMethod::Linear && hidden < 1) bad(fmt::format("--hidden {} must be >= 1", hidden));
    if (!(lr > 0.0) || !std::isfinite(lr)) bad(fmt::format("--lr {} must be > 0", lr));
    if (!(weightDecay >= 0.0) || !std::isfinite(weightDecay)) bad(fmt::format("--weight-decay {} must be >= 0", weightDecay));
    if (!(gamma > 0.0 && gamma <= 1.0)) bad(fmt::format("--gamma {} must be in (0, 1]", gamma));
    if (batchTrajectories < 1) bad(fmt::format("--batch-trajectories {} must be >= 1", batchTrajectories));
    if (epochs < 1) bad(fmt::format("--epochs {} must be >= 1", epochs));
    if (!(testFraction > 0.0 && testFraction < 1.0)) bad(fmt::format("--test-fraction {} must be in (0, 1)", testFraction));
    if (bootstrap < 2) bad(fmt::format("--bootstrap {} must be >= 2", bootstrap));
    if (hook.empty()) bad("--hook must not be empty");
    if (computeDtype != "float32" && computeDtype != "bfloat16")
        bad(fmt::format("--compute-dtype '{}' (expected float32 or bfloat16)", computeDtype));
}

}  // namespace srs::core
