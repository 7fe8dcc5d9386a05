#pragma once
/// Open-addressing hash maps for the tokenizer's two big tables (151k vocabulary strings,
/// 151k merges). One probe usually touches one cache line, unlike std::unordered_map's
/// node chains; loading and encoding are dominated by these lookups. Internal.
#include <xxhash.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace srs::core {

/// string -> non-negative int. Keys are copied into one arena.
class FlatStringMap {
public:
    void reserve(std::size_t n) {
        std::size_t cap = 16;
        while (cap < n * 2) cap <<= 1;
        if (cap > m_slots.size()) rehash(cap);
    }
    /// Inserts (key, id) unless the key is present; returns false if it was.
    bool insert(std::string_view key, int id) {
        if ((m_size + 1) * 2 > m_slots.size()) rehash(m_slots.empty() ? 16 : m_slots.size() * 2);
        std::uint64_t h = XXH3_64bits(key.data(), key.size());
        std::size_t mask = m_slots.size() - 1;
        for (std::size_t i = h & mask;; i = (i + 1) & mask) {
            Slot& s = m_slots[i];
            if (s.id < 0) {
                s = Slot{static_cast<std::uint32_t>(h >> 32), static_cast<std::uint32_t>(m_arena.size()),
                         static_cast<std::uint32_t>(key.size()), id};
                m_arena.append(key);
                ++m_size;
                return true;
            }
            if (s.tag == static_cast<std::uint32_t>(h >> 32) && keyOf(s) == key) return false;
        }
    }
    /// The id of `key`, or -1.
    int find(std::string_view key) const {
        if (m_slots.empty()) return -1;
        std::uint64_t h = XXH3_64bits(key.data(), key.size());
        std::size_t mask = m_slots.size() - 1;
        for (std::size_t i = h & mask;; i = (i + 1) & mask) {
            const Slot& s = m_slots[i];
            if (s.id < 0) return -1;
            if (s.tag == static_cast<std::uint32_t>(h >> 32) && keyOf(s) == key) return s.id;
        }
    }
    std::size_t size() const { return m_size; }

private:
    struct Slot {
        std::uint32_t tag = 0;
        std::uint32_t offset = 0;
        std::uint32_t length = 0;
        std::int32_t id = -1;
    };
    std::string_view keyOf(const Slot& s) const { return std::string_view(m_arena).substr(s.offset, s.length); }
    void rehash(std::size_t capacity) {
        std::vector<Slot> old;
        old.swap(m_slots);
        m_slots.assign(capacity, Slot{});
        std::size_t mask = capacity - 1;
        for (const Slot& s : old) {
            if (s.id < 0) continue;
            std::uint64_t h = XXH3_64bits(m_arena.data() + s.offset, s.length);
            std::size_t i = h & mask;
            while (m_slots[i].id >= 0) i = (i + 1) & mask;
            m_slots[i] = s;
        }
    }
    std::vector<Slot> m_slots;
    std::string m_arena;
    std::size_t m_size = 0;
};

/// (left id, right id) -> (rank, merged id). Later inserts of a pair overwrite earlier ones.
class FlatPairMap {
public:
    struct Value {
        int rank;
        int merged;
    };
    void reserve(std::size_t n) {
        std::size_t cap = 16;
        while (cap < n * 2) cap <<= 1;
        if (cap > m_slots.size()) rehash(cap);
    }
    void insertOrAssign(std::uint64_t key, Value value) {
        if ((m_size + 1) * 2 > m_slots.size()) rehash(m_slots.empty() ? 16 : m_slots.size() * 2);
        std::size_t mask = m_slots.size() - 1;
        for (std::size_t i = mix(key) & mask;; i = (i + 1) & mask) {
            Slot& s = m_slots[i];
            if (s.value.rank < 0) {
                s = Slot{key, value};
                ++m_size;
                return;
            }
            if (s.key == key) {
                s.value = value;
                return;
            }
        }
    }
    /// The entry for `key`, or nullptr.
    const Value* find(std::uint64_t key) const {
        if (m_slots.empty()) return nullptr;
        std::size_t mask = m_slots.size() - 1;
        for (std::size_t i = mix(key) & mask;; i = (i + 1) & mask) {
            const Slot& s = m_slots[i];
            if (s.value.rank < 0) return nullptr;
            if (s.key == key) return &s.value;
        }
    }

private:
    struct Slot {
        std::uint64_t key = 0;
        Value value{-1, -1};
    };
    static std::uint64_t mix(std::uint64_t x) {  // splitmix64 finaliser
        x ^= x >> 30;
        x *= 0xbf58476d1ce4e5b9ULL;
        x ^= x >> 27;
        x *= 0x94d049bb133111ebULL;
        return x ^ (x >> 31);
    }
    void rehash(std::size_t capacity) {
        std::vector<Slot> old;
        old.swap(m_slots);
        m_slots.assign(capacity, Slot{});
        std::size_t mask = capacity - 1;
        for (const Slot& s : old) {
            if (s.value.rank < 0) continue;
            std::size_t i = mix(s.key) & mask;
            while (m_slots[i].value.rank >= 0) i = (i + 1) & mask;
            m_slots[i] = s;
        }
    }
    std::vector<Slot> m_slots;
    std::size_t m_size = 0;
};

}  // namespace srs::core
