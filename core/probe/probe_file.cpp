#include "core/probe/probe_file.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <limits>
#include <nlohmann/json.hpp>

#include "core/cache/hdf5_support.h"
#include "core/error.h"
#include "core/version.h"

namespace srs::core {

namespace fs = std::filesystem;
using h5::check;
using h5::Handle;

namespace {

std::string layerGroup(int layer) { return fmt::format("/layers/layer_{:02d}", layer); }

template <typename T>
void writeDataset(hid_t loc, const std::string& name, hid_t memType, const std::vector<T>& data,
                  std::vector<hsize_t> shape, const std::string& file) {
    Handle space = check(H5Screate_simple(static_cast<int>(shape.size()), shape.data(), nullptr), file, "dataspace");
    Handle ds = check(H5Dcreate2(loc, name.c_str(), memType, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), file,
                      "cannot create dataset '" + name + "'");
    if (!data.empty()) check(H5Dwrite(ds, memType, H5S_ALL, H5S_ALL, H5P_DEFAULT, data.data()), file, "cannot write '" + name + "'");
}

template <typename T>
std::vector<T> readDataset(hid_t loc, const std::string& name, hid_t memType, const std::vector<hsize_t>& expected,
                           const std::string& file, const std::string& where) {
    if (H5Lexists(loc, name.c_str(), H5P_DEFAULT) <= 0)
        throw FormatError(fmt::format("{}: dataset '{}/{}' is missing", file, where, name));
    Handle ds = check(H5Dopen2(loc, name.c_str(), H5P_DEFAULT), file, "cannot open '" + where + "/" + name + "'");
    auto shape = h5::datasetShape(ds, file, where + "/" + name);
    if (shape != expected) {
        auto str = [](const std::vector<hsize_t>& s) {
            std::string o = "[";
            for (std::size_t i = 0; i < s.size(); ++i) o += (i ? ", " : "") + std::to_string(s[i]);
            return o + "]";
        };
        throw FormatError(fmt::format("{}: dataset '{}/{}' has shape {}, expected {}", file, where, name, str(shape),
                                      str(expected)));
    }
    std::size_t n = 1;
    for (auto s : shape) n *= s;
    std::vector<T> out(n);
    if (n) check(H5Dread(ds, memType, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data()), file, "cannot read '" + name + "'");
    return out;
}

void writeAttrDouble(hid_t loc, const std::string& name, double v, const std::string& file) {
    Handle space = check(H5Screate(H5S_SCALAR), file, "dataspace");
    Handle a = check(H5Acreate2(loc, name.c_str(), H5T_NATIVE_DOUBLE, space, H5P_DEFAULT, H5P_DEFAULT), file,
                     "cannot create attribute '" + name + "'");
    check(H5Awrite(a, H5T_NATIVE_DOUBLE, &v), file, "cannot write attribute '" + name + "'");
}

double readAttrDouble(hid_t loc, const std::string& name, const std::string& file) {
    if (!h5::hasAttr(loc, name)) throw FormatError(fmt::format("{}: attribute '{}' is missing (expected a number)", file, name));
    Handle a = check(H5Aopen(loc, name.c_str(), H5P_DEFAULT), file, "cannot open attribute '" + name + "'");
    double v = 0;
    check(H5Aread(a, H5T_NATIVE_DOUBLE, &v), file, "cannot read attribute '" + name + "'");
    return v;
}

void writeCi(hid_t g, const std::string& prefix, const BootstrapInterval& ci, const std::string& file) {
    writeAttrDouble(g, prefix, ci.estimate, file);
    writeAttrDouble(g, prefix + "_ci_low", ci.lower, file);
    writeAttrDouble(g, prefix + "_ci_high", ci.upper, file);
    writeAttrDouble(g, prefix + "_ci_level", ci.level, file);
    h5::writeAttrInt64(g, prefix + "_resamples", static_cast<std::int64_t>(ci.resamples), file);
    h5::writeAttrString(g, prefix + "_reason", ci.reason, file);
}

BootstrapInterval readCi(hid_t g, const std::string& prefix, const std::string& file) {
    BootstrapInterval ci;
    ci.estimate = readAttrDouble(g, prefix, file);
    ci.lower = readAttrDouble(g, prefix + "_ci_low", file);
    ci.upper = readAttrDouble(g, prefix + "_ci_high", file);
    ci.level = readAttrDouble(g, prefix + "_ci_level", file);
    ci.resamples = static_cast<std::size_t>(h5::readAttrInt64(g, prefix + "_resamples", file));
    ci.reason = h5::readAttrString(g, prefix + "_reason", file);
    ci.defined = std::isfinite(ci.lower) && std::isfinite(ci.upper);
    return ci;
}

nlohmann::json optionsJson(const ProbeTrainOptions& o) {
    return {{"method", probeMethodName(o.method)}, {"hook", o.hook},
            {"hidden", o.hidden},                  {"lr", o.lr},
            {"weight_decay", o.weightDecay},       {"gamma", o.gamma},
            {"batch_trajectories", o.batchTrajectories}, {"epochs", o.epochs},
            {"seed", o.seed},                      {"test_fraction", o.testFraction},
            {"bootstrap", o.bootstrap},            {"compute_dtype", o.computeDtype}};
}

void fsyncPath(const fs::path& p, int flags) {
    int fd = ::open(p.c_str(), flags);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

}  // namespace

void writeProbeFile(const std::string& path, const ProbeTrainResult& r, bool overwrite) {
    h5::silenceErrors();
    if (fs::exists(path) && !overwrite)
        throw Error(fmt::format("{}: file exists (pass --force to replace it)", path));
    const fs::path target(path);
    const fs::path temp = target.string() + fmt::format(".tmp-{}", ::getpid());
    {
        Handle f = check(H5Fcreate(temp.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), path, "cannot create file");
        const std::string& fn = path;
        h5::writeAttrString(f, "format", "srs-probes", fn);
        h5::writeAttrInt64(f, "format_version", kProbeFileVersion, fn);
        h5::writeAttrString(f, "software_version", versionString(), fn);
        h5::writeAttrString(f, "method", probeMethodName(r.options.method), fn);
        h5::writeAttrString(f, "hook", r.options.hook, fn);
        h5::writeAttrString(f, "cache_path", r.cachePath, fn);
        h5::writeAttrString(f, "model_fingerprint", r.modelFingerprint, fn);
        h5::writeAttrInt64(f, "d_model", r.dModel, fn);
        h5::writeAttrString(f, "options_json", optionsJson(r.options).dump(), fn);
        writeAttrDouble(f, "train_seconds", r.trainSeconds, fn);
        std::vector<std::int64_t> layers;
        for (const auto& p : r.layers) layers.push_back(p.layer);
        h5::writeAttrInt64s(f, "layers", layers, fn);

        h5::ensureGroups(f, "/split", fn);
        Handle split = check(H5Gopen2(f, "/split", H5P_DEFAULT), fn, "cannot open /split");
        h5::writeAttrStrings(split, "test_questions", r.split.testQuestions, fn);
        h5::writeAttrInt64(split, "train_questions", static_cast<std::int64_t>(r.split.trainQuestions), fn);
        const auto nTest = static_cast<hsize_t>(r.split.testRollouts.size());
        writeDataset(split, "test_rollouts", H5T_NATIVE_INT64, r.split.testRollouts, {nTest}, fn);
        writeDataset(split, "train_rollouts", H5T_NATIVE_INT64, r.split.trainRollouts,
                     {static_cast<hsize_t>(r.split.trainRollouts.size())}, fn);
        writeDataset(split, "test_rewards", H5T_NATIVE_FLOAT, r.testRewards, {nTest}, fn);

        for (const auto& p : r.layers) {
            const std::string gname = layerGroup(p.layer);
            h5::ensureGroups(f, gname, fn);
            Handle g = check(H5Gopen2(f, gname.c_str(), H5P_DEFAULT), fn, "cannot open " + gname);
            const auto& w = p.weights;
            const auto k = static_cast<hsize_t>(w.inputDims());
            const auto h = static_cast<hsize_t>(w.hidden == 0 ? 1 : w.hidden);
            h5::writeAttrInt64(g, "layer", p.layer, fn);
            h5::writeAttrInt64(g, "hidden", w.hidden, fn);
            writeDataset(g, "dims", H5T_NATIVE_INT64, w.dims, {k}, fn);
            writeDataset(g, "w1", H5T_NATIVE_FLOAT, w.w1, {k, h}, fn);
            writeDataset(g, "b1", H5T_NATIVE_FLOAT, w.b1, {h}, fn);
            if (w.hidden > 0) {
                writeDataset(g, "w2", H5T_NATIVE_FLOAT, w.w2, {h}, fn);
                writeDataset(g, "b2", H5T_NATIVE_FLOAT, w.b2, {1}, fn);
            }
            writeDataset(g, "test_v_s0", H5T_NATIVE_FLOAT, p.testVs0, {nTest}, fn);
            writeDataset(g, "test_v_final", H5T_NATIVE_FLOAT, p.testVFinal, {nTest}, fn);
            writeDataset(g, "train_loss", H5T_NATIVE_FLOAT, p.finalLoss, {static_cast<hsize_t>(p.finalLoss.size())}, fn);
            writeCi(g, "auroc_s0", p.eval.aurocS0, fn);
            writeCi(g, "auroc_final", p.eval.aurocFinal, fn);
        }
        check(H5Fflush(f, H5F_SCOPE_GLOBAL), fn, "cannot flush");
    }
    fsyncPath(temp, O_RDONLY);
    std::error_code ec;
    fs::rename(temp, target, ec);
    if (ec) {
        fs::remove(temp, ec);
        throw Error(fmt::format("{}: cannot rename the temporary file into place", path));
    }
    fsyncPath(target.parent_path().empty() ? fs::path(".") : target.parent_path(), O_RDONLY | O_DIRECTORY);
}

ProbeTrainResult readProbeFile(const std::string& path) {
    h5::silenceErrors();
    if (!fs::exists(path)) throw FormatError(fmt::format("{}: no such file", path));
    Handle f = check(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), path, "not an HDF5 file");
    if (!h5::hasAttr(f, "format") || h5::readAttrString(f, "format", path) != "srs-probes")
        throw FormatError(fmt::format("{}: not an SRS probes file (attribute 'format' != 'srs-probes')", path));
    const auto version = h5::readAttrInt64(f, "format_version", path);
    if (version != kProbeFileVersion)
        throw UnsupportedError(fmt::format("{}: probes format version {} (this build reads {})", path, version,
                                           kProbeFileVersion));
    ProbeTrainResult r;
    r.options.method = parseProbeMethod(h5::readAttrString(f, "method", path));
    r.options.hook = h5::readAttrString(f, "hook", path);
    r.cachePath = h5::readAttrString(f, "cache_path", path);
    r.modelFingerprint = h5::readAttrString(f, "model_fingerprint", path);
    r.dModel = h5::readAttrInt64(f, "d_model", path);
    auto opts = nlohmann::json::parse(h5::readAttrString(f, "options_json", path), nullptr, false);
    if (!opts.is_discarded() && opts.is_object()) {
        r.options.hidden = opts.value("hidden", r.options.hidden);
        r.options.lr = opts.value("lr", r.options.lr);
        r.options.weightDecay = opts.value("weight_decay", r.options.weightDecay);
        r.options.gamma = opts.value("gamma", r.options.gamma);
        r.options.batchTrajectories = opts.value("batch_trajectories", r.options.batchTrajectories);
        r.options.epochs = opts.value("epochs", r.options.epochs);
        r.options.seed = opts.value("seed", r.options.seed);
        r.options.testFraction = opts.value("test_fraction", r.options.testFraction);
        r.options.bootstrap = opts.value("bootstrap", r.options.bootstrap);
        r.options.computeDtype = opts.value("compute_dtype", r.options.computeDtype);
    }
    r.trainSeconds = readAttrDouble(f, "train_seconds", path);
    if (H5Lexists(f, "/split", H5P_DEFAULT) <= 0) throw FormatError(fmt::format("{}: group '/split' is missing", path));
    Handle split = check(H5Gopen2(f, "/split", H5P_DEFAULT), path, "cannot open /split");
    r.split.testQuestions = h5::readAttrStrings(split, "test_questions", path);
    r.split.trainQuestions = static_cast<std::size_t>(h5::readAttrInt64(split, "train_questions", path));
    Handle tr = check(H5Dopen2(split, "test_rollouts", H5P_DEFAULT), path, "cannot open /split/test_rollouts");
    const auto nTest = h5::datasetShape(tr, path, "/split/test_rollouts").at(0);
    r.split.testRollouts = readDataset<std::int64_t>(split, "test_rollouts", H5T_NATIVE_INT64, {nTest}, path, "/split");
    r.testRewards = readDataset<float>(split, "test_rewards", H5T_NATIVE_FLOAT, {nTest}, path, "/split");
    if (H5Lexists(split, "train_rollouts", H5P_DEFAULT) > 0) {
        Handle trn = check(H5Dopen2(split, "train_rollouts", H5P_DEFAULT), path, "cannot open /split/train_rollouts");
        const auto nTrain = h5::datasetShape(trn, path, "/split/train_rollouts").at(0);
        r.split.trainRollouts = readDataset<std::int64_t>(split, "train_rollouts", H5T_NATIVE_INT64, {nTrain}, path, "/split");
    }
    for (auto layer : h5::readAttrInt64s(f, "layers", path)) {
        LayerProbe p;
        p.layer = static_cast<int>(layer);
        const std::string gname = layerGroup(p.layer);
        if (H5Lexists(f, "/layers", H5P_DEFAULT) <= 0 || H5Lexists(f, gname.c_str(), H5P_DEFAULT) <= 0)
            throw FormatError(fmt::format("{}: group '{}' is missing (listed in attribute 'layers')", path, gname));
        Handle g = check(H5Gopen2(f, gname.c_str(), H5P_DEFAULT), path, "cannot open " + gname);
        auto& w = p.weights;
        w.hidden = static_cast<int>(h5::readAttrInt64(g, "hidden", path));
        Handle dimsDs = check(H5Dopen2(g, "dims", H5P_DEFAULT), path, "cannot open " + gname + "/dims");
        const auto k = h5::datasetShape(dimsDs, path, gname + "/dims").at(0);
        const auto h = static_cast<hsize_t>(w.hidden == 0 ? 1 : w.hidden);
        w.dims = readDataset<std::int64_t>(g, "dims", H5T_NATIVE_INT64, {k}, path, gname);
        for (auto c : w.dims)
            if (c < 0 || c >= r.dModel)
                throw FormatError(fmt::format("{}: {}/dims holds {} (expected [0, {}))", path, gname, c, r.dModel));
        w.w1 = readDataset<float>(g, "w1", H5T_NATIVE_FLOAT, {k, h}, path, gname);
        w.b1 = readDataset<float>(g, "b1", H5T_NATIVE_FLOAT, {h}, path, gname);
        if (w.hidden > 0) {
            w.w2 = readDataset<float>(g, "w2", H5T_NATIVE_FLOAT, {h}, path, gname);
            w.b2 = readDataset<float>(g, "b2", H5T_NATIVE_FLOAT, {1}, path, gname);
        }
        p.testVs0 = readDataset<float>(g, "test_v_s0", H5T_NATIVE_FLOAT, {nTest}, path, gname);
        p.testVFinal = readDataset<float>(g, "test_v_final", H5T_NATIVE_FLOAT, {nTest}, path, gname);
        p.eval.aurocS0 = readCi(g, "auroc_s0", path);
        p.eval.aurocFinal = readCi(g, "auroc_final", path);
        r.layers.push_back(std::move(p));
    }
    return r;
}

}  // namespace srs::core
