#pragma once
/// Intervention playground (UI only for now): a question, hook/dims/op pickers, and two
/// answer panes (baseline and intervened) each with a live V(s_t) mini plot. Generate
/// emits generateRequested(); the caller streams tokens back with appendToken().
#include <QStringList>
#include <string>

#include "widgets/plot_view.h"

class QComboBox;
class QFormLayout;
class QGroupBox;
class QHBoxLayout;
class QDoubleSpinBox;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTextEdit;

namespace srs::widgets {

/// What the user asked for.
struct PlaygroundRequest {
    std::string question;
    std::string hook;        ///< TransformerLens hook name, e.g. "blocks.5.hook_resid_post"
    std::string dims;        ///< as typed, e.g. "3,17,42"
    std::string op;          ///< "zero" | "scale" | "add"
    double amount = 0.0;     ///< scale factor or added value
};

class PlaygroundView : public PlotView {
    Q_OBJECT
public:
    explicit PlaygroundView(QWidget* parent = nullptr);

    /// Hook names offered in the picker (from the open model).
    void setHooks(const QStringList& hooks);
    PlaygroundRequest request() const;
    /// Clears both panes (call before streaming a new pair of answers).
    void clearAnswers();
    /// Appends a token to pane 0 (baseline) or 1 (intervened) and its V(s_t) to the mini plot.
    void appendToken(int pane, const QString& text, double value);
    /// Enables/disables Generate (e.g. while a generation job runs).
    void setBusy(bool busy);

    QList<QCustomPlot*> exportPlots() const override;
    QStringList exportPlotNames() const override;
    QString csv() const override;
    QString viewName() const override { return QStringLiteral("playground"); }

signals:
    void generateRequested(const srs::widgets::PlaygroundRequest& request);

protected:
    void retranslateUi() override;

private:
    QFormLayout* m_form = nullptr;
    QHBoxLayout* m_row = nullptr;
    QGroupBox* m_box[2] = {nullptr, nullptr};
    QPlainTextEdit* m_question = nullptr;
    QComboBox* m_hook = nullptr;
    QLineEdit* m_dims = nullptr;
    QComboBox* m_op = nullptr;
    QDoubleSpinBox* m_amount = nullptr;
    QPushButton* m_generate = nullptr;
    QTextEdit* m_answer[2] = {nullptr, nullptr};
    QCustomPlot* m_mini[2] = {nullptr, nullptr};
    QStringList m_tokens[2];
};

}  // namespace srs::widgets
