// Confidently-wrong selection (order, filters) and record lookup against cache metadata.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/analysis/confident_wrong.h"
#include "core/cache/activation_cache_reader.h"
#include "core/error.h"
#include "test_util.h"

using namespace srs::core;

namespace {
const std::vector<std::int64_t> kIdx{3, 5, 8, 10, 12};
const std::vector<float> kV{0.7f, 0.9f, 0.2f, 0.9f, 0.6f};
const std::vector<float> kR{0, 0, 1, 0, 0};

std::vector<std::int64_t> indices(const std::vector<MinedRollout>& m) {
    std::vector<std::int64_t> out;
    for (const auto& x : m) out.push_back(x.rolloutIndex);
    return out;
}

// 14 rollouts: question "q{i/2}", sample i%2.
CacheMetadata meta14() {
    CacheMetadata m;
    m.numRollouts = 14;
    for (int i = 0; i < 14; ++i) {
        m.questionIds.push_back("q" + std::to_string(i / 2));
        m.sampleIndex.push_back(i % 2);
    }
    return m;
}

std::string rolloutsText(int swapA = -1, int swapB = -1, int count = 14) {
    std::vector<std::string> lines;
    for (int i = 0; i < count; ++i) {
        std::string l = "{\"question_id\":\"q" + std::to_string(i / 2) + "\"";
        if (i != 7) l += ",\"sample_index\":" + std::to_string(i % 2);  // line 8 numbered implicitly
        l += ",\"response\":\"r" + std::to_string(i) + "\",\"reward\":0}";
        lines.push_back(l);
    }
    if (swapA >= 0) std::swap(lines[swapA], lines[swapB]);
    std::string text;
    for (int i = 0; i < count; ++i) text += lines[i] + (i == 4 ? "\n\n" : "\n");  // one blank line
    return text;
}
}  // namespace

TEST(AnalysisMine, SelectsWrongOnlySortedByVDescending) {
    EXPECT_EQ(indices(selectConfidentWrong(kIdx, kV, kR, {})), (std::vector<std::int64_t>{5, 10, 3, 12}));
    MineOptions top2;
    top2.top = 2;
    EXPECT_EQ(indices(selectConfidentWrong(kIdx, kV, kR, top2)), (std::vector<std::int64_t>{5, 10}));
    MineOptions minV;
    minV.minV = 0.65;
    EXPECT_EQ(indices(selectConfidentWrong(kIdx, kV, kR, minV)), (std::vector<std::int64_t>{5, 10, 3}));
    MineOptions both;
    both.top = 1;
    both.minV = 0.65;
    const auto m = selectConfidentWrong(kIdx, kV, kR, both);
    ASSERT_EQ(m.size(), 1u);
    EXPECT_EQ(m[0].rolloutIndex, 5);
    EXPECT_FLOAT_EQ(m[0].vS0, 0.9f);
    EXPECT_THROW(selectConfidentWrong(kIdx, {0.1f}, kR, {}), srs::InvalidArgument);
}

TEST(AnalysisMine, LoadsOriginalRecordsWithVInMinedOrder) {
    srs::test::TempDir dir;
    const auto path = (dir / "r.jsonl").string();
    srs::test::writeFile(path, rolloutsText());
    const auto mined = selectConfidentWrong(kIdx, kV, kR, {});
    const auto recs = loadMinedRecords(mined, meta14(), path);
    ASSERT_EQ(recs.size(), 4u);
    const char* responses[] = {"r5", "r10", "r3", "r12"};
    const float vs[] = {0.9f, 0.9f, 0.7f, 0.6f};
    for (std::size_t i = 0; i < 4; ++i) {
        EXPECT_EQ(recs[i]["response"], responses[i]);
        EXPECT_FLOAT_EQ(recs[i]["v_s0"].get<float>(), vs[i]);
    }
}

TEST(AnalysisMine, MismatchedRolloutsFileNamesFileAndLine) {
    srs::test::TempDir dir;
    const auto path = (dir / "r.jsonl").string();
    srs::test::writeFile(path, rolloutsText(1, 2));  // line 2 now holds q1/0, cache rollout 1 is q0/1
    const auto mined = selectConfidentWrong(kIdx, kV, kR, {});
    try {
        loadMinedRecords(mined, meta14(), path);
        FAIL() << "expected FormatError";
    } catch (const srs::FormatError& e) {
        const std::string msg = e.what();
        EXPECT_NE(msg.find(path + ":2:"), std::string::npos) << msg;
        EXPECT_NE(msg.find("cache rollout 1"), std::string::npos) << msg;
    }
    srs::test::writeFile(path, rolloutsText(-1, -1, 12));
    EXPECT_THROW(loadMinedRecords(mined, meta14(), path), srs::FormatError);
    auto small = meta14();
    small.numRollouts = 10;
    srs::test::writeFile(path, rolloutsText());
    EXPECT_THROW(loadMinedRecords({{3, 0.5f}}, small, path), srs::FormatError);
}
