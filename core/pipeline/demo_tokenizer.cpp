#include "core/pipeline/demo_tokenizer.h"

#include <nlohmann/json.hpp>

namespace srs::core {
namespace {

/// GPT-2 byte-to-unicode for printable ASCII: every byte maps to itself except the space,
/// which becomes U+0120 ("Ġ").
std::string byteSymbol(int byte) { return byte == ' ' ? std::string("\xC4\xA0") : std::string(1, char(byte)); }

}  // namespace

std::string demoTokenizerJson() {
    using nlohmann::ordered_json;
    ordered_json vocab = ordered_json::object();
    for (int b = 0; b < DemoVocab::kBytes; ++b) vocab[byteSymbol(32 + b)] = b;
    const std::string boxed = "\\boxed{";
    ordered_json merges = ordered_json::array();
    std::string prefix = boxed.substr(0, 1);
    for (int i = 0; i < DemoVocab::kBoxedMerges; ++i) {
        std::string next = boxed.substr(static_cast<std::size_t>(i) + 1, 1);
        merges.push_back(prefix + " " + next);
        prefix += next;
        vocab[prefix] = DemoVocab::kBytes + i;
    }
    auto added = [](int id, const char* content) {
        return ordered_json{{"id", id},         {"content", content}, {"single_word", false},
                            {"lstrip", false},  {"rstrip", false},    {"normalized", false},
                            {"special", true}};
    };
    ordered_json doc{
        {"version", "1.0"},
        {"truncation", nullptr},
        {"padding", nullptr},
        {"added_tokens", ordered_json::array({added(DemoVocab::kEos, "<|endoftext|>"),
                                              added(DemoVocab::kPad, "<|pad|>")})},
        {"normalizer", nullptr},
        {"pre_tokenizer",
         {{"type", "ByteLevel"}, {"add_prefix_space", false}, {"trim_offsets", false}, {"use_regex", false}}},
        {"post_processor", nullptr},
        {"decoder",
         {{"type", "ByteLevel"}, {"add_prefix_space", false}, {"trim_offsets", false}, {"use_regex", false}}},
        {"model",
         {{"type", "BPE"},
          {"dropout", nullptr},
          {"unk_token", nullptr},
          {"continuing_subword_prefix", nullptr},
          {"end_of_word_suffix", nullptr},
          {"fuse_unk", false},
          {"byte_fallback", false},
          {"ignore_merges", false},
          {"vocab", vocab},
          {"merges", merges}}}};
    return doc.dump(2) + "\n";
}

}  // namespace srs::core
