#pragma once
/// TransformerLens hook names, built by helpers — never hand-typed elsewhere.
/// Shapes are per sequence; the runtime adds a leading batch dimension [B, ...].
#include <string>
#include <vector>

namespace srs::core::hooks {

std::string embed();                 ///< "hook_embed"            [T, d_model]
std::string residPre(int layer);     ///< "blocks.{l}.hook_resid_pre"  [T, d_model]
std::string attnOut(int layer);      ///< "blocks.{l}.hook_attn_out"   [T, d_model]
std::string residMid(int layer);     ///< "blocks.{l}.hook_resid_mid"  [T, d_model]
std::string mlpOut(int layer);       ///< "blocks.{l}.hook_mlp_out"    [T, d_model]
std::string residPost(int layer);    ///< "blocks.{l}.hook_resid_post" [T, d_model]
std::string attnPattern(int layer);  ///< "blocks.{l}.attn.hook_pattern" [n_heads, T_q, T_k]
std::string mlpPost(int layer);      ///< "blocks.{l}.mlp.hook_post"   [T, d_mlp] (act(gate)*up)
std::string lnFinal();               ///< "ln_final.hook_normalized"   [T, d_model]

/// Every hook of a model with `numLayers` layers, in forward order.
std::vector<std::string> allHookNames(int numLayers);

/// Short forms accepted on the command line: "resid_post" + layer -> full name; a full
/// name is returned unchanged. Throws InvalidArgument for unknown names.
std::string resolve(const std::string& nameOrShort, int layer, int numLayers);

/// Parses a full hook name into (kind, layer); layer -1 for hook_embed / ln_final.
/// Throws InvalidArgument naming the string and listing valid forms.
struct ParsedHook {
    std::string kind;  ///< "hook_embed", "hook_resid_post", "attn.hook_pattern", ...
    int layer = -1;
};
ParsedHook parse(const std::string& name, int numLayers);

}  // namespace srs::core::hooks
