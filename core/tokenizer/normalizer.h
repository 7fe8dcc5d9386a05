#pragma once
/// Text normalisation steps of a tokenizer.json `normalizer` (null, NFC, NFD, NFKC, NFKD,
/// Lowercase, Sequence). Internal to core/tokenizer.
#include <string>
#include <string_view>
#include <vector>

namespace srs::core {

class Normalizer {
public:
    enum class Step { Nfc, Nfd, Nfkc, Nfkd, Lowercase };

    void addStep(Step step) { m_steps.push_back(step); }
    bool empty() const { return m_steps.empty(); }
    const std::vector<Step>& steps() const { return m_steps; }

    /// Appends the normalised `text` to `out`. Bytes that are not valid UTF-8 are copied
    /// unchanged and split the text into separately normalised runs.
    void apply(std::string_view text, std::string& out) const;

private:
    /// Normalises `text` run by run around invalid UTF-8 bytes.
    void applyRuns(std::string_view text, std::string& out) const;

    std::vector<Step> m_steps;
};

}  // namespace srs::core
