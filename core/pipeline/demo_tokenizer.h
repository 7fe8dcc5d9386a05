#pragma once
/// The demo model's tokenizer.json: Hugging Face byte-level BPE over the 95 printable
/// ASCII bytes (ids 0-94, byte 32+id), merges that build `\boxed{`, and the added special
/// tokens <|endoftext|> (EOS) and <|pad|>. Torch-free.
#include <string>

namespace srs::core {

struct DemoVocab {
    static constexpr int kBytes = 95;         ///< printable ASCII 0x20..0x7E
    static constexpr int kBoxedMerges = 6;    ///< \b, \bo, \box, \boxe, \boxed, \boxed{
    static constexpr int kEos = kBytes + kBoxedMerges;  ///< <|endoftext|>
    static constexpr int kPad = kEos + 1;               ///< <|pad|>
    static constexpr int kSize = kPad + 1;              ///< vocab_size in config.json
};

/// The tokenizer.json text (pretty-printed, deterministic).
std::string demoTokenizerJson();

}  // namespace srs::core
