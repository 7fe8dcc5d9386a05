#include "core/tasks/answer_equivalence.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <regex>
#include <vector>

#include "core/tasks/latex_text.h"
#include "core/tasks/math_expression.h"

namespace srs::core {
namespace {

using latex::isAsciiLetter;
using latex::replaceAll;
using latex::trim;

/// Rewrites \frac and \sqrt to always carry braced arguments: \frac12 -> \frac{1}{2},
/// \frac 34 -> \frac{3}{4}, \frac9{19} -> \frac{9}{19}, \sqrt2 -> \sqrt{2}.
std::string braceArguments(const std::string& s, int depth = 0) {
    if (depth > 50) return s;
    std::string out;
    std::size_t i = 0;
    while (i < s.size()) {
        bool isFrac = s.compare(i, 5, "\\frac") == 0 && (i + 5 >= s.size() || !isAsciiLetter(s[i + 5]));
        bool isSqrt = s.compare(i, 5, "\\sqrt") == 0 && (i + 5 >= s.size() || !isAsciiLetter(s[i + 5]));
        if (!isFrac && !isSqrt) {
            out.push_back(s[i++]);
            continue;
        }
        std::size_t pos = i + 5;
        std::string index;
        if (isSqrt) {
            std::size_t p = pos;
            while (p < s.size() && s[p] == ' ') ++p;
            if (p < s.size() && s[p] == '[') {
                std::size_t close = latex::matchingClose(s, p);
                if (close != std::string::npos) {
                    index = "[" + braceArguments(s.substr(p + 1, close - p - 1), depth + 1) + "]";
                    pos = close + 1;
                }
            }
        }
        std::string a, b;
        std::size_t end = pos;
        if (!latex::readArgument(s, pos, a, end) ||
            (isFrac && !latex::readArgument(s, end, b, end))) {
            out.append(s, i, std::string::npos);  // malformed: keep as written
            return out;
        }
        out += isFrac ? "\\frac{" : "\\sqrt" + index + "{";
        out += braceArguments(a, depth + 1) + "}";
        if (isFrac) out += "{" + braceArguments(b, depth + 1) + "}";
        i = end;
    }
    return out;
}

bool isWords(const std::string& s) {
    std::string t = trim(s);
    if (t.empty()) return false;
    return std::all_of(t.begin(), t.end(), [](char c) { return isAsciiLetter(c) || c == ' '; });
}

/// \text{...} (and \mbox, \textbf, ...): a whole-answer wrapper is unwrapped; a trailing
/// word group after something else is a unit and dropped (with a following ^2 / ^{3});
/// anything else is unwrapped in place.
std::string handleText(std::string s) {
    for (const char* cmd : {"\\mbox{", "\\textbf{", "\\textrm{", "\\textnormal{", "\\mathrm{",
                            "\\mathbf{", "\\textit{", "\\mathit{"})
        replaceAll(s, cmd, "\\text{");
    std::size_t pos;
    int guard = 0;
    while ((pos = s.find("\\text{")) != std::string::npos && ++guard < 100) {
        std::size_t open = pos + 5;
        std::size_t close = latex::matchingClose(s, open);
        if (close == std::string::npos) break;
        std::string content = s.substr(open + 1, close - open - 1);
        std::size_t after = close + 1;
        static const std::regex kPowerTail(R"(^\s*\^\s*(\{\s*\d\s*\}|\d)\s*$)");
        std::string rest = s.substr(after);
        bool trailing = trim(rest).empty() || std::regex_match(rest, kPowerTail);
        if (isWords(content) && trailing && !trim(s.substr(0, pos)).empty()) {
            s = s.substr(0, pos);  // a unit: 15\mbox{ cm}^2 -> 15
        } else {
            s = s.substr(0, pos) + content + s.substr(after);
        }
    }
    return s;
}

}  // namespace

std::string normalizeAnswer(const std::string& answer) {
    std::string s = trim(answer);
    // Protect matrix row breaks (\\) from the single-backslash rewrites below.
    replaceAll(s, "\\\\", "\x01");
    replaceAll(s, "\\$", "");
    replaceAll(s, "$", "");
    replaceAll(s, "\\(", "");
    replaceAll(s, "\\)", "");
    replaceAll(s, "\\[", "");
    replaceAll(s, "\\]", "");
    for (const char* sp : {"\\!", "\\,", "\\;", "\\:", "\\>"}) replaceAll(s, sp, "");
    replaceAll(s, "\\ ", " ");
    replaceAll(s, "~", " ");
    for (const char* cmd : {"displaystyle", "left", "right", "bigl", "bigr", "Bigl", "Bigr",
                            "quad", "qquad"})
        latex::removeCommand(s, cmd);
    latex::replaceAll(s, "\\dfrac", "\\frac");
    latex::replaceAll(s, "\\tfrac", "\\frac");
    for (const char* deg : {"^{\\circ}", "^\\circ", "\\circ", "\xC2\xB0", "\\degree"})
        replaceAll(s, deg, "");
    replaceAll(s, "\\%", "");
    replaceAll(s, "%", "");
    s = trim(handleText(s));
    replaceAll(s, "\x01", "\\\\");

    // Plain unit words after a number: "5.4 cents", "15 cm^2", "90 degrees".
    static const std::regex kUnitWords(R"(^(.*[0-9}])\s+(?:[a-zA-Z]{2,}\s*)+(?:\^\{?\d\}?)?$)");
    std::smatch m;
    if (std::regex_match(s, m, kUnitWords)) s = m[1].str();

    // Leading "x =", "k=", "x \in".
    static const std::regex kLeadingVar(R"(^[a-zA-Z]\s*(?:=|\\in(?![a-zA-Z]))\s*)");
    if (std::regex_search(s, m, kLeadingVar)) {
        std::string rest = s.substr(m.length(0));
        if (!trim(rest).empty() && rest.find('=') == std::string::npos) s = rest;
    }

    s = braceArguments(s);
    s.erase(std::remove_if(s.begin(), s.end(), [](unsigned char c) { return std::isspace(c); }),
            s.end());

    static const std::regex kBracedSubscript(R"(_\{([0-9A-Za-z]+)\})");
    s = std::regex_replace(s, kBracedSubscript, "_$1");
    while (!s.empty() && (s.back() == '.' || (s.back() == ',' && s.size() > 1))) s.pop_back();
    static const std::regex kParenLetter(R"(^\(([A-Za-z])\)$)");
    if (std::regex_match(s, m, kParenLetter)) s = m[1].str();
    static const std::regex kThousands(R"(^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$)");
    if (std::regex_match(s, kThousands)) replaceAll(s, ",", "");
    static const std::regex kTrailingZero(R"((\d)\.0+(?![0-9]))");
    s = std::regex_replace(s, kTrailingZero, "$1");
    return s;
}

namespace {

bool close(double x, double y) {
    if (std::isinf(x) || std::isinf(y)) return x == y;
    double d = std::fabs(x - y);
    return d <= 1e-9 * std::max(std::fabs(x), std::fabs(y)) || d < 1e-15;
}

/// Integers written out in full compare digit by digit (doubles lose digits past 2^53).
bool bothIntegerLiterals(const std::string& a, const std::string& b, bool& equal) {
    static const std::regex kInteger(R"(^([-+]?)0*(\d+)$)");
    std::smatch ma, mb;
    if (!std::regex_match(a, ma, kInteger) || !std::regex_match(b, mb, kInteger)) return false;
    bool negA = ma[1].str() == "-" && ma[2].str() != "0";
    bool negB = mb[1].str() == "-" && mb[2].str() != "0";
    equal = negA == negB && ma[2].str() == mb[2].str();
    return true;
}

/// Mixed numbers (137\frac{1}{2}) first, then the expression evaluator.
ExpressionValue evaluateAnswer(const std::string& s, int variant) {
    static const std::regex kMixed(R"(^(-?)(\d+)\\frac\{(\d+)\}\{(\d+)\}$)");
    std::smatch m;
    if (std::regex_match(s, m, kMixed)) {
        double den = std::stod(m[4].str());
        if (den == 0) return {};
        double v = std::stod(m[2].str()) + std::stod(m[3].str()) / den;
        return {true, m[1].length() ? -v : v, false};
    }
    return evaluateExpression(s, variant);
}

/// "(a,b]" / "[a,b)" / "(a,b)" / "\{a,b\}": bracket kinds and top-level elements.
struct Bracketed {
    std::string open, close;
    std::vector<std::string> elements;
};

bool parseBracketed(const std::string& s, Bracketed& out) {
    if (s.size() >= 4 && s.compare(0, 2, "\\{") == 0 && s.compare(s.size() - 2, 2, "\\}") == 0) {
        out = {"{", "}", latex::splitTopLevel(s.substr(2, s.size() - 4), ",")};
        return true;
    }
    if (s.size() < 2 || (s[0] != '(' && s[0] != '[')) return false;
    int depth = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        if (c == '(' || c == '[' || c == '{') ++depth;
        else if (c == ')' || c == ']' || c == '}') {
            if (--depth == 0 && i != s.size() - 1) return false;
        }
    }
    if (depth != 0 || (s.back() != ')' && s.back() != ']')) return false;
    auto elements = latex::splitTopLevel(s.substr(1, s.size() - 2), ",");
    if (elements.size() < 2) return false;  // "(5)" is a grouped number, not a tuple
    out = {std::string(1, s[0]), std::string(1, s.back()), elements};
    return true;
}

bool parseMatrix(const std::string& s, std::vector<std::vector<std::string>>& rows) {
    static const std::regex kMatrix(R"(^\\begin\{([pbvBV]?matrix)\}(.*)\\end\{\1\}$)");
    std::smatch m;
    if (!std::regex_match(s, m, kMatrix)) return false;
    rows.clear();
    std::string body = m[2].str();
    while (body.size() >= 2 && body.compare(body.size() - 2, 2, "\\\\") == 0) body.resize(body.size() - 2);
    for (const auto& row : latex::splitTopLevel(body, "\\\\")) rows.push_back(latex::splitTopLevel(row, "&"));
    return true;
}

bool equivalentNormalized(const std::string& a, const std::string& b, int depth);

bool allInOrder(const std::vector<std::string>& x, const std::vector<std::string>& y, int depth) {
    if (x.size() != y.size()) return false;
    for (std::size_t i = 0; i < x.size(); ++i)
        if (!equivalentNormalized(x[i], y[i], depth + 1)) return false;
    return true;
}

bool allAnyOrder(const std::vector<std::string>& x, const std::vector<std::string>& y, int depth) {
    if (x.size() != y.size()) return false;
    std::vector<bool> used(y.size(), false);
    for (const auto& xi : x) {
        bool found = false;
        for (std::size_t j = 0; j < y.size() && !found; ++j) {
            if (!used[j] && equivalentNormalized(xi, y[j], depth + 1)) used[j] = found = true;
        }
        if (!found) return false;
    }
    return true;
}

bool equivalentNormalized(const std::string& a, const std::string& b, int depth) {
    if (a.empty() || b.empty() || depth > 20) return false;
    if (a == b) return true;

    std::vector<std::vector<std::string>> ma, mb;
    bool isMa = parseMatrix(a, ma), isMb = parseMatrix(b, mb);
    if (isMa || isMb) {
        if (!(isMa && isMb) || ma.size() != mb.size()) return false;
        for (std::size_t r = 0; r < ma.size(); ++r)
            if (!allInOrder(ma[r], mb[r], depth)) return false;
        return true;
    }

    auto ua = latex::splitTopLevel(a, "\\cup"), ub = latex::splitTopLevel(b, "\\cup");
    if (ua.size() > 1 || ub.size() > 1) return allInOrder(ua, ub, depth);

    Bracketed ba, bb;
    bool isBa = parseBracketed(a, ba), isBb = parseBracketed(b, bb);
    if (isBa || isBb) {
        if (!(isBa && isBb)) return false;
        if (ba.open == "{" && bb.open == "{") return allAnyOrder(ba.elements, bb.elements, depth);
        if (ba.open != bb.open || ba.close != bb.close) return false;
        return allInOrder(ba.elements, bb.elements, depth);
    }

    auto la = latex::splitTopLevel(a, ","), lb = latex::splitTopLevel(b, ",");
    if (la.size() > 1 || lb.size() > 1) return allAnyOrder(la, lb, depth);

    bool integersEqual = false;
    if (bothIntegerLiterals(a, b, integersEqual)) return integersEqual;

    ExpressionValue ea = evaluateAnswer(a, 0), eb = evaluateAnswer(b, 0);
    if (ea.ok && eb.ok) {
        if (!close(ea.value, eb.value)) return false;
        if (!ea.hasVariables && !eb.hasVariables) return true;
        for (int variant = 1; variant < 3; ++variant) {
            ExpressionValue va = evaluateAnswer(a, variant), vb = evaluateAnswer(b, variant);
            if (!va.ok || !vb.ok || !close(va.value, vb.value)) return false;
        }
        return true;
    }

    // A base subscript written on one side only: 204_5 vs 204.
    static const std::regex kBase(R"(^([0-9A-Za-z]+)_(\d+)$)");
    std::smatch m;
    if (std::regex_match(a, m, kBase) && m[1].str() == b) return true;
    if (std::regex_match(b, m, kBase) && m[1].str() == a) return true;

    // Text answers compare case-insensitively ("East" vs "east").
    auto lettersOnly = [](const std::string& s) {
        return std::all_of(s.begin(), s.end(), [](char c) { return isAsciiLetter(c); });
    };
    if (lettersOnly(a) && lettersOnly(b) && a.size() == b.size() && a.size() >= 2) {
        return std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
            return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
        });
    }
    return false;
}

}  // namespace

bool answersEquivalent(const std::string& predicted, const std::string& gold) {
    return equivalentNormalized(normalizeAnswer(predicted), normalizeAnswer(gold), 0);
}

}  // namespace srs::core
