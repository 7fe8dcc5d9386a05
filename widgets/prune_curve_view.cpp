#include "widgets/prune_curve_view.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QMouseEvent>
#include <QToolTip>
#include <QVBoxLayout>
#include <cmath>

#include "core/error.h"
#include "qcustomplot.h"
#include "widgets/palette.h"
#include "widgets/plot_export.h"

namespace srs::widgets {

PruneCurveView::PruneCurveView(QWidget* parent)
    : PlotView(tr("Train probes and run a pruning sweep to see this view."), parent) {
    auto* content = new QWidget(this);
    auto* layout = new QVBoxLayout(content);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* bar = new QHBoxLayout;
    m_logBox = new QCheckBox(content);
    bar->addWidget(m_logBox);
    bar->addStretch();
    layout->addLayout(bar);
    m_plot = createPlot(content);
    m_plot->setMouseTracking(true);
    m_plot->installEventFilter(this);
    m_plot->legend->setVisible(true);
    m_plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignLeft);
    enableZoomPan(m_plot);
    layout->addWidget(m_plot, 1);
    setContent(content);
    connect(m_logBox, &QCheckBox::toggled, this, &PruneCurveView::setLogFractionKept);
    retranslateUi();
}

void PruneCurveView::retranslateUi() {
    setEmptyMessage(tr("Train probes and run a pruning sweep to see this view."));
    m_logBox->setText(tr("Log scale: fraction of neurons kept"));
    rebuild();
}

void PruneCurveView::setData(const PruneCurveData& data) {
    for (const PruneCurve& c : data.curves) {
        const std::string name = "prune curve (layer " + std::to_string(c.layer) + ", " + c.method + ")";
        if (c.auroc.size() != c.ratio.size())
            throw InvalidArgument(name + ": expected " + std::to_string(c.ratio.size()) +
                                  " AUROC values, got " + std::to_string(c.auroc.size()));
        if ((!c.ciLow.empty() || !c.ciHigh.empty()) &&
            (c.ciLow.size() != c.ratio.size() || c.ciHigh.size() != c.ratio.size()))
            throw InvalidArgument(name + ": CI bounds must have " + std::to_string(c.ratio.size()) +
                                  " values each");
        for (double r : c.ratio)
            if (!(r >= 0.0 && r < 1.0))
                throw InvalidArgument(name + ": ratio " + std::to_string(r) + " outside [0, 1)");
    }
    m_data = data;
    rebuild();
}

void PruneCurveView::setLogFractionKept(bool on) {
    m_logKept = on;
    if (m_logBox->isChecked() != on) m_logBox->setChecked(on);
    rebuild();
}

double PruneCurveView::xOf(double ratio) const { return m_logKept ? 1.0 - ratio : ratio; }

void PruneCurveView::rebuild() {
    m_plot->clearGraphs();
    for (size_t i = 0; i < m_data.curves.size(); ++i) {
        const PruneCurve& c = m_data.curves[i];
        const QColor color = okabeIto(static_cast<int>(i));
        QVector<double> x, y, lo, hi;
        for (size_t k = 0; k < c.ratio.size(); ++k) {
            x << xOf(c.ratio[k]);
            y << c.auroc[k];
            if (!c.ciLow.empty()) {
                lo << c.ciLow[k];
                hi << c.ciHigh[k];
            }
        }
        QCPGraph* main = m_plot->addGraph();
        main->setData(x, y);
        main->setPen(QPen(color, 1.6));
        main->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 5));
        main->setName(tr("Layer %1, %2").arg(c.layer).arg(QString::fromStdString(c.method)));
        main->setProperty("curve", static_cast<int>(i));
        if (!lo.isEmpty()) {
            QCPGraph* low = m_plot->addGraph();
            low->setData(x, lo);
            low->setPen(Qt::NoPen);
            low->removeFromLegend();
            QCPGraph* high = m_plot->addGraph();
            high->setData(x, hi);
            high->setPen(Qt::NoPen);
            QColor fill = color;
            fill.setAlpha(45);
            high->setBrush(fill);
            high->setChannelFillGraph(low);
            high->removeFromLegend();
        }
    }
    if (m_logKept) {
        m_plot->xAxis->setScaleType(QCPAxis::stLogarithmic);
        m_plot->xAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
        m_plot->xAxis->setLabel(tr("Fraction of neurons kept (log scale)"));
    } else {
        m_plot->xAxis->setScaleType(QCPAxis::stLinear);
        m_plot->xAxis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
        m_plot->xAxis->setLabel(tr("Pruning ratio (fraction removed)"));
    }
    // Curves fall to the right on the ratio axis and rise on the fraction-kept axis: keep
    // the legend in the corner they leave free.
    m_plot->axisRect()->insetLayout()->setInsetAlignment(
        0, m_logKept ? (Qt::AlignTop | Qt::AlignLeft) : (Qt::AlignBottom | Qt::AlignLeft));
    m_plot->yAxis->setLabel(tr("AUROC"));
    m_plot->rescaleAxes();
    const QCPRange x = m_plot->xAxis->range();
    const double pad = m_logKept ? 0.0 : 0.02;
    m_plot->xAxis->setRange(m_logKept ? x.lower * 0.8 : x.lower - pad, m_logKept ? x.upper * 1.25 : x.upper + pad);
    const QCPRange y = m_plot->yAxis->range();
    m_plot->yAxis->setRange(std::max(0.0, y.lower - 0.03), std::min(1.0, y.upper + 0.03));
    setContentVisible(!m_data.curves.empty());
    m_plot->replot();
}

