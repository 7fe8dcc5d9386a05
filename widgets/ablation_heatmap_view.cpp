#include "widgets/ablation_heatmap_view.h"

#include <QMouseEvent>
#include <QToolTip>
#include <algorithm>
#include <cmath>

#include "core/error.h"
#include "qcustomplot.h"
#include "widgets/heatmap_plot.h"
#include "widgets/palette.h"
#include "widgets/plot_export.h"

namespace srs::widgets {

AblationHeatmapView::AblationHeatmapView(QWidget* parent)
    : PlotView(tr("Run an ablation sweep to see this view."), parent) {
    m_plot = createPlot(this);
    m_plot->setMouseTracking(true);
    m_plot->installEventFilter(this);
    setContent(m_plot);
    retranslateUi();
}

void AblationHeatmapView::setData(const AblationData& data) {
    const size_t n = data.layers.size() * data.conditions.size();
    auto check = [&](const std::vector<double>& v, const char* name, bool optional) {
        if (optional && v.empty()) return;
        if (v.size() != n)
            throw InvalidArgument(std::string("ablation data: '") + name + "' has " +
                                  std::to_string(v.size()) + " values, expected layers x conditions = " +
                                  std::to_string(n));
    };
    check(data.accuracy, "accuracy", false);
    check(data.delta, "delta", false);
    check(data.ciLow, "ciLow", true);
    check(data.ciHigh, "ciHigh", true);
    m_data = data;
    redraw();
}

void AblationHeatmapView::retranslateUi() {
    setEmptyMessage(tr("Run an ablation sweep to see this view."));
    redraw();
}

void AblationHeatmapView::redraw() {
    const AblationData& data = m_data;
    const size_t n = data.layers.size() * data.conditions.size();
    HeatmapSpec spec;
    spec.rows = static_cast<int>(data.layers.size());
    spec.cols = static_cast<int>(data.conditions.size());
    spec.values = data.delta;
    double maxAbs = 0.0;
    for (double d : data.delta)
        if (std::isfinite(d)) maxAbs = std::max(maxAbs, std::abs(d));
    if (maxAbs <= 0) maxAbs = 0.01;
    spec.low = -maxAbs;
    spec.high = maxAbs;
    spec.stops = divergingStops();
    for (int layer : data.layers) spec.rowLabels << tr("L%1").arg(layer);
    for (const auto& c : data.conditions) spec.colLabels << QString::fromStdString(c);
    for (size_t i = 0; i < n; ++i) {
        QString text = QString::number(100.0 * data.accuracy[i], 'f', 1) + QLatin1Char('%');
        if (!data.ciLow.empty())
            text += QStringLiteral("\n[%1, %2]")
                        .arg(100.0 * data.ciLow[i], 0, 'f', 1)
                        .arg(100.0 * data.ciHigh[i], 0, 'f', 1);
        spec.cellText << text;
    }
    spec.rowTitle = tr("Ablated layer");
    spec.colTitle = tr("Condition");
    spec.scaleTitle = tr("Accuracy change");
    if (n > 0) drawHeatmap(m_plot, spec);
    setContentVisible(n > 0);
}

QPoint AblationHeatmapView::cellAt(const QPoint& pos) const {
    return heatmapCellAt(m_plot, pos, static_cast<int>(m_data.layers.size()),
                         static_cast<int>(m_data.conditions.size()));
}

QPointF AblationHeatmapView::cellCenter(int row, int col) const {
    return heatmapCellCenter(m_plot, row, col);
}

bool AblationHeatmapView::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_plot &&
        (event->type() == QEvent::MouseMove || event->type() == QEvent::MouseButtonRelease)) {
        auto* mouse = static_cast<QMouseEvent*>(event);
        const QPoint cell = cellAt(mouse->position().toPoint());
        if (cell.x() >= 0) {
            const size_t i = static_cast<size_t>(cell.x()) * m_data.conditions.size() +
                             static_cast<size_t>(cell.y());
            const int layer = m_data.layers[static_cast<size_t>(cell.x())];
            const QString condition =
                QString::fromStdString(m_data.conditions[static_cast<size_t>(cell.y())]);
            if (event->type() == QEvent::MouseMove) {
                QToolTip::showText(mouse->globalPosition().toPoint(),
                                   tr("Layer %1, %2\naccuracy %3%, change %4 points")
                                       .arg(layer)
                                       .arg(condition)
                                       .arg(100.0 * m_data.accuracy[i], 0, 'f', 1)
                                       .arg(100.0 * m_data.delta[i], 0, 'f', 1),
                                   m_plot);
            } else if (mouse->button() == Qt::LeftButton) {
                emit cellActivated(layer, condition);
            }
        } else if (event->type() == QEvent::MouseMove) {
            QToolTip::hideText();
        }
    }
    return PlotView::eventFilter(watched, event);
}

QList<QCustomPlot*> AblationHeatmapView::exportPlots() const { return {m_plot}; }

QString AblationHeatmapView::csv() const {
    QString out = QStringLiteral("layer,condition,accuracy,delta,ci_low,ci_high\n");
    const size_t nc = m_data.conditions.size();
    for (size_t r = 0; r < m_data.layers.size(); ++r) {
        for (size_t c = 0; c < nc; ++c) {
            const size_t i = r * nc + c;
            out += QStringLiteral("%1,%2,%3,%4,%5,%6\n")
                       .arg(m_data.layers[r])
                       .arg(csvField(QString::fromStdString(m_data.conditions[c])))
                       .arg(m_data.accuracy[i], 0, 'g', 10)
                       .arg(m_data.delta[i], 0, 'g', 10)
                       .arg(m_data.ciLow.empty() ? QString() : QString::number(m_data.ciLow[i], 'g', 10))
                       .arg(m_data.ciHigh.empty() ? QString() : QString::number(m_data.ciHigh[i], 'g', 10));
        }
    }
    return out;
}

}  // namespace srs::widgets
