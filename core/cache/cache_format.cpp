#include "core/cache/cache_format.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/cache/hdf5_support.h"
#include "core/error.h"
#include "core/version.h"

namespace srs::core {

void writeCacheAttributes(hid_t file, const CacheSchema& s, const std::string& fn) {
    h5::writeAttrString(file, cache_attr::kFormat, cache_attr::kFormatName, fn);
    h5::writeAttrInt64(file, cache_attr::kVersion, cache_attr::kVersionValue, fn);
    h5::writeAttrStrings(file, "hooks", s.hooks, fn);
    h5::writeAttrInt64s(file, "layers", std::vector<std::int64_t>(s.layers.begin(), s.layers.end()), fn);
    h5::writeAttrInt64(file, "d_model", s.dModel, fn);
    h5::writeAttrString(file, "dtype", storeDtypeName(s.dtype), fn);
    h5::writeAttrInt64(file, "token_stride", s.tokenStride, fn);
    h5::writeAttrInt64(file, "shard_index", s.shardIndex, fn);
    h5::writeAttrInt64(file, "shard_count", s.shardCount, fn);
    h5::writeAttrString(file, "task", s.task, fn);
    h5::writeAttrString(file, "model_fingerprint", s.modelFingerprint, fn);
    h5::writeAttrString(file, "tokenizer_fingerprint", s.tokenizerFingerprint, fn);
    h5::writeAttrString(file, "template", s.promptTemplate, fn);
    h5::writeAttrString(file, "settings_json", s.settingsJson, fn);
    h5::writeAttrString(file, "software_version", versionString(), fn);
}

CacheSchema readCacheAttributes(hid_t file, const std::string& fn) {
    if (!h5::hasAttr(file, cache_attr::kFormat))
        throw FormatError(fmt::format("{}: not an SRS activation cache (attribute 'format' missing, expected '{}')",
                                      fn, cache_attr::kFormatName));
    std::string format = h5::readAttrString(file, cache_attr::kFormat, fn);
    if (format != cache_attr::kFormatName)
        throw FormatError(fmt::format("{}: attribute format is '{}' (expected '{}')", fn, format, cache_attr::kFormatName));
    std::int64_t version = h5::readAttrInt64(file, cache_attr::kVersion, fn);
    if (version != cache_attr::kVersionValue)
        throw UnsupportedError(fmt::format("{}: cache format version {} is not supported (expected {})", fn, version,
                                           cache_attr::kVersionValue));
    CacheSchema s;
    s.hooks = h5::readAttrStrings(file, "hooks", fn);
    for (auto l : h5::readAttrInt64s(file, "layers", fn)) s.layers.push_back(static_cast<int>(l));
    s.dModel = h5::readAttrInt64(file, "d_model", fn);
    std::string dtype = h5::readAttrString(file, "dtype", fn);
    try {
        s.dtype = parseStoreDtype(dtype);
    } catch (const InvalidArgument&) {
        throw FormatError(fmt::format("{}: attribute dtype is '{}' (expected float16, bfloat16 or float32)", fn, dtype));
    }
    s.tokenStride = static_cast<int>(h5::readAttrInt64(file, "token_stride", fn));
    s.shardIndex = static_cast<int>(h5::readAttrInt64(file, "shard_index", fn));
    s.shardCount = static_cast<int>(h5::readAttrInt64(file, "shard_count", fn));
    s.task = h5::readAttrString(file, "task", fn);
    s.modelFingerprint = h5::readAttrString(file, "model_fingerprint", fn);
    s.tokenizerFingerprint = h5::readAttrString(file, "tokenizer_fingerprint", fn);
    s.promptTemplate = h5::readAttrString(file, "template", fn);
    s.settingsJson = h5::readAttrString(file, "settings_json", fn);
    try {
        validateSchema(s);
    } catch (const InvalidArgument& e) {
        throw FormatError(fmt::format("{}: invalid cache attributes: {}", fn, e.what()));
    }
    return s;
}

std::string schemaDifference(const CacheSchema& a, const CacheSchema& b, bool compareShard) {
    auto diff = [](const char* field, const auto& x, const auto& y) -> std::string {
        if (x == y) return {};
        return fmt::format("{} {} vs {}", field, x, y);
    };
    for (std::string d : {diff("hooks", fmt::format("[{}]", fmt::join(a.hooks, ",")),
                               fmt::format("[{}]", fmt::join(b.hooks, ","))),
                          diff("layers", fmt::format("[{}]", fmt::join(a.layers, ",")),
                               fmt::format("[{}]", fmt::join(b.layers, ","))),
                          diff("d_model", a.dModel, b.dModel),
                          diff("dtype", storeDtypeName(a.dtype), storeDtypeName(b.dtype)),
                          diff("token_stride", a.tokenStride, b.tokenStride),
                          diff("model_fingerprint", a.modelFingerprint, b.modelFingerprint),
                          diff("tokenizer_fingerprint", a.tokenizerFingerprint, b.tokenizerFingerprint),
                          diff("template", a.promptTemplate, b.promptTemplate),
                          diff("task", a.task, b.task)})
        if (!d.empty()) return d;
    if (compareShard) {
        if (auto d = diff("shard_index", a.shardIndex, b.shardIndex); !d.empty()) return d;
        if (auto d = diff("shard_count", a.shardCount, b.shardCount); !d.empty()) return d;
        if (auto d = diff("settings_json", a.settingsJson, b.settingsJson); !d.empty()) return d;
    }
    return {};
}

}  // namespace srs::core
