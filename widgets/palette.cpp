#include "widgets/palette.h"

#include <algorithm>

namespace srs::widgets {

QColor okabeIto(int index) {
    static const QColor colors[] = {QColor(0xE6, 0x9F, 0x00), QColor(0x56, 0xB4, 0xE9),
                                    QColor(0x00, 0x9E, 0x73), QColor(0x00, 0x72, 0xB2),
                                    QColor(0xD5, 0x5E, 0x00), QColor(0xCC, 0x79, 0xA7),
                                    QColor(0xF0, 0xE4, 0x42), QColor(0x00, 0x00, 0x00)};
    const int n = static_cast<int>(sizeof(colors) / sizeof(colors[0]));
    return colors[((index % n) + n) % n];
}

QList<QPair<double, QColor>> divergingStops() {
    return {{0.0, QColor("#b2182b")},     {1.0 / 6, QColor("#ef8a62")},
            {2.0 / 6, QColor("#fddbc7")}, {0.5, QColor("#f7f7f7")},
            {4.0 / 6, QColor("#d1e5f0")}, {5.0 / 6, QColor("#67a9cf")},
            {1.0, QColor("#2166ac")}};
}

QList<QPair<double, QColor>> sequentialStops() {
    return {{0.0, QColor("#440154")},  {0.25, QColor("#3b528b")}, {0.5, QColor("#21908c")},
            {0.75, QColor("#5dc863")}, {1.0, QColor("#fde725")}};
}

QColor interpolate(const QList<QPair<double, QColor>>& stops, double t) {
    if (stops.isEmpty()) return {};
    t = std::clamp(t, 0.0, 1.0);
    for (int i = 1; i < stops.size(); ++i) {
        if (t <= stops[i].first) {
            const auto& a = stops[i - 1];
            const auto& b = stops[i];
            const double span = b.first - a.first;
            const double f = span > 0 ? (t - a.first) / span : 0.0;
            return QColor::fromRgbF(a.second.redF() + f * (b.second.redF() - a.second.redF()),
                                    a.second.greenF() + f * (b.second.greenF() - a.second.greenF()),
                                    a.second.blueF() + f * (b.second.blueF() - a.second.blueF()));
        }
    }
    return stops.last().second;
}

QColor textColorOn(const QColor& background) {
    const double luminance =
        0.2126 * background.redF() + 0.7152 * background.greenF() + 0.0722 * background.blueF();
    return luminance > 0.5 ? QColor(Qt::black) : QColor(Qt::white);
}

}  // namespace srs::widgets
