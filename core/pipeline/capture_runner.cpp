#include "core/pipeline/capture_runner.h"

#include <ATen/ATen.h>
#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <climits>
#include <cstring>
#include <exception>
#include <thread>

#include "core/cache/activation_cache_writer.h"
#include "core/error.h"
#include "core/model/checkpoint.h"
#include "core/model/transformer.h"
#include "core/pipeline/capture_queue.h"

namespace srs::core {
namespace {

using Clock = std::chrono::steady_clock;

double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

/// One rollout's rows on their way to the writer thread (plain CPU values, no tensors).
struct WriteItem {
    RolloutRecord meta;
    std::vector<std::vector<float>> rows;  ///< per dataset, [rowCount, d_model] row-major
    std::int64_t rowCount = 0;
    std::int64_t index = 0;                ///< within the shard
    bool commitAfter = false;              ///< last rollout of a batch that ends a commit interval
};

/// Closes the queue and joins the writer thread on every exit path.
struct WriterThreadGuard {
    BoundedQueue<WriteItem>& queue;
    std::thread& thread;
    ~WriterThreadGuard() {
        queue.close();
        if (thread.joinable()) thread.join();
    }
};

}  // namespace

CaptureSummary runCapture(const CaptureOptions& o, const JobContext& job,
                          const std::function<void(const CapturePlan&)>& onPlan) {
    CapturePlan plan = planCapture(o);
    if (onPlan) onPlan(plan);
    job.checkCancelled();

    CacheWriterOptions wopts;
    wopts.chunkRows = o.chunkRows;
    wopts.flushEveryRollouts = INT_MAX;  // commits only at batch ends (see header)
    wopts.resume = true;
    wopts.overwrite = o.overwrite;
    wopts.expectedRollouts = static_cast<std::int64_t>(plan.items.size());
    wopts.expectedRows = plan.rows;
    wopts.freeBytes = o.freeBytes;
    ActivationCacheWriter writer(o.outPath.string(), plan.schema, wopts);

    CaptureSummary summary;
    summary.path = o.outPath.string();
    summary.rollouts = static_cast<std::int64_t>(plan.items.size());
    summary.rows = plan.rows;
    summary.expectedBytes = plan.expectedBytes;
    const std::int64_t start = writer.resumedRollouts();
    summary.resumed = start;
    if (start > summary.rollouts)
        throw Error(fmt::format("cannot resume '{}': it holds {} rollouts but this shard of '{}' has only {}",
                                writer.partialPath(), start, o.rolloutsPath.string(), summary.rollouts));

    const auto total = summary.rollouts;
    const std::size_t datasets = plan.hookNames.size();
    const auto dModel = plan.schema.dModel;
    job.report("capture", start, total, "rollouts");

    BoundedQueue<WriteItem> queue(static_cast<std::size_t>(std::max(1, o.queueBatches)) *
                                  static_cast<std::size_t>(o.batchSize));
    std::exception_ptr writerError;
    std::atomic<bool> writerFailed{false};
    double writeSeconds = 0.0;
    std::thread writerThread([&] {
        try {
            std::vector<const float*> ptrs(datasets);
            while (auto item = queue.pop()) {
                if (o.beforeWrite) o.beforeWrite(item->index);
                const auto t0 = Clock::now();
                for (std::size_t d = 0; d < datasets; ++d) ptrs[d] = item->rows[d].data();
                writer.appendRollout(item->meta, ptrs, item->rowCount);
                if (item->commitAfter) writer.commit();
                writeSeconds += since(t0);
                job.report("capture", item->index + 1, total, "rollouts");
            }
        } catch (...) {
            writerError = std::current_exception();
            writerFailed = true;
            queue.close();
        }
    });
    bool cancelled = false;
    {
        WriterThreadGuard guard{queue, writerThread};
        Transformer model(plan.checkpoint, o.runtime);
        ForwardRequest request;
        request.capture = plan.hookNames;
        request.lastLogitsOnly = true;  // logits are not stored; skip most of the LM head
        const auto loopStart = Clock::now();
        std::int64_t sinceCommit = 0;
        for (std::int64_t first = start; first < total && !writerFailed; first += o.batchSize) {
            if (job.cancelToken().isCancelled()) {
                cancelled = true;
                break;
            }
            const auto t0 = Clock::now();
            const std::int64_t last = std::min<std::int64_t>(total, first + o.batchSize);
            const std::int64_t B = last - first;
            std::int64_t maxLen = 0;
            for (std::int64_t i = first; i < last; ++i)
                maxLen = std::max<std::int64_t>(maxLen, static_cast<std::int64_t>(plan.items[i].tokens.size()));
            // Right padding: with causal attention the pads never reach the real tokens.
            auto ids = at::zeros({B, maxLen}, at::kLong);
            {
                auto acc = ids.accessor<std::int64_t, 2>();
                for (std::int64_t b = 0; b < B; ++b) {
                    const auto& toks = plan.items[static_cast<std::size_t>(first + b)].tokens;
                    for (std::size_t k = 0; k < toks.size(); ++k) acc[b][static_cast<std::int64_t>(k)] = toks[k];
                    summary.tokens += static_cast<std::int64_t>(toks.size());
                }
            }
            ForwardOutput out = model.forward(ids, request);
            std::vector<at::Tensor> captured;
            captured.reserve(datasets);
            for (const auto& name : plan.hookNames) captured.push_back(out.captured.at(name));
            sinceCommit += B;
            const bool commit = sinceCommit >= o.commitEveryRollouts || last == total;
            if (commit) sinceCommit = 0;
            std::vector<WriteItem> batch;
            for (std::int64_t b = 0; b < B; ++b) {
                const CaptureItem& it = plan.items[static_cast<std::size_t>(first + b)];
                WriteItem w;
                w.index = first + b;
                w.commitAfter = commit && first + b == last - 1;
                w.meta.questionId = it.questionId;
                w.meta.sampleIndex = it.sampleIndex;
                w.meta.reward = it.reward;
                w.meta.promptLen = it.promptLen;
                w.meta.responseLen = it.responseLen;
                w.meta.positions = capturePositions(it.promptLen, it.responseLen, o.tokenStride);
                for (auto p : w.meta.positions) w.meta.tokenIds.push_back(it.tokens[static_cast<std::size_t>(p)]);
                w.rowCount = static_cast<std::int64_t>(w.meta.positions.size());
                std::vector<std::int64_t> pos(w.meta.positions.begin(), w.meta.positions.end());
                auto posT = at::tensor(pos, at::kLong);
                w.rows.resize(datasets);
                for (std::size_t d = 0; d < datasets; ++d) {
                    auto rows = captured[d][b].index_select(0, posT).to(at::kFloat).contiguous();
                    w.rows[d].resize(static_cast<std::size_t>(w.rowCount * dModel));
                    std::memcpy(w.rows[d].data(), rows.data_ptr<float>(), w.rows[d].size() * sizeof(float));
                }
                batch.push_back(std::move(w));
            }
            out = ForwardOutput{};
            summary.computeSeconds += since(t0);
            const auto t1 = Clock::now();
            for (auto& w : batch)
                if (!queue.push(std::move(w))) break;  // writer failed
            summary.stallSeconds += since(t1);
        }
        queue.close();
        writerThread.join();
        summary.seconds = since(loopStart);
    }
    summary.writeSeconds = writeSeconds;
    if (writerError) std::rethrow_exception(writerError);
    if (cancelled) {
        writer.commit();  // whole batches only reach the writer
        throw Cancelled();
    }
    writer.finish();
    return summary;
}

}  // namespace srs::core
