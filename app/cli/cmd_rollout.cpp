// srs rollout MODEL_DIR (--task NAME | --data FILE.jsonl [--preset P | field options]) [--limit N]
//   --samples K --template NAME [--temperature T --top-p P --top-k K --seed S]
//   --max-new-tokens M [--batch-size B] --out rollouts.jsonl [--json]
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <memory>

#include "app/cli/cli_common.h"
#include "app/cli/command.h"
#include "core/error.h"
#include "core/pipeline/rollout_record.h"
#include "core/pipeline/rollout_runner.h"
#include "core/tasks/benchmark.h"

namespace srs::app::cli {
namespace {

struct RolloutArgs {
    std::string modelDir, tokenizer, task, data, preset, out, templ = "qwen-boxed", grading;
    std::string questionField, answerField, choicesField, idField;
    long long limit = 0;
    int samples = 4, topK = 0, maxNewTokens = 1024, batchSize = 8;
    double temperature = 1.0, topP = 1.0;
    std::uint64_t seed = 0;
    bool json = false, quiet = false;
    RuntimeOptions runtime;
};

void runRolloutCommand(const RolloutArgs& a) {
    core::RolloutConfig cfg;
    cfg.modelDir = a.modelDir;
    cfg.tokenizerPath = a.tokenizer;
    if (!a.task.empty()) {
        cfg.items = core::loadBuiltinBenchmark(a.task);
        cfg.taskName = a.task;
        cfg.dataSource = "builtin:" + a.task;
    } else {
        core::FieldMapping mapping = a.preset.empty() ? core::FieldMapping{} : core::presetMapping(a.preset);
        if (!a.questionField.empty()) mapping.question = a.questionField;
        if (!a.answerField.empty()) mapping.answer = a.answerField;
        if (!a.choicesField.empty()) {
            mapping.choices = a.choicesField;
            if (a.preset.empty()) {
                mapping.goldStyle = core::GoldStyle::ChoiceLetter;
                mapping.kind = core::TaskKind::Choice;
            }
        }
        if (!a.idField.empty()) mapping.id = a.idField;
        if (!a.grading.empty()) mapping.kind = core::parseTaskKind(a.grading);
        const std::filesystem::path data(a.data);
        cfg.taskName = a.preset.empty() ? data.stem().string() : a.preset;
        cfg.items = core::loadBenchmarkFile(data, mapping, cfg.taskName);
        cfg.dataSource = data.filename().string();
        cfg.dataFingerprint = core::fileContentFingerprint(data);
    }
    if (a.limit < 0) throw InvalidArgument(fmt::format("--limit must be >= 0, got {}", a.limit));
    if (a.limit > 0 && static_cast<std::size_t>(a.limit) < cfg.items.size())
        cfg.items.resize(static_cast<std::size_t>(a.limit));
    if (cfg.items.empty()) throw Error(fmt::format("{}: no questions to run", cfg.dataSource));
    cfg.templateName = a.templ;
    cfg.samples = a.samples;
    cfg.temperature = a.temperature;
    cfg.topP = a.topP;
    cfg.topK = a.topK;
    cfg.seed = a.seed;
    cfg.maxNewTokens = a.maxNewTokens;
    cfg.batchSize = a.batchSize;
    cfg.runtime.dtype = core::parseComputeDtype(a.runtime.dtype);
    cfg.runtime.device = a.runtime.device;
    cfg.runtime.threads = core::configureThreads(a.runtime.threads);
    cfg.outPath = a.out;

    auto job = makeCliJob(a.quiet);
    const auto s = core::runRollouts(cfg, job);
    if (s.droppedPartialBytes > 0)
        std::cerr << fmt::format("srs: dropped a partial last line ({} bytes) of {} left by an interrupted run\n",
                                 s.droppedPartialBytes, a.out);
    std::cerr << fmt::format("rollouts: {} questions x {} samples = {}; {} already in {}, {} generated ({} tokens, "
                             "{:.1f} s), mean reward {:.4f}\n",
                             s.questions, a.samples, s.planned, s.alreadyDone, a.out, s.generated, s.newTokens,
                             s.seconds, s.meanReward);
    if (a.json)
        printJson({{"out", a.out},
                   {"questions", s.questions},
                   {"planned", s.planned},
                   {"already_done", s.alreadyDone},
                   {"generated", s.generated},
                   {"new_tokens", s.newTokens},
                   {"mean_reward", s.meanReward},
                   {"dropped_partial_bytes", s.droppedPartialBytes},
                   {"seconds", s.seconds}});
}

const RegisterCommand kRollout(70, [](CLI::App& root) {
    auto a = std::make_shared<RolloutArgs>();
    CLI::App* sub = root.add_subcommand(
        "rollout", "Sample k graded responses per benchmark question into a resumable rollouts JSONL "
                   "(schema: docs/ROLLOUTS.md)");
    sub->add_option("MODEL_DIR", a->modelDir, "Hugging Face model folder (with tokenizer.json)")->required();
    auto* task = sub->add_option("--task", a->task, "Built-in benchmark: gsm8k | math500");
    auto* data = sub->add_option("--data", a->data, "Questions as JSONL (see --preset and the field options)");
    task->excludes(data);
    sub->add_option("--preset", a->preset, "Field preset for --data: gsm8k, math500, minerva, arc, mmlu")->needs(data);
    sub->add_option("--question-field", a->questionField, "JSON key of the question (default: question)")->needs(data);
    sub->add_option("--answer-field", a->answerField, "JSON key of the gold answer (default: answer)")->needs(data);
    sub->add_option("--choices-field", a->choicesField, "JSON key of the options (multiple choice)")->needs(data);
    sub->add_option("--id-field", a->idField, "JSON key of the question id (default: <file stem>/<line>)")->needs(data);
    sub->add_option("--grading", a->grading, "How answers are graded: gsm8k | math | choice")->needs(data);
    sub->add_option("--limit", a->limit, "First N questions only (0 = all)");
    sub->add_option("--samples", a->samples, "Responses per question (k)")->capture_default_str();
    sub->add_option("--template", a->templ, "Prompt template: qwen-boxed, abel, plain, or text with {question}")
        ->capture_default_str();
    sub->add_option("--temperature", a->temperature, "Sampling temperature (0 = greedy)")->capture_default_str();
    sub->add_option("--top-p", a->topP, "Nucleus sampling mass in (0, 1]")->capture_default_str();
    sub->add_option("--top-k", a->topK, "Keep the k most likely tokens (0 = off)")->capture_default_str();
    sub->add_option("--seed", a->seed, "Seed: a rollout's sample depends on (seed, question id, sample index) only")
        ->capture_default_str();
    sub->add_option("--max-new-tokens", a->maxNewTokens, "Cap on response tokens")->capture_default_str();
    sub->add_option("--batch-size", a->batchSize, "Rollouts generated together (never changes the output)")
        ->capture_default_str();
    sub->add_option("--tokenizer", a->tokenizer, "tokenizer.json (default: MODEL_DIR/tokenizer.json)");
    sub->add_option("--out", a->out, "Rollouts JSONL; an existing file is resumed (same settings required)")
        ->required();
    sub->add_flag("--json", a->json, "Print a JSON summary on stdout");
    sub->add_flag("--quiet", a->quiet, "No progress bar");
    addRuntimeOptions(sub, a->runtime);
    sub->callback([a, task, data] {
        if (task->count() == 0 && data->count() == 0) throw CLI::RequiredError("--task or --data");
        runRolloutCommand(*a);
    });
});

}  // namespace
}  // namespace srs::app::cli
