#include "core/tokenizer/byte_level.h"

#include <array>

namespace srs::core::byte_level {
namespace {

struct Alphabet {
    std::array<std::string, 256> symbol;
    std::array<int, 512> byteOf{};  // code points used are all < 0x144
    Alphabet() {
        byteOf.fill(-1);
        int extra = 0;
        for (int b = 0; b < 256; ++b) {
            bool printable = (b >= 0x21 && b <= 0x7E) || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE);
            char32_t cp = printable ? static_cast<char32_t>(b) : static_cast<char32_t>(256 + extra++);
            appendUtf8(cp, symbol[b]);
            byteOf[cp] = b;
        }
    }
};

const Alphabet& alphabet() {
    static const Alphabet a;
    return a;
}

}  // namespace

const std::string& byteToSymbol(unsigned char b) { return alphabet().symbol[b]; }

int symbolToByte(char32_t cp) { return cp < 512 ? alphabet().byteOf[cp] : -1; }

std::string encodeBytes(std::string_view bytes) {
    std::string out;
    out.reserve(bytes.size() * 2);
    for (unsigned char b : bytes) out += byteToSymbol(b);
    return out;
}

std::string decodeSymbols(std::string_view symbols, bool* canonical) {
    std::string out;
    out.reserve(symbols.size());
    bool ok = true;
    std::size_t i = 0;
    while (i < symbols.size()) {
        char32_t cp = 0;
        int len = decodeUtf8(symbols, i, cp);
        if (len == 0) {  // not UTF-8: keep the byte as it is
            out.push_back(symbols[i]);
            ok = false;
            ++i;
            continue;
        }
        int b = symbolToByte(cp);
        if (b >= 0) {
            out.push_back(static_cast<char>(b));
        } else {
            out.append(symbols.substr(i, static_cast<std::size_t>(len)));
            ok = false;
        }
        i += static_cast<std::size_t>(len);
    }
    if (canonical) *canonical = ok;
    return out;
}

int decodeUtf8(std::string_view s, std::size_t i, char32_t& cp) {
    const std::size_t n = s.size();
    auto at = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    unsigned char c = at(i);
    if (c < 0x80) {
        cp = c;
        return 1;
    }
    int len;
    char32_t value;
    char32_t minimum;
    if ((c & 0xE0) == 0xC0) {
        len = 2, value = c & 0x1F, minimum = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
        len = 3, value = c & 0x0F, minimum = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
        len = 4, value = c & 0x07, minimum = 0x10000;
    } else {
        return 0;
    }
    if (i + static_cast<std::size_t>(len) > n) return 0;
    for (int k = 1; k < len; ++k) {
        unsigned char cc = at(i + static_cast<std::size_t>(k));
        if ((cc & 0xC0) != 0x80) return 0;
        value = (value << 6) | (cc & 0x3F);
    }
    if (value < minimum || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) return 0;
    cp = value;
    return len;
}

void appendUtf8(char32_t cp, std::string& out) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

}  // namespace srs::core::byte_level
