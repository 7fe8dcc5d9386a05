#include "core/model/linear_pool.h"

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace srs::core {
namespace {

constexpr std::int64_t kClosed = 0xffffffff;  ///< claim index while a job is being set up
/// Pause-loop polls (~40 ns each on current x86) a helper spends waiting for the next job
/// before it sleeps on the condition variable: ~100-200 us.
constexpr int kSpinPolls = 4000;

class BlockPool {
public:
    void run(std::int64_t blocks, int threads, const std::function<void(std::int64_t)>& body) {
        std::unique_lock<std::mutex> busy(m_runMutex, std::try_to_lock);
        if (!busy.owns_lock() || threads <= 1 || blocks <= 1) {
            for (std::int64_t b = 0; b < blocks; ++b) body(b);
            return;
        }
        std::uint64_t gen;
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            while (static_cast<int>(m_helpers.size()) < threads - 1)
                m_helpers.emplace_back([this] { helperLoop(); });
            gen = ++m_generation;
            // Close the claim word for the new generation before anything else changes: a
            // helper still holding the previous generation may have loaded an exhausted claim
            // word and be about to compare its index with m_blocks. Once the word has changed
            // its compare-exchange fails, so it can never take a block with the new m_blocks
            // (or count one into the new m_done).
            m_claim.store((gen << 32) | kClosed);
            m_body = &body;
            m_blocks.store(blocks);
            m_maxHelpers = threads - 1;
            m_joined.store(0);
            m_done.store(0);
            // Claims carry the generation: a helper woken for an older job can never take a
            // block of this one.
            m_claim.store(gen << 32);
            m_published.store(gen, std::memory_order_release);
        }
        m_wake.notify_all();
        std::int64_t mine = 0, index;
        while (claimInto(gen, index)) {
            body(index);
            ++mine;
        }
        // Wait only for blocks that helpers claimed and are still running.
        for (int spins = 0; m_done.load(std::memory_order_acquire) + mine < blocks; ++spins) {
            if (spins < 2000) {
#if defined(__x86_64__) || defined(__i386__)
                __builtin_ia32_pause();
#endif
            } else {
                std::this_thread::yield();
            }
        }
    }

private:
    /// Claims the next block of job `gen` into `index`; false when none is left or another
    /// job has started.
    bool claimInto(std::uint64_t gen, std::int64_t& index) {
        std::uint64_t s = m_claim.load(std::memory_order_acquire);
        for (;;) {
            if ((s >> 32) != (gen & 0xffffffffu)) return false;
            const std::int64_t i = static_cast<std::int64_t>(s & 0xffffffffu);
            if (i == kClosed || i >= m_blocks.load(std::memory_order_acquire)) return false;
            if (m_claim.compare_exchange_weak(s, s + 1, std::memory_order_acq_rel)) {
                index = i;
                return true;
            }
        }
    }

    void helperLoop() {
        std::uint64_t seen = 0;
        for (;;) {
            const std::function<void(std::int64_t)>* body;
            std::uint64_t gen;
            {
                // Decode runs ~100 short jobs per token a few microseconds apart: poll for the
                // next one for a while before sleeping, so that the caller neither pays a futex
                // wake nor starts the job alone while this thread is being scheduled.
                for (int spins = 0; spins < kSpinPolls &&
                                    m_published.load(std::memory_order_acquire) == seen;
                     ++spins) {
#if defined(__x86_64__) || defined(__i386__)
                    __builtin_ia32_pause();
#endif
                }
                std::unique_lock<std::mutex> lock(m_mutex);
                m_wake.wait(lock, [&] { return m_generation != seen; });
                seen = gen = m_generation;
                body = m_body;
                if (m_joined.fetch_add(1) >= m_maxHelpers) continue;
            }
            std::int64_t index;
            while (claimInto(gen, index)) {
                (*body)(index);
                m_done.fetch_add(1, std::memory_order_acq_rel);
            }
        }
    }

    std::mutex m_runMutex;  ///< one job at a time
    std::mutex m_mutex;     ///< guards the job description and the helper list
    std::condition_variable m_wake;
    std::vector<std::thread> m_helpers;
    std::uint64_t m_generation = 0;
    std::atomic<std::uint64_t> m_published{0};  ///< m_generation, readable without the lock
    const std::function<void(std::int64_t)>* m_body = nullptr;
    std::atomic<std::int64_t> m_blocks{0};
    int m_maxHelpers = 0;
    std::atomic<int> m_joined{0};
    std::atomic<std::int64_t> m_done{0};  ///< blocks finished by helpers
    std::atomic<std::uint64_t> m_claim{0};  ///< (generation << 32) | next block
};

}  // namespace

void runBlocks(std::int64_t blocks, int threads, const std::function<void(std::int64_t)>& body) {
    // Never destroyed: helper threads block in a wait at exit, which is harmless.
    static BlockPool* pool = new BlockPool;
    pool->run(blocks, threads, body);
}

}  // namespace srs::core
