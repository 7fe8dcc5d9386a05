#include "app/gui/main_window.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QHBoxLayout>
#include <QDesktopServices>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QStatusBar>
#include <QTabWidget>
#include <QTreeView>
#include <QUrl>
#include <memory>

#include "app/gui/job_panel.h"
#include "app/gui/job_runner.h"
#include "app/gui/language.h"
#include "app/gui/playground_controller.h"
#include "app/gui/result_loaders.h"
#include "app/gui/session_controller.h"
#include "core/error.h"
#include "app/gui/session_panel.h"
#include "core/session/fingerprint.h"
#include "core/session/replay.h"
#include "core/session/steps/pipeline_steps.h"
#include "widgets/plot_export.h"
#include "app/gui/workspace_loader.h"
#include "core/probe/probe_file.h"
#include "core/probe/probe_options.h"
#include "app/gui/settings.h"
#include "app/gui/settings_dialog.h"
#include "models/job_list_model.h"
#include "core/cache/activation_cache_reader.h"
#include "core/model/model_inspect.h"
#include "models/workspace_model.h"
#include "widgets/ablation_heatmap_view.h"
#include "widgets/confidence_view.h"
#include "widgets/dopamine_trace_view.h"
#include "widgets/export_dialog.h"
#include "widgets/iou_matrix_view.h"
#include "widgets/playground_view.h"
#include "widgets/probe_training_view.h"
#include "widgets/prune_curve_view.h"

namespace srs::app::gui {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    setAcceptDrops(true);
    m_runner = new JobRunner(this);
    m_workspace = new models::WorkspaceModel(this);

