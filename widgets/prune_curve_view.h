#pragma once
/// AUROC vs pruning ratio, one curve per (layer, method), with CI bands. Hover shows the
/// values; clicking a point emits neuronSetSelected(layer, ratio).
#include <QPoint>

#include "widgets/plot_view.h"
#include "widgets/view_data.h"

class QCheckBox;

namespace srs::widgets {

class PruneCurveView : public PlotView {
    Q_OBJECT
public:
    explicit PruneCurveView(QWidget* parent = nullptr);

    /// Replaces the curves. Throws srs::InvalidArgument naming the curve when its vectors
    /// differ in length or a ratio is outside [0, 1).
    void setData(const PruneCurveData& data);
    /// x axis = fraction kept (1 - ratio) on a log scale instead of the linear ratio.
    void setLogFractionKept(bool on);
    bool logFractionKept() const { return m_logKept; }

    /// The curve/point nearest to `pos` (plot widget pixels) within `radius` pixels, or
    /// {-1, -1}.
    QPair<int, int> pointAt(const QPoint& pos, double radius = 8.0) const;
    /// Pixel position of point `index` of curve `curve` in the plot widget.
    QPointF pixelOf(int curve, int index) const;

    QList<QCustomPlot*> exportPlots() const override;
    QString csv() const override;
    QString viewName() const override { return QStringLiteral("prune_curves"); }

signals:
    /// The user clicked a point: the neuron set of `layer` pruned at `ratio`.
    void neuronSetSelected(int layer, double ratio);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void retranslateUi() override;

private:
    void rebuild();
    double xOf(double ratio) const;

    QCustomPlot* m_plot = nullptr;
    QCheckBox* m_logBox = nullptr;
    PruneCurveData m_data;
    bool m_logKept = false;
    QPoint m_pressPos;  ///< a release counts as a click only near its press (not after a pan)
};

}  // namespace srs::widgets
