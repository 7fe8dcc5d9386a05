#pragma once
/// Content fingerprints of the files a session step reads and writes: "xxh3-128:<32 hex>".
///
/// Results carry a few volatile fields (wall-clock seconds, software version, the paths the
/// run happened to use) that differ between two otherwise identical runs. The *semantic*
/// fingerprint leaves exactly those out, so that a deterministic re-run matches bit for
/// bit, while any changed number still changes it. Chosen by file name:
///  - `.h5`/`.hdf5`: every group, dataset and attribute in name order: object path,
///    datatype (class, size, sign, byte order), shape and raw bytes (variable-length
///    strings by value), except attributes named in volatileHdf5Attributes();
///  - `.json`: the canonical form (sorted keys, compact) without the keys in
///    volatileJsonKeys() at any depth;
///  - `.jsonl`: the same per non-blank line, lines joined by '\n';
///  - anything else: the file's bytes.
/// The lists are documented in docs/SESSION_FORMAT.md.
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace srs::core {

/// HDF5 attribute names left out of the semantic fingerprint.
const std::vector<std::string>& volatileHdf5Attributes();
/// JSON keys left out of the semantic fingerprint (at any depth).
const std::vector<std::string>& volatileJsonKeys();

/// "hdf5" | "json" | "jsonl" | "bytes": which rule semanticFingerprint applies to `path`.
std::string fingerprintKind(const std::filesystem::path& path);

/// xxh3-128 of the file's bytes. Throws FormatError naming the file when it cannot be read.
std::string bytesFingerprint(const std::filesystem::path& path);
/// The semantic fingerprint (see above). Throws FormatError naming the file (and the line
/// for JSONL, the object for HDF5) when it cannot be read or parsed.
std::string semanticFingerprint(const std::filesystem::path& path);
/// Semantic fingerprint of a JSON document in memory.
std::string jsonFingerprint(const nlohmann::json& doc);

}  // namespace srs::core
