#include "core/session/steps/generate_step.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>

#include <fmt/format.h>

#include "core/error.h"
#include "core/io/atomic_file.h"
#include "core/model/checkpoint.h"
#include "core/model/generation.h"
#include "core/model/hook_names.h"
#include "core/model/intervention.h"
#include "core/model/transformer.h"
#include "core/probe/probe_file.h"
#include "core/probe/probe_trainer.h"
#include "core/tasks/answer_extraction.h"
#include "core/tasks/grading.h"
#include "core/tokenizer/prompt_template.h"
#include "core/tokenizer/tokenizer.h"

namespace srs::core {
namespace {

using json = nlohmann::json;
namespace fs = std::filesystem;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

InterventionOp parseOp(const std::string& op, const std::string& where) {
    if (op == "zero") return InterventionOp::Zero;
    if (op == "scale") return InterventionOp::Scale;
    if (op == "set") return InterventionOp::Set;
    if (op == "mean") return InterventionOp::Mean;
    throw InvalidArgument(fmt::format("{}: unknown operation '{}' (expected zero, scale, set or mean)", where, op));
}

json numberOrNull(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

json armJson(const GenerateArm& a) {
    json values = json::array();
    for (double v : a.values) values.push_back(numberOrNull(v));
    return {{"ids", a.ids},
            {"text", a.text},
            {"finish_reason", a.finishReason},
            {"values", values},
            {"reward", a.reward < 0 ? json(nullptr) : json(a.reward)},
            {"extracted", a.extracted}};
}

}  // namespace

struct GenerateEngine::Impl {
    std::string modelDir;
    std::shared_ptr<Checkpoint> checkpoint;
    std::unique_ptr<Transformer> model;
    std::optional<Tokenizer> tokenizer;
};

GenerateEngine::GenerateEngine(const std::string& modelDir, const RuntimeOptions& runtime,
                               const std::string& tokenizerPath)
    : m_impl(std::make_unique<Impl>()) {
    const fs::path dir(modelDir);
    const fs::path tok = tokenizerPath.empty() ? dir / "tokenizer.json" : fs::path(tokenizerPath);
    if (!fs::exists(tok))
        throw Error(fmt::format("{}: generation needs a tokenizer (tokenizer.json in the model folder)", tok.string()));
    m_impl->modelDir = modelDir;
    m_impl->checkpoint = Checkpoint::open(dir);
    RuntimeOptions opts = runtime;
    opts.threads = configureThreads(runtime.threads);
    m_impl->model = std::make_unique<Transformer>(m_impl->checkpoint, opts);
    m_impl->tokenizer = Tokenizer::fromFile(tok);
}

GenerateEngine::~GenerateEngine() = default;

const Tokenizer& GenerateEngine::tokenizer() const { return *m_impl->tokenizer; }
int GenerateEngine::numLayers() const { return m_impl->checkpoint->config().numLayers; }
int GenerateEngine::hiddenSize() const { return m_impl->checkpoint->config().hiddenSize; }
const std::string& GenerateEngine::modelDir() const { return m_impl->modelDir; }

GenerateOutcome GenerateEngine::run(const GenerateRequest& request, const ProbeTrainResult* probes,
                                    const JobContext& job, const GenerateCallbacks& callbacks) const {
    const auto& cfg = m_impl->checkpoint->config();
    const Tokenizer& tok = *m_impl->tokenizer;
    if (request.prompt.empty()) throw InvalidArgument("the question is empty");
    if (request.maxNewTokens < 1) throw InvalidArgument("max new tokens must be >= 1");
    const std::string text =
        request.templateName.empty() ? request.prompt : applyPromptTemplate(request.templateName, request.prompt);
    GenerateOutcome out;
    out.promptIds = tok.encode(text);
    if (out.promptIds.empty()) throw InvalidArgument("the question tokenizes to nothing");

    std::vector<Intervention> interventions;
    for (std::size_t i = 0; i < request.interventions.size(); ++i) {
        const auto& g = request.interventions[i];
        const std::string where = fmt::format("intervention {} ({}:{})", i + 1, g.hook, g.dims);
        Intervention iv = parseAblationSpec(g.hook + ":" + g.dims, cfg.numLayers, cfg.hiddenSize);
        iv.op = parseOp(g.op, where);
        iv.value = static_cast<float>(g.value);
        interventions.push_back(std::move(iv));
    }

    // The value probe of the value hook's layer reads that layer's state.
    const LayerProbe* probe = nullptr;
    if (probes && !request.valueHook.empty()) {
        const int layer = hooks::parse(request.valueHook, cfg.numLayers).layer;
        for (const auto& p : probes->layers)
            if (p.layer == layer) {
                probe = &p;
                out.valueHook = hooks::resolve(probes->options.hook, layer, cfg.numLayers);
            }
    }

    SamplingOptions so;
    so.greedy = request.greedy;
    so.temperature = request.temperature;
    so.topP = request.topP;
    so.topK = request.topK;
    so.seed = request.seed;
    so.maxNewTokens = request.maxNewTokens;
    TaskKind kind = parseTaskKind(request.grading);

    for (int pane = 0; pane < 2; ++pane) {
        if (pane == 1 && interventions.empty()) break;
        job.checkCancelled();
        if (callbacks.paneStarted) callbacks.paneStarted(pane);
        GenerateArm arm;
        // A generated token gets V of its own state, which the next forward computes: with a
        // probe, a token waits one step in `pending`.
        std::optional<int> pending;
        const std::vector<int>& stops = cfg.eosTokenIds;
        GenerationObserver observer;
        if (probe) observer.capture = {out.valueHook};
        observer.onStep = [&](const GenerationStep& s) {
            if (probe) {
                const auto& row = s.captured.at(0).at(0);
                std::vector<float> x;
                x.reserve(probe->weights.dims.size());
                for (auto d : probe->weights.dims) x.push_back(row.at(static_cast<std::size_t>(d)));
                const double value = probeForward(probe->weights, x, 1).at(0);
                if (s.step == 0) {
                    arm.values.push_back(value);
                    if (callbacks.item) callbacks.item(pane, -1, value);
                } else if (pending) {
                    arm.values.push_back(value);
                    if (callbacks.item) callbacks.item(pane, *pending, value);
                }
                pending.reset();
            }
            const int token = s.tokens.at(0);
            if (token < 0 || std::find(stops.begin(), stops.end(), token) != stops.end()) return;
            if (probe) pending = token;
            else if (callbacks.item) callbacks.item(pane, token, kNaN);
        };
        const auto results = generate(*m_impl->model, {out.promptIds}, so,
                                      pane == 0 ? std::vector<Intervention>{} : interventions, &job, &observer);
        arm.ids = results.at(0).ids;
        arm.finishReason = results.at(0).finishReason;
        arm.text = tok.decode(arm.ids);
        if (!request.gold.empty()) {
            const auto g = grade(arm.text, request.gold, kind);
            arm.reward = g.reward;
            arm.extracted = g.extracted;
        }
        if (callbacks.paneFinished) callbacks.paneFinished(pane);
        if (pane == 0) out.baseline = std::move(arm);
        else out.intervened = std::move(arm);
    }
    return out;
}

json generateParams(const GenerateRequest& r) {
    json ivs = json::array();
    for (const auto& g : r.interventions) ivs.push_back({{"hook", g.hook}, {"dims", g.dims}, {"op", g.op}, {"value", g.value}});
    return {{"prompt", r.prompt},
            {"template", r.templateName},
            {"gold", r.gold},
            {"grading", r.grading},
            {"interventions", ivs},
            {"value_hook", r.valueHook},
            {"greedy", r.greedy},
            {"temperature", r.temperature},
            {"top_p", r.topP},
            {"top_k", r.topK},
            {"seed", r.seed},
            {"max_new_tokens", r.maxNewTokens},
            {"dtype", computeDtypeName(r.runtime.dtype)},
            {"device", r.runtime.device},
            {"threads", r.runtime.threads}};
}

GenerateRequest generateRequestFromParams(const json& params, const std::string& where) {
    ParamReader p(params, where);
    p.allowOnly({"prompt", "template", "gold", "grading", "interventions", "value_hook", "greedy", "temperature",
                 "top_p", "top_k", "seed", "max_new_tokens", "dtype", "device", "threads"});
    GenerateRequest r;
    r.prompt = p.str("prompt");
    if (r.prompt.empty()) p.fail("prompt", "a non-empty question");
    r.templateName = p.str("template", "");
    if (!r.templateName.empty() && !isValidPromptTemplate(r.templateName))
        p.fail("template", "a template name or a text holding {question}");
    r.gold = p.str("gold", "");
    r.grading = p.str("grading", r.grading);
    try {
        (void)parseTaskKind(r.grading);
    } catch (const Error&) {
        p.fail("grading", "math, gsm8k or choice");
    }
    if (p.has("interventions")) {
        const json& list = params.at("interventions");
        if (!list.is_array()) p.fail("interventions", "an array of {hook, dims, op, value}");
        for (std::size_t i = 0; i < list.size(); ++i) {
            const std::string key = fmt::format("interventions[{}]", i);
            if (!list[i].is_object()) p.fail(key, "an object {hook, dims, op, value}");
            ParamReader e(list[i], where + " " + key);
            e.allowOnly({"hook", "dims", "op", "value"});
            GenerateIntervention g;
            g.hook = e.str("hook");
            g.dims = e.str("dims");
            g.op = e.str("op", "zero");
            g.value = e.number("value", 0.0);
            if (g.op != "zero" && g.op != "scale" && g.op != "set" && g.op != "mean")
                e.fail("op", "zero, scale, set or mean");
            r.interventions.push_back(std::move(g));
        }
    }
    r.valueHook = p.str("value_hook", "");
    r.greedy = p.flag("greedy", true);
    r.temperature = p.number("temperature", 1.0);
    r.topP = p.number("top_p", 1.0);
    const long long topK = p.integer("top_k", 0);
    if (topK < 0 || topK > std::numeric_limits<int>::max()) p.fail("top_k", "an integer >= 0");
    r.topK = static_cast<int>(topK);
    if (!r.greedy && !(r.temperature > 0.0)) p.fail("temperature", "a number > 0 when sampling");
    if (!(r.topP > 0.0 && r.topP <= 1.0)) p.fail("top_p", "a number in (0, 1]");
    r.seed = p.u64("seed", 0);
    const long long maxNew = p.integer("max_new_tokens", 64);
    if (maxNew < 1 || maxNew > std::numeric_limits<int>::max()) p.fail("max_new_tokens", "an integer >= 1");
    r.maxNewTokens = static_cast<int>(maxNew);
    try {
        r.runtime.dtype = parseComputeDtype(p.str("dtype", "float32"));
    } catch (const Error&) {
        p.fail("dtype", "float32 or bfloat16");
    }
    r.runtime.device = p.str("device", "cpu");
    const long long threads = p.integer("threads", 0);
    if (threads < 0 || threads > 4096) p.fail("threads", "an integer >= 0");
    r.runtime.threads = static_cast<int>(threads);
    return r;
}

json generateJson(const GenerateRequest& request, const GenerateOutcome& o) {
    (void)request;
    return {{"format", "srs-generation"},
            {"version", 1},
            {"prompt_ids", o.promptIds},
            {"value_hook", o.valueHook.empty() ? json(nullptr) : json(o.valueHook)},
            {"baseline", armJson(o.baseline)},
            {"intervened", o.intervened ? armJson(*o.intervened) : json(nullptr)}};
}

namespace {

void validateGenerate(const json& params, const std::string& where) { (void)generateRequestFromParams(params, where); }

void runGenerateStep(const StepRunContext& c) {
    const std::string where = fmt::format("step '{}' ({})", c.step.id, c.step.kind);
    const GenerateRequest request = generateRequestFromParams(c.step.parameters, where);
    if (c.modelPath.empty()) throw FormatError(fmt::format("{}: the step records no model", where));
    const std::string out = c.output("generation");
    if (out.empty()) throw FormatError(fmt::format("{}: the step records no output 'generation'", where));
    std::optional<ProbeTrainResult> probes;
    if (c.inputs.count("probes")) probes = readProbeFile(c.input("probes"));
    const std::string tokenizer = c.inputs.count("tokenizer") ? c.input("tokenizer") : std::string();
    GenerateEngine engine(c.modelPath, request.runtime, tokenizer);
    const GenerateOutcome outcome = engine.run(request, probes ? &*probes : nullptr, c.job);
    writeFileAtomically(out, generateJson(request, outcome).dump(1, ' ', false, json::error_handler_t::replace) + "\n",
                        false);
}

}  // namespace

void registerGenerateStep(StepRegistry& registry) {
    registry.add({"generate",
                  "A playground run: baseline and intervened answers with V(s_t) traces and grades (workbench)",
                  {"seed"}, validateGenerate, runGenerateStep, ""});
}

}  // namespace srs::core
