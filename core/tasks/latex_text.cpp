#include "core/tasks/latex_text.h"

namespace srs::core::latex {

bool isAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool isDigit(char c) { return c >= '0' && c <= '9'; }

std::size_t matchingClose(const std::string& s, std::size_t open) {
    if (open >= s.size()) return std::string::npos;
    char o = s[open];
    char c = o == '{' ? '}' : o == '(' ? ')' : o == '[' ? ']' : '\0';
    if (!c) return std::string::npos;
    int depth = 0;
    for (std::size_t i = open; i < s.size(); ++i) {
        if (s[i] == '\\' && i + 1 < s.size() && (s[i + 1] == '{' || s[i + 1] == '}')) {
            ++i;  // escaped brace: a literal, not grouping
            continue;
        }
        if (s[i] == o) ++depth;
        else if (s[i] == c && --depth == 0) return i;
    }
    return std::string::npos;
}

bool readArgument(const std::string& s, std::size_t pos, std::string& arg, std::size_t& end) {
    while (pos < s.size() && s[pos] == ' ') ++pos;
    if (pos >= s.size()) return false;
    if (s[pos] == '{') {
        std::size_t close = matchingClose(s, pos);
        if (close == std::string::npos) return false;
        arg = s.substr(pos + 1, close - pos - 1);
        end = close + 1;
        return true;
    }
    if (s[pos] == '\\') {  // a command as the argument: \frac\pi2
        std::size_t j = pos + 1;
        while (j < s.size() && isAsciiLetter(s[j])) ++j;
        if (j == pos + 1 && j < s.size()) ++j;
        arg = s.substr(pos, j - pos);
        end = j;
        return true;
    }
    if (s[pos] == '}' || s[pos] == ')' || s[pos] == ']') return false;
    arg = s.substr(pos, 1);
    end = pos + 1;
    return true;
}

std::string trim(const std::string& s) {
    const char* ws = " \t\r\n\f\v";
    std::size_t b = s.find_first_not_of(ws);
    if (b == std::string::npos) return {};
    std::size_t e = s.find_last_not_of(ws);
    return s.substr(b, e - b + 1);
}

void replaceAll(std::string& s, const std::string& from, const std::string& to) {
    if (from.empty()) return;
    std::size_t pos = 0;
    while ((pos = s.find(from, pos)) != std::string::npos) {
        s.replace(pos, from.size(), to);
        pos += to.size();
    }
}

void removeCommand(std::string& s, const std::string& name) {
    std::string cmd = "\\" + name;
    std::size_t pos = 0;
    while ((pos = s.find(cmd, pos)) != std::string::npos) {
        std::size_t after = pos + cmd.size();
        if (after < s.size() && isAsciiLetter(s[after])) {
            pos = after;
            continue;
        }
        s.erase(pos, cmd.size());
    }
}

std::vector<std::string> splitTopLevel(const std::string& s, const std::string& sep) {
    std::vector<std::string> parts;
    int depth = 0;
    std::size_t start = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        char ch = s[i];
        if (ch == '\\' && i + 1 < s.size() && (s[i + 1] == '{' || s[i + 1] == '}')) {
            depth += s[i + 1] == '{' ? 1 : -1;
            ++i;
            continue;
        }
        if (ch == '(' || ch == '[' || ch == '{') ++depth;
        else if (ch == ')' || ch == ']' || ch == '}') --depth;
        else if (depth == 0 && s.compare(i, sep.size(), sep) == 0) {
            parts.push_back(s.substr(start, i - start));
            i += sep.size() - 1;
            start = i + 1;
        }
    }
    parts.push_back(s.substr(start));
    return parts;
}

}  // namespace srs::core::latex
