// Tokenizer tests. Expected ids come from tests/fixtures/qwen-tokenizer/tokenizer_refs.json
// (an independent implementation of HF tokenizers) or are worked out by hand on tiny
// hand-written tokenizer.json files.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <functional>
#include <fstream>
#include <sstream>
#include <thread>

#include "core/error.h"
#include "core/tokenizer/tokenizer.h"

using srs::core::Tokenizer;
using json = nlohmann::json;

namespace {

const std::string kQwenDir = std::string(SRS_TEST_FIXTURES) + "/qwen-tokenizer";

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string fromHex(const std::string& hex) {
    std::string out;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
        out.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
    return out;
}

class QwenTokenizer : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        auto start = std::chrono::steady_clock::now();
        s_tok = new Tokenizer(Tokenizer::fromFile(kQwenDir));
        s_loadSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    }
    static void TearDownTestSuite() {
        delete s_tok;
        s_tok = nullptr;
    }
    static Tokenizer* s_tok;
    static double s_loadSeconds;
};
Tokenizer* QwenTokenizer::s_tok = nullptr;
double QwenTokenizer::s_loadSeconds = 0;

}  // namespace

TEST_F(QwenTokenizer, MatchesEveryReferenceCase) {
    json refs = json::parse(readFile(kQwenDir + "/tokenizer_refs.json"));
    const auto& cases = refs.at("cases");
    ASSERT_EQ(cases.size(), 20u);
    for (const auto& c : cases) {
        SCOPED_TRACE(c.at("name").get<std::string>());
        std::string text = fromHex(c.at("text_utf8_hex").get<std::string>());
        ASSERT_EQ(text, c.at("text").get<std::string>());
        auto ids = s_tok->encode(text);
        EXPECT_EQ(ids, c.at("ids").get<std::vector<int>>());
        std::vector<std::string> tokens;
        for (int id : ids) tokens.push_back(s_tok->idToToken(id));
        EXPECT_EQ(tokens, c.at("tokens").get<std::vector<std::string>>());
        EXPECT_EQ(s_tok->decode(c.at("ids").get<std::vector<int>>()), c.at("decoded").get<std::string>());
    }
}

TEST_F(QwenTokenizer, LoadsFastAndReportsVocabulary) {
    std::cout << "[ info ] tokenizer.json load: " << s_loadSeconds * 1000 << " ms\n";
    EXPECT_LT(s_loadSeconds, 3.0);  // ~0.3 s measured; generous for loaded CI machines
    EXPECT_EQ(s_tok->vocabSize(), 151669);  // 151643 BPE tokens + 26 added
    EXPECT_EQ(s_tok->fingerprint().size(), 16u);
    EXPECT_EQ(Tokenizer::fromFile(kQwenDir + "/tokenizer.json").fingerprint(), s_tok->fingerprint());
}

TEST_F(QwenTokenizer, AddedAndSpecialTokens) {
    EXPECT_EQ(s_tok->tokenToId("<|im_end|>"), 151645);
    EXPECT_EQ(s_tok->tokenToId("<|endoftext|>"), 151643);
    EXPECT_EQ(s_tok->tokenToId("Ġworld"), 1879);
    EXPECT_FALSE(s_tok->tokenToId("no such token").has_value());
    EXPECT_TRUE(s_tok->isSpecial(151643));
    EXPECT_FALSE(s_tok->isSpecial(151657));  // <tool_call>: added but "special": false
    EXPECT_TRUE(s_tok->isAddedToken(151657));
    EXPECT_FALSE(s_tok->isAddedToken(9707));
    EXPECT_FALSE(s_tok->isSpecial(9707));
    std::vector<int> special;
    for (int id = 151643; id <= 151656; ++id) special.push_back(id);
    EXPECT_EQ(s_tok->specialIds(), special);
    EXPECT_EQ(s_tok->encode("<think>x</think>"), (std::vector<int>{151667, 87, 151668}));
    EXPECT_EQ(s_tok->idToToken(151668), "</think>");
}