    m_tabs = new QTabWidget(this);
    m_tabs->setDocumentMode(true);
    m_training = new widgets::ProbeTrainingView(m_tabs);
    m_prune = new widgets::PruneCurveView(m_tabs);
    m_ablation = new widgets::AblationHeatmapView(m_tabs);
    m_iou = new widgets::IouMatrixView(m_tabs);
    connect(m_iou, &widgets::IouMatrixView::sourceChanged, this,
            [this](const QString& file) { m_viewSources[m_iou->viewName()] = file; });
    m_trace = new widgets::DopamineTraceView(m_tabs);
    m_confidence = new widgets::ConfidenceView(m_tabs);
    m_playground = new widgets::PlaygroundView(m_tabs);
    for (QWidget* w : std::initializer_list<QWidget*>{m_training, m_prune, m_ablation, m_iou, m_trace,
                                                      m_confidence, m_playground})
        m_tabs->addTab(w, QString());
    setCentralWidget(m_tabs);
    // Trace picker of a dopamine result with several traces, shown on the dopamine tab.
    m_tracePickerBox = new QWidget(m_tabs);
    auto* pickerLayout = new QHBoxLayout(m_tracePickerBox);
    pickerLayout->setContentsMargins(4, 0, 4, 0);
    m_tracePicker = new QComboBox(m_tracePickerBox);
    m_tracePicker->setObjectName(QStringLiteral("tracePicker"));
    m_tracePicker->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    pickerLayout->addWidget(m_tracePicker);
    m_tabs->setCornerWidget(m_tracePickerBox, Qt::TopRightCorner);
    m_tracePickerBox->hide();
    connect(m_tracePicker, &QComboBox::activated, this, [this](int index) { showDopamineTrace(index); });
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        m_tracePickerBox->setVisible(m_tabs->currentWidget() == m_trace && m_tracePicker->count() > 0);
    });

    m_tree = new QTreeView(this);
    m_tree->setModel(m_workspace);
    m_tree->setHeaderHidden(true);
    m_tree->expandAll();
    m_workspaceDock = new QDockWidget(this);
    m_workspaceDock->setObjectName(QStringLiteral("workspaceDock"));
    m_workspaceDock->setWidget(m_tree);
    addDockWidget(Qt::LeftDockWidgetArea, m_workspaceDock);

    m_summary = new QPlainTextEdit(this);
    m_summary->setReadOnly(true);
    m_summary->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_summary->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_summary->setObjectName(QStringLiteral("modelSummary"));
    m_summaryDock = new QDockWidget(this);
    m_summaryDock->setObjectName(QStringLiteral("modelDock"));
    m_summaryDock->setWidget(m_summary);
    addDockWidget(Qt::LeftDockWidgetArea, m_summaryDock);

    m_jobPanel = new JobPanel(m_runner, this);
    m_jobDock = new QDockWidget(this);
    m_jobDock->setObjectName(QStringLiteral("jobDock"));
    m_jobDock->setWidget(m_jobPanel);
    addDockWidget(Qt::BottomDockWidgetArea, m_jobDock);

    m_sessionCtl = new SessionController(this);
    m_sessionPanel = new SessionPanel(m_sessionCtl, this);
    m_sessionDock = new QDockWidget(this);
    m_sessionDock->setObjectName(QStringLiteral("sessionDock"));
    m_sessionDock->setWidget(m_sessionPanel);
    addDockWidget(Qt::BottomDockWidgetArea, m_sessionDock);
    tabifyDockWidget(m_jobDock, m_sessionDock);
    m_jobDock->raise();
    connect(m_sessionPanel, &SessionPanel::rerunRequested, this, [this](const QString& id) { rerunStep(id); });
    connect(m_sessionPanel, &SessionPanel::rerunAllRequested, this, [this] { rerunAll(); });
    m_sessionCtl->startAutosave(60000);

    m_playgroundCtl = new PlaygroundController(m_runner, m_playground, this);
    // Every playground run becomes a `generate` step; its document goes to generations/.
    m_playgroundCtl->setRecording(
        [this] {
            return PlaygroundController::RecordTarget{
                resultPath(QStringLiteral("generations"), QStringLiteral("playground.json")).toStdString(),
                m_sessionCtl->baseDir().toStdString()};
        },
        [this](const core::SessionStep& step) { m_sessionCtl->appendStep(step); });
    connect(m_tree, &QTreeView::activated, this, [this](const QModelIndex& index) {
        const QString path = index.data(models::WorkspaceModel::PathRole).toString();
        if (path.isEmpty()) return;
        using Category = models::WorkspaceModel::Category;
        const auto category = static_cast<Category>(index.data(models::WorkspaceModel::CategoryRole).toInt());
        if (category == Category::Models) {
            openModel(path);
            m_playgroundCtl->setModelDir(path);
        } else if (category == Category::Caches) {
            openCache(path);
        } else if (category == Category::ProbeResults) {
            openProbes(path);
            m_tabs->setCurrentWidget(m_training);
        } else if (category == Category::Analyses && openResult(path) > 0) {
        } else {
            QDesktopServices::openUrl(QUrl::fromLocalFile(path));  // figures, rollouts: the system viewer
        }
    });
    // A point of a prune curve -> that (layer, ratio) set of the active probes file.
    connect(m_prune, &widgets::PruneCurveView::neuronSetSelected, this, [this](int layer, double ratio) {
        if (m_activeProbes.isEmpty()) {
            statusBar()->showMessage(tr("Open the probes file of this cache to select its neurons."), 5000);
            return;
        }
        const std::string path = m_activeProbes.toStdString();
        auto set = std::make_shared<NeuronSelection>();
        m_runner->start(
            tr("Neuron set L%1 p=%2").arg(layer).arg(ratio),
            [set, path, layer, ratio](const core::JobContext&) {
                *set = neuronSelection(core::readProbeFile(path), path, layer, ratio);
            },
            [this, set] { selectNeuronSet(*set); });
    });
    // An ablation cell -> the playground with that cell's set zeroed: the result's own set
    // when an ablation result is open, else the layer's top-1% set of the active probes file.
    connect(m_ablation, &widgets::AblationHeatmapView::cellActivated, this, [this](int layer, const QString& cond) {
        if (!m_ablationPath.isEmpty()) {
            const std::string path = m_ablationPath.toStdString(), condition = cond.toStdString();
            auto set = std::make_shared<NeuronSelection>();
            m_runner->start(
                tr("Neuron set L%1 %2").arg(layer).arg(cond),
                [set, path, layer, condition](const core::JobContext&) {
                    *set = loadAblationSet(path, layer, condition);
                },
                [this, set] { selectNeuronSet(*set); });
            return;
        }
        if (m_activeProbes.isEmpty()) return;
        const std::string path = m_activeProbes.toStdString();
        auto set = std::make_shared<NeuronSelection>();
        m_runner->start(
            tr("Neuron set L%1 p=%2").arg(layer).arg(0.99),
            [set, path, layer](const core::JobContext&) {
                *set = neuronSelection(core::readProbeFile(path), path, layer, 0.99);
            },
            [this, set] { selectNeuronSet(*set); });
    });
    connect(m_runner, &JobRunner::jobFinished, this, [this](int id) {
        if (m_workspaceJobs.erase(id) && m_workspaceJobs.empty()) emit workspaceLoaded();
    });
    connect(m_runner, &JobRunner::jobFailed, this, [this](int id, const QString&) {
        if (m_workspaceJobs.erase(id) && m_workspaceJobs.empty()) emit workspaceLoaded();
    });
    connect(m_runner, &JobRunner::jobCancelled, this, [this](int id) {
        if (m_workspaceJobs.erase(id) && m_workspaceJobs.empty()) emit workspaceLoaded();
    });
    connect(m_runner, &JobRunner::jobFailed, this, [this](int, const QString& message) {
        statusBar()->showMessage(tr("Job failed: %1").arg(message), 10000);
    });
    connect(m_runner, &JobRunner::jobCancelled, this,
            [this](int) { statusBar()->showMessage(tr("Job cancelled"), 5000); });

    buildMenus();
    retranslate();
    const bool restored = restoreGeometry(Settings::get(keys::kWindowGeometry));
    if (!restoreState(Settings::get(keys::kWindowState))) {
        // First start: docks at a useful size instead of Qt's minimum.
        resizeDocks({m_workspaceDock, m_summaryDock}, {340, 340}, Qt::Horizontal);
        resizeDocks({m_workspaceDock, m_summaryDock}, {260, 420}, Qt::Vertical);
        resizeDocks({m_jobDock}, {170}, Qt::Vertical);
    }
    setProperty("geometryRestored", restored);
    statusBar()->showMessage(tr("Ready"));
}

