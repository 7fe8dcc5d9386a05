#pragma once
/// Dopamine neurons (METHOD.md, Pipeline 8): the token-level TD error of a stored value probe,
/// the residual-stream dimensions whose activation tracks it (Spearman, ties handled), a small
/// `K -> H -> 1` MLP predicting it from the top-K candidates against K random dims, and
/// per-token traces for display. Torch-free, Qt-free header; the result is plain CPU values
/// (see DopamineTrace for the mapping onto widgets/view_data.h DopamineTraceData).
///
/// Streaming: the cache is read layer by layer in batches of whole rollouts. Memory holds
///  - one float per cache row (V(s_t) of every token; delta_t of the rows in use),
///  - for the ranking, the train-split rows of at most `rankMemoryBytes / (4 * trainRows)`
///    neuron-layer columns at once (a column block; one streaming pass per block, so with
///    the default budget a cache whose train split is under 2 GiB of float32 for that layer
///    is ranked in one pass, a bigger one in several),
///  - 2K floats per row of the train and test splits (candidate and random-dim features),
///  - the traces.
/// It never holds a whole layer of the cache unless that fits the budget.
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/jobs/job.h"
#include "core/probe/probe_options.h"

namespace srs::core {

class ActivationCacheReader;
class Tokenizer;

inline constexpr int kDopamineFormatVersion = 1;

/// How dimensions are ranked by their Spearman rho with delta_t.
enum class DopamineRankBy { Abs, Positive, Negative };
/// "abs" | "positive" | "negative".
std::string dopamineRankByName(DopamineRankBy by);
/// Inverse of dopamineRankByName; throws InvalidArgument naming the text and the valid names.
DopamineRankBy parseDopamineRankBy(const std::string& name);

/// Every option of the analysis (CLI flags in brackets).
struct DopamineOptions {
    int layer = -1;                 ///< [--layer] layer whose stored probe gives V(s_t)
    int neuronLayer = -1;           ///< [--neuron-layer] layer whose dims are ranked; -1 = layer
    int candidates = 64;            ///< [--candidates] K, top dims fed to the MLP
    DopamineRankBy rankBy = DopamineRankBy::Abs;  ///< [--rank-by]
    /// [--gamma] TD discount per stored row; NaN = the probes file's gamma.
    double gamma = std::numeric_limits<double>::quiet_NaN();
    // The `K -> hidden -> 1` MLP (ReLU, MSE, AdamW), trained on the train split's tokens.
    int hidden = 32;                ///< [--mlp-hidden]
    int epochs = 30;                ///< [--mlp-epochs]
    double lr = 3e-3;               ///< [--mlp-lr]
    double weightDecay = 0.01;      ///< [--mlp-weight-decay]
    int batchRows = 128;            ///< [--mlp-batch] tokens per optimiser step
    std::uint64_t seed = 0;         ///< [--seed] MLP init + shuffling, random-dim baseline, trace choice
    int threads = 0;                ///< [--threads] torch intra-op threads; 0 = OMP_NUM_THREADS or all cores
    /// [--split] which rollouts the traces are drawn from: "test" (held out), "train", "all".
    std::string traceSplit = "test";
    int traces = 4;                 ///< [--traces] N trajectories exported (0 = none)
    int traceNeurons = 8;           ///< [--trace-neurons] M top-ranked dims shown per trace
    std::vector<std::int64_t> traceRollouts;   ///< [--trace-rollouts] explicit rollout indices
    std::vector<std::string> traceQuestions;   ///< [--trace-questions] every rollout of these ids
    std::uint64_t rankMemoryBytes = 2ull << 30;  ///< [--rank-memory-mb] column-block budget

