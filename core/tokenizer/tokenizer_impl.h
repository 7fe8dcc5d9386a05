#pragma once
/// Internal state of srs::core::Tokenizer, shared by the loader (tokenizer_json.cpp) and
/// the encoder (tokenizer.cpp). Not part of the public API.
#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/tokenizer/bpe_model.h"
#include "core/tokenizer/flat_maps.h"
#include "core/tokenizer/normalizer.h"
#include "core/tokenizer/pre_tokenizer.h"
#include "core/tokenizer/word_cache.h"
#include "core/tokenizer/tokenizer.h"

namespace srs::core {

struct AddedTokenSpec {
    int id = -1;
    std::string content;
    bool special = false;
    bool singleWord = false;
    bool lstrip = false;
    bool rstrip = false;
};

struct Tokenizer::Impl {
    enum Flag : std::uint8_t { kPresent = 1, kAdded = 2, kSpecial = 4 };

    std::string source;
    std::string fingerprint;

    // Per id (index = id; holes have flags == 0).
    std::vector<std::string> tokenText;   ///< as written in tokenizer.json
    std::vector<std::string> tokenBytes;  ///< what decode() emits
    std::vector<std::uint8_t> flags;

    FlatStringMap vocabIds;                         ///< model.vocab, file form
    std::unordered_map<std::string, int> addedIds;  ///< added_tokens by content

    std::vector<AddedTokenSpec> added;                ///< longest content first
    std::array<std::vector<int>, 256> addedByFirstByte;  ///< indices into `added`

    Normalizer normalizer;
    PreTokenizer preTokenizer;
    BpeModel bpe;

    /// Piece bytes -> ids; synchronised, shared by all copies of the Tokenizer.
    mutable WordCache cache;

    bool hasId(int id) const {
        return id >= 0 && static_cast<std::size_t>(id) < flags.size() &&
               (flags[static_cast<std::size_t>(id)] & kPresent);
    }
};

/// Parses tokenizer.json text; throws srs::FormatError / srs::UnsupportedError.
std::shared_ptr<Tokenizer::Impl> loadTokenizerJson(const std::string& text, const std::string& source);

}  // namespace srs::core
