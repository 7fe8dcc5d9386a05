#pragma once
#include <QMainWindow>

class QLabel;
class QPlainTextEdit;

namespace srs::app::gui {

/// The workbench main window. For now: open a model folder and show what `srs inspect`
/// shows; the full set of docks and views arrives with the GUI issue.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    /// Loads a model folder and shows its summary; errors go to a message box.
    void openModel(const QString& dir);

private:
    void chooseModel();
    QPlainTextEdit* m_summary = nullptr;
};

}  // namespace srs::app::gui
