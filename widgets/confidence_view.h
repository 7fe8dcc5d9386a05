#pragma once
/// Confidence signals against correctness: a scatter (score vs. outcome, outcomes spread
/// vertically for visibility), a reliability diagram per signal, and a table of Spearman
/// rho / AUROC / ECE for all signals.
#include "widgets/plot_view.h"
#include "widgets/view_data.h"

class QComboBox;
class QLabel;
class QTableView;

namespace srs::models {
class ConfidenceTableModel;
}

namespace srs::widgets {

class ConfidenceView : public PlotView {
    Q_OBJECT
public:
    explicit ConfidenceView(QWidget* parent = nullptr);

    /// Throws srs::InvalidArgument naming the signal whose score and correct differ in length.
    void setData(const ConfidenceData& data);
    /// Shows signal `index` in the two plots.
    void setCurrentSignal(int index);
    models::ConfidenceTableModel* tableModel() const { return m_model; }

    QList<QCustomPlot*> exportPlots() const override;
    QStringList exportPlotNames() const override;
    QString csv() const override;
    QString viewName() const override { return QStringLiteral("confidence"); }

protected:
    void retranslateUi() override;

private:
    QLabel* m_signalLabel = nullptr;
    QComboBox* m_signal = nullptr;
    QCustomPlot* m_scatter = nullptr;
    QCustomPlot* m_reliability = nullptr;
    QTableView* m_table = nullptr;
    models::ConfidenceTableModel* m_model = nullptr;
    ConfidenceData m_data;
};

}  // namespace srs::widgets
