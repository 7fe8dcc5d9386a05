#include "core/probe/question_split.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "core/error.h"
#include "core/stats/prng.h"

namespace srs::core {

QuestionSplit splitByQuestion(const std::vector<std::string>& questionIds, double testFraction,
                              std::uint64_t seed, const std::string& source) {
    if (!(testFraction > 0.0 && testFraction < 1.0))
        throw InvalidArgument(fmt::format("--test-fraction {} must be in (0, 1)", testFraction));
    std::vector<std::string> questions(questionIds.begin(), questionIds.end());
    std::sort(questions.begin(), questions.end());
    questions.erase(std::unique(questions.begin(), questions.end()), questions.end());
    const std::size_t q = questions.size();
    const auto nTest = static_cast<std::size_t>(std::max(1.0, std::round(testFraction * static_cast<double>(q))));
    if (q < 2 || nTest >= q)
        throw Error(fmt::format("{}: empty split: {} question(s) cannot be split {:.0f}/{:.0f} by question "
                                "(expected at least one question on each side)",
                                source, q, 100.0 * (1.0 - testFraction), 100.0 * testFraction));
    Xoshiro256 rng(seed);
    for (std::size_t i = q - 1; i > 0; --i) std::swap(questions[i], questions[rng.uniformBelow(i + 1)]);
    std::set<std::string> test(questions.begin(), questions.begin() + static_cast<std::ptrdiff_t>(nTest));
    QuestionSplit split;
    split.testQuestions.assign(test.begin(), test.end());
    split.trainQuestions = q - nTest;
    for (std::size_t i = 0; i < questionIds.size(); ++i) {
        if (test.count(questionIds[i])) split.testRollouts.push_back(static_cast<std::int64_t>(i));
        else split.trainRollouts.push_back(static_cast<std::int64_t>(i));
    }
    return split;
}

}  // namespace srs::core
