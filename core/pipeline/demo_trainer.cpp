// The only demo TU that includes <torch/torch.h> (autograd + AdamW).
#include "core/pipeline/demo_trainer.h"

#include <torch/torch.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>
#include <deque>
#include <unordered_set>

#include "core/error.h"
#include "core/io/atomic_file.h"
#include "core/io/jsonl.h"
#include "core/io/safetensors.h"
#include "core/model/runtime.h"
#include "core/pipeline/demo_data.h"
#include "core/pipeline/demo_tokenizer.h"
#include "core/tokenizer/prompt_template.h"
#include "core/tokenizer/tokenizer.h"

namespace srs::core {
namespace fs = std::filesystem;
using nlohmann::ordered_json;

namespace {

struct Layer {
    torch::Tensor inNorm, wq, bq, wk, bk, wv, bv, wo, postNorm, wGate, wUp, wDown;
};

torch::Tensor rmsNorm(const torch::Tensor& x, const torch::Tensor& w, double eps) {
    return x * torch::rsqrt(x.pow(2).mean(-1, true) + eps) * w;
}

torch::Tensor rotateHalf(const torch::Tensor& x) {
    auto half = x.size(-1) / 2;
    return torch::cat({-x.narrow(-1, half, half), x.narrow(-1, 0, half)}, -1);
}

void writeText(const fs::path& path, const std::string& text) { writeFileAtomically(path, text, false); }

}  // namespace

struct DemoTrainer::Impl {
    DemoTrainOptions opt;
    std::vector<std::pair<std::string, torch::Tensor>> params;  // HF names, in save order
    torch::Tensor embed, finalNorm, invFreq;
    std::vector<Layer> layers;
    int headDim = 0;

    torch::Tensor& add(const std::string& name, torch::Tensor t) {
        t.set_requires_grad(true);
        params.emplace_back(name, t);
        return params.back().second;
    }

    void init() {
        const auto& s = opt.shape;
        torch::manual_seed(opt.seed);
        headDim = s.dModel / s.heads;
        const double sd0 = 0.02, outStd = 0.02 / std::sqrt(2.0 * s.layers);
        auto normal = [](std::vector<std::int64_t> shape, double sd) { return torch::randn(shape) * sd; };
        params.reserve(2 + 12 * static_cast<std::size_t>(s.layers));
        embed = add("model.embed_tokens.weight", normal({DemoVocab::kSize, s.dModel}, sd0));
        const std::int64_t q = s.heads * headDim, kv = s.kvHeads * headDim;
        for (int l = 0; l < s.layers; ++l) {
            auto n = [l](const char* suffix) { return fmt::format("model.layers.{}.{}", l, suffix); };
            Layer L;
            L.inNorm = add(n("input_layernorm.weight"), torch::ones({s.dModel}));
            L.wq = add(n("self_attn.q_proj.weight"), normal({q, s.dModel}, sd0));
            L.bq = add(n("self_attn.q_proj.bias"), torch::zeros({q}));
            L.wk = add(n("self_attn.k_proj.weight"), normal({kv, s.dModel}, sd0));
            L.bk = add(n("self_attn.k_proj.bias"), torch::zeros({kv}));
            L.wv = add(n("self_attn.v_proj.weight"), normal({kv, s.dModel}, sd0));
            L.bv = add(n("self_attn.v_proj.bias"), torch::zeros({kv}));
            L.wo = add(n("self_attn.o_proj.weight"), normal({s.dModel, q}, outStd));
            L.postNorm = add(n("post_attention_layernorm.weight"), torch::ones({s.dModel}));
            L.wGate = add(n("mlp.gate_proj.weight"), normal({s.mlp, s.dModel}, sd0));
            L.wUp = add(n("mlp.up_proj.weight"), normal({s.mlp, s.dModel}, sd0));
            L.wDown = add(n("mlp.down_proj.weight"), normal({s.dModel, s.mlp}, outStd));
            layers.push_back(L);
        }
        finalNorm = add("model.norm.weight", torch::ones({s.dModel}));
        auto exponents = torch::arange(0, headDim, 2, torch::kFloat) / static_cast<double>(headDim);
        invFreq = 1.0 / torch::pow(torch::tensor(s.ropeTheta, torch::kFloat), exponents);
    }

