#include "app/gui/playground_controller.h"

#include <QElapsedTimer>
#include <QMetaObject>
#include <QPointer>
#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>

#include "app/gui/device_options.h"
#include "app/gui/job_runner.h"
#include "core/error.h"
#include "core/model/checkpoint.h"
#include "core/model/generation.h"
#include "core/model/hook_names.h"
#include "core/model/intervention.h"
#include "core/model/transformer.h"
#include "core/probe/probe_file.h"
#include "core/probe/probe_trainer.h"
#include "core/tasks/grading.h"
#include "core/tokenizer/prompt_template.h"
#include "core/tokenizer/tokenizer.h"
#include "widgets/playground_view.h"

namespace srs::app::gui {
namespace fs = std::filesystem;

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// Length of the longest prefix of `s` that ends on a complete UTF-8 sequence.
std::size_t completeUtf8Prefix(const std::string& s) {
    std::size_t i = s.size();
    // Walk back over at most 3 continuation bytes to the lead byte of the last sequence.
    std::size_t back = 0;
    while (i > 0 && back < 4 && (static_cast<unsigned char>(s[i - 1]) & 0xC0) == 0x80) {
        --i;
        ++back;
    }
    if (i == 0) return back == 0 ? 0 : (back >= 4 ? s.size() : 0);
    const auto lead = static_cast<unsigned char>(s[i - 1]);
    std::size_t need = 1;
    if (lead >= 0xF0) need = 4;
    else if (lead >= 0xE0) need = 3;
    else if (lead >= 0xC0) need = 2;
    else return s.size();  // ASCII lead: complete (stray continuations pass through)
    return back + 1 >= need ? s.size() : i - 1;
}
}  // namespace

std::string Utf8Stream::push(const std::string& bytes) {
    m_pending += bytes;
    const std::size_t n = completeUtf8Prefix(m_pending);
    std::string out = m_pending.substr(0, n);
    m_pending.erase(0, n);
    return out;
}

std::string Utf8Stream::flush() {
    std::string out;
    out.swap(m_pending);
    return out;
}

/// Shared between the GUI thread (settings) and the worker (the loaded runtime).
struct PlaygroundController::State {
    std::mutex mutex;  // guards the settings and `stats` (held briefly, GUI thread never waits long)
    std::string modelDir, probesPath;
    int maxNewTokens = 64;
    PlaygroundStats stats;
    std::mutex runMutex;  // guards the loaded runtime below (worker threads only)
    std::string loadedDir;
    std::shared_ptr<core::Checkpoint> checkpoint;
    std::unique_ptr<core::Transformer> model;
    std::optional<core::Tokenizer> tokenizer;
    std::string templ;
    core::TaskKind taskKind = core::TaskKind::Math;
    std::string loadedProbes;
    std::optional<core::ProbeTrainResult> probes;
};

PlaygroundController::PlaygroundController(JobRunner* runner, widgets::PlaygroundView* view, QObject* parent)
    : QObject(parent), m_runner(runner), m_view(view), m_state(std::make_shared<State>()) {
    connect(m_view, &widgets::PlaygroundView::generateRequested, this,
            [this](const widgets::PlaygroundRequest& r) { generate(r); });
    connect(m_runner, &JobRunner::jobCancelled, this, [this](int id) {
        if (id != 0 && id == m_job) finishRun(tr("Cancelled"));
    });
}

PlaygroundController::~PlaygroundController() = default;

void PlaygroundController::setModelDir(const QString& dir) {
    std::lock_guard lock(m_state->mutex);
    m_state->modelDir = dir.toStdString();
}
QString PlaygroundController::modelDir() const {
    std::lock_guard lock(m_state->mutex);
    return QString::fromStdString(m_state->modelDir);
}
void PlaygroundController::setProbesFile(const QString& path) {
    std::lock_guard lock(m_state->mutex);
    m_state->probesPath = path.toStdString();
}
QString PlaygroundController::probesFile() const {
    std::lock_guard lock(m_state->mutex);
    return QString::fromStdString(m_state->probesPath);
}
void PlaygroundController::setMaxNewTokens(int n) {
    std::lock_guard lock(m_state->mutex);
    m_state->maxNewTokens = n;
}
bool PlaygroundController::isRunning() const { return m_job != 0 && m_runner->isRunning(m_job); }
PlaygroundStats PlaygroundController::lastStats() const {
    std::lock_guard lock(m_state->mutex);
    return m_state->stats;
}

