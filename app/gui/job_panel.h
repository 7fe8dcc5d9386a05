#pragma once
/// The job dock: every job with a progress bar, phase, time left and status; Cancel for
/// the selected (or only running) job.
#include <QWidget>

class QPushButton;
class QTableView;

namespace srs::app::gui {

class JobRunner;

class JobPanel : public QWidget {
    Q_OBJECT
public:
    JobPanel(JobRunner* runner, QWidget* parent = nullptr);
    void retranslate();

private:
    void cancelSelected();
    JobRunner* m_runner;
    QTableView* m_view = nullptr;
    QPushButton* m_cancel = nullptr;
    QPushButton* m_clear = nullptr;
};

}  // namespace srs::app::gui