    /// ids [B,T] -> logits [B,T,V]; causal attention, positions 0..T-1 (right padding).
    torch::Tensor forward(const torch::Tensor& ids) const {
        const auto& s = opt.shape;
        const auto B = ids.size(0), T = ids.size(1);
        auto x = torch::embedding(embed, ids);  // [B,T,d]
        auto pos = torch::arange(T, torch::kFloat);
        auto freqs = torch::outer(pos, invFreq);
        auto emb = torch::cat({freqs, freqs}, -1);  // [T,hd]
        auto cos = emb.cos(), sin = emb.sin();
        auto mask = torch::full({T, T}, -std::numeric_limits<float>::infinity()).triu(1);
        const auto rep = s.heads / s.kvHeads;
        const double scale = 1.0 / std::sqrt(static_cast<double>(headDim));
        for (const auto& L : layers) {
            auto h = rmsNorm(x, L.inNorm, s.rmsEps);
            auto q = torch::linear(h, L.wq, L.bq).view({B, T, s.heads, headDim}).transpose(1, 2);
            auto k = torch::linear(h, L.wk, L.bk).view({B, T, s.kvHeads, headDim}).transpose(1, 2);
            auto v = torch::linear(h, L.wv, L.bv).view({B, T, s.kvHeads, headDim}).transpose(1, 2);
            q = q * cos + rotateHalf(q) * sin;
            k = k * cos + rotateHalf(k) * sin;
            k = k.repeat_interleave(rep, 1);
            v = v.repeat_interleave(rep, 1);
            auto scores = torch::matmul(q, k.transpose(-1, -2)) * scale + mask;
            auto a = torch::matmul(torch::softmax(scores, -1), v).transpose(1, 2).reshape({B, T, -1});
            x = x + torch::linear(a, L.wo);
            h = rmsNorm(x, L.postNorm, s.rmsEps);
            x = x + torch::linear(torch::silu(torch::linear(h, L.wGate)) * torch::linear(h, L.wUp), L.wDown);
        }
        return torch::linear(rmsNorm(x, finalNorm, s.rmsEps), embed);
    }

    std::int64_t parameterCount() const {
        std::int64_t n = 0;
        for (const auto& [name, t] : params) n += t.numel();
        return n;
    }

