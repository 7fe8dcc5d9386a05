#pragma once
/// Special functions behind the p-values in core/stats (no external math library).

namespace srs::core {

/// Regularised incomplete beta I_x(a, b) for a, b > 0 and x in [0, 1], by the
/// continued fraction (modified Lentz), accurate to ~1e-14 relative.
/// Throws srs::InvalidArgument for a or b <= 0, or x outside [0, 1] / NaN.
double regularizedIncompleteBeta(double a, double b, double x);

/// Two-sided p-value P(|T| >= |t|) of Student's t with `df` > 0 degrees of freedom:
/// I_{df/(df+t^2)}(df/2, 1/2). t = +-inf gives 0. Throws srs::InvalidArgument for
/// df <= 0 or NaN t.
double studentTTwoSidedP(double t, double df);

/// log of the binomial coefficient C(n, k) via lgamma; -inf when k > n.
double logBinomial(double n, double k);

}  // namespace srs::core
