#pragma once
/// Confidence intervals for binomial proportions (accuracy) and for the difference of
/// two independent proportions (accuracy change vs baseline).
#include <cstddef>

namespace srs::core {

/// z of the two-sided 95% normal interval (Phi^-1(0.975)).
constexpr double kZ95 = 1.959963984540054;

/// A proportion k/n with a confidence interval.
struct ProportionInterval {
    double estimate = 0.0;  ///< k / n
    double lower = 0.0;
    double upper = 0.0;
    std::size_t successes = 0;
    std::size_t trials = 0;
    double z = kZ95;
};

/// Wilson score interval for k successes of n trials at normal quantile z:
/// (p + z^2/2n -+ z sqrt(p(1-p)/n + z^2/4n^2)) / (1 + z^2/n). Unlike the Wald interval
/// it stays inside [0, 1] and is not degenerate at 0/n or n/n.
/// Throws srs::InvalidArgument when trials == 0, successes > trials, or z is not a
/// finite number > 0.
ProportionInterval wilsonInterval(std::size_t successes, std::size_t trials,
                                  double z = kZ95);

/// Difference p1 - p2 of two independent proportions with Newcombe's hybrid score
/// interval (Newcombe 1998, method 10), built from the two Wilson intervals:
///   lower = d - sqrt((p1 - l1)^2 + (u2 - p2)^2), upper = d + sqrt((u1 - p1)^2 + (p2 - l2)^2).
/// For accuracy change vs baseline pass (condition, baseline): a negative difference is
/// a drop. Throws as wilsonInterval() for either proportion.
struct DifferenceInterval {
    double difference = 0.0;
    double lower = 0.0;
    double upper = 0.0;
    ProportionInterval first;
    ProportionInterval second;
};

DifferenceInterval newcombeDifference(std::size_t successes1, std::size_t trials1,
                                      std::size_t successes2, std::size_t trials2,
                                      double z = kZ95);

}  // namespace srs::core
