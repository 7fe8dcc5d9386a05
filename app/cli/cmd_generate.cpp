// srs generate MODEL_DIR (--ids ... | --prompt TEXT [--template NAME]) --max-new-tokens N
//   [--greedy | --temperature T --top-p P --top-k K --seed S] [--ablate ...] [--json]
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <filesystem>
#include <iostream>

#include "app/cli/cli_common.h"
#include "app/cli/command.h"
#include "core/error.h"
#include "core/model/checkpoint.h"
#include "core/model/generation.h"
#include "core/model/intervention.h"
#include "core/model/transformer.h"
#include "core/tokenizer/prompt_template.h"
#include "core/tokenizer/tokenizer.h"

namespace srs::app::cli {
namespace {

struct GenerateArgs {
    std::string modelDir, ids, prompt, templ;
    int maxNewTokens = 64;
    bool greedy = false, json = false;
    double temperature = 1.0, topP = 1.0;
    int topK = 0;
    std::uint64_t seed = 0;
    std::string stopIds;
    std::vector<std::string> ablate;
    RuntimeOptions runtime;
    bool sampling = false;
};

void runGenerate(const GenerateArgs& args) {
    core::RuntimeOptions opts;
    opts.dtype = core::parseComputeDtype(args.runtime.dtype);
    opts.device = args.runtime.device;
    opts.threads = core::configureThreads(args.runtime.threads);
    if (args.maxNewTokens < 0) throw InvalidArgument("--max-new-tokens must be >= 0");
    auto ckpt = core::Checkpoint::open(args.modelDir);
    const auto& cfg = ckpt->config();

    const auto tokenizerPath = std::filesystem::path(args.modelDir) / "tokenizer.json";
    std::optional<core::Tokenizer> tokenizer;
    if (std::filesystem::exists(tokenizerPath)) tokenizer = core::Tokenizer::fromFile(tokenizerPath);

    std::vector<int> prompt;
    if (!args.prompt.empty()) {
        if (!tokenizer)
            throw Error(fmt::format("--prompt needs {} (the model folder has no tokenizer); pass --ids instead",
                                    tokenizerPath.string()));
        std::string text = args.templ.empty() ? args.prompt
                                              : core::applyPromptTemplate(args.templ, args.prompt);
        prompt = tokenizer->encode(text);
    } else {
        if (!args.templ.empty()) throw InvalidArgument("--template applies to --prompt, not --ids");
        for (auto id : parseIntList(args.ids, "--ids")) prompt.push_back(static_cast<int>(id));
    }
    if (prompt.empty()) throw InvalidArgument("the prompt is empty (no token ids)");
    for (int id : prompt)
        if (id < 0 || id >= cfg.vocabSize)
            throw InvalidArgument(fmt::format("prompt token id {} out of range (vocab size {}, valid 0..{})",
                                              id, cfg.vocabSize, cfg.vocabSize - 1));

    core::SamplingOptions so;
    so.greedy = !args.sampling;
    so.temperature = args.temperature;
    so.topP = args.topP;
    so.topK = args.topK;
    so.seed = args.seed;
    so.maxNewTokens = args.maxNewTokens;
    if (!args.stopIds.empty())
        for (auto id : parseIntList(args.stopIds, "--stop-ids")) so.stopIds.push_back(static_cast<int>(id));
    std::vector<core::Intervention> ivs;
    for (const auto& spec : args.ablate)
        ivs.push_back(core::parseAblationSpec(spec, cfg.numLayers, cfg.hiddenSize));

    core::Transformer model(ckpt, opts);
    auto job = makeCliJob(/*quiet=*/false);
    auto result = core::generate(model, {prompt}, so, ivs, &job).at(0);

    nlohmann::json text = nullptr;
    if (tokenizer)
        text = tokenizer->decode(result.ids);
    else
        std::cerr << "srs: note: " << tokenizerPath.string()
                  << " not found; printing token ids only (\"text\" is null)\n";
    if (args.json) {
        nlohmann::json doc{{"ids", result.ids},
                           {"text", text},
                           {"prompt_ids", prompt},
                           {"finish_reason", result.finishReason}};
        doc["stop_token"] = result.stopToken >= 0 ? nlohmann::json(result.stopToken) : nlohmann::json(nullptr);
        printJson(doc);
    } else if (tokenizer) {
        std::cout << text.get<std::string>() << "\n";
    } else {
        std::string line;
        for (int id : result.ids) line += (line.empty() ? "" : ",") + std::to_string(id);
        std::cout << line << "\n";
    }
}

RegisterCommand reg(41, [](CLI::App& root) {
    auto args = std::make_shared<GenerateArgs>();
    CLI::App* sub = root.add_subcommand(
        "generate", "Generate a continuation (greedy or sampled) with a KV cache, optionally with "
                    "neurons ablated at every position");
    sub->add_option("MODEL_DIR", args->modelDir, "Hugging Face model folder")->required();
    auto* ids = sub->add_option("--ids", args->ids, "Prompt token ids, e.g. 4,5,6");
    auto* prompt = sub->add_option("--prompt", args->prompt, "Prompt text (needs tokenizer.json)");
    ids->excludes(prompt);
    sub->add_option("--template", args->templ, "Prompt template: qwen-boxed, abel, plain, or text "
                                               "containing {question}")
        ->needs(prompt);
    sub->add_option("--max-new-tokens", args->maxNewTokens, "New tokens at most")->required();
    auto* greedy = sub->add_flag("--greedy", args->greedy, "Greedy decoding (the default)");
    auto* t = sub->add_option("--temperature", args->temperature, "Sampling temperature (> 0)");
    auto* p = sub->add_option("--top-p", args->topP, "Nucleus sampling mass in (0, 1]");
    auto* k = sub->add_option("--top-k", args->topK, "Keep the k most likely tokens (0 = off)");
    auto* s = sub->add_option("--seed", args->seed, "Sampling seed");
    for (auto* o : {t, p, k, s}) greedy->excludes(o);
    sub->add_option("--stop-ids", args->stopIds, "Stop token ids (default: the config's eos ids)");
    sub->add_option("--ablate", args->ablate,
                    "HOOK:DIMS[:zero|mean], e.g. blocks.1.hook_resid_post:3,17,42 (repeatable)");
    sub->add_flag("--json", args->json, "Print {\"ids\": [...], \"text\": ...} on stdout");
    addRuntimeOptions(sub, args->runtime);
    sub->callback([args, ids, prompt, t, p, k, s] {
        if (ids->count() == 0 && prompt->count() == 0)
            throw CLI::RequiredError("--ids or --prompt");
        args->sampling = t->count() + p->count() + k->count() + s->count() > 0;
        runGenerate(*args);
    });
});

}  // namespace
}  // namespace srs::app::cli
