#include "core/tasks/math_expression.h"

#include <cmath>
#include <cstdlib>

#include "core/tasks/latex_text.h"

namespace srs::core {
namespace {

constexpr double kPi = 3.14159265358979323846;

/// Recursive-descent parser; any unsupported construct sets m_fail.
class Parser {
public:
    Parser(const std::string& s, int variant) : m_s(s), m_variant(variant) {}

    ExpressionValue run() {
        ExpressionValue out;
        if (m_s.empty()) return out;
        double v = parseSum();
        if (m_fail || m_pos != m_s.size() || std::isnan(v)) return out;
        out.ok = true;
        out.value = v;
        out.hasVariables = m_vars;
        return out;
    }

private:
    const std::string& m_s;
    int m_variant;
    std::size_t m_pos = 0;
    bool m_fail = false;
    bool m_vars = false;
    int m_depth = 0;

    bool atEnd() const { return m_pos >= m_s.size(); }
    char peek() const { return atEnd() ? '\0' : m_s[m_pos]; }
    bool startsWith(const char* t) const { return m_s.compare(m_pos, std::char_traits<char>::length(t), t) == 0; }

    /// The command at m_pos ("\frac" -> "frac"), without consuming it.
    std::string peekCommand() const {
        if (peek() != '\\') return {};
        std::size_t j = m_pos + 1;
        while (j < m_s.size() && latex::isAsciiLetter(m_s[j])) ++j;
        return m_s.substr(m_pos + 1, j - m_pos - 1);
    }

    double fail() {
        m_fail = true;
        return 0.0;
    }

    double parseSum() {
        if (++m_depth > 200) return fail();
        double v = parseProduct();
        while (!m_fail && (peek() == '+' || peek() == '-')) {
            char op = m_s[m_pos++];
            double r = parseProduct();
            v = op == '+' ? v + r : v - r;
        }
        --m_depth;
        return v;
    }

    bool startsFactor() const {
        char c = peek();
        if (c == '(' || c == '{' || latex::isDigit(c) || c == '.' || latex::isAsciiLetter(c)) return true;
        if (c == '\\') {
            std::string cmd = peekCommand();
            return cmd == "frac" || cmd == "sqrt" || cmd == "pi" || cmd == "infty";
        }
        return false;
    }

    double parseProduct() {
        double v = parseUnary();
        while (!m_fail) {
            std::string cmd = peekCommand();
            if (peek() == '*' || cmd == "cdot" || cmd == "times") {
                m_pos += peek() == '*' ? 1 : cmd.size() + 1;
                v *= parseUnary();
            } else if (peek() == '/' || cmd == "div") {
                m_pos += peek() == '/' ? 1 : cmd.size() + 1;
                double den = parseUnary();
                if (den == 0.0) return fail();  // 1/0 is not an answer (only \infty is infinite)
                v /= den;
            } else if (startsFactor()) {
                v *= parsePower();  // implicit multiplication: 2\pi, 3x, (a)(b)
            } else {
                break;
            }
        }
        return v;
    }

    double parseUnary() {
        if (peek() == '-') {
            ++m_pos;
            return -parseUnary();
        }
        if (peek() == '+') {
            ++m_pos;
            return parseUnary();
        }
        return parsePower();
    }

    double parsePower() {
        double base = parsePrimary();
        if (m_fail || peek() != '^') return base;
        ++m_pos;
        double exponent;
        if (peek() == '{' || peek() == '(') {
            exponent = parseGroup();
        } else if (latex::isDigit(peek())) {
            exponent = m_s[m_pos++] - '0';  // x^23 in TeX is x^2 * 3
        } else if (peek() == '-') {
            ++m_pos;
            exponent = -parsePower();
        } else {
            exponent = parsePrimary();
        }
        return std::pow(base, exponent);
    }

    double parseGroup() {
        char open = peek();
        char close = open == '{' ? '}' : ')';
        ++m_pos;
        double v = parseSum();
        if (peek() != close) return fail();
        ++m_pos;
        return v;
    }

    double parseNumber() {
        std::size_t start = m_pos;
        while (latex::isDigit(peek())) ++m_pos;
        if (peek() == '.') {
            ++m_pos;
            while (latex::isDigit(peek())) ++m_pos;
        }
        if (m_pos - start == 1 && m_s[start] == '.') return fail();
        // Scientific notation: 1.5e3, 2E-4 (an 'e' not followed by a digit is a variable).
        if ((peek() == 'e' || peek() == 'E') && m_pos + 1 < m_s.size()) {
            std::size_t j = m_pos + 1;
            if (m_s[j] == '+' || m_s[j] == '-') ++j;
            if (j < m_s.size() && latex::isDigit(m_s[j])) {
                m_pos = j;
                while (latex::isDigit(peek())) ++m_pos;
            }
        }
        return std::strtod(m_s.substr(start, m_pos - start).c_str(), nullptr);
    }

    double variableValue(char c) const {
        // Fixed, letter-specific, irrational-ish values; three independent assignments.
        static const double kSeeds[3] = {0.6180339887, 0.4142135623, 0.7320508075};
        double seed = kSeeds[m_variant % 3];
        double x = std::fmod(static_cast<double>(static_cast<unsigned char>(c)) * seed * 7.31, 1.0);
        return 0.75 + 1.5 * x + 0.01 * (m_variant + 1);
    }

    double parseCommandArgument() {
        if (peek() == '{') return parseGroup();
        // \sqrt2, \frac12: a single digit or letter argument
        if (latex::isDigit(peek())) return m_s[m_pos++] - '0';
        if (peek() == '\\') return parsePrimary();
        if (latex::isAsciiLetter(peek())) {
            m_vars = true;
            return variableValue(m_s[m_pos++]);
        }
        return fail();
    }

    double parsePrimary() {
        if (m_fail || atEnd()) return fail();
        char c = peek();
        if (latex::isDigit(c) || c == '.') return parseNumber();
        if (c == '(' || c == '{') return parseGroup();
        if (c == '\\') {
            std::string cmd = peekCommand();
            m_pos += cmd.size() + 1;
            if (cmd == "pi") return kPi;
            if (cmd == "infty") return INFINITY;
            if (cmd == "frac") {
                double num = parseCommandArgument();
                double den = parseCommandArgument();
                if (den == 0.0) return fail();
                return num / den;
            }
            if (cmd == "sqrt") {
                double index = 2.0;
                if (peek() == '[') {
                    ++m_pos;
                    index = parseSum();
                    if (peek() != ']') return fail();
                    ++m_pos;
                }
                double arg = parseCommandArgument();
                if (arg < 0) return fail();
                return std::pow(arg, 1.0 / index);
            }
            return fail();  // \pm, \sin, \text, ... are not arithmetic here
        }
        if (latex::isAsciiLetter(c)) {
            std::size_t run = 0;
            while (m_pos + run < m_s.size() && latex::isAsciiLetter(m_s[m_pos + run])) ++run;
            if (run >= 3) return fail();  // a word ("east", "even"), not x*y*z
            m_vars = true;
            return variableValue(m_s[m_pos++]);
        }
        return fail();
    }
};

}  // namespace

ExpressionValue evaluateExpression(const std::string& expr, int variant) {
    Parser parser(expr, variant);
    return parser.run();
}

}  // namespace srs::core
