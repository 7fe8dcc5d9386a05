#pragma once
/// Thin PCRE2 wrapper (UTF + Unicode properties + JIT) for pre-tokenizer patterns, which
/// use \p{L}, \p{N}, look-ahead and (?i:...) — beyond std::regex. Internal to core/tokenizer.
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace srs::core {

class PcreRegex {
public:
    /// Compiles `pattern` (a literal string when `literal`). Throws srs::FormatError
    /// "<where>: invalid regex at offset N: <reason>" on a bad pattern.
    PcreRegex(const std::string& pattern, bool literal, const std::string& where);
    ~PcreRegex();
    PcreRegex(const PcreRegex&) = delete;
    PcreRegex& operator=(const PcreRegex&) = delete;

    /// Appends the [begin, end) byte spans of all non-overlapping, non-empty matches in
    /// `text`, left to right. Invalid UTF-8 in `text` is never part of a match. Thread-safe.
    /// Throws srs::Error if the match hits PCRE2's backtracking limits.
    void findAll(std::string_view text, std::vector<std::pair<std::size_t, std::size_t>>& out) const;

    const std::string& pattern() const { return m_pattern; }

private:
    void* m_code = nullptr;  // pcre2_code_8*
    std::string m_pattern;
    std::string m_where;
};

}  // namespace srs::core
