#pragma once
/// The workbench main window: workspace tree and job docks around a tab area of views.
/// Layout, recent files and settings persist through Settings. Long work (opening a
/// model, later training and analyses) runs through the JobRunner; nothing here blocks
/// the event loop.
#include <QMainWindow>
#include <QStringList>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <vector>

class QComboBox;
class QDialog;
class QDockWidget;
class QMenu;
class QPlainTextEdit;
class QTabWidget;
class QTreeView;

namespace srs::models {
class WorkspaceModel;
}
namespace srs::widgets {
class AblationHeatmapView;
class ConfidenceView;
class DopamineTraceView;
class IouMatrixView;
class PlaygroundView;
class ProbeTrainingView;
class PruneCurveView;
}  // namespace srs::widgets

namespace srs::core {
struct ProbeTrainOptions;
}

namespace srs::app::gui {

class JobPanel;
class JobRunner;
class PlaygroundController;
class SessionController;
class SessionPanel;
struct WorkspaceScan;
struct NeuronSelection;
struct AblateJobSpec;
struct DopamineJobSpec;
struct ConfidenceJobSpec;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Inspects a model folder on a worker thread; the summary lands in the Model dock.
    int openModel(const QString& dir);
    /// Validates an activation cache (.h5) on a worker thread, shows its summary in the
    /// Model dock and adds it to the workspace; a bad file gives a message.
    int openCache(const QString& file);
    /// Opens a folder as a model, a .h5 file as a cache; anything else: a message.
    /// A workspace folder (isWorkspaceDir: what `srs demo --out` writes) opens as one.
    void openPath(const QString& path);
    /// Lists the workspace on a worker thread, fills the tree (model, caches, rollouts,
    /// probes, analyses, figures), opens its model, shows the first probes file's training
    /// curves, loads every result JSON into its view, computes the neuron-set overlap
    /// across its probes files and readies the playground (model, probes, examples).
    int openWorkspace(const QString& dir);
    /// Loads a probes file: training curves into the training view; it becomes the file
    /// the playground's V(s_t) trace and neuron sets come from.
    int openProbes(const QString& file);
    /// Loads a result JSON into its view (prune curve, IoU, neuron set); returns the job
    /// id, 0 when the kind is unknown (then the system viewer opens it from the tree).
    /// Loads an analysis result into its view. `chosen`: opened by the user (tree, File >
    /// Open, an analysis just run), so a view holding several results shows this one; a
    /// workspace scan passes false.
    int openResult(const QString& file, bool chosen = true);

    /// Jobs (also in the Analysis menu, with defaults). Each returns the job id.
    /// Trains probes on `cache` streaming one TrainingPoint per (layer, epoch) into the
    /// training view; writes the probes file into the workspace's probes/ folder.
    int trainProbes(const QString& cache, const core::ProbeTrainOptions& options);
    /// Prune curve of `cache` into the pruning view; written to the workspace's analyses/.
    int runPruneCurve(const QString& cache, const core::ProbeTrainOptions& options, const std::vector<double>& ratios);
    /// IoU of the value-neuron sets of `layer` across probes files into the overlap view.
    int runIou(const QStringList& probesFiles, int layer, const std::vector<double>& ratios);
    /// `srs ablate` on the spec's model, questions, probes and cache: the result goes to
    /// analyses/<probes>-ablation.json (never overwritten), an `ablate` step into the
    /// session, the heat map shows it. Job id (0 with a message when an input is missing).
    int runAblation(const AblateJobSpec& spec);
    /// `srs dopamine`: analyses/<probes>-dopamine.json, a `dopamine` step, the trace view.
    int runDopamine(const DopamineJobSpec& spec);
    /// `srs confidence`: analyses/<probes>-confidence.json, a `confidence` step, the confidence view.
    int runConfidence(const ConfidenceJobSpec& spec);
    /// What the Analysis menu's dialogs start with: the playground's model, the active probes
    /// file, the cache / rollouts of the same name (else the selected or first one), the
    /// best layer of the active probes (highest held-out AUROC of V(s_0)), and for the
    /// ablation the demo model's questions of that family and its prompt template.
    /// Opens the Analysis menu's dialog `name` ("ablate", "dopamine", "confidence") with the
    /// workspace defaults (non-modal; Run starts the job). Null for another name.
    QDialog* openAnalysisDialog(const QString& name);
    AblateJobSpec defaultAblateSpec() const;
    DopamineJobSpec defaultDopamineSpec() const;
    ConfidenceJobSpec defaultConfidenceSpec() const;
    /// Shows trace `index` of the open dopamine result (the trace picker's choice).
    int showDopamineTrace(int index);
    /// The trace picker (a corner widget of the view tabs, visible on the dopamine tab).
    QComboBox* tracePicker() const { return m_tracePicker; }
    widgets::AblationHeatmapView* ablationView() const { return m_ablation; }
    widgets::DopamineTraceView* dopamineView() const { return m_trace; }
    widgets::ConfidenceView* confidenceView() const { return m_confidence; }
    /// Loads `set` into the playground (hook, dims, zero) and shows it.
    void selectNeuronSet(const NeuronSelection& set);

