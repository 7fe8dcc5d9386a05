// MainWindow: workspaces, result files and the analysis jobs that feed the views.
#include <fmt/format.h>

#include <QComboBox>
#include <QDir>
#include <QFileInfo>
#include <QMessageBox>
#include <QMetaObject>
#include <QPointer>
#include <QStatusBar>
#include <QTabWidget>
#include <QTreeView>
#include <algorithm>
#include <filesystem>
#include <memory>
#include <set>

#include "app/gui/job_runner.h"
#include "app/gui/main_window.h"
#include "app/gui/playground_controller.h"
#include "app/gui/result_loaders.h"
#include "app/gui/session_controller.h"
#include "core/session/steps/step_params.h"
#include "app/gui/workspace_loader.h"
#include "core/analysis/iou_matrix.h"
#include "core/cache/activation_cache_reader.h"
#include "core/error.h"
#include "core/io/atomic_file.h"
#include "core/io/jsonl.h"
#include "core/model/model_config.h"
#include "core/pipeline/demo_eval.h"
#include "core/probe/probe_file.h"
#include "core/probe/probe_trainer.h"
#include "core/probe/value_probes.h"
#include "models/workspace_model.h"
#include "widgets/ablation_heatmap_view.h"
#include "widgets/confidence_view.h"
#include "widgets/dopamine_trace_view.h"
#include "widgets/iou_matrix_view.h"
#include "widgets/playground_view.h"
#include "widgets/probe_training_view.h"
#include "widgets/prune_curve_view.h"

