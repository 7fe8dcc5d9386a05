#include "core/tokenizer/normalizer.h"

#include <utf8proc.h>

#include <algorithm>
#include <cstdlib>

#include "core/error.h"
#include "core/tokenizer/byte_level.h"

namespace srs::core {
namespace {

bool isAscii(std::string_view s) {
    for (char c : s)
        if (static_cast<unsigned char>(c) >= 0x80) return false;
    return true;
}

/// One step over valid UTF-8 `in` (no invalid bytes inside).
std::string applyStep(Normalizer::Step step, std::string_view in) {
    if (step == Normalizer::Step::Lowercase) {
        std::string out;
        out.reserve(in.size());
        std::size_t i = 0;
        while (i < in.size()) {
            char32_t cp = 0;
            int len = byte_level::decodeUtf8(in, i, cp);
            if (len == 0) {  // cannot happen for validated input; keep the byte
                out.push_back(in[i++]);
                continue;
            }
            byte_level::appendUtf8(static_cast<char32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(cp))),
                                   out);
            i += static_cast<std::size_t>(len);
        }
        return out;
    }
    // Composition/decomposition leaves ASCII unchanged: skip the library call.
    if (isAscii(in)) return std::string(in);
    int options = UTF8PROC_STABLE;
    switch (step) {
        case Normalizer::Step::Nfc: options |= UTF8PROC_COMPOSE; break;
        case Normalizer::Step::Nfd: options |= UTF8PROC_DECOMPOSE; break;
        case Normalizer::Step::Nfkc: options |= UTF8PROC_COMPOSE | UTF8PROC_COMPAT; break;
        case Normalizer::Step::Nfkd: options |= UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT; break;
        case Normalizer::Step::Lowercase: break;
    }
    utf8proc_uint8_t* mapped = nullptr;
    utf8proc_ssize_t n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(in.data()),
                                      static_cast<utf8proc_ssize_t>(in.size()), &mapped,
                                      static_cast<utf8proc_option_t>(options));
    if (n < 0) {
        // Only reachable on allocation failure: the input was validated beforehand.
        throw Error(std::string("Unicode normalisation failed: ") + utf8proc_errmsg(n));
    }
    std::string out(reinterpret_cast<char*>(mapped), static_cast<std::size_t>(n));
    std::free(mapped);
    return out;
}

std::string applyAll(const std::vector<Normalizer::Step>& steps, std::string_view valid) {
    std::string current(valid);
    for (auto step : steps) current = applyStep(step, current);
    return current;
}

}  // namespace

void Normalizer::apply(std::string_view text, std::string& out) const {
    if (m_steps.empty()) {
        out.append(text);
        return;
    }
    const bool lowercase = std::find(m_steps.begin(), m_steps.end(), Step::Lowercase) != m_steps.end();
    if (lowercase) {
        applyRuns(text, out);
        return;
    }
    // ASCII characters are unchanged by NF(K)C/NF(K)D and never combine with the character
    // before them, so the text can be cut before each one: only stretches holding
    // non-ASCII bytes (plus the ASCII starter in front, which a combining mark may join)
    // go through utf8proc.
    std::size_t i = 0;
    const std::size_t n = text.size();
    while (i < n) {
        std::size_t asciiEnd = i;
        while (asciiEnd < n && static_cast<unsigned char>(text[asciiEnd]) < 0x80) ++asciiEnd;
        if (asciiEnd == n) {
            out.append(text.substr(i));
            return;
        }
        std::size_t start = asciiEnd > i ? asciiEnd - 1 : i;  // keep the starter with its marks
        out.append(text.substr(i, start - i));
        std::size_t end = asciiEnd;
        while (end < n && static_cast<unsigned char>(text[end]) >= 0x80) ++end;
        applyRuns(text.substr(start, end - start), out);
        i = end;
    }
}

void Normalizer::applyRuns(std::string_view text, std::string& out) const {
    std::size_t runStart = 0, i = 0;
    while (i < text.size()) {
        if (static_cast<unsigned char>(text[i]) < 0x80) {
            ++i;
            continue;
        }
        char32_t cp = 0;
        int len = byte_level::decodeUtf8(text, i, cp);
        if (len > 0) {
            i += static_cast<std::size_t>(len);
            continue;
        }
        // An invalid byte: normalise the valid run before it, copy the byte as is.
        if (i > runStart) out += applyAll(m_steps, text.substr(runStart, i - runStart));
        out.push_back(text[i]);
        ++i;
        runStart = i;
    }
    if (i > runStart) out += applyAll(m_steps, text.substr(runStart, i - runStart));
}

}  // namespace srs::core
