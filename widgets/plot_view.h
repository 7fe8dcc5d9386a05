#pragma once
/// Base of every plot view: an empty-state message until data arrives, the plots that
/// export covers, and the CSV of the data behind them.
#include <QList>
#include <QWidget>

class QCustomPlot;
class QLabel;
class QStackedWidget;

namespace srs::widgets {

class PlotView : public QWidget {
    Q_OBJECT
public:
    /// `emptyMessage` is shown until setContentVisible(true), e.g. "Train probes to see this view".
    PlotView(const QString& emptyMessage, QWidget* parent = nullptr);

    /// The plots an export covers; the first is the main one. GUI thread only.
    virtual QList<QCustomPlot*> exportPlots() const = 0;
    /// Names of exportPlots() for the export dialog, same length.
    virtual QStringList exportPlotNames() const;
    /// The data behind the plots as CSV (header row first, UTF-8, '\n' line ends).
    virtual QString csv() const = 0;
    /// Short machine-friendly name used for default export file names ("prune_curves").
    virtual QString viewName() const = 0;
    /// True while no data is shown.
    bool isEmpty() const;
    void setEmptyMessage(const QString& message);

protected:
    /// Re-reads every user-visible string; called on QEvent::LanguageChange.
    virtual void retranslateUi() {}
    void changeEvent(QEvent* event) override;

    /// Puts `content` under the empty-state page.
    void setContent(QWidget* content);
    void setContentVisible(bool visible);
    /// A QCustomPlot styled the same way in every view (Okabe-Ito defaults, no interactions).
    static QCustomPlot* createPlot(QWidget* parent);
    /// Mouse-wheel zoom and drag-to-pan on `plot`; double-click rescales to the data.
    static void enableZoomPan(QCustomPlot* plot);

private:
    QStackedWidget* m_stack = nullptr;
    QLabel* m_empty = nullptr;
};

}  // namespace srs::widgets