QPointF PruneCurveView::pixelOf(int curve, int index) const {
    const PruneCurve& c = m_data.curves.at(static_cast<size_t>(curve));
    return {m_plot->xAxis->coordToPixel(xOf(c.ratio.at(static_cast<size_t>(index)))),
            m_plot->yAxis->coordToPixel(c.auroc.at(static_cast<size_t>(index)))};
}

QPair<int, int> PruneCurveView::pointAt(const QPoint& pos, double radius) const {
    QPair<int, int> best{-1, -1};
    double bestDist = radius * radius;
    for (size_t i = 0; i < m_data.curves.size(); ++i) {
        for (size_t k = 0; k < m_data.curves[i].ratio.size(); ++k) {
            const QPointF p = pixelOf(static_cast<int>(i), static_cast<int>(k));
            const double d = (p.x() - pos.x()) * (p.x() - pos.x()) + (p.y() - pos.y()) * (p.y() - pos.y());
            if (d <= bestDist) {
                bestDist = d;
                best = {static_cast<int>(i), static_cast<int>(k)};
            }
        }
    }
    return best;
}

bool PruneCurveView::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_plot && event->type() == QEvent::MouseButtonPress)
        m_pressPos = static_cast<QMouseEvent*>(event)->position().toPoint();
    if (watched == m_plot && (event->type() == QEvent::MouseMove ||
                              event->type() == QEvent::MouseButtonRelease)) {
        auto* mouse = static_cast<QMouseEvent*>(event);
        const auto hit = pointAt(mouse->position().toPoint());
        if (hit.first < 0) {
            if (event->type() == QEvent::MouseMove) QToolTip::hideText();
            return false;
        }
        const PruneCurve& c = m_data.curves[static_cast<size_t>(hit.first)];
        const size_t k = static_cast<size_t>(hit.second);
        if (event->type() == QEvent::MouseMove) {
            QString text = tr("Layer %1, %2\nratio %3 (kept %4)\nAUROC %5")
                               .arg(c.layer)
                               .arg(QString::fromStdString(c.method))
                               .arg(c.ratio[k], 0, 'f', 3)
                               .arg(1.0 - c.ratio[k], 0, 'f', 3)
                               .arg(c.auroc[k], 0, 'f', 3);
            if (!c.ciLow.empty())
                text += tr(" [%1, %2]").arg(c.ciLow[k], 0, 'f', 3).arg(c.ciHigh[k], 0, 'f', 3);
            QToolTip::showText(mouse->globalPosition().toPoint(), text, m_plot);
        } else if (mouse->button() == Qt::LeftButton &&
                   (mouse->position().toPoint() - m_pressPos).manhattanLength() <= 4) {
            emit neuronSetSelected(c.layer, c.ratio[k]);
        }
    }
    return PlotView::eventFilter(watched, event);
}

QList<QCustomPlot*> PruneCurveView::exportPlots() const { return {m_plot}; }

QString PruneCurveView::csv() const {
    QString out = QStringLiteral("layer,method,ratio,fraction_kept,auroc,ci_low,ci_high\n");
    for (const PruneCurve& c : m_data.curves) {
        for (size_t k = 0; k < c.ratio.size(); ++k) {
            out += QStringLiteral("%1,%2,%3,%4,%5,%6,%7\n")
                       .arg(c.layer)
                       .arg(csvField(QString::fromStdString(c.method)))
                       .arg(c.ratio[k], 0, 'g', 10)
                       .arg(1.0 - c.ratio[k], 0, 'g', 10)
                       .arg(c.auroc[k], 0, 'g', 10)
                       .arg(c.ciLow.empty() ? QString() : QString::number(c.ciLow[k], 'g', 10))
                       .arg(c.ciHigh.empty() ? QString() : QString::number(c.ciHigh[k], 'g', 10));
        }
    }
    return out;
}

}  // namespace srs::widgets
