#pragma once
/// Value-guided routing (METHOD.md, "Beyond the paper"): answer a question directly with the
/// probed model when V(s_0) >= threshold, escalate it otherwise (bigger model, more samples).
/// Evaluated on held-out rollouts (V(s_0), reward). Escalated items count as correct with an
/// ASSUMED probability `escalateAccuracy` (the oracle/bigger model's accuracy, not measured).
#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace srs::core {

struct RouteOptions {
    double costDirect = 1.0;        ///< cost of answering one item directly (>= 0)
    double costEscalate = 10.0;     ///< whole cost of one escalated item (>= 0)
    double escalateAccuracy = 1.0;  ///< assumed accuracy of escalated items, in [0, 1]
    /// Throws InvalidArgument naming the option.
    void validate() const;
};

/// One threshold t: items with V >= t are answered directly, the rest escalated.
struct RoutePoint {
    double threshold = 0.0;      ///< +inf = escalate everything
    std::size_t direct = 0, escalated = 0;
    double accuracy = 0.0;       ///< (sum of rewards of direct items + escalateAccuracy * escalated) / n
    double meanCost = 0.0;       ///< (costDirect * direct + costEscalate * escalated) / n
    double directAccuracy = 0.0; ///< mean reward of the direct items (0 when none)
    bool pareto = false;         ///< no other point has cost <= and accuracy >= with one strict
};

struct RouteCurve {
    RouteOptions options;
    std::size_t n = 0;
    std::vector<RoutePoint> points;  ///< thresholds ascending: distinct V values, then +inf
};

/// The curve over every distinct V value (plus +inf). Throws InvalidArgument for empty or
/// mismatched inputs, a non-finite V, or a reward outside [0, 1] (names the index).
RouteCurve routeCurve(const std::vector<float>& vS0, const std::vector<float>& rewards, const RouteOptions& options);

/// JSON form (docs/RESULTS_FORMAT.md, "srs route"); `pareto` lists the frontier points.
nlohmann::json routeCurveJson(const RouteCurve& curve);
/// CSV: threshold,direct,escalated,accuracy,mean_cost,direct_accuracy,pareto
std::string routeCurveCsv(const RouteCurve& curve);

}  // namespace srs::core
