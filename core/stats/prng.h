#pragma once
/// Small, portable pseudo-random generators for the statistics code. Unlike the
/// std:: distributions (whose output differs across standard libraries), every draw
/// here is specified bit for bit, so a bootstrap interval or a Monte Carlo p-value is
/// the same for a given seed on every platform and compiler.
#include <cstdint>

namespace srs::core {

/// SplitMix64 (Steele, Lea, Flood 2014). Used to expand one 64-bit seed into the
/// 256-bit Xoshiro state; also a fine generator on its own.
class SplitMix64 {
public:
    explicit SplitMix64(std::uint64_t seed) : m_state(seed) {}
    std::uint64_t next();

private:
    std::uint64_t m_state;
};

/// Xoshiro256** 1.0 (Blackman, Vigna 2018): the generator behind every bootstrap and
/// Monte Carlo draw in core/stats. Not thread-safe; use one per thread.
class Xoshiro256 {
public:
    /// State is seeded from SplitMix64(seed), as the authors recommend; any seed
    /// (including 0) is valid.
    explicit Xoshiro256(std::uint64_t seed);

    /// Next raw 64-bit output.
    std::uint64_t next();

    /// Uniform integer in [0, bound), exactly unbiased (Lemire's multiply-shift with
    /// rejection). Throws srs::InvalidArgument when bound == 0.
    std::uint64_t uniformBelow(std::uint64_t bound);

    /// Uniform double in [0, 1) with 53 random bits.
    double uniform01();

private:
    std::uint64_t m_s[4];
};

}  // namespace srs::core
