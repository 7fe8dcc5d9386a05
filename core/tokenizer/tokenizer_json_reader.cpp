#include "core/tokenizer/tokenizer_json_reader.h"

#include <algorithm>
#include <cstdio>
#include <limits>

#include "core/error.h"

namespace srs::core {
namespace {

using json = nlohmann::json;
using DomParser = nlohmann::detail::json_sax_dom_parser<json>;

/// Forwards every event to nlohmann's DOM builder except the values of model.vocab (an
/// object) and model.merges (an array), which it collects itself.
class Handler {
public:
    using number_integer_t = json::number_integer_t;
    using number_unsigned_t = json::number_unsigned_t;
    using number_float_t = json::number_float_t;
    using string_t = json::string_t;
    using binary_t = json::binary_t;

    Handler(TokenizerJsonDoc& doc, std::size_t textSize)
        : m_doc(doc), m_dom(doc.root, false), m_reserve(std::min<std::size_t>(200000, textSize / 8)) {}

    std::string error;  ///< set when a vocab/merges entry has the wrong type

    bool null() { return m_mode == Mode::Dom ? m_dom.null() : wrongType("null"); }
    bool boolean(bool v) { return m_mode == Mode::Dom ? m_dom.boolean(v) : wrongType("boolean"); }
    bool number_integer(number_integer_t v) {
        if (m_mode == Mode::Vocab) return vocabId(v);
        return m_mode == Mode::Dom ? m_dom.number_integer(v) : wrongType("number");
    }
    bool number_unsigned(number_unsigned_t v) {
        if (m_mode == Mode::Vocab) {
            auto max = static_cast<number_unsigned_t>(std::numeric_limits<long long>::max());
            return vocabId(v > max ? std::numeric_limits<long long>::max() : static_cast<long long>(v));
        }
        return m_mode == Mode::Dom ? m_dom.number_unsigned(v) : wrongType("number");
    }
    bool number_float(number_float_t v, const string_t& s) {
        return m_mode == Mode::Dom ? m_dom.number_float(v, s) : wrongType("number");
    }
    bool binary(binary_t& v) { return m_mode == Mode::Dom ? m_dom.binary(v) : wrongType("binary"); }
    bool string(string_t& v) {
        switch (m_mode) {
            case Mode::Dom: return m_dom.string(v);
            case Mode::Merges:
                m_doc.merges.push_back({std::move(v), {}, false});
                return true;
            case Mode::MergePair:
                if (m_pairCount == 0) m_pair.left = std::move(v);
                else if (m_pairCount == 1) m_pair.right = std::move(v);
                ++m_pairCount;
                return true;
            case Mode::Vocab: return wrongType("string");
        }
        return false;
    }
    bool start_object(std::size_t n) {
        if (m_mode != Mode::Dom) return wrongType("object");
        if (atModelKey("vocab")) {
            m_mode = Mode::Vocab;
            m_doc.vocabStreamed = true;
            m_doc.vocab.clear();
            m_doc.vocab.reserve(m_reserve);
            return true;
        }
        m_stack.push_back({true, {}});
        return m_dom.start_object(n);
    }
    bool key(string_t& k) {
        if (m_mode == Mode::Vocab) {
            m_key = std::move(k);
            return true;
        }
        if (m_mode != Mode::Dom) return wrongType("object");
        if (!m_stack.empty()) m_stack.back().key = k;
        return m_dom.key(k);
    }
    bool end_object() {
        if (m_mode == Mode::Vocab) {
            m_mode = Mode::Dom;
            return true;
        }
        m_stack.pop_back();
        return m_dom.end_object();
    }
    bool start_array(std::size_t n) {
        if (m_mode == Mode::Merges) {
            m_mode = Mode::MergePair;
            m_pair = {};
            m_pair.pair = true;
            m_pairCount = 0;
            return true;
        }
        if (m_mode != Mode::Dom) return wrongType("array");
        if (atModelKey("merges")) {
            m_mode = Mode::Merges;
            m_doc.mergesStreamed = true;
            m_doc.merges.clear();
            m_doc.merges.reserve(m_reserve);
            return true;
        }
        m_stack.push_back({false, {}});
        return m_dom.start_array(n);
    }
    bool end_array() {
        if (m_mode == Mode::MergePair) {
            if (m_pairCount != 2) return wrongType("array of " + std::to_string(m_pairCount) + " strings");
            m_doc.merges.push_back(std::move(m_pair));
            m_mode = Mode::Merges;
            return true;
        }
        if (m_mode == Mode::Merges) {
            m_mode = Mode::Dom;
            return true;
        }
        m_stack.pop_back();
        return m_dom.end_array();
    }
    bool parse_error(std::size_t pos, const std::string& token, const nlohmann::detail::exception& ex) {
        return m_dom.parse_error(pos, token, ex);
    }
    bool is_errored() const { return m_dom.is_errored(); }

private:
    enum class Mode { Dom, Vocab, Merges, MergePair };
    struct Level {
        bool object;
        std::string key;
    };

    /// True when the value about to start is root["model"][name].
    bool atModelKey(const char* name) const {
        return m_stack.size() == 2 && m_stack[0].object && m_stack[0].key == "model" && m_stack[1].object &&
               m_stack[1].key == name;
    }
    bool vocabId(long long id) {
        m_doc.vocab.emplace_back(std::move(m_key), id);
        return true;
    }
    bool wrongType(const std::string& found) {
        if (m_mode == Mode::Vocab) {
            error = "model.vocab[" + quoteToken(m_key) + "]: expected an integer token id, found " + found;
        } else {
            error = "model.merges[" + std::to_string(m_doc.merges.size()) +
                    "]: expected two tokens (\"a b\" or [\"a\", \"b\"]), found " + found;
        }
        return false;
    }

    TokenizerJsonDoc& m_doc;
    DomParser m_dom;
    std::vector<Level> m_stack;
    Mode m_mode = Mode::Dom;
    std::string m_key;
    TokenizerJsonDoc::Merge m_pair;
    int m_pairCount = 0;
    std::size_t m_reserve;
};

}  // namespace

std::string quoteToken(const std::string& s) {
    std::string out = "'";
    for (std::size_t i = 0; i < s.size() && i < 60; ++i) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (c < 0x20 || c == 0x7F) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02x", c);
            out += buf;
        } else {
            out.push_back(static_cast<char>(c));
        }
    }
    if (s.size() > 60) out += "...";
    return out + "'";
}

TokenizerJsonDoc readTokenizerJson(const std::string& text, const std::string& source) {
    TokenizerJsonDoc doc;
    Handler handler(doc, text.size());
    bool ok = false;
    std::string parseMessage;
    try {
        ok = json::sax_parse(text, &handler, json::input_format_t::json, /*strict=*/true);
    } catch (const json::exception& e) {
        parseMessage = e.what();
    }
    if (!handler.error.empty()) throw FormatError(source + ": " + handler.error);
    if (!ok || handler.is_errored()) {
        if (parseMessage.empty()) {
            // Re-run the plain parser only to get nlohmann's position-bearing message.
            try {
                (void)json::parse(text);
                parseMessage = "unexpected end of input";
            } catch (const json::exception& e) {
                parseMessage = e.what();
            }
        }
        throw FormatError(source + ": not valid JSON: " + parseMessage);
    }
    return doc;
}

}  // namespace srs::core