    void writeFolder(const fs::path& dir, const DemoTrainReport& report) const {
        const auto& s = opt.shape;
        fs::create_directories(dir / "data");
        std::vector<torch::Tensor> keep;
        std::vector<TensorToWrite> tensors;
        for (const auto& [name, t] : params) {
            keep.push_back(t.detach().contiguous().to(torch::kFloat));
            tensors.push_back({name, DType::F32, keep.back().sizes().vec(), keep.back().data_ptr()});
        }
        writeSafetensors(dir / "model.safetensors", tensors, {{"format", "pt"}});
        ordered_json config{{"architectures", {"Qwen2ForCausalLM"}},
                            {"attention_dropout", 0.0},
                            {"bos_token_id", DemoVocab::kEos},
                            {"eos_token_id", DemoVocab::kEos},
                            {"pad_token_id", DemoVocab::kPad},
                            {"hidden_act", "silu"},
                            {"hidden_size", s.dModel},
                            {"initializer_range", 0.02},
                            {"intermediate_size", s.mlp},
                            {"max_position_embeddings", s.maxPositions},
                            {"max_window_layers", s.layers},
                            {"model_type", "qwen2"},
                            {"num_attention_heads", s.heads},
                            {"num_hidden_layers", s.layers},
                            {"num_key_value_heads", s.kvHeads},
                            {"rms_norm_eps", s.rmsEps},
                            {"rope_scaling", nullptr},
                            {"rope_theta", s.ropeTheta},
                            {"sliding_window", nullptr},
                            {"tie_word_embeddings", true},
                            {"torch_dtype", "float32"},
                            {"use_cache", true},
                            {"use_sliding_window", false},
                            {"vocab_size", DemoVocab::kSize}};
        writeText(dir / "config.json", config.dump(2) + "\n");
        ordered_json gen{{"bos_token_id", DemoVocab::kEos},
                         {"eos_token_id", {DemoVocab::kEos}},
                         {"pad_token_id", DemoVocab::kPad},
                         {"do_sample", true},
                         {"temperature", 1.0},
                         {"max_new_tokens", 64}};
        writeText(dir / "generation_config.json", gen.dump(2) + "\n");
        writeText(dir / "tokenizer.json", demoTokenizerJson());
        ordered_json tokConfig{{"tokenizer_class", "PreTrainedTokenizerFast"},
                               {"eos_token", "<|endoftext|>"},
                               {"pad_token", "<|pad|>"},
                               {"model_max_length", s.maxPositions}};
        writeText(dir / "tokenizer_config.json", tokConfig.dump(2) + "\n");

        ordered_json families = ordered_json::array();
        for (const auto& family : demoFamilies()) {
            std::string text;
            int i = 0;
            for (const auto& p : makeDemoTestSet(family, opt.testItems, opt.seed)) {
                ordered_json rec{{"id", fmt::format("{}-{:04d}", family, i++)},
                                 {"question", p.question},
                                 {"answer", p.answer},
                                 {"solution", p.response}};
                text += rec.dump() + "\n";
            }
            std::string rel = "data/" + family + "_test.jsonl";
            writeText(dir / rel, text);
            families.push_back({{"name", family}, {"test_file", rel}, {"items", opt.testItems}});
        }
        ordered_json weights = ordered_json::object();
        auto w = demoFamilyWeights();
        for (std::size_t i = 0; i < w.size(); ++i) weights[demoFamilies()[i]] = w[i];
        ordered_json meta{
            {"format", "srs-demo-model/1"},
            {"template", demoPromptTemplate()},
            {"task_kind", "math"},
            {"fields", {{"id", "id"}, {"question", "question"}, {"answer", "answer"}}},
            {"families", families},
            {"training",
             {{"seed", opt.seed},
              {"steps_requested", opt.steps},
              {"steps", report.steps},
              {"stopped_by_time", report.stoppedByTime},
              {"minutes_cap", opt.minutes},
              {"batch", opt.batch},
              {"peak_lr", opt.peakLr},
              {"warmup_steps", opt.warmupSteps},
              {"final_lr_ratio", opt.finalLrRatio},
              {"weight_decay", opt.weightDecay},
              {"grad_clip", opt.gradClip},
              {"family_weights", weights},
              {"tokens", report.tokens},
              {"loss_tokens", report.lossTokens},
              {"seconds", std::round(report.seconds * 10) / 10},
              {"threads", report.threads},
              {"final_loss", std::round(report.finalLoss * 10000) / 10000},
              {"parameters", report.parameters}}}};
        writeText(dir / "srs_demo.json", meta.dump(2) + "\n");
    }
};

DemoTrainer::DemoTrainer(DemoTrainOptions options) : m_impl(std::make_unique<Impl>()) {
    const auto& s = options.shape;
    if (options.outDir.empty()) throw InvalidArgument("demo-model train: --out is required");
    if (options.steps < 1) throw InvalidArgument(fmt::format("--steps must be >= 1, got {}", options.steps));
    if (options.minutes < 0) throw InvalidArgument("--minutes must be >= 0");
    if (options.batch < 1) throw InvalidArgument("batch must be >= 1");
    if (options.testItems < 1) throw InvalidArgument("test items must be >= 1");
    if (s.heads < 1 || s.kvHeads < 1 || s.heads % s.kvHeads != 0 || s.dModel % s.heads != 0 ||
        (s.dModel / s.heads) % 2 != 0)
        throw InvalidArgument(fmt::format(
            "demo model shape: d_model {} / heads {} / kv heads {} (need heads % kv == 0 and an even head dim)",
            s.dModel, s.heads, s.kvHeads));
    if (fs::exists(options.outDir) && !options.force)
        throw InvalidArgument(fmt::format("{} already exists (pass --force to replace it)",
                                          options.outDir.string()));
    m_impl->opt = std::move(options);
    m_impl->init();
}

DemoTrainer::~DemoTrainer() = default;

at::Tensor DemoTrainer::logits(const at::Tensor& ids) const {
    torch::NoGradGuard noGrad;
    return m_impl->forward(ids.to(torch::kLong)).contiguous();
}

DemoTrainReport DemoTrainer::run(const JobContext* job) {
    auto& I = *m_impl;
    const auto& opt = I.opt;
    DemoTrainReport report;
    report.threads = configureThreads(opt.threads);
    report.parameters = I.parameterCount();
    report.outDir = opt.outDir;

    const auto tokenizer = Tokenizer::fromJsonText(demoTokenizerJson(), "demo tokenizer.json");
    std::unordered_set<std::string> exclude;
    for (const auto& family : demoFamilies())
        for (const auto& p : makeDemoTestSet(family, opt.testItems, opt.seed)) exclude.insert(p.key);
    DemoRng rng(opt.seed * 0x9E3779B97F4A7C15ULL + 17);

    std::vector<torch::Tensor> decay, noDecay;
    for (const auto& [name, t] : I.params) (t.dim() >= 2 ? decay : noDecay).push_back(t);
    std::vector<torch::optim::OptimizerParamGroup> groups;
    groups.emplace_back(decay, std::make_unique<torch::optim::AdamWOptions>(
                                   torch::optim::AdamWOptions(opt.peakLr).betas({0.9, 0.98}).weight_decay(opt.weightDecay)));
    groups.emplace_back(noDecay, std::make_unique<torch::optim::AdamWOptions>(
                                     torch::optim::AdamWOptions(opt.peakLr).betas({0.9, 0.98}).weight_decay(0.0)));
    torch::optim::AdamW optimizer(std::move(groups));

    const auto start = std::chrono::steady_clock::now();
    std::deque<double> recent;
    for (int step = 0; step < opt.steps; ++step) {
        if (job) job->checkCancelled();
        double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (opt.minutes > 0 && elapsed > opt.minutes * 60.0) {
            report.stoppedByTime = true;
            break;
        }
        // Learning rate: linear warm-up, then cosine decay to peak * finalLrRatio.
        double lr;
        if (step < opt.warmupSteps) {
            lr = opt.peakLr * (step + 1) / opt.warmupSteps;
        } else {
            double span = std::max(1, opt.steps - opt.warmupSteps);
            double progress = std::min(1.0, (step - opt.warmupSteps) / span);
            lr = opt.peakLr * (opt.finalLrRatio + (1 - opt.finalLrRatio) * 0.5 * (1 + std::cos(M_PI * progress)));
        }
        for (auto& g : optimizer.param_groups()) static_cast<torch::optim::AdamWOptions&>(g.options()).lr(lr);

        // Batch: prompt tokens carry no loss; the response and EOS do. Right padding.
        std::vector<std::vector<int>> seqs;
        std::vector<std::size_t> promptLens;
        std::size_t maxLen = 0;
        for (int b = 0; b < opt.batch; ++b) {
            auto p = makeDemoTrainingProblem(rng, exclude);
            auto ids = tokenizer.encode(applyPromptTemplate(demoPromptTemplate(), p.question));
            promptLens.push_back(ids.size());
            for (int id : tokenizer.encode(p.response)) ids.push_back(id);
            ids.push_back(DemoVocab::kEos);
            maxLen = std::max(maxLen, ids.size());
            seqs.push_back(std::move(ids));
        }
        const auto T = static_cast<std::int64_t>(maxLen) - 1;
        auto input = torch::full({opt.batch, T}, DemoVocab::kPad, torch::kLong);
        auto target = torch::full({opt.batch, T}, -100, torch::kLong);
        auto in = input.accessor<std::int64_t, 2>();
        auto tg = target.accessor<std::int64_t, 2>();
        for (int b = 0; b < opt.batch; ++b) {
            const auto& s = seqs[b];
            for (std::size_t t = 0; t + 1 < s.size(); ++t) {
                in[b][t] = s[t];
                if (t + 1 >= promptLens[b]) {
                    tg[b][t] = s[t + 1];
                    ++report.lossTokens;
                }
            }
            report.tokens += static_cast<std::int64_t>(s.size());
        }

        optimizer.zero_grad();
        auto logits = I.forward(input);
        auto loss = torch::nn::functional::cross_entropy(
            logits.view({-1, DemoVocab::kSize}), target.view({-1}),
            torch::nn::functional::CrossEntropyFuncOptions().ignore_index(-100));
        loss.backward();
        std::vector<torch::Tensor> all;
        for (const auto& [name, t] : I.params) all.push_back(t);
        torch::nn::utils::clip_grad_norm_(all, opt.gradClip);
        optimizer.step();

        double l = loss.item<double>();
        if (!std::isfinite(l))
            throw Error(fmt::format("demo-model train: loss became {} at step {} (seed {})", l, step + 1, opt.seed));
        recent.push_back(l);
        if (recent.size() > 50) recent.pop_front();
        report.steps = step + 1;
        elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (job) {
            double mean = 0;
            for (double v : recent) mean += v;
            mean /= static_cast<double>(recent.size());
            job->report("train", report.steps, opt.steps,
                        fmt::format("steps, loss {:.4f}, {:.0f} tok/s, lr {:.2e}", mean,
                                    report.tokens / std::max(elapsed, 1e-9), lr));
        }
    }
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    for (double v : recent) report.finalLoss += v;
    if (!recent.empty()) report.finalLoss /= static_cast<double>(recent.size());

    if (job) job->checkCancelled();
    fs::path partial = opt.outDir;
    partial += ".partial";
    std::error_code ec;
    fs::remove_all(partial, ec);
    try {
        I.writeFolder(partial, report);
        if (job) job->checkCancelled();
        if (fs::exists(opt.outDir)) {
            if (!opt.force)
                throw Error(fmt::format("{} appeared during training; not replacing it (pass --force)",
                                        opt.outDir.string()));
            fs::remove_all(opt.outDir);
        }
        fs::rename(partial, opt.outDir);
    } catch (...) {
        fs::remove_all(partial, ec);
        throw;
    }
    return report;
}

}  // namespace srs::core
