#pragma once
#include <cstdint>
#include <functional>
#include <string>

namespace srs::core {

/// One progress report: `done` of `total` units (total 0 = unknown), with a phase label.
struct ProgressEvent {
    std::string phase;
    std::int64_t done = 0;
    std::int64_t total = 0;
    std::string unit;  ///< "tokens", "rollouts", "steps", ...
};

/// Callback a long operation calls between batches. Called on the worker thread;
/// receivers marshal to their own thread (the GUI uses a queued signal).
using ProgressFn = std::function<void(const ProgressEvent&)>;

}  // namespace srs::core
