// Interventions (set / scale / mean / positions / pattern / mlp_post) against expectations
// computed by hand from an un-intervened run or straight from the checkpoint weights.
#include <ATen/ATen.h>
#include <gtest/gtest.h>

#include "core/error.h"
#include "core/model/hook_names.h"
#include "core/model/intervention.h"
#include "core/model/transformer.h"
#include "model_test_util.h"

namespace srs::core {
namespace {

using test::closeTo;

const std::vector<std::int64_t> kIds{170, 224, 473, 226, 326, 65, 32};

ForwardOutput run(Transformer& m, std::vector<std::string> capture, std::vector<Intervention> ivs = {},
                  const std::vector<std::int64_t>& ids = kIds) {
    ForwardRequest req;
    req.capture = std::move(capture);
    req.interventions = std::move(ivs);
    return m.forward(test::idsTensor(ids), req);
}

at::Tensor dimsT(const std::vector<std::int64_t>& d) { return at::tensor(d, at::kLong); }

TEST(ModelIntervention, SetOnEmbedWritesConstantOthersAreEmbeddingRows) {
    Transformer m(test::tinyCheckpoint(), {});
    Intervention iv{hooks::embed(), {0, 5}, InterventionOp::Set, 2.5f};
    auto out = run(m, {hooks::embed()}, {iv});
    auto e = out.captured.at(hooks::embed())[0];
    auto table = test::tinyCheckpoint()->tensor("model.embed_tokens.weight");
    auto expected = table.index_select(0, at::tensor(kIds, at::kLong)).clone();
    expected.select(1, 0).fill_(2.5);
    expected.select(1, 5).fill_(2.5);
    EXPECT_TRUE(at::equal(e, expected));
}

TEST(ModelIntervention, ScaleAtOnePositionChangesOnlyThatPositionAndLaterOnes) {
    Transformer m(test::tinyCheckpoint(), {});
    auto base = run(m, {hooks::residPost(0), hooks::residPost(2)});
    Intervention iv{hooks::residPost(0), {1, 7, 63}, InterventionOp::Scale, 0.5f};
    iv.positions = {2};
    auto out = run(m, {hooks::residPost(0), hooks::residPost(2)}, {iv});
    auto b0 = base.captured.at(hooks::residPost(0))[0], o0 = out.captured.at(hooks::residPost(0))[0];
    auto expected = b0.clone();
    for (auto d : {1, 7, 63}) expected[2][d] = b0[2][d] * 0.5;
    EXPECT_TRUE(at::equal(o0, expected));
    // Causal: layer 2 output is unchanged before position 2 and changed from it on.
    auto b2 = base.captured.at(hooks::residPost(2))[0], o2 = out.captured.at(hooks::residPost(2))[0];
    EXPECT_TRUE(at::equal(b2.narrow(0, 0, 2), o2.narrow(0, 0, 2)));
    for (int t = 2; t < 7; ++t) EXPECT_FALSE(at::allclose(b2[t], o2[t])) << "position " << t;
}

TEST(ModelIntervention, MeanWithoutVectorUsesSequenceMeanAndWithVectorUsesIt) {
    Transformer m(test::tinyCheckpoint(), {});
    auto base = run(m, {hooks::residMid(1)}).captured.at(hooks::residMid(1))[0];
    Intervention iv{hooks::residMid(1), {4, 9}, InterventionOp::Mean};
    auto out = run(m, {hooks::residMid(1)}, {iv}).captured.at(hooks::residMid(1))[0];
    for (auto d : {4, 9}) {
        double mean = base.select(1, d).to(at::kDouble).mean().item<double>();
        for (int t = 0; t < 7; ++t) EXPECT_NEAR(out[t][d].item<double>(), mean, 1e-5);
    }
    EXPECT_TRUE(at::equal(out.select(1, 5), base.select(1, 5)));
    iv.mean = {1.25f, -3.0f};
    out = run(m, {hooks::residMid(1)}, {iv}).captured.at(hooks::residMid(1))[0];
    EXPECT_TRUE(at::equal(out.select(1, 4), at::full({7}, 1.25f)));
    EXPECT_TRUE(at::equal(out.select(1, 9), at::full({7}, -3.0f)));
}

TEST(ModelIntervention, ZeroOnMlpPostIsWhatDownProjectionSees) {
    Transformer m(test::tinyCheckpoint(), {});
    Intervention iv{hooks::mlpPost(0), {0, 10, 127}, InterventionOp::Zero};
    auto out = run(m, {hooks::mlpPost(0), hooks::mlpOut(0)}, {iv});
    auto post = out.captured.at(hooks::mlpPost(0))[0];
    EXPECT_EQ(post.size(1), 128);
    EXPECT_EQ(post.select(1, 10).abs().sum().item<double>(), 0.0);
    auto down = test::tinyCheckpoint()->tensor("model.layers.0.mlp.down_proj.weight");
    EXPECT_TRUE(closeTo(out.captured.at(hooks::mlpOut(0))[0], at::matmul(post, down.t()), 1e-5, 1e-6));
}

TEST(ModelIntervention, ResidualIdentitiesHold) {
    Transformer m(test::tinyCheckpoint(), {});
    auto out = run(m, {hooks::residPre(1), hooks::attnOut(1), hooks::residMid(1), hooks::mlpOut(1),
                       hooks::residPost(1), hooks::residPost(0), hooks::residPre(2)});
    auto& c = out.captured;
    EXPECT_EQ(c.size(), 7u);
    EXPECT_TRUE(at::equal(c.at(hooks::residPre(1)), c.at(hooks::residPost(0))));
    EXPECT_TRUE(at::equal(c.at(hooks::residPre(2)), c.at(hooks::residPost(1))));
    EXPECT_TRUE(closeTo(c.at(hooks::residMid(1)), c.at(hooks::residPre(1)) + c.at(hooks::attnOut(1)), 1e-6, 0));
    EXPECT_TRUE(closeTo(c.at(hooks::residPost(1)), c.at(hooks::residMid(1)) + c.at(hooks::mlpOut(1)), 1e-6, 0));
}

TEST(ModelIntervention, PatternIsCausalSoftmaxAndZeroingAHeadChangesAttnOut) {
    Transformer m(test::tinyCheckpoint(), {});
    auto base = run(m, {hooks::attnPattern(0), hooks::attnOut(0)});
    auto p = base.captured.at(hooks::attnPattern(0));
    ASSERT_EQ(p.sizes(), (at::IntArrayRef{1, 4, 7, 7}));
    EXPECT_TRUE(closeTo(p.sum(-1), at::ones({1, 4, 7}), 1e-6, 0));
    EXPECT_EQ(p.triu(1).abs().sum().item<double>(), 0.0);
    EXPECT_EQ(p[0][0][0][0].item<float>(), 1.0f);
    Intervention iv{hooks::attnPattern(0), {1}, InterventionOp::Zero};
    auto out = run(m, {hooks::attnPattern(0), hooks::attnOut(0)}, {iv});
    auto q = out.captured.at(hooks::attnPattern(0));
    EXPECT_EQ(q.select(1, 1).abs().sum().item<double>(), 0.0);
    EXPECT_TRUE(at::equal(q.select(1, 0), p.select(1, 0)));
    // o_proj sees head 1's output as zero: attn_out = base - (head-1 output) @ W_o[:, 16:32]^T.
    EXPECT_FALSE(at::allclose(out.captured.at(hooks::attnOut(0)), base.captured.at(hooks::attnOut(0))));
}

TEST(ModelIntervention, PositionsCountFromTheFirstRealTokenUnderLeftPadding) {
    Transformer m(test::tinyCheckpoint(), {});
    Intervention iv{hooks::residPost(1), {3, 17}, InterventionOp::Set, 7.0f};
    iv.positions = {0, 4};
    auto alone = run(m, {hooks::residPost(3)}, {iv});
    Intervention mean{hooks::residPost(0), {8}, InterventionOp::Mean};
    auto aloneMean = run(m, {hooks::residPost(3)}, {mean});
    auto ids = at::zeros({2, 10}, at::kLong), mask = at::zeros({2, 10}, at::kLong);
    ids[0].narrow(0, 3, 7).copy_(at::tensor(kIds, at::kLong));
    mask[0].narrow(0, 3, 7).fill_(1);
    ids[1].fill_(9);
    mask[1].fill_(1);
    for (auto* which : {&iv, &mean}) {
        ForwardRequest req;
        req.capture = {hooks::residPost(3)};
        req.interventions = {*which};
        auto batched = m.forward(ids, req, mask);
        auto& ref = which == &iv ? alone : aloneMean;
        EXPECT_TRUE(closeTo(batched.captured.at(hooks::residPost(3))[0].narrow(0, 3, 7),
                            ref.captured.at(hooks::residPost(3))[0], 1e-4, 1e-5));
        EXPECT_TRUE(closeTo(batched.logits[0].narrow(0, 3, 7), ref.logits[0], 1e-3, 1e-5));
    }
}

TEST(ModelIntervention, BadInterventionsAreRejected) {
    Transformer m(test::tinyCheckpoint(), {});
    EXPECT_THROW(run(m, {}, {Intervention{hooks::residPost(0), {64}}}), InvalidArgument);
    EXPECT_THROW(run(m, {}, {Intervention{hooks::mlpPost(0), {128}}}), InvalidArgument);
    EXPECT_THROW(run(m, {}, {Intervention{hooks::attnPattern(0), {4}}}), InvalidArgument);
    EXPECT_THROW(run(m, {}, {Intervention{"blocks.0.hook_bogus", {1}}}), InvalidArgument);
    Intervention iv{hooks::residPost(0), {1, 2}, InterventionOp::Mean};
    iv.mean = {1.f};
    EXPECT_THROW(run(m, {}, {iv}), InvalidArgument);
    EXPECT_THROW(run(m, {}, {Intervention{hooks::residPost(0), {}}}), InvalidArgument);
}

TEST(AblationSpec, ParsesListsRangesAndModes) {
    auto iv = parseAblationSpec("blocks.1.hook_resid_post:3,17,42", 4, 64);
    EXPECT_EQ(iv.hook, "blocks.1.hook_resid_post");
    EXPECT_EQ(iv.dims, (std::vector<std::int64_t>{3, 17, 42}));
    EXPECT_EQ(iv.op, InterventionOp::Zero);
    iv = parseAblationSpec("blocks.0.hook_resid_pre:3-6,9:mean", 4, 64);
    EXPECT_EQ(iv.dims, (std::vector<std::int64_t>{3, 4, 5, 6, 9}));
    EXPECT_EQ(iv.op, InterventionOp::Mean);
    EXPECT_TRUE(iv.mean.empty());
    iv = parseAblationSpec("blocks.3.mlp.hook_post:100-127", 4, 64);  // d_mlp checked at run time
    EXPECT_EQ(iv.dims.size(), 28u);
    for (const char* bad : {"blocks.1.hook_resid_post", "blocks.1.hook_resid_post:", "blocks.1.hook_resid_post:a",
                            "blocks.1.hook_resid_post:5-3", "blocks.1.hook_resid_post:64",
                            "blocks.1.hook_resid_post:1:max", "blocks.7.hook_resid_post:1",
                            "blocks.1.hook_resid_post:1,1", "nope:1", "blocks.1.hook_resid_post:-1"})
        EXPECT_THROW(parseAblationSpec(bad, 4, 64), InvalidArgument) << bad;
}

TEST(RuntimeOptions, ParsesDtypes) {
    EXPECT_EQ(parseComputeDtype("float32"), ComputeDtype::Float32);
    EXPECT_EQ(parseComputeDtype("bf16"), ComputeDtype::BFloat16);
    EXPECT_EQ(parseComputeDtype("BFloat16"), ComputeDtype::BFloat16);
    EXPECT_THROW(parseComputeDtype("float16"), InvalidArgument);
    EXPECT_EQ(configureThreads(1), 1);
}

}  // namespace
}  // namespace srs::core
