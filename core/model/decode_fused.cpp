#include "core/model/decode_fused.h"

#include <c10/util/BFloat16.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <memory>
#include <vector>

namespace srs::core {
namespace {

std::atomic<bool>& enabledFlag() {
    static std::atomic<bool> flag{[] {
        const char* off = std::getenv("SRS_DISABLE_FUSED_DECODE");
        return !(off && *off && std::strcmp(off, "0") != 0);
    }()};
    return flag;
}

using bf16 = c10::BFloat16;

/// Value after rounding to T, as f32 (identity for f32).
template <typename T>
inline float rnd(float v) {
    return static_cast<float>(static_cast<T>(v));
}

template <typename T>
void rmsNormT(const T* x, const T* w, std::int64_t rows, std::int64_t n, float eps, T* out) {
    for (std::int64_t r = 0; r < rows; ++r) {
        const T* xr = x + r * n;
        T* orow = out + r * n;
        // Eight partial sums (vectorisable, fixed order independent of other rows).
        float part[8] = {0, 0, 0, 0, 0, 0, 0, 0};
        std::int64_t i = 0;
        for (; i + 8 <= n; i += 8)
            for (int j = 0; j < 8; ++j) {
                const float v = static_cast<float>(xr[i + j]);
                part[j] += v * v;
            }
        for (; i < n; ++i) {
            const float v = static_cast<float>(xr[i]);
            part[0] += v * v;
        }
        const float sum = ((part[0] + part[1]) + (part[2] + part[3])) + ((part[4] + part[5]) + (part[6] + part[7]));
        const float var = sum / static_cast<float>(n);
        const float inv = 1.0f / std::sqrt(var + eps);
        for (std::int64_t k = 0; k < n; ++k) {
            const float normed = rnd<T>(static_cast<float>(xr[k]) * inv);
            orow[k] = static_cast<T>(normed * static_cast<float>(w[k]));
        }
    }
}

template <typename T>
void addT(T* x, const T* y, std::int64_t count) {
    for (std::int64_t i = 0; i < count; ++i)
        x[i] = static_cast<T>(static_cast<float>(x[i]) + static_cast<float>(y[i]));
}

template <typename T>
void rotaryT(T* x, const T* cos, const T* sin, std::int64_t rows, std::int64_t heads,
             std::int64_t D) {
    const std::int64_t half = D / 2;
    float tmp[1024];
    for (std::int64_t r = 0; r < rows; ++r) {
        const T* c = cos + r * D;
        const T* s = sin + r * D;
        for (std::int64_t h = 0; h < heads; ++h) {
            T* v = x + (r * heads + h) * D;
            for (std::int64_t i = 0; i < D; ++i) {
                // rotate_half: [-x2, x1]; negation is exact.
                const float rot = i < half ? -static_cast<float>(v[i + half]) : static_cast<float>(v[i - half]);
                const float a = rnd<T>(static_cast<float>(v[i]) * static_cast<float>(c[i]));
                const float b = rnd<T>(rot * static_cast<float>(s[i]));
                tmp[i] = a + b;
            }
            for (std::int64_t i = 0; i < D; ++i) v[i] = static_cast<T>(tmp[i]);
        }
    }
}

template <typename T>
void siluMulT(const T* gate, const T* up, std::int64_t count, T* out) {
    for (std::int64_t i = 0; i < count; ++i) {
        const float g = static_cast<float>(gate[i]);
        // As ATen's silu: for bf16 exp(-g) and 1 + exp(-g) are rounded too.
        const float s = rnd<T>(g / rnd<T>(1.0f + rnd<T>(std::exp(-g))));
        out[i] = static_cast<T>(s * static_cast<float>(up[i]));
    }
}

template <typename T>
void attentionT(const T* q, const T* keys, const T* values, const bool* notAllowed, std::int64_t B,
                std::int64_t T_, std::int64_t H, std::int64_t KvH, std::int64_t D, std::int64_t S,
                std::int64_t cap, float scale, T* out) {
    const std::int64_t G = H / KvH;
    std::vector<float>& probs = *[] {
        thread_local std::vector<float> v;
        return &v;
    }();
    if (static_cast<std::int64_t>(probs.size()) < S + D) probs.resize(static_cast<std::size_t>(S + D));
    float* p = probs.data();
    float* acc = p + S;
    float qf[1024];
    for (std::int64_t b = 0; b < B; ++b) {
        for (std::int64_t t = 0; t < T_; ++t) {
            const bool* mask = notAllowed ? notAllowed + (b * T_ + t) * S : nullptr;
            for (std::int64_t h = 0; h < H; ++h) {
                const std::int64_t g = h / G;
                const T* qv = q + ((b * T_ + t) * H + h) * D;
                for (std::int64_t d = 0; d < D; ++d) qf[d] = static_cast<float>(qv[d]);
                const T* kb = keys + (b * KvH + g) * cap * D;
                const T* vb = values + (b * KvH + g) * cap * D;
                float mx = -std::numeric_limits<float>::infinity();
                for (std::int64_t s = 0; s < S; ++s) {
                    if (mask && mask[s]) {
                        p[s] = -std::numeric_limits<float>::infinity();
                        continue;
                    }
                    const T* kv = kb + s * D;
                    float dot = 0;
                    for (std::int64_t d = 0; d < D; ++d) dot += qf[d] * static_cast<float>(kv[d]);
                    const float sc = rnd<T>(rnd<T>(dot) * scale);
                    p[s] = sc;
                    mx = std::max(mx, sc);
                }
                float sum = 0;
                for (std::int64_t s = 0; s < S; ++s) {
                    const float e = (mask && mask[s]) ? 0.0f : std::exp(p[s] - mx);
                    p[s] = e;
                    sum += e;
                }
                const float inv = 1.0f / sum;
                for (std::int64_t d = 0; d < D; ++d) acc[d] = 0;
                for (std::int64_t s = 0; s < S; ++s) {
                    if (p[s] == 0.0f) continue;
                    const float pr = rnd<T>(p[s] * inv);
                    const T* vv = vb + s * D;
                    for (std::int64_t d = 0; d < D; ++d) acc[d] += pr * static_cast<float>(vv[d]);
                }
                T* o = out + ((b * T_ + t) * H + h) * D;
                for (std::int64_t d = 0; d < D; ++d) o[d] = static_cast<T>(acc[d]);
            }
        }
    }
}

template <typename T>
void writeCacheT(const T* k, const T* v, std::int64_t B, std::int64_t T_, std::int64_t KvH,
                 std::int64_t D, std::int64_t cap, std::int64_t slot, T* keys, T* values) {
    for (std::int64_t b = 0; b < B; ++b)
        for (std::int64_t t = 0; t < T_; ++t)
            for (std::int64_t g = 0; g < KvH; ++g) {
                const std::int64_t src = ((b * T_ + t) * KvH + g) * D;
                const std::int64_t dst = ((b * KvH + g) * cap + slot + t) * D;
                std::memcpy(keys + dst, k + src, static_cast<std::size_t>(D) * sizeof(T));
                std::memcpy(values + dst, v + src, static_cast<std::size_t>(D) * sizeof(T));
            }
}

#define SRS_DISPATCH(dtype, CALL)              \
    do {                                        \
        if ((dtype) == c10::ScalarType::BFloat16) { \
            using T = bf16;                     \
            CALL;                               \
        } else {                                \
            using T = float;                    \
            CALL;                               \
        }                                       \
    } while (0)

}  // namespace

bool fusedDecodeEnabled() { return enabledFlag().load(std::memory_order_relaxed); }
void setFusedDecodeEnabled(bool enabled) { enabledFlag().store(enabled); }

namespace fused {

void rmsNorm(c10::ScalarType dtype, const void* x, const void* weight, std::int64_t rows,
             std::int64_t n, float eps, void* out) {
    SRS_DISPATCH(dtype, rmsNormT<T>(static_cast<const T*>(x), static_cast<const T*>(weight), rows, n,
                                    eps, static_cast<T*>(out)));
}

void addInPlace(c10::ScalarType dtype, void* x, const void* y, std::int64_t count) {
    SRS_DISPATCH(dtype, addT<T>(static_cast<T*>(x), static_cast<const T*>(y), count));
}

void rotaryInPlace(c10::ScalarType dtype, void* x, const void* cos, const void* sin,
                   std::int64_t rows, std::int64_t heads, std::int64_t headDim) {
    SRS_DISPATCH(dtype, rotaryT<T>(static_cast<T*>(x), static_cast<const T*>(cos),
                                   static_cast<const T*>(sin), rows, heads, headDim));
}

void siluMul(c10::ScalarType dtype, const void* gate, const void* up, std::int64_t count, void* out) {
    SRS_DISPATCH(dtype, siluMulT<T>(static_cast<const T*>(gate), static_cast<const T*>(up), count,
                                    static_cast<T*>(out)));
}

void attention(c10::ScalarType dtype, const void* q, const void* keys, const void* values,
               const bool* notAllowed, std::int64_t B, std::int64_t T, std::int64_t H,
               std::int64_t KvH, std::int64_t D, std::int64_t S, std::int64_t capacity,
               float scale, void* out) {
    const std::int64_t T_ = T;
    SRS_DISPATCH(dtype, attentionT<T>(static_cast<const T*>(q), static_cast<const T*>(keys),
                                      static_cast<const T*>(values), notAllowed, B, T_, H, KvH, D, S,
                                      capacity, scale, static_cast<T*>(out)));
}

void writeCache(c10::ScalarType dtype, const void* k, const void* v, std::int64_t B,
                std::int64_t T, std::int64_t KvH, std::int64_t D, std::int64_t capacity,
                std::int64_t slot, void* keys, void* values) {
    const std::int64_t T_ = T;
    SRS_DISPATCH(dtype, writeCacheT<T>(static_cast<const T*>(k), static_cast<const T*>(v), B, T_, KvH,
                                       D, capacity, slot, static_cast<T*>(keys), static_cast<T*>(values)));
}

void* scratch(int slot, std::int64_t bytes) {
    struct Buffer {
        std::unique_ptr<std::uint8_t[]> data;
        std::int64_t size = 0;
    };
    thread_local std::vector<Buffer> buffers;
    if (slot >= static_cast<int>(buffers.size())) buffers.resize(static_cast<std::size_t>(slot) + 1);
    auto& b = buffers[static_cast<std::size_t>(slot)];
    if (b.size < bytes) {
        // 64-byte aligned start (the kernels read rows with unaligned loads either way).
        b.data.reset(new std::uint8_t[static_cast<std::size_t>(bytes) + 64]);
        b.size = bytes;
    }
    auto p = reinterpret_cast<std::uintptr_t>(b.data.get());
    return reinterpret_cast<void*>((p + 63) & ~std::uintptr_t(63));
}

}  // namespace fused
}  // namespace srs::core
