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
#include "app/gui/session_controller.h"
#include "core/io/atomic_file.h"
#include "core/probe/probe_file.h"
#include "core/probe/probe_options.h"
#include "core/session/steps/generate_step.h"
#include "core/tasks/answer_extraction.h"
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
    std::unique_ptr<core::GenerateEngine> engine;
    core::RuntimeOptions runtime;  // what the engine was loaded with (recorded in the step)
    std::string templ;
    std::string grading = "math";
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
void PlaygroundController::setRecording(std::function<RecordTarget()> target,
                                        std::function<void(const core::SessionStep&)> append) {
    m_recordTarget = std::move(target);
    m_recordAppend = std::move(append);
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
    const RecordTarget target = m_recordTarget ? m_recordTarget() : RecordTarget{};
    auto step = std::make_shared<std::optional<core::SessionStep>>();
    const std::string started = core::isoTimeNow();
    QPointer<widgets::PlaygroundView> view(m_view);
    m_view->clearAnswers();
    m_view->setBusy(true);
    m_view->setStatus(tr("Generating..."));

    auto work = [state, runtime, view, request, target, step, started](const core::JobContext& ctx) {
        std::lock_guard runLock(state->runMutex);
        State& st = *state;
        std::string wantDir, wantProbes;
        int maxNewTokens = 64;
        {
            std::lock_guard lock(st.mutex);
            wantDir = st.modelDir;
            wantProbes = st.probesPath;
            maxNewTokens = st.maxNewTokens;
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
        if (!st.engine || st.loadedDir != wantDir) {
            ctx.report("load model", 0, 1, "models");
            st.engine.reset();
            const fs::path dir(wantDir);
            if (!fs::exists(dir / "tokenizer.json"))
                throw Error(fmt::format("{}: the playground needs tokenizer.json in the model folder",
                                        (dir / "tokenizer.json").string()));
            st.engine = std::make_unique<core::GenerateEngine>(wantDir, runtime);
            st.runtime = runtime;
            st.templ.clear();
            st.grading = "math";
            if (fs::exists(dir / "srs_demo.json")) {
                std::ifstream in(dir / "srs_demo.json");
                nlohmann::json j = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
                if (j.is_object() && j.contains("template") && j["template"].is_string())
                    st.templ = j["template"].get<std::string>();
                if (j.is_object() && j.contains("task_kind") && j["task_kind"].is_string())
                    st.grading = core::taskKindName(core::parseTaskKind(j["task_kind"].get<std::string>()));
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

        // The run as a `generate` step records it (core/session/steps/generate_step.h).
        core::GenerateRequest req;
        req.prompt = request.question;
        req.templateName = st.templ;
        req.gold = request.gold;
        req.grading = st.grading;
        if (!request.hook.empty() && !request.dims.empty())
            req.interventions.push_back({request.hook, request.dims, request.op.empty() ? "zero" : request.op,
                                         request.op == "scale" || request.op == "set" ? request.amount : 0.0});
        req.valueHook = request.hook;
        req.greedy = true;
        req.maxNewTokens = maxNewTokens;
        req.runtime = st.runtime;

        // Streaming: per pane, UTF-8 held back until complete, batched hand-over to the GUI
        // thread (one queued call per ~30 ms).
        Utf8Stream utf8;
        QElapsedTimer paneClock, flushClock;
        std::vector<std::pair<std::string, double>> batch;
        int pane = 0;
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
        core::GenerateCallbacks cb;
        cb.paneStarted = [&](int p) {
            pane = p;
            utf8 = Utf8Stream();
            paneClock.start();
            flushClock.start();
        };
        cb.item = [&](int p, int token, double value) {
            stats.values[p].push_back(value);
            if (token < 0) {
                batch.emplace_back(std::string(), value);  // s_0: the prompt's last token
            } else {
                if (stats.tokens[p] == 0) stats.firstTokenMs[p] = static_cast<double>(paneClock.nsecsElapsed()) / 1e6;
                stats.ids[p].push_back(token);
                batch.emplace_back(utf8.push(st.engine->tokenizer().decodeToken(token)), value);
                ++stats.tokens[p];
            }
            flush(false);
        };
        cb.paneFinished = [&](int p) {
            const std::string rest = utf8.flush();
            if (!rest.empty()) batch.emplace_back(rest, kNaN);
            flush(true);
            const double seconds = static_cast<double>(paneClock.nsecsElapsed()) / 1e9;
            stats.tokensPerSecond[p] = seconds > 0 ? stats.tokens[p] / seconds : 0.0;
        };
        const core::GenerateOutcome outcome =
            st.engine->run(req, st.probes ? &*st.probes : nullptr, ctx, cb);
        for (int p = 0; p < 2; ++p) {
            const core::GenerateArm* arm = p == 0 ? &outcome.baseline : (outcome.intervened ? &*outcome.intervened : nullptr);
            if (!arm) continue;
            stats.answer[p] = arm->text;
            stats.reward[p] = arm->reward;
            stats.extracted[p] = arm->extracted;
        }
        if (!target.outPath.empty()) {
            core::writeFileAtomically(target.outPath,
                                      core::generateJson(req, outcome)
                                              .dump(1, ' ', false, nlohmann::json::error_handler_t::replace) +
                                          "\n",
                                      /*overwrite=*/false);
            PathList inputs{{"tokenizer", (fs::path(wantDir) / "tokenizer.json").string()}};
            if (!outcome.valueHook.empty()) inputs.emplace_back("probes", wantProbes);
            core::SessionStep s = SessionController::makeStep("generate", core::generateParams(req), inputs,
                                                              {{"generation", target.outPath}}, wantDir,
                                                              target.baseDir, started);
            std::string label = request.question.substr(0, 40);
            if (label.size() < request.question.size()) label += "...";
            s.label = "playground: " + label;
            *step = std::move(s);
        }
    };

    m_job = m_runner->start(
        tr("Playground"), work,
        [this, step] {
            if (*step && m_recordAppend) m_recordAppend(**step);
            finishRun(QString());
        },
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
