#pragma once
/// Schema migration of session documents: each registered step turns a document of
/// version v into one of version v+1; migrateSessionJson chains them up to
/// kSessionSchemaVersion. A document newer than this build is refused, never guessed at.
///
/// Version 0 is the pre-release layout (docs/SESSION_FORMAT.md, "Version 0"): top-level
/// "srs_session": 0, "uuid", "title", "created_at", "software", "actions" with "name",
/// "type" (snake_case kinds), "args", "files_in" / "files_out" as {role: {path, hash}},
/// "model" as {dir, hash} and "time": [started, ended].
#include <functional>
#include <string>

#include <nlohmann/json.hpp>

namespace srs::core {

/// The schema version of a document: "schema_version" (>= 1) or the version-0 marker
/// "srs_session": 0. Throws FormatError (naming `where`) when neither is present or the
/// value is not a non-negative integer.
int sessionDocumentVersion(const nlohmann::json& doc, const std::string& where);

/// Migration from `fromVersion` to fromVersion + 1; throws FormatError naming `where` and
/// the field when the old document is malformed.
using SessionMigration = std::function<nlohmann::json(const nlohmann::json& doc, const std::string& where)>;

/// Registers (or replaces) the migration out of `fromVersion`. The built-in 0 -> 1 is
/// registered on first use.
void registerSessionMigration(int fromVersion, SessionMigration migration);

/// Returns `doc` migrated to kSessionSchemaVersion. Throws FormatError naming `where` and
/// the version for a future version ("schema version 7 is newer than this build supports
/// (1)") or a missing migration.
nlohmann::json migrateSessionJson(nlohmann::json doc, const std::string& where);

}  // namespace srs::core
