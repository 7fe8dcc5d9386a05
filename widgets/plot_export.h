#pragma once
/// Exporting a QCustomPlot for a paper: vector PDF / SVG, or PNG at a chosen DPI, at a
/// journal column width, with a chosen font. Plus the CSV of the data behind a plot.
#include <QSize>
#include <QString>

class QCustomPlot;

namespace srs::widgets {

enum class ExportFormat { Pdf, Svg, Png };

/// Paper width presets.
enum class PaperPreset { SingleColumn, DoubleColumn };

/// 3.5 in (single column) or 7 in (double column).
double presetWidthInches(PaperPreset preset);

struct ExportOptions {
    ExportFormat format = ExportFormat::Pdf;
    double widthInches = 3.5;
    double heightInches = 2.5;
    int dpi = 300;                 ///< PNG only; vector formats are sized in points (1/72 in)
    QString fontFamily = QStringLiteral("DejaVu Sans");
    int fontPointSize = 8;
    bool overwrite = false;        ///< replace an existing file
};

/// "pdf" / "svg" / "png" -> format; throws srs::InvalidArgument otherwise.
ExportFormat exportFormatFromSuffix(const QString& suffix);

/// Size of the PNG an export produces, in pixels: round(inches * dpi).
QSize pngPixelSize(const ExportOptions& options);

/// Renders `plot` to `path` with `options`. The plot's fonts are switched to the chosen
/// family and size for the export and restored afterwards. The file is written under a
/// temporary name and renamed into place. Throws srs::Error naming `path` when it exists
/// and !overwrite, or when writing fails. GUI thread only.
void exportPlot(QCustomPlot* plot, const QString& path, const ExportOptions& options);

/// Writes `csv` (UTF-8) atomically to `path`; throws srs::Error naming `path`.
void exportCsv(const QString& csv, const QString& path, bool overwrite);

/// Quotes a CSV field when it needs it (RFC 4180).
QString csvField(const QString& text);

}  // namespace srs::widgets
