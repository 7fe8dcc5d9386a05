#pragma once
/// Ablation sweep as a layers x conditions heat map coloured by accuracy change (diverging,
/// colour-blind safe), each cell annotated with accuracy and CI.
#include <QPoint>

#include "widgets/plot_view.h"
#include "widgets/view_data.h"

namespace srs::widgets {

class AblationHeatmapView : public PlotView {
    Q_OBJECT
public:
    explicit AblationHeatmapView(QWidget* parent = nullptr);

    /// Throws srs::InvalidArgument naming the grid whose size is not layers x conditions.
    void setData(const AblationData& data);
    /// (row, col) under `pos` in plot pixels, or (-1, -1); pixel centre of a cell.
    QPoint cellAt(const QPoint& pos) const;
    QPointF cellCenter(int row, int col) const;

    QList<QCustomPlot*> exportPlots() const override;
    QString csv() const override;
    QString viewName() const override { return QStringLiteral("ablation_heatmap"); }

signals:
    /// The user clicked the cell of `layer` under `condition`.
    void cellActivated(int layer, const QString& condition);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void retranslateUi() override;

private:
    void redraw();
    QCustomPlot* m_plot = nullptr;
    AblationData m_data;
};

}  // namespace srs::widgets
