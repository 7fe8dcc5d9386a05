#include "core/model/checkpoint.h"

#include <ATen/ATen.h>
#include <xxhash.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/error.h"

namespace srs::core {
namespace fs = std::filesystem;
namespace {

bool isPickleName(const std::string& name) {
    auto ends = [&](const char* suffix) {
        std::size_t n = std::strlen(suffix);
        return name.size() >= n && name.compare(name.size() - n, n, suffix) == 0;
    };
    return ends(".bin") || ends(".pt") || ends(".pth") || ends(".ckpt") || ends(".pkl") ||
           ends(".pickle") || name == "model.torchscript";
}

std::string readText(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw FormatError(fmt::format("{}: cannot open", path.string()));
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

/// Counts NaN/Inf in a float tensor's raw bytes without converting it.
std::size_t countNonFinite(const void* data, const TensorInfo& info) {
    std::size_t bad = 0;
    const std::int64_t n = info.numel();
    if (info.dtype == DType::F32) {
        const auto* p = static_cast<const std::uint32_t*>(data);
        for (std::int64_t i = 0; i < n; ++i) {
            std::uint32_t v;
            std::memcpy(&v, p + i, 4);
            bad += (v & 0x7f800000u) == 0x7f800000u;
        }
    } else {
        // BF16: exponent bits 0x7f80; F16: 0x7c00.
        const std::uint16_t mask = info.dtype == DType::BF16 ? 0x7f80 : 0x7c00;
        const auto* p = static_cast<const std::uint16_t*>(data);
        for (std::int64_t i = 0; i < n; ++i) {
            std::uint16_t v;
            std::memcpy(&v, p + i, 2);
            bad += (v & mask) == mask;
        }
    }
    return bad;
}

at::ScalarType toScalarType(DType dtype) {
    switch (dtype) {
        case DType::F32: return at::kFloat;
        case DType::BF16: return at::kBFloat16;
        case DType::F16: return at::kHalf;
        case DType::F64: return at::kDouble;
        case DType::I64: return at::kLong;
        case DType::I32: return at::kInt;
        case DType::I16: return at::kShort;
        case DType::I8: return at::kChar;
        case DType::U8: return at::kByte;
        case DType::Bool: return at::kBool;
    }
    return at::kFloat;
}

}  // namespace

std::shared_ptr<Checkpoint> Checkpoint::open(const fs::path& dir) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
        throw FormatError(fmt::format("{}: not a directory (expected a Hugging Face model folder with "
                                      "config.json and *.safetensors)",
                                      dir.string()));
    std::vector<std::string> safetensorNames, pickleNames;
    for (const auto& entry : fs::directory_iterator(dir)) {
        const std::string name = entry.path().filename().string();
        if (name.size() > 12 && name.substr(name.size() - 12) == ".safetensors")
            safetensorNames.push_back(name);
        else if (isPickleName(name))
            pickleNames.push_back(name);
    }
    std::sort(safetensorNames.begin(), safetensorNames.end());
    std::sort(pickleNames.begin(), pickleNames.end());
    const bool hasIndex = fs::exists(dir / "model.safetensors.index.json");
    if (safetensorNames.empty() && !hasIndex && !pickleNames.empty())
        throw UnsupportedError(fmt::format(
            "{}: only pickle checkpoint files ({}) — refusing to load them: unpickling runs arbitrary "
            "code from the file. Convert the model to safetensors first, e.g. in Python: "
            "AutoModelForCausalLM.from_pretrained(DIR).save_pretrained(OUT, safe_serialization=True)",
            dir.string(), fmt::join(pickleNames, ", ")));

    auto ckpt = std::shared_ptr<Checkpoint>(new Checkpoint());
    ckpt->m_dir = dir;
    ckpt->m_config = ModelConfig::fromDirectory(dir);
    ckpt->m_arch = &architectureFor(ckpt->m_config.architecture);
    {
        const auto& arch = *ckpt->m_arch;
        ckpt->m_config.attentionBias =
            arch.qkvBias || (arch.configAttentionBiasKey && ckpt->m_config.attentionBias);
    }

