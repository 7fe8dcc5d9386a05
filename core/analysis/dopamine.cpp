#include "core/analysis/dopamine.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <set>
#include <unordered_set>

#include "core/analysis/dopamine_mlp.h"
#include "core/cache/activation_cache_reader.h"
#include "core/error.h"
#include "core/probe/probe_trainer.h"
#include "core/probe/value_probes.h"
#include "core/stats/correlation.h"
#include "core/stats/prng.h"
#include "core/stats/ranks.h"
#include "core/tokenizer/tokenizer.h"
#include "core/version.h"

namespace srs::core {

namespace {

enum class Side : std::uint8_t { None, Train, Test };

/// Rows per streamed batch (whole rollouts; at least one).
constexpr std::int64_t kTargetBatchRows = 8192;

std::int64_t batchRollouts(const CacheMetadata& md) {
    if (md.numRollouts == 0) return 1;
    const std::int64_t avg = std::max<std::int64_t>(1, md.numRows / md.numRollouts);
    return std::max<std::int64_t>(1, kTargetBatchRows / avg);
}

/// Replaces every byte sequence that is not valid UTF-8 by U+FFFD (a token may cut a
/// multi-byte character; JSON and Qt need valid text).
std::string sanitizeUtf8(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const std::size_t n = s.size();
    std::size_t i = 0;
    while (i < n) {
        const unsigned char c = p[i];
        std::size_t len = 0;
        std::uint32_t cp = 0;
        if (c < 0x80) len = 1, cp = c;
        else if ((c & 0xE0) == 0xC0) len = 2, cp = c & 0x1F;
        else if ((c & 0xF0) == 0xE0) len = 3, cp = c & 0x0F;
        else if ((c & 0xF8) == 0xF0) len = 4, cp = c & 0x07;
        bool ok = len > 0 && i + len <= n;
        for (std::size_t k = 1; ok && k < len; ++k) {
            if ((p[i + k] & 0xC0) != 0x80) ok = false;
            else cp = (cp << 6) | (p[i + k] & 0x3F);
        }
        if (ok) {
            const std::uint32_t minCp[] = {0, 0, 0x80, 0x800, 0x10000};
            ok = cp >= minCp[len] && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF);
        }
        if (ok) {
            out.append(s, i, len);
            i += len;
        } else {
            out += "\xEF\xBF\xBD";
            ++i;
        }
    }
    return out;
}

DeltaSummary summarize(const std::vector<double>& d) {
    DeltaSummary s;
    s.tokens = static_cast<std::int64_t>(d.size());
    if (d.empty()) return s;
    double sum = 0, sumAbs = 0;
    std::int64_t above = 0;
    for (double x : d) {
        sum += x;
        sumAbs += std::fabs(x);
        if (std::fabs(x) > 0.3) ++above;
    }
    const double n = static_cast<double>(d.size());
    s.mean = sum / n;
    s.meanAbs = sumAbs / n;
    double ss = 0;
    for (double x : d) ss += (x - s.mean) * (x - s.mean);
    s.stddev = std::sqrt(ss / n);
    s.fracAbove03 = static_cast<double>(above) / n;
    return s;
}

double rankScore(const DopamineNeuron& n, DopamineRankBy by) {
    switch (by) {
        case DopamineRankBy::Positive: return n.rho;
        case DopamineRankBy::Negative: return -n.rho;
        case DopamineRankBy::Abs: break;
    }
    return std::fabs(n.rho);
}

DeltaRegression evaluateRegression(std::vector<std::int64_t> dims, const DeltaMlpFit& fit,
                                   const std::vector<float>& yTest) {
    DeltaRegression r;
    r.dims = std::move(dims);
    r.trainLoss = fit.trainLoss;
    const std::size_t n = yTest.size();
    double mean = 0;
    for (float y : yTest) mean += y;
    mean /= static_cast<double>(n);
    double sse = 0, sst = 0;
    std::vector<double> pred(n), truth(n);
    for (std::size_t i = 0; i < n; ++i) {
        pred[i] = fit.testPred[i];
        truth[i] = yTest[i];
        sse += (pred[i] - truth[i]) * (pred[i] - truth[i]);
        sst += (truth[i] - mean) * (truth[i] - mean);
    }
    r.mse = sse / static_cast<double>(n);
    r.r2 = sst > 0 ? 1.0 - sse / sst : std::numeric_limits<double>::quiet_NaN();
    const auto c = spearman(pred, truth);
    r.spearman = c.r;
    r.spearmanP = c.pValue;
    return r;
}

void requireInCache(const CacheSchema& s, int layer, const std::string& what, const std::string& path) {
    if (std::find(s.layers.begin(), s.layers.end(), layer) == s.layers.end())
        throw InvalidArgument(fmt::format("{}: {} {} is not in the cache (layers: {})", path, what, layer,
                                          fmt::join(s.layers, ", ")));
}

double seconds(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

std::string dopamineRankByName(DopamineRankBy by) {
    switch (by) {
        case DopamineRankBy::Positive: return "positive";
        case DopamineRankBy::Negative: return "negative";
        case DopamineRankBy::Abs: break;
    }
    return "abs";
}

DopamineRankBy parseDopamineRankBy(const std::string& name) {
    if (name == "abs") return DopamineRankBy::Abs;
    if (name == "positive") return DopamineRankBy::Positive;
    if (name == "negative") return DopamineRankBy::Negative;
    throw InvalidArgument(fmt::format("--rank-by '{}': expected abs, positive or negative", name));
}

void DopamineOptions::validate() const {
    if (layer < 0) throw InvalidArgument(fmt::format("--layer {} must be >= 0", layer));
    if (candidates < 1) throw InvalidArgument(fmt::format("--candidates {} must be >= 1", candidates));
    if (!std::isnan(gamma) && !(gamma > 0.0 && gamma <= 1.0))
        throw InvalidArgument(fmt::format("--gamma {} must be in (0, 1]", gamma));
    if (hidden < 1) throw InvalidArgument(fmt::format("--mlp-hidden {} must be >= 1", hidden));
    if (epochs < 1) throw InvalidArgument(fmt::format("--mlp-epochs {} must be >= 1", epochs));
    if (!(lr > 0.0)) throw InvalidArgument(fmt::format("--mlp-lr {} must be > 0", lr));
    if (!(weightDecay >= 0.0)) throw InvalidArgument(fmt::format("--mlp-weight-decay {} must be >= 0", weightDecay));
    if (batchRows < 1) throw InvalidArgument(fmt::format("--mlp-batch {} must be >= 1", batchRows));
    if (traceSplit != "test" && traceSplit != "train" && traceSplit != "all")
        throw InvalidArgument(fmt::format("--split '{}': expected test, train or all", traceSplit));
    if (traces < 0) throw InvalidArgument(fmt::format("--traces {} must be >= 0", traces));
    if (traceNeurons < 0) throw InvalidArgument(fmt::format("--trace-neurons {} must be >= 0", traceNeurons));
    if (rankMemoryBytes < 1) throw InvalidArgument("--rank-memory-mb must be >= 1");
}

std::vector<double> tdErrors(const std::vector<float>& v, double reward, double gamma) {
    if (v.empty()) throw InvalidArgument("tdErrors: empty trajectory (expected at least s_0)");
    std::vector<double> d(v.size());
    for (std::size_t t = 0; t + 1 < v.size(); ++t) d[t] = gamma * v[t + 1] - v[t];
    d.back() = reward - v.back();
    return d;
}

DopamineResult analyzeDopamine(const ActivationCacheReader& reader, const ProbeTrainResult& probes,
                               const std::string& probesPath, const DopamineOptions& optionsIn,
                               const Tokenizer* tokenizer, const JobContext& job) {
    optionsIn.validate();
    setProbeThreads(optionsIn.threads);
    const auto t0 = std::chrono::steady_clock::now();
    const auto& md = reader.metadata();
    const auto& schema = md.schema;
    const std::string& cachePath = reader.path();
    DopamineResult res;
    res.options = optionsIn;
    auto& o = res.options;
    if (o.neuronLayer < 0) o.neuronLayer = o.layer;
    res.cachePath = cachePath;
    res.probesPath = probesPath;
    res.hook = probes.options.hook;
    res.modelFingerprint = schema.modelFingerprint;
    res.probeMethod = probeMethodName(probes.options.method);
    res.dModel = schema.dModel;
    if (tokenizer) res.tokenizerPath = tokenizer->sourceName();

    // ---- Input checks: the probes file must belong to this cache.
    const LayerProbe* probe = nullptr;
    std::vector<int> probeLayers;
    for (const auto& p : probes.layers) {
        probeLayers.push_back(p.layer);
        if (p.layer == o.layer) probe = &p;
    }
    if (!probe)
        throw InvalidArgument(fmt::format("{}: no probe for layer {} (layers: {})", probesPath, o.layer,
                                          fmt::join(probeLayers, ", ")));
    if (std::find(schema.hooks.begin(), schema.hooks.end(), res.hook) == schema.hooks.end())
        throw InvalidArgument(fmt::format("{}: hook '{}' of the probes file {} is not in the cache (hooks: {})",
                                          cachePath, res.hook, probesPath, fmt::join(schema.hooks, ", ")));
    requireInCache(schema, o.layer, "layer", cachePath);
    requireInCache(schema, o.neuronLayer, "neuron layer", cachePath);
    if (probes.modelFingerprint != schema.modelFingerprint)
        throw Error(fmt::format("{}: probes were trained on model fingerprint '{}', but the cache {} holds model '{}'",
                                probesPath, probes.modelFingerprint, cachePath, schema.modelFingerprint));
    if (probes.dModel != schema.dModel)
        throw Error(fmt::format("{}: d_model {} differs from the cache {} (d_model {})", probesPath, probes.dModel,
                                cachePath, schema.dModel));
    const auto& split = probes.split;
    std::vector<Side> side(static_cast<std::size_t>(md.numRollouts), Side::None);
    auto mark = [&](const std::vector<std::int64_t>& list, Side s, const char* name) {
        for (auto r : list) {
            if (r < 0 || r >= md.numRollouts || side[static_cast<std::size_t>(r)] != Side::None)
                throw Error(fmt::format("{}: split/{}_rollouts holds rollout {} but the cache {} has {} rollouts "
                                        "(or it is listed twice): the probes were trained on another cache",
                                        probesPath, name, r, cachePath, md.numRollouts));
            side[static_cast<std::size_t>(r)] = s;
        }
    };
    mark(split.trainRollouts, Side::Train, "train");
    mark(split.testRollouts, Side::Test, "test");
    const std::int64_t covered = static_cast<std::int64_t>(split.trainRollouts.size() + split.testRollouts.size());
    if (covered != md.numRollouts)
        throw Error(fmt::format("{}: its split covers {} rollouts but the cache {} has {}: the probes were trained "
                                "on another cache",
                                probesPath, covered, cachePath, md.numRollouts));
    const std::set<std::string> testQ(split.testQuestions.begin(), split.testQuestions.end());
    for (std::int64_t r = 0; r < md.numRollouts; ++r) {
        const bool inTestQ = testQ.count(md.questionIds[static_cast<std::size_t>(r)]) > 0;
        if (inTestQ != (side[static_cast<std::size_t>(r)] == Side::Test))
            throw Error(fmt::format("{}: rollout {} (question '{}') is on the {} side of the probes' split but its "
                                    "question is {}listed in split/test_questions: the probes were trained on another "
                                    "cache",
                                    probesPath, r, md.questionIds[static_cast<std::size_t>(r)],
                                    inTestQ ? "train" : "test", inTestQ ? "" : "not "));
    }
    if (split.trainRollouts.empty())
        throw Error(fmt::format("{}: empty split: the train split holds no rollout (needed to rank dims and fit the "
                                "MLP)",
                                probesPath));
    if (split.testRollouts.empty())
        throw Error(fmt::format("{}: empty split: the test split holds no rollout (needed to evaluate the MLP)",
                                probesPath));
    if (probes.options.method != ProbeMethod::Td)
        res.notes.push_back(fmt::format("{}: probes were trained with method '{}', not 'td': delta_t is the TD error "
                                        "of that value estimate, not of a TD-trained critic",
                                        probesPath, res.probeMethod));
    if (std::isnan(o.gamma)) o.gamma = probes.options.gamma;
    if (!(o.gamma > 0.0 && o.gamma <= 1.0))
        throw Error(fmt::format("{}: gamma {} is outside (0, 1] (pass --gamma)", probesPath, o.gamma));
    const std::int64_t d = schema.dModel;
    if (o.candidates > d) {
        res.notes.push_back(fmt::format("--candidates {} > d_model {}: using all {} dims (the random baseline then "
                                        "uses the same set)",
                                        o.candidates, d, d));
        o.candidates = static_cast<int>(d);
    }
    if (tokenizer && !schema.tokenizerFingerprint.empty() && schema.tokenizerFingerprint != tokenizer->fingerprint())
        res.notes.push_back(fmt::format("tokenizer {} (fingerprint {}) differs from the cache's tokenizer fingerprint "
                                        "'{}': token text may be wrong",
                                        tokenizer->sourceName(), tokenizer->fingerprint(), schema.tokenizerFingerprint));
    res.trainRollouts = static_cast<std::int64_t>(split.trainRollouts.size());
    res.testRollouts = static_cast<std::int64_t>(split.testRollouts.size());
    res.probeAurocS0 = probe->eval.aurocS0;
    res.probeAurocFinal = probe->eval.aurocFinal;
    const std::int64_t batch = batchRollouts(md);
    const auto& w = probe->weights;
    const bool allDims = w.inputDims() == d;

    // ---- Pass 1 (probe layer): V(s_t) of every row, then delta_t per rollout.
    std::vector<float> value(static_cast<std::size_t>(md.numRows));
    std::vector<float> gathered;
    reader.streamLayer(
        res.hook, o.layer, batch,
        [&](const ActivationBatch& b) {
            const std::int64_t n = b.rows.rows;
            std::vector<float> v;
            if (allDims) {
                v = probeForward(w, b.rows.data, n);
            } else {
                gathered.resize(static_cast<std::size_t>(n * w.inputDims()));
                for (std::int64_t r = 0; r < n; ++r)
                    for (std::int64_t j = 0; j < w.inputDims(); ++j)
                        gathered[static_cast<std::size_t>(r * w.inputDims() + j)] = b.rows.row(r)[w.dims[j]];
                v = probeForward(w, gathered, n);
            }
            std::copy(v.begin(), v.end(), value.begin() + md.offsets[b.firstRollout]);
        },
        job);
    std::vector<double> delta(static_cast<std::size_t>(md.numRows));
    std::vector<double> trainDelta, testDelta;
    for (std::int64_t r = 0; r < md.numRollouts; ++r) {
        const auto a = md.offsets[r], e = md.offsets[r + 1];
        const std::vector<float> v(value.begin() + a, value.begin() + e);
        const auto dr = tdErrors(v, md.rewards[static_cast<std::size_t>(r)], o.gamma);
        std::copy(dr.begin(), dr.end(), delta.begin() + a);
        auto& dst = side[static_cast<std::size_t>(r)] == Side::Train ? trainDelta : testDelta;
        dst.insert(dst.end(), dr.begin(), dr.end());
    }
    res.trainDelta = summarize(trainDelta);
    res.testDelta = summarize(testDelta);
    const auto nTrain = static_cast<std::int64_t>(trainDelta.size());
    const auto nTest = static_cast<std::int64_t>(testDelta.size());

    // ---- Pass 2 (neuron layer, column blocks): Spearman of every dim with delta on train tokens.
    const std::vector<double> deltaRanks = midRanks(trainDelta);
    const std::int64_t blockCols = std::clamp<std::int64_t>(
        static_cast<std::int64_t>(o.rankMemoryBytes / (4ull * static_cast<std::uint64_t>(nTrain))), 1, d);
    res.ranking.resize(static_cast<std::size_t>(d));
    std::vector<float> cols;
    std::vector<double> col(static_cast<std::size_t>(nTrain));
    for (std::int64_t c0 = 0; c0 < d; c0 += blockCols) {
        const std::int64_t nc = std::min(blockCols, d - c0);
        cols.assign(static_cast<std::size_t>(nc * nTrain), 0.0f);
        std::int64_t pos = 0;
        reader.streamLayer(
            res.hook, o.neuronLayer, batch,
            [&](const ActivationBatch& b) {
                for (std::int64_t i = 0; i < b.rolloutCount; ++i) {
                    if (side[static_cast<std::size_t>(b.firstRollout + i)] != Side::Train) continue;
                    for (std::int64_t r = b.localOffsets[i]; r < b.localOffsets[i + 1]; ++r, ++pos) {
                        const float* row = b.rows.row(r) + c0;
                        for (std::int64_t j = 0; j < nc; ++j) cols[static_cast<std::size_t>(j * nTrain + pos)] = row[j];
                    }
                }
            },
            job);
        for (std::int64_t j = 0; j < nc; ++j) {
            auto& n = res.ranking[static_cast<std::size_t>(c0 + j)];
            n.dim = c0 + j;
            double mean = 0;
            for (std::int64_t i = 0; i < nTrain; ++i) {
                col[static_cast<std::size_t>(i)] = cols[static_cast<std::size_t>(j * nTrain + i)];
                mean += col[static_cast<std::size_t>(i)];
            }
            mean /= static_cast<double>(nTrain);
            double ss = 0;
            for (double x : col) ss += (x - mean) * (x - mean);
            n.mean = mean;
            n.stddev = std::sqrt(ss / static_cast<double>(nTrain));
            if (n.stddev == 0.0) continue;  // constant dim: rho undefined
            const auto c = pearson(midRanks(col), deltaRanks);
            n.defined = c.defined;
            n.rho = c.r;
            n.pValue = c.pValue;
            n.pBonferroni = std::isnan(c.pValue) ? c.pValue : std::min(1.0, c.pValue * static_cast<double>(d));
            job.checkCancelled();
        }
        ++res.rankPasses;
        job.report("rank dims", std::min(d, c0 + nc), d, "dims");
    }
    std::stable_sort(res.ranking.begin(), res.ranking.end(), [&](const DopamineNeuron& a, const DopamineNeuron& b) {
        if (a.defined != b.defined) return a.defined;
        if (!a.defined) return a.dim < b.dim;
        const double sa = rankScore(a, o.rankBy), sb = rankScore(b, o.rankBy);
        return sa != sb ? sa > sb : a.dim < b.dim;
    });
    std::vector<const DopamineNeuron*> byDim(static_cast<std::size_t>(d));
    for (const auto& n : res.ranking) byDim[static_cast<std::size_t>(n.dim)] = &n;
    auto zscore = [&](std::int64_t dim, float x) {
        const auto* n = byDim[static_cast<std::size_t>(dim)];
        return n->stddev > 0 ? static_cast<float>((x - n->mean) / n->stddev) : 0.0f;
    };

    // ---- Pass 3 (neuron layer): z-scored features of the candidate and random dims.
    const int k = o.candidates;
    std::vector<std::int64_t> candDims, randDims;
    for (int i = 0; i < k; ++i) candDims.push_back(res.ranking[static_cast<std::size_t>(i)].dim);
    {
        std::vector<std::int64_t> all(static_cast<std::size_t>(d));
        for (std::int64_t i = 0; i < d; ++i) all[static_cast<std::size_t>(i)] = i;
        Xoshiro256 rng(o.seed ^ 0xD0BA31E5ull);
        for (int i = 0; i < k; ++i)
            std::swap(all[static_cast<std::size_t>(i)],
                      all[static_cast<std::size_t>(i) + rng.uniformBelow(static_cast<std::uint64_t>(d - i))]);
        randDims.assign(all.begin(), all.begin() + k);
        std::sort(randDims.begin(), randDims.end());
    }
    std::vector<float> xTrainC, xTrainR, xTestC, xTestR, yTrain, yTest;
    xTrainC.reserve(static_cast<std::size_t>(nTrain * k));
    xTrainR.reserve(static_cast<std::size_t>(nTrain * k));
    xTestC.reserve(static_cast<std::size_t>(nTest * k));
    xTestR.reserve(static_cast<std::size_t>(nTest * k));
    reader.streamLayer(
        res.hook, o.neuronLayer, batch,
        [&](const ActivationBatch& b) {
            for (std::int64_t i = 0; i < b.rolloutCount; ++i) {
                const Side s = side[static_cast<std::size_t>(b.firstRollout + i)];
                auto& xc = s == Side::Train ? xTrainC : xTestC;
                auto& xr = s == Side::Train ? xTrainR : xTestR;
                auto& y = s == Side::Train ? yTrain : yTest;
                const std::int64_t base = md.offsets[b.firstRollout + i] - b.localOffsets[i];
                for (std::int64_t r = b.localOffsets[i]; r < b.localOffsets[i + 1]; ++r) {
                    const float* row = b.rows.row(r);
                    for (auto c : candDims) xc.push_back(zscore(c, row[c]));
                    for (auto c : randDims) xr.push_back(zscore(c, row[c]));
                    y.push_back(static_cast<float>(delta[static_cast<std::size_t>(base + r)]));
                }
            }
        },
        job);
    DeltaMlpOptions mo;
    mo.hidden = o.hidden;
    mo.epochs = o.epochs;
    mo.lr = o.lr;
    mo.weightDecay = o.weightDecay;
    mo.batchRows = o.batchRows;
    mo.seed = o.seed;
    mo.threads = o.threads;
    res.candidateMlp = evaluateRegression(candDims, fitDeltaMlp(xTrainC, yTrain, xTestC, k, mo, job, "MLP (candidates)"), yTest);
    res.randomMlp = evaluateRegression(randDims, fitDeltaMlp(xTrainR, yTrain, xTestR, k, mo, job, "MLP (random dims)"), yTest);

    // ---- Traces.
    std::vector<std::int64_t> chosen;
    if (!o.traceRollouts.empty() || !o.traceQuestions.empty()) {
        for (auto r : o.traceRollouts) {
            if (r < 0 || r >= md.numRollouts)
                throw InvalidArgument(fmt::format("--trace-rollouts: rollout {} is out of range (the cache {} has {})",
                                                  r, cachePath, md.numRollouts));
            chosen.push_back(r);
        }
        for (const auto& q : o.traceQuestions) {
            bool found = false;
            for (std::int64_t r = 0; r < md.numRollouts; ++r)
                if (md.questionIds[static_cast<std::size_t>(r)] == q) chosen.push_back(r), found = true;
            if (!found)
                throw InvalidArgument(fmt::format("--trace-questions: question '{}' is not in the cache {}", q, cachePath));
        }
        std::vector<std::int64_t> unique;
        for (auto r : chosen)
            if (std::find(unique.begin(), unique.end(), r) == unique.end()) unique.push_back(r);
        chosen = std::move(unique);
    } else if (o.traces > 0) {
        // Deterministic: the split's rollouts in ascending order, alternating rewarded and
        // unrewarded ones (rewarded first) so both outcomes are shown when both exist.
        std::vector<std::int64_t> good, bad;
        for (std::int64_t r = 0; r < md.numRollouts; ++r) {
            const Side s = side[static_cast<std::size_t>(r)];
            if (o.traceSplit == "test" && s != Side::Test) continue;
            if (o.traceSplit == "train" && s != Side::Train) continue;
            (md.rewards[static_cast<std::size_t>(r)] > 0.5f ? good : bad).push_back(r);
        }
        std::size_t gi = 0, bi = 0;
        while (static_cast<int>(chosen.size()) < o.traces && (gi < good.size() || bi < bad.size())) {
            if (gi < good.size()) chosen.push_back(good[gi++]);
            if (static_cast<int>(chosen.size()) < o.traces && bi < bad.size()) chosen.push_back(bad[bi++]);
        }
    }
    const int m = std::min<int>(o.traceNeurons, static_cast<int>(d));
    std::vector<std::int64_t> traceDims;
    for (int i = 0; i < m; ++i) traceDims.push_back(res.ranking[static_cast<std::size_t>(i)].dim);
    bool warnedVocab = false;
    for (std::size_t ti = 0; ti < chosen.size(); ++ti) {
        job.checkCancelled();
        const auto r = chosen[ti];
        DopamineTrace t;
        t.rollout = r;
        t.questionId = md.questionIds[static_cast<std::size_t>(r)];
        t.sampleIndex = md.sampleIndex[static_cast<std::size_t>(r)];
        t.reward = md.rewards[static_cast<std::size_t>(r)];
        t.split = side[static_cast<std::size_t>(r)] == Side::Train ? "train" : "test";
        const auto a = md.offsets[r], e = md.offsets[r + 1];
        t.value.assign(value.begin() + a, value.begin() + e);
        t.delta.assign(delta.begin() + a, delta.begin() + e);
        const auto ids = reader.readTokenIds(r);
        const auto pos = reader.readPositions(r);
        t.tokenIds.assign(ids.begin(), ids.end());
        t.positions.assign(pos.begin(), pos.end());
        for (int id : t.tokenIds) {
            std::string text;
            if (tokenizer && id >= 0) {
                if (tokenizer->hasId(id)) text = sanitizeUtf8(tokenizer->decodeToken(id));
                else if (!warnedVocab) {
                    warnedVocab = true;
                    res.notes.push_back(fmt::format("token id {} of rollout {} is outside the tokenizer {} "
                                                    "(vocabulary {}): its text is left empty",
                                                    id, r, tokenizer->sourceName(), tokenizer->vocabSize()));
                }
            }
            t.tokens.push_back(std::move(text));
        }
        t.neuronDims = traceDims;
        if (m > 0) {
            const auto rows = reader.readRollout(res.hook, o.neuronLayer, r);
            for (auto dim : traceDims) {
                std::vector<double> act(static_cast<std::size_t>(rows.rows));
                for (std::int64_t i = 0; i < rows.rows; ++i) act[static_cast<std::size_t>(i)] = zscore(dim, rows.row(i)[dim]);
                t.activations.push_back(std::move(act));
            }
        }
        res.traces.push_back(std::move(t));
        job.report("traces", static_cast<std::int64_t>(ti + 1), static_cast<std::int64_t>(chosen.size()), "rollouts");
    }
    res.seconds = seconds(t0);
    return res;
}

namespace {

nlohmann::json num(double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr); }

nlohmann::json regressionJson(const DeltaRegression& r) {
    return {{"dims", r.dims},     {"mse", num(r.mse)},           {"r2", num(r.r2)},
            {"spearman", num(r.spearman)}, {"spearman_p", num(r.spearmanP)}, {"train_loss", r.trainLoss}};
}

nlohmann::json summaryJson(const DeltaSummary& s) {
    return {{"tokens", s.tokens},         {"mean", num(s.mean)}, {"std", num(s.stddev)},
            {"mean_abs", num(s.meanAbs)}, {"frac_abs_above_0_3", num(s.fracAbove03)}};
}

}  // namespace

nlohmann::json dopamineJson(const DopamineResult& r) {
    const auto& o = r.options;
    nlohmann::json ranking = nlohmann::json::array();
    for (std::size_t i = 0; i < r.ranking.size(); ++i) {
        const auto& n = r.ranking[i];
        ranking.push_back({{"rank", i},
                           {"dim", n.dim},
                           {"rho", num(n.rho)},
                           {"p_value", num(n.pValue)},
                           {"p_bonferroni", num(n.pBonferroni)},
                           {"mean", n.mean},
                           {"std", n.stddev}});
    }
    nlohmann::json traces = nlohmann::json::array();
    for (const auto& t : r.traces) {
        nlohmann::json neurons = nlohmann::json::array();
        for (std::size_t i = 0; i < t.neuronDims.size(); ++i)
            neurons.push_back({{"dim", t.neuronDims[i]},
                               {"name", fmt::format("L{} #{}", o.neuronLayer, t.neuronDims[i])},
                               {"activation_z", t.activations[i]}});
        traces.push_back({{"rollout", t.rollout},
                          {"question_id", t.questionId},
                          {"sample_index", t.sampleIndex},
                          {"reward", t.reward},
                          {"split", t.split},
                          {"tokens", t.tokens},
                          {"token_ids", t.tokenIds},
                          {"positions", t.positions},
                          {"value", t.value},
                          {"delta", t.delta},
                          {"neurons", neurons}});
    }
    nlohmann::json gammaJson = o.gamma;
    return {{"format", "srs-dopamine"},
            {"format_version", kDopamineFormatVersion},
            {"software_version", versionString()},
            {"cache_path", r.cachePath},
            {"probes_path", r.probesPath},
            {"tokenizer_path", r.tokenizerPath},
            {"model_fingerprint", r.modelFingerprint},
            {"hook", r.hook},
            {"d_model", r.dModel},
            {"layer", o.layer},
            {"neuron_layer", o.neuronLayer},
            {"probe_method", r.probeMethod},
            {"gamma", gammaJson},
            {"options",
             {{"candidates", o.candidates},
              {"rank_by", dopamineRankByName(o.rankBy)},
              {"mlp_hidden", o.hidden},
              {"mlp_epochs", o.epochs},
              {"mlp_lr", o.lr},
              {"mlp_weight_decay", o.weightDecay},
              {"mlp_batch", o.batchRows},
              {"seed", o.seed},
              {"split", o.traceSplit},
              {"traces", o.traces},
              {"trace_neurons", o.traceNeurons},
              {"trace_rollouts", o.traceRollouts},
              {"trace_questions", o.traceQuestions},
              {"rank_memory_mb", o.rankMemoryBytes >> 20}}},
            {"split", {{"train_rollouts", r.trainRollouts}, {"test_rollouts", r.testRollouts}}},
            {"delta", {{"train", summaryJson(r.trainDelta)}, {"test", summaryJson(r.testDelta)}}},
            {"probe", {{"auroc_s0", bootstrapJson(r.probeAurocS0)}, {"auroc_final", bootstrapJson(r.probeAurocFinal)}}},
            {"rank_passes", r.rankPasses},
            {"ranking", ranking},
            {"mlp", {{"candidates", regressionJson(r.candidateMlp)}, {"random", regressionJson(r.randomMlp)}}},
            {"traces", traces},
            {"notes", r.notes},
            {"seconds", r.seconds}};
}

std::string dopamineRankingCsv(const DopamineResult& r) {
    auto f = [](double v) { return std::isfinite(v) ? fmt::format("{:.9g}", v) : std::string(); };
    std::string out = "rank,dim,rho,p_value,p_bonferroni,mean,std\n";
    for (std::size_t i = 0; i < r.ranking.size(); ++i) {
        const auto& n = r.ranking[i];
        out += fmt::format("{},{},{},{},{},{},{}\n", i, n.dim, f(n.rho), f(n.pValue), f(n.pBonferroni), f(n.mean),
                           f(n.stddev));
    }
    return out;
}

}  // namespace srs::core
