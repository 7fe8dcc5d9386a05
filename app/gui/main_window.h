#pragma once
/// The workbench main window: workspace tree and job docks around a tab area of views.
/// Layout, recent files and settings persist through Settings. Long work (opening a
/// model, later training and analyses) runs through the JobRunner; nothing here blocks
/// the event loop.
#include <QMainWindow>

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

namespace srs::app::gui {

class JobPanel;
class JobRunner;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Inspects a model folder on a worker thread; the summary lands in the Model dock.
    void openModel(const QString& dir);
    /// Validates an activation cache (.h5) on a worker thread, shows its summary in the
    /// Model dock and adds it to the workspace; a bad file gives a message.
    void openCache(const QString& file);
    /// Opens a folder as a model, a .h5 file as a cache; anything else: a message.
    void openPath(const QString& path);

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

private:
    void buildMenus();
    void chooseModel();
    void chooseCache();
    void exportCurrentPlot();
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
};

}  // namespace srs::app::gui
