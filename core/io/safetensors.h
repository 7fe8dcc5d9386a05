#pragma once
/// Safetensors: 8-byte little-endian header length N, N bytes of JSON header
/// ({"name": {"dtype", "shape", "data_offsets": [begin, end]}, "__metadata__": {...}}),
/// then the data section. Parsed by the project; files are memory-mapped read-only.
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace srs::core {

enum class DType { F64, F32, F16, BF16, I64, I32, I16, I8, U8, Bool };

/// Bytes per element.
std::size_t dtypeSize(DType dtype);
/// Safetensors spelling ("F32", "BF16", ...).
const char* dtypeName(DType dtype);
/// Parses a safetensors dtype string; std::nullopt when unknown.
std::optional<DType> parseDType(const std::string& name);

/// One tensor entry of a safetensors header. Offsets are relative to the data section.
struct TensorInfo {
    std::string name;
    DType dtype = DType::F32;
    std::vector<std::int64_t> shape;
    std::uint64_t begin = 0;
    std::uint64_t end = 0;
    std::int64_t numel() const;
    std::string shapeString() const;  ///< "[4, 64]"
};

struct SafetensorsHeader {
    std::vector<TensorInfo> tensors;        ///< sorted by data offset
    std::map<std::string, std::string> metadata;
    std::uint64_t dataStart = 0;            ///< absolute file offset of the data section
};

/// Validates and parses a whole safetensors file image (header + data) of `fileSize` bytes.
/// Checks: header length within the file, valid JSON object, known dtypes, shape x dtype
/// size == offsets span, offsets inside the data section, no overlaps.
/// Throws FormatError naming `sourceName` and the offending tensor.
SafetensorsHeader parseSafetensorsHeader(const std::uint8_t* data, std::size_t fileSize,
                                         const std::string& sourceName);

/// Read-only memory mapping of a whole file. Move-only.
class MappedFile {
public:
    /// Throws FormatError naming the path when it cannot be opened or mapped.
    explicit MappedFile(const std::filesystem::path& path);
    ~MappedFile();
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;

    const std::uint8_t* data() const { return m_data; }
    std::size_t size() const { return m_size; }
    const std::filesystem::path& path() const { return m_path; }

private:
    std::filesystem::path m_path;
    const std::uint8_t* m_data = nullptr;
    std::size_t m_size = 0;
};

/// A memory-mapped safetensors file with its parsed header.
class SafetensorsFile {
public:
    /// Throws FormatError naming the file (and tensor) on any malformation.
    static std::shared_ptr<SafetensorsFile> open(const std::filesystem::path& path);

    const std::filesystem::path& path() const { return m_file.path(); }
    const std::vector<TensorInfo>& tensors() const { return m_header.tensors; }
    const std::map<std::string, std::string>& metadata() const { return m_header.metadata; }
    /// nullptr when absent.
    const TensorInfo* find(const std::string& name) const;
    /// Pointer into the mapping (valid while this object lives).
    const void* tensorData(const TensorInfo& info) const;
    /// Whole file bytes (for fingerprints).
    const std::uint8_t* fileData() const { return m_file.data(); }
    std::size_t fileSize() const { return m_file.size(); }

    explicit SafetensorsFile(const std::filesystem::path& path);

private:
    MappedFile m_file;
    SafetensorsHeader m_header;
    std::map<std::string, std::size_t> m_index;
};

/// A tensor to write: raw little-endian bytes of `shape` elements of `dtype`.
struct TensorToWrite {
    std::string name;
    DType dtype = DType::F32;
    std::vector<std::int64_t> shape;
    const void* data = nullptr;
};

/// Writes a safetensors file atomically (temp name, fsync, rename). Refuses to replace
/// an existing file unless `overwrite`. Throws Error naming the path.
void writeSafetensors(const std::filesystem::path& path, const std::vector<TensorToWrite>& tensors,
                      const std::map<std::string, std::string>& metadata = {},
                      bool overwrite = false);

}  // namespace srs::core