namespace srs::app::gui {
namespace fs = std::filesystem;
using Category = models::WorkspaceModel::Category;

namespace {
QString q(const std::string& s) { return QString::fromStdString(s); }
QString fileName(const std::string& s) { return QFileInfo(q(s)).fileName(); }
/// Default prune ratios (METHOD.md, Pipeline 5) and the ablation set (top 1%).
const std::vector<double> kPruneRatios{0, 0.5, 0.8, 0.9, 0.95, 0.98, 0.99, 0.995};
const std::vector<double> kIouRatios{0.5, 0.8, 0.9, 0.95, 0.98, 0.99};
/// The playground starts on the best layer's top-10% set: on small models (the demo's
/// d_model is 128) the paper's 1% is a single dimension.
constexpr double kPlaygroundRatio = 0.9;
}  // namespace

int MainWindow::tabIndexOf(const QString& viewName) const {
    for (int i = 0; i < m_tabs->count(); ++i)
        if (auto* v = qobject_cast<widgets::PlotView*>(m_tabs->widget(i)); v && v->viewName() == viewName) return i;
    return -1;
}

int MainWindow::openWorkspace(const QString& dir) {
    auto scan = std::make_shared<WorkspaceScan>();
    const std::string path = dir.toStdString();
    statusBar()->showMessage(tr("Opening workspace %1...").arg(dir));
    return m_runner->start(
        tr("Open workspace %1").arg(QFileInfo(dir).fileName()),
        [scan, path](const core::JobContext& ctx) {
            ctx.report("scan", 0, 1, "folders");
            *scan = scanWorkspace(path);
            ctx.report("scan", 1, 1, "folders");
        },
        [this, scan] { populateWorkspace(*scan); },
        [this, dir](const QString& message) {
            auto* box = new QMessageBox(QMessageBox::Warning, tr("Cannot open workspace"),
                                        tr("%1\n\n%2").arg(dir, message), QMessageBox::Ok, this);
            box->setAttribute(Qt::WA_DeleteOnClose);
            box->open();
        });
}

void MainWindow::populateWorkspace(const WorkspaceScan& scan) {
    m_workspace->clear();
    m_workspaceRoot = q(scan.root);
    m_probeFiles.clear();
    rememberFile(m_workspaceRoot);
    // The workspace's session: demo.srs.json (what `srs demo` writes) when present, else a
    // new session whose paths are relative to the workspace.
    m_sessionCtl->setBaseDir(m_workspaceRoot);
    const QString demoSession = QDir(m_workspaceRoot).filePath(QStringLiteral("demo.srs.json"));
    bool sessionOpened = false;
    if (QFileInfo::exists(demoSession)) {
        try {
            m_sessionCtl->open(demoSession);
            sessionOpened = true;
        } catch (const Error& e) {
            statusBar()->showMessage(tr("Cannot open %1: %2").arg(demoSession, QString::fromUtf8(e.what())), 10000);
        }
    }
    if (!sessionOpened) m_sessionCtl->newSession(QFileInfo(m_workspaceRoot).fileName());
    if (!scan.modelDir.empty())
        m_workspace->addItem(Category::Models, fileName(scan.modelDir), q(scan.modelDir));
    for (const auto& f : scan.caches) m_workspace->addItem(Category::Caches, fileName(f), q(f));
    for (const auto& f : scan.rollouts) m_workspace->addItem(Category::Rollouts, fileName(f), q(f));
    for (const auto& f : scan.probes) {
        m_workspace->addItem(Category::ProbeResults, fileName(f), q(f));
        m_probeFiles << q(f);
    }
    for (const auto& f : scan.analyses) m_workspace->addItem(Category::Analyses, fileName(f), q(f));
    for (const auto& f : scan.figures) m_workspace->addItem(Category::Figures, fileName(f), q(f));
    m_tree->expandAll();
    for (const auto& note : scan.notes) statusBar()->showMessage(q(note), 10000);

    // Everything below runs as jobs; workspaceLoaded() fires when the last one ended.
    m_workspaceJobs.clear();
    auto track = [this](int id) {
        if (id > 0) m_workspaceJobs.insert(id);
    };
    if (!scan.modelDir.empty()) {
        m_playgroundCtl->setModelDir(q(scan.modelDir));
        loadPlaygroundExamples(q(scan.modelDir));
        track(openModel(q(scan.modelDir)));
    }
    if (!scan.probes.empty()) track(openProbes(q(scan.probes.front())));
    bool haveIou = false;
    for (const auto& f : scan.analyses) {
        try {
            if (detectResultKind(f) == ResultKind::Iou) haveIou = true;
        } catch (const Error&) {
        }
        track(openResult(q(f), /*chosen=*/false));
    }
    if (!haveIou && scan.probes.size() >= 2) {
        // Overlap across the workspace's probes files at their last common layer.
        QStringList files;
        for (const auto& f : scan.probes) files << q(f);
        track(runIou(files, /*layer=*/-1, kIouRatios));
    }
    m_tabs->setCurrentIndex(tabIndexOf(QStringLiteral("probe_training")));
    statusBar()->showMessage(tr("Workspace %1").arg(m_workspaceRoot), 5000);
    if (m_workspaceJobs.empty()) emit workspaceLoaded();
}

void MainWindow::loadPlaygroundExamples(const QString& modelDir) {
    // Demo model folders name their held-out questions (srs_demo.json): offer a few per family.
    QStringList questions, golds;
    try {
        const fs::path dir = modelDir.toStdString();
        if (fs::exists(dir / "srs_demo.json")) {
            const auto manifest = core::readDemoManifest(dir);
            for (const auto& [family, file] : manifest.families) {
                int n = 0;
                core::forEachJsonl(file, [&](const nlohmann::json& j, std::size_t) {
                    if (n++ >= 5 || !j.contains("question") || !j.contains("answer")) return;
                    questions << q(j["question"].get<std::string>());
                    golds << q(j["answer"].is_string() ? j["answer"].get<std::string>() : j["answer"].dump());
                });
            }
        }
    } catch (const std::exception& e) {
        statusBar()->showMessage(tr("No example questions: %1").arg(QString::fromUtf8(e.what())), 5000);
    }
    m_playground->setExamples(questions, golds);
    if (!questions.isEmpty()) m_playground->setQuestion(questions.front(), golds.front());
}

int MainWindow::openProbes(const QString& file) {
    auto probes = std::make_shared<core::ProbeTrainResult>();
    auto points = std::make_shared<std::vector<widgets::TrainingPoint>>();
    const std::string path = file.toStdString();
    return m_runner->start(
        tr("Open probes %1").arg(QFileInfo(file).fileName()),
        [probes, points, path](const core::JobContext& ctx) {
            ctx.report("read", 0, 1, "files");
            *probes = core::readProbeFile(path);
            *points = loadTrainingPoints(path);
            ctx.report("read", 1, 1, "files");
        },
        [this, probes, points, file] {
            m_training->clear();
            m_training->appendPoints(*points);
            m_activeProbes = file;
            m_workspace->addItem(Category::ProbeResults, QFileInfo(file).fileName(), file);
            if (!m_probeFiles.contains(file)) m_probeFiles << file;
            m_playgroundCtl->setProbesFile(file);
            QStringList hooks;
            for (const auto& p : probes->layers)
                hooks << QStringLiteral("blocks.%1.hook_%2").arg(p.layer).arg(q(probes->options.hook));
            m_playground->setHooks(hooks);
            // The playground starts on the best layer's top-10% set (zeroed).
            const core::LayerProbe* best = nullptr;
            for (const auto& p : probes->layers)
                if (p.eval.aurocS0.defined && (!best || p.eval.aurocS0.estimate > best->eval.aurocS0.estimate))
                    best = &p;
            m_probeLayers.clear();
            for (const auto& p : probes->layers) m_probeLayers.push_back(p.layer);
            m_bestLayer = best ? best->layer : (m_probeLayers.empty() ? -1 : m_probeLayers.back());
            if (best) {
                const auto set = neuronSelection(*probes, file.toStdString(), best->layer, kPlaygroundRatio);
                m_playground->setIntervention(q(set.hook), q(set.dimsText()), QStringLiteral("zero"));
            }
            statusBar()->showMessage(tr("Probes %1: %2 layers").arg(file).arg(probes->layers.size()), 5000);
        },
        [this, file](const QString& message) {
            statusBar()->showMessage(tr("Cannot open probes %1: %2").arg(file, message), 10000);
        });
}

int MainWindow::openResult(const QString& file, bool chosen) {
    const std::string path = file.toStdString();
    ResultKind kind = ResultKind::Unknown;
    try {
        kind = detectResultKind(path);
    } catch (const Error& e) {
        statusBar()->showMessage(QString::fromUtf8(e.what()), 10000);
        return 0;
    }
    auto fail = [this, file](const QString& message) {
        statusBar()->showMessage(tr("Cannot load %1: %2").arg(file, message), 10000);
    };
    switch (kind) {
    case ResultKind::PruneCurve: {
        auto data = std::make_shared<widgets::PruneCurveData>();
        return m_runner->start(
            tr("Load %1").arg(QFileInfo(file).fileName()),
            [data, path](const core::JobContext&) { *data = loadPruneCurve(path); },
            [this, data, file] {
                m_prune->setData(*data);
                m_viewSources[m_prune->viewName()] = file;
            },
            fail);
    }
    case ResultKind::Iou: {
        auto data = std::make_shared<widgets::IouMatrixData>();
        return m_runner->start(
            tr("Load %1").arg(QFileInfo(file).fileName()),
            [data, path](const core::JobContext&) { *data = loadIouMatrix(path); },
            [this, data, file, chosen] {
                m_iou->addData(file, *data);  // sourceChanged records the file shown
                if (chosen) m_iou->showSource(file);
            },
            fail);
    }
    case ResultKind::NeuronSet: {
        auto set = std::make_shared<NeuronSelection>();
        return m_runner->start(
            tr("Load %1").arg(QFileInfo(file).fileName()),
            [set, path](const core::JobContext&) { *set = loadNeuronSet(path); },
            [this, set] { m_playground->setIntervention(q(set->hook), q(set->dimsText()), QStringLiteral("zero")); },
            fail);
    }
    case ResultKind::Ablation: {
        auto data = std::make_shared<widgets::AblationData>();
        return m_runner->start(
            tr("Load %1").arg(QFileInfo(file).fileName()),
            [data, path](const core::JobContext&) { *data = loadAblationResult(path); },
            [this, data, file] {
                m_ablation->setData(*data);
                m_ablationPath = file;
                m_viewSources[m_ablation->viewName()] = file;
            },
            fail);
    }
    case ResultKind::Dopamine: {
        auto traces = std::make_shared<std::vector<DopamineTraceInfo>>();
        auto first = std::make_shared<widgets::DopamineTraceData>();
        return m_runner->start(
            tr("Load %1").arg(QFileInfo(file).fileName()),
            [traces, first, path](const core::JobContext&) {
                *traces = listDopamineTraces(path);
                if (!traces->empty()) *first = loadDopamineTrace(path, 0);
            },
            [this, traces, first, file] {
                if (traces->empty()) {
                    statusBar()->showMessage(tr("%1 holds no traces (run srs dopamine with --traces N).")
                                                 .arg(QFileInfo(file).fileName()),
                                             10000);
                    return;
                }
                m_dopaminePath = file;
                m_tracePicker->clear();
                for (const auto& t : *traces)
                    m_tracePicker->addItem(tr("Rollout %1 (%2 #%3, reward %4, %5 tokens)")
                                               .arg(t.rollout)
                                               .arg(q(t.questionId))
                                               .arg(t.sampleIndex)
                                               .arg(t.reward)
                                               .arg(t.tokens));
                m_tracePicker->setCurrentIndex(0);
                m_trace->setData(*first);
                m_viewSources[m_trace->viewName()] = file;
                m_tracePickerBox->setVisible(m_tabs->currentWidget() == m_trace);
            },
            fail);
    }
    case ResultKind::Confidence: {
        auto data = std::make_shared<widgets::ConfidenceData>();
        return m_runner->start(
            tr("Load %1").arg(QFileInfo(file).fileName()),
            [data, path](const core::JobContext&) { *data = loadConfidenceResult(path); },
            [this, data, file] {
                m_confidence->setData(*data);
                m_viewSources[m_confidence->viewName()] = file;
            },
            fail);
    }
    case ResultKind::Unknown: break;
    }
    return 0;
}

int MainWindow::showDopamineTrace(int index) {
    if (m_dopaminePath.isEmpty()) return 0;
    const std::string path = m_dopaminePath.toStdString();
    auto data = std::make_shared<widgets::DopamineTraceData>();
    return m_runner->start(
        tr("Trace %1").arg(index + 1),
        [data, path, index](const core::JobContext&) { *data = loadDopamineTrace(path, index); },
        [this, data, index] {
            m_trace->setData(*data);
            if (m_tracePicker->currentIndex() != index) m_tracePicker->setCurrentIndex(index);
        });
}

QString MainWindow::selectedOrFirst(int category) const {
    const QModelIndex current = m_tree->currentIndex();
    if (current.isValid() && current.data(models::WorkspaceModel::CategoryRole).toInt() == category) {
        const QString path = current.data(models::WorkspaceModel::PathRole).toString();
        if (!path.isEmpty()) return path;
    }
    const QModelIndex cat = m_workspace->categoryIndex(static_cast<Category>(category));
    if (m_workspace->rowCount(cat) == 0) return {};
    return m_workspace->index(0, 0, cat).data(models::WorkspaceModel::PathRole).toString();
}

QString MainWindow::resultPath(const QString& folder, const QString& name) const {
    // Inside the workspace (when none is open: the session's folder); never overwrites.
    QDir dir(m_workspaceRoot.isEmpty() ? m_sessionCtl->baseDir() : m_workspaceRoot);
    dir.mkpath(folder);
    dir.cd(folder);
    const QFileInfo info(name);
    QString candidate = dir.filePath(name);
    for (int i = 2; QFileInfo::exists(candidate); ++i)
        candidate = dir.filePath(QStringLiteral("%1-%2.%3").arg(info.completeBaseName()).arg(i).arg(info.suffix()));
    return candidate;
}

int MainWindow::trainProbes(const QString& cache, const core::ProbeTrainOptions& options) {
    if (cache.isEmpty()) {
        statusBar()->showMessage(tr("Open a workspace or an activation cache first."), 5000);
        return 0;
    }
    const QString out = resultPath(QStringLiteral("probes"), QFileInfo(cache).completeBaseName() +
                                                                   QStringLiteral("-gui.h5"));
    const std::string cachePath = cache.toStdString(), outPath = out.toStdString();
    auto opts = std::make_shared<core::ProbeTrainOptions>(options);
    auto result = std::make_shared<core::ProbeTrainResult>();
    auto step = std::make_shared<core::SessionStep>();
    const std::string baseDir = m_sessionCtl->baseDir().toStdString(), started = core::isoTimeNow();
    QPointer<widgets::ProbeTrainingView> view(m_training);
    m_training->clear();
    m_tabs->setCurrentWidget(m_training);
    return m_runner->start(
        tr("Train probes on %1").arg(QFileInfo(cache).fileName()),
        [opts, result, cachePath, outPath, view, step, baseDir, started](const core::JobContext& ctx) {
            core::ActivationCacheReader reader(cachePath);
            const auto layers = core::resolveLayers("all", reader.metadata().schema.layers, cachePath);
            // Steps per epoch as the trainer counts them (same split as trainValueProbes).
            opts->onEpoch = [view, layers, opts, &reader](std::size_t group, int epoch,
                                                          const std::vector<float>& loss) {
                if (group != 0) return;
                const auto rollouts = static_cast<std::int64_t>(reader.metadata().numRollouts);
                const auto train = static_cast<std::int64_t>(
                    static_cast<double>(rollouts) * (1.0 - opts->testFraction));  // x axis only
                const std::int64_t spe = std::max<std::int64_t>(1, (train + opts->batchTrajectories - 1) /
                                                                       opts->batchTrajectories);
                std::vector<widgets::TrainingPoint> batch;
                for (std::size_t l = 0; l < layers.size() && l < loss.size(); ++l)
                    batch.push_back({layers[l], (epoch + 1) * spe, loss[l], -1.0});
                QMetaObject::invokeMethod(
                    view.data(), [view, batch] { if (view) view->appendPoints(batch); }, Qt::QueuedConnection);
            };
            core::setProbeThreads(opts->threads);
            *result = core::trainValueProbes(reader, layers, *opts, ctx);
            result->options.onEpoch = nullptr;  // it refers to this scope
            core::writeProbeFile(outPath, *result, /*overwrite=*/false);
            // The step `srs probe train CACHE --layers all ... --session` records.
            core::ProbeTrainOptions recorded = *opts;
            recorded.onEpoch = nullptr;
            *step = SessionController::makeStep("probe-train", core::probeTrainParams("all", recorded),
                                                {{"cache", cachePath}}, {{"probes", outPath}}, {}, baseDir, started);
        },
        [this, result, out, step] {
            m_sessionCtl->appendStep(*step);
            // The exact curves (true step counts, held-out AUROC) from the result.
            m_training->clear();
            m_training->appendPoints(trainingPoints(*result));
            m_workspace->addItem(Category::ProbeResults, QFileInfo(out).fileName(), out);
            m_tree->expandAll();
            openProbes(out);
            statusBar()->showMessage(tr("Wrote %1").arg(out), 5000);
        });
}

int MainWindow::runPruneCurve(const QString& cache, const core::ProbeTrainOptions& options,
                              const std::vector<double>& ratios) {
    if (cache.isEmpty()) {
        statusBar()->showMessage(tr("Open a workspace or an activation cache first."), 5000);
        return 0;
    }
    const QString out = resultPath(QStringLiteral("analyses"), QFileInfo(cache).completeBaseName() +
                                                                     QStringLiteral("-prune-curve.json"));
    const std::string cachePath = cache.toStdString(), outPath = out.toStdString();
    auto data = std::make_shared<widgets::PruneCurveData>();
    auto step = std::make_shared<core::SessionStep>();
    const std::string baseDir = m_sessionCtl->baseDir().toStdString(), started = core::isoTimeNow();
    return m_runner->start(
        tr("Prune curve of %1").arg(QFileInfo(cache).fileName()),
        [options, ratios, data, cachePath, outPath, step, baseDir, started](const core::JobContext& ctx) {
            core::ActivationCacheReader reader(cachePath);
            const auto layers = core::resolveLayers("all", reader.metadata().schema.layers, cachePath);
            core::setProbeThreads(options.threads);
            const auto curve = core::pruneCurve(reader, layers, ratios, options, ctx);
            core::writeFileAtomically(outPath, core::pruneCurveJson(curve).dump(2) + "\n", /*overwrite=*/false);
            *data = pruneCurveData(curve);
            *step = SessionController::makeStep("prune-curve", core::pruneCurveParams("all", ratios, options),
                                                {{"cache", cachePath}}, {{"curve", outPath}}, {}, baseDir, started);
        },
        [this, data, out, step] {
            m_sessionCtl->appendStep(*step);
            m_viewSources[m_prune->viewName()] = out;
            m_prune->setData(*data);
            m_workspace->addItem(Category::Analyses, QFileInfo(out).fileName(), out);
            m_tree->expandAll();
            m_tabs->setCurrentWidget(m_prune);
            statusBar()->showMessage(tr("Wrote %1").arg(out), 5000);
        });
}

int MainWindow::runIou(const QStringList& probesFiles, int layer, const std::vector<double>& ratios) {
    if (probesFiles.size() < 2) {
        statusBar()->showMessage(tr("The overlap needs two or more probes files."), 5000);
        return 0;
    }
    std::vector<std::string> files;
    for (const auto& f : probesFiles) files.push_back(f.toStdString());
    auto data = std::make_shared<widgets::IouMatrixData>();
    auto step = std::make_shared<core::SessionStep>();
    const std::string baseDir = m_sessionCtl->baseDir().toStdString(), started = core::isoTimeNow();
    return m_runner->start(
        tr("Neuron-set overlap (%1 files)").arg(files.size()),
        [files, layer, ratios, data, step, baseDir, started](const core::JobContext& ctx) {
            std::vector<core::ProbeTrainResult> probes;
            for (std::size_t i = 0; i < files.size(); ++i) {
                ctx.checkCancelled();
                ctx.report("read probes", static_cast<std::int64_t>(i), static_cast<std::int64_t>(files.size()),
                           "files");
                probes.push_back(core::readProbeFile(files[i]));
            }
            int useLayer = layer;
            if (useLayer < 0) {  // the last layer every file has
                std::set<int> common;
                for (const auto& p : probes.front().layers) common.insert(p.layer);
                for (const auto& r : probes) {
                    std::set<int> have;
                    for (const auto& p : r.layers)
                        if (common.count(p.layer)) have.insert(p.layer);
                    common.swap(have);
                }
                if (common.empty()) throw InvalidArgument("the probes files have no layer in common");
                useLayer = *common.rbegin();
            }
            *data = iouMatrixData(core::computeIouMatrix(files, probes, useLayer, ratios));
            // The step `srs iou FILES --layer L --ratios ... --session` records (no output file).
            PathList inputs;
            for (std::size_t i = 0; i < files.size(); ++i) inputs.emplace_back(fmt::format("probes.{}", i), files[i]);
            *step = SessionController::makeStep("iou", core::iouParams(useLayer, ratios, files), inputs, {}, {},
                                                baseDir, started);
        },
        [this, data, step] {
            m_sessionCtl->appendStep(*step);
            m_iou->setData(*data);
        });
}

void MainWindow::selectNeuronSet(const NeuronSelection& set) {
    m_playground->setIntervention(q(set.hook), q(set.dimsText()), QStringLiteral("zero"));
    if (!set.source.empty() && QFileInfo(q(set.source)).suffix() == QLatin1String("h5"))
        m_playgroundCtl->setProbesFile(q(set.source));
    m_tabs->setCurrentWidget(m_playground);
    statusBar()->showMessage(tr("Layer %1, ratio %2: %3 neurons loaded into the playground")
                                 .arg(set.layer)
                                 .arg(set.ratio)
                                 .arg(set.dims.size()),
                             5000);
}

}  // namespace srs::app::gui
