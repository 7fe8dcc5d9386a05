#pragma once
/// Exporting a QCustomPlot for a paper: vector PDF / SVG, or PNG at a chosen DPI, at a
/// journal column width, with a chosen font. Plus the CSV of the data behind a plot.
/// Every export carries a FigureProvenance (see docs/GUI.md, "Provenance") and is
/// deterministic: the same plot, options and provenance give byte-identical files.
#include <QSize>
#include <QString>
#include <map>
#include <string>

#include "core/version.h"

class QCustomPlot;

namespace srs::widgets {

enum class ExportFormat { Pdf, Svg, Png };

/// Paper width presets.
enum class PaperPreset { SingleColumn, DoubleColumn };

/// 3.5 in (single column) or 7 in (double column).
double presetWidthInches(PaperPreset preset);

/// Where a figure came from. Plain std types so a Qt-free session record can fill it.
/// No field may contain a line break; fingerprint names may not contain ':'.
struct FigureProvenance {
    std::string sessionId;                            ///< session the figure belongs to
    std::string stepId;                               ///< the figure's step in that session
    std::map<std::string, std::string> fingerprints;  ///< input/output name -> content fingerprint
    std::string softwareVersion = versionString();    ///< SRS Workbench version that drew it
    std::string regenerateCommand;                    ///< e.g. "srs replay s.srs.json --from fig-3"
    /// When the figure was made, ISO 8601 UTC ("2025-03-01T12:00:00Z"), normally the step's
    /// end time. Empty: unknown; the PDF CreationDate is then 1970-01-01T00:00:00Z so that
    /// exports stay byte-identical.
    std::string createdUtc;

    bool operator==(const FigureProvenance& o) const {
        return sessionId == o.sessionId && stepId == o.stepId && fingerprints == o.fingerprints &&
               softwareVersion == o.softwareVersion && regenerateCommand == o.regenerateCommand &&
               createdUtc == o.createdUtc;
    }
    bool operator!=(const FigureProvenance& o) const { return !(*this == o); }
};

struct ExportOptions {
    ExportFormat format = ExportFormat::Pdf;
    double widthInches = 3.5;
    double heightInches = 2.5;
    int dpi = 300;                 ///< PNG only; vector formats are sized in points (1/72 in)
    QString fontFamily = QStringLiteral("DejaVu Sans");
    int fontPointSize = 8;
    bool overwrite = false;        ///< replace an existing file
    QString title;                 ///< document title; empty = "SRS Workbench figure"
    FigureProvenance provenance;   ///< embedded in the file's metadata
};

/// "pdf" / "svg" / "png" -> format; throws srs::InvalidArgument otherwise.
ExportFormat exportFormatFromSuffix(const QString& suffix);

/// Size of the PNG an export produces, in pixels: round(inches * dpi).
QSize pngPixelSize(const ExportOptions& options);

/// Renders `plot` to `path` with `options`. The plot's fonts are switched to the chosen
/// family and size for the export and restored afterwards. The file is written under a
/// temporary name and renamed into place. Throws srs::Error naming `path` when it exists
/// and !overwrite, or when writing fails; srs::InvalidArgument for a bad provenance
/// (line break in a field, malformed createdUtc). GUI thread only.
/// Provenance goes into: PDF Info Title/Creator/CreationDate + an XMP packet; SVG a
/// <metadata> element (same RDF as the XMP); PNG text chunks (QImage::text).
void exportPlot(QCustomPlot* plot, const QString& path, const ExportOptions& options);

/// Writes `csv` (UTF-8) atomically to `path`, after leading `# key: value` comment lines
/// holding `provenance` (pandas: read_csv(path, comment='#')); throws srs::Error naming
/// `path`.
void exportCsv(const QString& csv, const QString& path, bool overwrite,
               const FigureProvenance& provenance = {});

/// Quotes a CSV field when it needs it (RFC 4180; also a field holding '#', so that
/// readers skipping '#' comments keep it).
QString csvField(const QString& text);

}  // namespace srs::widgets
