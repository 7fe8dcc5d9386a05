#include "core/pipeline/demo_figures.h"

#include <fmt/format.h>

#include "core/error.h"
#include "core/session/steps/figure_step.h"

namespace srs::core {
namespace fs = std::filesystem;
using json = nlohmann::json;

json runDemoFigures(DemoSessionRunner& steps, const fs::path& out, const DemoFamily& first, const fs::path& ablation,
                    const std::function<void(const std::string&)>& say) {
    json summary = json::object();
    try {
        summary["renderer"] = findRenderExecutable();
    } catch (const Error& e) {
        say(fmt::format("figures skipped: srs-render not found ({})", e.what()));
        summary["skipped"] = e.what();
        return summary;
    }
    const fs::path an = out / "analyses", fig = out / "figures";
    struct View {
        std::string view;
        fs::path data;
        int trace;
    };
    std::vector<View> views{{"probe-training", first.probes, -1},
                            {"prune-curve", an / (first.name + "-prune-curve.json"), -1},
                            {"ablation-heatmap", ablation, -1},
                            {"iou-matrix", an / fmt::format("iou-layer{}.json", first.bestLayer), -1},
                            {"dopamine-trace", an / (first.name + "-dopamine.json"), 0},
                            {"confidence", an / (first.name + "-confidence.json"), -1}};
    json files = json::array();
    for (const auto& v : views) {
        if (v.data.empty() || !fs::exists(v.data)) {
            say(fmt::format("figure {}: no data ({}), skipped", v.view, v.data.empty() ? "not run" : v.data.string()));
            continue;
        }
        for (const char* format : {"pdf", "png"}) {
            const fs::path file = fig / fmt::format("{}.{}", v.view, format);
            steps.addFigure(basicFigureSpec(v.view, format), v.data, file,
                            fmt::format("{} {} ({})", v.view, format, first.name), v.trace);
            files.push_back(file.string());
        }
    }
    summary["files"] = files;
    say(fmt::format("{} figures in {}", files.size(), fig.string()));
    return summary;
}

}  // namespace srs::core
