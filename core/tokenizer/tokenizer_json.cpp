// Loads a Hugging Face tokenizer.json into Tokenizer::Impl. Every structural problem is
// reported as srs::FormatError "<file>: <json key>: <what was expected / found>".
#include <nlohmann/json.hpp>
#include <xxhash.h>

#include <algorithm>
#include <cstdio>

#include "core/error.h"
#include "core/tokenizer/byte_level.h"
#include "core/tokenizer/tokenizer_impl.h"
#include "core/tokenizer/tokenizer_json_reader.h"

namespace srs::core {
namespace {

using json = nlohmann::json;

constexpr long long kMaxId = (1LL << 24) - 1;  // far above any real vocabulary
/// Ids index dense per-id tables, so a file may not name ids far beyond its token count
/// (guards memory against a hostile "id": 16000000 in a ten-token file).
constexpr long long kMinIdRange = 1LL << 18;
constexpr int kMaxNesting = 16;

class Loader {
public:
    Loader(const std::string& source, Tokenizer::Impl& impl) : m_source(source), m_impl(impl) {}

    [[noreturn]] void fail(const std::string& key, const std::string& message) const {
        throw FormatError(m_source + ": " + key + ": " + message);
    }
    [[noreturn]] void unsupported(const std::string& key, const std::string& message) const {
        throw UnsupportedError(m_source + ": " + key + ": " + message);
    }

    const json& requireObject(const json& parent, const char* key, const std::string& path) const {
        auto it = parent.find(key);
        if (it == parent.end()) fail(path, "missing (expected an object)");
        if (!it->is_object()) fail(path, std::string("expected an object, found ") + it->type_name());
        return *it;
    }
    std::string requireString(const json& obj, const char* key, const std::string& path) const {
        auto it = obj.find(key);
        if (it == obj.end()) fail(path, "missing (expected a string)");
        if (!it->is_string()) fail(path, std::string("expected a string, found ") + it->type_name());
        return it->get<std::string>();
    }
    bool optionalBool(const json& obj, const char* key, const std::string& path, bool fallback) const {
        auto it = obj.find(key);
        if (it == obj.end() || it->is_null()) return fallback;
        if (!it->is_boolean()) fail(path, std::string("expected true or false, found ") + it->type_name());
        return it->get<bool>();
    }
    int requireId(const json& value, const std::string& path) const {
        if (!value.is_number_integer())
            fail(path, std::string("expected an integer token id, found ") + value.type_name());
        long long id = value.get<long long>();
        if (id < 0 || id > m_idLimit)
            fail(path, "token id " + std::to_string(id) + " out of range (expected 0.." +
                           std::to_string(m_idLimit) + ")");
        return static_cast<int>(id);
    }

    void load(const TokenizerJsonDoc& doc) {
        const json& root = doc.root;
        if (!root.is_object()) fail("(root)", std::string("expected an object, found ") + root.type_name());
        long long tokens = static_cast<long long>(doc.vocab.size());
        if (auto it = root.find("added_tokens"); it != root.end() && it->is_array())
            tokens += static_cast<long long>(it->size());
        m_idLimit = std::min(kMaxId, std::max(kMinIdRange, 4 * tokens) - 1);
        loadModel(requireObject(root, "model", "model"), doc);
        if (auto it = root.find("added_tokens"); it != root.end() && !it->is_null()) loadAddedTokens(*it);
        if (auto it = root.find("normalizer"); it != root.end()) loadNormalizer(*it, "normalizer", 0);
        auto pre = root.find("pre_tokenizer");
        if (pre != root.end()) loadPreTokenizer(*pre, "pre_tokenizer", 0);
        if (!m_impl.preTokenizer.hasByteLevel())
            unsupported("pre_tokenizer", "no ByteLevel step: only byte-level BPE tokenizers are supported");
    }

private:
    void ensureSize(int id) {
        auto need = static_cast<std::size_t>(id) + 1;
        if (m_impl.flags.size() < need) {
            m_impl.flags.resize(need, 0);
            m_impl.tokenText.resize(need);
            m_impl.tokenBytes.resize(need);
        }
    }

