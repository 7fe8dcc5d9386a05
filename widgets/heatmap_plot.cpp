#include "widgets/heatmap_plot.h"

#include <cmath>

#include "qcustomplot.h"
#include "widgets/palette.h"

namespace srs::widgets {

void drawHeatmap(QCustomPlot* plot, const HeatmapSpec& spec) {
    plot->clearPlottables();
    plot->clearItems();
    for (int i = plot->plotLayout()->elementCount() - 1; i >= 0; --i) {
        if (qobject_cast<QCPColorScale*>(plot->plotLayout()->elementAt(i)))
            plot->plotLayout()->remove(plot->plotLayout()->elementAt(i));
    }
    plot->plotLayout()->simplify();
    if (spec.rows <= 0 || spec.cols <= 0) {
        plot->replot();
        return;
    }
    auto* map = new QCPColorMap(plot->xAxis, plot->yAxis);
    map->data()->setSize(spec.cols, spec.rows);
    // Degenerate ranges (one row/column) are widened so that cells keep unit size.
    map->data()->setRange(QCPRange(0, std::max(spec.cols - 1, 0) + (spec.cols == 1 ? 1e-9 : 0)),
                          QCPRange(0, std::max(spec.rows - 1, 0) + (spec.rows == 1 ? 1e-9 : 0)));
    for (int r = 0; r < spec.rows; ++r)
        for (int c = 0; c < spec.cols; ++c)
            map->data()->setCell(c, r, spec.values[static_cast<size_t>(r * spec.cols + c)]);
    QCPColorGradient gradient;
    gradient.clearColorStops();
    for (const auto& stop : spec.stops) gradient.setColorStopAt(stop.first, stop.second);
    gradient.setLevelCount(256);
    gradient.setNanHandling(QCPColorGradient::nhNanColor);
    gradient.setNanColor(QColor(220, 220, 220));
    map->setGradient(gradient);
    map->setDataRange(QCPRange(spec.low, spec.high));
    map->setInterpolate(false);

    auto* scale = new QCPColorScale(plot);
    plot->plotLayout()->addElement(0, 1, scale);
    scale->setType(QCPAxis::atRight);
    scale->setGradient(gradient);
    scale->setDataRange(QCPRange(spec.low, spec.high));
    scale->axis()->setLabel(spec.scaleTitle);
    scale->setBarWidth(10);
    auto* group = new QCPMarginGroup(plot);
    plot->axisRect()->setMarginGroup(QCP::msTop | QCP::msBottom, group);
    scale->setMarginGroup(QCP::msTop | QCP::msBottom, group);

    QSharedPointer<QCPAxisTickerText> xTicks(new QCPAxisTickerText);
    for (int c = 0; c < spec.cols; ++c) xTicks->addTick(c, spec.colLabels.value(c));
    QSharedPointer<QCPAxisTickerText> yTicks(new QCPAxisTickerText);
    for (int r = 0; r < spec.rows; ++r) yTicks->addTick(r, spec.rowLabels.value(r));
    plot->xAxis->setTicker(xTicks);
    plot->yAxis->setTicker(yTicks);
    // Long column names are slanted so that neighbours do not run into each other.
    int longest = 0;
    for (const QString& l : spec.colLabels) longest = std::max(longest, static_cast<int>(l.size()));
    plot->xAxis->setTickLabelRotation(longest > 6 && spec.cols > 2 ? -25 : 0);
    plot->xAxis->setLabel(spec.colTitle);
    plot->yAxis->setLabel(spec.rowTitle);
    plot->xAxis->setRange(-0.5, spec.cols - 0.5);
    plot->yAxis->setRange(-0.5, spec.rows - 0.5);
    plot->yAxis->setRangeReversed(true);
    plot->xAxis->grid()->setVisible(false);
    plot->yAxis->grid()->setVisible(false);
    plot->xAxis->setSubTicks(false);
    plot->yAxis->setSubTicks(false);

    for (int r = 0; r < spec.rows; ++r) {
        for (int c = 0; c < spec.cols; ++c) {
            const QString text = spec.cellText.value(r * spec.cols + c);
            if (text.isEmpty()) continue;
            const double v = spec.values[static_cast<size_t>(r * spec.cols + c)];
            const double t = spec.high > spec.low ? (v - spec.low) / (spec.high - spec.low) : 0.5;
            auto* item = new QCPItemText(plot);
            item->position->setType(QCPItemPosition::ptPlotCoords);
            item->position->setCoords(c, r);
            item->setPositionAlignment(Qt::AlignCenter);
            item->setTextAlignment(Qt::AlignCenter);
            item->setText(text);
            QFont font = item->font();
            font.setPointSizeF(std::max(6.0, font.pointSizeF() * 0.85));
            item->setFont(font);
            item->setColor(std::isnan(v) ? QColor(Qt::black) : textColorOn(interpolate(spec.stops, t)));
            item->setClipToAxisRect(true);
        }
    }
    plot->replot();
}

QPoint heatmapCellAt(const QCustomPlot* plot, const QPoint& pos, int rows, int cols) {
    if (!plot->axisRect()->rect().contains(pos)) return {-1, -1};
    const double x = plot->xAxis->pixelToCoord(pos.x());
    const double y = plot->yAxis->pixelToCoord(pos.y());
    const int c = static_cast<int>(std::floor(x + 0.5));
    const int r = static_cast<int>(std::floor(y + 0.5));
    if (c < 0 || c >= cols || r < 0 || r >= rows) return {-1, -1};
    return {r, c};
}

QPointF heatmapCellCenter(const QCustomPlot* plot, int row, int col) {
    return {plot->xAxis->coordToPixel(col), plot->yAxis->coordToPixel(row)};
}

}  // namespace srs::widgets
