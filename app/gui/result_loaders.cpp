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

widgets::AblationData loadAblationResult(const std::string& path) {
    using V = nlohmann::json::value_t;
    const auto j = readJson(path);
    expectFormat(j, "format", "srs-ablation", path);
    const auto& cells = field(j, "cells", V::array, path, "");
    widgets::AblationData out;
    struct Cell {
        int layer;
        std::string condition;
        double accuracy, delta, lo, hi;
    };
    std::vector<Cell> read;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        const std::string w = fmt::format("cells[{}].", i);
        Cell c;
        c.layer = field(cells[i], "layer", V::number_float, path, w).get<int>();
        c.condition = field(cells[i], "condition", V::string, path, w).get<std::string>();
        c.accuracy = numberOrNaN(cells[i], "accuracy", path, w);
        c.delta = numberOrNaN(cells[i], "diff_vs_baseline", path, w);
        c.lo = numberOrNaN(cells[i], "ci_low", path, w);
        c.hi = numberOrNaN(cells[i], "ci_high", path, w);
        if (std::find(out.layers.begin(), out.layers.end(), c.layer) == out.layers.end())
            out.layers.push_back(c.layer);
        if (std::find(out.conditions.begin(), out.conditions.end(), c.condition) == out.conditions.end())
            out.conditions.push_back(c.condition);
        read.push_back(std::move(c));
    }
    const std::size_t nc = out.conditions.size(), n = out.layers.size() * nc;
    out.accuracy.assign(n, kNaN);
    out.delta.assign(n, kNaN);
    out.ciLow.assign(n, kNaN);
    out.ciHigh.assign(n, kNaN);
    std::vector<char> seen(n, 0);
    for (const auto& c : read) {
        const auto l = static_cast<std::size_t>(
            std::find(out.layers.begin(), out.layers.end(), c.layer) - out.layers.begin());
        const auto k = static_cast<std::size_t>(
            std::find(out.conditions.begin(), out.conditions.end(), c.condition) - out.conditions.begin());
        const std::size_t i = l * nc + k;
        if (seen[i])
            throw FormatError(fmt::format("{}: cells holds layer {} condition {} twice", path, c.layer, c.condition));
        seen[i] = 1;
        out.accuracy[i] = c.accuracy;
        out.delta[i] = c.delta;
        out.ciLow[i] = c.lo;
        out.ciHigh[i] = c.hi;
    }
    for (std::size_t i = 0; i < n; ++i)
        if (!seen[i])
            throw FormatError(fmt::format("{}: cells has no entry for layer {} condition {} (expected one per "
                                          "layer and condition)",
                                          path, out.layers[i / nc], out.conditions[i % nc]));
    return out;
}

NeuronSelection loadAblationSet(const std::string& path, int layer, const std::string& condition) {
    using V = nlohmann::json::value_t;
    const auto j = readJson(path);
    expectFormat(j, "format", "srs-ablation", path);
    const auto& sets = field(j, "sets", V::array, path, "");
    const std::int64_t dModel = field(j, "d_model", V::number_float, path, "").get<std::int64_t>();
    std::string hook = "resid_post";
    if (j.contains("settings") && j.at("settings").is_object() && j.at("settings").contains("hook") &&
        j.at("settings").at("hook").is_string())
        hook = j.at("settings").at("hook").get<std::string>();
    for (std::size_t i = 0; i < sets.size(); ++i) {
        const std::string w = fmt::format("sets[{}].", i);
        if (field(sets[i], "layer", V::number_float, path, w).get<int>() != layer ||
            field(sets[i], "condition", V::string, path, w).get<std::string>() != condition)
            continue;
        NeuronSelection s;
        s.layer = layer;
        s.dModel = dModel;
        if (j.contains("settings") && j.at("settings").is_object() && j.at("settings").contains("ratio") &&
            j.at("settings").at("ratio").is_number())
            s.ratio = j.at("settings").at("ratio").get<double>();
        for (const auto& d : field(sets[i], "dims", V::array, path, w)) {
            if (!d.is_number_integer() || d.get<std::int64_t>() < 0 || d.get<std::int64_t>() >= dModel)
                throw FormatError(
                    fmt::format("{}: {}dims holds {}, expected integers in [0, {})", path, w, d.dump(), dModel));
            s.dims.push_back(d.get<std::int64_t>());
        }
        s.source = path;
        s.hook = fmt::format("blocks.{}.hook_{}", layer, hook);
        return s;
    }
    throw InvalidArgument(fmt::format("{}: no set for layer {} condition {}", path, layer, condition));
}

