#pragma once
/// float32 <-> IEEE binary16 / bfloat16 conversions (round to nearest, ties to even;
/// NaN stays NaN, overflow goes to +-inf). Pure bit manipulation, no hardware needed.
#include <cstddef>
#include <cstdint>

namespace srs::core {

std::uint16_t floatToHalf(float value);
float halfToFloat(std::uint16_t bits);
std::uint16_t floatToBFloat16(float value);
float bfloat16ToFloat(std::uint16_t bits);

/// Array forms: `count` elements from `in` to `out`.
void floatsToHalf(const float* in, std::uint16_t* out, std::size_t count);
void halfsToFloat(const std::uint16_t* in, float* out, std::size_t count);
void floatsToBFloat16(const float* in, std::uint16_t* out, std::size_t count);
void bfloat16sToFloat(const std::uint16_t* in, float* out, std::size_t count);

}  // namespace srs::core
