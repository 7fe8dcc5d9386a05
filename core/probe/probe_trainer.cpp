// The only TU of core/probe that includes <torch/torch.h>.
#include "core/probe/probe_trainer.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <thread>

#include "core/cache/activation_cache_reader.h"
#include "core/cache/half_float.h"
#include "core/error.h"
#include "core/probe/probe_losses.h"

namespace srs::core {

int setProbeThreads(int n) {
    if (n <= 0) {
        const char* env = std::getenv("OMP_NUM_THREADS");
        if (env && std::atoi(env) > 0) n = std::atoi(env);
        else n = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    }
    torch::set_num_threads(n);
    return n;
}

namespace {

/// Stacked parameters of one group: probe l of the group is slice l.
struct Group {
    std::int64_t k = 0;
    bool allDims = true;
    torch::Tensor index;               // [L, k] int64 columns (when !allDims)
    torch::Tensor w1, b1, w2, b2;      // [L,k,H] [L,1,H] [L,H,1] [L,1,1]; linear: [L,k,1] [L,1,1]
    std::vector<torch::Tensor> params, expAvg, expAvgSq;  // fused AdamW state (see adamwStep)
    std::int64_t step = 0;
    torch::Tensor epochLoss;           // [L] sum of per-step losses this epoch
};

torch::Tensor uniformInit(const std::vector<std::int64_t>& shape, double bound, at::Generator& gen) {
    return torch::rand(shape, gen, torch::kFloat).mul_(2.0 * bound).sub_(bound);
}

/// [L, N] logits of every probe of the group on x [L, N, k]. bf16: the first-layer matmul
/// runs in bfloat16 (autograd casts the gradient back to the float32 master weights).
torch::Tensor logits(const Group& g, const torch::Tensor& x, bool linear, bool bf16) {
    torch::Tensor first = bf16 ? torch::baddbmm(g.b1.to(torch::kBFloat16), x.to(torch::kBFloat16),
                                                g.w1.to(torch::kBFloat16))
                                     .to(torch::kFloat)
                               : torch::baddbmm(g.b1, x, g.w1);
    if (linear) return first.squeeze(-1);
    return torch::baddbmm(g.b2, torch::relu(first), g.w2).squeeze(-1);
}

torch::Tensor selectDims(const Group& g, const torch::Tensor& x) {
    if (g.allDims) return x;
    return x.gather(2, g.index.unsqueeze(1).expand({x.size(0), x.size(1), g.k}));
}

std::vector<float> toVector(const torch::Tensor& t) {
    auto c = t.detach().contiguous();
    return std::vector<float>(c.data_ptr<float>(), c.data_ptr<float>() + c.numel());
}

/// Reads the given row ranges of every layer into one [L, N, d] float tensor.
class RowGatherer {
public:
    RowGatherer(const ActivationCacheReader& reader, std::string hook, std::vector<int> layers)
        : m_reader(reader), m_hook(std::move(hook)), m_layers(std::move(layers)),
          m_d(reader.metadata().schema.dModel), m_dtype(reader.metadata().schema.dtype) {}

