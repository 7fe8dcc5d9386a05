// srs confidence, core: the verbal-number parser (table of cases), template inversion, the
// statistics of one signal on a 5-question case worked by hand, and the teacher-forced mean
// next-token probability against the independent reference logits of the tiny fixture
// (refs.safetensors, written by a from-scratch PyTorch implementation), softmaxed here in double.
#include <ATen/ATen.h>
#include <gtest/gtest.h>

#include <cmath>

#include "core/analysis/confidence.h"
#include "core/error.h"
#include "core/model/transformer.h"
#include "model_test_util.h"

using namespace srs::core;

TEST(AnalysisConfidence, VerbalParserTable) {
    struct Case {
        const char* text;
        bool parsed;
        double value;
        const char* matched;
    };
    const Case cases[] = {
        {"0.7", true, 0.7, "0.7"},
        {"70%", true, 0.7, "70%"},
        {"70 %", true, 0.7, "70 %"},
        {"85 percent sure", true, 0.85, "85 percent"},
        {".5", true, 0.5, ".5"},
        {"I'd say 0.85.", true, 0.85, "0.85"},
        {"Confidence: 1", true, 1.0, "1"},
        {"0", true, 0.0, "0"},
        {"100%", true, 1.0, "100%"},
        {"1.0 (certain)", true, 1.0, "1.0"},
        {"about 0.3, maybe 0.4", true, 0.3, "0.3"},  // the first number decides
        {"2", false, NAN, "2"},
        {"150%", false, NAN, "150%"},
        {"-0.3", false, NAN, "-0.3"},
        {"3/4", false, NAN, "3"},
        {"06+42=\\boxed{48}", false, NAN, "06"},  // arithmetic is not a confidence
        {"2 or 0.5", false, NAN, "2"},            // a later in-range number is not searched for
        {"no idea", false, NAN, ""},
        {"", false, NAN, ""},
        {"5.", false, NAN, "5"},
        {"0+0=\\boxed{1}", false, NAN, "0"},  // an expression, not a confidence
        {"1*8=8", false, NAN, "1"},
        {"01=\\boxed{0}", false, NAN, "01"},   // zero-padded operand
        {"0.7-0.8", false, NAN, "0.7"},
        {"0.8 - fairly sure", true, 0.8, "0.8"},
        {"0.9=high", false, NAN, "0.9"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.text);
        const VerbalParse p = parseVerbalConfidence(c.text);
        EXPECT_EQ(p.parsed, c.parsed);
        if (c.parsed) EXPECT_NEAR(p.value, c.value, 1e-12);
        else EXPECT_TRUE(std::isnan(p.value));
        EXPECT_EQ(p.matched, c.matched);
    }
}

TEST(AnalysisConfidence, TemplatesAndQuestionRecovery) {
    // The demo's rollout template, given as text.
    auto q = questionFromPrompt("Q: Ann has 6 keys. Total? A: ", "Q: {question} A: ");
    EXPECT_TRUE(q.fromTemplate);
    EXPECT_EQ(q.text, "Ann has 6 keys. Total?");
    // A built-in template by name.
    q = questionFromPrompt(
        "<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\n1+1?\nPlease reason step by "
        "step, and put your final answer within \\boxed{}.<|im_end|>\n<|im_start|>assistant\n",
        "qwen-boxed");
    EXPECT_TRUE(q.fromTemplate);
    EXPECT_EQ(q.text, "1+1?");
    // A prompt that does not match its template, or an unknown template: the whole prompt.
    q = questionFromPrompt("Question: 1+1?", "Q: {question} A: ");
    EXPECT_FALSE(q.fromTemplate);
    EXPECT_EQ(q.text, "Question: 1+1?");
    q = questionFromPrompt("1+1?", "unknown");
    EXPECT_FALSE(q.fromTemplate);

    EXPECT_NE(resolveVerbalTemplate("auto", "qwen-boxed").find("<|im_start|>"), std::string::npos);
    EXPECT_EQ(resolveVerbalTemplate("auto", "Q: {question} A: "), resolveVerbalTemplate("plain", ""));
    EXPECT_EQ(resolveVerbalTemplate("Rate {question}:", ""), "Rate {question}:");
    EXPECT_THROW(resolveVerbalTemplate("nonsense", ""), srs::InvalidArgument);
    for (const auto& n : verbalTemplateNames())
        EXPECT_NE(resolveVerbalTemplate(n, "").find("{question}"), std::string::npos) << n;
}

namespace {
// Five questions; q5 has no value (e.g. an unparsable verbal answer).
const std::vector<std::string> kIds{"q1", "q2", "q3", "q4", "q5"};
const std::vector<std::vector<float>> kRewards{{1, 1}, {0, 0}, {1, 0}, {1}, {0, 1}};
}  // namespace

