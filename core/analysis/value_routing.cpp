#include "core/analysis/value_routing.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "core/error.h"

namespace srs::core {

void RouteOptions::validate() const {
    if (!(costDirect >= 0.0 && std::isfinite(costDirect)))
        throw InvalidArgument(fmt::format("--cost-direct {} must be a finite number >= 0", costDirect));
    if (!(costEscalate >= 0.0 && std::isfinite(costEscalate)))
        throw InvalidArgument(fmt::format("--cost-escalate {} must be a finite number >= 0", costEscalate));
    if (!(escalateAccuracy >= 0.0 && escalateAccuracy <= 1.0))
        throw InvalidArgument(fmt::format("--escalate-accuracy {} must be in [0, 1]", escalateAccuracy));
}

RouteCurve routeCurve(const std::vector<float>& vS0, const std::vector<float>& rewards, const RouteOptions& options) {
    options.validate();
    if (vS0.empty()) throw InvalidArgument("route: no held-out rollouts");
    if (vS0.size() != rewards.size())
        throw InvalidArgument(fmt::format("route: {} V(s_0) values but {} rewards", vS0.size(), rewards.size()));
    for (std::size_t i = 0; i < vS0.size(); ++i) {
        if (!std::isfinite(vS0[i])) throw InvalidArgument(fmt::format("route: V(s_0) of held-out rollout {} is {}", i, vS0[i]));
        if (!(rewards[i] >= 0.0f && rewards[i] <= 1.0f))
            throw InvalidArgument(fmt::format("route: reward of held-out rollout {} is {}, expected in [0, 1]", i, rewards[i]));
    }
    const std::size_t n = vS0.size();
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return vS0[a] < vS0[b]; });
    RouteCurve c;
    c.options = options;
    c.n = n;
    // Threshold = k-th distinct value ascending: items below it (a prefix of `order`) escalate.
    double directReward = std::accumulate(rewards.begin(), rewards.end(), 0.0);
    std::size_t k = 0;
    auto addPoint = [&](double threshold, std::size_t escalated, double directRewardSum) {
        RoutePoint p;
        p.threshold = threshold;
        p.escalated = escalated;
        p.direct = n - escalated;
        p.accuracy = (directRewardSum + options.escalateAccuracy * static_cast<double>(escalated)) / static_cast<double>(n);
        p.meanCost = (options.costDirect * static_cast<double>(p.direct) +
                      options.costEscalate * static_cast<double>(escalated)) / static_cast<double>(n);
        p.directAccuracy = p.direct ? directRewardSum / static_cast<double>(p.direct) : 0.0;
        c.points.push_back(p);
    };
    while (k < n) {
        const float t = vS0[order[k]];
        addPoint(t, k, directReward);
        while (k < n && vS0[order[k]] == t) directReward -= rewards[order[k++]];
    }
    addPoint(std::numeric_limits<double>::infinity(), n, 0.0);
    for (auto& p : c.points) {
        p.pareto = std::none_of(c.points.begin(), c.points.end(), [&](const RoutePoint& q) {
            return q.meanCost <= p.meanCost && q.accuracy >= p.accuracy &&
                   (q.meanCost < p.meanCost || q.accuracy > p.accuracy);
        });
    }
    return c;
}

namespace {
nlohmann::json thresholdJson(double t) {
    if (std::isinf(t)) return "inf";
    return t;
}
}  // namespace

nlohmann::json routeCurveJson(const RouteCurve& curve) {
    nlohmann::json j;
    j["kind"] = "srs-route";
    j["n"] = curve.n;
    j["cost_direct"] = curve.options.costDirect;
    j["cost_escalate"] = curve.options.costEscalate;
    j["escalate_accuracy_assumed"] = curve.options.escalateAccuracy;
    auto& pts = j["curve"] = nlohmann::json::array();
    auto& front = j["pareto"] = nlohmann::json::array();
    for (const auto& p : curve.points) {
        nlohmann::json e{{"threshold", thresholdJson(p.threshold)}, {"direct", p.direct}, {"escalated", p.escalated},
                         {"accuracy", p.accuracy}, {"mean_cost", p.meanCost}, {"direct_accuracy", p.directAccuracy},
                         {"pareto", p.pareto}};
        if (p.pareto) front.push_back(e);
        pts.push_back(std::move(e));
    }
    return j;
}

std::string routeCurveCsv(const RouteCurve& curve) {
    std::string csv = "threshold,direct,escalated,accuracy,mean_cost,direct_accuracy,pareto\n";
    for (const auto& p : curve.points)
        csv += fmt::format("{},{},{},{},{},{},{}\n", std::isinf(p.threshold) ? std::string("inf") : fmt::format("{}", p.threshold),
                           p.direct, p.escalated, p.accuracy, p.meanCost, p.directAccuracy, p.pareto ? 1 : 0);
    return csv;
}

}  // namespace srs::core