    void loadModel(const json& model, const TokenizerJsonDoc& doc) {
        if (auto it = model.find("type"); it != model.end() && !it->is_null()) {
            if (!it->is_string()) fail("model.type", std::string("expected a string, found ") + it->type_name());
            if (it->get<std::string>() != "BPE")
                unsupported("model.type", "'" + it->get<std::string>() + "' is not supported (expected BPE)");
        }
        for (const char* key : {"continuing_subword_prefix", "end_of_word_suffix"}) {
            auto it = model.find(key);
            if (it != model.end() && it->is_string() && !it->get<std::string>().empty())
                unsupported(std::string("model.") + key, "non-empty values are not supported");
        }
        m_impl.bpe.setIgnoreMerges(optionalBool(model, "ignore_merges", "model.ignore_merges", false));

        if (!doc.vocabStreamed) requireObject(model, "vocab", "model.vocab");  // throws: missing / not an object
        int maxId = -1;
        for (const auto& [text, id] : doc.vocab) {
            if (id < 0 || id > m_idLimit)
                fail("model.vocab[" + quoteToken(text) + "]", "token id " + std::to_string(id) +
                                                                 " out of range (expected 0.." + std::to_string(m_idLimit) + ")");
            maxId = std::max(maxId, static_cast<int>(id));
        }
        if (maxId >= 0) ensureSize(maxId);
        m_impl.vocabIds.reserve(doc.vocab.size());
        const bool wholeTokens = optionalBool(model, "ignore_merges", "model.ignore_merges", false);
        for (const auto& [text, id64] : doc.vocab) {
            const int id = static_cast<int>(id64);
            auto slot = static_cast<std::size_t>(id);
            if (m_impl.flags[slot] & Tokenizer::Impl::kPresent)
                fail("model.vocab[" + quoteToken(text) + "]",
                     "id " + std::to_string(id) + " is already used by " + quoteToken(m_impl.tokenText[slot]));
            m_impl.flags[slot] = Tokenizer::Impl::kPresent;
            m_impl.tokenText[slot] = text;
            bool canonical = false;
            m_impl.tokenBytes[slot] = byte_level::decodeSymbols(text, &canonical);
            if (canonical && wholeTokens) m_impl.bpe.addWholeToken(m_impl.tokenBytes[slot], id);
            m_impl.vocabIds.insert(text, id);
        }
        for (int b = 0; b < 256; ++b) {
            int id = m_impl.vocabIds.find(byte_level::byteToSymbol(static_cast<unsigned char>(b)));
            if (id >= 0) m_impl.bpe.setByteId(static_cast<unsigned char>(b), id);
        }
        if (auto it = model.find("unk_token"); it != model.end() && it->is_string()) {
            int unk = m_impl.vocabIds.find(it->get<std::string>());
            if (unk >= 0) m_impl.bpe.setUnknownId(unk);
        }

        if (!doc.mergesStreamed) {  // throws: missing / not an array
            auto merges = model.find("merges");
            if (merges == model.end()) fail("model.merges", "missing (expected an array)");
            fail("model.merges", std::string("expected an array, found ") + merges->type_name());
        }
        m_impl.bpe.reserveMerges(doc.merges.size());
        std::string_view left, right;
        std::string joined;
        for (std::size_t rank = 0; rank < doc.merges.size(); ++rank) {
            const TokenizerJsonDoc::Merge& entry = doc.merges[rank];
            auto path = [rank] { return "model.merges[" + std::to_string(rank) + "]"; };
            if (!entry.pair) {
                const std::string& line = entry.left;
                auto space = line.find(' ');
                if (space == std::string::npos || space == 0 || space + 1 == line.size() ||
                    line.find(' ', space + 1) != std::string::npos)
                    fail(path(), "expected two tokens separated by one space, found " + quoteToken(line));
                left = std::string_view(line).substr(0, space);
                right = std::string_view(line).substr(space + 1);
            } else {
                left = entry.left;
                right = entry.right;
            }
            int l = m_impl.vocabIds.find(left);
            if (l < 0) fail(path(), "token " + quoteToken(std::string(left)) + " is not in model.vocab");
            int r = m_impl.vocabIds.find(right);
            if (r < 0) fail(path(), "token " + quoteToken(std::string(right)) + " is not in model.vocab");
            joined.assign(left);
            joined.append(right);
            int m = m_impl.vocabIds.find(joined);
            if (m < 0) fail(path(), "merged token " + quoteToken(joined) + " is not in model.vocab");
            m_impl.bpe.addMerge(l, r, static_cast<int>(rank), m);
        }
    }

