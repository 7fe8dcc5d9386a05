#pragma once
/// The session dock: the current session's steps (SessionStepModel over the
/// SessionController) with Re-run, Re-run All, Rename, Annotate and Delete. Label and note
/// are also editable in place. Re-runs are requested through signals (the main window runs
/// them as jobs).
#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;

namespace srs::models {
class SessionStepModel;
}

namespace srs::app::gui {

class SessionController;

class SessionPanel : public QWidget {
    Q_OBJECT
public:
    SessionPanel(SessionController* session, QWidget* parent = nullptr);

    models::SessionStepModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }
    /// Id of the selected step ("" = none).
    QString selectedStep() const;
    void selectStep(const QString& id);
    /// Rebuilds the rows from the controller.
    void refresh();
    void retranslate();
    /// Asks for a label / note (dialogs; tests call the controller instead).
    void renameSelected();
    void annotateSelected();
    void deleteSelected();

signals:
    void rerunRequested(const QString& stepId);
    void rerunAllRequested();

private:
    SessionController* m_session;
    models::SessionStepModel* m_model;
    QTableView* m_view;
    QLabel* m_title;
    QPushButton *m_rerun, *m_rerunAll, *m_rename, *m_annotate, *m_delete;
};

}  // namespace srs::app::gui
