// Expected strings are copied from docs/METHOD.md (Pipeline step 1), not from the code.
#include <gtest/gtest.h>

#include "core/error.h"
#include "core/tokenizer/prompt_template.h"

using namespace srs::core;

TEST(PromptTemplate, QwenBoxedMatchesMethodDoc) {
    EXPECT_EQ(applyPromptTemplate("qwen-boxed", "What is 1+1?"),
              "<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\nWhat is 1+1?\n"
              "Please reason step by step, and put your final answer within \\boxed{}.<|im_end|>\n"
              "<|im_start|>assistant\n");
}

TEST(PromptTemplate, AbelAndPlain) {
    EXPECT_EQ(applyPromptTemplate("abel", "Q?"), "Question:\nQ?\nAnswer:\nLet's think step by step.\n");
    EXPECT_EQ(applyPromptTemplate("plain", "Just this."), "Just this.");
}

TEST(PromptTemplate, UserTemplateReplacesEveryPlaceholderOnce) {
    EXPECT_EQ(applyPromptTemplate("Q: {question} / again: {question}!", "x"), "Q: x / again: x!");
    // The question is inserted verbatim, not scanned for placeholders again.
    EXPECT_EQ(applyPromptTemplate("<{question}>", "{question}"), "<{question}>");
    EXPECT_EQ(applyPromptTemplate("plain", ""), "");
}

TEST(PromptTemplate, UnknownNameThrowsInvalidArgumentListingNames) {
    try {
        applyPromptTemplate("qwen-boxd", "x");
        FAIL();
    } catch (const srs::InvalidArgument& e) {
        std::string msg = e.what();
        EXPECT_NE(msg.find("qwen-boxd"), std::string::npos);
        EXPECT_NE(msg.find("qwen-boxed"), std::string::npos);
        EXPECT_NE(msg.find("{question}"), std::string::npos);
    }
    EXPECT_THROW(promptTemplateText("nope"), srs::InvalidArgument);
    EXPECT_FALSE(isValidPromptTemplate("{questions"));
    EXPECT_TRUE(isValidPromptTemplate("abel"));
    EXPECT_TRUE(isValidPromptTemplate("say {question}"));
}

TEST(PromptTemplate, ListsBuiltins) {
    EXPECT_EQ(promptTemplateNames(), (std::vector<std::string>{"qwen-boxed", "abel", "plain"}));
    EXPECT_EQ(promptTemplateText("plain"), "{question}");
}
