// Vectorised row kernels of the bf16 decoder layer (core/model/row_kernels.*) against the at::
// ops they replace, written out here as the reference formulas (each at:: op on bf16 computes
// in f32 and rounds once): rotary bitwise; RMSNorm, the attention softmax and SiLU x up within
// one bf16 rounding (2^-7 relative; the products two); masked attention entries exactly 0;
// then a whole bf16 forward of the fixture model with the kernels on vs off.
#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "core/model/decoder_layer.h"
#include "core/model/row_kernels.h"
#include "core/model/transformer.h"
#include "model_test_util.h"

namespace srs::core {
namespace {

at::Tensor randnBf16(std::vector<std::int64_t> shape, std::uint64_t seed, double scale = 1.0) {
    auto gen = at::detail::createCPUGenerator(seed);
    return (at::randn(shape, gen, at::TensorOptions().dtype(at::kFloat)) * scale).to(at::kBFloat16);
}

rowk::bf16* ptr(const at::Tensor& t) { return t.data_ptr<c10::BFloat16>(); }

/// |a - ref| <= rel * |ref| + abs elementwise.
::testing::AssertionResult withinRel(const at::Tensor& a, const at::Tensor& ref, double rel, double abs) {
    if (a.sizes() != ref.sizes()) return ::testing::AssertionFailure() << a.sizes() << " vs " << ref.sizes();
    auto ad = a.to(at::kDouble), rd = ref.to(at::kDouble);
    if (!at::isfinite(ad).all().item<bool>()) return ::testing::AssertionFailure() << "non-finite output";
    auto excess = ((ad - rd).abs() - (rd.abs() * rel + abs)).max().item<double>();
    if (excess <= 0) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << "max |diff| " << (ad - rd).abs().max().item<double>()
                                         << " exceeds the bound by " << excess;
}

const double kUlp = std::ldexp(1.0, -7);

/// Share of elements that differ at all from the reference. Same rounding points and an exp
/// within a few f32 ulp leave almost every bf16 output identical; a wrong rounding point or a
/// coarse exp (still within one bf16 ulp) changes many.
double mismatchShare(const at::Tensor& a, const at::Tensor& ref) {
    return (a != ref).to(at::kDouble).mean().item<double>();
}

/// Switches the kernels for one scope (restores the previous state).
struct RowKernelsSwitch {
    bool before;
    explicit RowKernelsSwitch(bool on) : before(rowk::available()) { rowk::setEnabled(on); }
    ~RowKernelsSwitch() { rowk::setEnabled(before); }
};

class RowKernels : public ::testing::Test {
protected:
    void SetUp() override {
        if (!rowk::available()) GTEST_SKIP() << "CPU without AVX-512 (or SRS_DISABLE_ROW_KERNELS): at:: path only";
    }
};

TEST_F(RowKernels, RmsNormMatchesTheAtFormula) {
    for (std::int64_t n : {896, 77, 64, 5}) {
        auto x = randnBf16({37, n}, 1 + n, 3.0);
        auto w = randnBf16({n}, 2 + n);
        auto xf = x.to(at::kFloat);
        auto ref = (xf * at::rsqrt(xf.pow(2).mean(-1, true) + 1e-6)).to(at::kBFloat16) * w;
        auto out = at::empty_like(x);
        rowk::rmsNorm(ptr(x), ptr(w), 37, n, 1e-6f, ptr(out));
        EXPECT_TRUE(withinRel(out, ref, kUlp, 1e-30)) << "n " << n;
        EXPECT_LT(mismatchShare(out, ref), 0.01) << "n " << n;
        rowk::rmsNorm(ptr(x), ptr(w), 37, n, 1e-6f, ptr(x));  // in place
        EXPECT_TRUE(at::equal(x, out)) << "n " << n;
    }
}

TEST_F(RowKernels, RotaryIsBitwiseTheAtFormula) {
    for (std::int64_t D : {64, 40, 128}) {  // half 32 / 20 (a masked tail) / 64
    const std::int64_t rows = 70, heads = 14;  // several parallel chunks
    auto pos = at::arange(0, rows).to(at::kFloat).view({rows, 1}) * 7;
    auto invFreq = 1.0 / at::pow(at::full({}, 1e6f), at::arange(0, D, 2).to(at::kFloat) / D);
    auto emb = at::cat({pos * invFreq, pos * invFreq}, -1);
    auto cos = emb.cos().to(at::kBFloat16), sin = emb.sin().to(at::kBFloat16);
    auto x = randnBf16({rows, heads, D}, 3);
    auto x1 = x.narrow(-1, 0, D / 2), x2 = x.narrow(-1, D / 2, D / 2);
    auto ref = x * cos.unsqueeze(1) + at::cat({x2.neg(), x1}, -1) * sin.unsqueeze(1);
    auto got = x.clone();
    rowk::rotaryInPlace(ptr(got), ptr(cos), ptr(sin), rows, heads, D);
    EXPECT_TRUE(at::equal(got, ref)) << "head dim " << D;
    }
}

// Causal mask plus masked padding keys, S not a multiple of 16 (tails), whole 16-blocks masked
// (skipped), rows of several batch entries and query groups; and no mask at all.
TEST_F(RowKernels, SoftmaxMatchesTheAtFormulaAndZeroesMaskedEntries) {
    const std::int64_t B = 2, KvH = 2, G = 3, T = 37, past = 16, S = past + T;
    for (double magnitude : {1.0, 30.0}) {
        auto scores = randnBf16({B, KvH, G * T, S}, 11, magnitude);
        auto q = at::arange(past, S).unsqueeze(1), k = at::arange(0, S).unsqueeze(0);
        auto allowed = (k <= q).unsqueeze(0).repeat({B, 1, 1});  // [B,T,S]
        allowed[1].narrow(-1, 0, 5).fill_(false);                 // batch 1: 5 pad keys
        auto notAllowed = allowed.logical_not().contiguous();
        const float scale = 0.125f;
        auto ref5 = (scores * scale).view({B, KvH, G, T, S}).clone();
        ref5.masked_fill_(notAllowed.view({B, 1, 1, T, S}), -std::numeric_limits<double>::infinity());
        auto ref = at::softmax(ref5.view({B, KvH, G * T, S}), -1, at::kFloat).to(at::kBFloat16);
        auto got = scores.clone();
        rowk::scaledMaskedSoftmax(ptr(got), B * KvH * G * T, S, scale, notAllowed.data_ptr<bool>(), KvH * G * T, T);
        EXPECT_TRUE(withinRel(got, ref, kUlp, 1e-30)) << "magnitude " << magnitude;
        EXPECT_LT(mismatchShare(got, ref), 0.01) << "magnitude " << magnitude;
        auto maskedValues = got.view({B, KvH, G, T, S}).masked_select(notAllowed.view({B, 1, 1, T, S}));
        EXPECT_TRUE(at::all(maskedValues == 0).item<bool>());
        auto sums = got.to(at::kFloat).sum(-1);
        EXPECT_LT((sums - 1).abs().max().item<double>(), 0.02);

        auto free = scores.clone();
        rowk::scaledMaskedSoftmax(ptr(free), B * KvH * G * T, S, scale, nullptr, KvH * G * T, T);
        auto refFree = at::softmax(scores * scale, -1, at::kFloat).to(at::kBFloat16);
        EXPECT_TRUE(withinRel(free, refFree, kUlp, 1e-30)) << "no mask, magnitude " << magnitude;
    }
}

TEST_F(RowKernels, SiluTimesUpMatchesTheAtFormulaIncludingExtremes) {
    auto g = randnBf16({3 * 4864 + 7}, 6, 8.0), u = randnBf16({3 * 4864 + 7}, 7);
    // Extremes: exp(-g) over- and underflows.
    const float extremes[] = {-1e4f, -200.f, -90.f, -30.f, 0.f, 30.f, 90.f, 200.f, 1e4f};
    for (int i = 0; i < 9; ++i) g[i] = extremes[i];
    auto ref = at::silu(g).mul_(u);
    auto got = at::empty_like(g);
    rowk::siluMul(ptr(g), ptr(u), g.numel(), ptr(got));
    EXPECT_TRUE(withinRel(got, ref, 2 * kUlp, 1e-30));
    EXPECT_LT(mismatchShare(got, ref), 0.01);
    rowk::siluMul(ptr(g), ptr(u), g.numel(), ptr(g));  // in place
    EXPECT_TRUE(at::equal(g, got));
}

// The generic decoder layer uses the kernels when they apply: a bf16 forward of the fixture
// model (40 tokens: prefill-sized) with them on matches the at:: path within bf16 noise (on
// this model it is even bit-identical; a kernel with a wrong rounding point fails here).
TEST_F(RowKernels, Bf16ModelForwardMatchesTheAtPath) {
    Transformer model(test::tinyCheckpoint(), RuntimeOptions{ComputeDtype::BFloat16, "cpu", 2});
    auto gen = at::detail::createCPUGenerator(5);
    auto ids = at::randint(200, {2, 40}, gen, at::kLong);
    ForwardRequest req;
    req.capture = {"blocks.1.hook_resid_post"};
    ForwardOutput on, off;
    {
        RowKernelsSwitch s(true);
        on = model.forward(ids, req);
    }
    {
        RowKernelsSwitch s(false);
        off = model.forward(ids, req);
    }
    const auto range = off.logits.max().item<double>() - off.logits.min().item<double>();
    EXPECT_TRUE(test::closeTo(on.logits, off.logits, 0.03 * range, 0.0));
    const auto& hOn = on.captured.at("blocks.1.hook_resid_post");
    const auto& hOff = off.captured.at("blocks.1.hook_resid_post");
    EXPECT_TRUE(test::closeTo(hOn, hOff, 0.0, 0.03));
}

}  // namespace
}  // namespace srs::core
