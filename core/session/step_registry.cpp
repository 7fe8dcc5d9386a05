#include "core/session/step_registry.h"

#include <fmt/format.h>

#include "core/error.h"

namespace srs::core {

const std::string& StepRunContext::input(const std::string& role) const {
    auto it = inputs.find(role);
    if (it == inputs.end())
        throw FormatError(fmt::format("step '{}' ({}): input role '{}' is missing", step.id, step.kind, role));
    return it->second;
}

std::string StepRunContext::output(const std::string& role) const {
    auto it = outputs.find(role);
    return it == outputs.end() ? std::string() : it->second;
}

void StepRegistry::add(StepKind kind) {
    std::string name = kind.name;
    m_kinds[name] = std::move(kind);
}

const StepKind* StepRegistry::find(const std::string& name) const {
    auto it = m_kinds.find(name);
    return it == m_kinds.end() ? nullptr : &it->second;
}

std::vector<std::string> StepRegistry::names() const {
    std::vector<std::string> out;
    for (const auto& [name, kind] : m_kinds) out.push_back(name);
    return out;
}

void StepRegistry::validateSession(const Session& session, const std::string& where) const {
    for (const auto& step : session.steps) {
        const StepKind* kind = find(step.kind);
        if (!kind) {
            std::string known;
            for (const auto& n : names()) known += (known.empty() ? "" : ", ") + n;
            throw FormatError(fmt::format("{}: step '{}': field 'kind': unknown step kind '{}' (known: {})", where,
                                          step.id, step.kind, known));
        }
        if (kind->validate) kind->validate(step.parameters, fmt::format("{}: step '{}' ({})", where, step.id, step.kind));
    }
}

ParamReader::ParamReader(const nlohmann::json& params, std::string where) : m_params(params), m_where(std::move(where)) {
    if (!params.is_object()) throw FormatError(fmt::format("{}: field 'parameters': expected an object", m_where));
}

const nlohmann::json* ParamReader::get(const std::string& key) const {
    auto it = m_params.find(key);
    return it == m_params.end() || it->is_null() ? nullptr : &*it;
}

void ParamReader::fail(const std::string& key, const std::string& expected) const {
    const nlohmann::json* v = get(key);
    throw FormatError(fmt::format("{}: parameter '{}': expected {}, got {}", m_where, key, expected,
                                  v ? v->dump() : std::string("nothing")));
}

bool ParamReader::has(const std::string& key) const { return get(key) != nullptr; }

std::string ParamReader::str(const std::string& key, const std::string& fallback) const {
    const nlohmann::json* v = get(key);
    if (!v) return fallback;
    if (!v->is_string()) fail(key, "a string");
    return v->get<std::string>();
}

std::string ParamReader::str(const std::string& key) const {
    if (!has(key)) fail(key, "a string");
    return str(key, "");
}

long long ParamReader::integer(const std::string& key, long long fallback) const {
    const nlohmann::json* v = get(key);
    if (!v) return fallback;
    if (!v->is_number_integer()) fail(key, "an integer");
    return v->get<long long>();
}

long long ParamReader::integer(const std::string& key) const {
    if (!has(key)) fail(key, "an integer");
    return integer(key, 0);
}

std::uint64_t ParamReader::u64(const std::string& key, std::uint64_t fallback) const {
    const nlohmann::json* v = get(key);
    if (!v) return fallback;
    if (v->is_number_unsigned()) return v->get<std::uint64_t>();
    if (v->is_number_integer() && v->get<long long>() >= 0) return static_cast<std::uint64_t>(v->get<long long>());
    fail(key, "a non-negative integer");
}

double ParamReader::number(const std::string& key, double fallback) const {
    const nlohmann::json* v = get(key);
    if (!v) return fallback;
    if (!v->is_number()) fail(key, "a number");
    return v->get<double>();
}

bool ParamReader::flag(const std::string& key, bool fallback) const {
    const nlohmann::json* v = get(key);
    if (!v) return fallback;
    if (!v->is_boolean()) fail(key, "true or false");
    return v->get<bool>();
}

std::vector<double> ParamReader::numbers(const std::string& key, const std::vector<double>& fallback) const {
    const nlohmann::json* v = get(key);
    if (!v) return fallback;
    if (!v->is_array()) fail(key, "an array of numbers");
    std::vector<double> out;
    for (const auto& e : *v) {
        if (!e.is_number()) fail(key, "an array of numbers");
        out.push_back(e.get<double>());
    }
    return out;
}

std::vector<std::string> ParamReader::strings(const std::string& key, const std::vector<std::string>& fallback) const {
    const nlohmann::json* v = get(key);
    if (!v) return fallback;
    if (!v->is_array()) fail(key, "an array of strings");
    std::vector<std::string> out;
    for (const auto& e : *v) {
        if (!e.is_string()) fail(key, "an array of strings");
        out.push_back(e.get<std::string>());
    }
    return out;
}

void ParamReader::allowOnly(const std::vector<std::string>& known) const {
    for (auto it = m_params.begin(); it != m_params.end(); ++it) {
        if (std::find(known.begin(), known.end(), it.key()) != known.end()) continue;
        std::string list;
        for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
        throw FormatError(fmt::format("{}: parameter '{}' is not known (known: {})", m_where, it.key(), list));
    }
}

}  // namespace srs::core
