#pragma once
/// Prompt templates that wrap a benchmark question before tokenisation (METHOD.md,
/// Pipeline step 1). Torch-free.
#include <string>
#include <vector>

namespace srs::core {

/// Built-in template names: "qwen-boxed" (SimpleRL-Zoo chat prompt), "abel" (base
/// Llama/Mistral), "plain" (the question alone).
std::vector<std::string> promptTemplateNames();

/// The template text of a built-in name, with `{question}` where the question goes.
/// Throws srs::InvalidArgument for an unknown name.
std::string promptTemplateText(const std::string& name);

/// True when `nameOrTemplate` is a built-in name or contains `{question}`.
bool isValidPromptTemplate(const std::string& nameOrTemplate);

/// Fills a built-in template (by name) or a user template string containing `{question}`
/// (every occurrence is replaced; the question itself is inserted verbatim, never
/// re-scanned). Throws srs::InvalidArgument naming the known templates when
/// `nameOrTemplate` is neither.
std::string applyPromptTemplate(const std::string& nameOrTemplate, const std::string& question);

}  // namespace srs::core
