#include "core/tasks/answer_extraction.h"

#include <regex>

#include "core/error.h"
#include "core/tasks/latex_text.h"

namespace srs::core {

TaskKind parseTaskKind(const std::string& name) {
    if (name == "gsm8k") return TaskKind::Gsm8k;
    if (name == "math") return TaskKind::Math;
    if (name == "choice") return TaskKind::Choice;
    throw InvalidArgument("unknown task kind '" + name + "' (expected gsm8k, math or choice)");
}

std::string taskKindName(TaskKind kind) {
    switch (kind) {
        case TaskKind::Gsm8k: return "gsm8k";
        case TaskKind::Math: return "math";
        case TaskKind::Choice: return "choice";
    }
    return "math";
}

std::string extractBoxed(const std::string& response) {
    // Walk the \boxed / \fbox occurrences from the last one back; the first complete one wins
    // (a response cut off inside its final \boxed{ falls back to an earlier answer).
    std::size_t searchEnd = response.size();
    while (true) {
        std::size_t b = searchEnd == 0 ? std::string::npos : response.rfind("\\boxed", searchEnd - 1);
        std::size_t f = searchEnd == 0 ? std::string::npos : response.rfind("\\fbox", searchEnd - 1);
        std::size_t pos;
        std::size_t len;
        if (b == std::string::npos && f == std::string::npos) return {};
        if (f == std::string::npos || (b != std::string::npos && b > f)) {
            pos = b;
            len = 6;
        } else {
            pos = f;
            len = 5;
        }
        std::size_t i = pos + len;
        if (i < response.size() && response[i] == '{') {
            std::size_t close = latex::matchingClose(response, i);
            if (close != std::string::npos) return latex::trim(response.substr(i + 1, close - i - 1));
        } else if (i < response.size() && response[i] == ' ') {
            while (i < response.size() && response[i] == ' ') ++i;
            std::size_t j = i;
            while (j < response.size() && response[j] != '$' && response[j] != ' ' &&
                   response[j] != '\n')
                ++j;
            std::string content = response.substr(i, j - i);
            while (!content.empty() && (content.back() == '.' || content.back() == ','))
                content.pop_back();
            if (!content.empty()) return content;
        }
        if (pos == 0) return {};
        searchEnd = pos;
    }
}

std::string extractLastNumber(const std::string& text) {
    static const std::regex kNumber(R"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?(?:/\d+)?|\.\d+)");
    std::string last;
    std::size_t lastPos = 0;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), kNumber); it != std::sregex_iterator();
         ++it) {
        last = it->str();
        lastPos = static_cast<std::size_t>(it->position());
    }
    if (last.empty()) return {};
    // A minus directly before the number is a sign unless it follows a digit, letter or
    // closing bracket (then it is a subtraction: "10-3").
    if (lastPos > 0 && text[lastPos - 1] == '-') {
        std::size_t k = lastPos - 1;
        char before = '\0';
        if (k > 0) before = text[k - 1];
        bool subtraction = latex::isDigit(before) || latex::isAsciiLetter(before) || before == ')';
        if (!subtraction) last = "-" + last;
    }
    return last;
}

std::string extractGsm8kGold(const std::string& solution) {
    std::size_t pos = solution.rfind("####");
    if (pos == std::string::npos) return {};
    std::string rest = solution.substr(pos + 4);
    if (auto nl = rest.find('\n'); nl != std::string::npos) rest = rest.substr(0, nl);
    std::string out;
    for (char c : rest)
        if (c != ',') out.push_back(c);
    out = latex::trim(out);
    while (!out.empty() && out.back() == '.') out.pop_back();
    return out;
}

namespace {

std::string letterFromBoxed(std::string content) {
    for (const char* cmd : {"\\text{", "\\textbf{", "\\mathrm{", "\\mathbf{"}) {
        std::size_t p;
        while ((p = content.find(cmd)) != std::string::npos) {
            std::size_t open = content.find('{', p);
            std::size_t close = latex::matchingClose(content, open);
            if (close == std::string::npos) break;
            content = content.substr(0, p) + content.substr(open + 1, close - open - 1) +
                      content.substr(close + 1);
        }
    }
    static const std::regex kLetter(R"(^\s*\(?([A-J])\)?(?:[\s.:)].*)?$)");
    std::smatch m;
    if (std::regex_match(content, m, kLetter)) return m[1].str();
    return {};
}

std::string lastMatchGroup(const std::string& text, const std::regex& re) {
    std::string last;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), re); it != std::sregex_iterator(); ++it)
        last = (*it)[1].str();
    return last;
}

}  // namespace

std::string extractChoiceLetter(const std::string& response) {
    std::string boxed = extractBoxed(response);
    if (!boxed.empty()) {
        std::string letter = letterFromBoxed(boxed);
        if (!letter.empty()) return letter;
    }
    static const std::regex kAnswerIs(
        R"((?:[Aa]nswer|ANSWER|[Cc]hoice|[Oo]ption)(?:\s+is)?\s*[:：]?\s*(?:\*\*)?\s*\$?\(?([A-J])\)?(?![A-Za-z]))");
    std::string letter = lastMatchGroup(response, kAnswerIs);
    if (!letter.empty()) return letter;
    static const std::regex kLineStart(R"((?:^|\n)\s*(?:\*\*)?\(?([A-J])(?:[.)]|\)|:)(?:\s|$))");
    letter = lastMatchGroup(response, kLineStart);
    if (!letter.empty()) return letter;
    static const std::regex kParen(R"(\(([A-J])\))");
    letter = lastMatchGroup(response, kParen);
    if (!letter.empty()) return letter;
    std::string t = latex::trim(response);
    if (t.size() == 1 && t[0] >= 'A' && t[0] <= 'J') return t;
    return {};
}

std::string extractAnswer(const std::string& response, TaskKind kind) {
    switch (kind) {
        case TaskKind::Choice: return extractChoiceLetter(response);
        case TaskKind::Gsm8k: {
            std::string gold = extractGsm8kGold(response);
            if (!gold.empty()) return gold;
            std::string boxed = extractBoxed(response);
            if (!boxed.empty()) return boxed;
            return extractLastNumber(response);
        }
        case TaskKind::Math: {
            std::string boxed = extractBoxed(response);
            if (!boxed.empty()) return boxed;
            return extractLastNumber(response);
        }
    }
    return {};
}

}  // namespace srs::core
