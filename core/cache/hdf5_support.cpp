#include "core/cache/hdf5_support.h"

#include <fmt/format.h>

#include <algorithm>
#include <mutex>

#include "core/error.h"

namespace srs::core::h5 {

void silenceErrors() {
    thread_local bool silenced = false;
    if (silenced) return;
    H5open();
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
    silenced = true;
}

// ---- Abandonable pass-through driver -------------------------------------------------
// Every callback forwards to an inner sec2 file through the public H5FD API (as HDF5's own
// family and multi drivers do). Once abandoned, writes, flushes and truncates are no-ops.
namespace {

struct GuardFile {
    H5FD_t pub;  // must be first: HDF5 fills it
    H5FD_t* inner = nullptr;
    bool abandoned = false;
};

GuardFile* guard(H5FD_t* f) { return reinterpret_cast<GuardFile*>(f); }
const GuardFile* guard(const H5FD_t* f) { return reinterpret_cast<const GuardFile*>(f); }

H5FD_t* guardOpen(const char* name, unsigned flags, hid_t, haddr_t maxaddr) {
    hid_t sec2 = H5Pcreate(H5P_FILE_ACCESS);
    if (sec2 < 0) return nullptr;
    H5FD_t* inner = H5Pset_fapl_sec2(sec2) >= 0 ? H5FDopen(name, flags, sec2, maxaddr) : nullptr;
    H5Pclose(sec2);
    if (!inner) return nullptr;
    auto* g = new GuardFile();
    g->inner = inner;
    return &g->pub;
}

herr_t guardClose(H5FD_t* f) {
    GuardFile* g = guard(f);
    herr_t st = H5FDclose(g->inner);
    delete g;
    return st;
}

int guardCmp(const H5FD_t* a, const H5FD_t* b) { return H5FDcmp(guard(a)->inner, guard(b)->inner); }

herr_t guardQuery(const H5FD_t* f, unsigned long* flags) {
    *flags = 0;
    if (f && H5FDquery(guard(f)->inner, flags) < 0) return -1;
    if (!f) {  // class-level query: what sec2 offers
        *flags = H5FD_FEAT_AGGREGATE_METADATA | H5FD_FEAT_ACCUMULATE_METADATA | H5FD_FEAT_DATA_SIEVE |
                 H5FD_FEAT_AGGREGATE_SMALLDATA;
    }
    *flags &= ~static_cast<unsigned long>(H5FD_FEAT_POSIX_COMPAT_HANDLE | H5FD_FEAT_DEFAULT_VFD_COMPATIBLE |
                                          H5FD_FEAT_SUPPORTS_SWMR_IO);
    return 0;
}

haddr_t guardGetEoa(const H5FD_t* f, H5FD_mem_t type) { return H5FDget_eoa(guard(f)->inner, type); }
herr_t guardSetEoa(H5FD_t* f, H5FD_mem_t type, haddr_t addr) { return H5FDset_eoa(guard(f)->inner, type, addr); }
haddr_t guardGetEof(const H5FD_t* f, H5FD_mem_t type) { return H5FDget_eof(guard(f)->inner, type); }

// The "handle" of a guarded file is the GuardFile itself (abandonFile needs it).
herr_t guardGetHandle(H5FD_t* f, hid_t, void** handle) {
    *handle = guard(f);
    return 0;
}

herr_t guardRead(H5FD_t* f, H5FD_mem_t type, hid_t dxpl, haddr_t addr, size_t size, void* buf) {
    return H5FDread(guard(f)->inner, type, dxpl, addr, size, buf);
}
herr_t guardWrite(H5FD_t* f, H5FD_mem_t type, hid_t dxpl, haddr_t addr, size_t size, const void* buf) {
    GuardFile* g = guard(f);
    return g->abandoned ? 0 : H5FDwrite(g->inner, type, dxpl, addr, size, buf);
}
herr_t guardFlush(H5FD_t* f, hid_t dxpl, hbool_t closing) {
    GuardFile* g = guard(f);
    return g->abandoned ? 0 : H5FDflush(g->inner, dxpl, closing);
}
herr_t guardTruncate(H5FD_t* f, hid_t dxpl, hbool_t closing) {
    GuardFile* g = guard(f);
    return g->abandoned ? 0 : H5FDtruncate(g->inner, dxpl, closing);
}
herr_t guardLock(H5FD_t* f, hbool_t rw) { return H5FDlock(guard(f)->inner, rw); }
herr_t guardUnlock(H5FD_t* f) { return H5FDunlock(guard(f)->inner); }

H5FD_class_t makeGuardClass() {
    H5FD_class_t c{};
    c.name = "srs_abandonable_sec2";
    c.maxaddr = (static_cast<haddr_t>(1) << 63) - 1;
    c.fc_degree = H5F_CLOSE_WEAK;
    c.open = guardOpen;
    c.close = guardClose;
    c.cmp = guardCmp;
    c.query = guardQuery;
    c.get_eoa = guardGetEoa;
    c.set_eoa = guardSetEoa;
    c.get_eof = guardGetEof;
    c.get_handle = guardGetHandle;
    c.read = guardRead;
    c.write = guardWrite;
    c.flush = guardFlush;
    c.truncate = guardTruncate;
    c.lock = guardLock;
    c.unlock = guardUnlock;
    const H5FD_mem_t map[H5FD_MEM_NTYPES] = H5FD_FLMAP_DICHOTOMY;
    for (int i = 0; i < H5FD_MEM_NTYPES; ++i) c.fl_map[i] = map[i];
    return c;
}

const H5FD_class_t kGuardClass = makeGuardClass();

hid_t guardDriver() {
    // Re-registered if the library was shut down and reopened (H5close in a test).
    static std::mutex mutex;
    static hid_t id = -1;
    std::lock_guard<std::mutex> lock(mutex);
    if (id < 0 || H5Iis_valid(id) <= 0) id = H5FDregister(&kGuardClass);
    return id;
}

}  // namespace

Handle abandonableAccess() {
    Handle fapl(H5Pcreate(H5P_FILE_ACCESS));
    hid_t driver = guardDriver();
    if (!fapl.valid() || driver < 0 || H5Pset_driver(fapl, driver, nullptr) < 0)
        throw FormatError("cannot set up the HDF5 file driver of the cache writer: " + errorDetail());
    return fapl;
}

bool abandonFile(hid_t file) {
    hid_t fapl = H5Fget_access_plist(file);
    if (fapl < 0) return false;
    const bool ours = H5Pget_driver(fapl) == guardDriver();
    void* handle = nullptr;
    if (ours && H5Fget_vfd_handle(file, fapl, &handle) >= 0 && handle) static_cast<GuardFile*>(handle)->abandoned = true;
    H5Pclose(fapl);
    H5Eclear2(H5E_DEFAULT);
    return ours && handle;
}

namespace {
herr_t collectError(unsigned n, const H5E_error2_t* err, void* data) {
    auto* out = static_cast<std::vector<std::string>*>(data);
    if (err && err->desc && *err->desc && n < 8) out->push_back(err->desc);
    return 0;
}
}  // namespace

std::string errorDetail() {
    std::vector<std::string> parts;
    H5Ewalk2(H5E_DEFAULT, H5E_WALK_DOWNWARD, collectError, &parts);
    H5Eclear2(H5E_DEFAULT);
    std::string out;
    // Downward walk: outermost first; the last entries are the most specific.
    for (std::size_t i = parts.size() > 3 ? parts.size() - 3 : 0; i < parts.size(); ++i) {
        if (!out.empty()) out += ": ";
        out += parts[i];
    }
    return out;
}

Handle& Handle::operator=(Handle&& o) noexcept {
    if (this != &o) {
        reset();
        m_id = o.m_id;
        o.m_id = -1;
    }
    return *this;
}

void Handle::reset() {
    if (m_id >= 0) {
        switch (H5Iget_type(m_id)) {
            case H5I_FILE: H5Fclose(m_id); break;
            case H5I_GROUP: H5Gclose(m_id); break;
            case H5I_DATASET: H5Dclose(m_id); break;
            case H5I_DATASPACE: H5Sclose(m_id); break;
            case H5I_DATATYPE: H5Tclose(m_id); break;
            case H5I_ATTR: H5Aclose(m_id); break;
            case H5I_GENPROP_LST: H5Pclose(m_id); break;
            default: break;
        }
        H5Eclear2(H5E_DEFAULT);
    }
    m_id = -1;
}

Handle check(hid_t id, const std::string& file, const std::string& what) {
    if (id < 0) {
        std::string detail = errorDetail();
        throw FormatError(fmt::format("{}: {}{}{}", file, what, detail.empty() ? "" : ": ", detail));
    }
    return Handle(id);
}

void check(herr_t status, const std::string& file, const std::string& what) {
    if (status < 0) {
        std::string detail = errorDetail();
        throw FormatError(fmt::format("{}: {}{}{}", file, what, detail.empty() ? "" : ": ", detail));
    }
}

Handle halfType() {
    Handle t(H5Tcopy(H5T_IEEE_F32LE));
    H5Tset_fields(t, 15, 10, 5, 0, 10);
    H5Tset_size(t, 2);
    H5Tset_ebias(t, 15);
    return t;
}

Handle utf8StringType() {
    Handle t(H5Tcopy(H5T_C_S1));
    H5Tset_size(t, H5T_VARIABLE);
    H5Tset_cset(t, H5T_CSET_UTF8);
    return t;
}

bool hasAttr(hid_t loc, const std::string& name) { return H5Aexists(loc, name.c_str()) > 0; }

namespace {

/// Opens attribute `name` for writing with the given type/space, replacing a mismatching one.
Handle attrForWrite(hid_t loc, const std::string& name, hid_t type, hid_t space, const std::string& file) {
    if (hasAttr(loc, name)) {
        Handle a(H5Aopen(loc, name.c_str(), H5P_DEFAULT));
        Handle s(H5Aget_space(a));
        Handle t(H5Aget_type(a));
        if (a.valid() && H5Tequal(t, type) > 0 && H5Sget_simple_extent_npoints(s) == H5Sget_simple_extent_npoints(space) &&
            H5Sget_simple_extent_ndims(s) == H5Sget_simple_extent_ndims(space))
            return a;
        a.reset();
        check(H5Adelete(loc, name.c_str()), file, "cannot replace attribute '" + name + "'");
    }
    return check(H5Acreate2(loc, name.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT), file,
                 "cannot create attribute '" + name + "'");
}

Handle openAttr(hid_t loc, const std::string& name, const std::string& file, const char* expected) {
    if (!hasAttr(loc, name))
        throw FormatError(fmt::format("{}: attribute '{}' is missing (expected {})", file, name, expected));
    return check(H5Aopen(loc, name.c_str(), H5P_DEFAULT), file, "cannot open attribute '" + name + "'");
}

}  // namespace

void writeAttrString(hid_t loc, const std::string& name, const std::string& value, const std::string& file) {
    Handle type = utf8StringType();
    Handle space(H5Screate(H5S_SCALAR));
    Handle a = attrForWrite(loc, name, type, space, file);
    const char* p = value.c_str();
    check(H5Awrite(a, type, &p), file, "cannot write attribute '" + name + "'");
}

void writeAttrInt64(hid_t loc, const std::string& name, std::int64_t value, const std::string& file) {
    Handle space(H5Screate(H5S_SCALAR));
    Handle a = attrForWrite(loc, name, H5T_STD_I64LE, space, file);
    check(H5Awrite(a, H5T_NATIVE_INT64, &value), file, "cannot write attribute '" + name + "'");
}

void writeAttrInt64s(hid_t loc, const std::string& name, const std::vector<std::int64_t>& values,
                     const std::string& file) {
    hsize_t n = values.size();
    Handle space(n ? H5Screate_simple(1, &n, nullptr) : H5Screate(H5S_NULL));
    Handle a = attrForWrite(loc, name, H5T_STD_I64LE, space, file);
    if (n) check(H5Awrite(a, H5T_NATIVE_INT64, values.data()), file, "cannot write attribute '" + name + "'");
}

void writeAttrStrings(hid_t loc, const std::string& name, const std::vector<std::string>& values,
                      const std::string& file) {
    Handle type = utf8StringType();
    hsize_t n = values.size();
    Handle space(n ? H5Screate_simple(1, &n, nullptr) : H5Screate(H5S_NULL));
    Handle a = attrForWrite(loc, name, type, space, file);
    std::vector<const char*> ptrs;
    for (const auto& v : values) ptrs.push_back(v.c_str());
    if (n) check(H5Awrite(a, type, ptrs.data()), file, "cannot write attribute '" + name + "'");
}

namespace {
std::vector<std::string> readStringData(hid_t obj, bool isAttr, const std::string& file, const std::string& name) {
    Handle ftype(isAttr ? H5Aget_type(obj) : H5Dget_type(obj));
    if (H5Tget_class(ftype) != H5T_STRING)
        throw FormatError(fmt::format("{}: '{}' has a non-string type (expected string)", file, name));
    Handle space(isAttr ? H5Aget_space(obj) : H5Dget_space(obj));
    hssize_t n = H5Sget_simple_extent_npoints(space);
    if (n <= 0) return {};
    std::vector<std::string> out;
    out.reserve(static_cast<std::size_t>(n));
    if (H5Tis_variable_str(ftype) > 0) {
        Handle mtype = utf8StringType();
        std::vector<char*> ptrs(static_cast<std::size_t>(n), nullptr);
        herr_t st = isAttr ? H5Aread(obj, mtype, ptrs.data())
                           : H5Dread(obj, mtype, H5S_ALL, H5S_ALL, H5P_DEFAULT, ptrs.data());
        check(st, file, "cannot read strings of '" + name + "'");
        for (char* p : ptrs) out.emplace_back(p ? p : "");
        H5Dvlen_reclaim(mtype, space, H5P_DEFAULT, ptrs.data());
    } else {
        std::size_t size = H5Tget_size(ftype);
        std::vector<char> buf(size * static_cast<std::size_t>(n) + 1, '\0');
        herr_t st = isAttr ? H5Aread(obj, ftype, buf.data())
                           : H5Dread(obj, ftype, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf.data());
        check(st, file, "cannot read strings of '" + name + "'");
        for (hssize_t i = 0; i < n; ++i) {
            const char* p = buf.data() + static_cast<std::size_t>(i) * size;
            std::size_t len = 0;
            while (len < size && p[len]) ++len;
            out.emplace_back(p, len);
        }
    }
    return out;
}
}  // namespace

std::string readAttrString(hid_t loc, const std::string& name, const std::string& file) {
    Handle a = openAttr(loc, name, file, "a string");
    auto v = readStringData(a, true, file, "attribute '" + name + "'");
    if (v.size() != 1) throw FormatError(fmt::format("{}: attribute '{}' must be one string", file, name));
    return v[0];
}

std::vector<std::string> readAttrStrings(hid_t loc, const std::string& name, const std::string& file) {
    Handle a = openAttr(loc, name, file, "a list of strings");
    return readStringData(a, true, file, "attribute '" + name + "'");
}

std::vector<std::int64_t> readAttrInt64s(hid_t loc, const std::string& name, const std::string& file) {
    Handle a = openAttr(loc, name, file, "integers");
    Handle type(H5Aget_type(a));
    if (H5Tget_class(type) != H5T_INTEGER)
        throw FormatError(fmt::format("{}: attribute '{}' is not an integer (expected integers)", file, name));
    Handle space(H5Aget_space(a));
    hssize_t n = H5Sget_simple_extent_npoints(space);
    std::vector<std::int64_t> out(static_cast<std::size_t>(std::max<hssize_t>(n, 0)));
    if (n > 0) check(H5Aread(a, H5T_NATIVE_INT64, out.data()), file, "cannot read attribute '" + name + "'");
    return out;
}

std::int64_t readAttrInt64(hid_t loc, const std::string& name, const std::string& file) {
    auto v = readAttrInt64s(loc, name, file);
    if (v.size() != 1)
        throw FormatError(fmt::format("{}: attribute '{}' has {} values (expected one integer)", file, name, v.size()));
    return v[0];
}

void ensureGroups(hid_t file, const std::string& path, const std::string& fileName) {
    std::size_t pos = 1;
    while ((pos = path.find('/', pos)) != std::string::npos) {
        std::string sub = path.substr(0, pos);
        if (H5Lexists(file, sub.c_str(), H5P_DEFAULT) <= 0)
            check(H5Gcreate2(file, sub.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), fileName,
                  "cannot create group '" + sub + "'");
        ++pos;
    }
    if (H5Lexists(file, path.c_str(), H5P_DEFAULT) <= 0)
        check(H5Gcreate2(file, path.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), fileName,
              "cannot create group '" + path + "'");
}

Handle createExtendible(hid_t file, const std::string& path, hid_t type, hsize_t cols, hsize_t chunkRows,
                        int gzip, const std::string& fileName) {
    const int rank = cols == 0 ? 1 : 2;
    hsize_t dims[2] = {0, cols};
    hsize_t maxDims[2] = {H5S_UNLIMITED, cols};
    hsize_t chunk[2] = {chunkRows, cols};
    Handle space(H5Screate_simple(rank, dims, maxDims));
    Handle dcpl(H5Pcreate(H5P_DATASET_CREATE));
    check(H5Pset_chunk(dcpl, rank, chunk), fileName, "cannot set chunking of '" + path + "'");
    if (gzip > 0) {
        H5Pset_shuffle(dcpl);
        H5Pset_deflate(dcpl, static_cast<unsigned>(gzip));
    }
    Handle lcpl(H5Pcreate(H5P_LINK_CREATE));
    H5Pset_create_intermediate_group(lcpl, 1);
    return check(H5Dcreate2(file, path.c_str(), type, space, lcpl, dcpl, H5P_DEFAULT), fileName,
                 "cannot create dataset '" + path + "'");
}

std::vector<hsize_t> datasetShape(hid_t dataset, const std::string& file, const std::string& name) {
    Handle space = check(H5Dget_space(dataset), file, "cannot get the shape of '" + name + "'");
    int nd = H5Sget_simple_extent_ndims(space);
    if (nd < 0) throw FormatError(fmt::format("{}: cannot get the rank of '{}'", file, name));
    std::vector<hsize_t> dims(static_cast<std::size_t>(nd));
    if (nd > 0) H5Sget_simple_extent_dims(space, dims.data(), nullptr);
    return dims;
}

void appendRows(hid_t dataset, hid_t memType, hsize_t start, hsize_t count, hsize_t cols, const void* data,
                const std::string& file, const std::string& name) {
    if (count == 0) return;
    const int rank = cols == 0 ? 1 : 2;
    hsize_t newDims[2] = {start + count, cols};
    check(H5Dset_extent(dataset, newDims), file, "cannot extend dataset '" + name + "'");
    Handle fspace = check(H5Dget_space(dataset), file, "cannot get the space of '" + name + "'");
    hsize_t off[2] = {start, 0};
    hsize_t cnt[2] = {count, cols};
    check(H5Sselect_hyperslab(fspace, H5S_SELECT_SET, off, nullptr, cnt, nullptr), file,
          "cannot select rows of '" + name + "'");
    Handle mspace(H5Screate_simple(rank, cnt, nullptr));
    check(H5Dwrite(dataset, memType, mspace, fspace, H5P_DEFAULT, data), file,
          fmt::format("cannot write rows {}..{} of dataset '{}'", start, start + count, name));
}

void readRows(hid_t dataset, hid_t memType, hsize_t start, hsize_t count, void* out, const std::string& file,
              const std::string& name) {
    if (count == 0) return;
    Handle fspace = check(H5Dget_space(dataset), file, "cannot get the space of '" + name + "'");
    int rank = H5Sget_simple_extent_ndims(fspace);
    hsize_t dims[2] = {0, 0};
    H5Sget_simple_extent_dims(fspace, dims, nullptr);
    if (start + count > dims[0])
        throw FormatError(fmt::format("{}: dataset '{}' has {} rows, cannot read rows {}..{}", file, name, dims[0],
                                      start, start + count));
    hsize_t off[2] = {start, 0};
    hsize_t cnt[2] = {count, rank == 2 ? dims[1] : 1};
    check(H5Sselect_hyperslab(fspace, H5S_SELECT_SET, off, nullptr, cnt, nullptr), file,
          "cannot select rows of '" + name + "'");
    Handle mspace(H5Screate_simple(rank, cnt, nullptr));
    check(H5Dread(dataset, memType, mspace, fspace, H5P_DEFAULT, out), file,
          fmt::format("cannot read rows {}..{} of dataset '{}'", start, start + count, name));
}

std::vector<std::string> readStrings(hid_t dataset, const std::string& file, const std::string& name) {
    return readStringData(dataset, false, file, "dataset '" + name + "'");
}

}  // namespace srs::core::h5
