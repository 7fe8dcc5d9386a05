#include "core/session/fingerprint.h"

#include <hdf5.h>
#include <xxhash.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <memory>

#include <fmt/format.h>

#include "core/cache/hdf5_support.h"
#include "core/error.h"

namespace srs::core {
namespace {

using h5::Handle;

class Hasher {
public:
    Hasher() : m_state(XXH3_createState()) { XXH3_128bits_reset(m_state); }
    ~Hasher() { XXH3_freeState(m_state); }
    Hasher(const Hasher&) = delete;
    Hasher& operator=(const Hasher&) = delete;
    void add(const void* data, std::size_t size) { XXH3_128bits_update(m_state, data, size); }
    /// Length-prefixed, so that ("ab","c") and ("a","bc") differ.
    void addString(const std::string& s) {
        const std::uint64_t n = s.size();
        add(&n, sizeof n);
        add(s.data(), s.size());
    }
    void addU64(std::uint64_t v) { add(&v, sizeof v); }
    std::string digest() {
        const XXH128_hash_t h = XXH3_128bits_digest(m_state);
        return fmt::format("xxh3-128:{:016x}{:016x}", h.high64, h.low64);
    }

private:
    XXH3_state_t* m_state;
};

bool endsWith(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// ---- JSON ----

void stripVolatile(nlohmann::json& j) {
    if (j.is_object()) {
        for (const auto& k : volatileJsonKeys()) j.erase(k);
        for (auto& [key, value] : j.items()) stripVolatile(value);
    } else if (j.is_array()) {
        for (auto& v : j) stripVolatile(v);
    }
}

std::string canonical(nlohmann::json j) {
    stripVolatile(j);
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);  // object keys are sorted (std::map)
}

// ---- HDF5 ----

struct H5Walk {
    Hasher& hasher;
    const std::string& file;
};

/// Datatype identity: class, size, sign, byte order (+ "vlen-str" for variable strings).
void hashType(Hasher& h, hid_t type) {
    const H5T_class_t cls = H5Tget_class(type);
    h.addU64(static_cast<std::uint64_t>(cls));
    h.addU64(H5Tget_size(type));
    if (cls == H5T_INTEGER) h.addU64(static_cast<std::uint64_t>(H5Tget_sign(type)));
    if (cls == H5T_INTEGER || cls == H5T_FLOAT) h.addU64(static_cast<std::uint64_t>(H5Tget_order(type)));
    if (cls == H5T_FLOAT) {
        std::size_t spos = 0, epos = 0, esize = 0, mpos = 0, msize = 0;
        H5Tget_fields(type, &spos, &epos, &esize, &mpos, &msize);
        for (std::size_t v : {spos, epos, esize, mpos, msize}) h.addU64(v);
    }
    if (H5Tis_variable_str(type) > 0) h.addString("vlen-str");
}

/// Hashes `count` elements read by `reader(memType, buffer)`; variable-length strings by value.
template <typename ReadFn>
void hashValues(Hasher& h, hid_t fileType, hid_t space, std::size_t count, ReadFn read, const std::string& what,
                const std::string& file) {
    if (count == 0) return;
    if (H5Tis_variable_str(fileType) > 0) {
        Handle mem = h5::utf8StringType();
        std::vector<char*> ptrs(count, nullptr);
        h5::check(read(mem.get(), ptrs.data()), file, "cannot read " + what);
        for (char* p : ptrs) h.addString(p ? std::string(p) : std::string());
        H5Dvlen_reclaim(mem, space, H5P_DEFAULT, ptrs.data());
        return;
    }
    if (H5Tdetect_class(fileType, H5T_VLEN) > 0 || H5Tdetect_class(fileType, H5T_REFERENCE) > 0)
        throw FormatError(fmt::format("{}: {}: variable-length or reference data cannot be fingerprinted", file, what));
    const std::size_t size = H5Tget_size(fileType);
    std::vector<unsigned char> buf(count * size);
    h5::check(read(fileType, buf.data()), file, "cannot read " + what);
    h.add(buf.data(), buf.size());
}

void hashAttributes(H5Walk& w, hid_t obj, const std::string& objPath) {
    H5O_info_t info;
    h5::check(H5Oget_info2(obj, &info, H5O_INFO_NUM_ATTRS), w.file, "cannot inspect " + objPath);
    std::vector<std::string> names;
    for (hsize_t i = 0; i < info.num_attrs; ++i) {
        const ssize_t n = H5Aget_name_by_idx(obj, ".", H5_INDEX_NAME, H5_ITER_INC, i, nullptr, 0, H5P_DEFAULT);
        if (n < 0) throw FormatError(fmt::format("{}: {}: cannot list attributes", w.file, objPath));
        std::string name(static_cast<std::size_t>(n), '\0');
        H5Aget_name_by_idx(obj, ".", H5_INDEX_NAME, H5_ITER_INC, i, name.data(), name.size() + 1, H5P_DEFAULT);
        names.push_back(name);
    }
    std::sort(names.begin(), names.end());
    const auto& skip = volatileHdf5Attributes();
    for (const auto& name : names) {
        if (std::find(skip.begin(), skip.end(), name) != skip.end()) continue;
        const std::string what = fmt::format("attribute '{}' of {}", name, objPath);
        Handle a = h5::check(H5Aopen(obj, name.c_str(), H5P_DEFAULT), w.file, "cannot open " + what);
        Handle type = h5::check(H5Aget_type(a), w.file, "cannot read the type of " + what);
        Handle space = h5::check(H5Aget_space(a), w.file, "cannot read the shape of " + what);
        const int rank = H5Sget_simple_extent_ndims(space);
        std::vector<hsize_t> dims(static_cast<std::size_t>(std::max(rank, 0)));
        if (rank > 0) H5Sget_simple_extent_dims(space, dims.data(), nullptr);
        const auto count = static_cast<std::size_t>(H5Sget_simple_extent_npoints(space));
        w.hasher.addString("A:" + name);
        hashType(w.hasher, type);
        w.hasher.addU64(dims.size());
        for (hsize_t d : dims) w.hasher.addU64(d);
        hashValues(w.hasher, type, space, count, [&](hid_t mem, void* buf) { return H5Aread(a, mem, buf); }, what,
                   w.file);
    }
}

void hashDataset(H5Walk& w, hid_t ds, const std::string& path) {
    Handle type = h5::check(H5Dget_type(ds), w.file, "cannot read the type of " + path);
    Handle space = h5::check(H5Dget_space(ds), w.file, "cannot read the shape of " + path);
    const int rank = H5Sget_simple_extent_ndims(space);
    std::vector<hsize_t> dims(static_cast<std::size_t>(std::max(rank, 0)));
    if (rank > 0) H5Sget_simple_extent_dims(space, dims.data(), nullptr);
    hashType(w.hasher, type);
    w.hasher.addU64(dims.size());
    for (hsize_t d : dims) w.hasher.addU64(d);
    const auto total = static_cast<std::size_t>(H5Sget_simple_extent_npoints(space));
    if (total == 0) return;
    if (rank == 0 || H5Tis_variable_str(type) > 0) {
        hashValues(w.hasher, type, space, total,
                   [&](hid_t mem, void* buf) { return H5Dread(ds, mem, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf); }, path,
                   w.file);
        return;
    }
    // Row blocks of ~64 MiB so that a large activation cache is streamed, not loaded.
    std::size_t rowElems = 1;
    for (std::size_t i = 1; i < dims.size(); ++i) rowElems *= dims[i];
    const std::size_t rowBytes = std::max<std::size_t>(1, rowElems * H5Tget_size(type));
    const hsize_t block = std::max<hsize_t>(1, (64u << 20) / rowBytes);
    for (hsize_t start = 0; start < dims[0]; start += block) {
        const hsize_t n = std::min(block, dims[0] - start);
        std::vector<hsize_t> off(dims.size(), 0), cnt(dims);
        off[0] = start;
        cnt[0] = n;
        Handle fileSpace = h5::check(H5Scopy(space), w.file, "cannot select " + path);
        h5::check(H5Sselect_hyperslab(fileSpace, H5S_SELECT_SET, off.data(), nullptr, cnt.data(), nullptr), w.file,
                  "cannot select rows of " + path);
        Handle memSpace = h5::check(H5Screate_simple(static_cast<int>(cnt.size()), cnt.data(), nullptr), w.file,
                                    "cannot create a memory space for " + path);
        hashValues(w.hasher, type, memSpace, static_cast<std::size_t>(n) * rowElems,
                   [&](hid_t mem, void* buf) { return H5Dread(ds, mem, memSpace, fileSpace, H5P_DEFAULT, buf); },
                   path, w.file);
    }
}

herr_t visitObject(hid_t root, const char* name, const H5O_info_t* info, void* data) {
    auto& w = *static_cast<H5Walk*>(data);
    const std::string path = std::strcmp(name, ".") == 0 ? "/" : "/" + std::string(name);
    Handle obj = h5::check(H5Oopen(root, name, H5P_DEFAULT), w.file, "cannot open " + path);
    if (info->type == H5O_TYPE_GROUP) {
        w.hasher.addString("G:" + path);
    } else if (info->type == H5O_TYPE_DATASET) {
        w.hasher.addString("D:" + path);
        hashDataset(w, obj, path);
    } else {
        w.hasher.addString("T:" + path);
    }
    hashAttributes(w, obj, path);
    return 0;
}

std::string hdf5Fingerprint(const std::filesystem::path& path) {
    h5::silenceErrors();
    const std::string file = path.string();
    Handle f = h5::check(H5Fopen(file.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), file, "cannot open as HDF5");
    Hasher h;
    H5Walk w{h, file};
    // Exceptions must not cross the C callback: catch them inside and rethrow after.
    std::exception_ptr error;
    struct Ctx {
        H5Walk* walk;
        std::exception_ptr* error;
    } ctx{&w, &error};
    auto cb = [](hid_t root, const char* name, const H5O_info_t* info, void* data) -> herr_t {
        auto* c = static_cast<Ctx*>(data);
        try {
            return visitObject(root, name, info, c->walk);
        } catch (...) {
            *c->error = std::current_exception();
            return -1;
        }
    };
    const herr_t status = H5Ovisit2(f, H5_INDEX_NAME, H5_ITER_INC, cb, &ctx, H5O_INFO_BASIC);
    if (error) std::rethrow_exception(error);
    h5::check(status, file, "cannot walk the file's objects");
    return h.digest();
}

std::string readText(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw FormatError(fmt::format("{}: cannot open to fingerprint it", path.string()));
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) throw FormatError(fmt::format("{}: read error", path.string()));
    return text;
}

}  // namespace