TEST_F(QwenTokenizer, DecodeKeepsOrSkipsSpecialTokens) {
    std::vector<int> ids{151644, 9707, 151645};
    EXPECT_EQ(s_tok->decode(ids), "<|im_start|>Hello<|im_end|>");
    EXPECT_EQ(s_tok->decode(ids, /*skipSpecialTokens=*/true), "Hello");
    EXPECT_EQ(s_tok->decodeToken(1879), " world");
}

TEST_F(QwenTokenizer, EmptyInputAndOutput) {
    EXPECT_TRUE(s_tok->encode("").empty());
    EXPECT_EQ(s_tok->decode({}), "");
}

TEST_F(QwenTokenizer, UnknownIdsThrowNamingIdAndVocabSize) {
    for (int bad : {-1, 151669, 1 << 30}) {
        try {
            s_tok->decode({9707, bad});
            FAIL() << "no throw for " << bad;
        } catch (const srs::Error& e) {
            std::string msg = e.what();
            EXPECT_NE(msg.find(std::to_string(bad)), std::string::npos) << msg;
            EXPECT_NE(msg.find("151669"), std::string::npos) << msg;
        }
    }
    EXPECT_THROW(s_tok->idToToken(200000), srs::Error);
    EXPECT_FALSE(s_tok->hasId(151669));
}

TEST_F(QwenTokenizer, NfcNormalisesDecomposedText) {
    // NFD form of the accents_precomposed reference text: same ids as the NFC reference.
    std::string nfd = fromHex(
        "55cc886e69cc88636fcc886465cc81206e6169cc8876652063616665cc81207265cc8173756d65cc81");
    EXPECT_EQ(s_tok->encode(nfd),
              (std::vector<int>{52491, 77, 37572, 66, 2956, 128505, 94880, 586, 51950, 9333, 1242, 963}));
    EXPECT_EQ(s_tok->encode(" cafe\xCC\x81"), std::vector<int>{51950});
    // Composition across the ASCII/non-ASCII cut: the mark joins the ASCII starter before it,
    // at the start, in the middle and at the end of the text.
    EXPECT_EQ(s_tok->encode("e\xCC\x81t\xC3\xA9 x e\xCC\x81"), s_tok->encode("\xC3\xA9t\xC3\xA9 x \xC3\xA9"));
    // Hangul jamo L+V+T compose to one syllable (U+1100 U+1161 U+11A8 -> U+AC01).
    EXPECT_EQ(s_tok->encode("\xE1\x84\x80\xE1\x85\xA1\xE1\x86\xA8"), s_tok->encode("\xEA\xB0\x81"));
    // Special tokens are matched before normalisation and never normalised themselves.
    EXPECT_EQ(s_tok->encode("<|im_end|>e\xCC\x81"), s_tok->encode("<|im_end|>\xC3\xA9"));
}

TEST_F(QwenTokenizer, InvalidUtf8BecomesByteTokensAndRoundTrips) {
    // 'a' and 'b' are letters; the stray 0xFF byte is never matched by the regex and is
    // encoded as its byte token "ÿ" (187).
    std::string text = "a\xFF" "b";
    EXPECT_EQ(s_tok->encode(text), (std::vector<int>{64, 187, 65}));
    EXPECT_EQ(s_tok->decode(s_tok->encode(text)), text);
    std::string truncated = "x\xE4\xBD";  // a cut 3-byte character
    EXPECT_EQ(s_tok->decode(s_tok->encode(truncated)), truncated);
}

TEST_F(QwenTokenizer, LongPiecesAndConcurrentEncode) {
    std::string longWord(20000, 'a');
    auto ids = s_tok->encode(longWord);
    EXPECT_EQ(s_tok->decode(ids), longWord);
    EXPECT_LT(ids.size(), 20000u / 4);

    json refs = json::parse(readFile(kQwenDir + "/tokenizer_refs.json"));
    std::vector<std::pair<std::string, std::vector<int>>> work;
    for (const auto& c : refs.at("cases"))
        work.emplace_back(c.at("text").get<std::string>(), c.at("ids").get<std::vector<int>>());
    std::atomic<int> mismatches{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&] {
            for (int round = 0; round < 20; ++round)
                for (const auto& [text, expected] : work)
                    if (s_tok->encode(text) != expected) ++mismatches;
        });
    for (auto& th : threads) th.join();
    EXPECT_EQ(mismatches.load(), 0);
}

