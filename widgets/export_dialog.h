#pragma once
/// Export a view's plot to PDF / SVG / PNG at a paper preset, and its data to CSV.
#include <QDialog>

#include "widgets/plot_export.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QFontComboBox;
class QLineEdit;
class QSpinBox;

namespace srs::widgets {

class PlotView;

class ExportDialog : public QDialog {
    Q_OBJECT
public:
    ExportDialog(PlotView* view, const QString& directory, QWidget* parent = nullptr);

    ExportOptions options() const;
    QString path() const;
    int plotIndex() const;
    bool exportCsvToo() const;
    /// Provenance embedded in the figure and the CSV (session, step, fingerprints,
    /// regenerate command). Without a call: software version only.
    void setProvenance(const FigureProvenance& provenance) { m_provenance = provenance; }
    const FigureProvenance& provenance() const { return m_provenance; }
    /// Runs the export with the dialog's values; on failure shows a message and returns
    /// false (never throws).
    bool runExport();

protected:
    void accept() override;

private:
    void browse();
    void updateSuffix();

    PlotView* m_view;
    QComboBox* m_plot = nullptr;
    QComboBox* m_format = nullptr;
    QComboBox* m_preset = nullptr;
    QDoubleSpinBox* m_height = nullptr;
    QSpinBox* m_dpi = nullptr;
    QFontComboBox* m_font = nullptr;
    QSpinBox* m_fontSize = nullptr;
    QComboBox* m_palette = nullptr;
    QCheckBox* m_csv = nullptr;
    QLineEdit* m_path = nullptr;
    FigureProvenance m_provenance;
};

}  // namespace srs::widgets
