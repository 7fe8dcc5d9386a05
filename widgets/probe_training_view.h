#pragma once
/// Live probe-training curves: loss (left axis, solid) and held-out AUROC (right axis,
/// dashed) per layer, appended as points arrive.
#include <map>
#include <vector>

#include "widgets/plot_view.h"
#include "widgets/view_data.h"

class QCPGraph;

namespace srs::widgets {

class ProbeTrainingView : public PlotView {
    Q_OBJECT
public:
    explicit ProbeTrainingView(QWidget* parent = nullptr);

    /// Appends points (any layers, any order of layers; steps ascending per layer) and
    /// schedules one replot. GUI thread only.
    void appendPoints(const std::vector<TrainingPoint>& points);
    void clear();
    /// Number of layers with at least one point.
    int layerCount() const { return static_cast<int>(m_layers.size()); }

    QList<QCustomPlot*> exportPlots() const override;
    QString csv() const override;
    QString viewName() const override { return QStringLiteral("probe_training"); }

protected:
    void retranslateUi() override;

private:
    struct LayerGraphs {
        QCPGraph* loss = nullptr;
        QCPGraph* auroc = nullptr;
    };
    LayerGraphs& graphsFor(int layer);

    QCustomPlot* m_plot = nullptr;
    std::map<int, LayerGraphs> m_layers;
    std::vector<TrainingPoint> m_points;  ///< everything received, for CSV
};

}  // namespace srs::widgets
