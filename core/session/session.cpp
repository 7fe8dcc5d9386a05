#include "core/session/session.h"

#include <chrono>
#include <ctime>
#include <fstream>
#include <random>
#include <sstream>

#include <fmt/format.h>

#include "core/error.h"
#include "core/io/atomic_file.h"
#include "core/session/session_migration.h"
#include "core/version.h"

namespace srs::core {
namespace {

using json = nlohmann::json;

/// Reads one field of an object with a typed check; messages name `where` and the key.
class Fields {
public:
    Fields(const json& obj, std::string where) : m_obj(obj), m_where(std::move(where)) {
        if (!obj.is_object()) throw FormatError(fmt::format("{}: expected a JSON object, got {}", m_where, kind(obj)));
    }
    static std::string kind(const json& v) { return v.type_name(); }
    const json* find(const char* key) const {
        auto it = m_obj.find(key);
        return it == m_obj.end() || it->is_null() ? nullptr : &*it;
    }
    std::string str(const char* key, bool required = true) const {
        const json* v = find(key);
        if (!v) {
            if (required) throw FormatError(fmt::format("{}: field '{}' is missing (expected a string)", m_where, key));
            return {};
        }
        if (!v->is_string())
            throw FormatError(fmt::format("{}: field '{}': expected a string, got {} {}", m_where, key, kind(*v), v->dump()));
        return v->get<std::string>();
    }
    const json& array(const char* key) const {
        static const json empty = json::array();
        const json* v = find(key);
        if (!v) return empty;
        if (!v->is_array())
            throw FormatError(fmt::format("{}: field '{}': expected an array, got {}", m_where, key, kind(*v)));
        return *v;
    }
    const std::string& where() const { return m_where; }

private:
    const json& m_obj;
    std::string m_where;
};

std::vector<FileRef> filesFromJson(const json& arr, const std::string& where) {
    std::vector<FileRef> out;
    for (std::size_t i = 0; i < arr.size(); ++i) {
        Fields f(arr[i], fmt::format("{}[{}]", where, i));
        out.push_back({f.str("role"), f.str("path"), f.str("fingerprint", false)});
    }
    return out;
}

json filesToJson(const std::vector<FileRef>& files) {
    json arr = json::array();
    for (const auto& f : files) arr.push_back({{"role", f.role}, {"path", f.path}, {"fingerprint", f.fingerprint}});
    return arr;
}

SessionStep stepFromJson(const json& j, std::size_t index, const std::string& where) {
    // Name the step by id when it has one, else by index.
    std::string name = fmt::format("{}: step #{}", where, index);
    if (j.is_object() && j.contains("id") && j["id"].is_string())
        name = fmt::format("{}: step '{}'", where, j["id"].get<std::string>());
    Fields f(j, name);
    SessionStep s;
    s.id = f.str("id");
    if (s.id.empty()) throw FormatError(fmt::format("{}: field 'id': expected a non-empty string", name));
    s.kind = f.str("kind");
    if (s.kind.empty()) throw FormatError(fmt::format("{}: field 'kind': expected a non-empty string", name));
    s.label = f.str("label", false);
    s.note = f.str("note", false);
    if (const json* p = f.find("parameters")) {
        if (!p->is_object())
            throw FormatError(fmt::format("{}: field 'parameters': expected an object, got {}", name, p->type_name()));
        s.parameters = *p;
    }
    if (const json* seeds = f.find("seeds")) {
        if (!seeds->is_object())
            throw FormatError(fmt::format("{}: field 'seeds': expected an object, got {}", name, seeds->type_name()));
        for (auto it = seeds->begin(); it != seeds->end(); ++it) {
            if (!it.value().is_number_unsigned() && !(it.value().is_number_integer() && it.value().get<long long>() >= 0))
                throw FormatError(fmt::format("{}: field 'seeds.{}': expected a non-negative integer, got {}", name,
                                              it.key(), it.value().dump()));
            s.seeds[it.key()] = it.value().get<std::uint64_t>();
        }
    }
    s.inputs = filesFromJson(f.array("inputs"), name + ": field 'inputs'");
    s.outputs = filesFromJson(f.array("outputs"), name + ": field 'outputs'");
    if (const json* m = f.find("model")) {
        Fields mf(*m, name + ": field 'model'");
        s.model = ModelRef{mf.str("path"), mf.str("fingerprint", false)};
    }
    s.started = f.str("started", false);
    s.ended = f.str("ended", false);
    s.status = f.str("status", false);
    if (s.status.empty()) s.status = "ok";
    if (s.status != "ok" && s.status != "failed" && s.status != "cancelled" && s.status != "pending")
        throw FormatError(fmt::format("{}: field 'status': expected ok | failed | cancelled | pending, got \"{}\"", name,
                                      s.status));
    return s;
}

std::string lineColumn(const std::string& text, std::size_t byte) {
    std::size_t line = 1, col = 1;
    for (std::size_t i = 0; i < text.size() && i + 1 < byte; ++i) {
        if (text[i] == '\n') {
            ++line;
            col = 1;
        } else {
            ++col;
        }
    }
    return fmt::format("line {}, column {}", line, col);
}

}  // namespace

const FileRef* SessionStep::input(const std::string& role) const {
    for (const auto& f : inputs)
        if (f.role == role) return &f;
    return nullptr;
}

const FileRef* SessionStep::output(const std::string& role) const {
    for (const auto& f : outputs)
        if (f.role == role) return &f;
    return nullptr;
}

bool SessionStep::operator==(const SessionStep& o) const {
    return id == o.id && kind == o.kind && label == o.label && note == o.note && parameters == o.parameters &&
           seeds == o.seeds && inputs == o.inputs && model == o.model && outputs == o.outputs &&
           started == o.started && ended == o.ended && status == o.status;
}

Session Session::create(const std::string& name) {
    Session s;
    s.id = newSessionId();
    s.name = name;
    s.created = s.modified = isoTimeNow();
    s.softwareVersion = versionString();
    return s;
}

std::size_t Session::find(const std::string& stepId) const {
    for (std::size_t i = 0; i < steps.size(); ++i)
        if (steps[i].id == stepId) return i;
    return std::string::npos;
}

std::string Session::nextStepId() const {
    unsigned long long best = 0;
    for (const auto& s : steps) {
        if (s.id.size() < 2 || s.id[0] != 's') continue;
        const std::string digits = s.id.substr(1);
        if (digits.find_first_not_of("0123456789") != std::string::npos || digits.size() > 18) continue;
        best = std::max(best, std::stoull(digits));
    }
    return fmt::format("s{}", best + 1);
}

bool Session::operator==(const Session& o) const {
    return schemaVersion == o.schemaVersion && id == o.id && name == o.name && created == o.created &&
           modified == o.modified && softwareVersion == o.softwareVersion && device == o.device && dtype == o.dtype &&
           steps == o.steps;
}

std::string newSessionId() {
    std::random_device rd;
    std::mt19937_64 rng((static_cast<std::uint64_t>(rd()) << 32) ^ rd() ^
                        static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count()));
    std::uint64_t hi = rng(), lo = rng();
    hi = (hi & ~0xF000ull) | 0x4000ull;                        // version 4
    lo = (lo & ~(3ull << 62)) | (2ull << 62);                  // variant 1
    return fmt::format("{:08x}-{:04x}-{:04x}-{:04x}-{:012x}", hi >> 32, (hi >> 16) & 0xFFFF, hi & 0xFFFF, lo >> 48,
                       lo & 0xFFFFFFFFFFFFull);
}