    void loadAddedTokens(const json& list) {
        if (!list.is_array()) fail("added_tokens", std::string("expected an array, found ") + list.type_name());
        for (std::size_t i = 0; i < list.size(); ++i) {
            const json& entry = list[i];
            std::string path = "added_tokens[" + std::to_string(i) + "]";
            if (!entry.is_object()) fail(path, std::string("expected an object, found ") + entry.type_name());
            AddedTokenSpec spec;
            auto idIt = entry.find("id");
            if (idIt == entry.end()) fail(path + ".id", "missing (expected an integer)");
            spec.id = requireId(*idIt, path + ".id");
            spec.content = requireString(entry, "content", path + ".content");
            if (spec.content.empty()) fail(path + ".content", "expected a non-empty string");
            spec.special = optionalBool(entry, "special", path + ".special", false);
            spec.singleWord = optionalBool(entry, "single_word", path + ".single_word", false);
            spec.lstrip = optionalBool(entry, "lstrip", path + ".lstrip", false);
            spec.rstrip = optionalBool(entry, "rstrip", path + ".rstrip", false);
            ensureSize(spec.id);
            auto slot = static_cast<std::size_t>(spec.id);
            std::uint8_t flags = Tokenizer::Impl::kPresent | Tokenizer::Impl::kAdded;
            if (spec.special) flags |= Tokenizer::Impl::kSpecial;
            m_impl.flags[slot] = flags;
            m_impl.tokenText[slot] = spec.content;
            m_impl.tokenBytes[slot] = spec.content;  // added tokens decode to their content
            m_impl.addedIds.emplace(spec.content, spec.id);
            m_impl.added.push_back(std::move(spec));
        }
        // Longest first, so the first candidate that matches at a position is the longest.
        std::stable_sort(m_impl.added.begin(), m_impl.added.end(),
                         [](const AddedTokenSpec& a, const AddedTokenSpec& b) {
                             return a.content.size() > b.content.size();
                         });
        for (std::size_t i = 0; i < m_impl.added.size(); ++i)
            m_impl.addedByFirstByte[static_cast<unsigned char>(m_impl.added[i].content[0])].push_back(
                static_cast<int>(i));
    }

    void loadNormalizer(const json& node, const std::string& path, int depth) {
        if (node.is_null()) return;
        if (depth > kMaxNesting) fail(path, "nested too deeply");
        if (!node.is_object()) fail(path, std::string("expected an object or null, found ") + node.type_name());
        std::string type = requireString(node, "type", path + ".type");
        if (type == "Sequence") {
            auto it = node.find("normalizers");
            if (it == node.end() || !it->is_array()) fail(path + ".normalizers", "expected an array");
            for (std::size_t i = 0; i < it->size(); ++i)
                loadNormalizer((*it)[i], path + ".normalizers[" + std::to_string(i) + "]", depth + 1);
        } else if (type == "NFC") {
            m_impl.normalizer.addStep(Normalizer::Step::Nfc);
        } else if (type == "NFD") {
            m_impl.normalizer.addStep(Normalizer::Step::Nfd);
        } else if (type == "NFKC") {
            m_impl.normalizer.addStep(Normalizer::Step::Nfkc);
        } else if (type == "NFKD") {
            m_impl.normalizer.addStep(Normalizer::Step::Nfkd);
        } else if (type == "Lowercase") {
            m_impl.normalizer.addStep(Normalizer::Step::Lowercase);
        } else {
            unsupported(path + ".type",
                        quoteToken(type) + " is not supported (expected NFC, NFD, NFKC, NFKD, Lowercase or Sequence)");
        }
    }

