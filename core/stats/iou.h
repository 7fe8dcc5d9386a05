#pragma once
/// Overlap of neuron sets (intersection over union) and its chance baseline: two
/// independent uniform random subsets of sizes a and b out of d dimensions, whose
/// intersection size is hypergeometric(d, a, b).
#include <cstddef>
#include <cstdint>
#include <vector>

namespace srs::core {

class JobContext;

/// |A ∩ B| of two index sets. Throws srs::InvalidArgument on a repeated index in
/// either set (names the set and the index).
std::size_t intersectionSize(const std::vector<std::size_t>& a,
                             const std::vector<std::size_t>& b);

/// |A ∩ B| / |A ∪ B|. Throws srs::InvalidArgument on a repeated index, or when both
/// sets are empty (0/0).
double iou(const std::vector<std::size_t>& a, const std::vector<std::size_t>& b);

/// P(|A ∩ B| = k) for independent uniform subsets of sizes a, b of {0..d-1}:
/// C(a, k) C(d-a, b-k) / C(d, b), directly via lgamma (relative error ~1e-12 at
/// d ~ 4000); 0 outside the support. Throws srs::InvalidArgument when a > d or b > d.
double hypergeometricPmf(std::size_t k, std::size_t a, std::size_t b, std::size_t d);

/// The whole pmf [min(a, b) + 1], entry k = P(|A ∩ B| = k) (0 below max(0, a+b-d)):
/// exact term ratios from the mode, normalised over the support, so entries carry
/// ~1e-15 relative error; tail terms below ~1e-308 of the mode underflow to 0.
/// Used by expectedRandomIou() and iouChanceTest(). Throws as hypergeometricPmf().
std::vector<double> hypergeometricPmfs(std::size_t a, std::size_t b, std::size_t d);

/// Exact E[IoU] = sum_k pmf(k) k / (a + b - k) over the hypergeometric support
/// (hypergeometricPmfs()), not the plug-in ab/d / (a + b - ab/d). About 0.005 for
/// a = b = 36 (1%) of d = 3584.
/// Throws srs::InvalidArgument when a > d, b > d, or a = b = 0.
double expectedRandomIou(std::size_t a, std::size_t b, std::size_t d);

/// Observed IoU against the chance baseline.
struct IouChanceTest {
    std::size_t a = 0, b = 0, d = 0, intersection = 0;
    double observedIou = 0.0;
    double expectedIou = 0.0;  ///< expectedRandomIou(a, b, d)
    /// P(IoU >= observed) under the null, exact: IoU grows with |A ∩ B|, so this is the
    /// hypergeometric upper tail sum_{k >= intersection} pmf(k).
    double pValue = 1.0;
};

/// Chance test for sets of sizes a, b out of d whose intersection has `intersection`
/// elements. Throws srs::InvalidArgument when a > d, b > d, a = b = 0, or the
/// intersection is impossible (> min(a, b) or < a + b - d).
IouChanceTest iouChanceTest(std::size_t intersection, std::size_t a, std::size_t b,
                            std::size_t d);

/// Same, from the two index sets; also throws when an index is >= d (names it).
IouChanceTest iouChanceTest(const std::vector<std::size_t>& setA,
                            const std::vector<std::size_t>& setB, std::size_t d);

/// Monte Carlo check of the chance baseline: `draws` pairs of independent uniform
/// subsets (partial Fisher-Yates with Xoshiro256**(seed)).
struct IouMonteCarlo {
    std::size_t draws = 0;
    double meanIou = 0.0;  ///< estimates expectedRandomIou()
    /// Fraction of draws with |A ∩ B| >= intersection (estimates the exact pValue; no
    /// +1 correction, so it can be 0).
    double pAtLeast = 0.0;
};

/// Throws as iouChanceTest(intersection, a, b, d), and for draws == 0; srs::Cancelled
/// via `ctx`.
IouMonteCarlo iouMonteCarlo(std::size_t intersection, std::size_t a, std::size_t b,
                            std::size_t d, std::size_t draws, std::uint64_t seed,
                            const JobContext* ctx = nullptr);

}  // namespace srs::core
