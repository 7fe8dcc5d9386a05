#pragma once
#include <atomic>
#include <memory>

#include "core/error.h"

namespace srs::core {

/// Shared cancellation flag. Set from any thread (GUI Cancel button, SIGINT handler);
/// long operations poll it between batches. Thread-safe.
class CancelToken {
public:
    CancelToken() : m_flag(std::make_shared<std::atomic<bool>>(false)) {}
    void cancel() const { m_flag->store(true, std::memory_order_relaxed); }
    bool isCancelled() const { return m_flag->load(std::memory_order_relaxed); }
    /// Throws srs::Cancelled when cancellation was requested.
    void throwIfCancelled() const {
        if (isCancelled()) throw Cancelled();
    }

private:
    std::shared_ptr<std::atomic<bool>> m_flag;
};

}  // namespace srs::core
