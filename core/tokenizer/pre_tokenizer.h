#pragma once
/// The pre-tokenizer of a tokenizer.json: a sequence of Split (regex or literal, with a
/// delimiter behaviour) and ByteLevel steps that cut normalised text into pieces, each of
/// which is BPE-encoded on its own. Internal to core/tokenizer.
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/tokenizer/pcre_regex.h"

namespace srs::core {

enum class SplitBehavior { Isolated, Removed, MergedWithPrevious, MergedWithNext, Contiguous };

struct PreTokenizerStep {
    enum class Kind { Split, ByteLevel } kind = Kind::Split;
    std::shared_ptr<const PcreRegex> regex;  ///< Split pattern, or ByteLevel's GPT-2 regex (use_regex)
    SplitBehavior behavior = SplitBehavior::Isolated;
    bool invert = false;
    bool addPrefixSpace = false;  ///< ByteLevel only
};

/// The GPT-2 pattern ByteLevel applies when "use_regex" is true.
extern const char* const kGpt2Pattern;

class PreTokenizer {
public:
    void addStep(PreTokenizerStep step) { m_steps.push_back(std::move(step)); }
    const std::vector<PreTokenizerStep>& steps() const { return m_steps; }
    bool hasByteLevel() const;

    /// Appends the pieces of `segment` to `pieces`. Pieces view `segment` or strings
    /// stored in `arena` (ByteLevel's prefix space), which must outlive them.
    void split(std::string_view segment, std::vector<std::string_view>& pieces,
               std::deque<std::string>& arena) const;

private:
    std::vector<PreTokenizerStep> m_steps;
};

}  // namespace srs::core