namespace {

std::vector<double> numbersOrNaN(const nlohmann::json& j, const char* key, const std::string& path,
                                 const std::string& where) {
    const auto& a = field(j, key, nlohmann::json::value_t::array, path, where);
    std::vector<double> out;
    out.reserve(a.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (a[i].is_null()) {
            out.push_back(kNaN);
        } else if (a[i].is_number()) {
            out.push_back(a[i].get<double>());
        } else {
            throw FormatError(fmt::format("{}: {}{}[{}] is {}, expected a number or null", path, where, key, i,
                                          a[i].type_name()));
        }
    }
    return out;
}

const nlohmann::json& dopamineTraces(const nlohmann::json& j, const std::string& path) {
    expectFormat(j, "format", "srs-dopamine", path);
    return field(j, "traces", nlohmann::json::value_t::array, path, "");
}

}  // namespace

std::vector<DopamineTraceInfo> listDopamineTraces(const std::string& path) {
    using V = nlohmann::json::value_t;
    const auto j = readJson(path);
    const auto& traces = dopamineTraces(j, path);
    std::vector<DopamineTraceInfo> out;
    for (std::size_t i = 0; i < traces.size(); ++i) {
        const std::string w = fmt::format("traces[{}].", i);
        DopamineTraceInfo t;
        t.index = static_cast<int>(i);
        t.rollout = field(traces[i], "rollout", V::number_float, path, w).get<std::int64_t>();
        t.questionId = field(traces[i], "question_id", V::string, path, w).get<std::string>();
        t.sampleIndex = field(traces[i], "sample_index", V::number_float, path, w).get<int>();
        t.reward = numberOrNaN(traces[i], "reward", path, w);
        if (traces[i].contains("split") && traces[i].at("split").is_string())
            t.split = traces[i].at("split").get<std::string>();
        t.tokens = field(traces[i], "value", V::array, path, w).size();
        out.push_back(std::move(t));
    }
    return out;
}

widgets::DopamineTraceData loadDopamineTrace(const std::string& path, int traceIndex) {
    using V = nlohmann::json::value_t;
    const auto j = readJson(path);
    const auto& traces = dopamineTraces(j, path);
    if (traceIndex < 0 || static_cast<std::size_t>(traceIndex) >= traces.size())
        throw InvalidArgument(fmt::format("{}: no trace {} (the file holds {} traces)", path, traceIndex,
                                          traces.size()));
    const auto& t = traces[static_cast<std::size_t>(traceIndex)];
    const std::string w = fmt::format("traces[{}].", traceIndex);
    widgets::DopamineTraceData out;
    out.value = numbersOrNaN(t, "value", path, w);
    out.delta = numbersOrNaN(t, "delta", path, w);
    const std::size_t n = out.value.size();
    auto checkLength = [&](std::size_t size, const std::string& name) {
        if (size != n)
            throw FormatError(fmt::format("{}: {}{} has {} entries, expected {} (one per row of value)", path, w,
                                          name, size, n));
    };
    checkLength(out.delta.size(), "delta");
    const auto& tokens = field(t, "tokens", V::array, path, w);
    checkLength(tokens.size(), "tokens");
    for (const auto& s : tokens) out.tokens.push_back(s.is_string() ? s.get<std::string>() : std::string());
    const auto& ids = field(t, "token_ids", V::array, path, w);
    checkLength(ids.size(), "token_ids");
    for (const auto& id : ids) {
        if (!id.is_number_integer())
            throw FormatError(fmt::format("{}: {}token_ids holds {}, expected integers", path, w, id.dump()));
        out.tokenIds.push_back(id.get<int>());
    }
    const auto& neurons = field(t, "neurons", V::array, path, w);
    for (std::size_t k = 0; k < neurons.size(); ++k) {
        const std::string wn = fmt::format("{}neurons[{}].", w, k);
        std::string name;
        if (neurons[k].contains("name") && neurons[k].at("name").is_string())
            name = neurons[k].at("name").get<std::string>();
        else
            name = fmt::format("#{}", field(neurons[k], "dim", V::number_float, path, wn).get<std::int64_t>());
        auto act = numbersOrNaN(neurons[k], "activation_z", path, wn);
        checkLength(act.size(), fmt::format("neurons[{}].activation_z", k));
        out.neuronNames.push_back(std::move(name));
        out.activations.push_back(std::move(act));
    }
    return out;
}

