#include "core/pipeline/demo_eval.h"

#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <fstream>
#include <sstream>

#include "core/error.h"
#include "core/io/atomic_file.h"
#include "core/model/checkpoint.h"
#include "core/model/generation.h"
#include "core/model/transformer.h"
#include "core/tasks/benchmark.h"
#include "core/tasks/grading.h"
#include "core/tokenizer/prompt_template.h"
#include "core/tokenizer/tokenizer.h"

namespace srs::core {
namespace fs = std::filesystem;

namespace {

double percent(int num, int den) { return den > 0 ? 100.0 * num / den : 0.0; }
double round2(double v) { return std::round(v * 100) / 100; }

}  // namespace

double DemoFamilyEval::sampledAccuracy() const { return percent(sampledCorrect, questions * samples); }
double DemoFamilyEval::greedyAccuracy() const { return percent(greedyCorrect, questions); }
double DemoFamilyEval::mixedShare() const { return percent(mixed, questions); }

DemoManifest readDemoManifest(const fs::path& dir) {
    const fs::path file = dir / "srs_demo.json";
    std::ifstream in(file);
    if (!in) throw FormatError(fmt::format("{}: cannot open (expected the demo model's srs_demo.json)", file.string()));
    std::stringstream text;
    text << in.rdbuf();
    nlohmann::json doc;
    try {
        doc = nlohmann::json::parse(text.str());
    } catch (const std::exception& e) {
        throw FormatError(fmt::format("{}: invalid JSON ({})", file.string(), e.what()));
    }
    DemoManifest m;
    if (!doc.is_object() || !doc.contains("template") || !doc["template"].is_string())
        throw FormatError(fmt::format("{}: key 'template': expected a string", file.string()));
    m.templ = doc["template"].get<std::string>();
    if (!doc.contains("families") || !doc["families"].is_array() || doc["families"].empty())
        throw FormatError(fmt::format("{}: key 'families': expected a non-empty array", file.string()));
    for (std::size_t i = 0; i < doc["families"].size(); ++i) {
        const auto& f = doc["families"][i];
        if (!f.is_object() || !f.contains("name") || !f["name"].is_string() || !f.contains("test_file") ||
            !f["test_file"].is_string())
            throw FormatError(fmt::format("{}: key 'families[{}]': expected {{\"name\": string, \"test_file\": string}}",
                                          file.string(), i));
        m.families.emplace_back(f["name"].get<std::string>(), dir / f["test_file"].get<std::string>());
    }
    return m;
}

DemoEvalResult evaluateDemoModel(const fs::path& dir, const DemoEvalOptions& options, const JobContext* job) {
    if (options.samples < 1) throw InvalidArgument(fmt::format("--samples must be >= 1, got {}", options.samples));
    if (options.limit < 0) throw InvalidArgument(fmt::format("--limit must be >= 0, got {}", options.limit));
    const auto start = std::chrono::steady_clock::now();
    const auto manifest = readDemoManifest(dir);
    RuntimeOptions ro;
    ro.threads = configureThreads(options.threads);
    auto checkpoint = Checkpoint::open(dir);
    Transformer model(checkpoint, ro);
    const auto tokenizer = Tokenizer::fromFile(dir / "tokenizer.json");

    FieldMapping mapping;
    mapping.id = "id";
    mapping.kind = TaskKind::Math;
    DemoEvalResult result;
    result.options = options;
    for (std::size_t f = 0; f < manifest.families.size(); ++f) {
        const auto& [family, file] = manifest.families[f];
        auto items = loadBenchmarkFile(file, mapping, family);
        if (options.limit > 0 && static_cast<int>(items.size()) > options.limit) items.resize(options.limit);
        std::vector<std::vector<int>> prompts;
        for (const auto& item : items) prompts.push_back(tokenizer.encode(applyPromptTemplate(manifest.templ, item.question)));
        std::vector<std::vector<int>> sampledPrompts;
        for (const auto& p : prompts)
            for (int k = 0; k < options.samples; ++k) sampledPrompts.push_back(p);

        JobContext sub;
        if (job)
            sub = JobContext(
                [job, family = family](const ProgressEvent& ev) {
                    job->report("eval " + family, ev.done, ev.total, ev.unit);
                },
                job->cancelToken());
        SamplingOptions greedy;
        greedy.greedy = true;
        greedy.maxNewTokens = options.maxNewTokens;
        auto greedyOut = generate(model, prompts, greedy, {}, job ? &sub : nullptr);
        SamplingOptions sampled = greedy;
        sampled.greedy = false;
        sampled.temperature = options.temperature;
        sampled.seed = options.seed + f;
        auto sampledOut = generate(model, sampledPrompts, sampled, {}, job ? &sub : nullptr);

        DemoFamilyEval fe;
        fe.family = family;
        fe.questions = static_cast<int>(items.size());
        fe.samples = options.samples;
        for (std::size_t q = 0; q < items.size(); ++q) {
            fe.greedyCorrect += grade(tokenizer.decode(greedyOut[q].ids, true), items[q].gold, TaskKind::Math).reward;
            int correct = 0;
            for (int k = 0; k < options.samples; ++k)
                correct += grade(tokenizer.decode(sampledOut[q * options.samples + k].ids, true), items[q].gold,
                                 TaskKind::Math)
                               .reward;
            fe.sampledCorrect += correct;
            if (correct > 0 && correct < options.samples) ++fe.mixed;
        }
        result.families.push_back(fe);
    }
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return result;
}

nlohmann::json demoEvalToJson(const DemoEvalResult& r) {
    nlohmann::ordered_json families = nlohmann::ordered_json::object();
    for (const auto& f : r.families) {
        families[f.family] = {{"questions", f.questions},
                              {"sampled_accuracy", round2(f.sampledAccuracy())},
                              {"greedy_accuracy", round2(f.greedyAccuracy())},
                              {"mixed_share", round2(f.mixedShare())},
                              {"sampled_correct", f.sampledCorrect},
                              {"greedy_correct", f.greedyCorrect},
                              {"mixed", f.mixed}};
    }
    nlohmann::ordered_json doc{{"samples", r.options.samples},
                               {"seed", r.options.seed},
                               {"limit", r.options.limit},
                               {"temperature", r.options.temperature},
                               {"max_new_tokens", r.options.maxNewTokens},
                               {"families", families},
                               {"seconds", std::round(r.seconds * 10) / 10}};
    return nlohmann::json::parse(doc.dump());
}

void recordDemoEval(const fs::path& dir, const nlohmann::json& run) {
    const fs::path file = dir / "eval.json";
    nlohmann::json doc{{"runs", nlohmann::json::array()}};
    if (fs::exists(file)) {
        std::ifstream in(file);
        std::stringstream text;
        text << in.rdbuf();
        try {
            doc = nlohmann::json::parse(text.str());
        } catch (const std::exception& e) {
            throw FormatError(fmt::format("{}: invalid JSON ({}); not replacing it", file.string(), e.what()));
        }
        if (!doc.is_object() || !doc.contains("runs") || !doc["runs"].is_array())
            throw FormatError(fmt::format("{}: key 'runs': expected an array; not replacing it", file.string()));
    }
    auto& runs = doc["runs"];
    for (auto it = runs.begin(); it != runs.end();) {
        bool same = true;
        for (const char* key : {"samples", "seed", "limit", "temperature"}) same = same && (*it).value(key, nlohmann::json()) == run[key];
        it = same ? runs.erase(it) : it + 1;
    }
    runs.push_back(run);
    writeFileAtomically(file, doc.dump(2) + "\n", true);
}

}  // namespace srs::core
