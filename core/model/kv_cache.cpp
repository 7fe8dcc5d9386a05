#include "core/model/kv_cache.h"

#include <ATen/ATen.h>
#include <fmt/format.h>

#include "core/error.h"

namespace srs::core {

KvCache::KvCache(int numLayers, std::int64_t batch, std::int64_t kvHeads, std::int64_t capacity,
                 std::int64_t headDim, at::ScalarType dtype, at::Device device)
    : m_batch(batch), m_capacity(capacity) {
    if (numLayers <= 0 || batch <= 0 || kvHeads <= 0 || capacity <= 0 || headDim <= 0)
        throw InvalidArgument(fmt::format(
            "KV cache: sizes must be positive (layers {}, batch {}, kv heads {}, capacity {}, head dim {})",
            numLayers, batch, kvHeads, capacity, headDim));
    auto opts = at::TensorOptions().dtype(dtype).device(device);
    m_keys.reserve(numLayers);
    m_values.reserve(numLayers);
    for (int l = 0; l < numLayers; ++l) {
        m_keys.push_back(at::empty({batch, kvHeads, capacity, headDim}, opts));
        m_values.push_back(at::empty({batch, kvHeads, capacity, headDim}, opts));
    }
    m_mask = at::zeros({batch, capacity}, at::TensorOptions().dtype(at::kBool).device(device));
    m_nextPos = at::zeros({batch}, at::TensorOptions().dtype(at::kLong).device(device));
}

at::Tensor KvCache::begin(const at::Tensor& newMask) {
    const std::int64_t T = newMask.size(1);
    if (newMask.size(0) != m_batch)
        throw InvalidArgument(fmt::format("KV cache holds {} rows but the input has {}", m_batch,
                                          newMask.size(0)));
    if (m_length + T > m_capacity)
        throw InvalidArgument(fmt::format(
            "KV cache capacity exceeded: {} cached + {} new tokens > capacity {}", m_length, T,
            m_capacity));
    m_pending = T;
    m_mask.narrow(1, m_length, T).copy_(newMask);
    auto m = newMask.to(at::kLong);
    auto pos = (m.cumsum(1) - 1).clamp_min_(0) + m_nextPos.unsqueeze(1);
    m_nextPos.add_(m.sum(1));
    return pos;
}

at::Tensor KvCache::keyMask() const { return m_mask.narrow(1, 0, m_length + m_pending); }

std::pair<at::Tensor, at::Tensor> KvCache::append(int layer, const at::Tensor& k,
                                                  const at::Tensor& v) {
    const std::int64_t T = k.size(2);
    auto& keys = m_keys.at(layer);
    auto& values = m_values.at(layer);
    keys.narrow(2, m_length, T).copy_(k);
    values.narrow(2, m_length, T).copy_(v);
    return {keys.narrow(2, 0, m_length + T), values.narrow(2, 0, m_length + T)};
}

void KvCache::commit() {
    m_length += m_pending;
    m_pending = 0;
}

void KvCache::reset() {
    m_length = 0;
    m_pending = 0;
    m_mask.zero_();
    m_nextPos.zero_();
    m_frozenMeans.clear();
}

}  // namespace srs::core
