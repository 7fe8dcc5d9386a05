#include "core/session/session_migration.h"

#include <map>
#include <mutex>

#include <fmt/format.h>

#include "core/error.h"
#include "core/session/session.h"

namespace srs::core {
namespace {

const nlohmann::json& need(const nlohmann::json& obj, const char* key, const std::string& where) {
    auto it = obj.find(key);
    if (it == obj.end()) throw FormatError(fmt::format("{}: field '{}' is missing", where, key));
    return *it;
}

/// {role: {path, hash}} -> [{role, path, fingerprint}], roles in name order.
nlohmann::json filesV0(const nlohmann::json& files, const std::string& where) {
    nlohmann::json out = nlohmann::json::array();
    if (files.is_null()) return out;
    if (!files.is_object()) throw FormatError(fmt::format("{}: expected an object of role: {{path, hash}}", where));
    for (auto it = files.begin(); it != files.end(); ++it) {
        const std::string w = fmt::format("{}.{}", where, it.key());
        if (!it.value().is_object()) throw FormatError(fmt::format("{}: expected an object {{path, hash}}", w));
        out.push_back({{"role", it.key()},
                       {"path", need(it.value(), "path", w)},
                       {"fingerprint", it.value().value("hash", std::string())}});
    }
    return out;
}

/// Version 0 (pre-release) -> 1.
nlohmann::json migrate0to1(const nlohmann::json& doc, const std::string& where) {
    nlohmann::json out;
    out["format"] = kSessionFormatName;
    out["schema_version"] = 1;
    out["id"] = need(doc, "uuid", where);
    out["name"] = doc.value("title", std::string());
    out["created"] = doc.value("created_at", std::string());
    out["modified"] = doc.value("created_at", std::string());
    out["software_version"] = doc.value("software", std::string());
    out["device"] = "cpu";
    out["dtype"] = "float32";
    out["steps"] = nlohmann::json::array();
    const auto& actions = need(doc, "actions", where);
    if (!actions.is_array()) throw FormatError(fmt::format("{}: field 'actions': expected an array", where));
    for (std::size_t i = 0; i < actions.size(); ++i) {
        const auto& a = actions[i];
        const std::string w = fmt::format("{}: actions[{}]", where, i);
        if (!a.is_object()) throw FormatError(fmt::format("{}: expected an object", w));
        nlohmann::json s;
        s["id"] = need(a, "name", w);
        std::string type = need(a, "type", w).is_string() ? need(a, "type", w).get<std::string>() : "";
        if (type.empty()) throw FormatError(fmt::format("{}: field 'type': expected a non-empty string", w));
        for (char& c : type)
            if (c == '_') c = '-';  // v0 spelled kinds in snake_case: probe_train
        s["kind"] = type;
        s["label"] = a.value("label", std::string());
        s["note"] = "";
        s["parameters"] = a.contains("args") ? a["args"] : nlohmann::json::object();
        s["seeds"] = nlohmann::json::object();
        if (s["parameters"].is_object() && s["parameters"].contains("seed") &&
            s["parameters"]["seed"].is_number_unsigned())
            s["seeds"]["seed"] = s["parameters"]["seed"];
        s["inputs"] = filesV0(a.value("files_in", nlohmann::json()), w + ".files_in");
        s["outputs"] = filesV0(a.value("files_out", nlohmann::json()), w + ".files_out");
        if (a.contains("model") && a["model"].is_object())
            s["model"] = {{"path", need(a["model"], "dir", w + ".model")},
                          {"fingerprint", a["model"].value("hash", std::string())}};
        if (a.contains("time") && a["time"].is_array() && a["time"].size() == 2) {
            s["started"] = a["time"][0];
            s["ended"] = a["time"][1];
        } else {
            s["started"] = "";
            s["ended"] = "";
        }
        s["status"] = "ok";
        out["steps"].push_back(std::move(s));
    }
    return out;
}

std::mutex& registryMutex() {
    static std::mutex m;
    return m;
}
std::map<int, SessionMigration>& migrations() {
    static std::map<int, SessionMigration> m{{0, migrate0to1}};
    return m;
}

}  // namespace

int sessionDocumentVersion(const nlohmann::json& doc, const std::string& where) {
    if (!doc.is_object()) throw FormatError(fmt::format("{}: not a session file (expected a JSON object)", where));
    if (doc.contains("schema_version")) {
        const auto& v = doc["schema_version"];
        if (!v.is_number_integer() || v.get<long long>() < 0)
            throw FormatError(fmt::format("{}: field 'schema_version': expected a non-negative integer, got {}", where,
                                          v.dump()));
        if (doc.value("format", std::string()) != kSessionFormatName)
            throw FormatError(fmt::format("{}: not a session file (field 'format' is {}, expected \"{}\")", where,
                                          doc.contains("format") ? doc["format"].dump() : "missing",
                                          kSessionFormatName));
        return static_cast<int>(v.get<long long>());
    }
    if (doc.contains("srs_session")) {
        const auto& v = doc["srs_session"];
        if (!v.is_number_integer() || v.get<long long>() != 0)
            throw FormatError(fmt::format("{}: field 'srs_session': expected 0 (pre-release layout), got {}", where,
                                          v.dump()));
        return 0;
    }
    throw FormatError(fmt::format("{}: not a session file (no 'schema_version' field)", where));
}

void registerSessionMigration(int fromVersion, SessionMigration migration) {
    std::lock_guard<std::mutex> lock(registryMutex());
    migrations()[fromVersion] = std::move(migration);
}

nlohmann::json migrateSessionJson(nlohmann::json doc, const std::string& where) {
    int v = sessionDocumentVersion(doc, where);
    if (v > kSessionSchemaVersion)
        throw FormatError(fmt::format("{}: session schema version {} is newer than this build of srs supports ({}); "
                                      "upgrade SRS Workbench to read it",
                                      where, v, kSessionSchemaVersion));
    while (v < kSessionSchemaVersion) {
        SessionMigration step;
        {
            std::lock_guard<std::mutex> lock(registryMutex());
            auto it = migrations().find(v);
            if (it != migrations().end()) step = it->second;
        }
        if (!step)
            throw FormatError(fmt::format("{}: no migration from session schema version {} to {}", where, v, v + 1));
        doc = step(doc, fmt::format("{} (migrating schema {} -> {})", where, v, v + 1));
        const int next = sessionDocumentVersion(doc, where);
        if (next != v + 1)
            throw Error(fmt::format("{}: migration from schema {} produced version {}", where, v, next));
        v = next;
    }
    return doc;
}

}  // namespace srs::core
