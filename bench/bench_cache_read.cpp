// Streaming-read benchmark of the HDF5 activation cache (driver: bench/cache_read_bench.sh).
//   bench_cache_read write PATH ROWS D_MODEL [dtype=float16] [rows_per_rollout=600]
//   bench_cache_read read PATH [hook=resid_post] [layer=0] [batch_rollouts=16] [ahead|sync]
// `read` prints one JSON line: bytes of the dataset, seconds, MB/s, peak RSS, and whether
// streamLayer read ahead on its background thread (default) or synchronously.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/cache/activation_cache_reader.h"
#include "core/cache/activation_cache_writer.h"

using namespace srs::core;

static long peakRssKb() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss;
}

int main(int argc, char** argv) try {
    if (argc < 3) {
        std::cerr << "usage: bench_cache_read write PATH ROWS D_MODEL [dtype] [rows_per_rollout]\n"
                     "       bench_cache_read read PATH [hook] [layer] [batch_rollouts]\n";
        return 2;
    }
    const std::string mode = argv[1], path = argv[2];
    if (mode == "write") {
        const std::int64_t rows = std::atoll(argv[3]);
        CacheSchema s;
        s.hooks = {"resid_post"};
        s.layers = {0};
        s.dModel = std::atoll(argv[4]);
        s.dtype = parseStoreDtype(argc > 5 ? argv[5] : "float16");
        s.task = "bench";
        const std::int64_t perRollout = argc > 6 ? std::atoll(argv[6]) : 600;
        CacheWriterOptions o;
        o.overwrite = true;
        o.resume = false;
        o.flushEveryRollouts = 64;
        ActivationCacheWriter w(path, s, o);
        std::mt19937 rng(1);
        std::normal_distribution<float> dist(0.f, 1.f);
        std::vector<float> buf(static_cast<std::size_t>(perRollout * s.dModel));
        for (auto& x : buf) x = dist(rng);
        std::int64_t written = 0;
        for (int i = 0; written < rows; ++i) {
            RolloutRecord m;
            m.questionId = "q" + std::to_string(i / 4);
            m.sampleIndex = i % 4;
            m.reward = static_cast<float>(i % 2);
            m.promptLen = 100;
            const std::int64_t n = std::min(perRollout, rows - written);
            m.responseLen = static_cast<std::int32_t>(n - 1);
            buf[static_cast<std::size_t>(i) % buf.size()] += 1.0f;  // rollouts differ
            w.appendRollout(m, {buf.data()}, n);
            written += n;
        }
        w.finish();
        return 0;
    }
    ActivationCacheReader r(path);
    const std::string hook = argc > 3 ? argv[3] : "resid_post";
    const int layer = argc > 4 ? std::atoi(argv[4]) : 0;
    const std::int64_t batch = argc > 5 ? std::atoll(argv[5]) : 16;
    const std::string mode2 = argc > 6 ? argv[6] : "ahead";
    if (mode2 != "ahead" && mode2 != "sync") throw std::invalid_argument("mode must be ahead or sync, got " + mode2);
    r.setReadAhead(mode2 == "ahead");
    const auto& md = r.metadata();
    const double bytes = static_cast<double>(md.numRows) * md.schema.dModel * storeDtypeSize(md.schema.dtype);
    double checksum = 0;
    auto t0 = std::chrono::steady_clock::now();
    r.streamLayer(hook, layer, batch, [&](const ActivationBatch& b) { checksum += b.rows.data[0]; });
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("{\"bytes\": %.0f, \"seconds\": %.4f, \"mb_per_s\": %.1f, \"peak_rss_kb\": %ld, \"checksum\": %g, "
                "\"mode\": \"%s\"}\n",
                bytes, secs, bytes / secs / 1e6, peakRssKb(), checksum, mode2.c_str());
    return 0;
} catch (const std::exception& e) {
    std::cerr << "bench_cache_read: " << e.what() << "\n";
    return 1;
}
