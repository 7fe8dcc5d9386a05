// Value-probe benchmark driver pieces (see probe_bench.sh):
//   bench_probe make-cache PATH QUESTIONS LAYERS D_MODEL [min_len max_len seed]
//   bench_probe train CACHE METHOD HIDDEN EPOCHS THREADS OUT.h5 [LR [DTYPE]]  -> one JSON line on stdout
//   bench_probe prune CACHE HIDDEN EPOCHS THREADS LAYERS_SPEC [LR [DTYPE]] -> one JSON line on stdout
// `train` writes the probes file (the Python reference reads its split from it).
#include <nlohmann/json.hpp>

#include <iostream>

#include "bench/bench_util.h"
#include "core/cache/activation_cache_reader.h"
#include "core/probe/probe_file.h"
#include "core/probe/probe_trainer.h"
#include "core/probe/value_probes.h"
#include "tests/core/probe_synthetic_cache.h"

using namespace srs::core;

namespace {

long peakRssKiB() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss;
}

}  // namespace

int main(int argc, char** argv) try {
    if (argc < 3) {
        std::cerr << "usage: bench_probe make-cache|train|prune ... (see the source header)\n";
        return 2;
    }
    const std::string mode = argv[1];
    if (mode == "make-cache" && argc >= 6) {
        probe_test::SyntheticSpec sp;
        sp.questions = std::atoi(argv[3]);
        const int layers = std::atoi(argv[4]);
        sp.layers.clear();
        for (int l = 0; l < layers; ++l) sp.layers.push_back(l);
        sp.dModel = std::atoll(argv[5]);
        sp.minResponse = argc > 6 ? std::atoi(argv[6]) : 8;
        sp.maxResponse = argc > 7 ? std::atoi(argv[7]) : 24;
        sp.seed = argc > 8 ? std::strtoull(argv[8], nullptr, 10) : 1;
        sp.amplitude = 0.5f;  // weaker than the tests (0.8)
        sp.planted = {3, 100, 250, 400, 555, 700, 850};
        for (auto& c : sp.planted) c %= static_cast<int>(sp.dModel);
        probe_test::writeSyntheticCache(argv[2], sp);
        ActivationCacheReader r(argv[2]);
        std::cout << nlohmann::json{{"rollouts", r.metadata().numRollouts}, {"rows", r.metadata().numRows}}.dump()
                  << "\n";
        return 0;
    }
    if ((mode == "train" && argc >= 8) || (mode == "prune" && argc >= 7)) {
        ActivationCacheReader reader(argv[2]);
        ProbeTrainOptions o;
        int a = 3;
        if (mode == "train") o.method = parseProbeMethod(argv[a++]);
        o.hidden = std::atoi(argv[a++]);
        o.epochs = std::atoi(argv[a++]);
        o.threads = std::atoi(argv[a++]);
        o.bootstrap = 200;
        if (argc > a + 1) o.lr = std::atof(argv[a + 1]);
        if (argc > a + 2) o.computeDtype = argv[a + 2];
        setProbeThreads(o.threads);
        const double t0 = srs::bench::nowSeconds();
        nlohmann::json j;
        if (mode == "train") {
            const auto layers = reader.metadata().schema.layers;
            auto res = trainValueProbes(reader, layers, o);
            const double secs = srs::bench::nowSeconds() - t0;
            writeProbeFile(argv[a], res, true);
            std::vector<double> s0, fin;
            for (const auto& p : res.layers) {
                s0.push_back(p.eval.aurocS0.estimate);
                fin.push_back(p.eval.aurocFinal.estimate);
            }
            j = {{"impl", "srs-" + o.computeDtype}, {"seconds", secs}, {"auroc_s0", s0}, {"auroc_final", fin},
                 {"layers", layers.size()}, {"rows", reader.metadata().numRows}};
        } else {
            const auto layers = resolveLayers(argv[a], reader.metadata().schema.layers, argv[2]);
            auto curve = pruneCurve(reader, layers, {0, 0.5, 0.8, 0.9, 0.95, 0.98, 0.99, 0.995}, o);
            std::vector<std::vector<double>> au;
            for (const auto& pts : curve.points) {
                au.emplace_back();
                for (const auto& p : pts) au.back().push_back(p.eval.aurocS0.estimate);
            }
            j = {{"impl", "srs-prune"}, {"seconds", srs::bench::nowSeconds() - t0}, {"auroc_s0", au},
                 {"layers", layers.size()}};
        }
        j["peak_rss_kib"] = peakRssKiB();
        std::cout << j.dump() << "\n";
        return 0;
    }
    std::cerr << "bench_probe: bad arguments\n";
    return 2;
} catch (const std::exception& e) {
    std::cerr << "bench_probe: " << e.what() << "\n";
    return 1;
}
