// routeCurve on a 6-rollout case worked by hand.
#include <gtest/gtest.h>

#include <cmath>

#include "core/analysis/value_routing.h"
#include "core/error.h"

using namespace srs::core;

namespace {
const std::vector<float> kV{0.9f, 0.8f, 0.8f, 0.5f, 0.3f, 0.1f};
const std::vector<float> kR{1, 0, 1, 1, 0, 0};
}  // namespace

TEST(AnalysisRoute, SixRolloutsByHand) {
    const auto c = routeCurve(kV, kR, RouteOptions{});  // cost 1 / 10, escalated accuracy 1
    ASSERT_EQ(c.points.size(), 6u);  // 5 distinct V + inf
    struct Want { double t; std::size_t direct; double acc, cost, dacc; bool pareto; };
    const Want want[] = {
        {0.1, 6, 3.0 / 6, 1.0, 0.5, true},
        {0.3, 5, 4.0 / 6, 15.0 / 6, 0.6, true},
        {0.5, 4, 5.0 / 6, 24.0 / 6, 0.75, true},
        {0.8, 3, 5.0 / 6, 33.0 / 6, 2.0 / 3, false},  // same accuracy as t=0.5 at higher cost
        {0.9, 1, 1.0, 51.0 / 6, 1.0, true},
        {INFINITY, 0, 1.0, 10.0, 0.0, false},         // same accuracy as t=0.9 at higher cost
    };
    for (std::size_t i = 0; i < 6; ++i) {
        SCOPED_TRACE(i);
        const auto& p = c.points[i];
        if (std::isinf(want[i].t)) EXPECT_TRUE(std::isinf(p.threshold));
        else EXPECT_NEAR(p.threshold, want[i].t, 1e-6);
        EXPECT_EQ(p.direct, want[i].direct);
        EXPECT_EQ(p.escalated, 6 - want[i].direct);
        EXPECT_NEAR(p.accuracy, want[i].acc, 1e-12);
        EXPECT_NEAR(p.meanCost, want[i].cost, 1e-12);
        EXPECT_NEAR(p.directAccuracy, want[i].dacc, 1e-12);
        EXPECT_EQ(p.pareto, want[i].pareto);
    }
    const auto j = routeCurveJson(c);
    EXPECT_EQ(j["pareto"].size(), 4u);
    EXPECT_EQ(j["curve"][5]["threshold"], "inf");
    EXPECT_NE(routeCurveCsv(c).find("inf,0,6,1,10,0,0\n"), std::string::npos);
}

TEST(AnalysisRoute, AssumedEscalationAccuracyAndCosts) {
    RouteOptions o;
    o.escalateAccuracy = 0.5;
    o.costDirect = 2;
    o.costEscalate = 4;
    const auto c = routeCurve(kV, kR, o);
    // t = 0.9: 1 direct (r = 1) + 5 escalated at 0.5 -> 3.5 / 6; cost (2 + 20) / 6.
    EXPECT_NEAR(c.points[4].accuracy, 3.5 / 6, 1e-12);
    EXPECT_NEAR(c.points[4].meanCost, 22.0 / 6, 1e-12);
    // everything escalated: 0.5 at cost 4 is dominated by t = 0.5 ((3 + 1) / 6 > 0.5 at cost 3.33)
    EXPECT_NEAR(c.points[2].accuracy, 4.0 / 6, 1e-12);
    EXPECT_FALSE(c.points[5].pareto);
}

TEST(AnalysisRoute, BadInput) {
    EXPECT_THROW(routeCurve({}, {}, RouteOptions{}), srs::InvalidArgument);
    EXPECT_THROW(routeCurve({0.1f}, {1, 0}, RouteOptions{}), srs::InvalidArgument);
    EXPECT_THROW(routeCurve({NAN}, {1}, RouteOptions{}), srs::InvalidArgument);
    EXPECT_THROW(routeCurve({0.1f}, {2}, RouteOptions{}), srs::InvalidArgument);
    RouteOptions o;
    o.escalateAccuracy = 1.5;
    EXPECT_THROW(routeCurve({0.1f}, {1}, o), srs::InvalidArgument);
    o = RouteOptions{};
    o.costEscalate = -1;
    EXPECT_THROW(routeCurve({0.1f}, {1}, o), srs::InvalidArgument);
}
