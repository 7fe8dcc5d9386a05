#include "widgets/dopamine_trace_view.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSplitter>
#include <QToolTip>
#include <QVBoxLayout>
#include <algorithm>

#include "core/error.h"
#include "qcustomplot.h"
#include "widgets/palette.h"
#include "widgets/plot_export.h"
#include "widgets/token_text_widget.h"

namespace srs::widgets {

DopamineTraceView::DopamineTraceView(QWidget* parent)
    : PlotView(tr("Train a value probe and open a response to see its dopamine trace."), parent) {
    auto* content = new QWidget(this);
    auto* layout = new QVBoxLayout(content);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* bar = new QHBoxLayout;
    m_sourceLabel = new QLabel(content);
    bar->addWidget(m_sourceLabel);
    m_source = new QComboBox(content);
    m_source->setObjectName(QStringLiteral("neuronPicker"));
    bar->addWidget(m_source);
    bar->addStretch();
    layout->addLayout(bar);

    auto* split = new QSplitter(Qt::Vertical, content);
    m_text = new TokenTextWidget(split);
    m_plot = createPlot(split);
    m_plot->yAxis2->setVisible(true);
    m_plot->legend->setVisible(true);
    m_marker = new QCPItemStraightLine(m_plot);
    m_marker->setPen(QPen(QColor(0, 0, 0, 120), 1, Qt::DotLine));
    m_marker->setVisible(false);
    split->addWidget(m_text);
    split->addWidget(m_plot);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    layout->addWidget(split, 1);
    setContent(content);

    connect(m_source, qOverload<int>(&QComboBox::currentIndexChanged), this,
            &DopamineTraceView::setColorSource);
    connect(m_text, &TokenTextWidget::visibleRangeChanged, this, &DopamineTraceView::showRange);
    connect(m_text, &TokenTextWidget::tokenHovered, this, &DopamineTraceView::hoverToken);
    retranslateUi();
}

void DopamineTraceView::retranslateUi() {
    setEmptyMessage(tr("Train a value probe and open a response to see its dopamine trace."));
    m_sourceLabel->setText(tr("Colour tokens by:"));
    m_plot->xAxis->setLabel(tr("Token index"));
    m_plot->yAxis->setLabel(tr("V(s_t)"));
    m_plot->yAxis2->setLabel(tr("delta_t"));
    if (m_plot->graphCount() == 2) {
        m_plot->graph(0)->setName(tr("V(s_t)"));
        m_plot->graph(1)->setName(tr("delta_t"));
    }
    fillSourceItems();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void DopamineTraceView::fillSourceItems() {
    const int current = std::max(0, m_source->currentIndex());
    m_source->blockSignals(true);
    m_source->clear();
    m_source->addItem(tr("delta_t (TD error)"));
    for (const auto& name : m_data.neuronNames)
        m_source->addItem(tr("Neuron %1").arg(QString::fromStdString(name)));
    m_source->setCurrentIndex(std::min(current, m_source->count() - 1));
    m_source->blockSignals(false);
}

void DopamineTraceView::setData(const DopamineTraceData& data) {
    const size_t n = data.tokens.size();
    auto check = [&](size_t size, const std::string& name) {
        if (size != n)
            throw InvalidArgument("dopamine trace: '" + name + "' has " + std::to_string(size) +
                                  " values, expected one per token (" + std::to_string(n) + ")");
    };
    check(data.tokenIds.size(), "tokenIds");
    check(data.value.size(), "value");
    check(data.delta.size(), "delta");
    if (data.activations.size() != data.neuronNames.size())
        throw InvalidArgument("dopamine trace: " + std::to_string(data.activations.size()) +
                              " activation rows for " + std::to_string(data.neuronNames.size()) +
                              " neuron names");
    for (size_t k = 0; k < data.activations.size(); ++k)
        check(data.activations[k].size(), "activations[" + std::to_string(k) + "]");
    m_data = data;

    QStringList tokens;
    tokens.reserve(static_cast<int>(n));
    for (const auto& t : data.tokens) tokens << QString::fromStdString(t);
    m_text->setTokens(tokens);

    m_plot->clearGraphs();
    QVector<double> x(static_cast<int>(n)), v(static_cast<int>(n)), d(static_cast<int>(n));
    for (size_t i = 0; i < n; ++i) {
        x[static_cast<int>(i)] = static_cast<double>(i);
        v[static_cast<int>(i)] = data.value[i];
        d[static_cast<int>(i)] = data.delta[i];
    }
    QCPGraph* value = m_plot->addGraph(m_plot->xAxis, m_plot->yAxis);
    value->setData(x, v, true);
    value->setPen(QPen(okabeIto(3), 1.5));
    value->setName(tr("V(s_t)"));  // retranslateUi() renames
    QCPGraph* delta = m_plot->addGraph(m_plot->xAxis, m_plot->yAxis2);
    delta->setData(x, d, true);
    delta->setPen(QPen(okabeIto(4), 1.2));
    delta->setName(tr("delta_t"));
    m_plot->yAxis->rescale();
    m_plot->yAxis2->rescale();

    m_source->blockSignals(true);
    m_source->setCurrentIndex(0);
    m_source->blockSignals(false);
    fillSourceItems();
    setColorSource(0);
    setContentVisible(n > 0);
    const auto range = m_text->visibleTokenRange();
    showRange(range.first, range.second);
}

void DopamineTraceView::setColorSource(int index) {
    if (index < 0 || index > static_cast<int>(m_data.activations.size())) return;
    if (m_source->currentIndex() != index) m_source->setCurrentIndex(index);
    m_text->setValues(index == 0 ? m_data.delta : m_data.activations[static_cast<size_t>(index - 1)]);
}

int DopamineTraceView::colorSource() const { return m_source->currentIndex(); }

void DopamineTraceView::showRange(int first, int last) {
    if (first < 0 || m_data.tokens.empty()) {
        m_plot->xAxis->setRange(0, std::max<size_t>(1, m_data.tokens.size()));
    } else {
        m_plot->xAxis->setRange(first - 0.5, std::max(last, first + 1) + 0.5);
    }
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

QString DopamineTraceView::tokenTooltip(int index) const {
    if (index < 0 || static_cast<size_t>(index) >= m_data.tokens.size()) return {};
    const size_t i = static_cast<size_t>(index);
    QString text = tr("token %1 \"%2\" (id %3)\nV = %4\ndelta = %5")
                       .arg(index)
                       .arg(QString::fromStdString(m_data.tokens[i]))
                       .arg(m_data.tokenIds[i])
                       .arg(m_data.value[i], 0, 'f', 4)
                       .arg(m_data.delta[i], 0, 'f', 4);
    const int source = m_source->currentIndex();
    if (source >= 1)
        text += tr("\nactivation (%1) = %2")
                    .arg(QString::fromStdString(m_data.neuronNames[static_cast<size_t>(source - 1)]))
                    .arg(m_data.activations[static_cast<size_t>(source - 1)][i], 0, 'f', 4);
    return text;
}

void DopamineTraceView::hoverToken(int index, const QPoint& globalPos) {
    if (index < 0) {
        m_marker->setVisible(false);
        QToolTip::hideText();
    } else {
        m_marker->point1->setCoords(index, 0);
        m_marker->point2->setCoords(index, 1);
        m_marker->setVisible(true);
        QToolTip::showText(globalPos, tokenTooltip(index), m_text);
    }
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

QList<QCustomPlot*> DopamineTraceView::exportPlots() const { return {m_plot}; }

QString DopamineTraceView::csv() const {
    QString out = QStringLiteral("index,token_id,token,value,delta");
    for (const auto& name : m_data.neuronNames) out += QLatin1Char(',') + csvField(QString::fromStdString(name));
    out += QLatin1Char('\n');
    for (size_t i = 0; i < m_data.tokens.size(); ++i) {
        out += QStringLiteral("%1,%2,%3,%4,%5")
                   .arg(i)
                   .arg(m_data.tokenIds[i])
                   .arg(csvField(QString::fromStdString(m_data.tokens[i])))
                   .arg(m_data.value[i], 0, 'g', 10)
                   .arg(m_data.delta[i], 0, 'g', 10);
        for (const auto& row : m_data.activations) out += QLatin1Char(',') + QString::number(row[i], 'g', 10);
        out += QLatin1Char('\n');
    }
    return out;
}

}  // namespace srs::widgets
