#pragma once
/// BPE merges over raw bytes: the byte-level alphabet is folded in at load time, so a
/// piece's UTF-8 bytes are merged directly by rank. Internal to core/tokenizer.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/tokenizer/flat_maps.h"

namespace srs::core {

class BpeModel {
public:
    BpeModel() { m_byteId.fill(-1); }

    /// Registers the token for the single byte `b`.
    void setByteId(unsigned char b, int id) { m_byteId[b] = id; }
    /// Registers a whole token by its raw bytes (used with ignore_merges).
    void addWholeToken(std::string_view bytes, int id) { m_whole.insert(bytes, id); }
    /// Merge of the pair (left, right) into `merged` with priority `rank` (lower first).
    /// A later duplicate pair replaces an earlier one, as in Hugging Face tokenizers.
    void addMerge(int left, int right, int rank, int merged) {
        m_merges.insertOrAssign(key(left, right), {rank, merged});
    }
    void reserveMerges(std::size_t n) { m_merges.reserve(n); }
    void setIgnoreMerges(bool on) { m_ignoreMerges = on; }
    void setUnknownId(int id) { m_unknownId = id; }

    /// Appends the ids of one pre-tokenized piece (raw bytes). Bytes without a token are
    /// dropped (or become the unknown token when the file names one). Thread-safe.
    void encodePiece(std::string_view bytes, std::vector<int>& out) const;

private:
    static std::uint64_t key(int left, int right) {
        return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(left)) << 32) |
               static_cast<std::uint32_t>(right);
    }

    std::array<int, 256> m_byteId;
    FlatPairMap m_merges;
    FlatStringMap m_whole;
    bool m_ignoreMerges = false;
    int m_unknownId = -1;
};

}  // namespace srs::core
