#pragma once
/// An annotated heat map drawn into a QCustomPlot: shared by the ablation and IoU views.
#include <QList>
#include <QPair>
#include <QPoint>
#include <QStringList>
#include <QColor>
#include <vector>

class QCustomPlot;

namespace srs::widgets {

struct HeatmapSpec {
    int rows = 0;
    int cols = 0;
    std::vector<double> values;      ///< [rows*cols] row-major; NaN = no value
    QStringList rowLabels;           ///< [rows], top to bottom
    QStringList colLabels;           ///< [cols]
    QStringList cellText;            ///< [rows*cols] annotation per cell (may be empty)
    QList<QPair<double, QColor>> stops;
    double low = 0.0;                ///< value mapped to stop 0
    double high = 1.0;               ///< value mapped to stop 1
    QString rowTitle, colTitle, scaleTitle;
};

/// Clears `plot` and draws `spec` (colour map, colour scale, per-cell text). GUI thread.
void drawHeatmap(QCustomPlot* plot, const HeatmapSpec& spec);

/// (row, col) of the cell under `pos` (plot widget pixels), or (-1, -1).
QPoint heatmapCellAt(const QCustomPlot* plot, const QPoint& pos, int rows, int cols);

/// Pixel centre of cell (row, col).
QPointF heatmapCellCenter(const QCustomPlot* plot, int row, int col);

}  // namespace srs::widgets
