#pragma once
/// `srs ablate`: zero a neuron set of ONE layer's residual stream (blocks.{l}.hook_resid_post)
/// at every position during generation and measure accuracy against the unablated model on
/// the same questions, samples and per-row seeds (METHOD.md, Pipeline 7, with controls).
/// Torch-free header; the result is plain data a GUI can show (no Qt, no tensors).
///
/// Conditions (every set of one layer has the same size k = round((1 - ratio) d_model), >= 1):
///  - value:              top-k dims of the layer's TD probe by L1 norm of first-layer weights
///                        (valueNeuronSet).
///  - random:             k dims drawn uniformly without replacement from the dims NOT in the
///                        value set (seeded).
///  - magnitude-matched:  greedy nearest-neighbour matching on mean |activation|: for each
///                        value neuron in rank order (best first), the not-yet-used non-value
///                        dim whose mean |act| is closest; exact ties broken uniformly at random
///                        (seeded). Mean |act| of a dim = mean over every row of the cache's
///                        resid_post dataset of that layer.
///  - largest-activation: the k dims with the largest mean |act| (ties: lower dim); may overlap
///                        the value set (reported as overlap_with_value).
///  - mc-probe:           top-k dims of the MC probe of that layer (a second probes file).
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/jobs/job.h"
#include "core/model/intervention.h"
#include "core/model/runtime.h"
#include "core/stats/proportion.h"
#include "core/tasks/benchmark.h"

namespace srs::core {

class ActivationCacheReader;
struct LayerProbe;

enum class AblationCondition { Value, Random, MagnitudeMatched, LargestActivation, McProbe };

/// "value" | "random" | "magnitude-matched" | "largest-activation" | "mc-probe".
const char* ablationConditionName(AblationCondition condition);
/// Inverse of ablationConditionName. Throws InvalidArgument naming the text and the names.
AblationCondition parseAblationCondition(const std::string& name);
/// Comma list of names, e.g. "value,random"; duplicates removed (first kept). Throws
/// InvalidArgument for an unknown or empty name, or an empty list.
std::vector<AblationCondition> parseAblationConditions(const std::string& list);

/// Everything `srs ablate` needs. Generation settings mean what they mean for `srs rollout`.
struct AblationOptions {
    std::filesystem::path modelDir;
    std::filesystem::path tokenizerPath;  ///< empty = <modelDir>/tokenizer.json
    std::vector<TaskItem> items;          ///< the questions, in order (limit already applied)
    std::string taskName;                 ///< for provenance
    std::string dataSource;               ///< "builtin:gsm8k" or the data file name
    std::string dataFingerprint;          ///< content hash of the data file ("" for built-ins)
    std::string templateName = "qwen-boxed";
    int samples = 4;
    double temperature = 1.0;  ///< 0 = greedy
    double topP = 1.0;
    int topK = 0;
    std::uint64_t seed = 0;    ///< row (question, k) samples from rolloutSeed(seed, question id, k)
    int maxNewTokens = 256;
    int batchSize = 16;        ///< rows per generate call (never changes a row's output)
    RuntimeOptions runtime;

    std::filesystem::path probesPath;    ///< TD probes (`srs probe train`), for "value"
    std::filesystem::path mcProbesPath;  ///< MC probes; required by "mc-probe"
    std::filesystem::path cachePath;     ///< activation cache: mean |act| per dim
    std::vector<int> layers;
    std::vector<AblationCondition> conditions;
    double ratio = 0.99;                 ///< prune ratio in (0, 1): k = round((1-ratio) d), >= 1

    /// The edit applied to each set: Zero (default) = the ablation. Any other op is for
    /// checks only (e.g. Scale by 1 must reproduce the baseline bit for bit).
    InterventionOp op = InterventionOp::Zero;
    float opValue = 0.f;

