#include "core/cache/half_float.h"

#include <cstring>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace srs::core {
namespace {

std::uint32_t bitsOf(float v) {
    std::uint32_t u;
    std::memcpy(&u, &v, sizeof u);
    return u;
}
float floatOf(std::uint32_t u) {
    float v;
    std::memcpy(&v, &u, sizeof v);
    return v;
}

}  // namespace

std::uint16_t floatToHalf(float value) {
    const std::uint32_t u = bitsOf(value);
    const std::uint32_t sign = (u >> 16) & 0x8000u;
    const std::uint32_t absBits = u & 0x7FFFFFFFu;
    if (absBits >= 0x7F800000u) {  // inf or NaN
        if (absBits > 0x7F800000u) return static_cast<std::uint16_t>(sign | 0x7E00u | ((absBits >> 13) & 0x3FFu));
        return static_cast<std::uint16_t>(sign | 0x7C00u);
    }
    const int exp = static_cast<int>(absBits >> 23) - 127;
    if (exp > 15) return static_cast<std::uint16_t>(sign | 0x7C00u);  // overflow
    std::uint32_t mant = absBits & 0x7FFFFFu;
    if (exp >= -14) {
        // Normal half: keep 10 of 23 mantissa bits, round the dropped 13 to nearest even.
        std::uint32_t half = (static_cast<std::uint32_t>(exp + 15) << 10) | (mant >> 13);
        const std::uint32_t rest = mant & 0x1FFFu;
        if (rest > 0x1000u || (rest == 0x1000u && (half & 1u))) ++half;  // carry may reach inf: correct
        return static_cast<std::uint16_t>(sign | half);
    }
    if (exp < -25) return static_cast<std::uint16_t>(sign);  // below half the smallest subnormal
    // Subnormal half: value = m * 2^-24; shift the full 24-bit significand.
    mant |= 0x800000u;
    const int shift = -exp - 1;  // 14..24 : (1.mant * 2^exp) / 2^-24 = significand >> (shift)
    std::uint32_t half = mant >> shift;
    const std::uint32_t rest = mant & ((1u << shift) - 1u);
    const std::uint32_t halfway = 1u << (shift - 1);
    if (rest > halfway || (rest == halfway && (half & 1u))) ++half;
    return static_cast<std::uint16_t>(sign | half);
}

float halfToFloat(std::uint16_t bits) {
    const std::uint32_t sign = (static_cast<std::uint32_t>(bits) & 0x8000u) << 16;
    const std::uint32_t exp = (bits >> 10) & 0x1Fu;
    std::uint32_t mant = bits & 0x3FFu;
    if (exp == 0x1Fu) return floatOf(sign | 0x7F800000u | (mant << 13));
    if (exp != 0) return floatOf(sign | ((exp + 112u) << 23) | (mant << 13));
    if (mant == 0) return floatOf(sign);
    // Subnormal: normalise.
    int e = -1;
    do {
        mant <<= 1;
        ++e;
    } while ((mant & 0x400u) == 0);
    return floatOf(sign | (static_cast<std::uint32_t>(112 - e) << 23) | ((mant & 0x3FFu) << 13));
}

std::uint16_t floatToBFloat16(float value) {
    const std::uint32_t u = bitsOf(value);
    if ((u & 0x7FFFFFFFu) > 0x7F800000u) return static_cast<std::uint16_t>((u >> 16) | 0x0040u);  // quiet NaN
    const std::uint32_t roundingBias = 0x7FFFu + ((u >> 16) & 1u);
    return static_cast<std::uint16_t>((u + roundingBias) >> 16);
}

float bfloat16ToFloat(std::uint16_t bits) { return floatOf(static_cast<std::uint32_t>(bits) << 16); }

void floatsToHalf(const float* in, std::uint16_t* out, std::size_t count) {
    for (std::size_t i = 0; i < count; ++i) out[i] = floatToHalf(in[i]);
}
namespace {
void halfsToFloatPortable(const std::uint16_t* in, float* out, std::size_t count) {
    for (std::size_t i = 0; i < count; ++i) out[i] = halfToFloat(in[i]);
}
#if defined(__x86_64__)
// F16C converts 8 halves per instruction (exact, like the portable path); picked at run time.
__attribute__((target("f16c,avx"))) void halfsToFloatF16c(const std::uint16_t* in, float* out, std::size_t n) {
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        __m128i h = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in + i));
        _mm256_storeu_ps(out + i, _mm256_cvtph_ps(h));
    }
    halfsToFloatPortable(in + i, out + i, n - i);
}
#endif
}  // namespace

void halfsToFloat(const std::uint16_t* in, float* out, std::size_t count) {
#if defined(__x86_64__)
    static const bool hasF16c = __builtin_cpu_supports("f16c") && __builtin_cpu_supports("avx");
    if (hasF16c) {
        halfsToFloatF16c(in, out, count);
        return;
    }
#endif
    halfsToFloatPortable(in, out, count);
}
void floatsToBFloat16(const float* in, std::uint16_t* out, std::size_t count) {
    for (std::size_t i = 0; i < count; ++i) out[i] = floatToBFloat16(in[i]);
}
void bfloat16sToFloat(const std::uint16_t* in, float* out, std::size_t count) {
    for (std::size_t i = 0; i < count; ++i) out[i] = bfloat16ToFloat(in[i]);
}

}  // namespace srs::core
