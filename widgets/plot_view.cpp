#include "widgets/plot_view.h"

#include <QEvent>
#include <QLabel>
#include <QStackedWidget>
#include <QVBoxLayout>

#include "qcustomplot.h"

namespace srs::widgets {

PlotView::PlotView(const QString& emptyMessage, QWidget* parent) : QWidget(parent) {
    m_stack = new QStackedWidget(this);
    m_empty = new QLabel(emptyMessage, m_stack);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setObjectName(QStringLiteral("emptyState"));
    QPalette pal = m_empty->palette();
    pal.setColor(QPalette::WindowText, pal.color(QPalette::Disabled, QPalette::WindowText));
    m_empty->setPalette(pal);
    m_stack->addWidget(m_empty);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);
}

QStringList PlotView::exportPlotNames() const {
    QStringList names;
    const auto plots = exportPlots();
    for (int i = 0; i < plots.size(); ++i)
        names << (i == 0 ? viewName() : viewName() + QStringLiteral("_%1").arg(i + 1));
    return names;
}

void PlotView::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QWidget::changeEvent(event);
}

bool PlotView::isEmpty() const { return m_stack->currentWidget() == m_empty; }

void PlotView::setEmptyMessage(const QString& message) { m_empty->setText(message); }

void PlotView::setContent(QWidget* content) {
    m_stack->addWidget(content);
}

void PlotView::setContentVisible(bool visible) {
    if (visible && m_stack->count() > 1)
        m_stack->setCurrentIndex(1);
    else
        m_stack->setCurrentWidget(m_empty);
}

QCustomPlot* PlotView::createPlot(QWidget* parent) {
    auto* plot = new QCustomPlot(parent);
    plot->setMinimumSize(240, 160);
    plot->setNoAntialiasingOnDrag(true);
    for (QCPAxis* axis : plot->axisRect()->axes()) {
        axis->grid()->setPen(QPen(QColor(0, 0, 0, 28), 0, Qt::DotLine));
        axis->grid()->setZeroLinePen(Qt::NoPen);
    }
    plot->legend->setBrush(QColor(255, 255, 255, 220));
    plot->legend->setBorderPen(QPen(QColor(0, 0, 0, 60)));
    return plot;
}

void PlotView::enableZoomPan(QCustomPlot* plot) {
    plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    QObject::connect(plot, &QCustomPlot::mouseDoubleClick, plot, [plot](QMouseEvent*) {
        plot->rescaleAxes();
        plot->replot();
    });
}

}  // namespace srs::widgets