// ---------------------------------------------------------------------------------------
// Tiny hand-written tokenizers.

namespace {

/// Byte-level vocabulary over a few characters; `extra` appended as (token, id) pairs.
json tinyTokenizer(const json& merges, const json& extraVocab = json::object()) {
    json vocab = {{"a", 0}, {"b", 1}, {"c", 2}, {"x", 3}, {"Ġ", 4}, {"h", 5}, {"i", 6}};
    for (auto it = extraVocab.begin(); it != extraVocab.end(); ++it) vocab[it.key()] = it.value();
    return json{{"version", "1.0"},
                {"added_tokens", json::array()},
                {"normalizer", nullptr},
                {"pre_tokenizer",
                 {{"type", "ByteLevel"}, {"add_prefix_space", false}, {"use_regex", false}}},
                {"model", {{"type", "BPE"}, {"vocab", vocab}, {"merges", merges}}}};
}

Tokenizer load(const json& doc) { return Tokenizer::fromJsonText(doc.dump(), "tiny.json"); }

std::string errorOf(const json& doc) {
    try {
        load(doc);
    } catch (const srs::Error& e) {
        return e.what();
    }
    return "(no error)";
}

}  // namespace

TEST(TinyTokenizer, MergesApplyByRank) {
    json extra = {{"ab", 7}, {"bc", 8}, {"abc", 9}};
    // (b,c) has the better rank: a + bc, and no merge makes "abc".
    EXPECT_EQ(load(tinyTokenizer({"b c", "a b"}, extra)).encode("abc"), (std::vector<int>{0, 8}));
    EXPECT_EQ(load(tinyTokenizer({"a b", "b c"}, extra)).encode("abc"), (std::vector<int>{7, 2}));
    // Pair form gives the same as string form.
    EXPECT_EQ(load(tinyTokenizer(json::array({{"a", "b"}, {"b", "c"}}), extra)).encode("abc"),
              (std::vector<int>{7, 2}));
    // Merges chain: bc then a+bc.
    EXPECT_EQ(load(tinyTokenizer({"b c", "a bc"}, extra)).encode("abc"), std::vector<int>{9});
}

TEST(TinyTokenizer, EqualRanksMergeLeftmostFirst) {
    auto tok = load(tinyTokenizer({"a a"}, {{"aa", 7}}));
    EXPECT_EQ(tok.encode("aaa"), (std::vector<int>{7, 0}));
    EXPECT_EQ(tok.encode("aaaa"), (std::vector<int>{7, 7}));
}

TEST(TinyTokenizer, IgnoreMergesTakesWholeVocabularyWords) {
    json doc = tinyTokenizer({"a b"}, {{"ab", 7}, {"abc", 9}});
    EXPECT_EQ(load(doc).encode("abc"), (std::vector<int>{7, 2}));
    doc["model"]["ignore_merges"] = true;
    EXPECT_EQ(load(doc).encode("abc"), std::vector<int>{9});
}

TEST(TinyTokenizer, AddedTokenFlags) {
    json doc = tinyTokenizer(json::array());
    doc["added_tokens"] = json::array({
        {{"id", 20}, {"content", "<m>"}, {"lstrip", true}, {"special", true}},
        {{"id", 21}, {"content", "<r>"}, {"rstrip", true}},
        {{"id", 22}, {"content", "hi"}, {"single_word", true}},
        {{"id", 23}, {"content", "<m>b"}},
        {{"id", 24}, {"content", "<p>"}},
    });
    auto tok = load(doc);
    EXPECT_EQ(tok.encode("x <m>"), (std::vector<int>{3, 20}));       // lstrip eats the space
    EXPECT_EQ(tok.encode("x <p>"), (std::vector<int>{3, 4, 24}));    // no lstrip: space kept
    EXPECT_EQ(tok.encode("<r> x"), (std::vector<int>{21, 3}));       // rstrip eats the space
    EXPECT_EQ(tok.encode("hi x"), (std::vector<int>{22, 4, 3}));     // a whole word
    EXPECT_EQ(tok.encode("chi"), (std::vector<int>{2, 5, 6}));       // inside a word: not matched
    EXPECT_EQ(tok.encode("<m>b"), std::vector<int>{23});             // longest match wins
    EXPECT_TRUE(tok.isSpecial(20));
    EXPECT_FALSE(tok.isSpecial(21));
    EXPECT_EQ(tok.decode({3, 20, 21}), "x<m><r>");
}

