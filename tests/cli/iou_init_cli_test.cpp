// `srs iou` flags pairs of probe files that share their initialisation (same seed, same
// architecture) and `srs neurons` records the probe's seed: real probes trained by
// `srs probe train` with lightly-trained settings (lr 1e-4, 1 epoch), where the shared
// initial weights are what makes two sets overlap. The expected flags follow from the seeds
// and methods given on the command line, not from the code under test.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <array>
#include <initializer_list>
#include <cstdio>
#include <fstream>

#include "tests/core/probe_synthetic_cache.h"

using namespace probe_test;

namespace {

struct Run {
    int code = -1;
    std::string out, err;
};

Run runSrs(const std::string& args, const TempDir& dir) {
    Run r;
    const std::string errFile = dir.file("stderr.txt");
    FILE* p = popen(("OMP_NUM_THREADS=1 " + std::string(SRS_CLI_PATH) + " " + args + " 2>" + errFile).c_str(), "r");
    if (!p) return r;
    std::array<char, 4096> buf{};
    std::size_t n;
    while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
    const int status = pclose(p);
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::ifstream in(errFile);
    r.err.assign(std::istreambuf_iterator<char>(in), {});
    return r;
}

std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto pos = text.find(what); pos != std::string::npos; pos = text.find(what, pos + 1)) ++n;
    return n;
}

}  // namespace

TEST(IouInitCli, SameSeedPairFlaggedDifferentSeedNot) {
    TempDir dir;
    SyntheticSpec a;
    a.layers = {0};
    a.questions = 20;
    writeSyntheticCache(dir.file("a.h5"), a);
    SyntheticSpec b = a;
    b.seed = 2;
    b.planted = {3, 60, 120, 180, 240};  // another "task": other informative dims
    writeSyntheticCache(dir.file("b.h5"), b);
    // [0] td seed 5 on a, [1] mc seed 5 on b (same MLP, same seed: same initial weights),
    // [2] td seed 6 on a (same cache and method as [0], other seed).
    struct Train {
        const char* cache;
        const char* method;
        int seed;
        const char* out;
    };
    for (const Train& t : {Train{"a.h5", "td", 5, "td5.h5"}, Train{"b.h5", "mc", 5, "mc5.h5"}, Train{"a.h5", "td", 6, "td6.h5"}}) {
        const auto r = runSrs("probe train " + dir.file(t.cache) + " --method " + t.method + " --seed " +
                                  std::to_string(t.seed) + " --out " + dir.file(t.out) +
                                  " --layers 0 --hidden 16 --lr 1e-4 --epochs 1 --bootstrap 20 -q",
                              dir);
        ASSERT_EQ(r.code, 0) << t.out << "\n" << r.err;
    }
    const std::string files = dir.file("td5.h5") + " " + dir.file("mc5.h5") + " " + dir.file("td6.h5");
    auto r = runSrs("iou " + files + " --layer 0 --ratios 0.9 --json", dir);
    ASSERT_EQ(r.code, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["probe_seeds"], nlohmann::json::array({5, 5, 6}));
    const auto& pairs = j["ratios"][0]["pairs"];
    ASSERT_EQ(pairs.size(), 3u);  // (0,1), (0,2), (1,2)
    EXPECT_EQ(pairs[0]["shared_init"], true);
    EXPECT_EQ(pairs[1]["shared_init"], false);
    EXPECT_EQ(pairs[2]["shared_init"], false);
    ASSERT_EQ(j["warnings"].size(), 1u);
    const std::string w = j["warnings"][0];
    EXPECT_NE(w.find("td5.h5"), std::string::npos) << w;
    EXPECT_NE(w.find("mc5.h5"), std::string::npos) << w;
    EXPECT_NE(w.find("seed 5"), std::string::npos) << w;
    EXPECT_NE(w.find("inflated by the shared initial weights"), std::string::npos) << w;
    EXPECT_EQ(count(r.err, "srs: warning:"), 1u) << r.err;
    EXPECT_NE(r.err.find("train with different --seed to compare"), std::string::npos) << r.err;
    // Why the flag matters: two lightly trained probes of one seed on different caches and
    // targets overlap far more than two probes of one cache and target with different seeds
    // (26 of 256 dims kept; chance IoU about 0.054).
    const double shared = pairs[0]["iou"], sameTaskOtherSeed = pairs[1]["iou"];
    EXPECT_GT(shared, 0.6) << r.out;
    EXPECT_LT(sameTaskOtherSeed, 0.4) << r.out;

    // Text output: the warning and the flagged pair's line.
    r = runSrs("iou " + files + " --layer 0 --ratios 0.9", dir);
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(count(r.out, "(shared init: inflated)"), 1u) << r.out;
    EXPECT_NE(r.out.find("[0] vs [1]:"), std::string::npos) << r.out;
    EXPECT_LT(r.out.find("[0] vs [1]:"), r.out.find("(shared init: inflated)")) << r.out;
    EXPECT_GT(r.out.find("[0] vs [2]:"), r.out.find("(shared init: inflated)")) << r.out;
    EXPECT_EQ(count(r.out, "warning: "), 1u) << r.out;

    // Different seeds only: no flag, no warning.
    r = runSrs("iou " + dir.file("mc5.h5") + " " + dir.file("td6.h5") + " --layer 0 --ratios 0.9 --json", dir);
    ASSERT_EQ(r.code, 0) << r.err;
    const auto k = nlohmann::json::parse(r.out);
    EXPECT_EQ(k["ratios"][0]["pairs"][0]["shared_init"], false);
    EXPECT_TRUE(k["warnings"].empty());
    EXPECT_EQ(r.err.find("warning"), std::string::npos) << r.err;

    // srs neurons records what identifies the initialisation.
    r = runSrs("neurons " + dir.file("mc5.h5") + " --layer 0 --ratio 0.9", dir);
    ASSERT_EQ(r.code, 0) << r.err;
    const auto n = nlohmann::json::parse(r.out);
    EXPECT_EQ(n["probe_seed"], 5);
    EXPECT_EQ(n["probe_method"], "mc");
    EXPECT_EQ(n["probe_hidden"], 16);
    EXPECT_EQ(n["count"], 26);  // round(0.1 * 256)
}
