#pragma once
/// Colour-blind-safe colours for every view: Okabe-Ito for categories, a blue-white-red
/// diverging scale (ColorBrewer RdBu) and viridis for sequential data.
#include <QColor>
#include <QList>
#include <QPair>

namespace srs::widgets {

/// The 8 Okabe-Ito colours, ordered for lines (orange, sky blue, green, blue, vermillion,
/// purple, yellow, black); `index` wraps around.
QColor okabeIto(int index);

/// Colour stops in [0, 1] of the diverging scale: 0 = strong negative (red), 0.5 = white,
/// 1 = strong positive (blue).
QList<QPair<double, QColor>> divergingStops();
/// Colour stops in [0, 1] of viridis.
QList<QPair<double, QColor>> sequentialStops();
/// Linear interpolation in `stops` at t (clamped to [0, 1]).
QColor interpolate(const QList<QPair<double, QColor>>& stops, double t);
/// Black or white, whichever reads better on `background`.
QColor textColorOn(const QColor& background);

}  // namespace srs::widgets
