#pragma once
/// Step kinds a session can hold: name -> parameter validation + headless runner.
/// Torch-free; the pipeline steps (rollout, capture, probe-train, ...) are registered by
/// registerPipelineSteps (core/session/steps/pipeline_steps.h, in srs_core). Later kinds
/// (ablate, dopamine, confidence, figure renderers) are added with one `add` call each.
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/jobs/job.h"
#include "core/session/session.h"

namespace srs::core {

/// What a runner gets: the recorded step, where its inputs are now (role -> path; may be
/// remapped outputs of earlier steps), the model folder, and where to write each output
/// role the step recorded (role -> path). The runner writes exactly those outputs.
struct StepRunContext {
    const SessionStep& step;
    std::map<std::string, std::string> inputs;
    std::string modelPath;
    std::map<std::string, std::string> outputs;
    const JobContext& job;

    /// Input path of `role`; throws FormatError naming the step and role when absent.
    const std::string& input(const std::string& role) const;
    /// Output path of `role`, or "" when the step did not record that (optional) output.
    std::string output(const std::string& role) const;
};

/// One kind of step.
struct StepKind {
    std::string name;         ///< "probe-train"
    std::string description;  ///< one line for `srs session kinds`
    /// Parameter keys holding seeds (copied into SessionStep::seeds when recording).
    std::vector<std::string> seedKeys;
    /// Throws FormatError naming `where` (the step) and the parameter for bad parameters.
    std::function<void(const nlohmann::json& parameters, const std::string& where)> validate;
    /// Runs the step headless. Empty = not runnable headless; replay then reports
    /// `notRunnableReason` for the step instead of skipping it silently.
    std::function<void(const StepRunContext& ctx)> run;
    std::string notRunnableReason;
};

class StepRegistry {
public:
    /// Adds or replaces a kind.
    void add(StepKind kind);
    const StepKind* find(const std::string& name) const;
    std::vector<std::string> names() const;

    /// Computes a model folder's fingerprint (Checkpoint::fingerprint in srs_core); unset
    /// means models are not checked.
    std::function<std::string(const std::string& modelDir)> modelFingerprint;

    /// Checks every step's kind and parameters: throws FormatError naming `where`, the step
    /// id and the unknown kind (listing the known ones) or the bad parameter.
    void validateSession(const Session& session, const std::string& where) const;

private:
    std::map<std::string, StepKind> m_kinds;
};

/// Reads parameters of one step with typed checks; every message names the step and field.
class ParamReader {
public:
    ParamReader(const nlohmann::json& params, std::string where);
    bool has(const std::string& key) const;
    std::string str(const std::string& key, const std::string& fallback) const;
    std::string str(const std::string& key) const;  ///< required
    long long integer(const std::string& key, long long fallback) const;
    long long integer(const std::string& key) const;  ///< required
    std::uint64_t u64(const std::string& key, std::uint64_t fallback) const;
    double number(const std::string& key, double fallback) const;
    bool flag(const std::string& key, bool fallback) const;
    std::vector<double> numbers(const std::string& key, const std::vector<double>& fallback) const;
    std::vector<std::string> strings(const std::string& key, const std::vector<std::string>& fallback) const;
    /// Throws when the parameters contain a key not in `known` (catches typos).
    void allowOnly(const std::vector<std::string>& known) const;
    const std::string& where() const { return m_where; }
    [[noreturn]] void fail(const std::string& key, const std::string& expected) const;

private:
    const nlohmann::json* get(const std::string& key) const;
    const nlohmann::json& m_params;
    std::string m_where;
};

}  // namespace srs::core
