#include "widgets/figure_render.h"

#include <QDir>
#include <QFileInfo>
#include <algorithm>
#include <cmath>
#include <memory>

#include "core/error.h"
#include "qcustomplot.h"
#include "widgets/ablation_heatmap_view.h"
#include "widgets/confidence_view.h"
#include "widgets/dopamine_trace_view.h"
#include "widgets/iou_matrix_view.h"
#include "widgets/palette.h"
#include "widgets/probe_training_view.h"
#include "widgets/prune_curve_view.h"

namespace srs::widgets {
namespace {

[[noreturn]] void badParam(const FigureSpec& spec, const std::string& message) {
    throw InvalidArgument("figure " + figureViewName(spec.view) + ": " + message);
}

std::string joinNames(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "\"" : ", \"") + n + "\"";
    return out.empty() ? "none" : out;
}

QCustomPlot* buildIou(const FigureSpec& spec, const IouMatrixData& data, IouMatrixView& view) {
    view.setData(data);
    if (spec.params.ratio >= 0) {
        int index = -1;
        std::string known;
        for (size_t i = 0; i < data.ratios.size(); ++i) {
            if (std::abs(data.ratios[i] - spec.params.ratio) < 1e-9) index = static_cast<int>(i);
            known += (known.empty() ? "" : ", ") + std::to_string(data.ratios[i]);
        }
        if (index < 0) badParam(spec, "no IoU matrix at ratio " + std::to_string(spec.params.ratio) + " (have " + known + ")");
        view.setRatioIndex(index);
    }
    return view.exportPlots().value(0);
}

QCustomPlot* buildTrace(const FigureSpec& spec, const DopamineTraceData& data, DopamineTraceView& view) {
    view.setData(data);
    QCustomPlot* plot = view.exportPlots().value(0);
    const int n = static_cast<int>(data.tokens.size());
    const FigureParams& p = spec.params;
    const int last = p.lastToken < 0 ? n - 1 : p.lastToken;
    if (p.firstToken >= n || last >= n)
        badParam(spec, "token range " + std::to_string(p.firstToken) + ".." + std::to_string(last) +
                           " outside the " + std::to_string(n) + " tokens");
    if (p.colorBy != "delta") {
        const auto& names = data.neuronNames;
        const auto it = std::find(names.begin(), names.end(), p.colorBy);
        if (it == names.end())
            badParam(spec, "color_by: no neuron \"" + p.colorBy + "\" (have \"delta\", " + joinNames(names) + ")");
        const int k = static_cast<int>(it - names.begin());
        view.setColorSource(k + 1);
        // The text colouring is not part of the plot, so the figure plots the activation
        // on its own right-hand axis.
        QCPAxis* axis = plot->axisRect()->addAxis(QCPAxis::atRight);
        axis->setLabel(QString::fromStdString(p.colorBy));
        QCPGraph* graph = plot->addGraph(plot->xAxis, axis);
        QVector<double> x(n), y(n);
        for (int i = 0; i < n; ++i) {
            x[i] = i;
            y[i] = data.activations[static_cast<size_t>(k)][static_cast<size_t>(i)];
        }
        graph->setData(x, y, true);
        graph->setPen(QPen(okabeIto(2), 1.0, Qt::DashLine));
        graph->setName(QString::fromStdString(p.colorBy));
        axis->rescale();
    }
    plot->xAxis->setRange(p.firstToken - 0.5, std::max(last, p.firstToken + 1) + 0.5);
    return plot;
}

QCustomPlot* buildConfidence(const FigureSpec& spec, const ConfidenceData& data, ConfidenceView& view) {
    view.setData(data);
    if (!spec.params.signal.empty()) {
        std::vector<std::string> names;
        int index = -1;
        for (size_t i = 0; i < data.entries.size(); ++i) {
            names.push_back(data.entries[i].name);
            if (data.entries[i].name == spec.params.signal) index = static_cast<int>(i);
        }
        if (index < 0) badParam(spec, "no signal \"" + spec.params.signal + "\" (have " + joinNames(names) + ")");
        view.setCurrentSignal(index);
    }
    const int plot = view.exportPlotNames().indexOf(QString::fromStdString(spec.params.plot));
    if (plot < 0) badParam(spec, "no plot \"" + spec.params.plot + "\" (have reliability, scatter)");
    return view.exportPlots().value(plot);
}

}  // namespace

FigureView figureViewOf(const FigureData& data) {
    static constexpr FigureView kViews[] = {FigureView::ProbeTraining,   FigureView::PruneCurve,
                                            FigureView::AblationHeatmap, FigureView::IouMatrix,
                                            FigureView::DopamineTrace,   FigureView::Confidence};
    return kViews[data.index()];
}

void renderFigure(const FigureSpec& spec, const FigureData& data, const QString& outPath, bool overwrite) {
    if (figureViewOf(data) != spec.view)
        throw InvalidArgument("figure " + figureViewName(spec.view) + ": got data for " +
                              figureViewName(figureViewOf(data)));
    const ExportOptions options = exportOptionsOf(spec, overwrite);
    if (exportFormatFromSuffix(QFileInfo(outPath).suffix()) != options.format)
        throw InvalidArgument(outPath.toStdString() + ": suffix does not match the spec's export format");
    std::unique_ptr<PlotView> view;
    QCustomPlot* plot = nullptr;
    switch (spec.view) {
    case FigureView::ProbeTraining: {
        auto v = std::make_unique<ProbeTrainingView>();
        v->appendPoints(std::get<std::vector<TrainingPoint>>(data));
        plot = v->exportPlots().value(0);
        view = std::move(v);
        break;
    }
    case FigureView::PruneCurve: {
        auto v = std::make_unique<PruneCurveView>();
        v->setData(std::get<PruneCurveData>(data));
        v->setLogFractionKept(spec.params.logFractionKept);
        plot = v->exportPlots().value(0);
        view = std::move(v);
        break;
    }
    case FigureView::AblationHeatmap: {
        auto v = std::make_unique<AblationHeatmapView>();
        v->setData(std::get<AblationData>(data));
        plot = v->exportPlots().value(0);
        view = std::move(v);
        break;
    }
    case FigureView::IouMatrix: {
        auto v = std::make_unique<IouMatrixView>();
        plot = buildIou(spec, std::get<IouMatrixData>(data), *v);
        view = std::move(v);
        break;
    }
    case FigureView::DopamineTrace: {
        auto v = std::make_unique<DopamineTraceView>();
        plot = buildTrace(spec, std::get<DopamineTraceData>(data), *v);
        view = std::move(v);
        break;
    }
    case FigureView::Confidence: {
        auto v = std::make_unique<ConfidenceView>();
        plot = buildConfidence(spec, std::get<ConfidenceData>(data), *v);
        view = std::move(v);
        break;
    }
    }
    if (view->isEmpty() || !plot)
        throw InvalidArgument("figure " + figureViewName(spec.view) + ": no data to draw");
    const QFileInfo info(outPath);
    const QString csvPath = info.dir().filePath(info.completeBaseName() + QStringLiteral(".csv"));
    if (spec.exportSettings.csv && QFileInfo::exists(csvPath) && !overwrite)
        throw Error(csvPath.toStdString() + ": file exists (not overwriting without being asked)");
    exportPlot(plot, outPath, options);
    if (spec.exportSettings.csv) exportCsv(view->csv(), csvPath, overwrite, spec.provenance);
}

}  // namespace srs::widgets
