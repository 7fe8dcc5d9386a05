// MainWindow: the model-level analyses of the Analysis menu (ablation sweep, dopamine neurons,
// confidence signals): defaults from the open workspace, a dialog, a job that writes the
// result into <workspace>/analyses/ (never overwriting), records the step `srs ... --session`
// records, and shows the result in its view.
#include <fmt/format.h>

#include <QDir>
#include <QFileInfo>
#include <QPointer>
#include <QStatusBar>
#include <QTabWidget>
#include <QTreeView>
#include <algorithm>
#include <filesystem>
#include <memory>
#include <optional>

#include "app/gui/analysis_dialogs.h"
#include "app/gui/device_options.h"
#include "app/gui/job_runner.h"
#include "app/gui/main_window.h"
#include "app/gui/playground_controller.h"
#include "app/gui/session_controller.h"
#include "core/analysis/ablation.h"
#include "core/analysis/confidence.h"
#include "core/analysis/dopamine.h"
#include "core/cache/activation_cache_reader.h"
#include "core/error.h"
#include "core/io/atomic_file.h"
#include "core/model/checkpoint.h"
#include "core/model/runtime.h"
#include "core/pipeline/capture_plan.h"
#include "core/pipeline/demo_eval.h"
#include "core/pipeline/rollout_record.h"
#include "core/probe/probe_file.h"
#include "core/probe/probe_options.h"
#include "core/session/steps/analysis_steps.h"
#include "core/tasks/answer_extraction.h"
#include "core/tasks/benchmark.h"
#include "core/tokenizer/tokenizer.h"
#include "models/workspace_model.h"
#include "widgets/ablation_heatmap_view.h"
#include "widgets/confidence_view.h"
#include "widgets/dopamine_trace_view.h"

