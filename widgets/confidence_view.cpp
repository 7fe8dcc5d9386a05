#include "widgets/confidence_view.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>
#include <cmath>

#include "core/error.h"
#include "models/confidence_table_model.h"
#include "qcustomplot.h"
#include "widgets/palette.h"
#include "widgets/plot_export.h"

namespace srs::widgets {
namespace {
/// Deterministic vertical spread in [-0.12, 0.12] (golden-ratio sequence) so that points
/// with the same 0/1 outcome do not hide each other. Display only.
double spread(size_t i) {
    const double g = std::fmod(static_cast<double>(i) * 0.6180339887498949, 1.0);
    return (g - 0.5) * 0.24;
}
}  // namespace

ConfidenceView::ConfidenceView(QWidget* parent)
    : PlotView(tr("Compare confidence signals to see this view."), parent) {
    auto* content = new QWidget(this);
    auto* layout = new QVBoxLayout(content);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* bar = new QHBoxLayout;
    m_signalLabel = new QLabel(content);
    bar->addWidget(m_signalLabel);
    m_signal = new QComboBox(content);
    bar->addWidget(m_signal);
    bar->addStretch();
    layout->addLayout(bar);
    auto* split = new QSplitter(Qt::Vertical, content);
    auto* plots = new QSplitter(Qt::Horizontal, split);
    m_scatter = createPlot(plots);
    m_reliability = createPlot(plots);
    plots->addWidget(m_scatter);
    plots->addWidget(m_reliability);
    m_table = new QTableView(split);
    m_model = new models::ConfidenceTableModel(this);
    m_table->setModel(m_model);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->setVisible(false);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    split->addWidget(plots);
    split->addWidget(m_table);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    layout->addWidget(split, 1);
    setContent(content);
    connect(m_signal, qOverload<int>(&QComboBox::currentIndexChanged), this,
            &ConfidenceView::setCurrentSignal);
    retranslateUi();
}

void ConfidenceView::retranslateUi() {
    setEmptyMessage(tr("Compare confidence signals to see this view."));
    m_signalLabel->setText(tr("Signal:"));
    m_scatter->xAxis->setLabel(tr("Signal (scaled to [0, 1])"));
    m_scatter->yAxis->setLabel(tr("Correct (0/1, spread)"));
    m_reliability->xAxis->setLabel(tr("Mean predicted"));
    m_reliability->yAxis->setLabel(tr("Observed accuracy"));
    m_model->retranslate();
    m_scatter->replot(QCustomPlot::rpQueuedReplot);
    m_reliability->replot(QCustomPlot::rpQueuedReplot);
}

void ConfidenceView::setData(const ConfidenceData& data) {
    for (const auto& s : data.entries)
        if (s.score.size() != s.correct.size())
            throw InvalidArgument("confidence signal '" + s.name + "': " + std::to_string(s.score.size()) +
                                  " scores but " + std::to_string(s.correct.size()) + " outcomes");
    m_data = data;
    m_model->setSignals(data.entries);
    m_signal->blockSignals(true);
    m_signal->clear();
    for (const auto& s : data.entries) m_signal->addItem(QString::fromStdString(s.name));
    m_signal->blockSignals(false);
    setContentVisible(!data.entries.empty());
    setCurrentSignal(0);
}

void ConfidenceView::setCurrentSignal(int index) {
    if (index < 0 || static_cast<size_t>(index) >= m_data.entries.size()) return;
    if (m_signal->currentIndex() != index) m_signal->setCurrentIndex(index);
    const ConfidenceSignal& s = m_data.entries[static_cast<size_t>(index)];

    m_scatter->clearGraphs();
    QCPGraph* points = m_scatter->addGraph();
    QVector<double> x, y;
    for (size_t i = 0; i < s.score.size(); ++i) {
        x << s.score[i];
        y << s.correct[i] + spread(i);
    }
    points->setData(x, y);
    points->setLineStyle(QCPGraph::lsNone);
    QColor c = okabeIto(1);
    c.setAlpha(150);
    points->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, c, 4));
    m_scatter->xAxis->setRange(-0.02, 1.02);
    m_scatter->yAxis->setRange(-0.3, 1.3);

    m_reliability->clearGraphs();
    QCPGraph* diagonal = m_reliability->addGraph();
    diagonal->setData(QVector<double>{0, 1}, QVector<double>{0, 1});
    diagonal->setPen(QPen(QColor(0, 0, 0, 120), 1, Qt::DashLine));
    QCPGraph* bins = m_reliability->addGraph();
    QVector<double> bx, by;
    for (const auto& b : s.reliability) {
        if (b.count <= 0 || !std::isfinite(b.meanPredicted) || !std::isfinite(b.observedRate)) continue;
        bx << b.meanPredicted;
        by << b.observedRate;
    }
    bins->setData(bx, by);
    bins->setPen(QPen(okabeIto(0), 1.6));
    bins->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 6));
    m_reliability->xAxis->setRange(0, 1);
    m_reliability->yAxis->setRange(0, 1);
    m_scatter->replot();
    m_reliability->replot();
}

QList<QCustomPlot*> ConfidenceView::exportPlots() const { return {m_reliability, m_scatter}; }

QStringList ConfidenceView::exportPlotNames() const {
    return {QStringLiteral("reliability"), QStringLiteral("scatter")};
}

QString ConfidenceView::csv() const {
    QString out = QStringLiteral("signal,sample,score,correct\n");
    for (const auto& s : m_data.entries)
        for (size_t i = 0; i < s.score.size(); ++i)
            out += QStringLiteral("%1,%2,%3,%4\n")
                       .arg(csvField(QString::fromStdString(s.name)))
                       .arg(i)
                       .arg(s.score[i], 0, 'g', 10)
                       .arg(s.correct[i]);
    return out;
}

}  // namespace srs::widgets
