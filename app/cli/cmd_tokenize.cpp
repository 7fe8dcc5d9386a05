// `srs tokenize` and `srs detokenize`: the byte-level BPE tokenizer from the command line.
#include <CLI/CLI.hpp>

#include <climits>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <sstream>

#include "app/cli/cli_common.h"
#include "app/cli/command.h"
#include "core/error.h"
#include "core/tokenizer/tokenizer.h"

namespace srs::app::cli {
namespace {

struct TokenizeOptions {
    std::string tokenizer;
    std::string text;
    std::string textFile;
    bool json = false;
};

struct DetokenizeOptions {
    std::string tokenizer;
    std::string ids;
    bool skipSpecial = false;
    bool json = false;
};

std::string readTextFile(const std::string& path) {
    if (path == "-") return std::string(std::istreambuf_iterator<char>(std::cin), {});
    std::ifstream in(path, std::ios::binary);
    if (!in) throw FormatError(path + ": cannot open text file");
    std::stringstream ss;
    ss << in.rdbuf();
    if (in.bad()) throw FormatError(path + ": read failed");
    return ss.str();
}

void runTokenize(const TokenizeOptions& o, bool haveText) {
    auto tokenizer = core::Tokenizer::fromFile(o.tokenizer);
    std::string text = haveText ? o.text : readTextFile(o.textFile);
    std::vector<int> ids = tokenizer.encode(text);
    if (o.json) {
        nlohmann::json tokens = nlohmann::json::array();
        for (int id : ids) tokens.push_back(tokenizer.idToToken(id));
        nlohmann::json doc{{"ids", ids}, {"tokens", tokens}};
        std::cout << doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << std::endl;
        return;
    }
    std::string line;
    for (std::size_t i = 0; i < ids.size(); ++i) line += (i ? "," : "") + std::to_string(ids[i]);
    std::cout << line << std::endl;
}

void runDetokenize(const DetokenizeOptions& o) {
    std::vector<long long> raw = parseIntList(o.ids, "--ids");  // InvalidArgument -> exit 2
    auto tokenizer = core::Tokenizer::fromFile(o.tokenizer);
    std::vector<int> ids;
    ids.reserve(raw.size());
    for (long long v : raw) {
        if (v < INT_MIN || v > INT_MAX || !tokenizer.hasId(static_cast<int>(v)))
            throw Error("token id " + std::to_string(v) + " is not in the vocabulary of " + tokenizer.sourceName() +
                        " (vocabulary size " + std::to_string(tokenizer.vocabSize()) + ")");
        ids.push_back(static_cast<int>(v));
    }
    std::string text = tokenizer.decode(ids, o.skipSpecial);
    if (o.json) {
        // Ids that cut a character can give invalid UTF-8: JSON shows U+FFFD there.
        nlohmann::json doc{{"text", text}};
        std::cout << doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << std::endl;
        return;
    }
    std::cout << text << std::endl;
}

const RegisterCommand kTokenize(40, [](CLI::App& root) {
    auto o = std::make_shared<TokenizeOptions>();
    CLI::App* sub = root.add_subcommand(
        "tokenize", "Encode text with a model's byte-level BPE tokenizer (no BOS/EOS is added)");
    sub->add_option("--tokenizer", o->tokenizer, "tokenizer.json or a model folder containing one")
        ->required();
    CLI::Option* text = sub->add_option("--text", o->text, "Text to encode (UTF-8)");
    CLI::Option* file = sub->add_option("--text-file", o->textFile, "File whose bytes to encode ('-' = stdin)");
    text->excludes(file);
    file->excludes(text);
    sub->add_flag("--json", o->json, "Print {\"ids\": [...], \"tokens\": [...]} instead of comma-separated ids");
    sub->callback([o, text, file]() {
        if (!*text && !*file) throw CLI::RequiredError("--text or --text-file");
        runTokenize(*o, static_cast<bool>(*text));
    });
});

const RegisterCommand kDetokenize(41, [](CLI::App& root) {
    auto o = std::make_shared<DetokenizeOptions>();
    CLI::App* sub = root.add_subcommand("detokenize", "Decode token ids back to text (special tokens kept)");
    sub->add_option("--tokenizer", o->tokenizer, "tokenizer.json or a model folder containing one")
        ->required();
    sub->add_option("--ids", o->ids, "Token ids, e.g. 9707,1879 or \"9707 1879\"")->required();
    sub->add_flag("--skip-special", o->skipSpecial, "Drop tokens flagged special (e.g. <|im_end|>)");
    sub->add_flag("--json", o->json, "Print {\"text\": ...}");
    sub->callback([o]() { runDetokenize(*o); });
});

}  // namespace
}  // namespace srs::app::cli
