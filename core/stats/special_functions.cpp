#include "core/stats/special_functions.h"

#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "core/error.h"

namespace srs::core {

namespace {

/// Continued fraction of I_x(a, b) (converges fast for x < (a+1)/(a+b+2)).
double betaContinuedFraction(double a, double b, double x) {
    constexpr int kMaxIterations = 10000;
    constexpr double kEps = 1e-16;
    constexpr double kTiny = 1e-300;
    const double qab = a + b;
    const double qap = a + 1.0;
    const double qam = a - 1.0;
    double c = 1.0;
    double d = 1.0 - qab * x / qap;
    if (std::fabs(d) < kTiny) d = kTiny;
    d = 1.0 / d;
    double h = d;
    for (int m = 1; m <= kMaxIterations; ++m) {
        const double m2 = 2.0 * m;
        // Even step: d_{2m} = m (b - m) x / ((a + 2m - 1)(a + 2m)).
        double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
        d = 1.0 + aa * d;
        if (std::fabs(d) < kTiny) d = kTiny;
        c = 1.0 + aa / c;
        if (std::fabs(c) < kTiny) c = kTiny;
        d = 1.0 / d;
        h *= d * c;
        // Odd step: d_{2m+1} = -(a + m)(a + b + m) x / ((a + 2m)(a + 2m + 1)).
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
        d = 1.0 + aa * d;
        if (std::fabs(d) < kTiny) d = kTiny;
        c = 1.0 + aa / c;
        if (std::fabs(c) < kTiny) c = kTiny;
        d = 1.0 / d;
        const double delta = d * c;
        h *= delta;
        if (std::fabs(delta - 1.0) < kEps) break;
    }
    return h;
}

}  // namespace

double regularizedIncompleteBeta(double a, double b, double x) {
    if (!(a > 0.0) || !(b > 0.0))
        throw InvalidArgument(fmt::format(
            "incomplete beta: parameters must be > 0, got a = {}, b = {}", a, b));
    if (!(x >= 0.0 && x <= 1.0))
        throw InvalidArgument(fmt::format("incomplete beta: x must be in [0, 1], got {}", x));
    if (x == 0.0) return 0.0;
    if (x == 1.0) return 1.0;
    const double logFront = std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) +
                            a * std::log(x) + b * std::log1p(-x);
    const double front = std::exp(logFront);
    if (x < (a + 1.0) / (a + b + 2.0)) return front * betaContinuedFraction(a, b, x) / a;
    return 1.0 - front * betaContinuedFraction(b, a, 1.0 - x) / b;
}

double studentTTwoSidedP(double t, double df) {
    if (!(df > 0.0))
        throw InvalidArgument(fmt::format("Student t: df must be > 0, got {}", df));
    if (std::isnan(t)) throw InvalidArgument("Student t: t is NaN (expected a number)");
    if (std::isinf(t)) return 0.0;
    // x = df / (df + t^2) computed without overflow for large |t|.
    const double x = df / (df + t * t);
    return regularizedIncompleteBeta(df / 2.0, 0.5, x);
}

double logBinomial(double n, double k) {
    if (k < 0.0 || k > n) return -std::numeric_limits<double>::infinity();
    return std::lgamma(n + 1.0) - std::lgamma(k + 1.0) - std::lgamma(n - k + 1.0);
}

}  // namespace srs::core
