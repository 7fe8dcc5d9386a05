#include "core/util/resource_paths.h"

#include <cstdlib>
#include <system_error>
#include <vector>

#include "core/error.h"

namespace srs::core {
namespace fs = std::filesystem;

namespace {

bool isDir(const fs::path& p) {
    std::error_code ec;
    return fs::is_directory(p, ec);
}

}  // namespace

fs::path resourceDir() {
    if (const char* env = std::getenv("SRS_RESOURCE_DIR"); env && *env) {
        fs::path p(env);
        if (!isDir(p))
            throw FormatError("SRS_RESOURCE_DIR=" + p.string() +
                              ": not a directory (expected the SRS Workbench resources folder)");
        return p;
    }
    std::vector<fs::path> tried;
    std::error_code ec;
    fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        fs::path bin = exe.parent_path();
        for (const fs::path& rel : {fs::path("../../resources"),
                                    fs::path("../share/srs-workbench/resources")}) {
            fs::path p = (bin / rel).lexically_normal();
            tried.push_back(p);
            if (isDir(p)) return p;
        }
    }
#ifdef SRS_RESOURCE_DIR
    fs::path compiled(SRS_RESOURCE_DIR);
    tried.push_back(compiled);
    if (isDir(compiled)) return compiled;
#endif
    std::string list;
    for (const auto& p : tried) list += (list.empty() ? "" : ", ") + p.string();
    throw FormatError("resources directory not found (looked in: " + list +
                      "); set SRS_RESOURCE_DIR to the SRS Workbench resources folder");
}

fs::path resourcePath(const std::string& relative) {
    fs::path p = resourceDir() / relative;
    std::error_code ec;
    if (!fs::exists(p, ec))
        throw FormatError(p.string() + ": resource file not found (expected '" + relative +
                          "' under " + resourceDir().string() + ")");
    return p;
}

}  // namespace srs::core