    // Which files, and which tensor lives in which file.
    std::map<std::string, std::string> weightMap;  // tensor -> file name (sharded only)
    std::vector<std::string> files;
    if (hasIndex) {
        const fs::path indexPath = dir / "model.safetensors.index.json";
        nlohmann::json index;
        try {
            index = nlohmann::json::parse(readText(indexPath));
        } catch (const nlohmann::json::exception& e) {
            throw FormatError(fmt::format("{}: invalid JSON: {}", indexPath.string(), e.what()));
        }
        auto wm = index.find("weight_map");
        if (!index.is_object() || wm == index.end() || !wm->is_object())
            throw FormatError(fmt::format("{}: missing object 'weight_map'", indexPath.string()));
        std::set<std::string> unique;
        for (auto it = wm->begin(); it != wm->end(); ++it) {
            if (!it.value().is_string())
                throw FormatError(fmt::format("{}: weight_map.{} must be a file name", indexPath.string(),
                                              it.key()));
            const std::string file = it.value().get<std::string>();
            if (file.find('/') != std::string::npos || file == "..")
                throw FormatError(fmt::format("{}: weight_map.{} names '{}' outside the folder",
                                              indexPath.string(), it.key(), file));
            if (!fs::exists(dir / file))
                throw FormatError(fmt::format("{}: weight_map.{} names missing file '{}'",
                                              indexPath.string(), it.key(), file));
            weightMap[it.key()] = file;
            unique.insert(file);
        }
        files.assign(unique.begin(), unique.end());
    } else if (std::find(safetensorNames.begin(), safetensorNames.end(), "model.safetensors") !=
               safetensorNames.end()) {
        files = {"model.safetensors"};
    } else {
        static const std::regex shardPattern(R"(model-(\d+)-of-(\d+)\.safetensors)");
        int total = 0;
        std::set<int> present;
        for (const auto& name : safetensorNames) {
            std::smatch m;
            if (std::regex_match(name, m, shardPattern)) {
                total = std::stoi(m[2]);
                present.insert(std::stoi(m[1]));
                files.push_back(name);
            }
        }
        if (files.empty())
            throw FormatError(fmt::format("{}: no model.safetensors, no model.safetensors.index.json and "
                                          "no model-0000k-of-0000n.safetensors shards",
                                          dir.string()));
        for (int k = 1; k <= total; ++k)
            if (!present.count(k))
                throw FormatError(fmt::format("{}: missing shard model-{:05d}-of-{:05d}.safetensors",
                                              dir.string(), k, total));
    }
    std::map<std::string, std::size_t> fileIndex;
    for (const auto& name : files) {
        fileIndex[name] = ckpt->m_files.size();
        ckpt->m_files.push_back(SafetensorsFile::open(dir / name));
    }
    for (std::size_t f = 0; f < ckpt->m_files.size(); ++f) {
        for (const auto& info : ckpt->m_files[f]->tensors()) {
            if (!weightMap.empty()) {
                auto it = weightMap.find(info.name);
                if (it == weightMap.end() || fileIndex[it->second] != f) continue;
            }
            auto [pos, inserted] = ckpt->m_entries.emplace(info.name, Entry{&info, f});
            if (!inserted)
                throw FormatError(fmt::format("{}: tensor '{}' appears in both {} and {}", dir.string(),
                                              info.name, ckpt->m_files[pos->second.file]->path().filename().string(),
                                              ckpt->m_files[f]->path().filename().string()));
        }
    }
    for (const auto& [name, file] : weightMap)
        if (!ckpt->m_entries.count(name))
            throw FormatError(fmt::format("{}: tensor '{}' listed in model.safetensors.index.json is not "
                                          "in {}",
                                          (dir / file).string(), name, file));

