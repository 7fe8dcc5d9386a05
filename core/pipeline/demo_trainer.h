#pragma once
/// Trains the bundled demo model: a small Qwen2ForCausalLM (q/k/v biases, RMSNorm, RoPE,
/// SwiGLU, tied embeddings) learned with libtorch autograd on CPU from the synthetic
/// problems of demo_data.h, written as a Hugging Face folder the runtime loads.
/// The header is torch-free apart from <ATen/core/Tensor.h>.
#include <ATen/core/Tensor.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "core/jobs/job.h"

namespace srs::core {

/// Decoder shape (head dim = dModel / heads).
struct DemoModelShape {
    int dModel = 192;
    int layers = 4;
    int heads = 4;
    int kvHeads = 2;
    int mlp = 512;
    int maxPositions = 256;
    double ropeTheta = 10000.0;
    double rmsEps = 1e-6;
};

struct DemoTrainOptions {
    std::filesystem::path outDir;  ///< final folder; built in "<outDir>.partial" then renamed
    std::uint64_t seed = 1;        ///< torch init (manual_seed) and the data stream
    int steps = 2000;              ///< the step budget that defines the result
    /// Wall-clock safety cap in minutes (0 = none). When it triggers, the result depends
    /// on machine load; srs_demo.json records "stopped_by_time".
    double minutes = 0;
    int batch = 64;
    double peakLr = 3e-3;
    int warmupSteps = 100;
    double finalLrRatio = 0.1;     ///< cosine decay from peakLr to peakLr * ratio
    double weightDecay = 0.1;      ///< AdamW decay, on matrices only
    double gradClip = 1.0;
    int threads = 0;               ///< 0 = OMP_NUM_THREADS, else hardware_concurrency
    int testItems = 200;           ///< held-out items per family written to data/
    bool force = false;            ///< replace an existing outDir
    DemoModelShape shape;
};

struct DemoTrainReport {
    int steps = 0;
    bool stoppedByTime = false;
    std::int64_t tokens = 0;       ///< non-pad tokens seen
    std::int64_t lossTokens = 0;   ///< tokens that carried loss (answer + EOS)
    double seconds = 0;
    double finalLoss = 0;          ///< mean loss over the last 50 steps
    std::int64_t parameters = 0;
    int threads = 0;
    std::filesystem::path outDir;
};

/// One training run. Construction checks the options (InvalidArgument) and refuses an
/// existing outDir unless `force`; run() trains, then writes the folder.
class DemoTrainer {
public:
    explicit DemoTrainer(DemoTrainOptions options);
    ~DemoTrainer();
    DemoTrainer(const DemoTrainer&) = delete;
    DemoTrainer& operator=(const DemoTrainer&) = delete;

    /// Trains and writes outDir (config.json, generation_config.json, model.safetensors,
    /// tokenizer.json, tokenizer_config.json, srs_demo.json, data/<family>_test.jsonl).
    /// Progress: phase "train" in steps, the unit carrying loss and tok/s. Cancellation is
    /// checked between steps: throws Cancelled and leaves neither outDir nor its .partial.
    DemoTrainReport run(const JobContext* job = nullptr);

    /// The training model's logits for ids [B,T] int64 -> [B,T,V] float32 (no grad).
    at::Tensor logits(const at::Tensor& ids) const;

    struct Impl;

private:
    std::unique_ptr<Impl> m_impl;
};

}  // namespace srs::core
