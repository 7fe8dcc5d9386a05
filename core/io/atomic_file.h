#pragma once
/// Writes a file under a temporary name next to the target, fsyncs, and renames it into
/// place on commit(). Destroyed without commit(): the temporary is removed and the target
/// is untouched. Refuses to replace an existing target unless `overwrite`.
#include <cstddef>
#include <filesystem>
#include <string>

namespace srs::core {

class AtomicFileWriter {
public:
    /// Throws srs::Error naming the path when the target exists (and !overwrite) or the
    /// temporary cannot be created.
    AtomicFileWriter(const std::filesystem::path& target, bool overwrite);
    ~AtomicFileWriter();
    AtomicFileWriter(const AtomicFileWriter&) = delete;
    AtomicFileWriter& operator=(const AtomicFileWriter&) = delete;

    /// Throws srs::Error (e.g. disk full) naming the target.
    void write(const void* data, std::size_t size);
    void write(const std::string& text) { write(text.data(), text.size()); }
    /// fsync + rename + fsync of the directory.
    void commit();

    const std::filesystem::path& target() const { return m_target; }

private:
    std::filesystem::path m_target;
    std::filesystem::path m_temp;
    int m_fd = -1;
    bool m_committed = false;
};

/// Convenience: atomically writes `text` to `path`.
void writeFileAtomically(const std::filesystem::path& path, const std::string& text, bool overwrite);

}  // namespace srs::core
