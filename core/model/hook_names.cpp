#include "core/model/hook_names.h"

#include <fmt/format.h>

#include "core/error.h"

namespace srs::core::hooks {
namespace {
const char* const kLayerKinds[] = {"hook_resid_pre", "attn.hook_pattern", "hook_attn_out",
                                   "hook_resid_mid", "mlp.hook_post", "hook_mlp_out",
                                   "hook_resid_post"};
std::string block(int layer, const char* kind) { return fmt::format("blocks.{}.{}", layer, kind); }
}  // namespace

std::string embed() { return "hook_embed"; }
std::string residPre(int l) { return block(l, "hook_resid_pre"); }
std::string attnOut(int l) { return block(l, "hook_attn_out"); }
std::string residMid(int l) { return block(l, "hook_resid_mid"); }
std::string mlpOut(int l) { return block(l, "hook_mlp_out"); }
std::string residPost(int l) { return block(l, "hook_resid_post"); }
std::string attnPattern(int l) { return block(l, "attn.hook_pattern"); }
std::string mlpPost(int l) { return block(l, "mlp.hook_post"); }
std::string lnFinal() { return "ln_final.hook_normalized"; }

std::vector<std::string> allHookNames(int numLayers) {
    std::vector<std::string> names{embed()};
    for (int l = 0; l < numLayers; ++l)
        for (const char* kind : kLayerKinds) names.push_back(block(l, kind));
    names.push_back(lnFinal());
    return names;
}

ParsedHook parse(const std::string& name, int numLayers) {
    if (name == embed()) return {name, -1};
    if (name == lnFinal()) return {name, -1};
    const std::string prefix = "blocks.";
    if (name.rfind(prefix, 0) == 0) {
        std::size_t dot = name.find('.', prefix.size());
        if (dot != std::string::npos) {
            const std::string layerText = name.substr(prefix.size(), dot - prefix.size());
            const std::string kind = name.substr(dot + 1);
            bool digits = !layerText.empty() &&
                          layerText.find_first_not_of("0123456789") == std::string::npos;
            if (digits && layerText.size() < 6) {
                int layer = std::stoi(layerText);
                for (const char* k : kLayerKinds) {
                    if (kind == k) {
                        if (layer >= numLayers)
                            throw InvalidArgument(fmt::format(
                                "hook '{}': layer {} out of range (model has {} layers, 0..{})", name,
                                layer, numLayers, numLayers - 1));
                        return {kind, layer};
                    }
                }
            }
        }
    }
    throw InvalidArgument(fmt::format(
        "unknown hook '{}': expected hook_embed, ln_final.hook_normalized or "
        "blocks.<layer>.<kind> with kind one of hook_resid_pre, hook_attn_out, "
        "attn.hook_pattern, hook_resid_mid, mlp.hook_post, hook_mlp_out, hook_resid_post",
        name));
}

std::string resolve(const std::string& nameOrShort, int layer, int numLayers) {
    std::string full;
    if (nameOrShort.rfind("blocks.", 0) == 0 || nameOrShort == embed() || nameOrShort == lnFinal())
        full = nameOrShort;
    else if (nameOrShort == "embed")
        full = embed();
    else if (nameOrShort == "ln_final")
        full = lnFinal();
    else if (nameOrShort == "attn_pattern" || nameOrShort == "pattern")
        full = attnPattern(layer);
    else if (nameOrShort == "mlp_post")
        full = mlpPost(layer);
    else
        full = block(layer, ("hook_" + nameOrShort).c_str());
    parse(full, numLayers);  // validates
    return full;
}

}  // namespace srs::core::hooks