TEST(AnalysisConfidence, SignalStatsByHand) {
    ConfidenceStatsOptions opt;
    opt.bins = 2;
    opt.bootstrap = 200;
    const SignalStats s =
        computeSignalStats({"verbalized", true, {0.9, 0.2, 0.6, 0.4, NAN}}, kIds, kRewards, opt);
    EXPECT_EQ(s.questions, 4u);
    EXPECT_EQ(s.missing, 1u);
    EXPECT_EQ(s.rollouts, 7u);
    // Spearman over questions: values (0.9, 0.2, 0.6, 0.4) -> ranks (4, 1, 3, 2); mean rewards
    // (1, 0, 0.5, 1) -> mid-ranks (3.5, 1, 2, 3.5). sum dx dy = 3, sum dx^2 = 5, sum dy^2 = 4.5:
    // rho = 3 / sqrt(22.5); t = rho sqrt(2 / (1 - rho^2)), df 2: p = 1 - t / sqrt(2 + t^2).
    const double rho = 3.0 / std::sqrt(22.5);
    const double t = rho * std::sqrt(2.0 / (1.0 - rho * rho));
    ASSERT_TRUE(s.spearman.defined);
    EXPECT_NEAR(s.spearman.r, rho, 1e-12);
    EXPECT_NEAR(s.spearman.pValue, 1.0 - t / std::sqrt(2.0 + t * t), 1e-9);
    // AUROC over rollouts: positives 0.9, 0.9, 0.6, 0.4; negatives 0.2, 0.2, 0.6.
    // U = 3 + 3 + (2 + 0.5) + 2 = 10.5 of 12 pairs.
    ASSERT_TRUE(s.auroc.defined);
    EXPECT_NEAR(s.auroc.value, 10.5 / 12.0, 1e-12);
    EXPECT_EQ(s.auroc.positives, 4u);
    ASSERT_TRUE(s.aurocCi.defined);
    EXPECT_EQ(s.aurocCi.clusters, 4u);  // resampled by question
    EXPECT_LE(s.aurocCi.lower, s.auroc.value);
    EXPECT_GE(s.aurocCi.upper, s.auroc.value);
    // Bins [0, .5): 0.2, 0.2, 0.4 with labels 0, 0, 1; [.5, 1]: 0.9, 0.9, 0.6, 0.6 with 1, 1, 1, 0.
    ASSERT_EQ(s.bins.size(), 2u);
    EXPECT_EQ(s.bins[0].count, 3u);
    EXPECT_NEAR(s.bins[0].meanPredicted, 0.8 / 3, 1e-12);
    EXPECT_NEAR(s.bins[0].observedRate, 1.0 / 3, 1e-12);
    EXPECT_NEAR(s.bins[1].meanPredicted, 0.75, 1e-12);
    EXPECT_NEAR(s.bins[1].observedRate, 0.75, 1e-12);
    EXPECT_NEAR(s.ece, 3.0 / 7 * (1.0 / 3 - 0.8 / 3), 1e-12);
    // Brier: (0.01 * 2 + 0.04 * 2 + 0.16 + 0.36 + 0.36) / 7.
    EXPECT_NEAR(s.brier, 0.98 / 7, 1e-12);
    EXPECT_EQ(s.score, (std::vector<double>{0.9, 0.9, 0.2, 0.2, 0.6, 0.6, 0.4}));
    EXPECT_EQ(s.correct, (std::vector<int>{1, 1, 0, 0, 1, 0, 1}));

    // The same seed gives the same interval.
    const SignalStats again =
        computeSignalStats({"verbalized", true, {0.9, 0.2, 0.6, 0.4, NAN}}, kIds, kRewards, opt);
    EXPECT_EQ(again.aurocCi.lower, s.aurocCi.lower);
    EXPECT_EQ(again.aurocCi.upper, s.aurocCi.upper);
}

TEST(AnalysisConfidence, NonProbabilitySignalIsScaledAndNotCalibrated) {
    ConfidenceStatsOptions opt;
    opt.bootstrap = 50;
    // Lengths: longer = harder here, so the raw Spearman is negative: means (1, 0, .5, 1, .5).
    const SignalStats s = computeSignalStats({"question_length", false, {3, 10, 5, 3, 5}}, kIds, kRewards, opt);
    EXPECT_EQ(s.missing, 0u);
    EXPECT_LT(s.spearman.r, 0.0);
    EXPECT_TRUE(s.bins.empty());
    EXPECT_TRUE(std::isnan(s.ece));
    EXPECT_NEAR(s.score[0], 0.0, 1e-12);
    EXPECT_NEAR(s.score[2], 1.0, 1e-12);
    EXPECT_NEAR(s.score[4], 2.0 / 7, 1e-12);
    // AUROC of length vs label: positives 3, 3, 5, 3, 10... computed: pos {3,3,5,3,5}, neg {10,10,5,5}.
    // U = #(pos > neg) + .5 #(ties): 3s beat none; 5 vs 5 ties twice per positive 5 -> 2 * 2 * .5 = 2.
    EXPECT_NEAR(s.auroc.value, 2.0 / 20, 1e-12);
}

