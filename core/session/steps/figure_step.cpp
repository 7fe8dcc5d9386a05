#include "core/session/steps/figure_step.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <random>
#include <regex>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "core/error.h"
#include "core/io/atomic_file.h"
#include "core/session/fingerprint.h"
#include "core/version.h"

extern char** environ;

namespace srs::core {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

const std::vector<std::string>& viewNames() {
    static const std::vector<std::string> names = {"probe-training", "prune-curve",    "ablation-heatmap",
                                                   "iou-matrix",     "dopamine-trace", "confidence"};
    return names;
}

std::string whereOf(const SessionStep& step) { return fmt::format("step '{}' ({})", step.id, step.kind); }

std::string lowerSuffix(const fs::path& p) {
    std::string s = p.extension().string();
    if (!s.empty()) s.erase(0, 1);
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

/// The export format a spec asks for ("pdf" when it names none, the spec default).
std::string specFormat(const json& spec) {
    if (spec.contains("export") && spec["export"].is_object() && spec["export"].contains("format") &&
        spec["export"]["format"].is_string())
        return spec["export"]["format"].get<std::string>();
    return "pdf";
}

bool specWantsCsv(const json& spec) {
    return spec.contains("export") && spec["export"].is_object() && spec["export"].contains("csv") &&
           spec["export"]["csv"].is_boolean() && spec["export"]["csv"].get<bool>();
}

/// The checks core can make without Qt; srs-render checks every field again in full.
void validateSpec(const ParamReader& p, const json& spec) {
    if (!spec.is_object()) p.fail("spec", "a figure spec object (version, view, params, export)");
    if (spec.contains("provenance"))
        p.fail("spec", "a spec without \"provenance\" (the figure step fills it in when rendering)");
    if (!spec.contains("view") || !spec["view"].is_string())
        p.fail("spec", "a \"view\" string (one of probe-training, prune-curve, ablation-heatmap, iou-matrix, "
                       "dopamine-trace, confidence)");
    const std::string view = spec["view"].get<std::string>();
    const auto& names = viewNames();
    if (std::find(names.begin(), names.end(), view) == names.end())
        p.fail("spec", "a known view (probe-training, prune-curve, ablation-heatmap, iou-matrix, dopamine-trace, "
                       "confidence), not \"" + view + "\"");
    const std::string format = specFormat(spec);
    if (format != "pdf" && format != "svg" && format != "png")
        p.fail("spec", "export.format pdf, svg or png, not \"" + format + "\"");
}

void validateFigure(const json& params, const std::string& where) {
    ParamReader p(params, where);
    if (!p.has("spec")) {
        // Written before figure steps were runnable (view / data step ids / export /
        // options): still readable, refused when run (runFigure names the step).
        p.allowOnly({"view", "data", "export", "options"});
        return;
    }
    p.allowOnly({"spec", "data", "trace", "session_id", "regenerate"});
    validateSpec(p, params["spec"]);
    if (p.str("data", "data").empty()) p.fail("data", "a non-empty input role");
    if (p.integer("trace", 0) < 0) p.fail("trace", "a trace index >= 0");
    (void)p.str("session_id", "");
    (void)p.str("regenerate", "");
}

/// A file removed when this goes out of scope.
struct TempFile {
    fs::path path;
    ~TempFile() {
        std::error_code ec;
        if (!path.empty()) fs::remove(path, ec);
    }
};

fs::path uniqueTempPath(const std::string& stem) {
    std::random_device rd;
    return fs::temp_directory_path() / fmt::format("srs-figure-{}-{}-{:08x}.json", stem, ::getpid(), rd());
}

/// Runs argv[0] with argv, stdout+stderr captured; polls `job` for cancellation (the child
/// is then killed). Returns (exit status, output).
std::pair<int, std::string> runProcess(const std::vector<std::string>& args, const JobContext& job) {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) throw Error("cannot create a pipe to run " + args[0]);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
    posix_spawn_file_actions_adddup2(&actions, fds[1], 2);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    pid_t pid = 0;
    const int rc = ::posix_spawn(&pid, args[0].c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(fds[1]);
    if (rc != 0) {
        ::close(fds[0]);
        throw Error(fmt::format("cannot start {}: {}", args[0], std::strerror(rc)));
    }
    std::string output;
    bool cancelled = false;
    char buffer[4096];
    for (;;) {
        pollfd pfd{fds[0], POLLIN, 0};
        const int ready = ::poll(&pfd, 1, 100);
        if (ready > 0) {
            const ssize_t n = ::read(fds[0], buffer, sizeof buffer);
            if (n > 0) {
                if (output.size() < 64 * 1024) output.append(buffer, static_cast<size_t>(n));
                continue;
            }
            if (n == 0 || errno != EINTR) break;
        }
        if (!cancelled && job.cancelToken().isCancelled()) {
            cancelled = true;
            ::kill(pid, SIGTERM);
        }
    }
    ::close(fds[0]);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (cancelled) job.checkCancelled();
    const int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
    while (!output.empty() && (output.back() == '\n' || output.back() == '\r')) output.pop_back();
    return {code, output};
}

/// "created" must be "YYYY-MM-DDTHH:MM:SS[.f]Z" (validateProvenance); anything else is left out.
std::string provenanceTime(const std::string& iso) {
    static const std::regex re(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z)");
    return std::regex_match(iso, re) ? iso : std::string();
}

void runFigure(const StepRunContext& c) {
    const std::string where = whereOf(c.step);
    ParamReader p(c.step.parameters, where);
    if (!p.has("spec"))
        throw FormatError(where + ": a figure step recorded without a \"spec\" (view / data step ids only, written "
                                  "before figures were replayable) cannot be re-rendered; export the figure again");
    const std::string dataRole = p.str("data", "data");
    const std::string& data = c.input(dataRole);
    const std::string figure = c.output("figure");
    if (figure.empty()) throw FormatError(where + ": output role 'figure' is missing");

    json spec = c.step.parameters["spec"];
    json fingerprints = json::object();
    for (const auto& [role, path] : c.inputs) fingerprints[role] = semanticFingerprint(path);
    spec["provenance"] = {{"schema", 1},
                          {"session_id", p.str("session_id", "")},
                          {"step_id", c.step.id},
                          {"fingerprints", fingerprints},
                          {"software_version", versionString()},
                          {"regenerate", p.str("regenerate", "")},
                          {"created", provenanceTime(c.step.started)}};
    const std::string csv = c.output("csv");
    if (specWantsCsv(spec) && !csv.empty() &&
        fs::path(csv).lexically_normal() != fs::path(figure).replace_extension(".csv").lexically_normal())
        throw FormatError(fmt::format("{}: output 'csv' ({}) must lie next to the figure ({}) with the same name", where,
                                      csv, figure));

    c.job.checkCancelled();
    TempFile specFile{uniqueTempPath(c.step.id)};
    writeFileAtomically(specFile.path, spec.dump(2) + "\n", false);
    std::vector<std::string> args = {findRenderExecutable(), "--spec", specFile.path.string(), "--data", data};
    if (p.has("trace")) {
        args.push_back("--trace");
        args.push_back(std::to_string(p.integer("trace")));
    }
    args.insert(args.end(), {"--out", figure, "--force"});
    const auto [code, output] = runProcess(args, c.job);
    if (code != 0)
        throw Error(fmt::format("{}: srs-render failed (exit {}){}", where, code, output.empty() ? "" : ": " + output));
}

std::string storedPath(const std::string& path, const fs::path& base) {
    if (base.empty()) return path;
    const fs::path abs = fs::absolute(path).lexically_normal();
    const fs::path rel = abs.lexically_relative(base);
    if (!rel.empty() && *rel.begin() != "..") return rel.string();
    return abs.string();
}

}  // namespace

void registerFigureStep(StepRegistry& registry) {
    registry.add({"figure", "Render a figure (view + result file + export settings) with srs-render", {},
                  validateFigure, runFigure, ""});
}

std::string findRenderExecutable() {
    if (const char* env = std::getenv("SRS_RENDER"); env && *env) {
        const fs::path p(env);
        if (!fs::is_regular_file(p) || ::access(env, X_OK) != 0)
            throw Error(fmt::format("SRS_RENDER={}: not an executable file", env));
        return p.string();
    }
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    const fs::path next = ec ? fs::path() : exe.parent_path() / "srs-render";
    if (!next.empty() && fs::is_regular_file(next) && ::access(next.c_str(), X_OK) == 0) return next.string();
    throw Error(fmt::format("cannot find srs-render (looked for {} next to the running program, and env SRS_RENDER "
                            "is not set); build it (SRS_BUILD_GUI=ON, target srs-render) or set SRS_RENDER to its path",
                            next.empty() ? std::string("srs-render") : next.string()));
}

json basicFigureSpec(const std::string& view, const std::string& format) {
    return {{"version", 1}, {"view", view}, {"export", {{"format", format}}}};
}

std::string addFigureStep(Session& session, const json& specIn, const std::string& dataPath,
                          const std::string& outPath, const FigureStepOptions& options, const JobContext& job) {
    SessionStep step;
    step.id = session.nextStepId();
    step.kind = "figure";
    step.label = options.label;
    step.note = options.note;
    const std::string where = fmt::format("figure step '{}'", step.id);
    json spec = specIn;
    if (spec.is_object()) spec.erase("provenance");

    const fs::path base = options.sessionFile.empty() ? fs::path() : fs::absolute(options.sessionFile).parent_path();
    const std::string sessionName = options.sessionFile.empty() ? session.name + ".srs.json"
                                                                : fs::path(options.sessionFile).filename().string();
    step.parameters = {{"spec", spec}, {"data", options.dataRole}, {"session_id", session.id},
                       {"regenerate", fmt::format("srs replay {} --from {}", sessionName, step.id)}};
    if (options.trace >= 0) step.parameters["trace"] = options.trace;
    try {
        validateFigure(step.parameters, where);
    } catch (const FormatError& e) {
        throw InvalidArgument(e.what());
    }
    const std::string format = specFormat(spec);
    if (lowerSuffix(outPath) != format)
        throw InvalidArgument(fmt::format("{}: {}: the file name must end in .{} (the spec's export.format)", where,
                                          outPath, format));
    if (!fs::exists(dataPath)) throw InvalidArgument(fmt::format("{}: data file {} does not exist", where, dataPath));

    std::vector<std::pair<std::string, std::string>> outputs{{"figure", outPath}};
    if (specWantsCsv(spec)) outputs.emplace_back("csv", fs::path(outPath).replace_extension(".csv").string());
    if (options.render)
        for (const auto& [role, path] : outputs)
            if (fs::exists(path) && !options.force)
                throw Error(fmt::format("{}: already exists (output '{}' of {}); pass force to replace it", path, role,
                                        where));

    step.started = isoTimeNow();
    if (options.render)
        runFigure(StepRunContext{step, {{options.dataRole, dataPath}}, "", {outputs.begin(), outputs.end()}, job});
    step.ended = options.render ? isoTimeNow() : std::string();
    step.status = options.render ? "ok" : "pending";
    step.inputs.push_back({options.dataRole, storedPath(dataPath, base), semanticFingerprint(dataPath)});
    for (const auto& [role, path] : outputs)
        step.outputs.push_back({role, storedPath(path, base), options.render ? semanticFingerprint(path) : ""});
    session.steps.push_back(std::move(step));
    session.modified = isoTimeNow();
    return session.steps.back().id;
}

}  // namespace srs::core