std::string isoTimeNow() {
    const auto now = std::chrono::system_clock::now();
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
    const std::time_t t = std::chrono::system_clock::to_time_t(now);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
    return fmt::format("{}.{:03d}Z", buf, static_cast<int>(ms));
}

json sessionToJson(const Session& s) {
    json steps = json::array();
    for (const auto& st : s.steps) {
        json j;
        j["id"] = st.id;
        j["kind"] = st.kind;
        j["label"] = st.label;
        j["note"] = st.note;
        j["parameters"] = st.parameters;
        j["seeds"] = json::object();
        for (const auto& [k, v] : st.seeds) j["seeds"][k] = v;
        j["inputs"] = filesToJson(st.inputs);
        j["model"] = st.model ? json{{"path", st.model->path}, {"fingerprint", st.model->fingerprint}} : json();
        j["outputs"] = filesToJson(st.outputs);
        j["started"] = st.started;
        j["ended"] = st.ended;
        j["status"] = st.status;
        steps.push_back(std::move(j));
    }
    return {{"format", kSessionFormatName}, {"schema_version", kSessionSchemaVersion},
            {"id", s.id},                   {"name", s.name},
            {"created", s.created},         {"modified", s.modified},
            {"software_version", s.softwareVersion}, {"device", s.device},
            {"dtype", s.dtype},             {"steps", steps}};
}

