#include "core/model/intervention.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "core/error.h"
#include "core/model/hook_names.h"

namespace srs::core {
namespace {

std::int64_t parseIndex(const std::string& text, const std::string& spec) {
    if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos ||
        text.size() > 12)
        throw InvalidArgument(fmt::format(
            "ablation '{}': '{}' is not a non-negative dimension index (expected e.g. 3,17,42 or 3-9)",
            spec, text));
    return std::stoll(text);
}

std::vector<std::int64_t> parseDims(const std::string& text, const std::string& spec) {
    std::vector<std::int64_t> dims;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t comma = text.find(',', start);
        std::string item = text.substr(start, comma == std::string::npos ? std::string::npos
                                                                         : comma - start);
        std::size_t dash = item.find('-');
        if (dash == std::string::npos) {
            dims.push_back(parseIndex(item, spec));
        } else {
            std::int64_t lo = parseIndex(item.substr(0, dash), spec);
            std::int64_t hi = parseIndex(item.substr(dash + 1), spec);
            if (hi < lo)
                throw InvalidArgument(fmt::format(
                    "ablation '{}': range '{}' is empty (expected low-high with low <= high)", spec,
                    item));
            for (std::int64_t d = lo; d <= hi; ++d) dims.push_back(d);
        }
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    std::set<std::int64_t> seen;
    for (auto d : dims)
        if (!seen.insert(d).second)
            throw InvalidArgument(fmt::format("ablation '{}': dimension {} listed twice", spec, d));
    return dims;
}

}  // namespace

const char* interventionOpName(InterventionOp op) {
    switch (op) {
        case InterventionOp::Zero: return "zero";
        case InterventionOp::Set: return "set";
        case InterventionOp::Scale: return "scale";
        case InterventionOp::Mean: return "mean";
    }
    return "?";
}

Intervention parseAblationSpec(const std::string& spec, int numLayers, int dModel) {
    // The hook name itself contains dots but no colons.
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (true) {
        std::size_t colon = spec.find(':', start);
        parts.push_back(spec.substr(start, colon == std::string::npos ? std::string::npos
                                                                      : colon - start));
        if (colon == std::string::npos) break;
        start = colon + 1;
    }
    if (parts.size() < 2 || parts.size() > 3)
        throw InvalidArgument(fmt::format(
            "ablation '{}': expected HOOK:DIMS[:zero|mean], e.g. blocks.1.hook_resid_post:3,17,42",
            spec));
    Intervention iv;
    auto parsed = hooks::parse(parts[0], numLayers);  // throws InvalidArgument
    iv.hook = parts[0];
    iv.dims = parseDims(parts[1], spec);
    if (parts.size() == 3) {
        if (parts[2] == "zero")
            iv.op = InterventionOp::Zero;
        else if (parts[2] == "mean")
            iv.op = InterventionOp::Mean;
        else
            throw InvalidArgument(fmt::format(
                "ablation '{}': mode '{}' is unknown (expected zero or mean)", spec, parts[2]));
    }
    const bool residual = parsed.kind != "mlp.hook_post" && parsed.kind != "attn.hook_pattern";
    if (residual)
        for (auto d : iv.dims)
            if (d >= dModel)
                throw InvalidArgument(fmt::format(
                    "ablation '{}': dimension {} out of range (d_model is {}, valid 0..{})", spec, d,
                    dModel, dModel - 1));
    return iv;
}

}  // namespace srs::core
