#include "widgets/token_text_widget.h"

#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <algorithm>
#include <cmath>

#include "widgets/palette.h"

namespace srs::widgets {
namespace {
constexpr int kPad = 2;
}

TokenTextWidget::TokenTextWidget(QWidget* parent) : QAbstractScrollArea(parent) {
    viewport()->setMouseTracking(true);
    viewport()->setBackgroundRole(QPalette::Base);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    verticalScrollBar()->setSingleStep(rowHeight());
}

QString TokenTextWidget::displayText(const QString& token) {
    QString s = token;
    s.replace(QLatin1Char('\n'), QChar(0x23CE));  // ⏎
    s.replace(QLatin1Char('\t'), QChar(0x2192));  // →
    return s;
}

int TokenTextWidget::rowHeight() const { return fontMetrics().height() + 2 * kPad; }

void TokenTextWidget::setTokens(const QStringList& tokens) {
    m_tokens = tokens;
    m_values.assign(static_cast<size_t>(tokens.size()), std::nan(""));
    measure();
    relayout();
}

void TokenTextWidget::setValues(const std::vector<double>& values) {
    m_values = values;
    m_values.resize(static_cast<size_t>(m_tokens.size()), std::nan(""));
    m_absMax = 0.0;
    for (double v : m_values)
        if (std::isfinite(v)) m_absMax = std::max(m_absMax, std::abs(v));
    if (m_absMax <= 0) m_absMax = 1.0;
    viewport()->update();
}

void TokenTextWidget::measure() {
    const QFontMetrics fm = fontMetrics();
    m_width.resize(static_cast<size_t>(m_tokens.size()));
    for (int i = 0; i < m_tokens.size(); ++i)
        m_width[static_cast<size_t>(i)] = fm.horizontalAdvance(displayText(m_tokens[i])) + 2 * kPad;
}

void TokenTextWidget::relayout() {
    const int avail = std::max(40, viewport()->width() - 2 * kPad);
    m_layoutWidth = viewport()->width();
    const size_t n = static_cast<size_t>(m_tokens.size());
    m_x.resize(n);
    m_row.resize(n);
    m_rowStart.clear();
    int x = 0;
    int row = 0;
    if (n > 0) m_rowStart.push_back(0);
    for (size_t i = 0; i < n; ++i) {
        const int w = m_width[i];
        if (x > 0 && x + w > avail) {
            ++row;
            x = 0;
            m_rowStart.push_back(static_cast<int>(i));
        }
        m_x[i] = x;
        m_row[i] = row;
        x += w;
        if (m_tokens[static_cast<int>(i)].contains(QLatin1Char('\n')) && i + 1 < n) {
            ++row;
            x = 0;
            m_rowStart.push_back(static_cast<int>(i + 1));
        }
    }
    const int total = rowCount() * rowHeight() + 2 * kPad;
    verticalScrollBar()->setRange(0, std::max(0, total - viewport()->height()));
    verticalScrollBar()->setPageStep(viewport()->height());
    verticalScrollBar()->setSingleStep(rowHeight());
    viewport()->update();
    const auto range = visibleTokenRange();
    if (range != m_lastRange) {
        m_lastRange = range;
        emit visibleRangeChanged(range.first, range.second);
    }
}

QRect TokenTextWidget::tokenRect(int index) const {
    if (index < 0 || index >= m_tokens.size()) return {};
    const size_t i = static_cast<size_t>(index);
    return {kPad + m_x[i], kPad + m_row[i] * rowHeight() - verticalScrollBar()->value(), m_width[i],
            rowHeight()};
}

int TokenTextWidget::tokenAt(const QPoint& pos) const {
    if (m_rowStart.empty()) return -1;
    const int row = (pos.y() + verticalScrollBar()->value() - kPad) / rowHeight();
    if (row < 0 || row >= rowCount() || pos.y() + verticalScrollBar()->value() < kPad) return -1;
    const int begin = m_rowStart[static_cast<size_t>(row)];
    const int end = row + 1 < rowCount() ? m_rowStart[static_cast<size_t>(row + 1)] : m_tokens.size();
    const int x = pos.x() - kPad;
    // Tokens in a row are sorted by x: binary search the last one starting at or before x.
    auto first = m_x.begin() + begin;
    auto last = m_x.begin() + end;
    auto it = std::upper_bound(first, last, x);
    if (it == first) return -1;
    const int index = static_cast<int>(std::distance(m_x.begin(), it)) - 1;
    return x < m_x[static_cast<size_t>(index)] + m_width[static_cast<size_t>(index)] ? index : -1;
}

QPair<int, int> TokenTextWidget::visibleTokenRange() const {
    if (m_rowStart.empty()) return {-1, -1};
    const int top = verticalScrollBar()->value();
    const int firstRow = std::clamp(top / rowHeight(), 0, rowCount() - 1);
    const int lastRow = std::clamp((top + viewport()->height()) / rowHeight(), 0, rowCount() - 1);
    const int first = m_rowStart[static_cast<size_t>(firstRow)];
    const int last = lastRow + 1 < rowCount() ? m_rowStart[static_cast<size_t>(lastRow + 1)] - 1
                                              : m_tokens.size() - 1;
    return {first, last};
}

void TokenTextWidget::ensureTokenVisible(int index) {
    if (index < 0 || index >= m_tokens.size()) return;
    const int y = kPad + m_row[static_cast<size_t>(index)] * rowHeight();
    QScrollBar* bar = verticalScrollBar();
    if (y < bar->value()) bar->setValue(y);
    else if (y + rowHeight() > bar->value() + viewport()->height())
        bar->setValue(y + rowHeight() - viewport()->height());
}

void TokenTextWidget::paintEvent(QPaintEvent*) {
    QPainter p(viewport());
    m_lastPainted = 0;
    if (m_rowStart.empty()) return;
    const auto range = visibleTokenRange();
    const auto stops = divergingStops();
    const QFontMetrics fm = fontMetrics();
    const QColor text = palette().color(QPalette::Text);
    for (int i = range.first; i <= range.second; ++i) {
        const QRect r = tokenRect(i);
        const double v = m_values[static_cast<size_t>(i)];
        QColor fg = text;
        if (std::isfinite(v)) {
            const QColor bg = interpolate(stops, 0.5 + 0.5 * v / m_absMax);
            p.fillRect(r.adjusted(0, 1, 0, -1), bg);
            fg = textColorOn(bg);
        }
        p.setPen(fg);
        p.drawText(r.adjusted(kPad, kPad, 0, 0).topLeft() + QPoint(0, fm.ascent()),
                   displayText(m_tokens[i]));
        ++m_lastPainted;
    }
}

void TokenTextWidget::resizeEvent(QResizeEvent* event) {
    QAbstractScrollArea::resizeEvent(event);
    if (viewport()->width() != m_layoutWidth) relayout();
    else verticalScrollBar()->setPageStep(viewport()->height());
}

void TokenTextWidget::changeEvent(QEvent* event) {
    QAbstractScrollArea::changeEvent(event);
    if (event->type() == QEvent::FontChange) {
        measure();
        relayout();
    }
}

void TokenTextWidget::mouseMoveEvent(QMouseEvent* event) {
    const int index = tokenAt(event->position().toPoint());
    emit tokenHovered(index, event->globalPosition().toPoint());
    QAbstractScrollArea::mouseMoveEvent(event);
}

void TokenTextWidget::scrollContentsBy(int, int) {
    viewport()->update();
    const auto range = visibleTokenRange();
    if (range != m_lastRange) {
        m_lastRange = range;
        emit visibleRangeChanged(range.first, range.second);
    }
}

}  // namespace srs::widgets