Session sessionFromJson(const json& doc, const std::string& where) {
    const int version = sessionDocumentVersion(doc, where);
    if (version != kSessionSchemaVersion)
        throw FormatError(fmt::format("{}: schema version {} (expected {}; migrate first)", where, version,
                                      kSessionSchemaVersion));
    Fields f(doc, where);
    Session s;
    s.schemaVersion = version;
    s.id = f.str("id");
    if (s.id.empty()) throw FormatError(fmt::format("{}: field 'id': expected a non-empty string", where));
    s.name = f.str("name", false);
    s.created = f.str("created", false);
    s.modified = f.str("modified", false);
    s.softwareVersion = f.str("software_version", false);
    s.device = f.str("device", false);
    if (s.device.empty()) s.device = "cpu";
    s.dtype = f.str("dtype", false);
    if (s.dtype.empty()) s.dtype = "float32";
    const json& steps = f.array("steps");
    for (std::size_t i = 0; i < steps.size(); ++i) {
        SessionStep st = stepFromJson(steps[i], i, where);
        if (s.find(st.id) != std::string::npos)
            throw FormatError(fmt::format("{}: step '{}': field 'id': duplicate step id", where, st.id));
        s.steps.push_back(std::move(st));
    }
    return s;
}

Session parseSessionText(const std::string& text, const std::string& where) {
    json doc;
    try {
        doc = json::parse(text);
    } catch (const json::parse_error& e) {
        std::string what = e.what();
        // nlohmann's message: "[json.exception.parse_error.101] parse error at line 3, column 5: ..."
        const auto colon = what.find(": ", what.find("parse error"));
        const std::string detail = colon == std::string::npos ? what : what.substr(colon + 2);
        throw FormatError(fmt::format("{}: malformed JSON at {} (byte {}): {}", where, lineColumn(text, e.byte), e.byte,
                                      detail));
    }
    return sessionFromJson(migrateSessionJson(std::move(doc), where), where);
}

Session readSessionFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw FormatError(fmt::format("{}: cannot open session file", path.string()));
    std::ostringstream ss;
    ss << in.rdbuf();
    if (in.bad()) throw FormatError(fmt::format("{}: read error", path.string()));
    return parseSessionText(ss.str(), path.string());
}

void writeSessionFile(const std::filesystem::path& path, const Session& session, bool overwrite) {
    std::error_code ec;
    if (!overwrite && std::filesystem::exists(path, ec)) {
        // The session's own earlier save may be replaced; anything else needs `overwrite`.
        std::string existingId;
        try {
            existingId = readSessionFile(path).id;
        } catch (const Error&) {
        }
        if (existingId != session.id)
            throw Error(fmt::format("{}: file exists and is not this session (id {}); refusing to overwrite it "
                                    "(pass --force to replace it)",
                                    path.string(), existingId.empty() ? "unreadable" : existingId));
        overwrite = true;
    }
    writeFileAtomically(path, sessionToJson(session).dump(2) + "\n", overwrite);
}

}  // namespace srs::core
