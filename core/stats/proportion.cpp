#include "core/stats/proportion.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "core/error.h"

namespace srs::core {

ProportionInterval wilsonInterval(std::size_t successes, std::size_t trials, double z) {
    if (trials == 0)
        throw InvalidArgument("Wilson interval: 0 trials (expected at least 1)");
    if (successes > trials)
        throw InvalidArgument(fmt::format(
            "Wilson interval: {} successes of {} trials (expected successes <= trials)",
            successes, trials));
    if (!std::isfinite(z) || z <= 0.0)
        throw InvalidArgument(
            fmt::format("Wilson interval: z = {} (expected a finite number > 0)", z));
    const auto n = static_cast<double>(trials);
    const double p = static_cast<double>(successes) / n;
    const double z2 = z * z;
    const double denom = 1.0 + z2 / n;
    const double centre = (p + z2 / (2.0 * n)) / denom;
    const double half = z * std::sqrt(p * (1.0 - p) / n + z2 / (4.0 * n * n)) / denom;
    ProportionInterval out;
    out.estimate = p;
    // Exact endpoints at 0/n and n/n (the formula gives them up to rounding).
    out.lower = successes == 0 ? 0.0 : std::max(0.0, centre - half);
    out.upper = successes == trials ? 1.0 : std::min(1.0, centre + half);
    out.successes = successes;
    out.trials = trials;
    out.z = z;
    return out;
}

DifferenceInterval newcombeDifference(std::size_t successes1, std::size_t trials1,
                                      std::size_t successes2, std::size_t trials2, double z) {
    DifferenceInterval out;
    out.first = wilsonInterval(successes1, trials1, z);
    out.second = wilsonInterval(successes2, trials2, z);
    const double p1 = out.first.estimate, l1 = out.first.lower, u1 = out.first.upper;
    const double p2 = out.second.estimate, l2 = out.second.lower, u2 = out.second.upper;
    out.difference = p1 - p2;
    out.lower = out.difference - std::sqrt((p1 - l1) * (p1 - l1) + (u2 - p2) * (u2 - p2));
    out.upper = out.difference + std::sqrt((u1 - p1) * (u1 - p1) + (p2 - l2) * (p2 - l2));
    return out;
}

}  // namespace srs::core