MainWindow::~MainWindow() = default;

void MainWindow::buildMenus() {
    menuBar()->clear();
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(tr("&Open Model..."), this, &MainWindow::chooseModel);
    open->setShortcut(QKeySequence::Open);
    file->addAction(tr("Open &Workspace..."), this, &MainWindow::chooseWorkspace);
    file->addAction(tr("Open Activation &Cache..."), this, &MainWindow::chooseCache);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    updateRecentMenu();
    file->addSeparator();
    file->addAction(tr("Open Sessio&n..."), this, &MainWindow::chooseSession);
    QAction* saveAction = file->addAction(tr("&Save Session"), this, [this] {
        if (m_sessionCtl->path().isEmpty())
            saveSessionAs();
        else
            saveSession();
    });
    saveAction->setShortcut(QKeySequence::Save);
    QAction* saveAsAction = file->addAction(tr("Save Session &As..."), this, &MainWindow::saveSessionAs);
    saveAsAction->setShortcut(QKeySequence::SaveAs);
    file->addSeparator();
    QAction* exportAction = file->addAction(tr("&Export Plot..."), this, &MainWindow::exportCurrentPlot);
    exportAction->setShortcut(QKeySequence::Print);
    file->addSeparator();
    QAction* prefs = file->addAction(tr("&Settings..."), this, &MainWindow::showSettings);
    prefs->setShortcut(QKeySequence::Preferences);
    prefs->setMenuRole(QAction::PreferencesRole);
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addAction(m_workspaceDock->toggleViewAction());
    view->addAction(m_summaryDock->toggleViewAction());
    view->addAction(m_jobDock->toggleViewAction());
    view->addAction(m_sessionDock->toggleViewAction());
    view->addSeparator();
    QAction* next = view->addAction(tr("Next View"), this, [this] {
        m_tabs->setCurrentIndex((m_tabs->currentIndex() + 1) % m_tabs->count());
    });
    next->setShortcut(QKeySequence::NextChild);
    QAction* prev = view->addAction(tr("Previous View"), this, [this] {
        m_tabs->setCurrentIndex((m_tabs->currentIndex() + m_tabs->count() - 1) % m_tabs->count());
    });
    prev->setShortcut(QKeySequence::PreviousChild);

    QMenu* analysis = menuBar()->addMenu(tr("&Analysis"));
    analysis->addAction(tr("&Train Probes on Cache"), this, [this] {
        core::ProbeTrainOptions o;
        o.epochs = 8;
        o.hidden = 256;
        trainProbes(selectedOrFirst(static_cast<int>(models::WorkspaceModel::Category::Caches)), o);
    });
    analysis->addAction(tr("&Prune Curve of Cache"), this, [this] {
        core::ProbeTrainOptions o;
        o.epochs = 8;
        o.hidden = 256;
        runPruneCurve(selectedOrFirst(static_cast<int>(models::WorkspaceModel::Category::Caches)), o,
                      {0, 0.5, 0.8, 0.9, 0.95, 0.98, 0.99, 0.995});
    });
    analysis->addAction(tr("Neuron-Set &Overlap of Probes Files"), this,
                        [this] { runIou(m_probeFiles, -1, {0.5, 0.8, 0.9, 0.95, 0.98, 0.99}); });
    analysis->addSeparator();
    analysis->addAction(tr("&Ablation Sweep..."), this, [this] { openAnalysisDialog(QStringLiteral("ablate")); });
    analysis->addAction(tr("&Dopamine Neurons..."), this, [this] { openAnalysisDialog(QStringLiteral("dopamine")); });
    analysis->addAction(tr("&Confidence Signals..."), this,
                        [this] { openAnalysisDialog(QStringLiteral("confidence")); });

    QMenu* jobs = menuBar()->addMenu(tr("&Jobs"));
    QAction* cancelAll = jobs->addAction(tr("Cancel All Jobs"), m_runner, &JobRunner::cancelAll);
    cancelAll->setShortcut(QKeySequence::Cancel);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    QAction* about = help->addAction(tr("&About SRS Workbench"), this, &MainWindow::showAbout);
    about->setMenuRole(QAction::AboutRole);
}