TEST(AnalysisConfidence, UndefinedAndBadInput) {
    ConfidenceStatsOptions opt;
    opt.bootstrap = 20;
    // All rewards equal: AUROC undefined and said so, not thrown.
    const std::vector<std::vector<float>> ones{{1}, {1}, {1}};
    const SignalStats s = computeSignalStats({"value_s0", true, {0.1, 0.5, 0.9}}, {"a", "b", "c"}, ones, opt);
    EXPECT_FALSE(s.auroc.defined);
    EXPECT_FALSE(s.aurocCi.defined);
    EXPECT_NE(s.note.find("AUROC undefined"), std::string::npos) << s.note;
    // Every value missing: counted, nothing thrown.
    const SignalStats none = computeSignalStats({"verbalized", true, {NAN, NAN, NAN}}, {"a", "b", "c"}, ones, opt);
    EXPECT_EQ(none.missing, 3u);
    EXPECT_EQ(none.rollouts, 0u);
    EXPECT_NE(none.note.find("no question has a value"), std::string::npos);
    // A probability outside [0, 1], mismatched sizes, a question without samples.
    EXPECT_THROW(computeSignalStats({"v", true, {0.1, 1.5, 0.9}}, {"a", "b", "c"}, ones, opt), srs::InvalidArgument);
    EXPECT_THROW(computeSignalStats({"v", true, {0.1, 0.5}}, {"a", "b", "c"}, ones, opt), srs::InvalidArgument);
    EXPECT_THROW(computeSignalStats({"v", true, {0.1, 0.5, 0.2}}, {"a", "b", "c"}, {{1}, {}, {0}}, opt),
                 srs::InvalidArgument);
    opt.bins = 0;
    EXPECT_THROW(computeSignalStats({"v", true, {0.1, 0.5, 0.9}}, {"a", "b", "c"}, ones, opt), srs::InvalidArgument);
}

namespace {
// mean_{t in [p, T)} softmax(refLogits[t-1])[ids[t]] in double, from the reference logits.
double referenceMeanProb(const std::string& seq, int promptLen) {
    const auto ids = test::refsJson()["sequences"][seq]["input_ids"].get<std::vector<int>>();
    const at::Tensor logits = test::refTensor(seq + ".logits").to(at::kDouble);  // [T, V]
    double sum = 0.0;
    for (std::size_t t = promptLen; t < ids.size(); ++t) {
        const at::Tensor row = logits[static_cast<std::int64_t>(t) - 1];
        const double maxv = row.max().item<double>();
        const double z = (row - maxv).exp().sum().item<double>();
        sum += std::exp(row[ids[t]].item<double>() - maxv) / z;
    }
    return sum / static_cast<double>(ids.size() - promptLen);
}
}  // namespace

TEST(AnalysisConfidence, MeanTokenProbabilityMatchesReferenceLogits) {
    Transformer model(test::tinyCheckpoint(), {});
    const auto ids33 = test::refsJson()["sequences"]["seq33"]["input_ids"].get<std::vector<int>>();
    const auto ids7 = test::refsJson()["sequences"]["seq7"]["input_ids"].get<std::vector<int>>();
    const std::vector<std::vector<int>> seqs{ids33, ids7, ids7, ids33};
    const std::vector<int> prompts{10, 3, 7, 1};  // ids7 with prompt 7: empty response -> NaN
    const double want[] = {referenceMeanProb("seq33", 10), referenceMeanProb("seq7", 3), NAN,
                           referenceMeanProb("seq33", 1)};
    for (int batch : {1, 3}) {  // batch 3: right padding of the short rows next to seq33
        SCOPED_TRACE(batch);
        const auto got = meanResponseTokenProbability(model, seqs, prompts, batch);
        ASSERT_EQ(got.size(), 4u);
        for (int i : {0, 1, 3}) EXPECT_NEAR(got[i], want[i], 2e-5 + 1e-3 * want[i]) << i;
        EXPECT_TRUE(std::isnan(got[2]));
    }
    // Not a constant: the two prompt splits of seq33 differ.
    EXPECT_GT(std::abs(want[0] - want[3]), 1e-6);
    EXPECT_THROW(meanResponseTokenProbability(model, {ids7}, {0}, 1), srs::InvalidArgument);
    EXPECT_THROW(meanResponseTokenProbability(model, {ids7}, {8}, 1), srs::InvalidArgument);
    EXPECT_THROW(meanResponseTokenProbability(model, {ids7}, {3, 4}, 1), srs::InvalidArgument);
}
