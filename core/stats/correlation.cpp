#include "core/stats/correlation.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "core/stats/ranks.h"
#include "core/stats/special_functions.h"
#include "core/stats/stats_input.h"

namespace srs::core {

namespace {

CorrelationResult pearsonChecked(const std::string& what, const std::vector<double>& x,
                                 const std::vector<double>& y) {
    CorrelationResult result;
    const std::size_t n = x.size();
    result.n = n;
    if (n < 2) {
        result.reason = fmt::format("{} undefined: {} samples (expected at least 2)", what, n);
        return result;
    }
    double mx = 0.0, my = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
        mx += x[i];
        my += y[i];
    }
    mx /= static_cast<double>(n);
    my /= static_cast<double>(n);
    double sxx = 0.0, syy = 0.0, sxy = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
        const double dx = x[i] - mx;
        const double dy = y[i] - my;
        sxx += dx * dx;
        syy += dy * dy;
        sxy += dx * dy;
    }
    if (sxx == 0.0 || syy == 0.0) {
        result.reason = fmt::format("{} undefined: all {} values of {} are equal", what, n,
                                    sxx == 0.0 ? "x" : "y");
        return result;
    }
    result.r = std::clamp(sxy / std::sqrt(sxx * syy), -1.0, 1.0);
    result.defined = true;
    if (n >= 3) {
        const double df = static_cast<double>(n - 2);
        const double oneMinusR2 = 1.0 - result.r * result.r;
        result.pValue = oneMinusR2 <= 0.0
                            ? 0.0
                            : studentTTwoSidedP(result.r * std::sqrt(df / oneMinusR2), df);
    }
    return result;
}

}  // namespace

CorrelationResult pearson(const std::vector<double>& x, const std::vector<double>& y) {
    stats_input::requireSameSize("Pearson", x.size(), "x values", y.size(), "y values");
    stats_input::requireFinite("Pearson", "x", x);
    stats_input::requireFinite("Pearson", "y", y);
    return pearsonChecked("Pearson", x, y);
}

CorrelationResult spearman(const std::vector<double>& x, const std::vector<double>& y) {
    stats_input::requireSameSize("Spearman", x.size(), "x values", y.size(), "y values");
    stats_input::requireNoNan("Spearman", "x", x);
    stats_input::requireNoNan("Spearman", "y", y);
    return pearsonChecked("Spearman", midRanks(x), midRanks(y));
}

}  // namespace srs::core
