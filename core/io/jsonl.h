#pragma once
/// JSON Lines: one JSON value per line. Streams the file line by line (never loads it
/// whole); blank lines are skipped; every error names the file and the 1-based line.
#include <nlohmann/json.hpp>

#include <cstddef>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

namespace srs::core {

class JsonlReader {
public:
    /// Throws srs::FormatError naming the path when it cannot be opened.
    explicit JsonlReader(const std::filesystem::path& path);

    /// Reads the next non-blank line into `out`; false at end of file. Throws
    /// srs::FormatError "FILE:LINE: invalid JSON (...)" for a malformed line, and
    /// "FILE:LINE: expected a JSON object, found <type>" when `requireObject` and the
    /// line holds another JSON type.
    bool next(nlohmann::json& out, bool requireObject = true);

    /// 1-based number of the line last returned by next() (0 before the first).
    std::size_t lineNumber() const { return m_line; }
    const std::filesystem::path& path() const { return m_path; }

    /// "FILE:LINE: " prefix for errors about the current line.
    std::string where() const;

private:
    std::filesystem::path m_path;
    std::ifstream m_in;
    std::size_t m_line = 0;
};

/// Calls fn(object, line) for every non-blank line (each must be a JSON object).
void forEachJsonl(const std::filesystem::path& path,
                  const std::function<void(const nlohmann::json&, std::size_t line)>& fn);

/// Every non-blank line as a JSON object (small files only).
std::vector<nlohmann::json> readJsonl(const std::filesystem::path& path);

/// Serialises one record as a JSONL line (compact, UTF-8 kept, trailing '\n').
std::string toJsonlLine(const nlohmann::json& record);

}  // namespace srs::core