    /// Throws InvalidArgument naming the option (usage errors: ratio, samples, conditions...).
    void validate() const;
};

/// One neuron set: which dims, and how strongly they fire on the cache.
struct AblationNeuronSet {
    int layer = 0;
    AblationCondition condition = AblationCondition::Value;
    std::vector<std::int64_t> dims;   ///< in construction order (value/mc: rank; matched: paired with value[i])
    std::vector<double> meanAbs;      ///< mean |act| of each dim on the cache, same order
    double setMeanAbs = 0.0;          ///< mean of meanAbs
    std::size_t overlapWithValue = 0; ///< |dims ∩ value set| of the same layer
};

/// Per-row outcome of one generation pass (baseline or one cell), rows in question-major
/// order (question 0 samples 0..K-1, question 1 ...).
struct AblationArm {
    std::vector<std::uint8_t> correct;           ///< [rows] reward > 0.5
    std::vector<std::vector<int>> responseIds;   ///< [rows] generated ids (stop token excluded)
    std::size_t successes() const;
    double meanResponseTokens() const;
};

/// Accuracy of one (layer, condition).
struct AblationCell {
    int layer = 0;
    AblationCondition condition = AblationCondition::Value;
    std::size_t setIndex = 0;           ///< into AblationResult::sets
    ProportionInterval accuracy;        ///< Wilson 95%
    DifferenceInterval vsBaseline;      ///< condition - baseline, Newcombe hybrid 95%
    std::size_t changedResponses = 0;   ///< rows whose response differs from the baseline's
    AblationArm arm;
};

struct AblationResult {
    std::string softwareVersion;
    std::string modelDir, modelFingerprint, tokenizerFingerprint;
    std::string probesPath, probesFingerprint, mcProbesPath, mcProbesFingerprint;
    std::string cachePath, cacheFingerprint;
    nlohmann::json settings;            ///< every option (docs/RESULTS_FORMAT.md)
    std::int64_t dModel = 0;
    std::size_t setSize = 0;            ///< k
    std::vector<std::string> questionIds;   ///< [rows]
    std::vector<int> sampleIndex;           ///< [rows]
    std::vector<std::uint64_t> rowSeeds;    ///< [rows]
    AblationArm baseline;
    ProportionInterval baselineAccuracy;
    std::vector<AblationNeuronSet> sets;    ///< layer-major, conditions in request order
    std::vector<AblationCell> cells;        ///< same order as sets
    double seconds = 0.0;
};

/// Mean |x| of every column over every row of (hook, layer) of the cache: [d_model].
/// Streams the dataset (memory ~ one batch); reports phase "mean |act|"; cancellable.
std::vector<double> meanAbsActivation(const ActivationCacheReader& reader, const std::string& hook, int layer,
                                      const JobContext& job = {});

/// The sets of one layer, in `conditions` order. `valueProbe` is required (all controls are
/// built against the value set); `mcProbe` only for McProbe (InvalidArgument when null).
/// `meanAbs` has d_model entries. Deterministic in `seed` (the random streams also depend
/// on the layer, so layers get different random sets). Throws InvalidArgument for sizes that
/// do not fit (e.g. k > d_model - k for random/magnitude-matched).
std::vector<AblationNeuronSet> buildAblationSets(int layer, const std::vector<AblationCondition>& conditions,
                                                 const LayerProbe& valueProbe, const LayerProbe* mcProbe,
                                                 const std::vector<double>& meanAbs, std::int64_t dModel,
                                                 double ratio, std::uint64_t seed);

/// Greedy magnitude matching (see the header comment): for target i (in order) the unused
/// candidate with the smallest |meanAbs[c] - meanAbs[target_i]|, exact ties uniformly at
/// random from Xoshiro256(seed). Returns one candidate per target, in target order.
/// Throws InvalidArgument when there are fewer candidates than targets.
std::vector<std::int64_t> magnitudeMatchedDims(const std::vector<std::int64_t>& targets,
                                               const std::vector<std::int64_t>& candidates,
                                               const std::vector<double>& meanAbs, std::uint64_t seed);

/// Fills baselineAccuracy (Wilson 95%) and, for every cell, accuracy (Wilson 95%),
/// vsBaseline (cell - baseline, Newcombe hybrid 95%) and changedResponses, from the arms.
/// Throws InvalidArgument when an arm's row count differs from the baseline's or is 0.
void computeAblationStats(AblationResult& result);

/// Runs the baseline and every (layer, condition) cell. Progress: phase "ablation",
/// done/total generations (rows x (1 + layers x conditions)); cancellable between batches
/// and generation steps (throws Cancelled). Errors (srs::Error, exit 1): a layer not in the
/// cache, the probes or the model; probes or cache from another model (fingerprint) or of
/// another d_model; a cache without resid_post; a probe that is not a full-state probe.
AblationResult runAblation(const AblationOptions& options, const JobContext& job = {});

/// The results document ("format": "srs-ablation", version 1; docs/RESULTS_FORMAT.md).
nlohmann::json ablationJson(const AblationResult& result);
/// layer,condition,set_size,set_mean_abs,overlap_with_value,correct,total,accuracy,ci_low,
/// ci_high,diff_vs_baseline,diff_ci_low,diff_ci_high,changed_responses (baseline first, layer "").
std::string ablationCsv(const AblationResult& result);

}  // namespace srs::core
