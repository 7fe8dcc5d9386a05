#include "core/analysis/iou_matrix.h"

#include <fmt/format.h>

#include "core/error.h"
#include "core/probe/value_probes.h"
#include "core/stats/iou.h"

namespace srs::core {

std::vector<std::vector<double>> IouMatrix::matrix(std::size_t r) const {
    std::vector<std::vector<double>> m(files.size(), std::vector<double>(files.size(), 1.0));
    for (const auto& p : pairs.at(r)) m[p.i][p.j] = m[p.j][p.i] = p.iou;
    return m;
}

bool sharesProbeInitialisation(const ProbeTrainOptions& a, const ProbeTrainOptions& b) {
    const bool linearA = a.method == ProbeMethod::Linear, linearB = b.method == ProbeMethod::Linear;
    if (a.seed != b.seed || linearA != linearB) return false;
    return linearA || a.hidden == b.hidden;
}

void addProbeInitJson(nlohmann::json& neuronSet, const ProbeTrainOptions& options) {
    neuronSet["probe_seed"] = options.seed;
    neuronSet["probe_method"] = probeMethodName(options.method);
    neuronSet["probe_hidden"] = options.method == ProbeMethod::Linear ? 0 : options.hidden;
}

IouMatrix computeIouMatrixFromSets(const std::vector<std::string>& files, std::int64_t dModel, int layer,
                                   const std::vector<double>& ratios,
                                   const std::vector<std::vector<std::vector<std::int64_t>>>& sets) {
    if (files.size() < 2)
        throw InvalidArgument(fmt::format("IoU needs at least 2 probe files, got {}", files.size()));
    if (sets.size() != ratios.size())
        throw InvalidArgument(fmt::format("IoU: {} set lists for {} ratios", sets.size(), ratios.size()));
    if (dModel <= 0) throw InvalidArgument(fmt::format("IoU: d_model {} must be > 0", dModel));
    IouMatrix m;
    m.layer = layer;
    m.dModel = dModel;
    m.files = files;
    m.ratios = ratios;
    const auto d = static_cast<std::size_t>(dModel);
    for (std::size_t r = 0; r < ratios.size(); ++r) {
        if (sets[r].size() != files.size())
            throw InvalidArgument(fmt::format("IoU: ratio {}: {} sets for {} files", ratios[r], sets[r].size(), files.size()));
        std::vector<std::vector<std::size_t>> cols(files.size());
        for (std::size_t f = 0; f < files.size(); ++f) {
            std::vector<bool> seen(d, false);
            for (auto c : sets[r][f]) {
                if (c < 0 || c >= dModel)
                    throw InvalidArgument(fmt::format("{}: ratio {}: neuron {} outside [0, {})", files[f], ratios[r], c, dModel));
                if (seen[static_cast<std::size_t>(c)])
                    throw InvalidArgument(fmt::format("{}: ratio {}: neuron {} repeated", files[f], ratios[r], c));
                seen[static_cast<std::size_t>(c)] = true;
                cols[f].push_back(static_cast<std::size_t>(c));
            }
        }
        std::vector<IouPair> pairs;
        for (std::size_t i = 0; i < files.size(); ++i)
            for (std::size_t j = i + 1; j < files.size(); ++j) {
                IouPair p;
                p.i = i;
                p.j = j;
                p.sizeA = cols[i].size();
                p.sizeB = cols[j].size();
                if (p.sizeA == 0 && p.sizeB == 0)
                    throw InvalidArgument(fmt::format("IoU: ratio {}: both sets of {} and {} are empty", ratios[r],
                                                      files[i], files[j]));
                const auto t = iouChanceTest(cols[i], cols[j], d);
                p.intersection = t.intersection;
                p.iou = t.observedIou;
                p.expectedIou = t.expectedIou;
                p.pValue = t.pValue;
                pairs.push_back(p);
            }
        m.pairs.push_back(std::move(pairs));
    }
    return m;
}

IouMatrix computeIouMatrix(const std::vector<std::string>& files, const std::vector<ProbeTrainResult>& probes,
                           int layer, const std::vector<double>& ratios) {
    if (files.size() != probes.size())
        throw InvalidArgument(fmt::format("IoU: {} file names for {} probe results", files.size(), probes.size()));
    if (files.size() < 2)
        throw InvalidArgument(fmt::format("IoU needs at least 2 probe files, got {}", files.size()));
    if (ratios.empty()) throw InvalidArgument("IoU: no ratios given");
    for (double p : ratios)
        if (!(p >= 0.0 && p < 1.0)) throw InvalidArgument(fmt::format("ratio {} must be in [0, 1)", p));
    for (std::size_t f = 1; f < files.size(); ++f)
        if (probes[f].dModel != probes[0].dModel)
            throw Error(fmt::format(
                "{} has d_model {} but {} has d_model {}: value-neuron sets are comparable only within one base "
                "model (same d_model)",
                files[f], probes[f].dModel, files[0], probes[0].dModel));
    std::vector<const LayerProbe*> chosen;
    for (std::size_t f = 0; f < files.size(); ++f) {
        const LayerProbe* probe = nullptr;
        std::string have;
        for (const auto& p : probes[f].layers) {
            if (p.layer == layer) probe = &p;
            have += (have.empty() ? "" : ", ") + std::to_string(p.layer);
        }
        if (!probe)
            throw InvalidArgument(fmt::format("{}: no probe for layer {} (layers: {})", files[f], layer, have));
        if (probe->weights.inputDims() != probes[f].dModel)
            throw UnsupportedError(fmt::format("{}: layer {} probe reads {} of {} dims (expected a full-state probe)",
                                              files[f], layer, probe->weights.inputDims(), probes[f].dModel));
        chosen.push_back(probe);
    }
    std::vector<std::vector<std::vector<std::int64_t>>> sets(ratios.size());
    for (std::size_t r = 0; r < ratios.size(); ++r)
        for (std::size_t f = 0; f < files.size(); ++f)
            sets[r].push_back(valueNeuronSet(*chosen[f], probes[f].dModel, ratios[r]).dims);
    IouMatrix m = computeIouMatrixFromSets(files, probes[0].dModel, layer, ratios, sets);
    for (const auto& p : probes) {
        m.fingerprints.push_back(p.modelFingerprint);
        m.seeds.push_back(p.options.seed);
    }
    for (std::size_t i = 0; i < files.size(); ++i)
        for (std::size_t j = i + 1; j < files.size(); ++j) {
            if (!sharesProbeInitialisation(probes[i].options, probes[j].options)) continue;
            for (auto& pairsOfRatio : m.pairs)
                for (auto& p : pairsOfRatio)
                    if (p.i == i && p.j == j) p.sharedInit = true;
            const auto& o = probes[i].options;
            m.warnings.push_back(fmt::format(
                "{} and {} share their initialisation (seed {}, {}): {}", files[i], files[j], o.seed,
                o.method == ProbeMethod::Linear ? std::string("linear") : fmt::format("MLP hidden {}", o.hidden),
                kSharedInitWarning));
        }
    for (std::size_t f = 1; f < files.size(); ++f)
        if (probes[f].modelFingerprint != probes[0].modelFingerprint)
            m.notes.push_back(fmt::format("{} (model {}) and {} (model {}) come from different model fingerprints: "
                                          "cross-model comparison (same d_model {})",
                                          files[0], probes[0].modelFingerprint, files[f], probes[f].modelFingerprint,
                                          probes[0].dModel));
    return m;
}

nlohmann::json iouMatrixJson(const IouMatrix& m) {
    nlohmann::json j;
    j["kind"] = "srs-iou";
    j["layer"] = m.layer;
    j["d_model"] = m.dModel;
    j["files"] = m.files;
    j["model_fingerprints"] = m.fingerprints;
    j["notes"] = m.notes;
    j["probe_seeds"] = m.seeds;
    j["warnings"] = m.warnings;
    auto& rs = j["ratios"] = nlohmann::json::array();
    for (std::size_t r = 0; r < m.ratios.size(); ++r) {
        nlohmann::json e;
        e["ratio"] = m.ratios[r];
        e["iou_matrix"] = m.matrix(r);
        auto& ps = e["pairs"] = nlohmann::json::array();
        for (const auto& p : m.pairs[r])
            ps.push_back({{"a", p.i}, {"b", p.j}, {"size_a", p.sizeA}, {"size_b", p.sizeB},
                          {"intersection", p.intersection}, {"iou", p.iou}, {"expected_iou", p.expectedIou},
                          {"p_value", p.pValue}, {"shared_init", p.sharedInit}});
        rs.push_back(std::move(e));
    }
    return j;
}

std::string iouMatrixCsv(const IouMatrix& m) {
    std::string csv = "ratio,file_a,file_b,size_a,size_b,intersection,iou,expected_iou,p_value\n";
    auto quote = [](const std::string& s) {
        std::string q = "\"";
        for (char c : s) q += (c == '"') ? std::string("\"\"") : std::string(1, c);
        return q + "\"";
    };
    for (std::size_t r = 0; r < m.ratios.size(); ++r)
        for (const auto& p : m.pairs[r])
            csv += fmt::format("{},{},{},{},{},{},{},{},{}\n", m.ratios[r], quote(m.files[p.i]), quote(m.files[p.j]),
                               p.sizeA, p.sizeB, p.intersection, p.iou, p.expectedIou, p.pValue);
    return csv;
}

}  // namespace srs::core
