#include "core/tokenizer/prompt_template.h"

#include <utility>

#include "core/error.h"

namespace srs::core {
namespace {

constexpr const char* kPlaceholder = "{question}";

const std::vector<std::pair<std::string, std::string>>& builtins() {
    static const std::vector<std::pair<std::string, std::string>> table = {
        {"qwen-boxed",
         "<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\n{question}\n"
         "Please reason step by step, and put your final answer within \\boxed{}.<|im_end|>\n"
         "<|im_start|>assistant\n"},
        {"abel", "Question:\n{question}\nAnswer:\nLet's think step by step.\n"},
        {"plain", "{question}"},
    };
    return table;
}

const std::string* findBuiltin(const std::string& name) {
    for (const auto& [n, text] : builtins())
        if (n == name) return &text;
    return nullptr;
}

std::string knownList() {
    std::string out;
    for (const auto& [n, text] : builtins()) out += (out.empty() ? "" : ", ") + n;
    return out;
}

}  // namespace

std::vector<std::string> promptTemplateNames() {
    std::vector<std::string> names;
    for (const auto& [n, text] : builtins()) names.push_back(n);
    return names;
}

std::string promptTemplateText(const std::string& name) {
    if (const std::string* text = findBuiltin(name)) return *text;
    throw InvalidArgument("unknown prompt template '" + name + "' (known: " + knownList() + ")");
}

bool isValidPromptTemplate(const std::string& nameOrTemplate) {
    return findBuiltin(nameOrTemplate) || nameOrTemplate.find(kPlaceholder) != std::string::npos;
}

std::string applyPromptTemplate(const std::string& nameOrTemplate, const std::string& question) {
    const std::string* builtin = findBuiltin(nameOrTemplate);
    const std::string& tmpl = builtin ? *builtin : nameOrTemplate;
    if (!builtin && tmpl.find(kPlaceholder) == std::string::npos)
        throw InvalidArgument("unknown prompt template '" + nameOrTemplate + "': expected one of " + knownList() +
                              " or a template string containing {question}");
    const std::string placeholder = kPlaceholder;
    std::string out;
    out.reserve(tmpl.size() + question.size());
    std::size_t pos = 0;
    while (true) {
        std::size_t hit = tmpl.find(placeholder, pos);
        if (hit == std::string::npos) break;
        out.append(tmpl, pos, hit - pos);
        out += question;
        pos = hit + placeholder.size();
    }
    out.append(tmpl, pos, std::string::npos);
    return out;
}

}  // namespace srs::core
