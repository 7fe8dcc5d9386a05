#include "app/gui/result_loaders.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/analysis/iou_matrix.h"
#include "core/cache/hdf5_support.h"
#include "core/error.h"
#include "core/probe/probe_file.h"
#include "core/probe/value_probes.h"

namespace srs::app::gui {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

nlohmann::json readJson(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw FormatError(fmt::format("{}: cannot open file", path));
    std::stringstream ss;
    ss << in.rdbuf();
    try {
        return nlohmann::json::parse(ss.str());
    } catch (const nlohmann::json::exception& e) {
        throw FormatError(fmt::format("{}: not JSON ({})", path, e.what()));
    }
}

/// j[key] of the expected type, or FormatError naming file, field and what was expected.
const nlohmann::json& field(const nlohmann::json& j, const char* key, nlohmann::json::value_t type,
                            const std::string& path, const std::string& where) {
    if (!j.is_object() || !j.contains(key))
        throw FormatError(fmt::format("{}: missing field {}{}", path, where, key));
    const auto& v = j.at(key);
    const bool ok = type == nlohmann::json::value_t::number_float ? v.is_number() : v.type() == type;
    if (!ok)
        throw FormatError(fmt::format("{}: field {}{} has type {}, expected {}", path, where, key, v.type_name(),
                                      nlohmann::json(type).type_name()));
    return v;
}

/// A number or null (-> NaN).
double numberOrNaN(const nlohmann::json& j, const char* key, const std::string& path, const std::string& where) {
    if (!j.contains(key) || j.at(key).is_null()) return kNaN;
    if (!j.at(key).is_number())
        throw FormatError(fmt::format("{}: field {}{} is {}, expected a number or null", path, where, key,
                                      j.at(key).type_name()));
    return j.at(key).get<double>();
}

void expectFormat(const nlohmann::json& j, const char* key, const char* value, const std::string& path) {
    if (!j.is_object() || !j.contains(key) || !j.at(key).is_string() || j.at(key).get<std::string>() != value)
        throw FormatError(fmt::format("{}: expected \"{}\": \"{}\" (is this the right file?)", path, key, value));
}

std::string stem(const std::string& path) { return std::filesystem::path(path).stem().string(); }

/// A 1-D float/int64 dataset of a probes file ("" parts named in errors).
template <typename T>
std::vector<T> read1d(hid_t file, const std::string& name, hid_t memType, const std::string& path) {
    namespace h5 = core::h5;
    if (H5Lexists(file, name.c_str(), H5P_DEFAULT) <= 0 && name.find('/', 1) != std::string::npos) {
        const std::string parent = name.substr(0, name.rfind('/'));
        if (H5Lexists(file, parent.c_str(), H5P_DEFAULT) <= 0)
            throw FormatError(fmt::format("{}: {} is missing", path, parent));
    }
    if (H5Lexists(file, name.c_str(), H5P_DEFAULT) <= 0)
        throw FormatError(fmt::format("{}: dataset {} is missing", path, name));
    h5::Handle ds = h5::check(H5Dopen2(file, name.c_str(), H5P_DEFAULT), path, "cannot open " + name);
    const auto shape = h5::datasetShape(ds, path, name);
    if (shape.size() != 1)
        throw FormatError(fmt::format("{}: dataset {} has {} dimensions, expected 1", path, name, shape.size()));
    std::vector<T> out(shape[0]);
    if (!out.empty())
        h5::check(H5Dread(ds, memType, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data()), path, "cannot read " + name);
    return out;
}

}  // namespace

std::int64_t stepsPerEpoch(const core::ProbeTrainResult& r) {
    const auto batch = static_cast<std::int64_t>(std::max(1, r.options.batchTrajectories));
    const auto train = static_cast<std::int64_t>(r.split.trainRollouts.size());
    return std::max<std::int64_t>(1, (train + batch - 1) / batch);
}

std::vector<widgets::TrainingPoint> trainingPoints(const core::ProbeTrainResult& r) {
    std::vector<widgets::TrainingPoint> out;
    const std::int64_t spe = stepsPerEpoch(r);
    for (const auto& p : r.layers) {
        for (std::size_t e = 0; e < p.finalLoss.size(); ++e) {
            widgets::TrainingPoint t;
            t.layer = p.layer;
            t.step = static_cast<std::int64_t>(e + 1) * spe;
            t.loss = p.finalLoss[e];
            if (e + 1 == p.finalLoss.size())
                t.heldOutAuroc = p.eval.aurocS0.defined ? p.eval.aurocS0.estimate : -1.0;
            out.push_back(t);
        }
    }
    return out;
}