void MainWindow::retranslate() {
    setWindowTitle(tr("SRS Workbench"));
    m_workspaceDock->setWindowTitle(tr("Workspace"));
    m_summaryDock->setWindowTitle(tr("Model"));
    m_jobDock->setWindowTitle(tr("Jobs"));
    m_sessionDock->setWindowTitle(tr("Session"));
    m_sessionPanel->retranslate();
    m_summary->setPlaceholderText(
        tr("Open a Hugging Face model folder (File > Open Model...) or drop it on this window."));
    const QString titles[] = {tr("Probe training"), tr("Pruning curves"), tr("Ablation"),
                              tr("Neuron-set overlap"), tr("Dopamine trace"), tr("Confidence"),
                              tr("Playground")};
    for (int i = 0; i < m_tabs->count(); ++i) m_tabs->setTabText(i, titles[i]);
    m_jobPanel->retranslate();
    m_runner->model()->retranslate();
    m_workspace->retranslate();
    buildMenus();
}

void MainWindow::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange && m_tabs) retranslate();
    QMainWindow::changeEvent(event);
}

void MainWindow::chooseModel() {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Open Model Folder"),
                                                          Settings::get(keys::kLastDirectory));
    if (!dir.isEmpty()) openModel(dir);
}

void MainWindow::chooseWorkspace() {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Open Workspace Folder"),
                                                          Settings::get(keys::kLastDirectory));
    if (!dir.isEmpty()) openWorkspace(dir);
}

void MainWindow::chooseCache() {
    const QString file = QFileDialog::getOpenFileName(this, tr("Open Activation Cache"),
                                                      Settings::get(keys::kLastDirectory),
                                                      tr("HDF5 activation caches (*.h5)"));
    if (!file.isEmpty()) openCache(file);
}