int PlaygroundController::generate(const widgets::PlaygroundRequest& request) {
    if (isRunning()) return 0;
    if (modelDir().isEmpty()) {
        m_view->setStatus(tr("Open a model or a workspace first."));
        return 0;
    }
    auto state = m_state;
    const core::RuntimeOptions runtime = runtimeOptionsFromSettings();
    QPointer<widgets::PlaygroundView> view(m_view);
    m_view->clearAnswers();
    m_view->setBusy(true);
    m_view->setStatus(tr("Generating..."));

    auto work = [state, runtime, view, request](const core::JobContext& ctx) {
        core::SamplingOptions so;
        so.greedy = true;
        std::lock_guard runLock(state->runMutex);
        State& st = *state;
        std::string wantDir, wantProbes;
        {
            std::lock_guard lock(st.mutex);
            wantDir = st.modelDir;
            wantProbes = st.probesPath;
            so.maxNewTokens = st.maxNewTokens;
        }
        PlaygroundStats stats;
        struct Publish {  // stats reach lastStats() however the job ends
            State& st;
            PlaygroundStats& stats;
            ~Publish() {
                std::lock_guard lock(st.mutex);
                st.stats = stats;
            }
        } publish{st, stats};
        QElapsedTimer clock;
        clock.start();
        if (!st.model || st.loadedDir != wantDir) {
            ctx.report("load model", 0, 1, "models");
            st.model.reset();
            st.tokenizer.reset();
            const fs::path dir(wantDir);
            if (!fs::exists(dir / "tokenizer.json"))
                throw Error(fmt::format("{}: the playground needs tokenizer.json in the model folder",
                                        (dir / "tokenizer.json").string()));
            st.checkpoint = core::Checkpoint::open(dir);
            core::RuntimeOptions opts = runtime;
            opts.threads = core::configureThreads(runtime.threads);
            st.model = std::make_unique<core::Transformer>(st.checkpoint, opts);
            st.tokenizer = core::Tokenizer::fromFile(dir / "tokenizer.json");
            st.templ.clear();
            st.taskKind = core::TaskKind::Math;
            if (fs::exists(dir / "srs_demo.json")) {
                std::ifstream in(dir / "srs_demo.json");
                nlohmann::json j = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
                if (j.is_object() && j.contains("template") && j["template"].is_string())
                    st.templ = j["template"].get<std::string>();
                if (j.is_object() && j.contains("task_kind") && j["task_kind"].is_string())
                    st.taskKind = core::parseTaskKind(j["task_kind"].get<std::string>());
            }
            st.loadedDir = wantDir;
            stats.loadSeconds = static_cast<double>(clock.nsecsElapsed()) / 1e9;
            ctx.report("load model", 1, 1, "models");
        }
        if (wantProbes != st.loadedProbes) {
            st.probes.reset();
            st.loadedProbes.clear();
            if (!wantProbes.empty()) st.probes = core::readProbeFile(wantProbes);
            st.loadedProbes = wantProbes;
        }
        const auto& cfg = st.checkpoint->config();
        if (request.question.empty()) throw InvalidArgument("the question is empty");
        const std::string text =
            st.templ.empty() ? request.question : core::applyPromptTemplate(st.templ, request.question);
        const std::vector<int> prompt = st.tokenizer->encode(text);
        if (prompt.empty()) throw InvalidArgument("the question tokenizes to nothing");

        // The intervention: hook + dims parsed (and validated) like the CLI's --ablate.
        std::vector<core::Intervention> interventions;
        int hookLayer = -1;
        if (!request.hook.empty() && !request.dims.empty()) {
            core::Intervention iv = core::parseAblationSpec(request.hook + ":" + request.dims, cfg.numLayers,
                                                            cfg.hiddenSize);
            if (request.op == "scale") {
                iv.op = core::InterventionOp::Scale;
                iv.value = static_cast<float>(request.amount);
            } else if (request.op == "set") {
                iv.op = core::InterventionOp::Set;
                iv.value = static_cast<float>(request.amount);
            } else if (request.op == "mean") {
                iv.op = core::InterventionOp::Mean;
            } else {
                iv.op = core::InterventionOp::Zero;
            }
            hookLayer = core::hooks::parse(iv.hook, cfg.numLayers).layer;
            interventions.push_back(std::move(iv));
        } else if (!request.hook.empty()) {
            hookLayer = core::hooks::parse(request.hook, cfg.numLayers).layer;
        }

        // The value probe of the hook's layer reads that layer's captured state.
        const core::LayerProbe* probe = nullptr;
        std::string captureHook;
        if (st.probes && hookLayer >= 0)
            for (const auto& p : st.probes->layers)
                if (p.layer == hookLayer) {
                    probe = &p;
                    captureHook = core::hooks::resolve(st.probes->options.hook, hookLayer, cfg.numLayers);
                }

        for (int pane = 0; pane < 2; ++pane) {
            if (pane == 1 && interventions.empty()) break;
            ctx.checkCancelled();
            QElapsedTimer paneClock;
            paneClock.start();
            Utf8Stream utf8;
            // Batched hand-over to the GUI thread (one queued call per ~30 ms).
            std::vector<std::pair<std::string, double>> batch;
            QElapsedTimer flushClock;
            flushClock.start();
            auto flush = [&](bool force) {
                if (batch.empty() || (!force && flushClock.elapsed() < 30)) return;
                QMetaObject::invokeMethod(
                    view.data(),
                    [view, pane, items = std::move(batch)] {
                        if (!view) return;
                        for (const auto& [t, v] : items) view->appendToken(pane, QString::fromStdString(t), v);
                    },
                    Qt::QueuedConnection);
                batch.clear();
                flushClock.restart();
            };
            auto emitItem = [&](const std::string& piece, double value, bool isToken) {
                if (isToken && stats.tokens[pane] == 0)
                    stats.firstTokenMs[pane] = static_cast<double>(paneClock.nsecsElapsed()) / 1e6;
                stats.values[pane].push_back(value);
                batch.emplace_back(piece, value);
                flush(false);
            };
            // A generated token is shown with V(s_t) of its own state, which the next forward
            // computes: with a probe, a token waits one step in `pending`.
            std::optional<int> pending;  // token id waiting for its value (-1 = the prompt, s_0)
            const std::vector<int>& stops = cfg.eosTokenIds;
            core::GenerationObserver observer;
            if (probe) observer.capture = {captureHook};
            observer.onStep = [&](const core::GenerationStep& stepInfo) {
                double value = kNaN;
                if (probe) {
                    const auto& row = stepInfo.captured.at(0).at(0);
                    std::vector<float> x;
                    x.reserve(probe->weights.dims.size());
                    for (auto d : probe->weights.dims) x.push_back(row.at(static_cast<std::size_t>(d)));
                    value = core::probeForward(probe->weights, x, 1).at(0);
                    const int id = stepInfo.step == 0 ? -1 : pending.value_or(-2);
                    if (id == -1) emitItem("", value, false);  // s_0: the prompt's last token
                    else if (id >= 0) {
                        stats.ids[pane].push_back(id);
                        emitItem(utf8.push(st.tokenizer->decodeToken(id)), value, true);
                        ++stats.tokens[pane];
                    }
                    pending.reset();
                }
                const int token = stepInfo.tokens.at(0);
                if (token < 0 || std::find(stops.begin(), stops.end(), token) != stops.end()) return;
                if (probe) {
                    pending = token;
                } else {
                    stats.ids[pane].push_back(token);
                    emitItem(utf8.push(st.tokenizer->decodeToken(token)), kNaN, true);
                    ++stats.tokens[pane];
                }
            };
            const auto results = core::generate(*st.model, {prompt}, so, pane == 0 ? std::vector<core::Intervention>{}
                                                                                    : interventions,
                                                &ctx, &observer);
            const std::string rest = utf8.flush();
            if (!rest.empty()) batch.emplace_back(rest, kNaN);
            flush(true);
            const double seconds = static_cast<double>(paneClock.nsecsElapsed()) / 1e9;
            stats.tokensPerSecond[pane] = seconds > 0 ? stats.tokens[pane] / seconds : 0.0;
            stats.answer[pane] = st.tokenizer->decode(results.at(0).ids);
            if (!request.gold.empty()) {
                const auto g = core::grade(stats.answer[pane], request.gold, st.taskKind);
                stats.reward[pane] = g.reward;
                stats.extracted[pane] = g.extracted;
            }
        }
    };

    m_job = m_runner->start(
        tr("Playground"), work, [this] { finishRun(QString()); },
        [this](const QString& message) { finishRun(message); });
    return m_job;
}

void PlaygroundController::finishRun(const QString& message) {
    const PlaygroundStats s = lastStats();
    QPointer<widgets::PlaygroundView> view(m_view);
    {
        if (view) {
            view->setBusy(false);
            for (int pane = 0; pane < 2; ++pane) {
                if (s.reward[pane] < 0) continue;
                view->setGrade(pane, s.reward[pane] == 1
                                         ? tr("Correct (answer %1)").arg(QString::fromStdString(s.extracted[pane]))
                                         : tr("Wrong (answer %1)")
                                               .arg(s.extracted[pane].empty()
                                                        ? tr("none")
                                                        : QString::fromStdString(s.extracted[pane])));
            }
            if (message.isEmpty()) {
                QString status = tr("First token after %1 ms, %2 tokens/s")
                                     .arg(s.firstTokenMs[0], 0, 'f', 0)
                                     .arg(s.tokensPerSecond[0], 0, 'f', 0);
                if (s.loadSeconds > 0) status += tr(" (model loaded in %1 s)").arg(s.loadSeconds, 0, 'f', 2);
                view->setStatus(status);
            } else {
                view->setStatus(message);
            }
        }
        m_job = 0;
        emit runFinished(message);
    }
}

}  // namespace srs::app::gui
