// Small-M linear kernels (core/model/linear_small.*): results against an f64 reference computed
// from the same bf16/f32 values, tolerance from the f32-accumulation error bound plus one
// final rounding; fusion of several weights in one parallel region; fallbacks.
#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>
#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <thread>
#include <vector>

#include "core/error.h"
#include "core/model/linear_pool.h"
#include "core/model/linear_small.h"

namespace srs::core {
namespace {

/// Checks y (x's dtype) against sum_k x*w + b in f64 from the very values the kernel saw.
/// Bound per element: K * 2^-23 * sum_k |x_k w_k| (f32 accumulation, generous) plus half an
/// ulp of the output dtype (one rounding at the end).
void expectMatchesF64(const at::Tensor& y, const at::Tensor& x, const at::Tensor& w,
                      const at::Tensor& b) {
    const auto K = x.size(-1);
    auto xd = x.reshape({-1, K}).to(at::kDouble);
    auto wd = w.to(at::kDouble);
    auto ref = at::matmul(xd, wd.t());
    if (b.defined()) ref = ref + b.to(at::kDouble);
    auto absSum = at::matmul(xd.abs(), wd.abs().t());
    const double outUlp = y.scalar_type() == at::kBFloat16 ? std::ldexp(1.0, -8) : std::ldexp(1.0, -23);
    auto bound = absSum * (static_cast<double>(K) * std::ldexp(1.0, -23)) + ref.abs() * outUlp + 1e-30;
    auto got = y.reshape({-1, w.size(0)}).to(at::kDouble);
    auto excess = ((got - ref).abs() - bound).max().item<double>();
    EXPECT_LE(excess, 0.0) << "max |err| " << (got - ref).abs().max().item<double>();
}

at::Tensor randn(std::vector<std::int64_t> shape, at::ScalarType dtype, std::uint64_t seed) {
    auto gen = at::detail::createCPUGenerator(seed);
    return at::randn(shape, gen, at::TensorOptions().dtype(at::kFloat)).to(dtype);
}

class SmallLinear : public ::testing::TestWithParam<at::ScalarType> {
protected:
    void SetUp() override {
        if (!smallLinearSupported(GetParam()))
            GTEST_SKIP() << "CPU lacks the ISA for this kernel (at::linear is used instead)";
    }
};

TEST_P(SmallLinear, MatchesF64ReferenceForEveryRowCountAndTail) {
    const auto dtype = GetParam();
    // K: multiple of the vector width, with a tail, shorter than one vector; N: groups of 4
    // output rows plus a remainder.
    for (std::int64_t K : {896, 77, 13}) {
        for (std::int64_t N : {1, 7, 130}) {
            auto w = randn({N, K}, dtype, 10 + K + N);
            auto b = randn({N}, dtype, 20 + K + N);
            for (std::int64_t M = 1; M <= kSmallLinearMaxRows; ++M) {
                auto x = randn({M, K}, dtype, 30 + M);
                SCOPED_TRACE(testing::Message() << "K " << K << " N " << N << " M " << M);
                auto y = smallLinear(x, {{w, b}})[0];
                ASSERT_EQ(y.sizes(), (at::IntArrayRef{M, N}));
                ASSERT_EQ(y.scalar_type(), dtype);
                expectMatchesF64(y, x, w, b);
                auto yNoBias = smallLinear(x, {{w, {}}})[0];
                expectMatchesF64(yNoBias, x, w, {});
            }
        }
    }
}

TEST_P(SmallLinear, FusedStageEqualsSeparateCallsBitwiseAndKeepsLeadingShape) {
    const auto dtype = GetParam();
    const std::int64_t K = 896;
    // 1,408 rows in all: split over threads across segment boundaries.
    auto wq = randn({896, K}, dtype, 1), wk = randn({128, K}, dtype, 2), wv = randn({384, K}, dtype, 3);
    auto bq = randn({896}, dtype, 4), bv = randn({384}, dtype, 5);
    auto x = randn({2, 3, K}, dtype, 6);  // [B,T,K], 6 rows
    auto outs = smallLinear(x, {{wq, bq}, {wk, {}}, {wv, bv}});
    ASSERT_EQ(outs.size(), 3u);
    EXPECT_EQ(outs[0].sizes(), (at::IntArrayRef{2, 3, 896}));
    EXPECT_EQ(outs[1].sizes(), (at::IntArrayRef{2, 3, 128}));
    EXPECT_EQ(outs[2].sizes(), (at::IntArrayRef{2, 3, 384}));
    EXPECT_TRUE(at::equal(outs[0], smallLinear(x, {{wq, bq}})[0]));
    EXPECT_TRUE(at::equal(outs[1], smallLinear(x, {{wk, {}}})[0]));
    EXPECT_TRUE(at::equal(outs[2], smallLinear(x, {{wv, bv}})[0]));
    expectMatchesF64(outs[0], x, wq, bq);
    expectMatchesF64(outs[1], x, wk, {});
    expectMatchesF64(outs[2], x, wv, bv);
}

TEST_P(SmallLinear, EachRowIsIndependentOfTheOtherRows) {
    // Batched decode must give every row what it gets alone (generation relies on it).
    const auto dtype = GetParam();
    auto w = randn({300, 4864}, dtype, 7);
    auto x = randn({7, 4864}, dtype, 8);
    auto all = smallLinear(x, {{w, {}}})[0];
    for (std::int64_t m = 0; m < 7; ++m)
        EXPECT_TRUE(at::equal(all[m], smallLinear(x.narrow(0, m, 1), {{w, {}}})[0][0])) << "row " << m;
}

TEST_P(SmallLinear, AgreesWithAtLinearAndNonContiguousInputIsAccepted) {
    const auto dtype = GetParam();
    auto w = randn({257, 896}, dtype, 9);
    auto b = randn({257}, dtype, 10);
    auto big = randn({1, 5, 896}, dtype, 11);
    auto x = big.narrow(1, 4, 1);  // [1,1,896] view, last position (as for the LM head)
    auto ours = linearAuto(x, w, b);
    auto ref = at::linear(x, w, b);
    ASSERT_EQ(ours.sizes(), ref.sizes());
    // Both accumulate in f32 and round once; they may differ by one ulp of the output.
    const double ulp = dtype == at::kBFloat16 ? std::ldexp(1.0, -7) : 1e-5;
    auto diff = (ours.to(at::kDouble) - ref.to(at::kDouble)).abs();
    auto allowed = ref.to(at::kDouble).abs() * ulp + 1e-3;
    EXPECT_TRUE((diff <= allowed).all().item<bool>()) << diff.max().item<double>();
}

TEST_P(SmallLinear, RejectsWhatItCannotTakeAndLinearAutoFallsBack) {
    const auto dtype = GetParam();
    auto w = randn({16, 32}, dtype, 12);
    auto x9 = randn({kSmallLinearMaxRows + 1, 32}, dtype, 13);
    EXPECT_FALSE(smallLinearApplicable(x9, w));
    EXPECT_THROW(smallLinear(x9, {{w, {}}}), InvalidArgument);
    // Fallback to at::linear: same values as at::linear itself.
    EXPECT_TRUE(at::equal(linearAuto(x9, w), at::linear(x9, w)));
    auto other = dtype == at::kFloat ? at::kBFloat16 : at::kFloat;
    EXPECT_FALSE(smallLinearApplicable(x9.narrow(0, 0, 1).to(other), w));  // dtype mismatch
    EXPECT_FALSE(smallLinearApplicable(x9.narrow(0, 0, 1), w.t()));        // not [N,K] contiguous
    auto badBias = randn({15}, dtype, 14);
    EXPECT_THROW(smallLinear(x9.narrow(0, 0, 1), {{w, badBias}}), InvalidArgument);
}

INSTANTIATE_TEST_SUITE_P(Dtypes, SmallLinear, ::testing::Values(at::kBFloat16, at::kFloat),
                         [](const auto& info) {
                             return std::string(info.param == at::kBFloat16 ? "bf16" : "f32");
                         });

TEST(SmallLinearSupport, OnlyBf16AndF32AreEverSupported) {
    EXPECT_FALSE(smallLinearSupported(at::kHalf));
    EXPECT_FALSE(smallLinearSupported(at::kDouble));
    auto x = at::ones({1, 8}, at::kDouble), w = at::ones({4, 8}, at::kDouble);
    EXPECT_FALSE(smallLinearApplicable(x, w));
    EXPECT_TRUE(at::equal(linearAuto(x, w), at::full({1, 4}, 8.0, at::kDouble)));
}

}  // namespace
}  // namespace srs::core

