#include "core/stats/calibration.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <fmt/format.h>

#include "core/error.h"
#include "core/stats/stats_input.h"

namespace srs::core {

namespace {

void checkInputs(const char* what, const std::vector<double>& probs,
                 const std::vector<int>& outcomes) {
    stats_input::requireSameSize(what, probs.size(), "predictions", outcomes.size(),
                                 "outcomes");
    if (probs.empty()) throw InvalidArgument(fmt::format("{}: no samples", what));
    for (std::size_t i = 0; i < probs.size(); ++i)
        if (!(probs[i] >= 0.0 && probs[i] <= 1.0))
            throw InvalidArgument(fmt::format(
                "{}: predictions[{}] = {} (expected a probability in [0, 1])", what, i,
                probs[i]));
    stats_input::requireBinary(what, "outcomes", outcomes);
}

void addSample(ReliabilityBin& bin, double p, int y, double& sumP, double& sumY) {
    ++bin.count;
    sumP += p;
    sumY += y;
}

}  // namespace

std::vector<ReliabilityBin> reliabilityBins(const std::vector<double>& probs,
                                            const std::vector<int>& outcomes,
                                            std::size_t nBins, BinningMode mode) {
    checkInputs("reliability bins", probs, outcomes);
    if (nBins == 0) throw InvalidArgument("reliability bins: 0 bins (expected >= 1)");
    const std::size_t n = probs.size();
    std::vector<ReliabilityBin> bins(nBins);
    std::vector<double> sumP(nBins, 0.0), sumY(nBins, 0.0);
    const auto k = static_cast<double>(nBins);
    if (mode == BinningMode::EqualWidth) {
        for (std::size_t i = 0; i < nBins; ++i) {
            bins[i].lower = static_cast<double>(i) / k;
            bins[i].upper = static_cast<double>(i + 1) / k;
        }
        for (std::size_t j = 0; j < n; ++j) {
            const auto b = std::min(nBins - 1, static_cast<std::size_t>(probs[j] * k));
            addSample(bins[b], probs[j], outcomes[j], sumP[b], sumY[b]);
        }
    } else {
        if (n < nBins)
            throw InvalidArgument(fmt::format(
                "reliability bins: equal-count binning needs at least as many samples ({}) "
                "as bins ({})",
                n, nBins));
        std::vector<std::size_t> order(n);
        std::iota(order.begin(), order.end(), std::size_t{0});
        std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            return probs[a] != probs[b] ? probs[a] < probs[b] : a < b;
        });
        for (std::size_t i = 0; i < nBins; ++i) {
            const std::size_t begin = i * n / nBins, end = (i + 1) * n / nBins;
            bins[i].lower = probs[order[begin]];
            bins[i].upper = probs[order[end - 1]];
            for (std::size_t pos = begin; pos < end; ++pos)
                addSample(bins[i], probs[order[pos]], outcomes[order[pos]], sumP[i], sumY[i]);
        }
    }
    for (std::size_t i = 0; i < nBins; ++i) {
        if (bins[i].count == 0) continue;
        bins[i].meanPredicted = sumP[i] / static_cast<double>(bins[i].count);
        bins[i].observedRate = sumY[i] / static_cast<double>(bins[i].count);
    }
    return bins;
}

double expectedCalibrationError(const std::vector<ReliabilityBin>& bins) {
    std::size_t total = 0;
    double weighted = 0.0;
    for (const auto& bin : bins) {
        if (bin.count == 0) continue;
        total += bin.count;
        weighted += static_cast<double>(bin.count) *
                    std::fabs(bin.meanPredicted - bin.observedRate);
    }
    if (total == 0)
        throw InvalidArgument("expected calibration error: all bins are empty");
    return weighted / static_cast<double>(total);
}

double brierScore(const std::vector<double>& probs, const std::vector<int>& outcomes) {
    checkInputs("Brier score", probs, outcomes);
    double sum = 0.0;
    for (std::size_t i = 0; i < probs.size(); ++i) {
        const double e = probs[i] - outcomes[i];
        sum += e * e;
    }
    return sum / static_cast<double>(probs.size());
}

}  // namespace srs::core
