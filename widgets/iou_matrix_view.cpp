#include "widgets/iou_matrix_view.h"

#include <QComboBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QVBoxLayout>
#include <algorithm>

#include "core/error.h"
#include "qcustomplot.h"
#include "widgets/heatmap_plot.h"
#include "widgets/palette.h"
#include "widgets/plot_export.h"

namespace srs::widgets {

IouMatrixView::IouMatrixView(QWidget* parent)
    : PlotView(tr("Extract neuron sets to compare their overlap here."), parent) {
    auto* content = new QWidget(this);
    auto* layout = new QVBoxLayout(content);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* bar = new QHBoxLayout;
    m_sourceLabel = new QLabel(content);
    bar->addWidget(m_sourceLabel);
    m_source = new QComboBox(content);
    m_source->setObjectName(QStringLiteral("iouSource"));
    m_source->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    bar->addWidget(m_source);
    m_sliderLabel = new QLabel(content);
    bar->addWidget(m_sliderLabel);
    m_slider = new QSlider(Qt::Horizontal, content);
    bar->addWidget(m_slider, 1);
    m_caption = new QLabel(content);
    m_caption->setObjectName(QStringLiteral("iouCaption"));
    bar->addWidget(m_caption);
    layout->addLayout(bar);
    m_plot = createPlot(content);
    layout->addWidget(m_plot, 1);
    setContent(content);
    connect(m_slider, &QSlider::valueChanged, this, &IouMatrixView::setRatioIndex);
    connect(m_source, QOverload<int>::of(&QComboBox::activated), this, [this](int index) {
        if (index < 0) return;
        m_userChose = true;
        showSource(m_source->itemData(index).toString());
    });
    fillChooser();
    retranslateUi();
}

void IouMatrixView::retranslateUi() {
    setEmptyMessage(tr("Extract neuron sets to compare their overlap here."));
    m_sourceLabel->setText(tr("Result:"));
    m_sliderLabel->setText(tr("Pruning ratio:"));
    redraw();
}

void IouMatrixView::validate(const IouMatrixData& data) {
    const size_t n = data.labels.size();
    if (data.iou.size() != data.ratios.size())
        throw InvalidArgument("IoU data: " + std::to_string(data.iou.size()) + " matrices for " +
                              std::to_string(data.ratios.size()) + " ratios");
    if (data.chanceIou.size() != data.ratios.size())
        throw InvalidArgument("IoU data: " + std::to_string(data.chanceIou.size()) +
                              " chance values for " + std::to_string(data.ratios.size()) + " ratios");
    for (size_t r = 0; r < data.iou.size(); ++r)
        if (data.iou[r].size() != n * n)
            throw InvalidArgument("IoU data: matrix for ratio " + std::to_string(data.ratios[r]) +
                                  " has " + std::to_string(data.iou[r].size()) +
                                  " values, expected " + std::to_string(n * n));
}

void IouMatrixView::setData(const IouMatrixData& data) {
    validate(data);
    m_sources.clear();
    m_current.clear();
    m_userChose = false;
    fillChooser();
    showData(data);
}

void IouMatrixView::addData(const QString& name, const IouMatrixData& data) {
    validate(data);
    m_sources[name] = data;
    const QString target = m_userChose ? m_current : m_sources.begin()->first;
    const bool changed = target != m_current;
    if (changed || target == name) {
        m_current = target;
        showData(m_sources.at(target));
    }
    fillChooser();
    if (changed) emit sourceChanged(target);
}

QStringList IouMatrixView::sourceNames() const {
    QStringList names;
    for (const auto& [name, data] : m_sources) names << name;
    return names;
}

QString IouMatrixView::currentSource() const { return m_current; }

bool IouMatrixView::showSource(const QString& name) {
    auto it = m_sources.find(name);
    if (it == m_sources.end()) return false;
    m_userChose = true;
    m_current = name;
    fillChooser();
    showData(it->second);
    emit sourceChanged(name);
    return true;
}

// One entry per added result (file name shown, full name as data); hidden for fewer than two.
void IouMatrixView::fillChooser() {
    m_source->blockSignals(true);
    m_source->clear();
    for (const auto& [name, data] : m_sources) {
        m_source->addItem(QFileInfo(name).fileName(), name);
        if (name == m_current) m_source->setCurrentIndex(m_source->count() - 1);
    }
    m_source->blockSignals(false);
    const bool several = m_sources.size() >= 2;
    m_source->setVisible(several);
    m_sourceLabel->setVisible(several);
}

void IouMatrixView::showData(const IouMatrixData& data) {
    m_data = data;
    m_slider->blockSignals(true);
    m_slider->setRange(0, std::max<int>(0, static_cast<int>(data.ratios.size()) - 1));
    m_slider->setValue(0);
    m_slider->blockSignals(false);
    m_index = 0;
    redraw();
}

void IouMatrixView::setRatioIndex(int index) {
    m_index = std::clamp(index, 0, std::max<int>(0, static_cast<int>(m_data.ratios.size()) - 1));
    if (m_slider->value() != m_index) m_slider->setValue(m_index);
    redraw();
}

QString IouMatrixView::caption() const { return m_caption->text(); }

void IouMatrixView::redraw() {
    if (m_data.ratios.empty()) {
        setContentVisible(false);
        return;
    }
    const size_t r = static_cast<size_t>(m_index);
    HeatmapSpec spec;
    spec.rows = spec.cols = static_cast<int>(m_data.labels.size());
    spec.values = m_data.iou[r];
    spec.low = 0.0;
    spec.high = 1.0;
    spec.stops = sequentialStops();
    for (const auto& l : m_data.labels) {
        spec.rowLabels << QString::fromStdString(l);
        spec.colLabels << QString::fromStdString(l);
    }
    for (double v : spec.values) spec.cellText << QString::number(v, 'f', 2);
    spec.scaleTitle = tr("IoU (chance %1)").arg(m_data.chanceIou[r], 0, 'f', 3);
    drawHeatmap(m_plot, spec);
    m_caption->setText(tr("ratio %1, chance IoU %2")
                           .arg(m_data.ratios[r], 0, 'f', 3)
                           .arg(m_data.chanceIou[r], 0, 'f', 3));
    setContentVisible(true);
}

QList<QCustomPlot*> IouMatrixView::exportPlots() const { return {m_plot}; }

QString IouMatrixView::csv() const {
    QString out = QStringLiteral("ratio,row,column,iou,chance_iou\n");
    const size_t n = m_data.labels.size();
    for (size_t r = 0; r < m_data.ratios.size(); ++r)
        for (size_t i = 0; i < n; ++i)
            for (size_t j = 0; j < n; ++j)
                out += QStringLiteral("%1,%2,%3,%4,%5\n")
                           .arg(m_data.ratios[r], 0, 'g', 10)
                           .arg(csvField(QString::fromStdString(m_data.labels[i])))
                           .arg(csvField(QString::fromStdString(m_data.labels[j])))
                           .arg(m_data.iou[r][i * n + j], 0, 'g', 10)
                           .arg(m_data.chanceIou[r], 0, 'g', 10);
    return out;
}

}  // namespace srs::widgets