std::vector<widgets::TrainingPoint> loadTrainingPoints(const std::string& probesPath) {
    // readProbeFile validates the file and gives options and AUROCs; the per-epoch losses
    // and the training split are read here (readProbeFile does not keep them).
    core::ProbeTrainResult r = core::readProbeFile(probesPath);
    core::h5::silenceErrors();
    core::h5::Handle file =
        core::h5::check(H5Fopen(probesPath.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), probesPath, "cannot open");
    if (r.split.trainRollouts.empty())
        r.split.trainRollouts = read1d<std::int64_t>(file, "/split/train_rollouts", H5T_NATIVE_INT64, probesPath);
    for (auto& p : r.layers)
        if (p.finalLoss.empty())
            p.finalLoss = read1d<float>(file, fmt::format("/layers/layer_{:02d}/train_loss", p.layer),
                                        H5T_NATIVE_FLOAT, probesPath);
    return trainingPoints(r);
}

widgets::PruneCurveData pruneCurveData(const core::PruneCurve& curve) {
    widgets::PruneCurveData out;
    for (std::size_t l = 0; l < curve.layers.size(); ++l) {
        widgets::PruneCurve c;
        c.layer = curve.layers[l];
        c.method = core::probeMethodName(curve.options.method);
        for (const auto& p : curve.points.at(l)) {
            const auto& ci = p.eval.aurocS0;
            c.ratio.push_back(p.ratio);
            c.auroc.push_back(ci.defined ? ci.estimate : kNaN);
            c.ciLow.push_back(ci.defined ? ci.lower : kNaN);
            c.ciHigh.push_back(ci.defined ? ci.upper : kNaN);
        }
        out.curves.push_back(std::move(c));
    }
    return out;
}

widgets::PruneCurveData loadPruneCurve(const std::string& path) {
    using V = nlohmann::json::value_t;
    const auto j = readJson(path);
    expectFormat(j, "format", "srs-prune-curve", path);
    const std::string method = field(j, "method", V::string, path, "").get<std::string>();
    widgets::PruneCurveData out;
    const auto& layers = field(j, "layers", V::array, path, "");
    for (std::size_t l = 0; l < layers.size(); ++l) {
        const std::string where = fmt::format("layers[{}].", l);
        widgets::PruneCurve c;
        c.layer = field(layers[l], "layer", V::number_float, path, where).get<int>();
        c.method = method;
        const auto& pts = field(layers[l], "points", V::array, path, where);
        for (std::size_t i = 0; i < pts.size(); ++i) {
            const std::string w = fmt::format("{}points[{}].", where, i);
            c.ratio.push_back(field(pts[i], "ratio", V::number_float, path, w).get<double>());
            const auto& s0 = field(pts[i], "s0", V::object, path, w);
            c.auroc.push_back(numberOrNaN(s0, "auroc", path, w + "s0."));
            c.ciLow.push_back(numberOrNaN(s0, "ci_low", path, w + "s0."));
            c.ciHigh.push_back(numberOrNaN(s0, "ci_high", path, w + "s0."));
        }
        out.curves.push_back(std::move(c));
    }
    return out;
}

widgets::IouMatrixData iouMatrixData(const core::IouMatrix& m) {
    widgets::IouMatrixData out;
    for (const auto& f : m.files) out.labels.push_back(stem(f));
    out.ratios = m.ratios;
    for (std::size_t r = 0; r < m.ratios.size(); ++r) {
        std::vector<double> flat;
        for (const auto& row : m.matrix(r)) flat.insert(flat.end(), row.begin(), row.end());
        out.iou.push_back(std::move(flat));
        double chance = 0.0;
        for (const auto& p : m.pairs[r]) chance += p.expectedIou;
        out.chanceIou.push_back(m.pairs[r].empty() ? kNaN : chance / static_cast<double>(m.pairs[r].size()));
    }
    return out;
}

