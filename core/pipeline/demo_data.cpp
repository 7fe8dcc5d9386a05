#include "core/pipeline/demo_data.h"

#include <fmt/format.h>

#include <array>

#include "core/error.h"

namespace srs::core {
namespace {

constexpr std::array<const char*, 12> kNames = {"Ann", "Ben", "Kim", "Ian", "Eva", "Tom",
                                                "Sam", "Zoe", "Max", "Lea", "Bob", "Amy"};
constexpr std::array<const char*, 8> kObjects = {"keys", "eggs", "cards", "coins",
                                                 "pens", "books", "cups", "shells"};

const char* pick(DemoRng& rng, const char* const* items, std::size_t n) {
    return items[static_cast<std::size_t>(rng.uniform(0, static_cast<std::int64_t>(n) - 1))];
}
const char* name(DemoRng& rng) { return pick(rng, kNames.data(), kNames.size()); }
const char* object(DemoRng& rng) { return pick(rng, kObjects.data(), kObjects.size()); }

/// Digit count uniform in [minDigits, maxDigits], then the value uniform among numbers with
/// that many digits (1 digit: 0-9).
std::int64_t number(DemoRng& rng, int minDigits, int maxDigits) {
    int digits = static_cast<int>(rng.uniform(minDigits, maxDigits));
    if (digits == 1) return rng.uniform(0, 9);
    std::int64_t lo = 1;
    for (int i = 1; i < digits; ++i) lo *= 10;
    return rng.uniform(lo, lo * 10 - 1);
}

std::string pad3(std::int64_t v) { return fmt::format("{:03d}", v); }
std::string pad2(std::int64_t v) { return fmt::format("{:02d}", v); }
std::string boxed(const std::string& s) { return "\\boxed{" + s + "}"; }

DemoProblem makeAdd(DemoRng& rng) {
    auto a = number(rng, 1, 2), b = number(rng, 1, 2);
    DemoProblem p;
    p.family = "add";
    p.question = fmt::format("{} has {} {} and gets {}. Total?", name(rng), a, object(rng), b);
    p.answer = std::to_string(a + b);
    p.response = pad2(a) + "+" + pad2(b) + "=" + boxed(p.answer);
    p.key = fmt::format("add:{}:{}", a, b);
    return p;
}

DemoProblem makeSub(DemoRng& rng) {
    auto a = number(rng, 1, 2), b = number(rng, 1, 2);
    if (a < b) std::swap(a, b);
    DemoProblem p;
    p.family = "sub";
    p.question = fmt::format("{} has {} {} and gives away {}. Left?", name(rng), a, object(rng), b);
    p.answer = std::to_string(a - b);
    p.response = pad2(a) + "-" + pad2(b) + "=" + boxed(p.answer);
    p.key = fmt::format("sub:{}:{}", a, b);
    return p;
}

DemoProblem makeMul(DemoRng& rng) {
    auto a = number(rng, 1, 1), b = number(rng, 1, 2);
    DemoProblem p;
    p.family = "mul";
    p.question = fmt::format("{} buys {} bags of {} {}. How many?", name(rng), a, b, object(rng));
    p.answer = std::to_string(a * b);
    auto tens = b / 10 * 10, units = b % 10;
    if (tens == 0 || units == 0) {
        p.response = fmt::format("{}*{}=", a, b) + boxed(p.answer);
    } else {
        p.response = fmt::format("{}*{}={}*{}+{}*{}={}+{}=", a, b, a, tens, a, units, a * tens,
                                 a * units) +
                     boxed(p.answer);
    }
    p.key = fmt::format("mul:{}:{}", a, b);
    return p;
}

DemoProblem makeCmp(DemoRng& rng) {
    const char* x = name(rng);
    const char* y = name(rng);
    while (std::string(y) == x) y = name(rng);
    const char* obj = object(rng);
    DemoProblem p;
    p.family = "cmp";
    if (rng.unit() < 0.5) {
        auto a = number(rng, 1, 3), b = number(rng, 1, 3);
        while (b == a) b = number(rng, 1, 3);
        p.question = fmt::format("{} has {} {}, {} has {}. Who has more?", x, a, obj, y, b);
        p.answer = a > b ? x : y;
        p.response = fmt::format("{}:{}{}{}:{}, ", x, pad3(a), a > b ? ">" : "<", y, pad3(b)) + boxed(p.answer);
        p.key = fmt::format("cmp:{}:{}", a, b);
    } else {
        auto a = number(rng, 1, 2), c = number(rng, 1, 2);
        auto s = a + c;
        auto b = s + rng.uniform(-30, 30);
        while (b == s || b < 0) b = s + rng.uniform(-30, 30);
        p.question = fmt::format("{} has {}+{} {}, {} has {}. Who has more?", x, a, c, obj, y, b);
        p.answer = s > b ? x : y;
        p.response = fmt::format("{}:{}+{}={}{}{}:{}, ", x, pad3(a), pad3(c), pad3(s),
                                 s > b ? ">" : "<", y, pad3(b)) +
                     boxed(p.answer);
        p.key = fmt::format("cmp:{}+{}:{}", a, c, b);
    }
    return p;
}

}  // namespace

std::uint64_t DemoRng::next() {
    std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

std::int64_t DemoRng::uniform(std::int64_t lo, std::int64_t hi) {
    auto span = static_cast<std::uint64_t>(hi - lo) + 1;
    return lo + static_cast<std::int64_t>(next() % span);
}

double DemoRng::unit() { return static_cast<double>(next() >> 11) * (1.0 / 9007199254740992.0); }

const std::vector<std::string>& demoFamilies() {
    static const std::vector<std::string> families{"add", "sub", "mul", "cmp"};
    return families;
}

const std::string& demoPromptTemplate() {
    static const std::string templ = "Q: {question} A: ";
    return templ;
}

std::vector<double> demoFamilyWeights() { return {1.3, 1.5, 1.2, 0.8}; }

DemoProblem makeDemoProblem(const std::string& family, DemoRng& rng) {
    if (family == "add") return makeAdd(rng);
    if (family == "sub") return makeSub(rng);
    if (family == "mul") return makeMul(rng);
    if (family == "cmp") return makeCmp(rng);
    throw InvalidArgument(fmt::format("unknown demo family '{}' (expected add, sub, mul or cmp)", family));
}

DemoProblem makeDemoTrainingProblem(DemoRng& rng, const std::unordered_set<std::string>& exclude) {
    const auto weights = demoFamilyWeights();
    double total = 0;
    for (double w : weights) total += w;
    for (;;) {
        double r = rng.unit() * total;
        std::size_t f = 0;
        while (f + 1 < weights.size() && r >= weights[f]) r -= weights[f++];
        auto p = makeDemoProblem(demoFamilies()[f], rng);
        if (!exclude.count(p.key)) return p;
    }
}

std::vector<DemoProblem> makeDemoTestSet(const std::string& family, int count, std::uint64_t seed) {
    std::uint64_t familyHash = 1469598103934665603ULL;
    for (char c : family) familyHash = (familyHash ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
    DemoRng rng(seed ^ familyHash ^ 0x7E57DA7AULL);
    std::vector<DemoProblem> out;
    std::unordered_set<std::string> seen;
    while (static_cast<int>(out.size()) < count) {
        auto p = makeDemoProblem(family, rng);
        if (seen.insert(p.key).second) out.push_back(std::move(p));
    }
    return out;
}

}  // namespace srs::core