    /// ranges: (first row, row count), concatenated in order.
    torch::Tensor read(const std::vector<std::pair<std::int64_t, std::int64_t>>& ranges, std::int64_t n) {
        const auto l = static_cast<std::int64_t>(m_layers.size());
        torch::Tensor x = torch::empty({l, n, m_d}, torch::kFloat);
        float* base = x.data_ptr<float>();
        for (std::int64_t li = 0; li < l; ++li) {
            float* out = base + li * n * m_d;
            for (const auto& [start, count] : ranges) {
                const std::size_t elems = static_cast<std::size_t>(count * m_d);
                if (m_dtype == StoreDtype::Float32) {
                    m_reader.readRawRows(m_hook, m_layers[li], start, count, out);
                } else {
                    m_raw.resize(elems);
                    m_reader.readRawRows(m_hook, m_layers[li], start, count, m_raw.data());
                    if (m_dtype == StoreDtype::Float16) halfsToFloat(m_raw.data(), out, elems);
                    else bfloat16sToFloat(m_raw.data(), out, elems);
                }
                out += elems;
            }
        }
        return x;
    }

private:
    const ActivationCacheReader& m_reader;
    std::string m_hook;
    std::vector<int> m_layers;
    std::int64_t m_d;
    StoreDtype m_dtype;
    std::vector<std::uint16_t> m_raw;
};

void checkLayers(const ActivationCacheReader& reader, const std::vector<int>& layers, const std::string& hook) {
    const auto& s = reader.metadata().schema;
    if (layers.empty()) throw InvalidArgument("no layers given (expected at least one, e.g. --layers all)");
    if (std::find(s.hooks.begin(), s.hooks.end(), hook) == s.hooks.end())
        throw InvalidArgument(fmt::format("{}: hook '{}' is not in the cache (hooks: {})", reader.path(), hook,
                                          fmt::join(s.hooks, ", ")));
    for (int layer : layers)
        if (std::find(s.layers.begin(), s.layers.end(), layer) == s.layers.end())
            throw InvalidArgument(fmt::format("{}: layer {} is not in the cache (layers: {})", reader.path(), layer,
                                              fmt::join(s.layers, ", ")));
}

Group makeGroup(const ProbeGroupSpec& spec, const std::vector<int>& layers, std::int64_t d,
                const ProbeTrainOptions& o, const std::string& path) {
    const auto numLayers = static_cast<std::int64_t>(layers.size());
    Group g;
    g.allDims = spec.dims.empty();
    g.k = d;
    if (!g.allDims) {
        if (static_cast<std::int64_t>(spec.dims.size()) != numLayers)
            throw InvalidArgument(fmt::format("probe group: {} dimension lists for {} layers", spec.dims.size(), numLayers));
        g.k = static_cast<std::int64_t>(spec.dims[0].size());
        g.index = torch::empty({numLayers, g.k}, torch::kLong);
        for (std::int64_t l = 0; l < numLayers; ++l) {
            const auto& dims = spec.dims[static_cast<std::size_t>(l)];
            if (static_cast<std::int64_t>(dims.size()) != g.k || g.k == 0)
                throw InvalidArgument(fmt::format("probe group: layer #{} keeps {} dims, expected {} (> 0)", l,
                                                  dims.size(), g.k));
            for (std::int64_t j = 0; j < g.k; ++j) {
                const std::int64_t c = dims[static_cast<std::size_t>(j)];
                if (c < 0 || c >= d)
                    throw InvalidArgument(fmt::format("{}: dimension {} out of range [0, {})", path, c, d));
                g.index[l][j] = c;
            }
        }
    }
    const bool linear = o.method == ProbeMethod::Linear;
    // PyTorch nn.Linear's default: U(-1/sqrt(fan_in), 1/sqrt(fan_in)) for weight and bias.
    // Each layer's slice has its own generator seeded from (seed, group offset, layer), so a
    // layer's probe does not depend on which other layers are trained with it.
    const double bound1 = 1.0 / std::sqrt(static_cast<double>(g.k));
    const double bound2 = linear ? 0.0 : 1.0 / std::sqrt(static_cast<double>(o.hidden));
    const std::int64_t h = linear ? 1 : o.hidden;
    std::vector<torch::Tensor> w1, b1, w2, b2;
    for (std::int64_t l = 0; l < numLayers; ++l) {
        std::uint64_t mix = o.seed * 0x9E3779B97F4A7C15ULL + spec.seedOffset * 0xBF58476D1CE4E5B9ULL +
                            static_cast<std::uint64_t>(layers[static_cast<std::size_t>(l)]) * 0x94D049BB133111EBULL;
        at::Generator gen = at::detail::createCPUGenerator(mix);
        w1.push_back(uniformInit({g.k, h}, bound1, gen));
        b1.push_back(uniformInit({1, h}, bound1, gen));
        if (!linear) {
            w2.push_back(uniformInit({h, 1}, bound2, gen));
            b2.push_back(uniformInit({1, 1}, bound2, gen));
        }
    }
    auto stack = [](const std::vector<torch::Tensor>& v) { return torch::stack(v).detach().set_requires_grad(true); };
    g.w1 = stack(w1);
    g.b1 = stack(b1);
    if (!linear) {
        g.w2 = stack(w2);
        g.b2 = stack(b2);
    }
    g.params = {g.w1, g.b1};
    if (!linear) g.params.insert(g.params.end(), {g.w2, g.b2});
    for (const auto& p : g.params) {
        g.expAvg.push_back(torch::zeros_like(p));
        g.expAvgSq.push_back(torch::zeros_like(p));
    }
    return g;
}

}  // namespace

std::vector<std::vector<LayerProbe>> trainProbeGroups(const ActivationCacheReader& reader,
                                                      const std::vector<int>& layers,
                                                      const std::vector<ProbeGroupSpec>& groupSpecs,
                                                      const QuestionSplit& split,
                                                      const ProbeTrainOptions& o, const JobContext& job) {
    o.validate();
    checkLayers(reader, layers, o.hook);
    const auto& md = reader.metadata();
    const std::int64_t d = md.schema.dModel;
    const auto numLayers = static_cast<std::int64_t>(layers.size());
    if (split.trainRollouts.empty() || split.testRollouts.empty())
        throw Error(fmt::format("{}: empty split ({} train / {} test rollouts; expected both > 0)", reader.path(),
                                split.trainRollouts.size(), split.testRollouts.size()));
    for (auto r : split.trainRollouts)
        if (r < 0 || r >= md.numRollouts)
            throw InvalidArgument(fmt::format("{}: rollout {} out of range ({} rollouts)", reader.path(), r, md.numRollouts));
    for (auto r : split.testRollouts)
        if (r < 0 || r >= md.numRollouts)
            throw InvalidArgument(fmt::format("{}: rollout {} out of range ({} rollouts)", reader.path(), r, md.numRollouts));
    const bool linear = o.method == ProbeMethod::Linear;
    const bool bf16 = o.computeDtype == "bfloat16";
    std::vector<Group> groups;
    for (const auto& spec : groupSpecs) groups.push_back(makeGroup(spec, layers, d, o, reader.path()));

    RowGatherer gatherer(reader, o.hook, layers);
    const auto& train = split.trainRollouts;
    const auto batch = static_cast<std::size_t>(o.batchTrajectories);
    const std::int64_t stepsPerEpoch = static_cast<std::int64_t>((train.size() + batch - 1) / batch);
    const std::int64_t totalSteps = stepsPerEpoch * o.epochs;
    std::vector<std::vector<std::vector<float>>> epochLosses(groups.size(),
                                                             std::vector<std::vector<float>>(layers.size()));
    std::int64_t step = 0;
    for (int epoch = 0; epoch < o.epochs; ++epoch) {
        for (auto& g : groups) g.epochLoss = torch::zeros({numLayers});
        const std::string phase = fmt::format("train {} epoch {}/{}", probeMethodName(o.method), epoch + 1, o.epochs);
        for (std::size_t first = 0; first < train.size(); first += batch) {
            job.checkCancelled();
            const std::size_t last = std::min(train.size(), first + batch);
            // Row ranges of the batch's rollouts (contiguous rollouts merged into one read).
            std::vector<std::pair<std::int64_t, std::int64_t>> ranges;
            std::vector<float> reward;
            std::vector<std::int64_t> next;
            std::vector<std::uint8_t> isLast;
            std::int64_t n = 0;
            for (std::size_t i = first; i < last; ++i) {
                const std::int64_t r = train[i];
                const std::int64_t a = md.offsets[r], b = md.offsets[r + 1];
                if (!ranges.empty() && ranges.back().first + ranges.back().second == a) ranges.back().second += b - a;
                else ranges.emplace_back(a, b - a);
                for (std::int64_t t = 0; t < b - a; ++t) {
                    reward.push_back(md.rewards[r]);
                    const bool lastRow = t == b - a - 1;
                    next.push_back(lastRow ? n + t : n + t + 1);
                    isLast.push_back(lastRow ? 1 : 0);
                }
                n += b - a;
            }
            torch::Tensor x = gatherer.read(ranges, n);
            torch::Tensor rew = torch::from_blob(reward.data(), {n}, torch::kFloat).clone();
            for (auto& g : groups) {
                torch::Tensor z = logits(g, selectDims(g, x), linear, bf16);  // [L, N]
                torch::Tensor loss;                                      // [L]
                if (o.method == ProbeMethod::Td) {
                    loss = tdLoss(torch::sigmoid(z), rew, torch::from_blob(next.data(), {n}, torch::kLong),
                                  torch::from_blob(isLast.data(), {n}, torch::kUInt8).to(torch::kBool), o.gamma);
                } else {
                    loss = mcLoss(z, rew);
                }
                loss.sum().backward();
                ++g.step;
                for (std::size_t i = 0; i < g.params.size(); ++i)
                    adamwStep(g.params[i], g.expAvg[i], g.expAvgSq[i], g.step, o.lr, o.weightDecay);
                g.epochLoss += loss.detach();
            }
            ++step;
            job.report(phase, step, totalSteps, "batches");
        }
        for (std::size_t gi = 0; gi < groups.size(); ++gi) {
            auto mean = toVector(groups[gi].epochLoss / static_cast<double>(stepsPerEpoch));
            for (std::size_t l = 0; l < layers.size(); ++l) epochLosses[gi][l].push_back(mean[l]);
            if (o.onEpoch) o.onEpoch(gi, epoch, mean);
        }
    }

    // Score the held-out rollouts: V(s_0) and V(s_T) (last stored row), chunked.
    torch::NoGradGuard noGrad;
    const auto& test = split.testRollouts;
    std::vector<std::vector<std::vector<float>>> vs0(groups.size(), std::vector<std::vector<float>>(layers.size())),
        vFinal = vs0;
    constexpr std::size_t kEvalChunk = 128;
    for (std::size_t first = 0; first < test.size(); first += kEvalChunk) {
        job.checkCancelled();
        const std::size_t last = std::min(test.size(), first + kEvalChunk);
        std::vector<std::pair<std::int64_t, std::int64_t>> ranges;
        for (std::size_t i = first; i < last; ++i) {
            ranges.emplace_back(md.offsets[test[i]], 1);
            ranges.emplace_back(md.offsets[test[i] + 1] - 1, 1);
        }
        const auto n = static_cast<std::int64_t>(ranges.size());
        torch::Tensor x = gatherer.read(ranges, n);
        for (std::size_t gi = 0; gi < groups.size(); ++gi) {
            torch::Tensor v = torch::sigmoid(logits(groups[gi], selectDims(groups[gi], x), linear, bf16)).contiguous();
            for (std::int64_t l = 0; l < numLayers; ++l) {
                const float* p = v[l].data_ptr<float>();
                for (std::int64_t i = 0; i < n; i += 2) {
                    vs0[gi][static_cast<std::size_t>(l)].push_back(p[i]);
                    vFinal[gi][static_cast<std::size_t>(l)].push_back(p[i + 1]);
                }
            }
        }
        job.report("score held-out rollouts", static_cast<std::int64_t>(last), static_cast<std::int64_t>(test.size()),
                   "rollouts");
    }

    std::vector<std::vector<LayerProbe>> out(groups.size());
    for (std::size_t gi = 0; gi < groups.size(); ++gi) {
        const Group& g = groups[gi];
        for (std::int64_t l = 0; l < numLayers; ++l) {
            LayerProbe p;
            p.layer = layers[static_cast<std::size_t>(l)];
            auto& w = p.weights;
            w.hidden = linear ? 0 : o.hidden;
            if (g.allDims) {
                w.dims.resize(static_cast<std::size_t>(d));
                for (std::int64_t c = 0; c < d; ++c) w.dims[static_cast<std::size_t>(c)] = c;
            } else {
                w.dims = groupSpecs[gi].dims[static_cast<std::size_t>(l)];
            }
            w.w1 = toVector(g.w1[l]);
            w.b1 = toVector(g.b1[l]);
            if (!linear) {
                w.w2 = toVector(g.w2[l]);
                w.b2 = toVector(g.b2[l]);
            }
            p.testVs0 = std::move(vs0[gi][static_cast<std::size_t>(l)]);
            p.testVFinal = std::move(vFinal[gi][static_cast<std::size_t>(l)]);
            p.finalLoss = epochLosses[gi][static_cast<std::size_t>(l)];
            out[gi].push_back(std::move(p));
        }
    }
    return out;
}

std::vector<float> probeForward(const ProbeWeights& w, const std::vector<float>& rows, std::int64_t n) {
    torch::NoGradGuard noGrad;
    const std::int64_t k = w.inputDims();
    if (static_cast<std::int64_t>(rows.size()) != n * k)
        throw InvalidArgument(fmt::format("probeForward: {} values for {} rows of {} dims", rows.size(), n, k));
    auto t = [](const std::vector<float>& v, std::vector<std::int64_t> shape) {
        return torch::from_blob(const_cast<float*>(v.data()), shape, torch::kFloat);
    };
    torch::Tensor x = t(rows, {n, k});
    torch::Tensor z;
    if (w.hidden == 0) {
        z = torch::addmm(t(w.b1, {1}), x, t(w.w1, {k, 1}));
    } else {
        torch::Tensor h = torch::relu(torch::addmm(t(w.b1, {w.hidden}), x, t(w.w1, {k, w.hidden})));
        z = torch::addmm(t(w.b2, {1}), h, t(w.w2, {w.hidden, 1}));
    }
    return toVector(torch::sigmoid(z).reshape({n}));
}

}  // namespace srs::core
