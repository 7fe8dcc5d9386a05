#include "core/stats/iou.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <unordered_set>

#include <fmt/format.h>

#include "core/error.h"
#include "core/jobs/job.h"
#include "core/stats/prng.h"
#include "core/stats/special_functions.h"

namespace srs::core {

namespace {

void requireSizes(const char* what, std::size_t a, std::size_t b, std::size_t d) {
    if (a > d || b > d)
        throw InvalidArgument(fmt::format(
            "{}: set sizes a = {}, b = {} out of d = {} (expected a, b <= d)", what, a, b, d));
}

void requireNotBothEmpty(const char* what, std::size_t a, std::size_t b) {
    if (a == 0 && b == 0)
        throw InvalidArgument(fmt::format("{}: both sets are empty (IoU is 0/0)", what));
}

void requireIntersection(std::size_t k, std::size_t a, std::size_t b, std::size_t d) {
    const std::size_t lo = a + b > d ? a + b - d : 0;
    const std::size_t hi = std::min(a, b);
    if (k < lo || k > hi)
        throw InvalidArgument(fmt::format(
            "IoU chance test: intersection {} impossible for a = {}, b = {}, d = {} "
            "(expected {}..{})",
            k, a, b, d, lo, hi));
}

std::unordered_set<std::size_t> uniqueSet(const std::vector<std::size_t>& v, const char* name) {
    std::unordered_set<std::size_t> s;
    s.reserve(v.size() * 2);
    for (std::size_t idx : v)
        if (!s.insert(idx).second)
            throw InvalidArgument(fmt::format(
                "IoU: index {} appears twice in set {} (expected distinct indices)", idx, name));
    return s;
}

double iouOf(std::size_t k, std::size_t a, std::size_t b) {
    return static_cast<double>(k) / static_cast<double>(a + b - k);
}

}  // namespace

std::size_t intersectionSize(const std::vector<std::size_t>& a,
                             const std::vector<std::size_t>& b) {
    const auto sa = uniqueSet(a, "A");
    uniqueSet(b, "B");
    std::size_t k = 0;
    for (std::size_t idx : b) k += sa.count(idx);
    return k;
}

double iou(const std::vector<std::size_t>& a, const std::vector<std::size_t>& b) {
    const std::size_t k = intersectionSize(a, b);
    requireNotBothEmpty("IoU", a.size(), b.size());
    return iouOf(k, a.size(), b.size());
}

std::vector<double> hypergeometricPmfs(std::size_t a, std::size_t b, std::size_t d) {
    requireSizes("hypergeometric pmf", a, b, d);
    const std::size_t lo = a + b > d ? a + b - d : 0;
    const std::size_t hi = std::min(a, b);
    std::vector<double> pmf(hi + 1, 0.0);
    // Unnormalised weights relative to the mode, by the exact ratio
    // pmf(k+1) / pmf(k) = (a-k)(b-k) / ((k+1)(d-a-b+k+1)); normalising over the support
    // then gives ~1e-15 relative accuracy, where exp(lgamma sums) loses ~1e-12 at
    // d in the thousands (lgamma(3585) ~ 25700 carries an absolute error ~3e-12).
    const auto A = static_cast<double>(a), B = static_cast<double>(b);
    const auto D = static_cast<double>(d);
    const auto mode = std::clamp<std::size_t>(
        static_cast<std::size_t>((A + 1.0) * (B + 1.0) / (D + 2.0)), lo, hi);
    pmf[mode] = 1.0;
    for (std::size_t k = mode; k < hi; ++k) {
        const auto K = static_cast<double>(k);
        pmf[k + 1] = pmf[k] * (A - K) * (B - K) / ((K + 1.0) * (D - A - B + K + 1.0));
    }
    for (std::size_t k = mode; k > lo; --k) {
        const auto K = static_cast<double>(k);
        pmf[k - 1] = pmf[k] * K * (D - A - B + K) / ((A - K + 1.0) * (B - K + 1.0));
    }
    double total = 0.0;
    for (std::size_t k = lo; k <= hi; ++k) total += pmf[k];
    for (double& v : pmf) v /= total;
    return pmf;
}

double hypergeometricPmf(std::size_t k, std::size_t a, std::size_t b, std::size_t d) {
    requireSizes("hypergeometric pmf", a, b, d);
    if (k > std::min(a, b) || a + b > d + k) return 0.0;
    const auto A = static_cast<double>(a), B = static_cast<double>(b);
    const auto D = static_cast<double>(d), K = static_cast<double>(k);
    return std::exp(logBinomial(A, K) + logBinomial(D - A, B - K) - logBinomial(D, B));
}

double expectedRandomIou(std::size_t a, std::size_t b, std::size_t d) {
    requireSizes("expected IoU", a, b, d);
    requireNotBothEmpty("expected IoU", a, b);
    const std::vector<double> pmf = hypergeometricPmfs(a, b, d);
    double sum = 0.0;
    for (std::size_t k = 1; k < pmf.size(); ++k) sum += pmf[k] * iouOf(k, a, b);
    return sum;
}

IouChanceTest iouChanceTest(std::size_t intersection, std::size_t a, std::size_t b,
                            std::size_t d) {
    requireSizes("IoU chance test", a, b, d);
    requireNotBothEmpty("IoU chance test", a, b);
    requireIntersection(intersection, a, b, d);
    IouChanceTest out;
    out.a = a;
    out.b = b;
    out.d = d;
    out.intersection = intersection;
    out.observedIou = iouOf(intersection, a, b);
    out.expectedIou = expectedRandomIou(a, b, d);
    // Sum the upper tail from its far end: the smallest terms first.
    const std::vector<double> pmf = hypergeometricPmfs(a, b, d);
    double tail = 0.0;
    for (std::size_t k = pmf.size(); k-- > intersection;) tail += pmf[k];
    out.pValue = std::min(1.0, tail);
    return out;
}

IouChanceTest iouChanceTest(const std::vector<std::size_t>& setA,
                            const std::vector<std::size_t>& setB, std::size_t d) {
    auto checkRange = [&](const std::vector<std::size_t>& s, const char* name) {
        for (std::size_t i = 0; i < s.size(); ++i)
            if (s[i] >= d)
                throw InvalidArgument(fmt::format(
                    "IoU chance test: set {}[{}] = {} (expected an index below d = {})", name, i,
                    s[i], d));
    };
    checkRange(setA, "A");
    checkRange(setB, "B");
    return iouChanceTest(intersectionSize(setA, setB), setA.size(), setB.size(), d);
}

IouMonteCarlo iouMonteCarlo(std::size_t intersection, std::size_t a, std::size_t b,
                            std::size_t d, std::size_t draws, std::uint64_t seed,
                            const JobContext* ctx) {
    requireSizes("IoU Monte Carlo", a, b, d);
    requireNotBothEmpty("IoU Monte Carlo", a, b);
    requireIntersection(intersection, a, b, d);
    if (draws == 0) throw InvalidArgument("IoU Monte Carlo: draws = 0 (expected >= 1)");
    Xoshiro256 rng(seed);
    // A partial Fisher-Yates pass yields a uniform subset from ANY starting permutation,
    // so the pool is never reset between draws.
    std::vector<std::size_t> pool(d);
    std::iota(pool.begin(), pool.end(), std::size_t{0});
    std::vector<char> inA(d, 0);
    auto drawSubset = [&](std::size_t size) {
        for (std::size_t i = 0; i < size; ++i)
            std::swap(pool[i], pool[i + rng.uniformBelow(d - i)]);
    };
    std::vector<std::size_t> chosenA(a);
    double iouSum = 0.0;
    std::size_t atLeast = 0;
    for (std::size_t t = 0; t < draws; ++t) {
        if (ctx && t % 4096 == 0) {
            ctx->checkCancelled();
            ctx->report("IoU Monte Carlo", static_cast<std::int64_t>(t),
                        static_cast<std::int64_t>(draws), "draws");
        }
        drawSubset(a);
        for (std::size_t i = 0; i < a; ++i) inA[pool[i]] = 1;
        std::copy_n(pool.begin(), a, chosenA.begin());
        drawSubset(b);
        std::size_t k = 0;
        for (std::size_t i = 0; i < b; ++i) k += inA[pool[i]];
        for (std::size_t idx : chosenA) inA[idx] = 0;
        iouSum += iouOf(k, a, b);
        if (k >= intersection) ++atLeast;
    }
    IouMonteCarlo out;
    out.draws = draws;
    out.meanIou = iouSum / static_cast<double>(draws);
    out.pAtLeast = static_cast<double>(atLeast) / static_cast<double>(draws);
    return out;
}

}  // namespace srs::core
