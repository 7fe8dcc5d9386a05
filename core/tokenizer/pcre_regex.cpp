#define PCRE2_CODE_UNIT_WIDTH 8
#include "core/tokenizer/pcre_regex.h"

#include <pcre2.h>

#include "core/error.h"

namespace srs::core {
namespace {

std::string pcreMessage(int code) {
    PCRE2_UCHAR buffer[256];
    int n = pcre2_get_error_message(code, buffer, sizeof buffer);
    return n < 0 ? "PCRE2 error " + std::to_string(code) : std::string(reinterpret_cast<char*>(buffer));
}

/// Per-thread match data, match context and JIT stack (PCRE2 code objects are shareable,
/// these are not).
struct ThreadMatchState {
    pcre2_match_data* data = nullptr;
    pcre2_match_context* context = nullptr;
    pcre2_jit_stack* jitStack = nullptr;
    ThreadMatchState() {
        data = pcre2_match_data_create(1, nullptr);
        context = pcre2_match_context_create(nullptr);
        jitStack = pcre2_jit_stack_create(32 * 1024, 1024 * 1024, nullptr);
        if (context) {
            // Bounds keep a hostile pattern from running for ever (catastrophic backtracking).
            pcre2_set_match_limit(context, 10'000'000);
            pcre2_set_depth_limit(context, 100'000);
            if (jitStack) pcre2_jit_stack_assign(context, nullptr, jitStack);
        }
    }
    ~ThreadMatchState() {
        if (jitStack) pcre2_jit_stack_free(jitStack);
        if (context) pcre2_match_context_free(context);
        if (data) pcre2_match_data_free(data);
    }
};

ThreadMatchState& threadState() {
    thread_local ThreadMatchState state;
    return state;
}

}  // namespace

PcreRegex::PcreRegex(const std::string& pattern, bool literal, const std::string& where)
    : m_pattern(pattern), m_where(where) {
    uint32_t options = PCRE2_UTF | PCRE2_MATCH_INVALID_UTF;
    options |= literal ? PCRE2_LITERAL : PCRE2_UCP;  // UCP: \s, \w, \d are Unicode-aware
    int errorCode = 0;
    PCRE2_SIZE errorOffset = 0;
    pcre2_code* code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(),
                                     options, &errorCode, &errorOffset, nullptr);
    if (!code)
        throw FormatError(where + ": invalid regex at offset " + std::to_string(errorOffset) + ": " +
                          pcreMessage(errorCode));
    // JIT is an optimisation only: the interpreter is used where JIT is unavailable.
    (void)pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
    m_code = code;
}

PcreRegex::~PcreRegex() { pcre2_code_free(static_cast<pcre2_code*>(m_code)); }

void PcreRegex::findAll(std::string_view text,
                        std::vector<std::pair<std::size_t, std::size_t>>& out) const {
    auto* code = static_cast<const pcre2_code*>(m_code);
    ThreadMatchState& state = threadState();
    if (!state.data || !state.context) throw Error("PCRE2: out of memory creating match data");
    const auto* subject = reinterpret_cast<PCRE2_SPTR>(text.data());
    const std::size_t n = text.size();
    std::size_t offset = 0;
    while (offset <= n) {
        int rc = pcre2_match(code, subject, n, offset, 0, state.data, state.context);
        if (rc == PCRE2_ERROR_NOMATCH) break;
        if (rc < 0)
            throw Error(m_where + ": regex match failed at byte " + std::to_string(offset) + ": " +
                        pcreMessage(rc));
        const PCRE2_SIZE* ov = pcre2_get_ovector_pointer(state.data);
        std::size_t begin = ov[0], end = ov[1];
        if (end <= begin || begin < offset) {
            // Empty (or \K-shifted) match: skip one character so the scan always advances.
            offset = (begin > offset ? begin : offset) + 1;
            while (offset < n && (static_cast<unsigned char>(text[offset]) & 0xC0) == 0x80) ++offset;
            continue;
        }
        out.emplace_back(begin, end);
        offset = end;
    }
}

}  // namespace srs::core
