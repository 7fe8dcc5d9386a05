#pragma once
/// IoU of neuron sets between items (layers, seeds, tasks) as an annotated matrix, with a
/// slider over pruning ratios and the chance IoU of random sets shown. A workspace usually
/// holds several IoU results (one per layer): each is added under its name and a "Result"
/// chooser switches between them; until the user picks one, the first in name order shows,
/// whatever order the files finished loading in.
#include <map>

#include "widgets/plot_view.h"
#include "widgets/view_data.h"

class QComboBox;
class QLabel;
class QSlider;

namespace srs::widgets {

class IouMatrixView : public PlotView {
    Q_OBJECT
public:
    explicit IouMatrixView(QWidget* parent = nullptr);

    /// Shows `data` alone (the chooser is emptied). Throws srs::InvalidArgument naming the
    /// ratio whose matrix is not labels x labels.
    void setData(const IouMatrixData& data);
    /// Adds (or replaces) the result called `name` (e.g. its file path; the chooser shows the
    /// file name). Validated like setData. Shows the first result in name order unless the
    /// user has chosen one.
    void addData(const QString& name, const IouMatrixData& data);
    /// The names of the added results, in name order, and the one shown ("" after setData).
    QStringList sourceNames() const;
    QString currentSource() const;
    /// Shows the added result `name` as if the user had chosen it (false if unknown).
    bool showSource(const QString& name);
    /// Shows ratio number `index` (clamped).
    void setRatioIndex(int index);
    int ratioIndex() const { return m_index; }
    /// The caption under the slider ("ratio 0.90, chance IoU 0.05").
    QString caption() const;

    QList<QCustomPlot*> exportPlots() const override;
    QString csv() const override;
    QString viewName() const override { return QStringLiteral("iou_matrix"); }

signals:
    /// The result shown changed to `name` (as given to addData).
    void sourceChanged(const QString& name);

protected:
    void retranslateUi() override;

private:
    static void validate(const IouMatrixData& data);
    void showData(const IouMatrixData& data);
    void fillChooser();
    void redraw();
    QLabel* m_sourceLabel = nullptr;
    QComboBox* m_source = nullptr;
    std::map<QString, IouMatrixData> m_sources;  // by name (ordered)
    QString m_current;
    bool m_userChose = false;
    QLabel* m_sliderLabel = nullptr;

    QCustomPlot* m_plot = nullptr;
    QSlider* m_slider = nullptr;
    QLabel* m_caption = nullptr;
    IouMatrixData m_data;
    int m_index = 0;
};

}  // namespace srs::widgets
