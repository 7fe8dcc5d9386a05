#include "core/tokenizer/pre_tokenizer.h"

#include <utility>

namespace srs::core {

const char* const kGpt2Pattern =
    R"('s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+)";

namespace {

using Span = std::pair<std::size_t, std::size_t>;

/// Splits `piece` at the matches of `regex` following the Hugging Face delimiter rules.
void splitPiece(std::string_view piece, const PcreRegex& regex, SplitBehavior behavior, bool invert,
                std::vector<Span>& matches, std::vector<std::string_view>& out) {
    matches.clear();
    regex.findAll(piece, matches);
    // Alternate stretches: (begin, end, isDelimiter).
    struct Part {
        std::size_t begin, end;
        bool delimiter;
    };
    std::vector<Part> parts;
    parts.reserve(matches.size() * 2 + 1);
    std::size_t pos = 0;
    for (const auto& m : matches) {
        if (m.first > pos) parts.push_back({pos, m.first, invert});
        parts.push_back({m.first, m.second, !invert});
        pos = m.second;
    }
    if (pos < piece.size()) parts.push_back({pos, piece.size(), invert});

    auto emit = [&](std::size_t b, std::size_t e) {
        if (e > b) out.push_back(piece.substr(b, e - b));
    };
    switch (behavior) {
        case SplitBehavior::Isolated:
            for (const auto& p : parts) emit(p.begin, p.end);
            break;
        case SplitBehavior::Removed:
            for (const auto& p : parts)
                if (!p.delimiter) emit(p.begin, p.end);
            break;
        case SplitBehavior::MergedWithPrevious: {
            // A delimiter joins the stretch before it unless that one is a delimiter too.
            std::vector<Span> merged;
            bool previousDelimiter = false;
            for (const auto& p : parts) {
                if (p.delimiter && !previousDelimiter && !merged.empty()) merged.back().second = p.end;
                else merged.emplace_back(p.begin, p.end);
                previousDelimiter = p.delimiter;
            }
            for (const auto& m : merged) emit(m.first, m.second);
            break;
        }
        case SplitBehavior::MergedWithNext: {
            // A delimiter joins the stretch after it unless that one is a delimiter too.
            std::vector<Span> merged;
            bool nextDelimiter = false;
            for (auto it = parts.rbegin(); it != parts.rend(); ++it) {
                if (it->delimiter && !nextDelimiter && !merged.empty()) merged.back().first = it->begin;
                else merged.emplace_back(it->begin, it->end);
                nextDelimiter = it->delimiter;
            }
            for (auto it = merged.rbegin(); it != merged.rend(); ++it) emit(it->first, it->second);
            break;
        }
        case SplitBehavior::Contiguous: {
            // Consecutive delimiters form one piece.
            std::size_t i = 0;
            while (i < parts.size()) {
                std::size_t j = i;
                if (parts[i].delimiter)
                    while (j + 1 < parts.size() && parts[j + 1].delimiter) ++j;
                emit(parts[i].begin, parts[j].end);
                i = j + 1;
            }
            break;
        }
    }
}

}  // namespace

bool PreTokenizer::hasByteLevel() const {
    for (const auto& s : m_steps)
        if (s.kind == PreTokenizerStep::Kind::ByteLevel) return true;
    return false;
}

void PreTokenizer::split(std::string_view segment, std::vector<std::string_view>& pieces,
                         std::deque<std::string>& arena) const {
    std::vector<std::string_view> current{segment};
    std::vector<std::string_view> next;
    std::vector<Span> matches;
    for (const auto& step : m_steps) {
        next.clear();
        for (std::string_view piece : current) {
            if (step.kind == PreTokenizerStep::Kind::ByteLevel && step.addPrefixSpace &&
                (piece.empty() || piece.front() != ' ')) {
                arena.push_back(" " + std::string(piece));
                piece = arena.back();
            }
            if (step.regex)
                splitPiece(piece, *step.regex, step.behavior, step.invert, matches, next);
            else if (!piece.empty())
                next.push_back(piece);
        }
        current.swap(next);
    }
    for (auto p : current)
        if (!p.empty()) pieces.push_back(p);
}

}  // namespace srs::core
