#pragma once
/// Small string helpers for LaTeX-ish answer text (no regex engine, no allocation games).
#include <cstddef>
#include <string>
#include <vector>

namespace srs::core::latex {

/// Index of the '}' (or ')' / ']') matching the opener at `open`, honouring nesting of the
/// same pair; std::string::npos when unbalanced.
std::size_t matchingClose(const std::string& s, std::size_t open);

/// Reads one TeX argument starting at `pos` (spaces skipped): a {group} (returns its
/// inside) or a single character. Sets `end` to the index just past it. Returns false at
/// end of string or on an unbalanced group.
bool readArgument(const std::string& s, std::size_t pos, std::string& arg, std::size_t& end);

std::string trim(const std::string& s);
void replaceAll(std::string& s, const std::string& from, const std::string& to);
/// Removes `\name` only where it is not the prefix of a longer command (\left vs \leftarrow).
void removeCommand(std::string& s, const std::string& name);
/// Splits at `sep` occurring at nesting depth 0 of (), [], {} (and \{ \}).
std::vector<std::string> splitTopLevel(const std::string& s, const std::string& sep);
bool isAsciiLetter(char c);
bool isDigit(char c);

}  // namespace srs::core::latex