TEST(TinyTokenizer, ByteLevelDefaultsAddPrefixSpace) {
    json doc = tinyTokenizer(json::array());
    doc["pre_tokenizer"] = {{"type", "ByteLevel"}};  // HF defaults: add_prefix_space, use_regex
    EXPECT_EQ(load(doc).encode("x"), (std::vector<int>{4, 3}));
    EXPECT_EQ(load(doc).encode("a b"), (std::vector<int>{4, 0, 4, 1}));
}

TEST(TinyTokenizer, SplitBehaviors) {
    auto make = [](const std::string& behavior) {
        json doc = tinyTokenizer({"x a", "a x"}, {{"xa", 7}, {"ax", 8}});
        doc["pre_tokenizer"] = {{"type", "Sequence"},
                                {"pretokenizers",
                                 {{{"type", "Split"}, {"pattern", {{"String", "x"}}}, {"behavior", behavior}},
                                  {{"type", "ByteLevel"}, {"add_prefix_space", false}, {"use_regex", false}}}}};
        return load(doc);
    };
    // "axa": Isolated -> a|x|a; Removed -> a|a; MergedWithPrevious -> ax|a; MergedWithNext -> a|xa
    EXPECT_EQ(make("Isolated").encode("axa"), (std::vector<int>{0, 3, 0}));
    EXPECT_EQ(make("Removed").encode("axa"), (std::vector<int>{0, 0}));
    EXPECT_EQ(make("MergedWithPrevious").encode("axa"), (std::vector<int>{8, 0}));
    EXPECT_EQ(make("MergedWithNext").encode("axa"), (std::vector<int>{0, 7}));
}

TEST(TinyTokenizer, SequenceNormalizerLowercases) {
    json doc = tinyTokenizer(json::array());
    doc["normalizer"] = {{"type", "Sequence"}, {"normalizers", {{{"type", "NFC"}}, {{"type", "Lowercase"}}}}};
    EXPECT_EQ(load(doc).encode("ABC"), (std::vector<int>{0, 1, 2}));
}

