#pragma once
/// Experiment session: an ordered record of the steps that produced a set of results
/// (parameters, seeds, input / model / output references with content fingerprints,
/// times, status), saved as versioned JSON (`*.srs.json`, docs/SESSION_FORMAT.md).
/// Qt-free and torch-free. A session is replayed headless by replaySession (replay.h).
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace srs::core {

/// Schema version this build writes; older files are migrated on read (session_migration.h).
inline constexpr int kSessionSchemaVersion = 1;
/// The "format" value of a session file.
inline constexpr const char* kSessionFormatName = "srs-session";

/// A file a step read or wrote: its role in the step ("cache", "probes", "curve", ...),
/// its path as recorded and its content fingerprint (fingerprint.h; "" = not recorded).
struct FileRef {
    std::string role;
    std::string path;
    std::string fingerprint;
    bool operator==(const FileRef& o) const {
        return role == o.role && path == o.path && fingerprint == o.fingerprint;
    }
};

/// The model a step ran: its folder and Checkpoint::fingerprint() (config + weights).
struct ModelRef {
    std::string path;
    std::string fingerprint;
    bool operator==(const ModelRef& o) const { return path == o.path && fingerprint == o.fingerprint; }
};

/// One step of a session. `kind` names an entry of the StepRegistry (step_registry.h).
struct SessionStep {
    std::string id;                      ///< unique within the session, e.g. "s3"
    std::string kind;                    ///< "probe-train", "figure", ...
    std::string label;                   ///< user-visible name (may be empty)
    std::string note;                    ///< free-text annotation
    nlohmann::json parameters = nlohmann::json::object();  ///< kind-specific, see the registry
    std::map<std::string, std::uint64_t> seeds;              ///< every seed the step used
    std::vector<FileRef> inputs;
    std::optional<ModelRef> model;
    std::vector<FileRef> outputs;
    std::string started;                 ///< ISO 8601 UTC, e.g. 2024-05-01T12:00:00.123Z
    std::string ended;
    std::string status = "ok";           ///< ok | failed | cancelled | pending

    const FileRef* input(const std::string& role) const;
    const FileRef* output(const std::string& role) const;
    bool operator==(const SessionStep& o) const;
};

struct Session {
    int schemaVersion = kSessionSchemaVersion;
    std::string id;              ///< random UUID (version 4 form)
    std::string name;
    std::string created;         ///< ISO 8601 UTC
    std::string modified;        ///< ISO 8601 UTC
    std::string softwareVersion; ///< srs version that last wrote the file
    std::string device = "cpu";  ///< cpu | cuda
    std::string dtype = "float32";
    std::vector<SessionStep> steps;

    /// A new empty session: fresh id, created = modified = now, this software version.
    static Session create(const std::string& name);
    /// Index of the step with this id, or npos.
    std::size_t find(const std::string& stepId) const;
    /// "s<n+1>" where n is the largest numeric suffix of an "s<n>" id in use.
    std::string nextStepId() const;
    bool operator==(const Session& o) const;
};

/// A random UUID in 8-4-4-4-12 hex form (version 4, variant 1).
std::string newSessionId();
/// Current time as ISO 8601 UTC with milliseconds.
std::string isoTimeNow();

/// JSON form of schema kSessionSchemaVersion (docs/SESSION_FORMAT.md).
nlohmann::json sessionToJson(const Session& session);
/// Parses a document of the current schema (migrate first). `where` prefixes every message.
/// Throws FormatError naming the step id (or index) and the field, and what was expected.
Session sessionFromJson(const nlohmann::json& doc, const std::string& where);

/// Reads, migrates (older schema) and parses a session file. Throws FormatError naming the
/// file: unreadable, malformed JSON (with line and column), not a session, a future schema
/// version (naming it), or a bad field (naming step and field).
Session readSessionFile(const std::filesystem::path& path);
/// Same from text already in memory (`where` names it in messages).
Session parseSessionText(const std::string& text, const std::string& where);

/// Writes atomically (temp + fsync + rename). An existing file is replaced only when it is
/// this session's own earlier save (same id) or `overwrite`; otherwise throws Error naming
/// the path. Sets nothing in `session` (the caller updates `modified`).
void writeSessionFile(const std::filesystem::path& path, const Session& session, bool overwrite = false);

}  // namespace srs::core
