// `srs cache info` / `srs cache merge` end to end through the real binary.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <array>
#include <cstdio>
#include <fstream>

#include "base/activation_cache_test_util.h"

using namespace cache_test;

namespace {

struct RunResult {
    int code = -1;
    std::string out;
};

/// Runs `srs ARGS`, capturing stdout (stderr goes to `errFile` if given).
RunResult runSrs(const std::string& args, const std::string& errFile = "/dev/null") {
    RunResult r;
    std::string cmd = std::string(SRS_CLI_PATH) + " " + args + " 2>" + errFile;
    FILE* p = popen(cmd.c_str(), "r");
    if (!p) return r;
    std::array<char, 4096> buf{};
    std::size_t n;
    while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
    int status = pclose(p);
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

std::string slurp(const std::string& path) {
    std::ifstream in(path);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

TEST(CacheCli, InfoReportsCountsAndProvenance) {
    TempDir dir;
    auto s = smallSchema(StoreDtype::BFloat16);
    writeCache(dir.file("c.h5"), s, 0, 9);
    auto r = runSrs("cache info " + dir.file("c.h5") + " --json");
    ASSERT_EQ(r.code, 0) << r.out;
    auto j = nlohmann::json::parse(r.out);
    // Expected values from the generator: reward 1 for i % 3 == 0 -> rollouts 0, 3, 6.
    std::int64_t rows = 0;
    for (int i = 0; i < 9; ++i) rows += 1 + (3 + (i * 7) % 11);
    EXPECT_EQ(j["rollouts"], 9);
    EXPECT_EQ(j["tokens"], rows);
    EXPECT_EQ(j["questions"], 5);
    EXPECT_NEAR(j["accuracy"].get<double>(), 3.0 / 9.0, 1e-12);
    EXPECT_EQ(j["layers"], nlohmann::json({1, 3}));
    EXPECT_EQ(j["hooks"], nlohmann::json({"resid_post", "mlp_out"}));
    EXPECT_EQ(j["d_model"], 24);
    EXPECT_EQ(j["dtype"], "bfloat16");
    EXPECT_EQ(j["task"], "gsm8k");
    EXPECT_EQ(j["size_bytes"].get<std::uint64_t>(), fs::file_size(dir.file("c.h5")));
    EXPECT_EQ(j["provenance"]["model_fingerprint"], "model-abc123");
    EXPECT_EQ(j["provenance"]["settings"]["k"], 4);
    auto human = runSrs("cache info " + dir.file("c.h5"));
    ASSERT_EQ(human.code, 0);
    EXPECT_NE(human.out.find("accuracy   0.3333"), std::string::npos) << human.out;
    EXPECT_NE(human.out.find("bfloat16"), std::string::npos) << human.out;
}

TEST(CacheCli, InfoErrorsAndUsage) {
    TempDir dir;
    {
        std::ofstream(dir.file("notes.h5")) << "not hdf5";
    }
    auto r = runSrs("cache info " + dir.file("notes.h5"), dir.file("err.txt"));
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(slurp(dir.file("err.txt")).find("notes.h5"), std::string::npos);
    auto s = smallSchema();
    {
        ActivationCacheWriter w(dir.file("c.h5"), s);
        appendRange(w, s, 0, 2);
    }
    r = runSrs("cache info " + dir.file("c.h5.partial"), dir.file("err.txt"));
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(slurp(dir.file("err.txt")).find("incomplete"), std::string::npos) << slurp(dir.file("err.txt"));
    EXPECT_EQ(runSrs("cache info").code, 2);
    EXPECT_EQ(runSrs("cache merge " + dir.file("m.h5") + " a.h5 --mode hardlink").code, 2);
}

TEST(CacheCli, MergeVirtualAndCopyThenRefuseOverwrite) {
    TempDir dir;
    auto a = smallSchema(StoreDtype::Float16), b = a;
    a.shardIndex = 0, a.shardCount = 2;
    b.shardIndex = 1, b.shardCount = 2;
    writeCache(dir.file("a.h5"), a, 0, 3);
    writeCache(dir.file("b.h5"), b, 3, 7);
    writeCache(dir.file("single.h5"), smallSchema(StoreDtype::Float16), 0, 7);
    for (std::string mode : {"virtual", "copy"}) {
        std::string out = dir.file(mode + ".h5");
        auto r = runSrs("cache merge " + out + " " + dir.file("a.h5") + " " + dir.file("b.h5") + " --mode " + mode +
                        " --json -q");
        ASSERT_EQ(r.code, 0) << r.out;
        auto j = nlohmann::json::parse(r.out);
        EXPECT_EQ(j["rollouts"], 7);
        EXPECT_EQ(j["merge"]["mode"], mode);
        expectSameCache(dir.file("single.h5"), out);
        // Existing output: refused without --force, replaced with it.
        auto again = runSrs("cache merge " + out + " " + dir.file("a.h5") + " " + dir.file("b.h5") + " --mode " + mode,
                            dir.file("err.txt"));
        EXPECT_EQ(again.code, 1);
        EXPECT_NE(slurp(dir.file("err.txt")).find("--force"), std::string::npos);
        EXPECT_EQ(runSrs("cache merge " + out + " " + dir.file("a.h5") + " --force -q --mode " + mode).code, 0);
    }
    auto c = a;
    c.dModel = 8;
    c.shardIndex = 1;
    writeCache(dir.file("c.h5"), c, 3, 5);
    auto r = runSrs("cache merge " + dir.file("bad.h5") + " " + dir.file("a.h5") + " " + dir.file("c.h5"),
                    dir.file("err.txt"));
    EXPECT_EQ(r.code, 1);
    std::string err = slurp(dir.file("err.txt"));
    EXPECT_NE(err.find("c.h5"), std::string::npos) << err;
    EXPECT_NE(err.find("d_model"), std::string::npos) << err;
    EXPECT_FALSE(fs::exists(dir.file("bad.h5")));
}
