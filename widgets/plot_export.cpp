#include "widgets/plot_export.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSvgGenerator>
#include <QTemporaryFile>
#include <cmath>
#include <filesystem>
#include <vector>

#include "core/error.h"
#include "core/io/atomic_file.h"
#include "qcustomplot.h"

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

QString tempPathFor(const QString& path) {
    const QFileInfo info(path);
    return info.dir().filePath(QStringLiteral(".%1.tmp-export.%2").arg(info.completeBaseName(),
                                                                       info.suffix()));
}

void renderSvg(QCustomPlot* plot, const QString& file, int width, int height) {
    QSvgGenerator generator;
    generator.setFileName(file);
    generator.setSize(QSize(width, height));
    generator.setViewBox(QRect(0, 0, width, height));
    generator.setResolution(72);
    generator.setTitle(QStringLiteral("SRS Workbench plot"));
    QCPPainter painter;
    if (!painter.begin(&generator)) throw Error("cannot start SVG painter for " + file.toStdString());
    plot->toPainter(&painter, width, height);
    painter.end();
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
    if (QFileInfo::exists(path) && !options.overwrite)
        throw Error(path.toStdString() + ": file exists (not overwriting without being asked)");
    const QString temp = tempPathFor(path);
    QFile::remove(temp);

    // Export coordinates are points (1/72 in): one pixel of the export canvas is one point
    // on paper, so the font is sized in pixels to land at exactly fontPointSize pt.
    QFont font(options.fontFamily);
    font.setPixelSize(std::max(1, options.fontPointSize));
    bool ok = false;
    {
        FontSwap swap(plot, font);
        // Vector sizes are in points so that fonts keep their nominal size on paper.
        const int widthPt = static_cast<int>(std::lround(options.widthInches * 72.0));
        const int heightPt = static_cast<int>(std::lround(options.heightInches * 72.0));
        switch (options.format) {
        case ExportFormat::Pdf:
            ok = plot->savePdf(temp, widthPt, heightPt, QCP::epNoCosmetic,
                               QStringLiteral("SRS Workbench"));
            break;
        case ExportFormat::Svg:
            renderSvg(plot, temp, widthPt, heightPt);
            ok = QFileInfo(temp).size() > 0;
            break;
        case ExportFormat::Png: {
            const QSize px = pngPixelSize(options);
            const double scale = options.dpi / 72.0;
            // Logical size in points, scaled by dpi/72, lands on exactly inches * dpi pixels.
            ok = plot->saveRastered(temp, qRound(px.width() / scale), qRound(px.height() / scale),
                                    scale, "PNG", -1, options.dpi, QCP::ruDotsPerInch);
            if (ok) {
                QImage image(temp);
                if (image.size() != px) {
                    image = image.scaled(px, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
                    image.setDotsPerMeterX(qRound(options.dpi / 0.0254));
                    image.setDotsPerMeterY(qRound(options.dpi / 0.0254));
                    ok = image.save(temp, "PNG");
                }
            }
            break;
        }
        }
    }
    if (!ok) {
        QFile::remove(temp);
        throw Error("cannot write " + path.toStdString() + " (rendering or file write failed)");
    }
    std::error_code ec;
    std::filesystem::rename(temp.toStdString(), path.toStdString(), ec);
    if (ec) {
        QFile::remove(temp);
        throw Error("cannot write " + path.toStdString() + ": " + ec.message());
    }
}

void exportCsv(const QString& csv, const QString& path, bool overwrite) {
    core::writeFileAtomically(path.toStdString(), csv.toUtf8().toStdString(), overwrite);
}

QString csvField(const QString& text) {
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) &&
        !text.contains(QLatin1Char('\n')))
        return text;
    QString quoted = text;
    quoted.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

}  // namespace srs::widgets