    void loadPreTokenizer(const json& node, const std::string& path, int depth) {
        if (node.is_null()) return;
        if (depth > kMaxNesting) fail(path, "nested too deeply");
        if (!node.is_object()) fail(path, std::string("expected an object or null, found ") + node.type_name());
        std::string type = requireString(node, "type", path + ".type");
        if (type == "Sequence") {
            auto it = node.find("pretokenizers");
            if (it == node.end() || !it->is_array()) fail(path + ".pretokenizers", "expected an array");
            for (std::size_t i = 0; i < it->size(); ++i)
                loadPreTokenizer((*it)[i], path + ".pretokenizers[" + std::to_string(i) + "]", depth + 1);
        } else if (type == "Split") {
            loadSplit(node, path);
        } else if (type == "ByteLevel") {
            PreTokenizerStep step;
            step.kind = PreTokenizerStep::Kind::ByteLevel;
            // Hugging Face defaults: add_prefix_space = true, use_regex = true.
            step.addPrefixSpace = optionalBool(node, "add_prefix_space", path + ".add_prefix_space", true);
            if (optionalBool(node, "use_regex", path + ".use_regex", true))
                step.regex = std::make_shared<PcreRegex>(kGpt2Pattern, false, m_source + ": " + path + " (GPT-2 pattern)");
            m_impl.preTokenizer.addStep(std::move(step));
        } else {
            unsupported(path + ".type", quoteToken(type) + " is not supported (expected Split, ByteLevel or Sequence)");
        }
    }

    void loadSplit(const json& node, const std::string& path) {
        PreTokenizerStep step;
        step.kind = PreTokenizerStep::Kind::Split;
        const json& pattern = requireObject(node, "pattern", path + ".pattern");
        if (auto it = pattern.find("Regex"); it != pattern.end()) {
            if (!it->is_string()) fail(path + ".pattern.Regex", "expected a string");
            step.regex = std::make_shared<PcreRegex>(it->get<std::string>(), false, m_source + ": " + path + ".pattern.Regex");
        } else if (auto s = pattern.find("String"); s != pattern.end()) {
            if (!s->is_string() || s->get<std::string>().empty())
                fail(path + ".pattern.String", "expected a non-empty string");
            step.regex = std::make_shared<PcreRegex>(s->get<std::string>(), true, m_source + ": " + path + ".pattern.String");
        } else {
            fail(path + ".pattern", "expected {\"Regex\": ...} or {\"String\": ...}");
        }
        std::string behavior = requireString(node, "behavior", path + ".behavior");
        if (behavior == "Isolated") step.behavior = SplitBehavior::Isolated;
        else if (behavior == "Removed") step.behavior = SplitBehavior::Removed;
        else if (behavior == "MergedWithPrevious") step.behavior = SplitBehavior::MergedWithPrevious;
        else if (behavior == "MergedWithNext") step.behavior = SplitBehavior::MergedWithNext;
        else if (behavior == "Contiguous") step.behavior = SplitBehavior::Contiguous;
        else
            fail(path + ".behavior", quoteToken(behavior) +
                                         " is not a split behavior (expected Isolated, Removed, "
                                         "MergedWithPrevious, MergedWithNext or Contiguous)");
        step.invert = optionalBool(node, "invert", path + ".invert", false);
        m_impl.preTokenizer.addStep(std::move(step));
    }

    const std::string& m_source;
    Tokenizer::Impl& m_impl;
    long long m_idLimit = kMinIdRange - 1;
};

}  // namespace

std::shared_ptr<Tokenizer::Impl> loadTokenizerJson(const std::string& text, const std::string& source) {
    auto impl = std::make_shared<Tokenizer::Impl>();
    impl->source = source;
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx",
                  static_cast<unsigned long long>(XXH3_64bits(text.data(), text.size())));
    impl->fingerprint = hex;
    TokenizerJsonDoc doc = readTokenizerJson(text, source);
    Loader(impl->source, *impl).load(doc);
    return impl;
}

}  // namespace srs::core
