// Answer extraction: expected strings worked out by hand from METHOD.md's rules.
#include <gtest/gtest.h>

#include "core/error.h"
#include "core/tasks/answer_equivalence.h"
#include "core/tasks/answer_extraction.h"

using namespace srs::core;

TEST(ExtractBoxed, TakesTheLastBoxWithBalancedBraces) {
    EXPECT_EQ(extractBoxed(R"(a \boxed{1} b \boxed{\frac{1}{\sqrt{2}}} c)"), R"(\frac{1}{\sqrt{2}})");
    EXPECT_EQ(extractBoxed(R"(\fbox{7})"), "7");
    EXPECT_EQ(extractBoxed(R"($\boxed 5$.)"), "5");
    EXPECT_EQ(extractBoxed(R"(\boxed{3} then cut off \boxed{\frac{1)"), "3");
    EXPECT_EQ(extractBoxed("no box here"), "");
    EXPECT_EQ(extractBoxed(R"(\boxed{\{1,2\}})"), R"(\{1,2\})");
}

TEST(ExtractLastNumber, HandlesSeparatorsSignsAndFractions) {
    EXPECT_EQ(extractLastNumber("He made $70,000 in profit."), "70,000");
    EXPECT_EQ(extractLastNumber("It fell to -3 degrees"), "-3");
    EXPECT_EQ(extractLastNumber("10-3"), "3");
    EXPECT_EQ(extractLastNumber("take 3/4 of it"), "3/4");
    EXPECT_EQ(extractLastNumber("about .5 of them"), ".5");
    EXPECT_EQ(extractLastNumber("1, 2, and 3."), "3");
    EXPECT_EQ(extractLastNumber("none"), "");
}

TEST(ExtractGsm8kGold, ReadsAfterHashesWithoutCommas) {
    EXPECT_EQ(extractGsm8kGold("so 9*2=18\n#### 18"), "18");
    EXPECT_EQ(extractGsm8kGold("#### 1,234."), "1234");
    EXPECT_EQ(extractGsm8kGold("#### -5\nextra line"), "-5");
    EXPECT_EQ(extractGsm8kGold("no marker"), "");
    EXPECT_EQ(extractAnswer("work\n#### 70,000", TaskKind::Gsm8k), "70000");
}

TEST(ExtractChoiceLetter, FindsTheChosenLetter) {
    EXPECT_EQ(extractChoiceLetter(R"(\boxed{\text{(D)}})"), "D");
    EXPECT_EQ(extractChoiceLetter("The correct answer is (B)."), "B");
    EXPECT_EQ(extractChoiceLetter("ANSWER: C"), "C");
    EXPECT_EQ(extractChoiceLetter("Reasoning...\nA. because"), "A");
    EXPECT_EQ(extractChoiceLetter("I pick (C) here"), "C");
    EXPECT_EQ(extractChoiceLetter("  J "), "J");
    EXPECT_EQ(extractChoiceLetter("Both are fine"), "");
    EXPECT_EQ(extractChoiceLetter("The answer is a guess"), "");
}

TEST(ExtractAnswer, MathPrefersTheBoxOverNumbers) {
    EXPECT_EQ(extractAnswer(R"(We get 12 and then \boxed{13} and 14 later)", TaskKind::Math), "13");
    EXPECT_EQ(extractAnswer("We get 12 and then 14", TaskKind::Math), "14");
    EXPECT_EQ(extractAnswer("nothing numeric", TaskKind::Math), "");
}

TEST(TaskKindNames, RoundTripAndRejectUnknown) {
    for (auto k : {TaskKind::Gsm8k, TaskKind::Math, TaskKind::Choice})
        EXPECT_EQ(parseTaskKind(taskKindName(k)), k);
    EXPECT_THROW(parseTaskKind("mmlu"), srs::InvalidArgument);
}

TEST(NormalizeAnswer, CanonicalForms) {
    EXPECT_EQ(normalizeAnswer(R"(\left( 3, \dfrac{\pi}{2} \right))"), R"((3,\frac{\pi}{2}))");
    EXPECT_EQ(normalizeAnswer(R"(\frac12)"), R"(\frac{1}{2})");
    EXPECT_EQ(normalizeAnswer(R"(\sqrt2)"), R"(\sqrt{2})");
    EXPECT_EQ(normalizeAnswer(R"(10,\!080)"), "10080");
    EXPECT_EQ(normalizeAnswer(R"(\$18.90)"), "18.90");
    EXPECT_EQ(normalizeAnswer(R"(15\mbox{ cm}^2)"), "15");
    EXPECT_EQ(normalizeAnswer(R"(x = 5)"), "5");
    EXPECT_EQ(normalizeAnswer(R"(\text{(B)})"), "B");
    EXPECT_EQ(normalizeAnswer(R"(4210_{5})"), "4210_5");
    EXPECT_EQ(normalizeAnswer("18.0"), "18");
    EXPECT_EQ(normalizeAnswer(R"(45^{\circ})"), "45");
    EXPECT_EQ(normalizeAnswer(R"(50\%)"), "50");
}

TEST(AnswersEquivalent, EmptyNeverMatches) {
    EXPECT_FALSE(answersEquivalent("", ""));
    EXPECT_FALSE(answersEquivalent("", "0"));
    EXPECT_FALSE(answersEquivalent("5", ""));
}

TEST(AnswersEquivalent, LargeIntegersCompareExactly) {
    EXPECT_TRUE(answersEquivalent("12345678901234567", "12,345,678,901,234,567"));
    EXPECT_FALSE(answersEquivalent("12345678901234567", "12345678901234568"));
}

TEST(AnswersEquivalent, PathologicalInputsNeitherThrowNorMatch) {
    const std::vector<std::string> odd = {
        "\\frac", "\\sqrt", "\\frac{", "}{", "^^^", "((((", "\\boxed{", "\\begin{pmatrix}",
        "\\text{", "1/0", "0/0", "\\sqrt{-4}", ",,,", "\\{\\}", "(,)", "\\left(", "---5",
        std::string(5000, '('), std::string(3000, '{') + "1" + std::string(3000, '}'), "\x01\xff"};
    for (const auto& s : odd) {
        EXPECT_NO_THROW((void)answersEquivalent(s, "5")) << s.substr(0, 40);
        EXPECT_NO_THROW((void)extractAnswer(s, TaskKind::Math)) << s.substr(0, 40);
        EXPECT_NO_THROW((void)extractAnswer(s, TaskKind::Choice)) << s.substr(0, 40);
        EXPECT_FALSE(answersEquivalent(s, "5")) << s.substr(0, 40);
    }
    EXPECT_FALSE(answersEquivalent("1/0", "2/0"));  // infinities from division are not answers
}
