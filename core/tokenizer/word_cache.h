#pragma once
/// Thread-safe cache piece bytes -> token ids. Text repeats words heavily, so most pieces
/// skip BPE. Bounded: cleared when it reaches kMaxEntries. Internal to core/tokenizer.
#include <cstdint>
#include <mutex>
#include <shared_mutex>
#include <string_view>
#include <utility>
#include <vector>

#include "core/tokenizer/flat_maps.h"

namespace srs::core {

class WordCache {
public:
    static constexpr std::size_t kMaxEntries = 1 << 18;

    /// Appends the cached ids of `key` to `out`; false if not cached.
    bool lookup(std::string_view key, std::vector<int>& out) const {
        std::shared_lock<std::shared_mutex> lock(m_mutex);
        int entry = m_index.find(key);
        if (entry < 0) return false;
        auto [offset, count] = m_spans[static_cast<std::size_t>(entry)];
        out.insert(out.end(), m_ids.begin() + offset, m_ids.begin() + offset + count);
        return true;
    }

    void store(std::string_view key, const int* ids, std::size_t count) {
        std::unique_lock<std::shared_mutex> lock(m_mutex);
        if (m_index.size() >= kMaxEntries) {
            m_index = FlatStringMap();
            m_spans.clear();
            m_ids.clear();
        }
        if (!m_index.insert(key, static_cast<int>(m_spans.size()))) return;  // another thread won
        m_spans.emplace_back(static_cast<std::uint32_t>(m_ids.size()), static_cast<std::uint32_t>(count));
        m_ids.insert(m_ids.end(), ids, ids + count);
    }

private:
    mutable std::shared_mutex m_mutex;
    FlatStringMap m_index;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> m_spans;
    std::vector<int> m_ids;
};

}  // namespace srs::core