const std::vector<std::string>& volatileHdf5Attributes() {
    static const std::vector<std::string> names{"software_version", "train_seconds", "cache_path", "created",
                                                "modified"};
    return names;
}

const std::vector<std::string>& volatileJsonKeys() {
    static const std::vector<std::string> keys{
        "seconds",      "train_seconds", "compute_seconds", "write_seconds", "stall_seconds",
        "software_version", "created",   "modified",        "cache_path",    "probes_path",
        "files",        "out",
        // Byte hashes of input HDF5 files (srs ablate): they change with every write (times
        // in attributes); the inputs' content is fingerprinted semantically as step inputs.
        "probes_fingerprint", "mc_probes_fingerprint", "cache_fingerprint"};
    return keys;
}

std::string fingerprintKind(const std::filesystem::path& path) {
    std::string name = path.filename().string();
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    if (endsWith(name, ".h5") || endsWith(name, ".hdf5")) return "hdf5";
    if (endsWith(name, ".jsonl")) return "jsonl";
    if (endsWith(name, ".json")) return "json";
    return "bytes";
}

std::string bytesFingerprint(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw FormatError(fmt::format("{}: cannot open to fingerprint it", path.string()));
    Hasher h;
    std::vector<char> buf(1 << 20);
    while (in) {
        in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
        if (in.gcount() > 0) h.add(buf.data(), static_cast<std::size_t>(in.gcount()));
    }
    if (in.bad()) throw FormatError(fmt::format("{}: read error", path.string()));
    return h.digest();
}