int MainWindow::openModel(const QString& dir) {
    auto summary = std::make_shared<std::string>();
    const std::string path = dir.toStdString();
    statusBar()->showMessage(tr("Opening %1...").arg(dir));
    return m_runner->start(
        tr("Inspect %1").arg(QFileInfo(dir).fileName()),
        [summary, path](const core::JobContext& ctx) {
            ctx.report("inspect", 0, 1, "models");
            *summary = core::inspectModelText(path);
            ctx.report("inspect", 1, 1, "models");
        },
        [this, summary, dir] {
            m_summary->setPlainText(QString::fromStdString(*summary));
            m_workspace->addItem(models::WorkspaceModel::Category::Models, QFileInfo(dir).fileName(), dir);
            m_tree->expandAll();
            rememberFile(dir);
            statusBar()->showMessage(tr("Loaded %1").arg(dir), 5000);
        },
        [this, dir](const QString& message) {
            // Non-modal: a failed job must not block the event loop (or a test).
            auto* box = new QMessageBox(QMessageBox::Warning, tr("Cannot open model"),
                                        tr("%1\n\n%2").arg(dir, message), QMessageBox::Ok, this);
            box->setAttribute(Qt::WA_DeleteOnClose);
            box->open();
        });
}

int MainWindow::openCache(const QString& file) {
    auto summary = std::make_shared<QString>();
    const std::string path = file.toStdString();
    return m_runner->start(
        tr("Open cache %1").arg(QFileInfo(file).fileName()),
        [summary, path](const core::JobContext& ctx) {
            ctx.report("open", 0, 1, "caches");
            const core::ActivationCacheReader reader(path);  // validates the file
            const core::CacheMetadata& m = reader.metadata();
            QStringList hooks;
            for (const auto& h : m.schema.hooks) hooks << QString::fromStdString(h);
            QStringList layers;
            for (int l : m.schema.layers) layers << QString::number(l);
            *summary = QStringLiteral(
                           "path          %1\ntask          %2\nrollouts      %3\nrows          %4\n"
                           "mean reward   %5\nd_model       %6\nhooks         %7\nlayers        %8\n"
                           "compression   %9\nsize          %10 MB\n")
                           .arg(QString::fromStdString(path), QString::fromStdString(m.schema.task))
                           .arg(m.numRollouts)
                           .arg(m.numRows)
                           .arg(m.numRollouts > 0 ? m.meanReward() : 0.0, 0, 'f', 4)
                           .arg(m.schema.dModel)
                           .arg(hooks.join(QLatin1String(", ")), layers.join(QLatin1String(", ")),
                                QString::fromStdString(m.compression))
                           .arg(static_cast<double>(m.totalBytes) / 1e6, 0, 'f', 1);
            ctx.report("open", 1, 1, "caches");
        },
        [this, summary, file] {
            m_summary->setPlainText(*summary);
            m_workspace->addItem(models::WorkspaceModel::Category::Caches, QFileInfo(file).fileName(), file);
            m_tree->expandAll();
            rememberFile(file);
            statusBar()->showMessage(tr("Added cache %1").arg(file), 5000);
        },
        [this, file](const QString& message) {
            auto* box = new QMessageBox(QMessageBox::Warning, tr("Cannot open cache"),
                                        tr("%1\n\n%2").arg(file, message), QMessageBox::Ok, this);
            box->setAttribute(Qt::WA_DeleteOnClose);
            box->open();
        });
}

void MainWindow::openPath(const QString& path) {
    const QFileInfo info(path);
    if (info.isDir() && isWorkspaceDir(path.toStdString())) openWorkspace(path);
    else if (info.isDir()) {
        openModel(path);
        m_playgroundCtl->setModelDir(path);
    }
    else if (info.suffix().compare(QLatin1String("h5"), Qt::CaseInsensitive) == 0) {
        // Probes files (in a probes/ folder or named *probe*) open as probes; anything else
        // as a cache, which validates it.
        if (info.dir().dirName() == QLatin1String("probes") ||
            info.fileName().contains(QLatin1String("probe"), Qt::CaseInsensitive))
            openProbes(path);
        else
            openCache(path);
    } else if (info.suffix().compare(QLatin1String("json"), Qt::CaseInsensitive) == 0 && openResult(path) > 0) {
    }
    else
        QMessageBox::information(this, tr("Cannot open"),
                                 tr("%1: expected a workspace or model folder, an activation cache or probes file (.h5), or a result (.json).").arg(path));
}

