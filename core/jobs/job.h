#pragma once
#include <string>

#include "core/jobs/cancel_token.h"
#include "core/jobs/progress.h"

namespace srs::core {

/// Context handed to every long operation: where to report progress and the flag to poll.
/// It is the single mechanism for long work: CLI commands wire it to a stderr progress
/// bar and SIGINT; the GUI wires it to a progress bar and a Cancel button.
class JobContext {
public:
    JobContext() = default;
    JobContext(ProgressFn progress, CancelToken cancel)
        : m_progress(std::move(progress)), m_cancel(std::move(cancel)) {}

    void report(const std::string& phase, std::int64_t done, std::int64_t total,
                const std::string& unit = {}) const {
        if (m_progress) m_progress(ProgressEvent{phase, done, total, unit});
    }
    const CancelToken& cancelToken() const { return m_cancel; }
    void checkCancelled() const { m_cancel.throwIfCancelled(); }

private:
    ProgressFn m_progress;
    CancelToken m_cancel;
};

}  // namespace srs::core
