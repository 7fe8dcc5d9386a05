#include "core/io/safetensors.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <limits>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/io/atomic_file.h"

namespace srs::core {
namespace {

struct DTypeRow {
    DType dtype;
    const char* name;
    std::size_t size;
};
constexpr DTypeRow kDTypes[] = {
    {DType::F64, "F64", 8}, {DType::F32, "F32", 4}, {DType::F16, "F16", 2},
    {DType::BF16, "BF16", 2}, {DType::I64, "I64", 8}, {DType::I32, "I32", 4},
    {DType::I16, "I16", 2}, {DType::I8, "I8", 1},   {DType::U8, "U8", 1},
    {DType::Bool, "BOOL", 1},
};

std::uint64_t readLe64(const std::uint8_t* p) {
    std::uint64_t v = 0;
    for (int i = 7; i >= 0; --i) v = (v << 8) | p[i];
    return v;
}

}  // namespace

std::size_t dtypeSize(DType dtype) {
    for (const auto& row : kDTypes)
        if (row.dtype == dtype) return row.size;
    return 0;
}

const char* dtypeName(DType dtype) {
    for (const auto& row : kDTypes)
        if (row.dtype == dtype) return row.name;
    return "?";
}

std::optional<DType> parseDType(const std::string& name) {
    for (const auto& row : kDTypes)
        if (name == row.name) return row.dtype;
    return std::nullopt;
}

std::int64_t TensorInfo::numel() const {
    std::int64_t n = 1;
    for (auto d : shape) n *= d;
    return n;
}

std::string TensorInfo::shapeString() const { return fmt::format("[{}]", fmt::join(shape, ", ")); }

SafetensorsHeader parseSafetensorsHeader(const std::uint8_t* data, std::size_t fileSize,
                                         const std::string& sourceName) {
    if (fileSize < 8)
        throw FormatError(fmt::format("{}: truncated safetensors file: {} bytes, expected at least "
                                      "8 (the header length)",
                                      sourceName, fileSize));
    const std::uint64_t headerLen = readLe64(data);
    if (headerLen > fileSize - 8)
        throw FormatError(fmt::format("{}: header length {} runs past the end of the file ({} bytes)",
                                      sourceName, headerLen, fileSize));
    if (headerLen > 100u * 1024 * 1024)
        throw FormatError(fmt::format("{}: header length {} exceeds the 100 MB limit", sourceName,
                                      headerLen));
    nlohmann::json header;
    try {
        header = nlohmann::json::parse(data + 8, data + 8 + headerLen);
    } catch (const nlohmann::json::exception& e) {
        throw FormatError(fmt::format("{}: invalid header JSON: {}", sourceName, e.what()));
    }
    if (!header.is_object())
        throw FormatError(fmt::format("{}: header JSON must be an object", sourceName));

    SafetensorsHeader out;
    out.dataStart = 8 + headerLen;
    const std::uint64_t dataSize = fileSize - out.dataStart;
    for (auto it = header.begin(); it != header.end(); ++it) {
        const std::string& name = it.key();
        const auto& entry = it.value();
        if (name == "__metadata__") {
            if (!entry.is_object())
                throw FormatError(fmt::format("{}: __metadata__ must be an object of strings", sourceName));
            for (auto m = entry.begin(); m != entry.end(); ++m) {
                if (!m.value().is_string())
                    throw FormatError(fmt::format("{}: __metadata__.{} must be a string", sourceName, m.key()));
                out.metadata[m.key()] = m.value().get<std::string>();
            }
            continue;
        }
        auto bad = [&](const std::string& what) {
            return FormatError(fmt::format("{}: tensor '{}': {}", sourceName, name, what));
        };
        if (!entry.is_object()) throw bad("entry must be an object with dtype, shape, data_offsets");
        auto dt = entry.find("dtype");
        auto sh = entry.find("shape");
        auto off = entry.find("data_offsets");
        if (dt == entry.end() || !dt->is_string()) throw bad("missing or non-string 'dtype'");
        if (sh == entry.end() || !sh->is_array()) throw bad("missing or non-array 'shape'");
        if (off == entry.end() || !off->is_array() || off->size() != 2)
            throw bad("'data_offsets' must be [begin, end]");
        TensorInfo info;
        info.name = name;
        auto parsed = parseDType(dt->get<std::string>());
        if (!parsed)
            throw bad(fmt::format("unknown dtype '{}' (expected one of F64, F32, F16, BF16, I64, I32, "
                                  "I16, I8, U8, BOOL)",
                                  dt->get<std::string>()));
        info.dtype = *parsed;
        std::uint64_t elements = 1;
        for (const auto& d : *sh) {
            if (!d.is_number_unsigned()) throw bad("shape entries must be non-negative integers");
            std::uint64_t v = d.get<std::uint64_t>();
            if (v > (std::uint64_t(1) << 40)) throw bad("shape dimension too large");
            if (v != 0 && elements > std::numeric_limits<std::uint64_t>::max() / v / 8)
                throw bad("shape element count overflows");
            elements *= v;
            info.shape.push_back(static_cast<std::int64_t>(v));
        }
        for (const auto& o : *off)
            if (!o.is_number_unsigned()) throw bad("data_offsets must be non-negative integers");
        info.begin = (*off)[0].get<std::uint64_t>();
        info.end = (*off)[1].get<std::uint64_t>();
        if (info.end < info.begin)
            throw bad(fmt::format("data_offsets [{}, {}] end before begin", info.begin, info.end));
        if (info.end > dataSize)
            throw bad(fmt::format("data_offsets [{}, {}] out of bounds: the data section has {} bytes",
                                  info.begin, info.end, dataSize));
        const std::uint64_t expected = elements * dtypeSize(info.dtype);
        if (info.end - info.begin != expected)
            throw bad(fmt::format("data_offsets span {} bytes but shape {} of {} needs {}",
                                  info.end - info.begin, info.shapeString(), dtypeName(info.dtype),
                                  expected));
        out.tensors.push_back(std::move(info));
    }
    std::sort(out.tensors.begin(), out.tensors.end(),
              [](const TensorInfo& a, const TensorInfo& b) {
                  return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
              });
    const TensorInfo* furthest = nullptr;  // the earlier tensor reaching furthest
    for (const auto& cur : out.tensors) {
        if (cur.end == cur.begin) continue;  // empty tensors occupy no bytes
        if (furthest && cur.begin < furthest->end)
            throw FormatError(fmt::format("{}: tensors '{}' [{}, {}] and '{}' [{}, {}] overlap", sourceName,
                                          furthest->name, furthest->begin, furthest->end, cur.name,
                                          cur.begin, cur.end));
        if (!furthest || cur.end > furthest->end) furthest = &cur;
    }
    return out;
}

MappedFile::MappedFile(const std::filesystem::path& path) : m_path(path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        throw FormatError(fmt::format("{}: cannot open: {}", path.string(), std::strerror(errno)));
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        throw FormatError(fmt::format("{}: not a regular file", path.string()));
    }
    m_size = static_cast<std::size_t>(st.st_size);
    if (m_size > 0) {
        void* p = ::mmap(nullptr, m_size, PROT_READ, MAP_PRIVATE, fd, 0);
        if (p == MAP_FAILED) {
            int err = errno;
            ::close(fd);
            throw FormatError(fmt::format("{}: cannot memory-map: {}", path.string(), std::strerror(err)));
        }
        m_data = static_cast<const std::uint8_t*>(p);
    }
    ::close(fd);
}

