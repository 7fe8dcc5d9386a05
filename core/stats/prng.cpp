#include "core/stats/prng.h"

#include "core/error.h"

namespace srs::core {

namespace {

std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

}  // namespace

std::uint64_t SplitMix64::next() {
    std::uint64_t z = (m_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

Xoshiro256::Xoshiro256(std::uint64_t seed) {
    SplitMix64 sm(seed);
    for (auto& s : m_s) s = sm.next();
}

std::uint64_t Xoshiro256::next() {
    const std::uint64_t result = rotl(m_s[1] * 5, 7) * 9;
    const std::uint64_t t = m_s[1] << 17;
    m_s[2] ^= m_s[0];
    m_s[3] ^= m_s[1];
    m_s[1] ^= m_s[2];
    m_s[0] ^= m_s[3];
    m_s[2] ^= t;
    m_s[3] = rotl(m_s[3], 45);
    return result;
}

std::uint64_t Xoshiro256::uniformBelow(std::uint64_t bound) {
    if (bound == 0) throw InvalidArgument("Xoshiro256::uniformBelow: bound must be > 0, got 0");
    // Lemire (2019): the high word of x * bound is uniform once the low word is
    // outside the biased zone [0, 2^64 mod bound).
    unsigned __int128 m = static_cast<unsigned __int128>(next()) * bound;
    auto low = static_cast<std::uint64_t>(m);
    if (low < bound) {
        const std::uint64_t threshold = (0 - bound) % bound;
        while (low < threshold) {
            m = static_cast<unsigned __int128>(next()) * bound;
            low = static_cast<std::uint64_t>(m);
        }
    }
    return static_cast<std::uint64_t>(m >> 64);
}

double Xoshiro256::uniform01() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

}  // namespace srs::core
