// Table-driven grading test. Every expected reward was decided by hand (a person reading
// the response and the gold answer), not produced by the code under test. The table
// covers every distinct answer format found in resources/data/math500_test.jsonl (see
// the comment above each group) plus wrong answers that must score 0.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/tasks/grading.h"

using srs::core::grade;
using srs::core::TaskKind;

namespace {

struct Case {
    const char* response;
    const char* gold;
    TaskKind kind;
    int reward;
};

constexpr TaskKind M = TaskKind::Math;
constexpr TaskKind G = TaskKind::Gsm8k;
constexpr TaskKind C = TaskKind::Choice;

const std::vector<Case>& cases() {
    static const std::vector<Case> table = {
        // --- polar / tuples with \left( \right) and \pi
        {R"(So $\boxed{\left( 3, \frac{\pi}{2} \right)}$.)", R"(\left( 3, \frac{\pi}{2} \right))", M, 1},
        {R"(\boxed{(3, \pi/2)})", R"(\left( 3, \frac{\pi}{2} \right))", M, 1},
        {R"(\boxed{(3, \frac{\pi}{3})})", R"(\left( 3, \frac{\pi}{2} \right))", M, 0},
        {R"(\boxed{(\frac{\pi}{2}, 3)})", R"(\left( 3, \frac{\pi}{2} \right))", M, 0},
        // --- fractions: \frac{a}{b}, \dfrac, \tfrac, \frac12, \frac 34, \frac9{19}, a/b, decimals
        {R"(\boxed{\frac{14}{3}})", R"(\frac{14}{3})", M, 1},
        {R"(\boxed{14/3})", R"(\frac{14}{3})", M, 1},
        {R"(\boxed{\dfrac{14}{3}})", R"(\frac{14}{3})", M, 1},
        {R"(\boxed{4.6667})", R"(\frac{14}{3})", M, 0},
        {R"(\boxed{\frac{3}{14}})", R"(\frac{14}{3})", M, 0},
        {R"(\boxed{\frac12})", R"(\frac{1}{2})", M, 1},
        {R"(\boxed{0.5})", R"(\frac{1}{2})", M, 1},
        {R"(\boxed{1/2})", R"(\frac{1}{2})", M, 1},
        {R"(\boxed{\tfrac{1}{2}})", R"(\frac{1}{2})", M, 1},
        {R"(\boxed{\frac 12})", R"(\frac{1}{2})", M, 1},
        {R"(\boxed{\frac{1}{3}})", R"(\frac{1}{2})", M, 0},
        {R"(\boxed{0.75})", R"(\frac 34)", M, 1},
        {R"(\boxed{3/4})", R"(\frac 34)", M, 1},
        {R"(\boxed{\frac{4}{3}})", R"(\frac 34)", M, 0},
        {R"(\boxed{\frac{9}{19}})", R"(\frac9{19})", M, 1},
        {R"(\boxed{\frac{19}{9}})", R"(\frac9{19})", M, 0},
        {R"(\boxed{\frac{5}{9}})", R"(\frac 59)", M, 1},
        {R"(\boxed{0.34})", R"(\dfrac{17}{50})", M, 1},
        {R"(\boxed{\frac{17}{50}})", R"(\dfrac{17}{50})", M, 1},
        {R"(\boxed{\frac{1}{3}})", R"(0.333)", M, 0},
        {R"(\boxed{0.333})", R"(\frac{1}{3})", M, 0},
        {R"(\boxed{-\frac{3}{8}})", R"(-\frac{3}{8})", M, 1},
        {R"(\boxed{\frac{-3}{8}})", R"(-\frac{3}{8})", M, 1},
        {R"(\boxed{\frac{3}{-8}})", R"(-\frac{3}{8})", M, 1},
        {R"(\boxed{\frac{3}{8}})", R"(-\frac{3}{8})", M, 0},
        {R"(\boxed{-0.96})", R"(-\frac{24}{25})", M, 1},
        {R"(\boxed{\frac{9a+11}{20}})", R"(\frac{11+9a}{20})", M, 1},
        {R"(\boxed{\frac{9a+11}{21}})", R"(\frac{11+9a}{20})", M, 0},
        // --- degrees in a \text unit after a brace-less \frac
        {R"(\boxed{\frac{270}{7}^\circ})", R"(\frac{270}7\text{ degrees})", M, 1},
        {R"(\boxed{\frac{270}{7}})", R"(\frac{270}7\text{ degrees})", M, 1},
        {R"(\boxed{38.57})", R"(\frac{270}7\text{ degrees})", M, 0},
        // --- mixed numbers
        {R"(\boxed{137.5})", R"(137 \frac{1}{2})", M, 1},
        {R"(\boxed{\frac{275}{2}})", R"(137 \frac{1}{2})", M, 1},
        {R"(\boxed{68.5})", R"(137 \frac{1}{2})", M, 0},
        {R"(\boxed{9/5})", R"(1\frac{4}{5})", M, 1},
        {R"(\boxed{1.8})", R"(1\frac{4}{5})", M, 1},
        {R"(\boxed{4/5})", R"(1\frac{4}{5})", M, 0},
        // --- thousands separators with \! and dollars
        {R"(\boxed{10080})", R"(10,\!080)", M, 1},
        {R"(\boxed{10,080})", R"(10,\!080)", M, 1},
        {R"(\boxed{10800})", R"(10,\!080)", M, 0},
        {R"(\boxed{11111111100})", R"(11,\! 111,\! 111,\! 100)", M, 1},
        {R"(\boxed{11111111000})", R"(11,\! 111,\! 111,\! 100)", M, 0},
        {R"(\boxed{\$32,348})", R"(\$32,\!348)", M, 1},
        {R"(\boxed{32348})", R"(\$32,\!348)", M, 1},
        {R"(\boxed{32,349})", R"(\$32,\!348)", M, 0},
        {R"(\boxed{18.9})", R"(\$18.90)", M, 1},
        {R"(The total is $18.90.)", R"(\$18.90)", M, 1},
        {R"(\boxed{19.80})", R"(\$18.90)", M, 0},
        {R"(\boxed{36 \text{ dollars}})", R"(\$36)", M, 1},
        {R"(\boxed{58500})", R"(58,500)", M, 1},
        {R"(\boxed{58.5})", R"(58,500)", M, 0},
        {R"(\boxed{27,648})", R"(27648)", M, 1},
        {R"(\boxed{1\,000})", R"(1000)", M, 1},
        // --- degrees
        {R"(\boxed{106})", R"(106^\circ)", M, 1},
        {R"(\boxed{106^{\circ}})", R"(106^\circ)", M, 1},
        {"\\boxed{106\xC2\xB0}", R"(106^\circ)", M, 1},
        {R"(\boxed{74^\circ})", R"(106^\circ)", M, 0},
        {R"(\boxed{90 degrees})", R"(90^\circ)", M, 1},
        // --- units in \mbox / \text, with ^2
        {R"(\boxed{15})", R"(15\mbox{ cm}^2)", M, 1},
        {R"(\boxed{15 \text{ cm}^2})", R"(15\mbox{ cm}^2)", M, 1},
        {R"(\boxed{15\text{ cm}^2})", R"(15\mbox{ cm}^2)", M, 1},
        {R"(\boxed{16 \text{ cm}^2})", R"(15\mbox{ cm}^2)", M, 0},
        {R"(\boxed{864})", R"(864 \mbox{ inches}^2)", M, 1},
        {R"(\boxed{5.4})", R"(5.4 \text{ cents})", M, 1},
        {R"(\boxed{5.4 cents})", R"(5.4 \text{ cents})", M, 1},
        {R"(\boxed{54})", R"(5.4 \text{ cents})", M, 0},
        // --- square roots: \sqrt{n}, \sqrt n, \sqrt2, coefficients, fractions with roots
        {R"(\boxed{\sqrt{51}})", R"(\sqrt{51})", M, 1},
        {R"(\boxed{\sqrt5})", R"(\sqrt{5})", M, 1},
        {R"(\boxed{\sqrt 5})", R"(\sqrt{5})", M, 1},
        {R"(\boxed{\sqrt{6}})", R"(\sqrt{5})", M, 0},
        {R"(\boxed{11\sqrt{2}})", R"(11\sqrt2)", M, 1},
        {R"(\boxed{\sqrt{242}})", R"(11\sqrt2)", M, 1},
        {R"(\boxed{11\sqrt{3}})", R"(11\sqrt2)", M, 0},
        {R"(\boxed{2 \sqrt{113}})", R"(2\sqrt{113})", M, 1},
        {R"(\boxed{\frac{1}{5}\sqrt{21}})", R"(\frac{\sqrt{21}}{5})", M, 1},
        {R"(\boxed{\frac{1}{\sqrt{3}}})", R"(\frac{\sqrt{3}}{3})", M, 1},
        {R"(\boxed{\frac{3}{4}\sqrt{3}})", R"(\frac{3\sqrt{3}}{4})", M, 1},
        {R"(\boxed{\frac{3}{4}\sqrt{2}})", R"(\frac{3\sqrt{3}}{4})", M, 0},
        {R"(\boxed{-\sqrt3})", R"(-\sqrt{3})", M, 1},
        {R"(\boxed{\sqrt{3}})", R"(-\sqrt{3})", M, 0},
        {R"(\boxed{2\sqrt{3}+1})", R"(1+2\sqrt{3})", M, 1},
        {R"(\boxed{\sqrt{768}})", R"(16 \sqrt{3})", M, 1},
        {R"(\boxed{70\sqrt{2}})", R"(70 \sqrt{2})", M, 1},
        {R"(\boxed{\sqrt{20}})", R"(2 \sqrt{5})", M, 1},
        {R"(\boxed{11(\sqrt5+1)})", R"(11 \sqrt{5} + 11)", M, 1},
        {R"(\boxed{6\sqrt{2}})", R"(6\sqrt{2})", M, 1},
        {R"(\boxed{3\sqrt{13}})", R"(3\sqrt{13})", M, 1},
        {R"(\boxed{\frac{1}{\sqrt{2}}})", R"(\frac{\sqrt{2}}{2})", M, 1},
        // --- pi
        {R"(\boxed{12 \pi})", R"(12\pi)", M, 1},
        {R"(\boxed{12})", R"(12\pi)", M, 0},
        {R"(\boxed{37.7})", R"(12\pi)", M, 0},
        {R"(\boxed{\pi})", R"(\pi)", M, 1},
        {R"(\boxed{288\pi})", R"(288 \pi)", M, 1},
        {R"(\boxed{20000/\pi})", R"(\frac{20000}{\pi})", M, 1},
        {R"(\boxed{2\pi + 18})", R"(18+2\pi)", M, 1},
        {R"(\boxed{-\pi/6})", R"(-\frac{\pi}{6})", M, 1},
        {R"(\boxed{\frac{\pi}{6}})", R"(-\frac{\pi}{6})", M, 0},
        {R"(\boxed{7\pi})", R"(7\pi)", M, 1},
        {R"(\boxed{8\pi})", R"(8 \pi)", M, 1},
        // --- intervals and unions
        {R"(\boxed{[\pi^2/8, 5\pi^2/4]})", R"(\left[ \frac{\pi^2}{8}, \frac{5 \pi^2}{4} \right])", M, 1},
        {R"(\boxed{(\frac{\pi^2}{8}, \frac{5\pi^2}{4})})", R"(\left[ \frac{\pi^2}{8}, \frac{5 \pi^2}{4} \right])", M, 0},
        {R"(\boxed{(-\infty,0]})", R"((-\infty, 0])", M, 1},
        {R"(\boxed{(-\infty, 0)})", R"((-\infty, 0])", M, 0},
        {R"(\boxed{(-\infty,2)\cup(3,\infty)})", R"((-\infty, 2) \cup (3, \infty))", M, 1},
        {R"(\boxed{(-\infty, 2] \cup (3, \infty)})", R"((-\infty, 2) \cup (3, \infty))", M, 0},
        {R"(\boxed{(0,9) \cup (9,36)})", R"((0,9) \cup (9,36))", M, 1},
        {R"(\boxed{(0,36)})", R"((0,9) \cup (9,36))", M, 0},
        {R"(\boxed{(3, 4]})", R"((3,4])", M, 1},
        {R"(\boxed{[3,4]})", R"((3,4])", M, 0},
        {R"(\boxed{[-2, 7]})", R"(x \in [-2,7])", M, 1},
        {R"(\boxed{x \in [-2, 7]})", R"(x \in [-2,7])", M, 1},
        {R"(\boxed{[-2, 7)})", R"(x \in [-2,7])", M, 0},
        {R"(\boxed{(0.6, 8/3]})", R"(\left(\frac{3}{5},\frac{8}{3}\right])", M, 1},
        {R"(\boxed{\left(-\sqrt3,\sqrt3\right)})", R"((-\sqrt{3}, \sqrt{3}))", M, 1},
        {R"(\boxed{(2, \infty)})", R"((2,\infty))", M, 1},
        {R"(\boxed{(5,\infty)})", R"((2,\infty))", M, 0},
        // --- tuples / ordered pairs
        {R"(\boxed{(1, -16, -4, 43)})", R"((1,-16,-4,43))", M, 1},
        {R"(\boxed{(1,-16,43,-4)})", R"((1,-16,-4,43))", M, 0},
        {R"(\boxed{(1,-16,-4)})", R"((1,-16,-4,43))", M, 0},
        {R"(\boxed{(1.5, -13)})", R"(\left( \frac{3}{2}, -13 \right))", M, 1},
        {R"(\boxed{(-2,8)})", R"((8,-2))", M, 0},
        {R"(\boxed{(6, 31, -1)})", R"((6,31,-1))", M, 1},
        {R"(\boxed{(15,-29)})", R"((15,-29))", M, 1},
        // --- several answers separated by commas (any order)
        {R"(\boxed{-2, 1})", R"(1,-2)", M, 1},
        {R"(\boxed{1})", R"(1,-2)", M, 0},
        {R"(\boxed{1, -2, 3})", R"(1,-2)", M, 0},
        {R"(\boxed{1, -2})", R"(-2,1)", M, 1},
        {R"(\boxed{3,5,7})", R"(3, 5, 7)", M, 1},
        {R"(\boxed{3, 5})", R"(3, 5, 7)", M, 0},
        {R"(\boxed{\{-2, 1\pm\sqrt{5}\}})", R"(\{1\pm\sqrt{5},-2\})", M, 1},
        {R"(\boxed{1\pm\sqrt{5}})", R"(\{1\pm\sqrt{5},-2\})", M, 0},
        {R"(\boxed{1\pm\sqrt{19}})", R"(1 \pm \sqrt{19})", M, 1},
        {R"(\boxed{1\pm\sqrt{17}})", R"(1 \pm \sqrt{19})", M, 0},
        {R"(\boxed{3\pm2\sqrt2})", R"(3 \pm 2 \sqrt{2})", M, 1},
        // --- matrices and vectors (\begin{pmatrix})
        {R"(\boxed{\begin{pmatrix}-1&0\\0&-1\end{pmatrix}})", R"(\begin{pmatrix} -1 & 0 \\ 0 & -1 \end{pmatrix})", M, 1},
        {R"(\boxed{\begin{bmatrix} -1 & 0 \\ 0 & -1 \end{bmatrix}})", R"(\begin{pmatrix} -1 & 0 \\ 0 & -1 \end{pmatrix})", M, 1},
        {R"(\boxed{\begin{pmatrix} 1 & 0 \\ 0 & 1 \end{pmatrix}})", R"(\begin{pmatrix} -1 & 0 \\ 0 & -1 \end{pmatrix})", M, 0},
        {R"(\boxed{\begin{pmatrix} -\frac{1}{3} \\ \frac{2}{3} \\ \frac{5}{3} \end{pmatrix}})", R"(\begin{pmatrix} -1/3 \\ 2/3 \\ 5/3 \end{pmatrix})", M, 1},
        {R"(\boxed{\begin{pmatrix} -\frac{1}{3} \\ \frac{5}{3} \\ \frac{2}{3} \end{pmatrix}})", R"(\begin{pmatrix} -1/3 \\ 2/3 \\ 5/3 \end{pmatrix})", M, 0},
        {R"(\boxed{\begin{pmatrix} \frac{16}{49} \\ \frac{48}{49} \\ \frac{24}{49} \end{pmatrix}})", R"(\begin{pmatrix} 16/49 \\ 48/49 \\ 24/49 \end{pmatrix})", M, 1},
        {R"(\boxed{\begin{pmatrix} -18 \\ -49 \\ 96 \end{pmatrix}})", R"(\begin{pmatrix} -18 \\ -49 \\ 96 \end{pmatrix})", M, 1},
        {R"(\boxed{\begin{pmatrix} -18 \\ -49 \end{pmatrix}})", R"(\begin{pmatrix} -18 \\ -49 \\ 96 \end{pmatrix})", M, 0},
        {R"(\boxed{\begin{pmatrix} 0.2 \\ -3.6 \end{pmatrix}})", R"(\begin{pmatrix} 1/5 \\ -18/5 \end{pmatrix})", M, 1},
        // --- numbers in other bases
        {R"(\boxed{204_5})", R"(204_5)", M, 1},
        {R"(\boxed{204})", R"(204_5)", M, 1},
        {R"(\boxed{204_6})", R"(204_5)", M, 0},
        {R"(\boxed{54})", R"(204_5)", M, 0},
        {R"(\boxed{4210_5})", R"(4210_{5})", M, 1},
        {R"(\boxed{2516_{8}})", R"(2516_8)", M, 1},
        {R"(\boxed{1358})", R"(2516_8)", M, 0},
        {R"(\boxed{1011_2})", R"(1011_2)", M, 1},
        {R"(\boxed{1101_2})", R"(1011_2)", M, 0},
        // --- complex numbers
        {R"(\boxed{-2+7i})", R"(-2 + 7i)", M, 1},
        {R"(\boxed{7i - 2})", R"(-2 + 7i)", M, 1},
        {R"(\boxed{-2-7i})", R"(-2 + 7i)", M, 0},
        {R"(\boxed{1-12i})", R"(1 - 12i)", M, 1},
        {R"(\boxed{6 + 9i})", R"(6+9i)", M, 1},
        {R"(\boxed{1+274i})", R"(1+274i)", M, 1},
        // --- text answers
        {R"(\boxed{\text{Evelyn}})", R"(\text{Evelyn})", M, 1},
        {R"(\boxed{Evelyn})", R"(\text{Evelyn})", M, 1},
        {R"(\boxed{\text{Navin}})", R"(\text{Evelyn})", M, 0},
        {R"(\boxed{East})", R"(\text{east})", M, 1},
        {R"(\boxed{\text{seat}})", R"(\text{east})", M, 0},
        {R"(\boxed{\text{odd}})", R"(\text{even})", M, 0},
        {R"(\boxed{\text{ellipse}})", R"(\text{ellipse})", M, 1},
        {R"(\boxed{\text{parabola}})", R"(\text{ellipse})", M, 0},
        // --- lettered options inside MATH answers
        {R"(\boxed{C})", R"(\text{(C)})", M, 1},
        {R"(\boxed{(C)})", R"(\text{(C)})", M, 1},
        {R"(\boxed{\text{(C)}})", R"(\text{(C)})", M, 1},
        {R"(\boxed{B})", R"(\text{(C)})", M, 0},
        {R"(\boxed{\text{(E)}})", R"(\text{(B)})", M, 0},
        // --- polynomials and expressions with variables
        {R"(\boxed{x^3 + 3x - 6})", R"(x^3+3x-6)", M, 1},
        {R"(\boxed{3x + x^3 - 6})", R"(x^3+3x-6)", M, 1},
        {R"(\boxed{x^3+3x+6})", R"(x^3+3x-6)", M, 0},
        {R"(\boxed{3-13x})", R"(-13x+3)", M, 1},
        {R"(\boxed{2(3r^2-2r-12)})", R"(6r^2-4r-24)", M, 1},
        {R"(\boxed{6r^2-4r+24})", R"(6r^2-4r-24)", M, 0},
        {R"(\boxed{(b+2)(a+5)})", R"((a+5)(b+2))", M, 1},
        {R"(\boxed{(a+5)(b+3)})", R"((a+5)(b+2))", M, 0},
        {R"(\boxed{2(k+1)})", R"(2k+2)", M, 1},
        {R"(\boxed{2k})", R"(2k+2)", M, 0},
        {R"(\boxed{-q+p})", R"(p - q)", M, 1},
        {R"(\boxed{q-p})", R"(p - q)", M, 0},
        {R"(\boxed{8n^2+4n+1})", R"(8n^2 + 4n + 1)", M, 1},
        {R"(\boxed{3R^2})", R"(3R^2)", M, 1},
        {R"(\boxed{5r^{5}})", R"(5r^5)", M, 1},
        {R"(\boxed{5r^4})", R"(5r^5)", M, 0},
        {R"(\boxed{x^5-x^4+x^3-x^2+x-1})", R"(x^5 - x^4 + x^3 - x^2 + x - 1)", M, 1},
        {R"(\boxed{15x-80})", R"(15x - 80)", M, 1},
        {R"(\boxed{\cot x})", R"(\cot x)", M, 1},
        {R"(\boxed{\tan x})", R"(\cot x)", M, 0},
        // --- equations and a leading "x =" / "k="
        {R"(\boxed{y=2x+3})", R"(y = 2x + 3)", M, 1},
        {R"(\boxed{2x+3})", R"(y = 2x + 3)", M, 1},
        {R"(\boxed{y = 3x + 2})", R"(y = 2x + 3)", M, 0},
        {R"(\boxed{-2x})", R"(y = -2x)", M, 1},
        {R"(\boxed{5x-7y+11z+4=0})", R"(5x - 7y + 11z + 4 = 0)", M, 1},
        {R"(\boxed{5})", R"(x=5)", M, 1},
        {R"(\boxed{x = 6})", R"(x=5)", M, 0},
        {R"(\boxed{x = 5})", R"(5)", M, 1},
        {R"(\boxed{k=3})", R"(3)", M, 1},
        // --- decimals, scientific notation, trailing .0, integers, negatives
        {R"(\boxed{0.0000672})", R"(.0000672)", M, 1},
        {R"(\boxed{6.72 \times 10^{-5}})", R"(.0000672)", M, 1},
        {R"(\boxed{6.72e-5})", R"(.0000672)", M, 1},
        {R"(\boxed{0.0000673})", R"(.0000672)", M, 0},
        {R"(\boxed{0.35625})", R"(.35625)", M, 1},
        {R"(\boxed{\frac{3}{20}})", R"(0.15)", M, 1},
        {R"(\boxed{\frac{5}{4}})", R"(1.25)", M, 1},
        {R"(\boxed{1.250})", R"(1.25)", M, 1},
        {R"(\boxed{326.50})", R"(326.5)", M, 1},
        {R"(\boxed{9/2})", R"(4.5)", M, 1},
        {R"(\boxed{3.2})", R"(3.21)", M, 0},
        {R"(\boxed{10.0})", R"(10)", M, 1},
        {R"(\boxed{10.00})", R"(10)", M, 1},
        {R"(\boxed{100})", R"(10)", M, 0},
        {R"(\boxed{1.5 \times 10^3})", R"(1500)", M, 1},
        {R"(\boxed{-1})", R"(-1)", M, 1},
        {R"(\boxed{1})", R"(-1)", M, 0},
        {R"(\boxed{-5})", R"(5)", M, 0},
        {R"(\boxed{0})", R"(0)", M, 1},
        {R"(\boxed{0.0})", R"(0)", M, 1},
        // --- percent
        {R"(\boxed{25\%})", R"(25)", M, 1},
        {R"(\boxed{25%})", R"(25\%)", M, 1},
        {R"(\boxed{30\%})", R"(25)", M, 0},
        // --- extraction: \fbox, brace-less \boxed, the last box, no box, nothing, cut off
        {R"(The area is \fbox{7}.)", R"(7)", M, 1},
        {R"(Hence $\boxed 5$.)", R"(5)", M, 1},
        {R"(First \boxed{3}; on reflection the answer is \boxed{4}.)", R"(4)", M, 1},
        {R"(First \boxed{3}; on reflection the answer is \boxed{4}.)", R"(3)", M, 0},
        {R"(Adding them up, the answer is 42.)", R"(42)", M, 1},
        {R"(I get 41, then 42 apples.)", R"(41)", M, 0},
        {R"(I do not know.)", R"(0)", M, 0},
        {R"(So \boxed{3}. Checking: \boxed{\frac{1)", R"(3)", M, 1},
        {R"(\boxed{\frac{1}{\sqrt{2}}})", R"(\frac{\sqrt2}{2})", M, 1},
        // --- GSM8K
        {"She makes 9 * 2 = $18.\n#### 18", "18", G, 1},
        {R"(She makes $18 every day.)", "18", G, 1},
        {R"(\boxed{18})", "18", G, 1},
        {R"(\boxed{\$18})", "18", G, 1},
        {R"(\boxed{18.00})", "18", G, 1},
        {R"(\boxed{18 \text{ dollars}})", "18", G, 1},
        {R"(\boxed{17})", "18", G, 0},
        {R"(The answer is 18 eggs.)", "18", G, 1},
        {R"(The profit is $70,000.)", "70000", G, 1},
        {R"(He made 70,000 dollars of profit)", "70000", G, 1},
        {R"(He made 7,000 dollars of profit)", "70000", G, 0},
        {R"(The answer is 5. Wait, no: 6.)", "5", G, 0},
        {"work\n#### 1,234", "Sum is 1234.\n#### 1,234", G, 1},
        {R"(\boxed{1234})", "Sum is 1234.\n#### 1,234", G, 1},
        {R"(The temperature fell to -3 degrees.)", "-3", G, 1},
        {R"(It drops by 10-3 = 7 degrees)", "7", G, 1},
        {R"(The difference is 10-3)", "3", G, 1},
        {R"(The difference is 10-3)", "-3", G, 0},
        {R"(It takes 1/2 hour)", "0.5", G, 1},
        {R"(Three quarters: 3/4)", "0.75", G, 1},
        {R"(No idea.)", "4", G, 0},
        {R"(\boxed{540})", "540", G, 1},
        {R"(\boxed{450})", "540", G, 0},
        // --- multiple choice
        {R"(\boxed{B})", "B", C, 1},
        {R"(\boxed{(B)})", "B", C, 1},
        {R"(\boxed{\text{B}})", "B", C, 1},
        {R"(\boxed{B})", "C", C, 0},
        {R"(The answer is (C).)", "C", C, 1},
        {R"(Answer: D)", "D", C, 1},
        {R"(So the answer is A because the rest fail.)", "A", C, 1},
        {"I first thought B. is right\nFinal answer: C", "C", C, 1},
        {"B. 42", "B", C, 1},
        {R"((E))", "E", C, 1},
        {R"(A)", "a", C, 1},
        {R"(\boxed{B})", "(B)", C, 1},
        {R"(Options (A) 3 and (B) 4 both look close; the answer is (B).)", "B", C, 1},
        {R"(Options (A) 3 and (B) 4 both look close; the answer is (B).)", "A", C, 0},
        {R"(None of these.)", "A", C, 0},
        {R"(The answer is a mystery.)", "A", C, 0},
        {R"(Answer: Both are right)", "B", C, 0},
        {R"(\boxed{C) 12})", "C", C, 1},
        {R"(\boxed{D})", "(B)", C, 0},
    };
    return table;
}

const char* kindName(TaskKind k) { return k == M ? "math" : k == G ? "gsm8k" : "choice"; }

}  // namespace

TEST(GradingTable, HasAtLeast150HandDecidedCases) {
    EXPECT_GE(cases().size(), 150u);
    int negatives = 0;
    for (const auto& c : cases()) negatives += c.reward == 0;
    EXPECT_GE(negatives, 50);  // wrong answers are checked as much as right ones
}

TEST(GradingTable, EveryCaseGetsTheHandDecidedReward) {
    int failures = 0;
    for (std::size_t i = 0; i < cases().size(); ++i) {
        const Case& c = cases()[i];
        auto result = grade(c.response, c.gold, c.kind);
        if (result.reward != c.reward) {
            ++failures;
            ADD_FAILURE() << "case " << i << " [" << kindName(c.kind) << "] response: " << c.response
                          << "\n  gold: " << c.gold << "\n  extracted: '" << result.extracted
                          << "' reward " << result.reward << ", expected " << c.reward;
        }
    }
    EXPECT_EQ(failures, 0);
}