TEST(TinyTokenizerErrors, MalformedFilesNameTheKey) {
    struct Case {
        std::function<void(json&)> edit;
        std::string expect;
    };
    std::vector<Case> cases = {
        {[](json& d) { d.erase("model"); }, "model: missing"},
        {[](json& d) { d["model"]["vocab"] = json::array(); }, "model.vocab: expected an object"},
        {[](json& d) { d["model"]["vocab"]["q"] = "7"; }, "model.vocab['q']: expected an integer"},
        {[](json& d) { d["model"]["vocab"]["q"] = -3; }, "model.vocab['q']: token id -3 out of range"},
        {[](json& d) { d["model"]["vocab"]["q"] = 2; }, "id 2 is already used by 'c'"},
        {[](json& d) { d["model"]["vocab"]["q"] = 5000000; }, "model.vocab['q']: token id 5000000 out of range"},
        {[](json& d) { d["added_tokens"] = {{{"id", 900000}, {"content", "<q>"}}}; }, "added_tokens[0].id: token id 900000 out of range"},
        {[](json& d) { d["model"]["merges"] = {"a b", "a"}; }, "model.merges[1]: expected two tokens"},
        {[](json& d) { d["model"]["merges"] = {"a b", "a b c"}; }, "model.merges[1]: expected two tokens"},
        {[](json& d) { d["model"]["merges"] = json::array({json::array({"a"})}); }, "model.merges[0]: expected two tokens"},
        {[](json& d) { d["model"]["merges"] = {17}; }, "model.merges[0]: expected two tokens"},
        {[](json& d) { d["model"]["merges"] = {"a z"}; }, "model.merges[0]: token 'z' is not in model.vocab"},
        {[](json& d) { d["model"]["merges"] = {"b c"}; }, "model.merges[0]: merged token 'bc' is not in model.vocab"},
        {[](json& d) { d["model"].erase("merges"); }, "model.merges: missing"},
        {[](json& d) { d["added_tokens"] = {{{"id", 30}}}; }, "added_tokens[0].content: missing"},
        {[](json& d) { d["added_tokens"] = {{{"id", "x"}, {"content", "<q>"}}}; }, "added_tokens[0].id: expected an integer"},
        {[](json& d) { d["added_tokens"] = {{{"id", 30}, {"content", ""}}}; }, "added_tokens[0].content: expected a non-empty"},
        {[](json& d) { d["added_tokens"] = {{{"id", 30}, {"content", "<q>"}, {"lstrip", "yes"}}}; }, "added_tokens[0].lstrip: expected true or false"},
        {[](json& d) {
             d["pre_tokenizer"] = {{"type", "Sequence"},
                                   {"pretokenizers", {{{"type", "Split"}, {"pattern", {{"Regex", "(\\p{L}"}}}, {"behavior", "Isolated"}},
                                                      {{"type", "ByteLevel"}}}}};
         },
         "pre_tokenizer.pretokenizers[0].pattern.Regex: invalid regex"},
        {[](json& d) {
             d["pre_tokenizer"] = {{"type", "Sequence"},
                                   {"pretokenizers", {{{"type", "Split"}, {"pattern", {{"Regex", "a"}}}, {"behavior", "Sideways"}},
                                                      {{"type", "ByteLevel"}}}}};
         },
         "pre_tokenizer.pretokenizers[0].behavior: 'Sideways' is not a split behavior"},
        {[](json& d) { d["normalizer"] = 5; }, "normalizer: expected an object or null"},
    };
    for (std::size_t i = 0; i < cases.size(); ++i) {
        SCOPED_TRACE(i);
        json doc = tinyTokenizer(json::array(), {{"ab", 7}});
        cases[i].edit(doc);
        std::string msg;
        try {
            load(doc);
            msg = "(no error)";
        } catch (const srs::FormatError& e) {
            msg = e.what();
        }
        EXPECT_NE(msg.find("tiny.json: "), std::string::npos) << msg;
        EXPECT_NE(msg.find(cases[i].expect), std::string::npos) << msg;
    }
}

TEST(TinyTokenizerErrors, NotJsonOrNotAnObject) {
    EXPECT_THROW(Tokenizer::fromJsonText("{\"model\": ", "t.json"), srs::FormatError);
    EXPECT_THROW(Tokenizer::fromJsonText("", "t.json"), srs::FormatError);
    EXPECT_THROW(Tokenizer::fromJsonText("[1,2]", "t.json"), srs::FormatError);
    try {
        Tokenizer::fromJsonText("{\"model\": ", "t.json");
    } catch (const srs::FormatError& e) {
        EXPECT_EQ(std::string(e.what()).rfind("t.json: not valid JSON", 0), 0u) << e.what();
    }
}

TEST(TinyTokenizerErrors, UnsupportedModelsSayWhy) {
    json doc = tinyTokenizer(json::array());
    doc["model"]["type"] = "WordPiece";
    EXPECT_THROW(load(doc), srs::UnsupportedError);
    doc = tinyTokenizer(json::array());
    doc["pre_tokenizer"] = nullptr;
    EXPECT_NE(errorOf(doc).find("no ByteLevel step"), std::string::npos);
    doc = tinyTokenizer(json::array());
    doc["normalizer"] = {{"type", "Precompiled"}};
    EXPECT_NE(errorOf(doc).find("normalizer.type: 'Precompiled' is not supported"), std::string::npos);
}

TEST(TinyTokenizerErrors, MissingFileOrFolder) {
    EXPECT_THROW(Tokenizer::fromFile("/nonexistent/tokenizer.json"), srs::FormatError);
    try {
        Tokenizer::fromFile(SRS_TEST_FIXTURES);  // a folder without tokenizer.json
        FAIL();
    } catch (const srs::FormatError& e) {
        EXPECT_NE(std::string(e.what()).find("no tokenizer.json"), std::string::npos);
    }
}
