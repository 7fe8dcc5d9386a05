#pragma once
/// GPT-2 byte-level alphabet (bytes <-> printable code points) and small UTF-8 helpers
/// used by the tokenizer. Internal to core/tokenizer.
#include <string>
#include <string_view>

namespace srs::core::byte_level {

/// UTF-8 of the printable code point standing for byte `b` ("Ġ" for 0x20).
const std::string& byteToSymbol(unsigned char b);

/// The byte a code point stands for, or -1 if it is not in the alphabet.
int symbolToByte(char32_t cp);

/// Maps raw bytes to their byte-level form ("a b" -> "aĠb").
std::string encodeBytes(std::string_view bytes);

/// Maps a byte-level string (as in tokenizer.json) back to raw bytes. Code points outside
/// the alphabet are kept as their own UTF-8 (what the Hugging Face ByteLevel decoder
/// does); `canonical`, when given, is set to false if any were found (or the input was
/// not valid UTF-8), i.e. the token can never come out of byte-level encoding.
std::string decodeSymbols(std::string_view symbols, bool* canonical = nullptr);

/// Decodes one UTF-8 character at s[i]; returns its length (1..4) and sets `cp`, or
/// returns 0 when the bytes there are not a valid, shortest-form UTF-8 character.
int decodeUtf8(std::string_view s, std::size_t i, char32_t& cp);

/// Appends the UTF-8 encoding of `cp` to `out`.
void appendUtf8(char32_t cp, std::string& out);

}  // namespace srs::core::byte_level