MappedFile::~MappedFile() {
    if (m_data) ::munmap(const_cast<std::uint8_t*>(m_data), m_size);
}

SafetensorsFile::SafetensorsFile(const std::filesystem::path& path)
    : m_file(path), m_header(parseSafetensorsHeader(m_file.data(), m_file.size(), path.string())) {
    for (std::size_t i = 0; i < m_header.tensors.size(); ++i) m_index[m_header.tensors[i].name] = i;
}

std::shared_ptr<SafetensorsFile> SafetensorsFile::open(const std::filesystem::path& path) {
    return std::make_shared<SafetensorsFile>(path);
}

const TensorInfo* SafetensorsFile::find(const std::string& name) const {
    auto it = m_index.find(name);
    return it == m_index.end() ? nullptr : &m_header.tensors[it->second];
}

const void* SafetensorsFile::tensorData(const TensorInfo& info) const {
    return m_file.data() + m_header.dataStart + info.begin;
}

void writeSafetensors(const std::filesystem::path& path, const std::vector<TensorToWrite>& tensors,
                      const std::map<std::string, std::string>& metadata, bool overwrite) {
    nlohmann::json header = nlohmann::json::object();
    if (!metadata.empty()) header["__metadata__"] = metadata;
    std::uint64_t offset = 0;
    std::vector<std::uint64_t> sizes;
    for (const auto& t : tensors) {
        std::uint64_t n = 1;
        for (auto d : t.shape) {
            if (d < 0) throw InvalidArgument(fmt::format("tensor '{}': negative dimension", t.name));
            n *= static_cast<std::uint64_t>(d);
        }
        std::uint64_t bytes = n * dtypeSize(t.dtype);
        if (header.contains(t.name))
            throw InvalidArgument(fmt::format("{}: duplicate tensor name '{}'", path.string(), t.name));
        header[t.name] = {{"dtype", dtypeName(t.dtype)}, {"shape", t.shape}, {"data_offsets", {offset, offset + bytes}}};
        sizes.push_back(bytes);
        offset += bytes;
    }
    std::string text = header.dump();
    while ((8 + text.size()) % 8 != 0) text.push_back(' ');
    AtomicFileWriter out(path, overwrite);
    std::uint8_t len[8];
    std::uint64_t n = text.size();
    for (int i = 0; i < 8; ++i) len[i] = static_cast<std::uint8_t>(n >> (8 * i));
    out.write(len, 8);
    out.write(text.data(), text.size());
    for (std::size_t i = 0; i < tensors.size(); ++i)
        if (sizes[i]) out.write(tensors[i].data, sizes[i]);
    out.commit();
}

}  // namespace srs::core
