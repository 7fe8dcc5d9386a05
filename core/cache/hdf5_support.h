#pragma once
/// Internal helpers of the activation cache over the HDF5 C API: RAII handles, quiet error
/// handling (HDF5 prints nothing; failures become srs::FormatError naming file and object),
/// attribute read/write, extendible datasets. Not part of the public cache API.
#include <hdf5.h>

#include <cstdint>
#include <string>
#include <vector>

namespace srs::core::h5 {

/// Turns off HDF5's automatic error printing for the calling thread (idempotent, cheap).
/// The thread-safe HDF5 keeps this setting — and the error stack — per thread, so every
/// public entry point of the cache (reader, writer, merge) calls it on whatever thread it
/// runs: HDF5 never prints, and errors always become srs exceptions with errorDetail().
void silenceErrors();

/// The innermost HDF5 error descriptions of the current error stack, e.g.
/// "unable to open file: truncated file: eof = 100, ...". Empty if none.
std::string errorDetail();

/// Owns an hid_t and closes it with the matching H5?close.
class Handle {
public:
    Handle() = default;
    explicit Handle(hid_t id) : m_id(id) {}
    Handle(const Handle&) = delete;
    Handle& operator=(const Handle&) = delete;
    Handle(Handle&& o) noexcept : m_id(o.m_id) { o.m_id = -1; }
    Handle& operator=(Handle&& o) noexcept;
    ~Handle() { reset(); }
    void reset();
    hid_t get() const { return m_id; }
    operator hid_t() const { return m_id; }  // NOLINT: handles pass straight to the C API
    bool valid() const { return m_id >= 0; }

private:
    hid_t m_id = -1;
};

/// A file access property list for files that a writer may have to abandon: the POSIX
/// (sec2) driver behind a thin pass-through driver whose I/O can be switched off.
Handle abandonableAccess();
/// For a file opened with abandonableAccess(): from now on every write, flush and truncate
/// of `file` succeeds without touching the disk (reads still read it). Closing the file
/// then always succeeds — HDF5 keeps no half-closed file id (its atexit shutdown crashed on
/// one) — and the file keeps exactly what the last successful writes left. False if `file`
/// does not use that driver.
bool abandonFile(hid_t file);

/// Throws FormatError("<file>: <what>: <hdf5 detail>") if id < 0; else wraps it.
Handle check(hid_t id, const std::string& file, const std::string& what);
/// Throws FormatError if status < 0.
void check(herr_t status, const std::string& file, const std::string& what);

/// Datatypes. halfType() is IEEE binary16 little-endian (h5py reads it as '<f2').
Handle halfType();
Handle utf8StringType();  ///< variable-length UTF-8 string

bool hasAttr(hid_t loc, const std::string& name);
void writeAttrString(hid_t loc, const std::string& name, const std::string& value, const std::string& file);
void writeAttrInt64(hid_t loc, const std::string& name, std::int64_t value, const std::string& file);
void writeAttrInt64s(hid_t loc, const std::string& name, const std::vector<std::int64_t>& values,
                     const std::string& file);
void writeAttrStrings(hid_t loc, const std::string& name, const std::vector<std::string>& values,
                      const std::string& file);
/// Readers throw FormatError naming file, attribute and the expected type when absent/wrong.
std::string readAttrString(hid_t loc, const std::string& name, const std::string& file);
std::int64_t readAttrInt64(hid_t loc, const std::string& name, const std::string& file);
std::vector<std::int64_t> readAttrInt64s(hid_t loc, const std::string& name, const std::string& file);
std::vector<std::string> readAttrStrings(hid_t loc, const std::string& name, const std::string& file);

/// Creates groups along "/a/b" as needed.
void ensureGroups(hid_t file, const std::string& path, const std::string& fileName);

/// Creates an empty extendible chunked dataset [0] (cols = 0) or [0, cols] with chunks of
/// chunkRows rows, optional shuffle+gzip, creating intermediate groups.
Handle createExtendible(hid_t file, const std::string& path, hid_t type, hsize_t cols, hsize_t chunkRows, int gzip,
                        const std::string& fileName);

/// Current shape of a dataset.
std::vector<hsize_t> datasetShape(hid_t dataset, const std::string& file, const std::string& name);

/// Appends `count` rows (of `cols` elements each; cols = 0 for a 1-D dataset) of type `memType`
/// at the end of an extendible dataset whose current length is `start`.
void appendRows(hid_t dataset, hid_t memType, hsize_t start, hsize_t count, hsize_t cols, const void* data,
                const std::string& file, const std::string& name);

/// Reads rows [start, start+count) of a 1-D or 2-D dataset with memory type `memType`.
void readRows(hid_t dataset, hid_t memType, hsize_t start, hsize_t count, void* out, const std::string& file,
              const std::string& name);

/// Reads a whole 1-D dataset of variable-length strings.
std::vector<std::string> readStrings(hid_t dataset, const std::string& file, const std::string& name);

}  // namespace srs::core::h5
