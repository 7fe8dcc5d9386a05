#include "core/io/jsonl.h"

#include "core/error.h"

namespace srs::core {

JsonlReader::JsonlReader(const std::filesystem::path& path) : m_path(path), m_in(path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        throw FormatError(path.string() + ": is a directory (expected a JSONL file)");
    if (!m_in) throw FormatError(path.string() + ": cannot open JSONL file for reading");
}

std::string JsonlReader::where() const {
    return m_path.string() + ":" + std::to_string(m_line) + ": ";
}

bool JsonlReader::next(nlohmann::json& out, bool requireObject) {
    std::string line;
    while (std::getline(m_in, line)) {
        ++m_line;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (m_line == 1 && line.compare(0, 3, "\xEF\xBB\xBF") == 0) line.erase(0, 3);  // BOM
        if (line.find_first_not_of(" \t") == std::string::npos) continue;
        try {
            out = nlohmann::json::parse(line);
        } catch (const nlohmann::json::parse_error& e) {
            std::string what = e.what();
            // nlohmann prefixes "[json.exception.parse_error.101] parse error at line 1, ..."
            if (auto pos = what.find("] "); pos != std::string::npos) what = what.substr(pos + 2);
            throw FormatError(where() + "invalid JSON (" + what + ")");
        }
        if (requireObject && !out.is_object())
            throw FormatError(where() + "expected a JSON object, found " +
                              std::string(out.type_name()));
        return true;
    }
    if (m_in.bad()) throw FormatError(m_path.string() + ": read error after line " +
                                      std::to_string(m_line));
    return false;
}

void forEachJsonl(const std::filesystem::path& path,
                  const std::function<void(const nlohmann::json&, std::size_t line)>& fn) {
    JsonlReader reader(path);
    nlohmann::json record;
    while (reader.next(record)) fn(record, reader.lineNumber());
}

std::vector<nlohmann::json> readJsonl(const std::filesystem::path& path) {
    std::vector<nlohmann::json> out;
    forEachJsonl(path, [&](const nlohmann::json& j, std::size_t) { out.push_back(j); });
    return out;
}

std::string toJsonlLine(const nlohmann::json& record) {
    return record.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace srs::core
