#include "core/tasks/grading.h"

#include <cctype>

#include "core/tasks/latex_text.h"

namespace srs::core {

GradeResult grade(const std::string& response, const std::string& gold, TaskKind kind) {
    GradeResult result;
    result.extracted = extractAnswer(response, kind);
    if (result.extracted.empty()) return result;
    switch (kind) {
        case TaskKind::Choice: {
            std::string g = latex::trim(gold);
            if (g.size() == 1) g[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(g[0])));
            std::string goldLetter = extractChoiceLetter(g);
            result.reward = !goldLetter.empty() && goldLetter == result.extracted ? 1 : 0;
            break;
        }
        case TaskKind::Gsm8k: {
            std::string g = gold.find("####") != std::string::npos ? extractGsm8kGold(gold) : gold;
            result.reward = answersEquivalent(result.extracted, g) ? 1 : 0;
            break;
        }
        case TaskKind::Math:
            result.reward = answersEquivalent(result.extracted, gold) ? 1 : 0;
            break;
    }
    return result;
}

}  // namespace srs::core
