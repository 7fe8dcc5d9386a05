#pragma once
/// Synthetic word problems with checkable answers for the bundled demo model: four
/// families (add, sub, mul, cmp), each answered by a short worked restatement and the
/// final answer in \boxed{...}. Torch-free and deterministic for a seed.
#include <cstdint>
#include <string>
#include <unordered_set>
#include <vector>

namespace srs::core {

/// splitmix64: the demo's own RNG, so data do not depend on the libtorch version.
class DemoRng {
public:
    explicit DemoRng(std::uint64_t seed) : m_state(seed) {}
    std::uint64_t next();
    /// Uniform integer in [lo, hi] (inclusive).
    std::int64_t uniform(std::int64_t lo, std::int64_t hi);
    /// Uniform in [0, 1).
    double unit();

private:
    std::uint64_t m_state;
};

/// One problem. `response` is what the model should write after the template's "A: "
/// (reasoning then \boxed{answer}); `key` identifies the operands (disjointness of splits).
struct DemoProblem {
    std::string family;
    std::string question;
    std::string response;
    std::string answer;
    std::string key;
};

/// "add", "sub", "mul", "cmp" in this order.
const std::vector<std::string>& demoFamilies();

/// The prompt template the demo model is trained with ("Q: {question} A: ").
const std::string& demoPromptTemplate();

/// Relative sampling weights of the families in training data (same order as
/// demoFamilies()).
std::vector<double> demoFamilyWeights();

/// A random problem of `family`. Throws InvalidArgument for an unknown family.
DemoProblem makeDemoProblem(const std::string& family, DemoRng& rng);

/// A random training problem: family drawn by demoFamilyWeights(), redrawn while its key
/// is in `exclude` (the held-out test items).
DemoProblem makeDemoTrainingProblem(DemoRng& rng, const std::unordered_set<std::string>& exclude);

/// `count` distinct problems of `family` (distinct keys) from a stream derived from `seed`.
std::vector<DemoProblem> makeDemoTestSet(const std::string& family, int count, std::uint64_t seed);

}  // namespace srs::core
