#pragma once
/// IoU of neuron sets between items (layers, seeds, tasks) as an annotated matrix, with a
/// slider over pruning ratios and the chance IoU of random sets shown.
#include "widgets/plot_view.h"
#include "widgets/view_data.h"

class QLabel;
class QSlider;

namespace srs::widgets {

class IouMatrixView : public PlotView {
    Q_OBJECT
public:
    explicit IouMatrixView(QWidget* parent = nullptr);

    /// Throws srs::InvalidArgument naming the ratio whose matrix is not labels x labels.
    void setData(const IouMatrixData& data);
    /// Shows ratio number `index` (clamped).
    void setRatioIndex(int index);
    int ratioIndex() const { return m_index; }
    /// The caption under the slider ("ratio 0.90, chance IoU 0.05").
    QString caption() const;

    QList<QCustomPlot*> exportPlots() const override;
    QString csv() const override;
    QString viewName() const override { return QStringLiteral("iou_matrix"); }

protected:
    void retranslateUi() override;

private:
    void redraw();
    QLabel* m_sliderLabel = nullptr;

    QCustomPlot* m_plot = nullptr;
    QSlider* m_slider = nullptr;
    QLabel* m_caption = nullptr;
    IouMatrixData m_data;
    int m_index = 0;
};

}  // namespace srs::widgets