void MainWindow::rememberFile(const QString& path) {
    Settings::addRecentFile(path);
    Settings::set(keys::kLastDirectory, QFileInfo(path).absolutePath());
    updateRecentMenu();
}

void MainWindow::updateRecentMenu() {
    if (!m_recentMenu) return;
    m_recentMenu->clear();
    const QStringList files = Settings::get(keys::kRecentFiles);
    for (const QString& f : files) m_recentMenu->addAction(f, this, [this, f] { openPath(f); });
    m_recentMenu->setEnabled(!files.isEmpty());
}

void MainWindow::exportCurrentPlot() {
    auto* view = qobject_cast<widgets::PlotView*>(m_tabs->currentWidget());
    if (!view || view->isEmpty()) {
        statusBar()->showMessage(tr("This view has nothing to export yet."), 5000);
        return;
    }
    QString dir = Settings::get(keys::kLastDirectory);
    if (dir.isEmpty()) dir = QDir::homePath();
    widgets::ExportDialog dialog(view, dir, this);
    const QString stepId = m_sessionCtl->nextStepId();
    const QString started = QString::fromStdString(core::isoTimeNow());
    widgets::FigureProvenance prov;
    prov.sessionId = m_sessionCtl->session().id;
    prov.stepId = stepId.toStdString();
    prov.createdUtc = started.toStdString();
    if (auto it = m_viewSources.find(view->viewName()); it != m_viewSources.end())
        prov.fingerprints["data"] = core::semanticFingerprint(it->second.toStdString());
    prov.regenerateCommand = "srs replay " +
                             (m_sessionCtl->path().isEmpty() ? std::string("SESSION.srs.json")
                                                             : m_sessionCtl->path().toStdString()) +
                             " --from " + prov.stepId;
    dialog.setProvenance(prov);
    if (dialog.exec() == QDialog::Accepted) {
        m_workspace->addItem(models::WorkspaceModel::Category::Figures, QFileInfo(dialog.path()).fileName(),
                             dialog.path());
        recordFigure(stepId, dialog.path(), view->viewName(), started);
        statusBar()->showMessage(tr("Exported %1").arg(dialog.path()), 5000);
    }
}

bool MainWindow::exportCurrentView(const QString& path) {
    auto* view = qobject_cast<widgets::PlotView*>(m_tabs->currentWidget());
    if (!view || view->isEmpty()) {
        statusBar()->showMessage(tr("This view has nothing to export yet."), 5000);
        return false;
    }
    const QString stepId = m_sessionCtl->nextStepId();
    const QString started = QString::fromStdString(core::isoTimeNow());
    try {
        widgets::ExportOptions o;
        o.format = widgets::exportFormatFromSuffix(QFileInfo(path).suffix());
        o.provenance.sessionId = m_sessionCtl->session().id;
        o.provenance.stepId = stepId.toStdString();
        o.provenance.createdUtc = started.toStdString();
        if (auto it = m_viewSources.find(view->viewName()); it != m_viewSources.end())
            o.provenance.fingerprints["data"] = core::semanticFingerprint(it->second.toStdString());
        o.provenance.regenerateCommand = "srs replay " +
                                         (m_sessionCtl->path().isEmpty() ? std::string("SESSION.srs.json")
                                                                         : m_sessionCtl->path().toStdString()) +
                                         " --from " + o.provenance.stepId;
        widgets::exportPlot(view->exportPlots().value(0), path, o);
    } catch (const Error& e) {
        statusBar()->showMessage(tr("Export failed: %1").arg(QString::fromUtf8(e.what())), 10000);
        return false;
    }
    m_workspace->addItem(models::WorkspaceModel::Category::Figures, QFileInfo(path).fileName(), path);
    recordFigure(stepId, path, view->viewName(), started);
    return true;
}

