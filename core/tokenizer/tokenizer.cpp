#include "core/tokenizer/tokenizer.h"

#include <utf8proc.h>

#include <deque>
#include <fstream>
#include <sstream>

#include "core/error.h"
#include "core/tokenizer/byte_level.h"
#include "core/tokenizer/tokenizer_impl.h"

namespace srs::core {
namespace {

constexpr std::size_t kMaxCachedPieceBytes = 64;

/// Rust's char::is_whitespace (Unicode White_Space), which lstrip/rstrip use.
bool isWhitespace(char32_t cp) {
    return (cp >= 0x09 && cp <= 0x0D) || cp == 0x20 || cp == 0x85 || cp == 0xA0 || cp == 0x1680 ||
           (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F ||
           cp == 0x205F || cp == 0x3000;
}

/// Letters, numbers and '_' count as word characters for single_word tokens.
bool isWordChar(char32_t cp) {
    if (cp == '_') return true;
    if (cp < 0x80) return (cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z');
    auto cat = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
    return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO ||
           (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO);
}

/// The character ending just before byte `end` (0 length if none / invalid).
int charBefore(std::string_view s, std::size_t end, char32_t& cp) {
    std::size_t start = end;
    for (int k = 0; k < 4 && start > 0; ++k) {
        --start;
        if ((static_cast<unsigned char>(s[start]) & 0xC0) != 0x80) break;
    }
    if (start == end) return 0;
    int len = byte_level::decodeUtf8(s, start, cp);
    return start + static_cast<std::size_t>(len) == end ? len : 0;
}

struct AddedMatch {
    std::size_t begin = 0, end = 0;
    int id = -1;
};

/// Tries the added tokens at byte `pos`; `floor` is where the current text stretch began
/// (lstrip never reaches before it).
bool matchAddedAt(const Tokenizer::Impl& im, std::string_view text, std::size_t pos, std::size_t floor,
                  AddedMatch& match) {
    const auto& candidates = im.addedByFirstByte[static_cast<unsigned char>(text[pos])];
    for (int index : candidates) {
        const AddedTokenSpec& token = im.added[static_cast<std::size_t>(index)];
        const std::size_t len = token.content.size();
        if (text.size() - pos < len || text.compare(pos, len, token.content) != 0) continue;
        std::size_t begin = pos, end = pos + len;
        if (token.singleWord) {
            char32_t cp = 0;
            if (charBefore(text, begin, cp) > 0 && isWordChar(cp)) continue;
            if (end < text.size() && byte_level::decodeUtf8(text, end, cp) > 0 && isWordChar(cp)) continue;
        }
        if (token.lstrip) {
            char32_t cp = 0;
            int len2;
            while (begin > floor && (len2 = charBefore(text, begin, cp)) > 0 && isWhitespace(cp) &&
                   begin - static_cast<std::size_t>(len2) >= floor)
                begin -= static_cast<std::size_t>(len2);
        }
        if (token.rstrip) {
            char32_t cp = 0;
            int len2;
            while (end < text.size() && (len2 = byte_level::decodeUtf8(text, end, cp)) > 0 && isWhitespace(cp))
                end += static_cast<std::size_t>(len2);
        }
        match = {begin, end, token.id};
        return true;
    }
    return false;
}

void encodePieceCached(const Tokenizer::Impl& im, std::string_view piece, std::vector<int>& out) {
    if (piece.size() > kMaxCachedPieceBytes) {
        im.bpe.encodePiece(piece, out);
        return;
    }
    if (im.cache.lookup(piece, out)) return;
    std::size_t first = out.size();
    im.bpe.encodePiece(piece, out);
    im.cache.store(piece, out.data() + first, out.size() - first);
}

[[noreturn]] void unknownId(const Tokenizer::Impl& im, int id) {
    std::string range = im.flags.empty() ? "no ids" : "ids 0.." + std::to_string(im.flags.size() - 1);
    throw Error(im.source + ": token id " + std::to_string(id) + " is not in the vocabulary (vocabulary size " +
                std::to_string(im.flags.size()) + ", " + range + ")");
}

}  // namespace

Tokenizer::Tokenizer(std::shared_ptr<const Impl> impl) : m_impl(std::move(impl)) {}

Tokenizer Tokenizer::fromFile(const std::filesystem::path& path) {
    std::error_code ec;
    std::filesystem::path file = path;
    if (std::filesystem::is_directory(path, ec)) {
        file = path / "tokenizer.json";
        if (!std::filesystem::exists(file, ec))
            throw FormatError(path.string() + ": no tokenizer.json in this folder");
    }
    std::ifstream in(file, std::ios::binary);
    if (!in) throw FormatError(file.string() + ": cannot open tokenizer file");
    std::string text;
    in.seekg(0, std::ios::end);
    auto size = in.tellg();
    if (size < 0) throw FormatError(file.string() + ": cannot read tokenizer file");
    text.resize(static_cast<std::size_t>(size));
    in.seekg(0, std::ios::beg);
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    if (!in) throw FormatError(file.string() + ": read failed (file truncated or unreadable)");
    return fromJsonText(text, file.string());
}

Tokenizer Tokenizer::fromJsonText(const std::string& text, const std::string& sourceName) {
    return Tokenizer(loadTokenizerJson(text, sourceName));
}

std::vector<int> Tokenizer::encode(std::string_view text) const {
    const Impl& im = *m_impl;
    std::vector<int> ids;
    ids.reserve(text.size() / 3 + 4);
    std::string normalized;
    std::vector<std::string_view> pieces;
    std::deque<std::string> arena;
    auto encodeStretch = [&](std::string_view stretch) {
        if (stretch.empty()) return;
        normalized.clear();
        im.normalizer.apply(stretch, normalized);
        pieces.clear();
        arena.clear();
        im.preTokenizer.split(normalized, pieces, arena);
        for (std::string_view piece : pieces) encodePieceCached(im, piece, ids);
    };
    std::size_t stretchStart = 0, pos = 0;
    AddedMatch match;
    if (!im.added.empty()) {
        while (pos < text.size()) {
            if (matchAddedAt(im, text, pos, stretchStart, match)) {
                encodeStretch(text.substr(stretchStart, match.begin - stretchStart));
                ids.push_back(match.id);
                pos = stretchStart = match.end;
            } else {
                ++pos;
            }
        }
    }
    encodeStretch(text.substr(stretchStart));
    return ids;
}

std::string Tokenizer::decode(const std::vector<int>& ids, bool skipSpecialTokens) const {
    const Impl& im = *m_impl;
    std::string out;
    for (int id : ids) {
        if (!im.hasId(id)) unknownId(im, id);
        if (skipSpecialTokens && (im.flags[static_cast<std::size_t>(id)] & Impl::kSpecial)) continue;
        out += im.tokenBytes[static_cast<std::size_t>(id)];
    }
    return out;
}

std::string Tokenizer::decodeToken(int id) const {
    if (!m_impl->hasId(id)) unknownId(*m_impl, id);
    return m_impl->tokenBytes[static_cast<std::size_t>(id)];
}

std::string Tokenizer::idToToken(int id) const {
    if (!m_impl->hasId(id)) unknownId(*m_impl, id);
    return m_impl->tokenText[static_cast<std::size_t>(id)];
}

std::optional<int> Tokenizer::tokenToId(const std::string& token) const {
    if (auto it = m_impl->addedIds.find(token); it != m_impl->addedIds.end()) return it->second;
    if (int id = m_impl->vocabIds.find(token); id >= 0) return id;
    return std::nullopt;
}

int Tokenizer::vocabSize() const { return static_cast<int>(m_impl->flags.size()); }

bool Tokenizer::hasId(int id) const { return m_impl->hasId(id); }

bool Tokenizer::isSpecial(int id) const {
    return m_impl->hasId(id) && (m_impl->flags[static_cast<std::size_t>(id)] & Impl::kSpecial);
}

bool Tokenizer::isAddedToken(int id) const {
    return m_impl->hasId(id) && (m_impl->flags[static_cast<std::size_t>(id)] & Impl::kAdded);
}

std::vector<int> Tokenizer::specialIds() const {
    std::vector<int> out;
    for (std::size_t i = 0; i < m_impl->flags.size(); ++i)
        if (m_impl->flags[i] & Impl::kSpecial) out.push_back(static_cast<int>(i));
    return out;
}

std::string Tokenizer::fingerprint() const { return m_impl->fingerprint; }

const std::string& Tokenizer::sourceName() const { return m_impl->source; }

}  // namespace srs::core
