#pragma once
/// Pre-allocated key/value cache for incremental decoding: [B, kv_heads, capacity, head_dim]
/// per layer, written in place (no re-concatenation).
#include <ATen/core/Tensor.h>

#include <cstdint>
#include <map>
#include <vector>

namespace srs::core {

class KvCache {
public:
    /// Allocates every buffer up front. Throws InvalidArgument for non-positive sizes.
    KvCache(int numLayers, std::int64_t batch, std::int64_t kvHeads, std::int64_t capacity,
            std::int64_t headDim, at::ScalarType dtype, at::Device device);

    std::int64_t batch() const { return m_batch; }
    std::int64_t capacity() const { return m_capacity; }
    /// Tokens (including pads) stored per row so far.
    std::int64_t length() const { return m_length; }

    /// Cached keys of `layer` for slots [0, length()+newTokens): writes `k`/`v`
    /// [B, kv_heads, T, head_dim] at the current end and returns views over the filled span.
    /// The length advances only in commit().
    std::pair<at::Tensor, at::Tensor> append(int layer, const at::Tensor& k, const at::Tensor& v);

    /// The whole buffers [B, kv_heads, capacity, head_dim] of `layer` (the fused decode path
    /// writes slots [length(), length()+T) itself, as append() would).
    const at::Tensor& keyBuffer(int layer) const { return m_keys.at(static_cast<std::size_t>(layer)); }
    const at::Tensor& valueBuffer(int layer) const { return m_values.at(static_cast<std::size_t>(layer)); }

    /// Starts a forward of `newTokens` tokens with mask [B,T] (bool): records the mask and
    /// returns the position ids [B,T] int64 of the new tokens. Throws InvalidArgument when
    /// the capacity would overflow.
    at::Tensor begin(const at::Tensor& newMask);
    /// Key mask [B, length()+T] (bool) of the forward in progress.
    at::Tensor keyMask() const;
    /// Ends the forward begun by begin(): length += T.
    void commit();
    /// Drops everything (length 0, positions 0).
    void reset();

    /// Sequence means kept for Mean interventions without a vector (index = intervention).
    std::map<std::size_t, at::Tensor>& frozenMeans() { return m_frozenMeans; }

private:
    std::int64_t m_batch, m_capacity, m_length = 0, m_pending = 0;
    std::vector<at::Tensor> m_keys, m_values;
    at::Tensor m_mask;     ///< [B, capacity] bool
    at::Tensor m_nextPos;  ///< [B] int64: next position id per row
    std::map<std::size_t, at::Tensor> m_frozenMeans;
};

}  // namespace srs::core
