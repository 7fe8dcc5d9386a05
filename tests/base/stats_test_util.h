#pragma once
// Helpers shared by the stats_*_test.cpp files: random data from a generator that is
// independent of the code under test (std::mt19937_64 is fully specified by the
// standard; only its distributions are not, so we map raw outputs ourselves).
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

namespace srs::stats_test {

class TestRng {
public:
    explicit TestRng(std::uint64_t seed) : m_gen(seed) {}
    double uniform() { return static_cast<double>(m_gen() >> 11) * 0x1.0p-53; }
    int below(int n) { return static_cast<int>(uniform() * n); }
    double normal() {  // Box-Muller
        const double u1 = 1.0 - uniform();
        const double u2 = uniform();
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2);
    }

private:
    std::mt19937_64 m_gen;
};

/// Brute-force AUROC: count every positive-negative pair, ties one half.
inline double bruteForceAuroc(const std::vector<double>& s, const std::vector<int>& y) {
    double wins = 0.0, pairs = 0.0;
    for (std::size_t i = 0; i < s.size(); ++i)
        for (std::size_t j = 0; j < s.size(); ++j)
            if (y[i] == 1 && y[j] == 0) {
                pairs += 1.0;
                wins += s[i] > s[j] ? 1.0 : (s[i] == s[j] ? 0.5 : 0.0);
            }
    return wins / pairs;
}

}  // namespace srs::stats_test
