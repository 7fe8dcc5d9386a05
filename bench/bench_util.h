#pragma once
/// Small helpers shared by the bench_*.cpp executables: wall clock, medians, peak RSS,
/// thread count. Header-only on purpose (each benchmark is one translation unit).
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include <sys/resource.h>

namespace srs::bench {

/// Seconds on the monotonic clock.
inline double nowSeconds() {
    using Clock = std::chrono::steady_clock;
    return std::chrono::duration<double>(Clock::now().time_since_epoch()).count();
}

/// Median of `values` (mean of the two middle ones for an even count). 0 for none.
inline double median(std::vector<double> values) {
    if (values.empty())
        return 0.0;
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
}

/// Threads the benchmark uses: `requested` > 0, else OMP_NUM_THREADS, else all cores.
inline int chooseThreads(int requested) {
    if (requested > 0)
        return requested;
    if (const char* env = std::getenv("OMP_NUM_THREADS")) {
        const int n = std::atoi(env);
        if (n > 0)
            return n;
    }
    return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

/// Peak resident set size of this process in bytes (getrusage ru_maxrss is in KiB on Linux).
inline double peakRssBytes() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) * 1024.0;
}

/// Current resident set size in bytes (VmRSS from /proc/self/status), 0 when unreadable.
inline double currentRssBytes() {
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("VmRSS:", 0) == 0)
            return std::atof(line.c_str() + 6) * 1024.0;
    }
    return 0.0;
}

}  // namespace srs::bench