namespace srs::app::gui {
namespace fs = std::filesystem;
using Category = models::WorkspaceModel::Category;

namespace {
QString q(const std::string& s) { return QString::fromStdString(s); }

/// A path as the session stores it: relative to `base` when inside it (what replay writes
/// into the result document, see analysis_steps.h "paths").
std::string storedPath(const std::string& p, const std::string& base) {
    if (p.empty()) return p;
    const fs::path abs = fs::absolute(p).lexically_normal();
    const fs::path rel = abs.lexically_relative(fs::absolute(base).lexically_normal());
    if (!rel.empty() && *rel.begin() != "..") return rel.string();
    return abs.string();
}

std::string jsonText(const nlohmann::json& j) {
    return j.dump(1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}
}  // namespace

// ---- defaults from the workspace ----

QString MainWindow::workspaceFile(int category, const QString& stem) const {
    const QModelIndex cat = m_workspace->categoryIndex(static_cast<Category>(category));
    for (int i = 0; i < m_workspace->rowCount(cat); ++i) {
        const QString path = m_workspace->index(i, 0, cat).data(models::WorkspaceModel::PathRole).toString();
        if (QFileInfo(path).completeBaseName() == stem) return path;
    }
    return selectedOrFirst(category);
}

AblateJobSpec MainWindow::defaultAblateSpec() const {
    AblateJobSpec s;
    s.modelDir = m_playgroundCtl->modelDir().toStdString();
    s.probes = m_activeProbes.toStdString();
    const QString stem = QFileInfo(m_activeProbes).completeBaseName();
    s.cache = workspaceFile(static_cast<int>(Category::Caches), stem).toStdString();
    s.layers = m_bestLayer >= 0 ? std::to_string(m_bestLayer) : "all";
    // Questions: the demo model's held-out file of the probes' family (srs_demo.json).
    try {
        if (!s.modelDir.empty() && fs::exists(fs::path(s.modelDir) / "srs_demo.json")) {
            const auto manifest = core::readDemoManifest(s.modelDir);
            s.templateName = manifest.templ;
            s.data = manifest.families.front().second.string();
            for (const auto& [name, file] : manifest.families)
                if (q(name) == stem) s.data = file.string();
        }
    } catch (const Error&) {
    }
    return s;
}

DopamineJobSpec MainWindow::defaultDopamineSpec() const {
    DopamineJobSpec s;
    s.probes = m_activeProbes.toStdString();
    s.cache = workspaceFile(static_cast<int>(Category::Caches), QFileInfo(m_activeProbes).completeBaseName())
                  .toStdString();
    const QString model = m_playgroundCtl->modelDir();
    if (!model.isEmpty() && QFileInfo::exists(QDir(model).filePath(QStringLiteral("tokenizer.json"))))
        s.tokenizer = QDir(model).filePath(QStringLiteral("tokenizer.json")).toStdString();
    s.layer = m_bestLayer;
    return s;
}

ConfidenceJobSpec MainWindow::defaultConfidenceSpec() const {
    ConfidenceJobSpec s;
    s.modelDir = m_playgroundCtl->modelDir().toStdString();
    s.probes = m_activeProbes.toStdString();
    const QString stem = QFileInfo(m_activeProbes).completeBaseName();
    s.cache = workspaceFile(static_cast<int>(Category::Caches), stem).toStdString();
    s.rollouts = workspaceFile(static_cast<int>(Category::Rollouts), stem).toStdString();
    s.layer = m_bestLayer;
    return s;
}

QDialog* MainWindow::openAnalysisDialog(const QString& name) {
    QDialog* dialog = nullptr;
    if (name == QLatin1String("ablate")) {
        auto* d = new AblateDialog(defaultAblateSpec(), this);
        connect(d, &QDialog::accepted, this, [this, d] { runAblation(d->spec()); });
        dialog = d;
    } else if (name == QLatin1String("dopamine")) {
        auto* d = new DopamineDialog(defaultDopamineSpec(), m_probeLayers, this);
        connect(d, &QDialog::accepted, this, [this, d] { runDopamine(d->spec()); });
        dialog = d;
    } else if (name == QLatin1String("confidence")) {
        auto* d = new ConfidenceDialog(defaultConfidenceSpec(), m_probeLayers, this);
        connect(d, &QDialog::accepted, this, [this, d] { runConfidence(d->spec()); });
        dialog = d;
    }
    if (!dialog) return nullptr;
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    return dialog;
}

// ---- jobs ----

int MainWindow::runAblation(const AblateJobSpec& spec) {
    if (spec.modelDir.empty() || spec.data.empty() || spec.probes.empty() || spec.cache.empty()) {
        statusBar()->showMessage(tr("The ablation needs a model, questions, value probes and a cache."), 5000);
        return 0;
    }
    const QString out = resultPath(QStringLiteral("analyses"),
                                   QFileInfo(q(spec.probes)).completeBaseName() + QStringLiteral("-ablation.json"));
    const std::string outPath = out.toStdString();
    const core::RuntimeOptions runtime = runtimeOptionsFromSettings();
    auto step = std::make_shared<core::SessionStep>();
    const std::string baseDir = m_sessionCtl->baseDir().toStdString(), started = core::isoTimeNow();
    return m_runner->start(
        tr("Ablation of %1").arg(QFileInfo(q(spec.probes)).fileName()),
        [spec, runtime, outPath, step, baseDir, started](const core::JobContext& ctx) {
            // What `srs ablate MODEL --data DATA --id-field ID ...` does (app/cli/cmd_ablate.cpp).
            core::AblationOptions o;
            o.modelDir = spec.modelDir;
            core::FieldMapping mapping;
            mapping.id = spec.idField;
            if (!spec.grading.empty()) mapping.kind = core::parseTaskKind(spec.grading);
            o.taskName = fs::path(spec.data).stem().string();
            o.items = core::loadBenchmarkFile(spec.data, mapping, o.taskName);
            o.dataSource = fs::path(spec.data).filename().string();
            o.dataFingerprint = core::fileContentFingerprint(spec.data);
            if (spec.limit > 0 && static_cast<std::size_t>(spec.limit) < o.items.size())
                o.items.resize(static_cast<std::size_t>(spec.limit));
            o.templateName = spec.templateName;
            o.samples = spec.samples;
            o.temperature = spec.temperature;
            o.seed = spec.seed;
            o.maxNewTokens = spec.maxNewTokens;
            o.batchSize = spec.batchSize;
            o.probesPath = spec.probes;
            o.mcProbesPath = spec.mcProbes;
            o.cachePath = spec.cache;
            o.layers = core::parseLayerSpec(spec.layers, core::Checkpoint::open(spec.modelDir)->config().numLayers);
            o.conditions = core::parseAblationConditions(spec.conditions);
            o.ratio = spec.ratio;
            o.runtime = runtime;
            o.validate();
            o.runtime.threads = core::configureThreads(runtime.threads);
            core::AblationResult r = core::runAblation(o, ctx);
            // The document as a replay writes it: paths as the session stores them.
            const std::map<std::string, std::string> paths{{"model_dir", storedPath(spec.modelDir, baseDir)},
                                                           {"probes", storedPath(spec.probes, baseDir)},
                                                           {"mc_probes", storedPath(spec.mcProbes, baseDir)},
                                                           {"cache", storedPath(spec.cache, baseDir)}};
            r.modelDir = paths.at("model_dir");
            r.probesPath = paths.at("probes");
            if (!r.mcProbesPath.empty()) r.mcProbesPath = paths.at("mc_probes");
            r.cachePath = paths.at("cache");
            core::writeFileAtomically(outPath, jsonText(core::ablationJson(r)), /*overwrite=*/false);
            core::AblationOptions recorded = o;
            recorded.runtime.threads = runtime.threads;  // as requested (0 = the machine's cores)
            core::AblateQuestionSource source;
            source.idField = spec.idField;
            source.grading = spec.grading;
            source.limit = spec.limit;
            *step = SessionController::makeStep(
                "ablate", core::ablateParams(source, recorded, spec.layers, paths),
                {{"data", spec.data}, {"probes", spec.probes}, {"mc_probes", spec.mcProbes}, {"cache", spec.cache}},
                {{"ablation", outPath}}, spec.modelDir, baseDir, started);
        },
        [this, out, step] {
            m_sessionCtl->appendStep(*step);
            m_workspace->addItem(Category::Analyses, QFileInfo(out).fileName(), out);
            m_tree->expandAll();
            openResult(out);
            m_tabs->setCurrentWidget(m_ablation);
            statusBar()->showMessage(tr("Wrote %1").arg(out), 5000);
        });
}

int MainWindow::runDopamine(const DopamineJobSpec& spec) {
    if (spec.cache.empty() || spec.probes.empty() || spec.layer < 0) {
        statusBar()->showMessage(tr("The dopamine analysis needs a cache, value probes and a layer."), 5000);
        return 0;
    }
    const QString out = resultPath(QStringLiteral("analyses"),
                                   QFileInfo(q(spec.probes)).completeBaseName() + QStringLiteral("-dopamine.json"));
    const std::string outPath = out.toStdString();
    const int threads = runtimeOptionsFromSettings().threads;
    auto step = std::make_shared<core::SessionStep>();
    const std::string baseDir = m_sessionCtl->baseDir().toStdString(), started = core::isoTimeNow();
    return m_runner->start(
        tr("Dopamine neurons of %1").arg(QFileInfo(q(spec.probes)).fileName()),
        [spec, threads, outPath, step, baseDir, started](const core::JobContext& ctx) {
            // What `srs dopamine CACHE --probes P --layer L ...` does (app/cli/cmd_dopamine.cpp).
            std::optional<core::Tokenizer> tok;
            if (!spec.tokenizer.empty()) tok = core::Tokenizer::fromFile(spec.tokenizer);
            const auto probes = core::readProbeFile(spec.probes);
            core::ActivationCacheReader reader(spec.cache);
            core::DopamineOptions o;
            o.layer = spec.layer;
            o.candidates = spec.candidates;
            for (const auto& p : probes.layers)  // K <= d_model / 2 (a random set of K must fit beside it)
                if (p.layer == spec.layer && p.weights.inputDims() > 1)
                    o.candidates = std::min<int>(o.candidates, static_cast<int>(p.weights.inputDims() / 2));
            o.epochs = spec.mlpEpochs;
            o.traces = spec.traces;
            o.traceSplit = spec.split;
            o.seed = spec.seed;
            o.threads = threads;
            o.validate();
            core::DopamineResult r = core::analyzeDopamine(reader, probes, spec.probes, o, tok ? &*tok : nullptr, ctx);
            const std::map<std::string, std::string> paths{{"cache", storedPath(spec.cache, baseDir)},
                                                           {"probes", storedPath(spec.probes, baseDir)},
                                                           {"tokenizer", storedPath(spec.tokenizer, baseDir)}};
            r.cachePath = paths.at("cache");
            r.probesPath = paths.at("probes");
            if (!r.tokenizerPath.empty()) r.tokenizerPath = paths.at("tokenizer");
            core::writeFileAtomically(outPath, jsonText(core::dopamineJson(r)), /*overwrite=*/false);
            *step = SessionController::makeStep("dopamine", core::dopamineParams(o, paths),
                                                {{"cache", spec.cache}, {"probes", spec.probes},
                                                 {"tokenizer", spec.tokenizer}},
                                                {{"dopamine", outPath}}, {}, baseDir, started);
        },
        [this, out, step] {
            m_sessionCtl->appendStep(*step);
            m_workspace->addItem(Category::Analyses, QFileInfo(out).fileName(), out);
            m_tree->expandAll();
            openResult(out);
            m_tabs->setCurrentWidget(m_trace);
            statusBar()->showMessage(tr("Wrote %1").arg(out), 5000);
        });
}

int MainWindow::runConfidence(const ConfidenceJobSpec& spec) {
    if (spec.modelDir.empty() || spec.rollouts.empty() || spec.probes.empty() || spec.layer < 0) {
        statusBar()->showMessage(tr("The confidence analysis needs a model, rollouts, value probes and a layer."),
                                 5000);
        return 0;
    }
    const QString out = resultPath(QStringLiteral("analyses"),
                                   QFileInfo(q(spec.probes)).completeBaseName() + QStringLiteral("-confidence.json"));
    const std::string outPath = out.toStdString();
    const core::RuntimeOptions runtime = runtimeOptionsFromSettings();
    auto step = std::make_shared<core::SessionStep>();
    const std::string baseDir = m_sessionCtl->baseDir().toStdString(), started = core::isoTimeNow();
    return m_runner->start(
        tr("Confidence signals of %1").arg(QFileInfo(q(spec.probes)).fileName()),
        [spec, runtime, outPath, step, baseDir, started](const core::JobContext& ctx) {
            // What `srs confidence MODEL --rollouts R --probes P --cache C --layer L ...` does.
            core::ConfidenceOptions o;
            o.modelDir = spec.modelDir;
            o.rolloutsPath = spec.rollouts;
            o.probesPath = spec.probes;
            o.cachePath = spec.cache;
            o.layer = spec.layer;
            o.verbalTemplate = spec.verbalTemplate;
            o.verbalMaxNewTokens = spec.verbalMaxNewTokens;
            o.skipVerbal = spec.skipVerbal;
            o.stats.bootstrap = static_cast<std::size_t>(spec.bootstrap);
            o.stats.seed = spec.seed;
            o.runtime = runtime;
            o.validate();
            o.runtime.threads = core::configureThreads(runtime.threads);
            core::ConfidenceResult r = core::runConfidence(o, ctx);
            const std::map<std::string, std::string> paths{{"model_dir", storedPath(spec.modelDir, baseDir)},
                                                           {"rollouts", storedPath(spec.rollouts, baseDir)},
                                                           {"probes", storedPath(spec.probes, baseDir)},
                                                           {"cache", storedPath(r.cachePath, baseDir)}};
            const std::string cacheUsed = r.cachePath;
            r.options.modelDir = paths.at("model_dir");
            r.options.rolloutsPath = paths.at("rollouts");
            r.options.probesPath = paths.at("probes");
            r.cachePath = paths.at("cache");
            core::writeFileAtomically(outPath, jsonText(core::confidenceJson(r)), /*overwrite=*/false);
            core::ConfidenceOptions recorded = o;
            recorded.runtime.threads = runtime.threads;
            *step = SessionController::makeStep("confidence", core::confidenceParams(recorded, paths),
                                                {{"rollouts", spec.rollouts}, {"probes", spec.probes},
                                                 {"cache", cacheUsed}},
                                                {{"confidence", outPath}}, spec.modelDir, baseDir, started);
        },
        [this, out, step] {
            m_sessionCtl->appendStep(*step);
            m_workspace->addItem(Category::Analyses, QFileInfo(out).fileName(), out);
            m_tree->expandAll();
            openResult(out);
            m_tabs->setCurrentWidget(m_confidence);
            statusBar()->showMessage(tr("Wrote %1").arg(out), 5000);
        });
}

}  // namespace srs::app::gui