    // --- sessions (docs/SESSION_FORMAT.md) ---
    SessionController* sessionController() const { return m_sessionCtl; }
    SessionPanel* sessionPanel() const { return m_sessionPanel; }
    /// Shows and raises the session dock.
    void showSessionPanel();
    /// Opens a session file into the session panel; a message on error. True when opened.
    bool openSession(const QString& file);
    /// Saves the session to `file` ("" = its own file); a message on error. True when saved.
    bool saveSession(const QString& file = {});
    /// Re-runs step `id` headless (core replaySession from that step, earlier steps reused)
    /// into <base>/replay/<id>[-N]/; reports how many output fingerprints matched. Job id.
    int rerunStep(const QString& id);
    /// Re-runs every step into <base>/replay/all[-N]/. Job id.
    int rerunAll();
    /// Asks whether to recover the autosaved session of a run that did not exit cleanly;
    /// the question goes through the recovery prompt (a message box unless replaced).
    /// Returns true when a session was recovered.
    bool offerRecovery();
    /// Replaces the recovery question (tests): gets the recovery file, returns yes/no.
    static void setRecoveryPrompt(std::function<bool(const QString&)> prompt);
    /// Exports the current view to `path` (format from the suffix) with the session's
    /// provenance and adds a "figure" step; false with a message on error.
    bool exportCurrentView(const QString& path);

    PlaygroundController* playground() const { return m_playgroundCtl; }
    QString workspaceRoot() const { return m_workspaceRoot; }
    QString activeProbes() const { return m_activeProbes; }
    /// Index of the view tab `name` (PlotView::viewName(): "training", "playground", ...), -1 if none.
    int tabIndexOf(const QString& viewName) const;

    JobRunner* jobRunner() const { return m_runner; }
    models::WorkspaceModel* workspace() const { return m_workspace; }
    QTabWidget* tabs() const { return m_tabs; }
    /// Re-reads every user-visible string (after a language switch).
    void retranslate();

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void changeEvent(QEvent* event) override;

signals:
    /// After openWorkspace() finished loading everything it started (tests, screenshots).
    void workspaceLoaded();

private:
    void buildMenus();
    void populateWorkspace(const WorkspaceScan& scan);
    QString selectedOrFirst(int category) const;
    QString resultPath(const QString& folder, const QString& name) const;
    void loadPlaygroundExamples(const QString& modelDir);
    void chooseModel();
    void chooseCache();
    void chooseWorkspace();
    void exportCurrentPlot();
    void chooseSession();
    /// The workspace file of `category` named `stem` (+ any suffix), else selectedOrFirst.
    QString workspaceFile(int category, const QString& stem) const;
    void saveSessionAs();
    void recordFigure(const QString& stepId, const QString& path, const QString& view, const QString& started);
    void showSettings();
    void showAbout();
    void rememberFile(const QString& path);
    void updateRecentMenu();

    JobRunner* m_runner = nullptr;
    models::WorkspaceModel* m_workspace = nullptr;
    QTabWidget* m_tabs = nullptr;
    QTreeView* m_tree = nullptr;
    QPlainTextEdit* m_summary = nullptr;
    QDockWidget* m_workspaceDock = nullptr;
    QDockWidget* m_jobDock = nullptr;
    QDockWidget* m_sessionDock = nullptr;
    SessionController* m_sessionCtl = nullptr;
    SessionPanel* m_sessionPanel = nullptr;
    /// View name -> the result file it shows (provenance of an export).
    std::map<QString, QString> m_viewSources;
    QDockWidget* m_summaryDock = nullptr;
    JobPanel* m_jobPanel = nullptr;
    QMenu* m_recentMenu = nullptr;

    widgets::ProbeTrainingView* m_training = nullptr;
    widgets::PruneCurveView* m_prune = nullptr;
    widgets::AblationHeatmapView* m_ablation = nullptr;
    widgets::IouMatrixView* m_iou = nullptr;
    widgets::DopamineTraceView* m_trace = nullptr;
    widgets::ConfidenceView* m_confidence = nullptr;
    widgets::PlaygroundView* m_playground = nullptr;
    PlaygroundController* m_playgroundCtl = nullptr;
    QComboBox* m_tracePicker = nullptr;
    QWidget* m_tracePickerBox = nullptr;
    QString m_dopaminePath;   ///< dopamine result whose traces the picker lists
    QString m_ablationPath;   ///< ablation result whose sets a heat-map click loads
    QString m_workspaceRoot;
    QString m_activeProbes;
    std::vector<int> m_probeLayers;  ///< layers of the active probes file
    int m_bestLayer = -1;            ///< its layer with the highest held-out AUROC of V(s_0)
    QStringList m_probeFiles;
    std::set<int> m_workspaceJobs;  ///< jobs openWorkspace() started and waits for
};

}  // namespace srs::app::gui
