// Fused decode path (core/model/decode_fused.*, DecoderLayer::forwardFused): each direct loop
// against the at:: ops of the generic path on the same inputs, then whole-model decode with the
// fused path on vs off (setFusedDecodeEnabled) on the tiny fixture model.
// Tolerances: rotary and residual add are bitwise (same rounding points, no reduction);
// RMSNorm, SiLU x up and attention may differ by the rounding of a differently ordered f32
// sum or a libm last bit: f32 within 1e-6 relative (+ tiny absolute), bf16 within one bf16
// ulp (2^-7 relative) of the reference value (attention: 2^-6 of the value scale, since a
// probability rounded to the other bf16 neighbour moves every output of that row).
#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "core/model/decode_fused.h"
#include "core/model/decoder_layer.h"
#include "core/model/generation.h"
#include "core/model/hook_names.h"
#include "core/model/kv_cache.h"
#include "core/model/linear_small.h"
#include "core/model/transformer.h"
#include "model_test_util.h"

namespace srs::core {
namespace {

at::Tensor randn(std::vector<std::int64_t> shape, at::ScalarType dtype, std::uint64_t seed,
                 double scale = 1.0) {
    auto gen = at::detail::createCPUGenerator(seed);
    return (at::randn(shape, gen, at::TensorOptions().dtype(at::kFloat)) * scale).to(dtype);
}

/// |a - ref| <= rel * |ref| + abs, elementwise, reported with the worst excess.
::testing::AssertionResult withinRel(const at::Tensor& a, const at::Tensor& ref, double rel, double abs) {
    if (a.sizes() != ref.sizes()) return ::testing::AssertionFailure() << a.sizes() << " vs " << ref.sizes();
    auto ad = a.to(at::kDouble), rd = ref.to(at::kDouble);
    auto excess = ((ad - rd).abs() - (rd.abs() * rel + abs)).max().item<double>();
    if (excess <= 0) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << "max |diff| " << (ad - rd).abs().max().item<double>()
                                         << " exceeds the bound by " << excess;
}

double relTol(at::ScalarType dtype) { return dtype == at::kBFloat16 ? std::ldexp(1.0, -7) : 1e-6; }

class FusedKernels : public ::testing::TestWithParam<at::ScalarType> {};

TEST_P(FusedKernels, RmsNormMatchesGenericRmsNorm) {
    const auto dtype = GetParam();
    for (std::int64_t n : {896, 77, 64}) {
        auto x = randn({5, n}, dtype, 1 + n, 3.0);
        auto w = randn({n}, dtype, 2 + n);
        // The at:: formula (decoder_layer's rmsNorm routes bf16 to the row kernels when
        // they apply; row_kernels_test covers those).
        auto xf = x.to(at::kFloat);
        auto ref = (xf * at::rsqrt(xf.pow(2).mean(-1, true) + 1e-6)).to(dtype) * w;
        auto out = at::empty_like(x);
        fused::rmsNorm(dtype, x.data_ptr(), w.data_ptr(), 5, n, 1e-6f, out.data_ptr());
        EXPECT_TRUE(withinRel(out, ref, relTol(dtype), 1e-7)) << "n " << n;
        // In place (used for the per-head q/k norms).
        fused::rmsNorm(dtype, x.data_ptr(), w.data_ptr(), 5, n, 1e-6f, x.data_ptr());
        EXPECT_TRUE(at::equal(x, out)) << "n " << n;
    }
}

TEST_P(FusedKernels, RotaryIsBitwiseTheGenericRotary) {
    const auto dtype = GetParam();
    const std::int64_t rows = 3, heads = 4, D = 64;
    // cos/sin as the transformer builds them: positions x inverse frequencies.
    auto pos = at::tensor({5.0f, 17.0f, 300.0f}).view({rows, 1});
    auto invFreq = 1.0 / at::pow(at::full({}, 1e6f), at::arange(0, D, 2).to(at::kFloat) / D);
    auto freqs = pos * invFreq;
    auto emb = at::cat({freqs, freqs}, -1);  // [rows, D]
    auto cos = emb.cos().to(dtype), sin = emb.sin().to(dtype);
    auto x = randn({rows, heads, D}, dtype, 3);
    auto ref = applyRotary(x, cos.unsqueeze(1), sin.unsqueeze(1));
    auto got = x.clone();
    fused::rotaryInPlace(dtype, got.data_ptr(), cos.data_ptr(), sin.data_ptr(), rows, heads, D);
    EXPECT_TRUE(at::equal(got, ref)) << (got.to(at::kFloat) - ref.to(at::kFloat)).abs().max();
}

TEST_P(FusedKernels, ResidualAddIsBitwiseTheTensorAdd) {
    const auto dtype = GetParam();
    auto x = randn({3, 896}, dtype, 4, 10.0), y = randn({3, 896}, dtype, 5);
    auto ref = x + y;
    fused::addInPlace(dtype, x.data_ptr(), y.data_ptr(), x.numel());
    EXPECT_TRUE(at::equal(x, ref));
}

TEST_P(FusedKernels, SiluTimesUpMatchesGeneric) {
    const auto dtype = GetParam();
    auto g = randn({2, 4864}, dtype, 6, 4.0), u = randn({2, 4864}, dtype, 7);
    auto ref = at::silu(g).mul_(u);
    auto out = at::empty_like(g);
    fused::siluMul(dtype, g.data_ptr(), u.data_ptr(), g.numel(), out.data_ptr());
    // silu itself may differ by a bf16 ulp, then the product by another rounding.
    EXPECT_TRUE(withinRel(out, ref, 2 * relTol(dtype), 1e-30));
}

TEST_P(FusedKernels, AttentionMatchesGenericFormulaWithMaskAndGroups) {
    const auto dtype = GetParam();
    const std::int64_t B = 2, T = 2, H = 6, KvH = 2, G = H / KvH, D = 64, S = 9, cap = 12;
    auto q = randn({B, T, H, D}, dtype, 8);
    auto keys = randn({B, KvH, cap, D}, dtype, 9);
    auto values = randn({B, KvH, cap, D}, dtype, 10);
    // Mask: row 0 sees everything up to its slot; row 1 has 3 left pads; self always allowed.
    auto notAllowed = at::zeros({B, T, S}, at::kBool);
    for (std::int64_t t = 0; t < T; ++t) {
        const std::int64_t self = S - T + t;
        for (std::int64_t s = self + 1; s < S; ++s) notAllowed[0][t][s] = true, notAllowed[1][t][s] = true;
        for (std::int64_t s = 0; s < 3; ++s) notAllowed[1][t][s] = true;
    }
    const double scale = 1.0 / std::sqrt(static_cast<double>(D));
    // The generic path of decoder_layer.cpp, written out: [B,KvH,G*T,D] query rows.
    auto qg = q.view({B, T, KvH, G, D}).permute({0, 2, 3, 1, 4}).reshape({B, KvH, G * T, D});
    auto k = keys.narrow(2, 0, S), v = values.narrow(2, 0, S);
    auto scores = dtype == at::kBFloat16
                      ? at::matmul(qg.to(at::kFloat), k.to(at::kFloat).transpose(-1, -2)).to(dtype)
                      : at::matmul(qg, k.transpose(-1, -2));
    scores.mul_(scale);
    scores.view({B, KvH, G, T, S}).masked_fill_(notAllowed.view({B, 1, 1, T, S}),
                                                -std::numeric_limits<double>::infinity());
    auto probs = dtype == at::kFloat ? at::softmax(scores, -1) : at::softmax(scores, -1, at::kFloat).to(dtype);
    auto ref = dtype == at::kBFloat16 ? at::matmul(probs.to(at::kFloat), v.to(at::kFloat)).to(dtype)
                                      : at::matmul(probs, v);
    ref = ref.view({B, KvH, G, T, D}).permute({0, 3, 1, 2, 4}).reshape({B, T, H, D});

    auto out = at::empty({B, T, H, D}, dtype);
    fused::attention(dtype, q.data_ptr(), keys.data_ptr(), values.data_ptr(),
                     notAllowed.data_ptr<bool>(), B, T, H, KvH, D, S, cap, static_cast<float>(scale),
                     out.data_ptr());
    // Outputs are weighted means of N(0,1) values: scale ~1.
    const double abs = dtype == at::kBFloat16 ? std::ldexp(1.0, -6) : 1e-6;
    EXPECT_TRUE(withinRel(out, ref, relTol(dtype), abs));
    // A masked key must not matter at all: change row 1's pads and the future slot.
    keys[1].narrow(1, 0, 3).fill_(100);
    values[1].narrow(1, 0, 3).fill_(-100);
    values.narrow(2, S, cap - S).fill_(1e4);
    auto again = at::empty_like(out);
    fused::attention(dtype, q.data_ptr(), keys.data_ptr(), values.data_ptr(),
                     notAllowed.data_ptr<bool>(), B, T, H, KvH, D, S, cap, static_cast<float>(scale),
                     again.data_ptr());
    EXPECT_TRUE(at::equal(again, out));
}

TEST_P(FusedKernels, CacheWriteLandsInTheSlotsAppendWouldUse) {
    const auto dtype = GetParam();
    const std::int64_t B = 2, T = 3, KvH = 2, D = 8, cap = 10, slot = 4;
    auto k = randn({B, T, KvH, D}, dtype, 11), v = randn({B, T, KvH, D}, dtype, 12);
    auto keys = at::zeros({B, KvH, cap, D}, dtype), values = at::zeros({B, KvH, cap, D}, dtype);
    fused::writeCache(dtype, k.data_ptr(), v.data_ptr(), B, T, KvH, D, cap, slot, keys.data_ptr(),
                      values.data_ptr());
    EXPECT_TRUE(at::equal(keys.narrow(2, slot, T), k.permute({0, 2, 1, 3})));
    EXPECT_TRUE(at::equal(values.narrow(2, slot, T), v.permute({0, 2, 1, 3})));
    EXPECT_EQ(keys.narrow(2, 0, slot).abs().sum().item<double>(), 0.0);
    EXPECT_EQ(values.narrow(2, slot + T, cap - slot - T).abs().sum().item<double>(), 0.0);
}

INSTANTIATE_TEST_SUITE_P(Dtypes, FusedKernels, ::testing::Values(at::kBFloat16, at::kFloat),
                         [](const auto& info) {
                             return std::string(info.param == at::kBFloat16 ? "bf16" : "f32");
                         });

/// Restores the fused switch at scope exit.
struct FusedSwitch {
    explicit FusedSwitch(bool on) : saved(fusedDecodeEnabled()) { setFusedDecodeEnabled(on); }
    ~FusedSwitch() { setFusedDecodeEnabled(saved); }
    bool saved;
};

std::vector<std::vector<int>> prompts() {
    // Three prompts of different lengths: a left-padded batch.
    return {{5, 9, 31, 2, 77, 13, 40}, {101, 3}, {8, 8, 19, 250, 6}};
}

class FusedModel : public ::testing::TestWithParam<ComputeDtype> {
protected:
    void SetUp() override {
        const auto st = GetParam() == ComputeDtype::BFloat16 ? at::kBFloat16 : at::kFloat;
        if (!smallLinearSupported(st)) GTEST_SKIP() << "no small-M kernel on this CPU: no fused path";
    }
    RuntimeOptions options() const {
        RuntimeOptions o;
        o.dtype = GetParam();
        return o;
    }
};

TEST_P(FusedModel, CachedDecodeStepsMatchTheGenericPath) {
    Transformer model(test::tinyCheckpoint(), options());
    const auto p = prompts();
    const std::int64_t B = 3, L = 7;
    auto ids = at::zeros({B, L}, at::kLong), mask = at::zeros({B, L}, at::kLong);
    for (std::int64_t r = 0; r < B; ++r) {
        const auto n = static_cast<std::int64_t>(p[r].size());
        for (std::int64_t i = 0; i < n; ++i) ids[r][L - n + i] = p[r][i], mask[r][L - n + i] = 1;
    }
    ForwardRequest req;
    req.lastLogitsOnly = true;
    auto cacheF = model.makeCache(B, L + 10), cacheG = model.makeCache(B, L + 10);
    ForwardOutput outF, outG;
    {
        // Prefill (7 tokens x 3 rows = 21 rows: generic either way), then 2-token steps
        // (6 rows, fused) and 1-token steps, with row 2 finished (a pad) from step 3 on.
        FusedSwitch on(true);
        outF = model.forward(ids, req, mask, cacheF.get());
    }
    outG = model.forward(ids, req, mask, cacheG.get());
    auto gen = at::detail::createCPUGenerator(13);
    for (int step = 0; step < 6; ++step) {
        const std::int64_t T = step < 2 ? 2 : 1;
        auto next = at::randint(200, {B, T}, gen, at::kLong);
        auto nextMask = at::ones({B, T}, at::kLong);
        if (step >= 3) nextMask[2].fill_(0);
        {
            FusedSwitch on(true);
            outF = model.forward(next, req, nextMask, cacheF.get());
        }
        {
            FusedSwitch off(false);
            outG = model.forward(next, req, nextMask, cacheG.get());
        }
        SCOPED_TRACE(testing::Message() << "step " << step);
        ASSERT_FALSE(outF.logits.isnan().any().item<bool>());
        if (GetParam() == ComputeDtype::Float32) {
            EXPECT_TRUE(test::closeTo(outF.logits, outG.logits, 1e-5, 1e-5));
        } else {
            // bf16: the two paths round differently ordered sums; after 4 layers the logits
            // stay within a few bf16 ulps of their range.
            EXPECT_TRUE(test::closeTo(outF.logits, outG.logits, 0.0, 0.03));
        }
    }
    // The caches hold the same keys (the last layer's, after all steps).
    EXPECT_EQ(cacheF->length(), cacheG->length());
    EXPECT_TRUE(test::closeTo(cacheF->keyBuffer(3).narrow(2, 0, cacheF->length()),
                              cacheG->keyBuffer(3).narrow(2, 0, cacheG->length()), 1e-5,
                              GetParam() == ComputeDtype::Float32 ? 1e-5 : 0.02));
}

TEST_P(FusedModel, GreedyGenerationEqualsTheGenericPath) {
    Transformer model(test::tinyCheckpoint(), options());
    SamplingOptions opts;
    opts.maxNewTokens = 12;
    opts.stopIds = {-1};
    std::vector<GenerationResult> fusedRes, genericRes;
    {
        FusedSwitch on(true);
        fusedRes = generate(model, prompts(), opts);
    }
    {
        FusedSwitch off(false);
        genericRes = generate(model, prompts(), opts);
    }
    ASSERT_EQ(fusedRes.size(), 3u);
    for (std::size_t r = 0; r < 3; ++r) EXPECT_EQ(fusedRes[r].ids, genericRes[r].ids) << "row " << r;
}

TEST_P(FusedModel, InterventionOnOneLayerDuringGenerationEqualsTheGenericPath) {
    // Layer 1 carries a hook (generic path), layers 0, 2 and 3 run fused.
    Transformer model(test::tinyCheckpoint(), options());
    SamplingOptions opts;
    opts.maxNewTokens = 10;
    opts.stopIds = {-1};
    Intervention iv;
    iv.hook = hooks::residPost(1);
    iv.dims = {3, 17, 42};
    iv.op = InterventionOp::Scale;
    iv.value = 4.0f;
    std::vector<GenerationResult> fusedRes, genericRes, plain;
    {
        FusedSwitch on(true);
        fusedRes = generate(model, prompts(), opts, {iv});
        plain = generate(model, prompts(), opts);
    }
    {
        FusedSwitch off(false);
        genericRes = generate(model, prompts(), opts, {iv});
    }
    for (std::size_t r = 0; r < 3; ++r) {
        if (GetParam() == ComputeDtype::Float32) {
            EXPECT_EQ(fusedRes[r].ids, genericRes[r].ids) << "row " << r;
        } else {
            // bf16: a near-tie in the logits may flip once the two paths' roundings differ
            // (seen at token 10 of a row); the sequences must agree well before that.
            std::size_t same = 0;
            while (same < fusedRes[r].ids.size() && same < genericRes[r].ids.size() &&
                   fusedRes[r].ids[same] == genericRes[r].ids[same])
                ++same;
            EXPECT_GE(same, 6u) << "row " << r;
        }
    }
    bool anyDiffers = false;  // the intervention is strong enough to matter
    for (std::size_t r = 0; r < 3; ++r) anyDiffers = anyDiffers || plain[r].ids != fusedRes[r].ids;
    EXPECT_TRUE(anyDiffers);
}

TEST_P(FusedModel, CapturedResidualIsNotOverwrittenByLaterFusedLayers) {
    // A short forward without a cache (5 rows: fused) capturing layer 1's output: layer 2
    // updates the residual in place, which must not reach the recorded tensor.
    Transformer model(test::tinyCheckpoint(), options());
    ForwardRequest req;
    req.capture = {hooks::residPost(1), hooks::residPost(3)};
    auto ids = at::tensor(std::vector<std::int64_t>{5, 9, 31, 2, 77}, at::kLong).unsqueeze(0);
    ForwardOutput f, g;
    {
        FusedSwitch on(true);
        f = model.forward(ids, req);
    }
    {
        FusedSwitch off(false);
        g = model.forward(ids, req);
    }
    const double rel = GetParam() == ComputeDtype::Float32 ? 1e-5 : 0.02;
    for (const auto& name : req.capture)
        EXPECT_TRUE(test::closeTo(f.captured.at(name), g.captured.at(name), 1e-5, rel)) << name;
    EXPECT_TRUE(test::closeTo(f.logits, g.logits, 1e-5, GetParam() == ComputeDtype::Float32 ? 1e-5 : 0.03));
    // Layers 1 and 3 differ (the capture is of its own layer, not a later one).
    EXPECT_GT((f.captured.at(hooks::residPost(1)) - f.captured.at(hooks::residPost(3))).abs().max().item<double>(),
              1e-3);
}

INSTANTIATE_TEST_SUITE_P(Dtypes, FusedModel,
                         ::testing::Values(ComputeDtype::Float32, ComputeDtype::BFloat16),
                         [](const auto& info) {
                             return std::string(info.param == ComputeDtype::BFloat16 ? "bf16" : "f32");
                         });

}  // namespace
}  // namespace srs::core
