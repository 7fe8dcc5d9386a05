#pragma once
/// Streaming reader for tokenizer.json: `model.vocab` and `model.merges` (over 90% of an
/// 11 MB file) are read straight into flat vectors by a SAX handler; the rest becomes a
/// small nlohmann::json tree. Internal to core/tokenizer.
#include <nlohmann/json.hpp>

#include <string>
#include <utility>
#include <vector>

namespace srs::core {

struct TokenizerJsonDoc {
    struct Merge {
        std::string left;   ///< the whole "a b" line when !pair
        std::string right;  ///< empty when !pair
        bool pair = false;  ///< written as ["a", "b"]
    };
    nlohmann::json root;  ///< the document; model.vocab / model.merges are null when streamed
    bool vocabStreamed = false;
    std::vector<std::pair<std::string, long long>> vocab;  ///< (token, id) in file order
    bool mergesStreamed = false;
    std::vector<Merge> merges;
};

/// Parses `text`. Throws srs::FormatError "<source>: not valid JSON: ..." or, for a
/// vocab/merges entry of the wrong type, "<source>: model.merges[12]: expected ...".
TokenizerJsonDoc readTokenizerJson(const std::string& text, const std::string& source);

/// A token quoted for error messages: shortened, control bytes escaped.
std::string quoteToken(const std::string& s);

}  // namespace srs::core
