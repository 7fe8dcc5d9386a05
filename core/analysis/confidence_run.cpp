// Model-based half of the confidence analysis: teacher-forced response probabilities, the
// verbalized prompt (through core::generate), and the orchestration of runConfidence.
#include <ATen/ATen.h>
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <optional>
#include <set>

#include "core/analysis/confidence.h"
#include "core/cache/activation_cache_reader.h"
#include "core/error.h"
#include "core/model/checkpoint.h"
#include "core/model/generation.h"
#include "core/model/model_config.h"
#include "core/model/transformer.h"
#include "core/pipeline/capture_plan.h"
#include "core/pipeline/rollout_record.h"
#include "core/probe/probe_file.h"
#include "core/probe/probe_trainer.h"
#include "core/tokenizer/prompt_template.h"
#include "core/tokenizer/tokenizer.h"

namespace srs::core {
namespace {

double meanFinite(const std::vector<double>& values) {
    double sum = 0.0;
    std::size_t n = 0;
    for (double v : values)
        if (std::isfinite(v)) {
            sum += v;
            ++n;
        }
    return n ? sum / static_cast<double>(n) : std::numeric_limits<double>::quiet_NaN();
}

}  // namespace

std::vector<double> meanResponseTokenProbability(Transformer& model, const std::vector<std::vector<int>>& tokens,
                                                 const std::vector<int>& promptLens, int batchSize,
                                                 const JobContext& job) {
    if (tokens.size() != promptLens.size())
        throw InvalidArgument(fmt::format("token probability: {} sequences but {} prompt lengths", tokens.size(),
                                          promptLens.size()));
    if (batchSize < 1) throw InvalidArgument(fmt::format("token probability: batch size {} < 1", batchSize));
    for (std::size_t i = 0; i < tokens.size(); ++i)
        if (promptLens[i] < 1 || promptLens[i] > static_cast<int>(tokens[i].size()))
            throw InvalidArgument(fmt::format("token probability: sequence {} has prompt length {} outside 1..{}", i,
                                              promptLens[i], tokens[i].size()));
    const auto n = static_cast<std::int64_t>(tokens.size());
    std::vector<double> out(tokens.size(), std::numeric_limits<double>::quiet_NaN());
    for (std::int64_t first = 0; first < n; first += batchSize) {
        job.checkCancelled();
        const std::int64_t last = std::min<std::int64_t>(n, first + batchSize);
        std::int64_t maxLen = 0;
        bool anyResponse = false;
        for (std::int64_t i = first; i < last; ++i) {
            maxLen = std::max<std::int64_t>(maxLen, static_cast<std::int64_t>(tokens[i].size()));
            anyResponse |= static_cast<int>(tokens[i].size()) > promptLens[i];
        }
        if (anyResponse) {
            // Right padding (as in capture): with causal attention pads never reach real tokens.
            auto ids = at::zeros({last - first, maxLen}, at::kLong);
            auto acc = ids.accessor<std::int64_t, 2>();
            for (std::int64_t b = 0; b < last - first; ++b)
                for (std::size_t k = 0; k < tokens[first + b].size(); ++k)
                    acc[b][static_cast<std::int64_t>(k)] = tokens[first + b][k];
            const ForwardOutput fwd = model.forward(ids);
            for (std::int64_t b = 0; b < last - first; ++b) {
                const auto& seq = tokens[first + b];
                const std::int64_t p = promptLens[first + b], t = static_cast<std::int64_t>(seq.size());
                if (t == p) continue;
                // logits at t-1 predict token t: rows p-1 .. t-2 predict the response tokens p .. t-1.
                const at::Tensor logProbs = at::log_softmax(fwd.logits[b].slice(0, p - 1, t - 1), -1);
                std::vector<std::int64_t> target(seq.begin() + p, seq.end());
                const at::Tensor picked =
                    logProbs.gather(1, at::tensor(target, at::kLong).unsqueeze(1)).squeeze(1).to(at::kDouble);
                out[static_cast<std::size_t>(first + b)] = picked.exp().mean().item<double>();
            }
        }
        job.report("token-prob", last, n, "rollouts");
    }
    return out;
}

ConfidenceResult runConfidence(const ConfidenceOptions& o, const JobContext& job) {
    const auto t0 = std::chrono::steady_clock::now();
    o.validate();
    ConfidenceResult res;
    res.options = o;

    // --- probes: the layer's probe and the held-out split
    const ProbeTrainResult probes = readProbeFile(o.probesPath.string());
    const LayerProbe* probe = nullptr;
    std::string have;
    for (const auto& p : probes.layers) {
        if (p.layer == o.layer) probe = &p;
        have += (have.empty() ? "" : ", ") + std::to_string(p.layer);
    }
    if (!probe)
        throw InvalidArgument(fmt::format("{}: no probe for layer {} (layers: {})", o.probesPath.string(), o.layer, have));
    res.hook = probes.options.hook;
    res.probeMethod = probeMethodName(probes.options.method);
    res.splitSeed = probes.options.seed;
    res.testFraction = probes.options.testFraction;
    res.trainQuestions = probes.split.trainQuestions;

    // --- cache and model, cross-checked
    res.cachePath = o.cachePath.empty() ? probes.cachePath : o.cachePath.string();
    ActivationCacheReader cache(res.cachePath);
    const CacheMetadata& meta = cache.metadata();
    CaptureOptions co;
    co.modelDir = o.modelDir;
    co.tokenizerPath = o.tokenizerPath;
    co.rolloutsPath = o.rolloutsPath;
    co.runtime = o.runtime;
    // Reads the rollouts, checks their fingerprints against the model, recovers token ids.
    const CapturePlan plan = planCapture(co);
    res.modelFingerprint = plan.checkpoint->fingerprint();
    if (!meta.schema.modelFingerprint.empty() && meta.schema.modelFingerprint != res.modelFingerprint)
        throw Error(fmt::format("cache {} was captured from model {} but '{}' is model {} (use the model of the cache)",
                                res.cachePath, meta.schema.modelFingerprint, o.modelDir.string(), res.modelFingerprint));
    if (!probes.modelFingerprint.empty() && probes.modelFingerprint != res.modelFingerprint)
        throw Error(fmt::format("probes {} were trained on activations of model {} but '{}' is model {}",
                                o.probesPath.string(), probes.modelFingerprint, o.modelDir.string(),
                                res.modelFingerprint));

    // --- rollouts file <-> cache, record by record (capture keeps file order)
    const std::vector<RolloutLine> lines = readRolloutFile(o.rolloutsPath);
    if (static_cast<std::int64_t>(plan.items.size()) != meta.numRollouts)
        throw FormatError(fmt::format("{}: {} rollouts but cache {} holds {} (pass the rollouts the cache was captured from)",
                                      o.rolloutsPath.string(), plan.items.size(), res.cachePath, meta.numRollouts));
    for (std::size_t k = 0; k < plan.items.size(); ++k) {
        const CaptureItem& it = plan.items[k];
        if (it.questionId != meta.questionIds[k] || it.sampleIndex != meta.sampleIndex[k] ||
            it.promptLen != meta.promptLen[k] || it.responseLen != meta.responseLen[k] || it.reward != meta.rewards[k])
            throw FormatError(fmt::format(
                "{}:{}: rollout ({}, sample {}, {}+{} tokens, reward {}) does not match cache {} rollout {} ({}, sample "
                "{}, {}+{} tokens, reward {})",
                o.rolloutsPath.string(), it.line, it.questionId, it.sampleIndex, it.promptLen, it.responseLen, it.reward,
                res.cachePath, k, meta.questionIds[k], meta.sampleIndex[k], meta.promptLen[k], meta.responseLen[k],
                meta.rewards[k]));
    }
    std::set<std::string> templates;
    for (const auto& l : lines) templates.insert(l.templateName);
    res.rolloutTemplate = templates.size() == 1 ? *templates.begin() : "mixed";

    // --- held-out questions of the split, checked against the cache
    const std::set<std::string> cacheQuestions(meta.questionIds.begin(), meta.questionIds.end());
    for (const auto& qid : probes.split.testQuestions)
        if (!cacheQuestions.count(qid))
            throw Error(fmt::format("{}: held-out question '{}' of the probes' split is not in cache {} (the probes "
                                    "were trained on another cache)",
                                    o.probesPath.string(), qid, res.cachePath));
    const std::set<std::string> testSet(probes.split.testQuestions.begin(), probes.split.testQuestions.end());
    const auto& testRollouts = probes.split.testRollouts;
    if (probe->testVs0.size() != testRollouts.size())
        throw FormatError(fmt::format("{}: layer {} has {} test_v_s0 values for {} test rollouts", o.probesPath.string(),
                                      o.layer, probe->testVs0.size(), testRollouts.size()));
    std::map<std::string, std::size_t> qIndex;
    for (const auto& qid : probes.split.testQuestions) {
        qIndex.emplace(qid, res.questions.size());
        res.questions.push_back(ConfidenceQuestion{});
        res.questions.back().questionId = qid;
    }
    for (std::int64_t r : testRollouts) {
        if (r < 0 || r >= meta.numRollouts || !testSet.count(meta.questionIds[static_cast<std::size_t>(r)]))
            throw Error(fmt::format("{}: test rollout {} is not a held-out question's rollout in cache {}",
                                    o.probesPath.string(), r, res.cachePath));
        auto& q = res.questions[qIndex.at(meta.questionIds[static_cast<std::size_t>(r)])];
        q.rollouts.push_back(r);
        q.rewards.push_back(meta.rewards[static_cast<std::size_t>(r)]);
    }
    for (auto& q : res.questions) {
        if (q.rollouts.empty())
            throw Error(fmt::format("{}: held-out question '{}' has no test rollouts", o.probesPath.string(), q.questionId));
        double sum = 0.0;
        for (float r : q.rewards) sum += r;
        q.meanReward = sum / static_cast<double>(q.rewards.size());
        q.lengthTokens = meta.promptLen[static_cast<std::size_t>(q.rollouts.front())];
    }

    // --- verbal prompts first: a template the model cannot read fails before any compute
    std::optional<Tokenizer> tokenizer;
    std::vector<std::vector<int>> prompts;
    if (!o.skipVerbal) {
        res.verbalTemplateText = resolveVerbalTemplate(o.verbalTemplate, res.rolloutTemplate);
        const auto tokPath = o.tokenizerPath.empty() ? o.modelDir / "tokenizer.json" : o.tokenizerPath;
        if (!std::filesystem::exists(tokPath))
            throw Error(fmt::format("the verbalized signal needs a tokenizer and '{}' does not exist (pass --tokenizer, "
                                    "or --skip-verbal)",
                                    tokPath.string()));
        tokenizer = Tokenizer::fromFile(tokPath);
        const int vocab = plan.checkpoint->config().vocabSize;
        for (auto& q : res.questions) {
            const RolloutLine& line = lines[static_cast<std::size_t>(q.rollouts.front())];
            const ExtractedQuestion ex = questionFromPrompt(line.prompt, line.templateName);
            q.questionFromTemplate = ex.fromTemplate;
            res.questionsFromTemplate += ex.fromTemplate ? 1 : 0;
            prompts.push_back(tokenizer->encode(applyPromptTemplate(res.verbalTemplateText, ex.text)));
            for (int id : prompts.back())
                if (id < 0 || id >= vocab)
                    throw InvalidArgument(fmt::format("verbalized prompt of question '{}': token id {} is outside the "
                                                      "model's vocabulary (size {}); choose another --verbal-template",
                                                      q.questionId, id, vocab));
        }
    }

    // --- (1) V(s_0): the stored probe on the cached s_0 rows
    {
        const RowMatrix s0 = cache.readS0(res.hook, o.layer);
        const auto& dims = probe->weights.dims;
        const std::int64_t k = probe->weights.inputDims();
        std::vector<float> rows(testRollouts.size() * static_cast<std::size_t>(k));
        for (std::size_t i = 0; i < testRollouts.size(); ++i)
            for (std::int64_t j = 0; j < k; ++j)
                rows[i * static_cast<std::size_t>(k) + static_cast<std::size_t>(j)] = s0.row(testRollouts[i])[dims[j]];
        const std::vector<float> v = probeForward(probe->weights, rows, static_cast<std::int64_t>(testRollouts.size()));
        std::map<std::int64_t, double> byRollout;
        for (std::size_t i = 0; i < v.size(); ++i) {
            byRollout[testRollouts[i]] = v[i];
            res.vS0MaxAbsDiffStored = std::max(res.vS0MaxAbsDiffStored, std::abs(double(v[i]) - probe->testVs0[i]));
        }
        for (auto& q : res.questions) {
            std::vector<double> vals;
            for (auto r : q.rollouts) vals.push_back(byRollout.at(r));
            q.valueS0 = meanFinite(vals);
        }
    }

    Transformer model(plan.checkpoint, o.runtime);
    // --- (3) mean next-token probability of the responses (teacher-forced)
    {
        std::vector<std::vector<int>> toks;
        std::vector<int> plens;
        for (const auto& q : res.questions)
            for (auto r : q.rollouts) {
                toks.push_back(plan.items[static_cast<std::size_t>(r)].tokens);
                plens.push_back(plan.items[static_cast<std::size_t>(r)].promptLen);
            }
        const auto probs = meanResponseTokenProbability(model, toks, plens, o.batchSize, job);
        std::size_t at = 0;
        for (auto& q : res.questions) {
            std::vector<double> vals(probs.begin() + at, probs.begin() + at + q.rollouts.size());
            at += q.rollouts.size();
            q.tokenProb = meanFinite(vals);
        }
    }

    // --- (2) verbalized confidence: greedy, short, parsed; unparsable answers stay NaN
    if (!o.skipVerbal) {
        SamplingOptions so;
        so.greedy = true;
        so.seed = o.stats.seed;
        so.maxNewTokens = o.verbalMaxNewTokens;
        const auto n = static_cast<std::int64_t>(prompts.size());
        for (std::int64_t first = 0; first < n; first += o.batchSize) {
            job.checkCancelled();
            const std::int64_t last = std::min<std::int64_t>(n, first + o.batchSize);
            const std::vector<std::vector<int>> chunk(prompts.begin() + first, prompts.begin() + last);
            const auto gens = generate(model, chunk, so);
            for (std::int64_t i = first; i < last; ++i) {
                auto& q = res.questions[static_cast<std::size_t>(i)];
                q.verbalResponse = tokenizer->decode(gens[static_cast<std::size_t>(i - first)].ids, true);
                const VerbalParse p = parseVerbalConfidence(q.verbalResponse);
                q.verbalized = p.value;
                res.verbalParsed += p.parsed ? 1 : 0;
            }
            job.report("verbal", last, n, "questions");
        }
        res.verbalAttempted = prompts.size();
    }

    // --- statistics
    std::vector<std::string> ids;
    std::vector<std::vector<float>> rewards;
    SignalInput vs0{"value_s0", true, {}}, verbal{"verbalized", true, {}}, tp{"token_prob", true, {}},
        len{"question_length", false, {}};
    for (const auto& q : res.questions) {
        ids.push_back(q.questionId);
        rewards.push_back(q.rewards);
        vs0.values.push_back(q.valueS0);
        verbal.values.push_back(q.verbalized);
        tp.values.push_back(q.tokenProb);
        len.values.push_back(q.lengthTokens);
    }
    for (const SignalInput* s : {&vs0, &verbal, &tp, &len}) {
        res.signalStats.push_back(computeSignalStats(*s, ids, rewards, o.stats, &job));
        if (s == &verbal && o.skipVerbal) res.signalStats.back().note = "skipped (--skip-verbal)";
    }
    res.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return res;
}

}  // namespace srs::core
