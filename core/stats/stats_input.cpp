#include "core/stats/stats_input.h"

#include <cmath>

#include <fmt/format.h>

#include "core/error.h"

namespace srs::core::stats_input {

void requireSameSize(const std::string& what, std::size_t sizeA, const std::string& nameA,
                     std::size_t sizeB, const std::string& nameB) {
    if (sizeA != sizeB)
        throw InvalidArgument(fmt::format("{}: {} {} but {} {} (expected equal lengths)", what,
                                          sizeA, nameA, sizeB, nameB));
}

void requireNoNan(const std::string& what, const std::string& name,
                  const std::vector<double>& values) {
    for (std::size_t i = 0; i < values.size(); ++i)
        if (std::isnan(values[i]))
            throw InvalidArgument(
                fmt::format("{}: {}[{}] is NaN (expected a number)", what, name, i));
}

void requireFinite(const std::string& what, const std::string& name,
                   const std::vector<double>& values) {
    for (std::size_t i = 0; i < values.size(); ++i)
        if (!std::isfinite(values[i]))
            throw InvalidArgument(fmt::format("{}: {}[{}] is {} (expected a finite number)",
                                              what, name, i, values[i]));
}

void requireBinary(const std::string& what, const std::string& name,
                   const std::vector<int>& labels) {
    for (std::size_t i = 0; i < labels.size(); ++i)
        if (labels[i] != 0 && labels[i] != 1)
            throw InvalidArgument(
                fmt::format("{}: {}[{}] is {} (expected 0 or 1)", what, name, i, labels[i]));
}

}  // namespace srs::core::stats_input
