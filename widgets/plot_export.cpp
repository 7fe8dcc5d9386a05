#include "widgets/plot_export.h"

#include <QBuffer>
#include <QFileInfo>
#include <QImage>
#include <QPageLayout>
#include <QPdfWriter>
#include <QSvgGenerator>
#include <cmath>
#include <vector>

#include "core/error.h"
#include "core/io/atomic_file.h"
#include "qcustomplot.h"
#include "widgets/provenance_metadata.h"

namespace srs::widgets {
namespace {

/// Swaps every font in a plot for the export font and puts the old ones back on scope exit.
class FontSwap {
public:
    FontSwap(QCustomPlot* plot, const QFont& font) : m_plot(plot) {
        QFont bold = font;
        bold.setBold(true);
        std::vector<QCPAxis*> axes;
        for (QCPAxisRect* rect : plot->axisRects())
            for (QCPAxis* axis : rect->axes()) axes.push_back(axis);
        for (QCPLayoutElement* element : plot->plotLayout()->elements(true))
            if (auto* scale = qobject_cast<QCPColorScale*>(element)) axes.push_back(scale->axis());
        for (QCPAxis* axis : axes) {
            m_axes.push_back({axis, axis->tickLabelFont(), axis->labelFont()});
            axis->setTickLabelFont(font);
            axis->setLabelFont(font);
        }
        if (plot->legend) {
            m_legendFont = plot->legend->font();
            plot->legend->setFont(font);
            for (int i = 0; i < plot->legend->itemCount(); ++i) {
                if (auto* item = qobject_cast<QCPPlottableLegendItem*>(plot->legend->item(i))) {
                    m_legendItems.push_back({item, item->font()});
                    item->setFont(font);
                }
            }
        }
        for (int i = 0; i < plot->itemCount(); ++i) {
            if (auto* text = qobject_cast<QCPItemText*>(plot->item(i))) {
                m_texts.push_back({text, text->font()});
                QFont f = font;
                f.setPixelSize(std::max(4, qRound(font.pixelSize() * 0.75)));  // annotations
                text->setFont(f);
            }
        }
        for (int i = 0; i < plot->plotLayout()->elementCount(); ++i) {
            if (auto* title = qobject_cast<QCPTextElement*>(plot->plotLayout()->elementAt(i))) {
                m_titles.push_back({title, title->font()});
                title->setFont(bold);
            }
        }
    }
    ~FontSwap() {
        for (const auto& a : m_axes) {
            a.axis->setTickLabelFont(a.tick);
            a.axis->setLabelFont(a.label);
        }
        if (m_plot->legend) m_plot->legend->setFont(m_legendFont);
        for (const auto& l : m_legendItems) l.item->setFont(l.font);
        for (const auto& t : m_texts) t.item->setFont(t.font);
        for (const auto& t : m_titles) t.item->setFont(t.font);
        m_plot->replot();
    }

private:
    struct AxisFonts {
        QCPAxis* axis;
        QFont tick, label;
    };
    template <class T>
    struct Saved {
        T* item;
        QFont font;
    };
    QCustomPlot* m_plot;
    std::vector<AxisFonts> m_axes;
    QFont m_legendFont;
    std::vector<Saved<QCPPlottableLegendItem>> m_legendItems;
    std::vector<Saved<QCPItemText>> m_texts;
    std::vector<Saved<QCPTextElement>> m_titles;
};

QString creatorOf(const FigureProvenance& provenance) {
    return QStringLiteral("SRS Workbench %1").arg(QString::fromStdString(provenance.softwareVersion));
}

/// Qt 6.4 stamps the PDF Info dictionary with the wall-clock /CreationDate, the only
/// time-dependent bytes it writes (its XMP packet is ours, and it writes no /ID).
/// Replace it in place with the provenance time: same length, so every xref offset
/// stays valid. Forms: "D:YYYYMMDDHHmmSSZ" (17 bytes) or "D:YYYYMMDDHHmmSS+HH'mm'" (23).
void fixPdfCreationDate(QByteArray& pdf, const FigureProvenance& provenance) {
    const QByteArray key = "/CreationDate (";
    const qsizetype at = pdf.indexOf(key);
    if (at < 0 || at > 4096) throw Error("PDF export: no /CreationDate in the Info dictionary");
    const qsizetype begin = at + key.size();
    const qsizetype end = pdf.indexOf(')', begin);
    const qsizetype length = end - begin;
    QByteArray date = pdfDate(provenance);
    if (length == 17) date += 'Z';
    else if (length == 23) date += "+00'00'";
    else throw Error("PDF export: unexpected /CreationDate form (" + std::to_string(length) + " bytes)");
    pdf.replace(begin, length, date);
}

QByteArray renderPdf(QCustomPlot* plot, int widthPt, int heightPt, const QString& title,
                     const FigureProvenance& provenance) {
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    {
        QPdfWriter writer(&buffer);
        writer.setResolution(72);  // one device unit = one point
        writer.setTitle(title);
        writer.setCreator(creatorOf(provenance));
        writer.setDocumentXmpMetadata(provenanceXmpPacket(provenance, title));
        QPageLayout layout(QPageSize(QSizeF(widthPt, heightPt), QPageSize::Point, QString(),
                                     QPageSize::ExactMatch),
                           QPageLayout::Portrait, QMarginsF(0, 0, 0, 0));
        layout.setMode(QPageLayout::FullPageMode);
        writer.setPageLayout(layout);
        QCPPainter painter;
        if (!painter.begin(&writer)) throw Error("cannot start the PDF painter");
        painter.setMode(QCPPainter::pmVectorized);
        painter.setMode(QCPPainter::pmNonCosmetic);  // line widths scale with the page
        plot->toPainter(&painter, widthPt, heightPt);
        painter.end();
    }
    QByteArray pdf = buffer.data();
    fixPdfCreationDate(pdf, provenance);
    return pdf;
}

QByteArray renderSvg(QCustomPlot* plot, int width, int height, const QString& title,
                     const FigureProvenance& provenance) {
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator generator;
    generator.setOutputDevice(&buffer);
    generator.setSize(QSize(width, height));
    generator.setViewBox(QRect(0, 0, width, height));
    generator.setResolution(72);
    generator.setTitle(title);
    generator.setDescription(creatorOf(provenance));
    QCPPainter painter;
    if (!painter.begin(&generator)) throw Error("cannot start the SVG painter");
    plot->toPainter(&painter, width, height);
    painter.end();
    QByteArray svg = buffer.data();
    // <metadata> right after the root element's start tag (SVG 1.2 Tiny allows it there).
    const qsizetype root = svg.indexOf("<svg");
    const qsizetype close = root < 0 ? -1 : svg.indexOf('>', root);
    if (close < 0) throw Error("SVG export: no <svg> element in the generated document");
    svg.insert(close + 1, "\n<metadata id=\"srs-provenance\">\n" + provenanceRdf(provenance, title) +
                              "</metadata>");
    return svg;
}

QByteArray renderPng(QCustomPlot* plot, const ExportOptions& options, const QString& title) {
    const QSize px = pngPixelSize(options);
    const double scale = options.dpi / 72.0;
    // Logical size in points, scaled by dpi/72, lands on exactly inches * dpi pixels.
    QImage image = plot->toPixmap(qRound(px.width() / scale), qRound(px.height() / scale), scale).toImage();
    if (image.isNull()) throw Error("PNG export: rendering failed");
    if (image.size() != px) image = image.scaled(px, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    image.setDevicePixelRatio(1.0);
    image.setDotsPerMeterX(qRound(options.dpi / 0.0254));
    image.setDotsPerMeterY(qRound(options.dpi / 0.0254));
    const FigureProvenance& p = options.provenance;
    image.setText(QStringLiteral("Title"), title);
    image.setText(QStringLiteral("Software"), creatorOf(p));
    if (!p.createdUtc.empty()) image.setText(QStringLiteral("Creation Time"), QString::fromStdString(p.createdUtc));
    image.setText(QStringLiteral("srs:provenance"), QString::fromStdString(provenanceToJson(p)));
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    if (!image.save(&buffer, "PNG")) throw Error("PNG export: encoding failed");
    return buffer.data();
}

}  // namespace

double presetWidthInches(PaperPreset preset) {
    return preset == PaperPreset::SingleColumn ? 3.5 : 7.0;
}

ExportFormat exportFormatFromSuffix(const QString& suffix) {
    const QString s = suffix.toLower();
    if (s == QLatin1String("pdf")) return ExportFormat::Pdf;
    if (s == QLatin1String("svg")) return ExportFormat::Svg;
    if (s == QLatin1String("png")) return ExportFormat::Png;
    throw InvalidArgument("export format: expected pdf, svg or png, got '" + suffix.toStdString() + "'");
}

QSize pngPixelSize(const ExportOptions& options) {
    return {static_cast<int>(std::lround(options.widthInches * options.dpi)),
            static_cast<int>(std::lround(options.heightInches * options.dpi))};
}

void exportPlot(QCustomPlot* plot, const QString& path, const ExportOptions& options) {
    if (!plot) throw InvalidArgument("exportPlot: no plot");
    if (options.widthInches <= 0 || options.heightInches <= 0 || options.dpi <= 0)
        throw InvalidArgument("export of " + path.toStdString() +
                              ": width, height and dpi must be positive");
    validateProvenance(options.provenance);
    if (QFileInfo::exists(path) && !options.overwrite)
        throw Error(path.toStdString() + ": file exists (not overwriting without being asked)");
    const QString title = options.title.isEmpty() ? QStringLiteral("SRS Workbench figure") : options.title;

    // Export coordinates are points (1/72 in): one pixel of the export canvas is one point
    // on paper, so the font is sized in pixels to land at exactly fontPointSize pt.
    QFont font(options.fontFamily);
    font.setPixelSize(std::max(1, options.fontPointSize));
    QByteArray bytes;
    try {
        FontSwap swap(plot, font);
        // Vector sizes are in points so that fonts keep their nominal size on paper.
        const int widthPt = static_cast<int>(std::lround(options.widthInches * 72.0));
        const int heightPt = static_cast<int>(std::lround(options.heightInches * 72.0));
        switch (options.format) {
        case ExportFormat::Pdf:
            bytes = renderPdf(plot, widthPt, heightPt, title, options.provenance);
            break;
        case ExportFormat::Svg:
            bytes = renderSvg(plot, widthPt, heightPt, title, options.provenance);
            break;
        case ExportFormat::Png:
            bytes = renderPng(plot, options, title);
            break;
        }
    } catch (const Error& e) {
        throw Error("cannot write " + path.toStdString() + ": " + e.what());
    }
    core::writeFileAtomically(path.toStdString(), bytes.toStdString(), options.overwrite);
}

void exportCsv(const QString& csv, const QString& path, bool overwrite, const FigureProvenance& provenance) {
    validateProvenance(provenance);
    core::writeFileAtomically(path.toStdString(),
                              (provenanceCsvHeader(provenance) + csv).toUtf8().toStdString(), overwrite);
}

QString csvField(const QString& text) {
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) &&
        !text.contains(QLatin1Char('\n')) && !text.contains(QLatin1Char('#')))
        return text;
    QString quoted = text;
    quoted.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

}  // namespace srs::widgets
