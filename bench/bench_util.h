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

#include <cstdint>
#if defined(__x86_64__)
#include <immintrin.h>
#endif

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

/// Sums the 64-bit words of [p, p + bytes): a pure streaming read (the decode floor's
/// measure). With `prefetch`, each 64-byte line 2 KB ahead is also requested with a software
/// prefetch, as the runtime's weight kernels do: on this machine that reads ~15% faster than
/// the hardware prefetchers alone, so a floor measured without it would flatter the kernels.
/// The benchmarks report the faster of the two as the floor.
#if defined(__x86_64__)
__attribute__((target("avx2"))) inline std::uint64_t streamSum(const std::uint8_t* p, std::size_t bytes,
                                                               bool prefetch) {
    __m256i a0 = _mm256_setzero_si256(), a1 = a0, a2 = a0, a3 = a0;
    std::size_t i = 0;
    for (; i + 128 <= bytes; i += 128) {
        if (prefetch) {
            _mm_prefetch(reinterpret_cast<const char*>(p + i + 2048), _MM_HINT_T0);
            _mm_prefetch(reinterpret_cast<const char*>(p + i + 2048 + 64), _MM_HINT_T0);
        }
        a0 = _mm256_add_epi64(a0, _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i)));
        a1 = _mm256_add_epi64(a1, _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i + 32)));
        a2 = _mm256_add_epi64(a2, _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i + 64)));
        a3 = _mm256_add_epi64(a3, _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i + 96)));
    }
    a0 = _mm256_add_epi64(_mm256_add_epi64(a0, a1), _mm256_add_epi64(a2, a3));
    alignas(32) std::uint64_t lanes[4];
    _mm256_store_si256(reinterpret_cast<__m256i*>(lanes), a0);
    std::uint64_t s = lanes[0] + lanes[1] + lanes[2] + lanes[3];
    for (; i < bytes; ++i) s += p[i];
    return s;
}
#else
inline std::uint64_t streamSum(const std::uint8_t* p, std::size_t bytes, bool) {
    std::uint64_t s = 0;
    for (std::size_t i = 0; i < bytes; ++i) s += p[i];
    return s;
}
#endif

}  // namespace srs::bench