    /// Throws InvalidArgument naming the option and its valid range.
    void validate() const;
};

/// Pure TD errors of one trajectory: v [T+1] = V(s_0..s_T), reward r:
///   delta_t = gamma * v[t+1] - v[t] (t < T),  delta_T = r - v[T].   Returns [T+1].
/// Throws InvalidArgument for an empty v.
std::vector<double> tdErrors(const std::vector<float>& v, double reward, double gamma);

/// One ranked dimension of the neuron layer.
struct DopamineNeuron {
    std::int64_t dim = 0;
    bool defined = false;     ///< false when the dim is constant on the train tokens (rho NaN)
    double rho = std::numeric_limits<double>::quiet_NaN();     ///< Spearman(activation, delta), mid-ranks
    double pValue = std::numeric_limits<double>::quiet_NaN();  ///< two-sided, t approximation
    double pBonferroni = std::numeric_limits<double>::quiet_NaN();  ///< min(1, p * d_model)
    double mean = 0.0;        ///< train-token mean of the raw activation (z = (x - mean) / stddev)
    double stddev = 0.0;      ///< train-token standard deviation (population)
};

/// A `K -> H -> 1` delta regressor evaluated on the held-out tokens.
struct DeltaRegression {
    std::vector<std::int64_t> dims;   ///< input dims (neuron layer columns), in input order
    std::vector<float> trainLoss;     ///< mean MSE of each epoch [epochs]
    double mse = 0.0;                 ///< held-out mean squared error
    double r2 = 0.0;                  ///< 1 - SSE / sum (delta - mean held-out delta)^2
    double spearman = std::numeric_limits<double>::quiet_NaN();  ///< of prediction vs delta
    double spearmanP = std::numeric_limits<double>::quiet_NaN();
};

/// Summary of delta_t over one split's tokens.
struct DeltaSummary {
    std::int64_t tokens = 0;
    double mean = 0.0, stddev = 0.0, meanAbs = 0.0;
    double fracAbove03 = 0.0;   ///< fraction with |delta| > 0.3 (the paper's v2 step threshold)
};

/// One exported trajectory. Maps onto widgets DopamineTraceData field by field: tokens,
/// tokenIds, value, delta, activations; neuronNames = fmt::format("L{} #{}", neuronLayer, dim).
struct DopamineTrace {
    std::int64_t rollout = 0;
    std::string questionId;
    std::int32_t sampleIndex = 0;
    float reward = 0.0f;
    std::string split;                    ///< "train" | "test"
    std::vector<std::string> tokens;      ///< [rows] decoded token text, valid UTF-8 ("" without tokenizer)
    std::vector<int> tokenIds;            ///< [rows] token id of each stored row (-1 = unknown)
    std::vector<int> positions;           ///< [rows] absolute position in prompt + response
    std::vector<double> value;            ///< [rows] V(s_t)
    std::vector<double> delta;            ///< [rows] delta_t
    std::vector<std::int64_t> neuronDims; ///< [M] the top-M ranked dims
    std::vector<std::vector<double>> activations;  ///< [M][rows] z-scored activation
};

/// Everything `srs dopamine` produces.
struct DopamineResult {
    DopamineOptions options;        ///< as run (gamma, neuronLayer, candidates resolved)
    std::string cachePath, probesPath, hook, modelFingerprint, probeMethod;
    std::string tokenizerPath;      ///< "" when no tokenizer was given
    std::int64_t dModel = 0;
    std::int64_t trainRollouts = 0, testRollouts = 0;
    DeltaSummary trainDelta, testDelta;
    BootstrapInterval probeAurocS0, probeAurocFinal;  ///< copied from the probes file
    std::vector<DopamineNeuron> ranking;  ///< all d_model dims, best first (undefined last)
    int rankPasses = 0;                   ///< streaming passes over the neuron layer for the ranking
    DeltaRegression candidateMlp;         ///< on the top-K ranked dims
    DeltaRegression randomMlp;            ///< on K uniformly random dims (seeded)
    std::vector<DopamineTrace> traces;
    std::vector<std::string> notes;       ///< warnings worth printing (non-TD probe, tokenizer mismatch, ...)
    double seconds = 0.0;
};

/// Runs the analysis. `tokenizer` may be null (traces then carry ids only).
/// Throws InvalidArgument for a layer not in the cache or the probes file, a hook missing,
/// bad options or trace selections; Error when the probes file belongs to another model
/// (fingerprint) or another cache (rollout count / split), or a split is empty;
/// FormatError for read errors; Cancelled via `job`.
DopamineResult analyzeDopamine(const ActivationCacheReader& reader, const ProbeTrainResult& probes,
                               const std::string& probesPath, const DopamineOptions& options,
                               const Tokenizer* tokenizer = nullptr, const JobContext& job = {});

/// JSON form ("format": "srs-dopamine", schema in docs/RESULTS_FORMAT.md).
nlohmann::json dopamineJson(const DopamineResult& result);
/// CSV of the ranking: rank,dim,rho,p_value,p_bonferroni,mean,std
std::string dopamineRankingCsv(const DopamineResult& result);

}  // namespace srs::core