void MainWindow::recordFigure(const QString& stepId, const QString& path, const QString& view,
                              const QString& started) {
    // A "figure" step: view, the data file it shows, export settings (docs/SESSION_FORMAT.md).
    nlohmann::json params{{"view", view.toStdString()},
                          {"data", nlohmann::json::array()},
                          {"export", {{"format", QFileInfo(path).suffix().toLower().toStdString()}}}};
    PathList inputs;
    if (auto it = m_viewSources.find(view); it != m_viewSources.end()) inputs.emplace_back("data", it->second.toStdString());
    try {
        auto step = SessionController::makeStep("figure", params, inputs, {{"figure", path.toStdString()}}, {},
                                                m_sessionCtl->baseDir().toStdString(), started.toStdString());
        step.id = stepId.toStdString();
        m_sessionCtl->appendStep(std::move(step));
    } catch (const Error& e) {
        statusBar()->showMessage(tr("Could not record the step: %1").arg(QString::fromUtf8(e.what())), 10000);
    }
}

namespace {
std::function<bool(const QString&)>& recoveryPrompt() {
    static std::function<bool(const QString&)> prompt;
    return prompt;
}
}  // namespace

void MainWindow::setRecoveryPrompt(std::function<bool(const QString&)> prompt) { recoveryPrompt() = std::move(prompt); }

bool MainWindow::offerRecovery() {
    if (!m_sessionCtl->recoveryPending()) return false;
    const QString file = m_sessionCtl->recoveryFile();
    const bool yes = recoveryPrompt()
                         ? recoveryPrompt()(file)
                         : QMessageBox::question(this, tr("Recover Session"),
                                                 tr("SRS Workbench did not exit cleanly last time. Recover the "
                                                    "session autosaved in %1?")
                                                     .arg(file)) == QMessageBox::Yes;
    if (!yes) {
        m_sessionCtl->discardRecovery();
        return false;
    }
    try {
        m_sessionCtl->recover();
    } catch (const Error& e) {
        statusBar()->showMessage(tr("Cannot recover the session: %1").arg(QString::fromUtf8(e.what())), 10000);
        return false;
    }
    m_sessionDock->raise();
    statusBar()->showMessage(tr("Recovered the autosaved session"), 5000);
    return true;
}

void MainWindow::showSessionPanel() {
    m_sessionDock->show();
    m_sessionDock->raise();
    resizeDocks({m_sessionDock}, {height() / 2}, Qt::Vertical);
}

bool MainWindow::openSession(const QString& file) {
    try {
        m_sessionCtl->open(file);
    } catch (const Error& e) {
        QMessageBox::warning(this, tr("Open Session"), QString::fromUtf8(e.what()));
        return false;
    }
    m_sessionDock->show();
    m_sessionDock->raise();
    return true;
}

bool MainWindow::saveSession(const QString& file) {
    try {
        if (file.isEmpty())
            m_sessionCtl->save();
        else
            m_sessionCtl->saveAs(file, /*overwrite=*/true);  // the file dialog asked already
    } catch (const Error& e) {
        QMessageBox::warning(this, tr("Save Session"), QString::fromUtf8(e.what()));
        return false;
    }
    statusBar()->showMessage(tr("Saved %1").arg(m_sessionCtl->path()), 5000);
    return true;
}

void MainWindow::chooseSession() {
    const QString file = QFileDialog::getOpenFileName(this, tr("Open Session"), Settings::get(keys::kLastDirectory),
                                                      tr("Sessions (*.srs.json);;JSON (*.json)"));
    if (!file.isEmpty()) openSession(file);
}

void MainWindow::saveSessionAs() {
    const QString start = m_sessionCtl->path().isEmpty() ? QDir(m_sessionCtl->baseDir()).filePath(QStringLiteral("session.srs.json"))
                                                         : m_sessionCtl->path();
    QString file = QFileDialog::getSaveFileName(this, tr("Save Session"), start, tr("Sessions (*.srs.json)"));
    if (file.isEmpty()) return;
    if (!file.endsWith(QLatin1String(".json"))) file += QStringLiteral(".srs.json");
    saveSession(file);
}