    // Every tensor the architecture needs: present, right shape, supported dtype.
    for (const auto& expected : expectedTensors(ckpt->m_config)) {
        auto it = ckpt->m_entries.find(expected.name);
        if (it == ckpt->m_entries.end())
            throw FormatError(fmt::format("{}: missing tensor '{}' (expected shape [{}]) required by {}",
                                          files.size() == 1 ? (dir / files[0]).string() : dir.string(),
                                          expected.name, fmt::join(expected.shape, ", "),
                                          ckpt->m_config.architecture));
        const TensorInfo& info = *it->second.info;
        const std::string& file = ckpt->m_files[it->second.file]->path().string();
        if (info.shape != expected.shape)
            throw FormatError(fmt::format("{}: tensor '{}' has shape {} but config.json implies [{}]", file,
                                          info.name, info.shapeString(), fmt::join(expected.shape, ", ")));
        if (info.dtype != DType::F32 && info.dtype != DType::BF16 && info.dtype != DType::F16)
            throw UnsupportedError(fmt::format("{}: tensor '{}' has dtype {} (expected F32, BF16 or F16)",
                                               file, info.name, dtypeName(info.dtype)));
        if (std::size_t bad = countNonFinite(ckpt->m_files[it->second.file]->tensorData(info), info))
            ckpt->m_warnings.push_back(fmt::format("{}: tensor '{}' contains {} NaN/Inf values", file,
                                                   info.name, bad));
    }
    return ckpt;
}

bool Checkpoint::has(const std::string& name) const { return m_entries.count(name) > 0; }

const TensorInfo& Checkpoint::info(const std::string& name) const {
    auto it = m_entries.find(name);
    if (it == m_entries.end())
        throw FormatError(fmt::format("{}: no tensor '{}'", m_dir.string(), name));
    return *it->second.info;
}

const fs::path& Checkpoint::fileOf(const std::string& name) const {
    auto it = m_entries.find(name);
    if (it == m_entries.end())
        throw FormatError(fmt::format("{}: no tensor '{}'", m_dir.string(), name));
    return m_files[it->second.file]->path();
}

at::Tensor Checkpoint::tensor(const std::string& name) const {
    auto it = m_entries.find(name);
    if (it == m_entries.end())
        throw FormatError(fmt::format("{}: no tensor '{}'", m_dir.string(), name));
    const TensorInfo& info = *it->second.info;
    void* data = const_cast<void*>(m_files[it->second.file]->tensorData(info));
    return at::from_blob(data, info.shape, at::TensorOptions().dtype(toScalarType(info.dtype)));
}

std::vector<std::string> Checkpoint::tensorNames() const {
    std::vector<std::string> names;
    for (const auto& [name, entry] : m_entries) names.push_back(name);
    return names;
}

std::int64_t Checkpoint::parameterCount() const {
    std::int64_t n = 0;
    for (const auto& [name, entry] : m_entries) n += entry.info->numel();
    return n;
}

std::uint64_t Checkpoint::weightBytes() const {
    std::uint64_t n = 0;
    for (const auto& [name, entry] : m_entries) n += entry.info->end - entry.info->begin;
    return n;
}

std::string Checkpoint::storedDtype() const {
    std::map<DType, std::uint64_t> bytes;
    for (const auto& [name, entry] : m_entries) bytes[entry.info->dtype] += entry.info->end - entry.info->begin;
    DType best = DType::F32;
    std::uint64_t most = 0;
    for (const auto& [dtype, n] : bytes)
        if (n > most) most = n, best = dtype;
    return dtypeName(best);
}

std::string Checkpoint::fingerprint() const {
    if (!m_fingerprint.empty()) return m_fingerprint;
    XXH3_state_t* state = XXH3_createState();
    XXH3_128bits_reset(state);
    const std::string config = readText(m_dir / "config.json");
    XXH3_128bits_update(state, config.data(), config.size());
    for (const auto& file : m_files) XXH3_128bits_update(state, file->fileData(), file->fileSize());
    XXH128_hash_t h = XXH3_128bits_digest(state);
    XXH3_freeState(state);
    m_fingerprint = fmt::format("xxh3-128:{:016x}{:016x}", h.high64, h.low64);
    return m_fingerprint;
}

}  // namespace srs::core
