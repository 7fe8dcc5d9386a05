#include "app/render/render_data.h"

#include "app/gui/result_loaders.h"
#include "core/error.h"

namespace srs::app::render {

widgets::FigureData loadFigureData(widgets::FigureView view, const std::string& path, int trace) {
    using widgets::FigureView;
    switch (view) {
    case FigureView::ProbeTraining: return gui::loadTrainingPoints(path);
    case FigureView::PruneCurve: return gui::loadPruneCurve(path);
    case FigureView::IouMatrix: return gui::loadIouMatrix(path);
    case FigureView::AblationHeatmap: return gui::loadAblationResult(path);
    case FigureView::DopamineTrace: return gui::loadDopamineTrace(path, trace);
    case FigureView::Confidence: return gui::loadConfidenceResult(path);
    }
    throw InvalidArgument(path + ": unknown figure view");
}

}  // namespace srs::app::render