namespace {
/// A folder under base/replay/ that does not exist yet.
QString freshReplayDir(const QString& base, const QString& name) {
    QDir dir(base);
    QString candidate = dir.filePath(QStringLiteral("replay/") + name);
    for (int i = 2; QFileInfo::exists(candidate); ++i)
        candidate = dir.filePath(QStringLiteral("replay/%1-%2").arg(name).arg(i));
    return candidate;
}
}  // namespace

int MainWindow::rerunStep(const QString& id) {
    const auto& session = m_sessionCtl->session();
    const std::size_t index = session.find(id.toStdString());
    if (index >= session.steps.size()) return 0;
    // The session up to this step; earlier steps are reused, this one re-runs.
    core::Session upTo = session;
    upTo.steps.resize(index + 1);
    core::ReplayOptions opts;
    opts.outDir = freshReplayDir(m_sessionCtl->baseDir(), id).toStdString();
    opts.baseDir = m_sessionCtl->baseDir().toStdString();
    opts.fromStep = id.toStdString();
    opts.check = true;
    auto report = std::make_shared<core::ReplayReport>();
    return m_runner->start(
        tr("Re-run %1").arg(id),
        [upTo, opts, report](const core::JobContext& ctx) {
            *report = core::replaySession(upTo, core::pipelineStepRegistry(), opts, ctx);
        },
        [this, report, opts, id] {
            statusBar()->showMessage(tr("Re-ran %1 into %2: %3 outputs checked, %4 mismatches, %5 not runnable")
                                         .arg(id)
                                         .arg(QString::fromStdString(opts.outDir.string()))
                                         .arg(report->checkedOutputs)
                                         .arg(report->mismatches.size())
                                         .arg(report->notRunnable),
                                     15000);
        });
}

int MainWindow::rerunAll() {
    const auto session = m_sessionCtl->session();
    if (session.steps.empty()) return 0;
    core::ReplayOptions opts;
    opts.outDir = freshReplayDir(m_sessionCtl->baseDir(), QStringLiteral("all")).toStdString();
    opts.baseDir = m_sessionCtl->baseDir().toStdString();
    opts.check = true;
    auto report = std::make_shared<core::ReplayReport>();
    return m_runner->start(
        tr("Re-run all steps"),
        [session, opts, report](const core::JobContext& ctx) {
            *report = core::replaySession(session, core::pipelineStepRegistry(), opts, ctx);
        },
        [this, report, opts] {
            statusBar()->showMessage(tr("Re-ran %1 steps into %2: %3 outputs checked, %4 mismatches, %5 not runnable")
                                         .arg(report->steps.size())
                                         .arg(QString::fromStdString(opts.outDir.string()))
                                         .arg(report->checkedOutputs)
                                         .arg(report->mismatches.size())
                                         .arg(report->notRunnable),
                                     15000);
        });
}

void MainWindow::showSettings() {
    SettingsDialog dialog(this);
    if (dialog.exec() != QDialog::Accepted) return;
    dialog.save();
    if (dialog.language() != Language::current() && !Language::apply(dialog.language()))
        QMessageBox::warning(this, tr("Language"), tr("The translation could not be loaded."));
}

void MainWindow::showAbout() {
    QMessageBox::about(this, tr("About SRS Workbench"),
                       tr("SRS Workbench %1\nFinds the sparse reward subsystem (value and dopamine "
                          "neurons) in the hidden states of language models.")
                           .arg(QApplication::applicationVersion()));
}

void MainWindow::closeEvent(QCloseEvent* event) {
    Settings::set(keys::kWindowGeometry, saveGeometry());
    Settings::set(keys::kWindowState, saveState());
    m_runner->cancelAll();
    try {
        m_sessionCtl->markCleanExit();
    } catch (const Error&) {
    }
    QMainWindow::closeEvent(event);
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    if (event->mimeData()->hasUrls()) event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
    for (const QUrl& url : event->mimeData()->urls())
        if (url.isLocalFile()) openPath(url.toLocalFile());
    event->acceptProposedAction();
}

}  // namespace srs::app::gui
