#pragma once
/// Calibration of predicted probabilities against binary outcomes: reliability-diagram
/// bins, expected calibration error and Brier score.
#include <cstddef>
#include <limits>
#include <vector>

namespace srs::core {

enum class BinningMode {
    EqualWidth,  ///< bins [i/K, (i+1)/K), the last one closed at 1
    EqualCount,  ///< sorted predictions cut into K runs of floor/ceil(n/K) samples
};

/// One reliability-diagram bin. Empty bins (equal-width only) have count 0 and NaN
/// meanPredicted / observedRate.
struct ReliabilityBin {
    double lower = 0.0;  ///< EqualWidth: bin edge; EqualCount: smallest prediction in it
    double upper = 0.0;  ///< EqualWidth: bin edge; EqualCount: largest prediction in it
    std::size_t count = 0;
    double meanPredicted = std::numeric_limits<double>::quiet_NaN();
    double observedRate = std::numeric_limits<double>::quiet_NaN();  ///< fraction of 1s
};

/// Bins predictions `probs` [n] (each in [0, 1]) with outcomes `outcomes` [n] (0/1).
/// EqualCount sorts by (prediction, index) and gives bin i positions
/// [floor(i n / K), floor((i+1) n / K)); tied predictions may straddle two adjacent
/// bins, deterministically by index. Returns exactly nBins bins in ascending order.
/// Throws srs::InvalidArgument when lengths differ, n == 0, nBins == 0, a prediction
/// is NaN or outside [0, 1], an outcome is not 0/1, or (EqualCount) n < nBins.
std::vector<ReliabilityBin> reliabilityBins(const std::vector<double>& probs,
                                            const std::vector<int>& outcomes,
                                            std::size_t nBins, BinningMode mode);

/// ECE = sum over bins of (count / N) |meanPredicted - observedRate|, N = total count;
/// empty bins contribute nothing. Throws srs::InvalidArgument when all bins are empty.
double expectedCalibrationError(const std::vector<ReliabilityBin>& bins);

/// Brier score: mean (prob - outcome)^2, 0 = perfect, 0.25 = constant 0.5.
/// Throws as reliabilityBins() (without the bin conditions).
double brierScore(const std::vector<double>& probs, const std::vector<int>& outcomes);

}  // namespace srs::core
