#include "widgets/export_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>

#include "widgets/plot_view.h"

namespace srs::widgets {

ExportDialog::ExportDialog(PlotView* view, const QString& directory, QWidget* parent)
    : QDialog(parent), m_view(view) {
    setWindowTitle(tr("Export Plot"));
    auto* form = new QFormLayout(this);
    m_plot = new QComboBox(this);
    m_plot->addItems(view->exportPlotNames());
    form->addRow(tr("Plot:"), m_plot);
    m_format = new QComboBox(this);
    m_format->addItem(tr("PDF (vector)"), QStringLiteral("pdf"));
    m_format->addItem(tr("SVG (vector)"), QStringLiteral("svg"));
    m_format->addItem(tr("PNG (raster)"), QStringLiteral("png"));
    form->addRow(tr("Format:"), m_format);
    m_preset = new QComboBox(this);
    m_preset->addItem(tr("Single column (3.5 in)"), 3.5);
    m_preset->addItem(tr("Double column (7 in)"), 7.0);
    form->addRow(tr("Width:"), m_preset);
    m_height = new QDoubleSpinBox(this);
    m_height->setRange(0.5, 20);
    m_height->setSingleStep(0.25);
    m_height->setValue(2.5);
    m_height->setSuffix(tr(" in"));
    form->addRow(tr("Height:"), m_height);
    m_dpi = new QSpinBox(this);
    m_dpi->setRange(72, 1200);
    m_dpi->setValue(300);
    form->addRow(tr("PNG resolution (DPI):"), m_dpi);
    m_font = new QFontComboBox(this);
    m_font->setCurrentFont(QFont(QStringLiteral("DejaVu Sans")));
    form->addRow(tr("Font:"), m_font);
    m_fontSize = new QSpinBox(this);
    m_fontSize->setRange(5, 24);
    m_fontSize->setValue(8);
    m_fontSize->setSuffix(tr(" pt"));
    form->addRow(tr("Font size:"), m_fontSize);
    m_palette = new QComboBox(this);
    m_palette->addItem(tr("Okabe-Ito (colour-blind safe)"));
    m_palette->setToolTip(tr("Every view draws with the Okabe-Ito palette and colour-blind-safe colour scales."));
    form->addRow(tr("Palette:"), m_palette);
    m_csv = new QCheckBox(tr("Also write the data as CSV next to it"), this);
    m_csv->setChecked(true);
    form->addRow(QString(), m_csv);
    auto* pathRow = new QHBoxLayout;
    m_path = new QLineEdit(QDir(directory).filePath(view->exportPlotNames().value(0) + QStringLiteral(".pdf")), this);
    auto* browse = new QPushButton(tr("Browse..."), this);
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browse);
    form->addRow(tr("File:"), pathRow);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Export"));
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &ExportDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ExportDialog::reject);
    connect(browse, &QPushButton::clicked, this, &ExportDialog::browse);
    connect(m_format, qOverload<int>(&QComboBox::currentIndexChanged), this, &ExportDialog::updateSuffix);
    connect(m_plot, qOverload<int>(&QComboBox::currentIndexChanged), this, [this](int i) {
        const QFileInfo info(m_path->text());
        m_path->setText(info.dir().filePath(m_plot->itemText(i) + QLatin1Char('.') + info.suffix()));
    });
}

ExportOptions ExportDialog::options() const {
    ExportOptions o;
    o.format = exportFormatFromSuffix(m_format->currentData().toString());
    o.widthInches = m_preset->currentData().toDouble();
    o.heightInches = m_height->value();
    o.dpi = m_dpi->value();
    o.fontFamily = m_font->currentFont().family();
    o.fontPointSize = m_fontSize->value();
    o.title = m_view->viewName();
    o.provenance = m_provenance;
    return o;
}

QString ExportDialog::path() const { return m_path->text(); }
int ExportDialog::plotIndex() const { return m_plot->currentIndex(); }
bool ExportDialog::exportCsvToo() const { return m_csv->isChecked(); }

void ExportDialog::updateSuffix() {
    const QFileInfo info(m_path->text());
    m_path->setText(info.dir().filePath(info.completeBaseName() + QLatin1Char('.') +
                                        m_format->currentData().toString()));
}

void ExportDialog::browse() {
    const QString suffix = m_format->currentData().toString();
    // QFileDialog asks before replacing an existing file; that answer is the permission to overwrite.
    const QString file = QFileDialog::getSaveFileName(this, tr("Export Plot"), m_path->text(),
                                                      tr("%1 files (*.%2)").arg(suffix.toUpper(), suffix));
    if (!file.isEmpty()) {
        m_path->setText(file);
        setProperty("overwriteConfirmed", true);
    }
}

bool ExportDialog::runExport() {
    try {
        ExportOptions o = options();
        const QFileInfo info(path());
        const QString csvPath = info.dir().filePath(info.completeBaseName() + QStringLiteral(".csv"));
        QStringList existing;
        if (info.exists() && !property("overwriteConfirmed").toBool()) existing << path();
        if (exportCsvToo() && QFileInfo::exists(csvPath)) existing << csvPath;
        if (!existing.isEmpty() &&
            QMessageBox::question(this, tr("Replace files?"),
                                  tr("These files exist:\n%1\nReplace them?").arg(existing.join(QLatin1Char('\n')))) !=
                QMessageBox::Yes)
            return false;
        o.overwrite = true;  // existence was checked above or confirmed in the file dialog
        const auto plots = m_view->exportPlots();
        exportPlot(plots.value(plotIndex()), path(), o);
        if (exportCsvToo()) exportCsv(m_view->csv(), csvPath, true, m_provenance);
        return true;
    } catch (const std::exception& e) {
        QMessageBox::warning(this, tr("Export failed"), QString::fromUtf8(e.what()));
        return false;
    }
}

void ExportDialog::accept() {
    if (runExport()) QDialog::accept();
}

}  // namespace srs::widgets