widgets::IouMatrixData loadIouMatrix(const std::string& path) {
    using V = nlohmann::json::value_t;
    const auto j = readJson(path);
    expectFormat(j, "kind", "srs-iou", path);
    widgets::IouMatrixData out;
    for (const auto& f : field(j, "files", V::array, path, "")) out.labels.push_back(stem(f.get<std::string>()));
    const std::size_t n = out.labels.size();
    const auto& ratios = field(j, "ratios", V::array, path, "");
    for (std::size_t r = 0; r < ratios.size(); ++r) {
        const std::string where = fmt::format("ratios[{}].", r);
        out.ratios.push_back(field(ratios[r], "ratio", V::number_float, path, where).get<double>());
        const auto& mat = field(ratios[r], "iou_matrix", V::array, path, where);
        if (mat.size() != n)
            throw FormatError(fmt::format("{}: {}iou_matrix has {} rows, expected {} (one per file)", path, where,
                                          mat.size(), n));
        std::vector<double> flat;
        for (std::size_t i = 0; i < n; ++i) {
            if (!mat[i].is_array() || mat[i].size() != n)
                throw FormatError(fmt::format("{}: {}iou_matrix[{}] is not a row of {} numbers", path, where, i, n));
            for (const auto& v : mat[i]) flat.push_back(v.is_number() ? v.get<double>() : kNaN);
        }
        out.iou.push_back(std::move(flat));
        double chance = 0.0;
        const auto& pairs = field(ratios[r], "pairs", V::array, path, where);
        for (const auto& p : pairs) chance += numberOrNaN(p, "expected_iou", path, where + "pairs[].");
        out.chanceIou.push_back(pairs.empty() ? kNaN : chance / static_cast<double>(pairs.size()));
    }
    return out;
}

std::string NeuronSelection::dimsText() const {
    std::string s;
    for (auto d : dims) s += (s.empty() ? "" : ",") + std::to_string(d);
    return s;
}

NeuronSelection neuronSelection(const core::ProbeTrainResult& probes, const std::string& probesPath, int layer,
                                double ratio) {
    for (const auto& p : probes.layers) {
        if (p.layer != layer) continue;
        const auto set = core::valueNeuronSet(p, probes.dModel, ratio);
        NeuronSelection s;
        s.layer = layer;
        s.ratio = ratio;
        s.dModel = probes.dModel;
        s.dims = set.dims;
        s.source = probesPath;
        s.hook = fmt::format("blocks.{}.hook_{}", layer, probes.options.hook);
        return s;
    }
    std::string have;
    for (const auto& p : probes.layers) have += (have.empty() ? "" : ", ") + std::to_string(p.layer);
    throw InvalidArgument(fmt::format("{}: no probe for layer {} (layers: {})", probesPath, layer, have));
}

NeuronSelection loadNeuronSet(const std::string& path) {
    using V = nlohmann::json::value_t;
    const auto j = readJson(path);
    expectFormat(j, "format", "srs-neuron-set", path);
    NeuronSelection s;
    s.layer = field(j, "layer", V::number_float, path, "").get<int>();
    s.ratio = field(j, "ratio", V::number_float, path, "").get<double>();
    s.dModel = field(j, "d_model", V::number_float, path, "").get<std::int64_t>();
    for (const auto& d : field(j, "dims", V::array, path, "")) {
        if (!d.is_number_integer() || d.get<std::int64_t>() < 0 || d.get<std::int64_t>() >= s.dModel)
            throw FormatError(fmt::format("{}: dims holds {}, expected integers in [0, {})", path, d.dump(), s.dModel));
        s.dims.push_back(d.get<std::int64_t>());
    }
    s.source = path;
    s.hook = fmt::format("blocks.{}.hook_resid_post", s.layer);
    return s;
}

ResultKind detectResultKind(const std::string& path) {
    const auto j = readJson(path);
    if (!j.is_object()) return ResultKind::Unknown;
    auto is = [&](const char* key, const char* value) {
        return j.contains(key) && j.at(key).is_string() && j.at(key).get<std::string>() == value;
    };
    if (is("format", "srs-prune-curve")) return ResultKind::PruneCurve;
    if (is("kind", "srs-iou")) return ResultKind::Iou;
    if (is("format", "srs-neuron-set")) return ResultKind::NeuronSet;
    return ResultKind::Unknown;
}

}  // namespace srs::app::gui
