#pragma once
/// A response with tokens coloured by delta_t (or a chosen neuron's activation), and
/// V(s_t) and delta_t plotted under it over the token range visible in the text.
#include "widgets/plot_view.h"
#include "widgets/view_data.h"

class QComboBox;
class QLabel;
class QCPItemStraightLine;

namespace srs::widgets {

class TokenTextWidget;

class DopamineTraceView : public PlotView {
    Q_OBJECT
public:
    explicit DopamineTraceView(QWidget* parent = nullptr);

    /// Throws srs::InvalidArgument naming the vector whose length differs from tokens.
    void setData(const DopamineTraceData& data);
    /// 0 = colour by delta_t, k >= 1 = by neuron k-1.
    void setColorSource(int index);
    int colorSource() const;
    /// Tooltip text for token `index` (token, id, V, delta, activation).
    QString tokenTooltip(int index) const;
    TokenTextWidget* textWidget() const { return m_text; }

    QList<QCustomPlot*> exportPlots() const override;
    QString csv() const override;
    QString viewName() const override { return QStringLiteral("dopamine_trace"); }

protected:
    void retranslateUi() override;

private:
    void showRange(int first, int last);
    void fillSourceItems();
    QLabel* m_sourceLabel = nullptr;
    void hoverToken(int index, const QPoint& globalPos);

    QComboBox* m_source = nullptr;
    TokenTextWidget* m_text = nullptr;
    QCustomPlot* m_plot = nullptr;
    QCPItemStraightLine* m_marker = nullptr;
    DopamineTraceData m_data;
};

}  // namespace srs::widgets
