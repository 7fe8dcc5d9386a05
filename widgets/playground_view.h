#pragma once
/// Intervention playground: a question (typed or picked from examples, with an optional
/// gold answer), hook/dims/op pickers, and two answer panes (baseline and intervened) each
/// with a live V(s_t) mini plot and a grade line. Generate emits generateRequested(); the
/// caller (app/gui/playground_controller) streams tokens back with appendToken().
#include <QStringList>
#include <string>

#include "widgets/plot_view.h"

class QComboBox;
class QFormLayout;
class QGroupBox;
class QHBoxLayout;
class QLabel;
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
    std::string op;          ///< "zero" | "scale" | "set" | "mean" (core InterventionOp)
    double amount = 0.0;     ///< scale factor or value set
    std::string gold;        ///< gold answer ("" = do not grade)
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
    /// Loads an intervention into the pickers (a neuron set, an ablation cell).
    void setIntervention(const QString& hook, const QString& dims, const QString& op, double amount = 0.0);
    void setQuestion(const QString& question, const QString& gold = {});
    /// Example questions offered in a picker (picking one fills question and gold).
    void setExamples(const QStringList& questions, const QStringList& golds);
    /// Grade line under pane 0/1 ("" hides it).
    void setGrade(int pane, const QString& text);
    /// Status line under the pickers (speed, what is loaded).
    void setStatus(const QString& text);
    QString answerText(int pane) const;

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
    QComboBox* m_examples = nullptr;
    QLineEdit* m_gold = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_grade[2] = {nullptr, nullptr};
    QStringList m_golds;
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
