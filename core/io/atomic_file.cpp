#include "core/io/atomic_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <random>

#include <fmt/format.h>

#include "core/error.h"

namespace srs::core {

AtomicFileWriter::AtomicFileWriter(const std::filesystem::path& target, bool overwrite)
    : m_target(target) {
    std::error_code ec;
    if (!overwrite && std::filesystem::exists(target, ec))
        throw Error(fmt::format("{}: already exists; refusing to overwrite (pass --force to replace it)",
                                target.string()));
    std::random_device rd;
    m_temp = target;
    m_temp += fmt::format(".tmp-{:08x}", rd());
    m_fd = ::open(m_temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (m_fd < 0)
        throw Error(fmt::format("{}: cannot create temporary file {}: {}", target.string(),
                                m_temp.string(), std::strerror(errno)));
}

AtomicFileWriter::~AtomicFileWriter() {
    if (m_fd >= 0) ::close(m_fd);
    if (!m_committed) ::unlink(m_temp.c_str());
}

void AtomicFileWriter::write(const void* data, std::size_t size) {
    const char* p = static_cast<const char*>(data);
    while (size > 0) {
        ssize_t n = ::write(m_fd, p, size);
        if (n < 0) {
            if (errno == EINTR) continue;
            throw Error(fmt::format("{}: write failed: {} (nothing was written to the target)",
                                    m_target.string(), std::strerror(errno)));
        }
        p += n;
        size -= static_cast<std::size_t>(n);
    }
}

void AtomicFileWriter::commit() {
    if (::fsync(m_fd) != 0)
        throw Error(fmt::format("{}: fsync failed: {}", m_target.string(), std::strerror(errno)));
    ::close(m_fd);
    m_fd = -1;
    if (::rename(m_temp.c_str(), m_target.c_str()) != 0)
        throw Error(fmt::format("{}: rename from {} failed: {}", m_target.string(), m_temp.string(),
                                std::strerror(errno)));
    m_committed = true;
    auto dir = m_target.parent_path();
    if (dir.empty()) dir = ".";
    int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        ::fsync(dfd);
        ::close(dfd);
    }
}

void writeFileAtomically(const std::filesystem::path& path, const std::string& text, bool overwrite) {
    AtomicFileWriter out(path, overwrite);
    out.write(text);
    out.commit();
}

}  // namespace srs::core
