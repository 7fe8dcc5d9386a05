#include "core/tokenizer/bpe_model.h"

#include <queue>

namespace srs::core {

void BpeModel::encodePiece(std::string_view bytes, std::vector<int>& out) const {
    if (bytes.empty()) return;
    if (m_ignoreMerges) {
        int id = m_whole.find(bytes);
        if (id >= 0) {
            out.push_back(id);
            return;
        }
    }
    // Symbols as a doubly linked list over the initial byte tokens.
    struct Symbol {
        int id;
        int prev;
        int next;
        bool alive;
    };
    std::vector<Symbol> symbols;
    symbols.reserve(bytes.size());
    for (unsigned char b : bytes) {
        int id = m_byteId[b];
        if (id < 0) {
            if (m_unknownId < 0) continue;
            // fuse consecutive unknowns is not needed for byte-level files; keep one each
            id = m_unknownId;
        }
        int index = static_cast<int>(symbols.size());
        symbols.push_back({id, index - 1, index + 1, true});
    }
    if (symbols.empty()) return;
    symbols.back().next = -1;
    if (symbols.size() == 1) {
        out.push_back(symbols[0].id);
        return;
    }

    // Candidate merges ordered by (rank, position); stale entries are skipped on pop.
    struct Candidate {
        int rank;
        int pos;
        int left;
        int right;
        int merged;
        bool operator>(const Candidate& o) const {
            return rank != o.rank ? rank > o.rank : pos > o.pos;
        }
    };
    std::priority_queue<Candidate, std::vector<Candidate>, std::greater<Candidate>> queue;
    auto consider = [&](int pos) {
        if (pos < 0) return;
        int nxt = symbols[static_cast<std::size_t>(pos)].next;
        if (nxt < 0) return;
        int l = symbols[static_cast<std::size_t>(pos)].id, r = symbols[static_cast<std::size_t>(nxt)].id;
        if (const auto* m = m_merges.find(key(l, r))) queue.push({m->rank, pos, l, r, m->merged});
    };
    for (int i = 0; i + 1 < static_cast<int>(symbols.size()); ++i) consider(i);

    while (!queue.empty()) {
        Candidate c = queue.top();
        queue.pop();
        Symbol& left = symbols[static_cast<std::size_t>(c.pos)];
        if (!left.alive || left.id != c.left || left.next < 0) continue;
        Symbol& right = symbols[static_cast<std::size_t>(left.next)];
        if (right.id != c.right) continue;
        left.id = c.merged;
        right.alive = false;
        left.next = right.next;
        if (right.next >= 0) symbols[static_cast<std::size_t>(right.next)].prev = c.pos;
        consider(left.prev);
        consider(c.pos);
    }
    for (int i = 0; i >= 0; i = symbols[static_cast<std::size_t>(i)].next) out.push_back(symbols[static_cast<std::size_t>(i)].id);
}

}  // namespace srs::core
