#pragma once
/// Pearson and Spearman correlation with a two-sided p-value (t approximation).
#include <cstddef>
#include <limits>
#include <string>
#include <vector>

namespace srs::core {

/// A correlation coefficient and its two-sided p-value for H0: rho = 0, from
/// t = r sqrt((n-2) / (1-r^2)) with n-2 degrees of freedom (exact for Pearson under
/// bivariate normality; the usual large-sample approximation for Spearman).
/// Undefined (defined == false, r NaN) when n < 2 or either variable is constant;
/// `reason` then says why, ready to print. pValue is NaN when n < 3 and 0 when |r| = 1.
struct CorrelationResult {
    bool defined = false;
    double r = std::numeric_limits<double>::quiet_NaN();
    double pValue = std::numeric_limits<double>::quiet_NaN();
    std::size_t n = 0;
    std::string reason;  ///< empty when defined
};

/// Pearson product-moment correlation of x [n] and y [n] (two-pass, mean-centred).
/// Throws srs::InvalidArgument when the lengths differ or a value is NaN or infinite
/// (the message names the vector and index).
CorrelationResult pearson(const std::vector<double>& x, const std::vector<double>& y);

/// Spearman rank correlation: Pearson on mid-ranks, so ties are handled exactly (this is
/// NOT the 1 - 6 sum d^2 / (n(n^2-1)) shortcut, which is wrong under ties). Infinite
/// values are allowed (they rank last / first). Throws srs::InvalidArgument when the
/// lengths differ or a value is NaN.
CorrelationResult spearman(const std::vector<double>& x, const std::vector<double>& y);

}  // namespace srs::core
