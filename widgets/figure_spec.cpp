#include "widgets/figure_spec.h"

#include <cmath>
#include <nlohmann/json.hpp>
#include <set>
#include <utility>
#include <vector>

#include "core/error.h"
#include "widgets/provenance_metadata.h"

namespace srs::widgets {
namespace {

using nlohmann::json;

const std::vector<std::pair<FigureView, std::string>>& viewNames() {
    static const std::vector<std::pair<FigureView, std::string>> names = {
        {FigureView::ProbeTraining, "probe-training"}, {FigureView::PruneCurve, "prune-curve"},
        {FigureView::AblationHeatmap, "ablation-heatmap"}, {FigureView::IouMatrix, "iou-matrix"},
        {FigureView::DopamineTrace, "dopamine-trace"}, {FigureView::Confidence, "confidence"}};
    return names;
}

std::string formatName(ExportFormat f) {
    return f == ExportFormat::Pdf ? "pdf" : f == ExportFormat::Svg ? "svg" : "png";
}

/// Reads the members of one JSON object, rejecting unknown keys and wrong types with a
/// message naming the file and the field path.
class ObjectReader {
public:
    ObjectReader(const json& object, std::string where, std::string path)
        : m_object(object), m_where(std::move(where)), m_path(std::move(path)) {
        if (!object.is_object()) fail(m_path.empty() ? "the spec" : m_path, "expected a JSON object");
    }
    bool has(const std::string& key) const { return m_object.contains(key); }
    const json& raw(const std::string& key) {
        m_seen.insert(key);
        return m_object.at(key);
    }
    template <class T>
    void read(const std::string& key, T& out) {
        if (!has(key)) return;
        const json& v = raw(key);
        bool ok = false;
        if constexpr (std::is_same_v<T, bool>) ok = v.is_boolean();
        else if constexpr (std::is_same_v<T, int>) ok = v.is_number_integer();
        else if constexpr (std::is_same_v<T, double>) ok = v.is_number();
        else ok = v.is_string();
        if (!ok) fail(field(key), std::string("expected a ") + typeName<T>());
        out = v.get<T>();
    }
    /// Throws for any key not read (keys in `ignored` are allowed without being read).
    void finish(const std::set<std::string>& ignored = {}) const {
        for (const auto& [key, value] : m_object.items())
            if (!m_seen.count(key) && !ignored.count(key)) fail(field(key), "unknown key");
    }
    std::string field(const std::string& key) const { return m_path.empty() ? key : m_path + "." + key; }
    [[noreturn]] void fail(const std::string& field, const std::string& message) const {
        throw FormatError(m_where + ": figure spec: " + field + ": " + message);
    }

private:
    template <class T>
    static const char* typeName() {
        if constexpr (std::is_same_v<T, bool>) return "boolean";
        else if constexpr (std::is_same_v<T, int>) return "integer";
        else if constexpr (std::is_same_v<T, double>) return "number";
        else return "string";
    }
    const json& m_object;
    std::string m_where, m_path;
    std::set<std::string> m_seen;
};

json paramsToJson(FigureView view, const FigureParams& p) {
    json j = json::object();
    switch (view) {
    case FigureView::PruneCurve: j["log_fraction_kept"] = p.logFractionKept; break;
    case FigureView::IouMatrix: j["ratio"] = p.ratio; break;
    case FigureView::DopamineTrace:
        j["color_by"] = p.colorBy;
        j["first_token"] = p.firstToken;
        j["last_token"] = p.lastToken;
        break;
    case FigureView::Confidence:
        j["signal"] = p.signal;
        j["plot"] = p.plot;
        break;
    case FigureView::ProbeTraining:
    case FigureView::AblationHeatmap: break;
    }
    return j;
}

void paramsFromJson(ObjectReader& r, FigureView view, FigureParams& p) {
    switch (view) {
    case FigureView::PruneCurve: r.read("log_fraction_kept", p.logFractionKept); break;
    case FigureView::IouMatrix: r.read("ratio", p.ratio); break;
    case FigureView::DopamineTrace:
        r.read("color_by", p.colorBy);
        r.read("first_token", p.firstToken);
        r.read("last_token", p.lastToken);
        if (p.firstToken < 0) r.fail(r.field("first_token"), "must be >= 0");
        if (p.lastToken >= 0 && p.lastToken < p.firstToken)
            r.fail(r.field("last_token"), "must be >= first_token or -1");
        break;
    case FigureView::Confidence:
        r.read("signal", p.signal);
        r.read("plot", p.plot);
        if (p.plot != "reliability" && p.plot != "scatter")
            r.fail(r.field("plot"), "expected \"reliability\" or \"scatter\", got \"" + p.plot + "\"");
        break;
    case FigureView::ProbeTraining:
    case FigureView::AblationHeatmap: break;
    }
    r.finish();
}

}  // namespace

std::string figureViewName(FigureView view) {
    for (const auto& [v, name] : viewNames())
        if (v == view) return name;
    return "unknown";
}

FigureView figureViewFromName(const std::string& name) {
    std::string known;
    for (const auto& [v, n] : viewNames()) {
        if (n == name) return v;
        known += (known.empty() ? "" : ", ") + n;
    }
    throw InvalidArgument("unknown figure view '" + name + "' (expected one of " + known + ")");
}

std::string figureSpecToJson(const FigureSpec& spec) {
    const FigureExportSettings& e = spec.exportSettings;
    json j = {
        {"version", FigureSpec::kVersion},
        {"view", figureViewName(spec.view)},
        {"params", paramsToJson(spec.view, spec.params)},
        {"export",
         {{"format", formatName(e.format)},
          {"preset", e.preset == PaperPreset::SingleColumn ? "single" : "double"},
          {"width_in", e.widthInches},
          {"height_in", e.heightInches},
          {"dpi", e.dpi},
          {"font_family", e.fontFamily},
          {"font_size_pt", e.fontPointSize},
          {"palette", e.palette},
          {"csv", e.csv}}},
        {"provenance", json::parse(provenanceToJson(spec.provenance))}};
    return j.dump(2) + "\n";
}

FigureSpec figureSpecFromJson(const std::string& text, const std::string& where) {
    json j;
    try {
        j = json::parse(text);
    } catch (const json::exception& e) {
        throw FormatError(where + ": figure spec is not valid JSON (" + e.what() + ")");
    }
    ObjectReader top(j, where, "");
    FigureSpec spec;
    int version = 0;
    if (!top.has("version")) top.fail("version", "missing");
    top.read("version", version);
    if (version > FigureSpec::kVersion)
        top.fail("version", std::to_string(version) + " is newer than this SRS Workbench understands (" +
                                std::to_string(FigureSpec::kVersion) + ")");
    if (version < 1) top.fail("version", "must be >= 1");
    std::string view;
    if (!top.has("view")) top.fail("view", "missing");
    top.read("view", view);
    try {
        spec.view = figureViewFromName(view);
    } catch (const InvalidArgument& e) {
        top.fail("view", e.what());
    }
    if (top.has("params")) {
        ObjectReader params(top.raw("params"), where, "params");
        paramsFromJson(params, spec.view, spec.params);
    }
    if (top.has("export")) {
        ObjectReader r(top.raw("export"), where, "export");
        FigureExportSettings& e = spec.exportSettings;
        std::string format = "pdf", preset = "single";
        r.read("format", format);
        try {
            e.format = exportFormatFromSuffix(QString::fromStdString(format));
        } catch (const InvalidArgument&) {
            r.fail("export.format", "expected pdf, svg or png, got \"" + format + "\"");
        }
        r.read("preset", preset);
        if (preset != "single" && preset != "double")
            r.fail("export.preset", "expected \"single\" or \"double\", got \"" + preset + "\"");
        e.preset = preset == "single" ? PaperPreset::SingleColumn : PaperPreset::DoubleColumn;
        e.widthInches = presetWidthInches(e.preset);
        if (r.has("width_in")) {
            double width = 0;
            r.read("width_in", width);
            if (r.has("preset") && std::abs(width - e.widthInches) > 1e-9)
                r.fail("export.width_in", std::to_string(width) + " contradicts preset \"" + preset + "\" (" +
                                              std::to_string(e.widthInches) + " in)");
            e.widthInches = width;
        }
        r.read("height_in", e.heightInches);
        r.read("dpi", e.dpi);
        r.read("font_family", e.fontFamily);
        r.read("font_size_pt", e.fontPointSize);
        r.read("palette", e.palette);
        r.read("csv", e.csv);
        if (e.widthInches <= 0 || e.heightInches <= 0) r.fail("export", "width_in and height_in must be > 0");
        if (e.dpi < 10 || e.dpi > 4800) r.fail("export.dpi", "expected 10..4800, got " + std::to_string(e.dpi));
        if (e.fontPointSize < 1 || e.fontPointSize > 200) r.fail("export.font_size_pt", "expected 1..200");
        if (e.palette != "okabe-ito")
            r.fail("export.palette", "only \"okabe-ito\" is available, got \"" + e.palette + "\"");
        r.finish();
    }
    if (top.has("provenance")) spec.provenance = provenanceFromJson(top.raw("provenance").dump(), where);
    top.finish();
    try {
        validateProvenance(spec.provenance);
    } catch (const InvalidArgument& e) {
        top.fail("provenance", e.what());
    }
    return spec;
}

ExportOptions exportOptionsOf(const FigureSpec& spec, bool overwrite) {
    const FigureExportSettings& e = spec.exportSettings;
    ExportOptions o;
    o.format = e.format;
    o.widthInches = e.widthInches;
    o.heightInches = e.heightInches;
    o.dpi = e.dpi;
    o.fontFamily = QString::fromStdString(e.fontFamily);
    o.fontPointSize = e.fontPointSize;
    o.overwrite = overwrite;
    o.title = QString::fromStdString(figureViewName(spec.view));
    o.provenance = spec.provenance;
    return o;
}

}  // namespace srs::widgets
