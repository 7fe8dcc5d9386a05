// Parity of the decoder against the independent reference arrays in
// tests/fixtures/tiny-qwen2-f32/refs (see tests/fixtures/README.md).
#include <ATen/ATen.h>
#include <gtest/gtest.h>

#include "core/model/generation.h"
#include "core/model/hook_names.h"
#include "core/model/kv_cache.h"
#include "core/model/transformer.h"
#include "model_test_util.h"

namespace srs::core {
namespace {

using test::closeTo;
using test::refTensor;

constexpr double kHiddenAtol = 1e-4, kLogitAtol = 1e-3, kRel = 1e-5;

std::vector<std::int64_t> inputIds(const std::string& seq) {
    auto t = refTensor(seq + ".input_ids");
    return std::vector<std::int64_t>(t.data_ptr<std::int64_t>(), t.data_ptr<std::int64_t>() + t.numel());
}

std::vector<std::string> mainHooks(int layers) {
    std::vector<std::string> names{hooks::embed(), hooks::lnFinal()};
    for (int l = 0; l < layers; ++l) names.push_back(hooks::residPost(l));
    return names;
}

TEST(ModelParity, HookListGoldenInForwardOrder) {
    Transformer model(test::tinyCheckpoint(), {});
    // Hand-written golden: TransformerLens names in the order the forward pass reaches them.
    std::vector<std::string> golden{"hook_embed"};
    for (int l = 0; l < 4; ++l) {
        const std::string b = "blocks." + std::to_string(l) + ".";
        for (const char* k : {"hook_resid_pre", "attn.hook_pattern", "hook_attn_out",
                              "hook_resid_mid", "mlp.hook_post", "hook_mlp_out", "hook_resid_post"})
            golden.push_back(b + k);
    }
    golden.push_back("ln_final.hook_normalized");
    EXPECT_EQ(model.hookNames(), golden);
}

class ParityPerSeq : public ::testing::TestWithParam<std::string> {};

TEST_P(ParityPerSeq, EmbeddingsLayersNormAndLogitsMatchReference) {
    const std::string seq = GetParam();
    Transformer model(test::tinyCheckpoint(), {});
    ForwardRequest req;
    req.capture = mainHooks(4);
    auto out = model.forward(test::idsTensor(inputIds(seq)), req);
    ASSERT_EQ(out.captured.size(), 6u);  // only what was asked
    EXPECT_TRUE(closeTo(out.captured.at("hook_embed")[0], refTensor(seq + ".embeddings"), kHiddenAtol, kRel));
    for (int l = 0; l < 4; ++l) {
        auto name = seq + ".layer" + std::to_string(l) + ".out";
        EXPECT_TRUE(closeTo(out.captured.at(hooks::residPost(l))[0], refTensor(name), kHiddenAtol, kRel))
            << name;
    }
    EXPECT_TRUE(closeTo(out.captured.at(hooks::lnFinal())[0], refTensor(seq + ".final_norm"), kHiddenAtol, kRel));
    EXPECT_TRUE(closeTo(out.logits[0], refTensor(seq + ".logits"), kLogitAtol, kRel));
    EXPECT_EQ(out.logits.scalar_type(), at::kFloat);
}

TEST_P(ParityPerSeq, AblationOfDims3_17_42AfterLayer1MatchesReference) {
    const std::string seq = GetParam();
    Transformer model(test::tinyCheckpoint(), {});
    ForwardRequest req;
    req.capture = mainHooks(4);
    Intervention iv;
    iv.hook = hooks::residPost(1);
    iv.dims = {3, 17, 42};
    req.interventions = {iv};
    auto out = model.forward(test::idsTensor(inputIds(seq)), req);
    for (int l = 1; l < 4; ++l) {
        auto name = seq + ".ablate.layer" + std::to_string(l) + ".out";
        EXPECT_TRUE(closeTo(out.captured.at(hooks::residPost(l))[0], refTensor(name), kHiddenAtol, kRel))
            << name;
    }
    EXPECT_TRUE(closeTo(out.captured.at(hooks::lnFinal())[0], refTensor(seq + ".ablate.final_norm"),
                        kHiddenAtol, kRel));
    EXPECT_TRUE(closeTo(out.logits[0], refTensor(seq + ".ablate.logits"), kLogitAtol, kRel));
    // Layer 0 is upstream of the edit: unchanged.
    EXPECT_TRUE(closeTo(out.captured.at(hooks::residPost(0))[0], refTensor(seq + ".layer0.out"), kHiddenAtol, kRel));
}

TEST_P(ParityPerSeq, GreedyGenerationMatchesReferenceIds) {
    const std::string seq = GetParam();
    Transformer model(test::tinyCheckpoint(), {});
    SamplingOptions opts;
    opts.maxNewTokens = 12;
    opts.stopIds = {-1};  // the reference does not stop at EOS
    auto ids = inputIds(seq);
    auto res = generate(model, {std::vector<int>(ids.begin(), ids.end())}, opts);
    auto ref = refTensor(seq + ".greedy.ids");
    std::vector<int> expected(ref.data_ptr<std::int64_t>(), ref.data_ptr<std::int64_t>() + ref.numel());
    ASSERT_EQ(res.size(), 1u);
    EXPECT_EQ(res[0].ids, expected);
    EXPECT_EQ(res[0].finishReason, "length");
}

TEST_P(ParityPerSeq, CachedStepLogitsMatchReferenceStepLogits) {
    // Feed the reference greedy tokens one at a time through the KV cache; each step's
    // logits must equal the reference's full-recompute step logits.
    const std::string seq = GetParam();
    Transformer model(test::tinyCheckpoint(), {});
    auto ids = inputIds(seq);
    auto greedy = refTensor(seq + ".greedy.ids");
    auto stepRef = refTensor(seq + ".greedy.step_logits");
    auto cache = model.makeCache(1, static_cast<std::int64_t>(ids.size()) + 12);
    ForwardRequest req;
    req.lastLogitsOnly = true;
    auto out = model.forward(test::idsTensor(ids), req, {}, cache.get());
    for (int s = 0; s < 12; ++s) {
        EXPECT_TRUE(closeTo(out.logits[0][0], stepRef[s], kLogitAtol, kRel)) << "step " << s;
        if (s + 1 < 12)
            out = model.forward(greedy.narrow(0, s, 1).unsqueeze(0), req, {}, cache.get());
    }
    EXPECT_EQ(cache->length(), static_cast<std::int64_t>(ids.size()) + 11);
}

INSTANTIATE_TEST_SUITE_P(Seqs, ParityPerSeq, ::testing::Values("seq1", "seq7", "seq33"));

TEST(ModelParity, LeftPaddedBatchMatchesReferencePerRow) {
    Transformer model(test::tinyCheckpoint(), {});
    auto a = inputIds("seq7"), b = inputIds("seq33"), c = inputIds("seq1");
    const std::int64_t T = 33;
    auto ids = at::zeros({3, T}, at::kLong);
    auto mask = at::zeros({3, T}, at::kLong);
    std::vector<std::vector<std::int64_t>> rows{a, b, c};
    for (int r = 0; r < 3; ++r) {
        auto n = static_cast<std::int64_t>(rows[r].size());
        ids[r].narrow(0, T - n, n).copy_(at::tensor(rows[r], at::kLong));
        mask[r].narrow(0, T - n, n).fill_(1);
    }
    ForwardRequest req;
    req.capture = {hooks::residPost(3)};
    auto out = model.forward(ids, req, mask);
    EXPECT_FALSE(out.logits.isnan().any().item<bool>());  // pad rows stay finite
    const char* names[] = {"seq7", "seq33", "seq1"};
    for (int r = 0; r < 3; ++r) {
        auto n = static_cast<std::int64_t>(rows[r].size());
        EXPECT_TRUE(closeTo(out.logits[r].narrow(0, T - n, n), refTensor(std::string(names[r]) + ".logits"),
                            kLogitAtol, kRel))
            << names[r];
        EXPECT_TRUE(closeTo(out.captured.at(hooks::residPost(3))[r].narrow(0, T - n, n),
                            refTensor(std::string(names[r]) + ".layer3.out"), kHiddenAtol, kRel))
            << names[r];
    }
}

TEST(ModelParity, Bfloat16IsCloseToReference) {
    RuntimeOptions opts;
    opts.dtype = ComputeDtype::BFloat16;
    Transformer model(test::tinyCheckpoint(), opts);
    auto out = model.forward(test::idsTensor(inputIds("seq33")));
    auto ref = refTensor("seq33.logits");
    // bf16 keeps 8 mantissa bits; after 4 layers the logits stay within a few percent of
    // their range, and the top token mostly agrees.
    EXPECT_TRUE(closeTo(out.logits[0], ref, 0.0, 0.15));  // same gap as HF-style bf16 (model_arch_test)
    auto agree = out.logits[0].argmax(-1).eq(ref.argmax(-1)).sum().item<std::int64_t>();
    EXPECT_GE(agree, 30) << "argmax agreement " << agree << "/33";
    double diff = (out.logits[0] - ref).abs().max().item<double>();
    std::cerr << "[bf16] max |logit diff| = " << diff << ", argmax agreement " << agree << "/33\n";
}

TEST(ModelParity, ForwardRejectsBadInput) {
    Transformer model(test::tinyCheckpoint(), {});
    EXPECT_THROW(model.forward(test::idsTensor({4, 512})), InvalidArgument);
    EXPECT_THROW(model.forward(test::idsTensor({-1})), InvalidArgument);
    EXPECT_THROW(model.forward(at::zeros({3}, at::kLong)), InvalidArgument);
    ForwardRequest req;
    req.capture = {"blocks.9.hook_resid_post"};
    EXPECT_THROW(model.forward(test::idsTensor({4}), req), InvalidArgument);
    req.capture = {"blocks.0.hook_nothing"};
    EXPECT_THROW(model.forward(test::idsTensor({4}), req), InvalidArgument);
    auto cache = model.makeCache(1, 2);
    EXPECT_THROW(model.forward(test::idsTensor({4, 5, 6}), {}, {}, cache.get()), InvalidArgument);
}

TEST(ModelParity, CudaRequestFailsClearlyWithoutCuda) {
    RuntimeOptions opts;
    opts.device = "cuda";
    try {
        Transformer model(test::tinyCheckpoint(), opts);
        SUCCEED() << "CUDA available";
    } catch (const UnsupportedError& e) {
        EXPECT_NE(std::string(e.what()).find("CUDA"), std::string::npos) << e.what();
    }
    opts.device = "tpu";
    EXPECT_THROW(Transformer(test::tinyCheckpoint(), opts), InvalidArgument);
}

}  // namespace
}  // namespace srs::core
