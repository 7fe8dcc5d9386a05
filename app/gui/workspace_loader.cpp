#include "app/gui/workspace_loader.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/error.h"
#include "core/util/resource_paths.h"

namespace srs::app::gui {
namespace fs = std::filesystem;

namespace {

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

std::string resolveModel(const fs::path& root, const std::string& named, std::vector<std::string>& notes) {
    if (!named.empty()) {
        for (const fs::path& candidate : {fs::path(named), root / named, root.parent_path() / named})
            if (fs::is_directory(candidate) && fs::exists(candidate / "config.json"))
                return fs::canonical(candidate).string();
        if (fs::path(named).filename() == "demo") {
            try {
                const auto demo = core::resourcePath("demo/config.json").parent_path();
                notes.push_back(fmt::format("model {} not found; using the bundled demo model {}", named, demo.string()));
                return fs::canonical(demo).string();
            } catch (const Error&) {
            }
        }
        notes.push_back(fmt::format("model {} (named in demo_summary.json) not found; open it with File > Open Model",
                                    named));
    }
    return {};
}

}  // namespace

bool isWorkspaceDir(const std::string& dir) {
    const fs::path p(dir);
    std::error_code ec;
    if (!fs::is_directory(p, ec) || fs::exists(p / "config.json", ec)) return false;
    return fs::exists(p / "demo_summary.json", ec) || fs::is_directory(p / "caches", ec) ||
           fs::is_directory(p / "probes", ec);
}

WorkspaceScan scanWorkspace(const std::string& dir) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) throw InvalidArgument(fmt::format("{}: not a folder", dir));
    const fs::path root = fs::canonical(dir);
    WorkspaceScan scan;
    scan.root = root.string();

    std::string namedModel;
    const fs::path summary = root / "demo_summary.json";
    if (fs::exists(summary)) {
        std::ifstream in(summary);
        std::stringstream ss;
        ss << in.rdbuf();
        nlohmann::json j;
        try {
            j = nlohmann::json::parse(ss.str());
        } catch (const nlohmann::json::exception& e) {
            throw FormatError(fmt::format("{}: not JSON ({})", summary.string(), e.what()));
        }
        if (j.is_object() && j.contains("model") && j["model"].is_string()) namedModel = j["model"].get<std::string>();
    }
    scan.modelDir = resolveModel(root, namedModel, scan.notes);

    // Files up to two levels down (root/*, root/sub/*), skipping hidden entries.
    for (auto it = fs::recursive_directory_iterator(root, fs::directory_options::skip_permission_denied, ec);
         it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (ec) break;
        const fs::path& p = it->path();
        if (p.filename().string().rfind('.', 0) == 0) {
            if (it->is_directory()) it.disable_recursion_pending();
            continue;
        }
        if (it->is_directory()) {
            if (it.depth() >= 1 || fs::exists(p / "config.json")) it.disable_recursion_pending();
            continue;
        }
        const std::string ext = lower(p.extension().string());
        const std::string parent = p.parent_path().filename().string();
        const std::string path = p.string();
        if (ext == ".h5") {
            if (parent == "probes" || p.stem().string().find("probe") != std::string::npos) scan.probes.push_back(path);
            else scan.caches.push_back(path);
        } else if (ext == ".jsonl") {
            scan.rollouts.push_back(path);
        } else if (ext == ".json") {
            if (p != summary) scan.analyses.push_back(path);
        } else if (ext == ".png" || ext == ".pdf" || ext == ".svg") {
            scan.figures.push_back(path);
        }
    }
    for (auto* v : {&scan.caches, &scan.rollouts, &scan.probes, &scan.analyses, &scan.figures})
        std::sort(v->begin(), v->end());
    return scan;
}

std::string probesForCache(const WorkspaceScan& scan, const std::string& cachePath) {
    const auto stem = fs::path(cachePath).stem();
    for (const auto& p : scan.probes)
        if (fs::path(p).stem() == stem) return p;
    return {};
}

}  // namespace srs::app::gui
