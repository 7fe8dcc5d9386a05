#pragma once
/// Byte-level BPE tokenizer loaded from a Hugging Face `tokenizer.json` (Qwen2/2.5/3,
/// Llama 3, GPT-2 style). Torch-free and Qt-free.
///
/// Encoding follows the Hugging Face `tokenizers` library with add_special_tokens=true
/// and a post-processor that adds nothing (no BOS/EOS is ever added here):
///   1. added tokens (the file's `added_tokens`) are matched on the raw text first,
///      leftmost-longest, honouring `single_word`, `lstrip` and `rstrip`;
///   2. every stretch of text between them is normalised (`normalizer`: null, NFC, NFD,
///      NFKC, NFKD, Lowercase or a Sequence of these);
///   3. pre-tokenised (`pre_tokenizer`: Split with the file's regex, ByteLevel, Sequence);
///   4. each piece is encoded with BPE merges by rank over its UTF-8 bytes.
/// Input that is not valid UTF-8 is accepted: invalid bytes are left unnormalised, never
/// matched by the regex (they form their own pieces) and encoded as byte tokens, so
/// decode(encode(x)) == x for any byte string whose valid parts are already normalised.
///
/// After construction a Tokenizer is immutable apart from an internal, synchronised word
/// cache: concurrent encode()/decode() from many threads is safe. Copies are cheap and
/// share the loaded tables.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace srs::core {

class Tokenizer {
public:
    /// Loads `path`, which is either a tokenizer.json file or a folder containing one.
    /// Throws srs::FormatError (missing/unreadable/malformed file, naming the file and the
    /// JSON key, e.g. "model.merges[12]: expected two tokens") or srs::UnsupportedError
    /// (a valid file this implementation does not support, e.g. a WordPiece model).
    static Tokenizer fromFile(const std::filesystem::path& path);

    /// Same as fromFile for JSON text already in memory; `sourceName` is used in messages.
    static Tokenizer fromJsonText(const std::string& text, const std::string& sourceName);

    /// Token ids of `text` (UTF-8; invalid bytes tolerated, see above). No BOS/EOS.
    std::vector<int> encode(std::string_view text) const;

    /// The raw bytes the ids stand for. Added/special tokens are kept (as their content)
    /// unless `skipSpecialTokens` drops those flagged "special". The result may be invalid
    /// UTF-8 when `ids` cut a multi-byte character. Throws srs::Error naming the first id
    /// outside the vocabulary and the vocabulary size.
    std::string decode(const std::vector<int>& ids, bool skipSpecialTokens = false) const;

    /// Raw bytes of one token (for streaming output); throws like decode().
    std::string decodeToken(int id) const;

    /// The token's string as written in tokenizer.json (byte-level form, e.g. "Ġworld";
    /// added tokens as their content). Throws srs::Error for an id outside the vocabulary.
    std::string idToToken(int id) const;

    /// Inverse of idToToken: looks up the file form ("Ġworld", "<|im_end|>").
    std::optional<int> tokenToId(const std::string& token) const;

    /// One past the largest id (model vocabulary plus added tokens); 151669 for Qwen3.
    int vocabSize() const;

    /// True when `id` is an added token flagged "special" in the file.
    bool isSpecial(int id) const;
    /// True when `id` is any entry of the file's `added_tokens`.
    bool isAddedToken(int id) const;
    /// True when `id` names a token (vocabularies may have holes).
    bool hasId(int id) const;
    /// Ids of all added tokens flagged "special", ascending.
    std::vector<int> specialIds() const;

    /// xxh3-64 of the tokenizer.json bytes, 16 lower-case hex digits.
    std::string fingerprint() const;
    /// The file (or name) the tokenizer was loaded from.
    const std::string& sourceName() const;

    struct Impl;

private:
    explicit Tokenizer(std::shared_ptr<const Impl> impl);
    std::shared_ptr<const Impl> m_impl;
};

}  // namespace srs::core