namespace srs::core {
namespace {

TEST(BlockPool, EveryBlockRunsExactlyOnceAcrossJobsAndConcurrentCallers) {
    // Many short jobs back to back (stale helpers must never touch a later job), from two
    // caller threads at once (the second finds the pool busy and runs alone).
    auto hammer = [](int seed, bool* ok) {
        for (int job = 0; job < 300; ++job) {
            const std::int64_t blocks = 1 + (job * 37 + seed) % 97;
            std::vector<std::atomic<int>> hits(static_cast<std::size_t>(blocks));
            for (auto& h : hits) h.store(0);
            runBlocks(blocks, 3, [&](std::int64_t b) { hits[static_cast<std::size_t>(b)].fetch_add(1); });
            for (auto& h : hits)
                if (h.load() != 1) *ok = false;
        }
    };
    bool ok1 = true, ok2 = true;
    std::thread other(hammer, 5, &ok2);
    hammer(1, &ok1);
    other.join();
    EXPECT_TRUE(ok1);
    EXPECT_TRUE(ok2);
}

}  // namespace
}  // namespace srs::core

namespace srs::core {
namespace {

TEST(SmallLinearFloatOutput, HoldsExactlyTheRoundedValuesInF32) {
    for (auto dtype : {at::kBFloat16, at::kFloat}) {
        if (!smallLinearSupported(dtype)) continue;
        auto gen = at::detail::createCPUGenerator(21);
        auto w = at::randn({1000, 96}, gen).to(dtype);
        auto x = at::randn({2, 1, 96}, gen).to(dtype);
        auto asFloat = linearAuto(x, w, {}, /*floatOutput=*/true);
        EXPECT_EQ(asFloat.scalar_type(), at::kFloat);
        EXPECT_EQ(asFloat.sizes(), (at::IntArrayRef{2, 1, 1000}));
        EXPECT_TRUE(at::equal(asFloat, linearAuto(x, w).to(at::kFloat)));
    }
}

}  // namespace
}  // namespace srs::core
