// core::GenerationObserver (what the playground streams with): the observed tokens are the
// generated ones in order, and the observed state of step k equals the hook's activation at
// that token's position in ONE full forward over prompt + generated tokens (no KV cache;
// float32 decode kernels differ from the full forward by ~1e-4 relative).
#include <gtest/gtest.h>

#include <ATen/ATen.h>

#include <algorithm>
#include <cmath>

#include "core/model/checkpoint.h"
#include "core/model/generation.h"
#include "core/model/transformer.h"
#include "test_util.h"

using namespace srs::core;

TEST(GenerationObserver, StreamsTokensAndStatesOfEachStep) {
    auto ckpt = Checkpoint::open(srs::test::fixtures() / "tiny-qwen2-f32");
    Transformer model(ckpt, RuntimeOptions{});
    const std::vector<int> prompt{1, 15, 27, 300, 41};
    SamplingOptions so;
    so.maxNewTokens = 12;
    so.stopIds = {-5};  // never: the run ends by length, so the extra forward happens
    const std::string hook = "blocks.2.hook_resid_post";
    GenerationObserver obs;
    obs.capture = {hook};
    std::vector<int> tokens;
    std::vector<std::vector<float>> states;
    obs.onStep = [&](const GenerationStep& s) {
        EXPECT_EQ(s.step, static_cast<int>(states.size()));
        ASSERT_EQ(s.captured.size(), 1u);
        states.push_back(s.captured[0].at(0));
        if (s.tokens.at(0) >= 0) tokens.push_back(s.tokens[0]);
    };
    const auto result = generate(model, {prompt}, so, {}, nullptr, &obs).at(0);
    EXPECT_EQ(tokens, result.ids);
    ASSERT_EQ(states.size(), 13u);  // s_0 .. s_12 (the last from the extra forward)

    std::vector<std::int64_t> all(prompt.begin(), prompt.end());
    all.insert(all.end(), result.ids.begin(), result.ids.end());
    auto ids = at::tensor(all, at::kLong).unsqueeze(0);
    ForwardRequest req;
    req.capture = {hook};
    const auto out = model.forward(ids, req);
    const auto acts = out.captured.at(hook)[0];  // [T, d]
    for (std::size_t k = 0; k < states.size(); ++k) {
        const auto row = acts[static_cast<std::int64_t>(prompt.size() - 1 + k)].contiguous();
        const float* p = row.data_ptr<float>();
        ASSERT_EQ(states[k].size(), static_cast<std::size_t>(row.size(0)));
        for (std::size_t j = 0; j < states[k].size(); ++j) EXPECT_NEAR(states[k][j], p[j], 2e-4f * std::max(1.0f, std::abs(p[j]))) << k << " " << j;
    }
}