widgets::ConfidenceData loadConfidenceResult(const std::string& path) {
    using V = nlohmann::json::value_t;
    const auto j = readJson(path);
    expectFormat(j, "format", "srs-confidence", path);
    const auto& signalsJ = field(j, "signals", V::array, path, "");
    const auto& questions = field(j, "questions", V::array, path, "");
    widgets::ConfidenceData out;
    for (std::size_t si = 0; si < signalsJ.size(); ++si) {
        const auto& sj = signalsJ[si];
        const std::string w = fmt::format("signals[{}].", si);
        widgets::ConfidenceSignal s;
        s.name = field(sj, "name", V::string, path, w).get<std::string>();
        const bool probability = sj.contains("probability") && sj.at("probability").is_boolean() &&
                                 sj.at("probability").get<bool>();
        // Per-question values of this signal, then min-max scaling for a non-probability one.
        std::vector<std::pair<std::size_t, double>> values;
        for (std::size_t q = 0; q < questions.size(); ++q) {
            const double v = numberOrNaN(questions[q], s.name.c_str(), path, fmt::format("questions[{}].", q));
            if (std::isfinite(v)) values.emplace_back(q, v);
        }
        double lo = 0.0, hi = 1.0;
        if (!probability && !values.empty()) {
            lo = hi = values.front().second;
            for (const auto& [q, v] : values) lo = std::min(lo, v), hi = std::max(hi, v);
        }
        for (const auto& [q, v] : values) {
            const std::string wq = fmt::format("questions[{}].", q);
            const auto rewards = numbersOrNaN(questions[q], "rewards", path, wq);
            const double score = probability ? v : (hi > lo ? (v - lo) / (hi - lo) : 0.5);
            for (double r : rewards) {
                s.score.push_back(score);
                s.correct.push_back(r > 0.5 ? 1 : 0);
            }
        }
        if (sj.contains("rollouts") && sj.at("rollouts").is_number_integer() &&
            sj.at("rollouts").get<std::size_t>() != s.score.size())
            throw FormatError(fmt::format("{}: {}rollouts is {} but the questions with a {} value hold {} rollouts",
                                          path, w, sj.at("rollouts").get<std::size_t>(), s.name, s.score.size()));
        const auto& sp = field(sj, "spearman", V::object, path, w);
        s.spearman = numberOrNaN(sp, "rho", path, w + "spearman.");
        s.spearmanP = numberOrNaN(sp, "p_value", path, w + "spearman.");
        const auto& au = field(sj, "auroc", V::object, path, w);
        s.auroc = numberOrNaN(au, "auroc", path, w + "auroc.");
        s.aurocLow = numberOrNaN(au, "ci_low", path, w + "auroc.");
        s.aurocHigh = numberOrNaN(au, "ci_high", path, w + "auroc.");
        s.ece = numberOrNaN(sj, "ece", path, w);
        if (sj.contains("bins") && sj.at("bins").is_array()) {
            const auto& bins = sj.at("bins");
            for (std::size_t b = 0; b < bins.size(); ++b) {
                const std::string wb = fmt::format("{}bins[{}].", w, b);
                widgets::ReliabilityPoint p;
                p.meanPredicted = numberOrNaN(bins[b], "mean_predicted", path, wb);
                p.observedRate = numberOrNaN(bins[b], "observed_rate", path, wb);
                p.count = field(bins[b], "count", V::number_float, path, wb).get<std::int64_t>();
                s.reliability.push_back(p);
            }
        }
        out.entries.push_back(std::move(s));
    }
    return out;
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
    if (is("format", "srs-ablation")) return ResultKind::Ablation;
    if (is("format", "srs-dopamine")) return ResultKind::Dopamine;
    if (is("format", "srs-confidence")) return ResultKind::Confidence;
    return ResultKind::Unknown;
}

}  // namespace srs::app::gui
