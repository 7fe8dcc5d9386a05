#include "widgets/probe_training_view.h"

#include "qcustomplot.h"
#include "widgets/palette.h"

namespace srs::widgets {

ProbeTrainingView::ProbeTrainingView(QWidget* parent)
    : PlotView(tr("Train probes to see this view."), parent) {
    m_plot = createPlot(this);
    m_plot->yAxis2->setVisible(true);
    m_plot->yAxis2->setRange(0.4, 1.0);
    m_plot->legend->setVisible(true);
    m_plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
    enableZoomPan(m_plot);
    setContent(m_plot);
    retranslateUi();
}

void ProbeTrainingView::retranslateUi() {
    setEmptyMessage(tr("Train probes to see this view."));
    m_plot->xAxis->setLabel(tr("Training step"));
    m_plot->yAxis->setLabel(tr("Loss (solid)"));
    m_plot->yAxis2->setLabel(tr("Held-out AUROC (dashed)"));
    for (auto& [layer, graphs] : m_layers) graphs.loss->setName(tr("Layer %1").arg(layer));
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

ProbeTrainingView::LayerGraphs& ProbeTrainingView::graphsFor(int layer) {
    auto it = m_layers.find(layer);
    if (it != m_layers.end()) return it->second;
    const QColor color = okabeIto(static_cast<int>(m_layers.size()));
    LayerGraphs g;
    g.loss = m_plot->addGraph(m_plot->xAxis, m_plot->yAxis);
    g.loss->setPen(QPen(color, 1.5));
    // Small markers: a probes file of one epoch has one point per layer, which a line alone
    // does not draw.
    g.loss->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 5));
    g.loss->setName(tr("Layer %1").arg(layer));
    g.auroc = m_plot->addGraph(m_plot->xAxis, m_plot->yAxis2);
    g.auroc->setPen(QPen(color, 1.5, Qt::DashLine));
    // Held-out AUROC is often evaluated once (at the end): a marker that shows alone.
    g.auroc->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDiamond, 9));
    g.auroc->removeFromLegend();
    return m_layers.emplace(layer, g).first->second;
}

void ProbeTrainingView::appendPoints(const std::vector<TrainingPoint>& points) {
    if (points.empty()) return;
    for (const TrainingPoint& p : points) {
        LayerGraphs& g = graphsFor(p.layer);
        const double step = static_cast<double>(p.step);
        g.loss->addData(step, p.loss);
        if (p.heldOutAuroc >= 0) g.auroc->addData(step, p.heldOutAuroc);
        m_points.push_back(p);
    }
    m_plot->xAxis->rescale();
    m_plot->yAxis->rescale();
    const QCPRange x = m_plot->xAxis->range();
    if (x.upper > x.lower) {
        const double span = x.upper - x.lower;
        m_plot->xAxis->setRange(x.lower - span * 0.03, x.upper + span * 0.03);  // room for the end markers
    } else {
        m_plot->xAxis->setRange(x.lower - 1.0, x.lower + 1.0);  // one step: centred
    }
    QCPRange y = m_plot->yAxis->range();
    m_plot->yAxis->setRange(std::min(0.0, y.lower), std::max(y.upper * 1.05, 1e-6));
    setContentVisible(true);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void ProbeTrainingView::clear() {
    m_plot->clearGraphs();
    m_layers.clear();
    m_points.clear();
    setContentVisible(false);
    m_plot->replot();
}

QList<QCustomPlot*> ProbeTrainingView::exportPlots() const { return {m_plot}; }

QString ProbeTrainingView::csv() const {
    QString out = QStringLiteral("layer,step,loss,heldout_auroc\n");
    for (const TrainingPoint& p : m_points) {
        out += QStringLiteral("%1,%2,%3,%4\n")
                   .arg(p.layer)
                   .arg(p.step)
                   .arg(p.loss, 0, 'g', 10)
                   .arg(p.heldOutAuroc >= 0 ? QString::number(p.heldOutAuroc, 'g', 10) : QString());
    }
    return out;
}

}  // namespace srs::widgets
