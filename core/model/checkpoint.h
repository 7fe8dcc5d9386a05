#pragma once
/// A Hugging Face model folder: config.json (+ generation_config.json), and
/// model.safetensors or sharded model-0000k-of-0000n.safetensors + index.json.
/// Weights stay memory-mapped; tensors are zero-copy views over the mapping.
#include <ATen/core/Tensor.h>

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/io/safetensors.h"
#include "core/model/architecture.h"
#include "core/model/model_config.h"

namespace srs::core {

class Checkpoint {
public:
    /// Opens and validates a model folder: config, architecture, every expected tensor
    /// present with the expected shape and a supported dtype (F32/BF16/F16). Refuses pickle
    /// checkpoints (pytorch_model.bin, *.pt, *.pth, TorchScript) without reading them.
    /// Throws FormatError / UnsupportedError naming the file and tensor or key.
    static std::shared_ptr<Checkpoint> open(const std::filesystem::path& dir);

    const std::filesystem::path& directory() const { return m_dir; }
    const ModelConfig& config() const { return m_config; }
    const ArchitectureSpec& architecture() const { return *m_arch; }

    bool has(const std::string& name) const;
    const TensorInfo& info(const std::string& name) const;
    /// File that holds `name`.
    const std::filesystem::path& fileOf(const std::string& name) const;
    /// Zero-copy CPU tensor over the mapping, in the stored dtype. Valid while this
    /// Checkpoint lives (the tensor does not own the bytes). Throws when absent.
    at::Tensor tensor(const std::string& name) const;

    std::vector<std::string> tensorNames() const;
    std::int64_t parameterCount() const;
    std::uint64_t weightBytes() const;
    /// Dominant stored dtype ("BF16", ...).
    std::string storedDtype() const;
    /// Non-fatal findings (e.g. NaN/Inf in a tensor), each naming file and tensor.
    const std::vector<std::string>& warnings() const { return m_warnings; }
    /// Content fingerprint of config.json and every weight file (xxh3-128, hex).
    /// Computed on first call (reads all weights once).
    std::string fingerprint() const;

private:
    Checkpoint() = default;
    std::filesystem::path m_dir;
    ModelConfig m_config;
    const ArchitectureSpec* m_arch = nullptr;
    std::vector<std::shared_ptr<SafetensorsFile>> m_files;
    struct Entry {
        const TensorInfo* info;
        std::size_t file;
    };
    std::map<std::string, Entry> m_entries;
    std::vector<std::string> m_warnings;
    mutable std::string m_fingerprint;
};

}  // namespace srs::core