std::string jsonFingerprint(const nlohmann::json& doc) {
    Hasher h;
    const std::string c = canonical(doc);
    h.add(c.data(), c.size());
    return h.digest();
}

std::string semanticFingerprint(const std::filesystem::path& path) {
    const std::string kind = fingerprintKind(path);
    if (kind == "hdf5") return hdf5Fingerprint(path);
    if (kind == "bytes") return bytesFingerprint(path);
    const std::string text = readText(path);
    if (kind == "json") {
        try {
            return jsonFingerprint(nlohmann::json::parse(text));
        } catch (const nlohmann::json::parse_error& e) {
            throw FormatError(fmt::format("{}: malformed JSON (byte {}): {}", path.string(), e.byte, e.what()));
        }
    }
    Hasher h;  // jsonl
    std::size_t lineNo = 0, start = 0;
    bool first = true;
    while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        ++lineNo;
        const std::string line = text.substr(start, end - start);
        if (line.find_first_not_of(" \t\r") != std::string::npos) {
            std::string c;
            try {
                c = canonical(nlohmann::json::parse(line));
            } catch (const nlohmann::json::parse_error& e) {
                throw FormatError(fmt::format("{}:{}: malformed JSON: {}", path.string(), lineNo, e.what()));
            }
            if (!first) h.add("\n", 1);
            h.add(c.data(), c.size());
            first = false;
        }
        start = end + 1;
    }
    return h.digest();
}

}  // namespace srs::core
