// srs forward MODEL_DIR --ids 4,5,6 [--ablate HOOK:DIMS[:zero|mean]]... --out FILE.safetensors
#include <ATen/ATen.h>
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <iostream>

#include "app/cli/cli_common.h"
#include "app/cli/command.h"
#include "core/error.h"
#include "core/io/safetensors.h"
#include "core/model/checkpoint.h"
#include "core/model/hook_names.h"
#include "core/model/intervention.h"
#include "core/model/transformer.h"

namespace srs::app::cli {
namespace {

struct ForwardArgs {
    std::string modelDir, ids, out;
    std::vector<std::string> ablate;
    bool force = false, json = false;
    RuntimeOptions runtime;
};

void runForward(const ForwardArgs& args) {
    auto ids = parseIntList(args.ids, "--ids");
    if (ids.empty()) throw InvalidArgument("--ids: expected at least one token id");
    core::RuntimeOptions opts;
    opts.dtype = core::parseComputeDtype(args.runtime.dtype);
    opts.device = args.runtime.device;
    opts.threads = core::configureThreads(args.runtime.threads);
    auto ckpt = core::Checkpoint::open(args.modelDir);
    const auto& cfg = ckpt->config();
    for (auto id : ids)
        if (id < 0 || id >= cfg.vocabSize)
            throw InvalidArgument(fmt::format("--ids: token id {} out of range (vocab size {}, valid 0..{})",
                                              id, cfg.vocabSize, cfg.vocabSize - 1));
    core::ForwardRequest req;
    for (const auto& spec : args.ablate)
        req.interventions.push_back(core::parseAblationSpec(spec, cfg.numLayers, cfg.hiddenSize));
    std::vector<std::string> names{core::hooks::embed()};
    for (int l = 0; l < cfg.numLayers; ++l) names.push_back(core::hooks::residPost(l));
    names.push_back(core::hooks::lnFinal());
    req.capture = names;

    core::Transformer model(ckpt, opts);
    std::vector<std::int64_t> ids64(ids.begin(), ids.end());
    auto out = model.forward(at::tensor(ids64, at::kLong).unsqueeze(0), req);

    std::vector<at::Tensor> keep;
    std::vector<core::TensorToWrite> tensors;
    names.push_back("logits");
    for (const auto& name : names) {
        const at::Tensor& t = name == "logits" ? out.logits : out.captured.at(name);
        keep.push_back(t[0].to(at::kFloat).contiguous());
        tensors.push_back({name, core::DType::F32,
                           std::vector<std::int64_t>(keep.back().sizes().begin(), keep.back().sizes().end()),
                           keep.back().data_ptr()});
    }
    std::map<std::string, std::string> meta{{"format", "srs-forward"},
                                            {"model_dir", args.modelDir},
                                            {"ids", args.ids},
                                            {"dtype", core::computeDtypeName(opts.dtype)}};
    std::string ablations;
    for (const auto& a : args.ablate) ablations += (ablations.empty() ? "" : ";") + a;
    if (!ablations.empty()) meta["ablate"] = ablations;
    core::writeSafetensors(args.out, tensors, meta, args.force);

    auto argmax = out.logits[0].argmax(-1);
    std::vector<std::int64_t> top(argmax.data_ptr<std::int64_t>(),
                                  argmax.data_ptr<std::int64_t>() + argmax.numel());
    if (args.json) {
        printJson({{"out", args.out}, {"tensors", names}, {"tokens", ids.size()}, {"argmax", top}});
    } else {
        std::cout << "wrote " << args.out << ": " << names.size() << " float32 tensors over "
                  << ids.size() << " tokens; next-token argmax " << top.back() << "\n";
    }
}

RegisterCommand reg(40, [](CLI::App& root) {
    auto args = std::make_shared<ForwardArgs>();
    CLI::App* sub = root.add_subcommand(
        "forward", "Run one forward pass and save embeddings, every layer's residual stream, the "
                   "final norm and the logits as float32 [T,.] tensors in a safetensors file");
    sub->add_option("MODEL_DIR", args->modelDir, "Hugging Face model folder")->required();
    sub->add_option("--ids", args->ids, "Token ids, e.g. 4,5,6")->required();
    sub->add_option("--ablate", args->ablate,
                    "HOOK:DIMS[:zero|mean], e.g. blocks.1.hook_resid_post:3,17,42 (repeatable)");
    sub->add_option("--out", args->out, "Output .safetensors file")->required();
    sub->add_flag("--force", args->force, "Replace --out if it exists");
    sub->add_flag("--json", args->json, "Print a JSON summary on stdout");
    addRuntimeOptions(sub, args->runtime);
    sub->callback([args] { runForward(*args); });
});

}  // namespace
}  // namespace srs::app::cli
