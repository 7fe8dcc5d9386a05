#include "core/session/replay.h"

#include <chrono>
#include <map>

#include <fmt/format.h>

#include "core/error.h"
#include "core/session/fingerprint.h"
#include "core/version.h"

namespace srs::core {
namespace fs = std::filesystem;
namespace {

std::string key(const fs::path& p) { return p.lexically_normal().string(); }

}  // namespace

fs::path replayOutputPath(const fs::path& outDir, const SessionStep& step, const FileRef& ref) {
    return outDir / step.id / fs::path(ref.path).filename();
}

ReplayReport replaySession(const Session& session, const StepRegistry& registry, const ReplayOptions& options,
                           const JobContext& job, const std::function<void(const std::string&)>& log) {
    auto say = [&](const std::string& line) {
        if (log) log(line);
    };
    auto resolve = [&](const std::string& p) -> fs::path {
        fs::path path(p);
        return path.is_relative() && !options.baseDir.empty() ? options.baseDir / path : path;
    };
    registry.validateSession(session, "session " + session.id);

    std::size_t first = 0;
    if (!options.fromStep.empty()) {
        first = session.find(options.fromStep);
        if (first == std::string::npos) {
            std::string ids;
            for (const auto& s : session.steps) ids += (ids.empty() ? "" : ", ") + s.id;
            throw InvalidArgument(fmt::format("--from {}: no such step (steps: {})", options.fromStep, ids));
        }
    }

    // The latest step before `i` that recorded `path` as an output (npos = none).
    auto producerBefore = [&](const fs::path& path, std::size_t i) -> std::size_t {
        for (std::size_t j = i; j-- > 0;)
            for (const auto& out : session.steps[j].outputs)
                if (key(resolve(out.path)) == key(path)) return j;
        return std::string::npos;
    };
    // Where output `out` of step j is now: its replayed copy, or for a reused step (before
    // --from) without a replayed copy, the recorded file.
    auto currentPath = [&](std::size_t j, const fs::path& recorded) -> fs::path {
        for (const auto& out : session.steps[j].outputs)
            if (key(resolve(out.path)) == key(recorded)) {
                const fs::path remapped = replayOutputPath(options.outDir, session.steps[j], out);
                return j < first && !fs::exists(remapped) ? recorded : remapped;
            }
        return recorded;
    };

    // Check every input not re-created by this replay, and every model, before running anything.
    std::vector<std::string> problems;
    std::map<std::string, std::string> seen;  // path -> fingerprint (each file hashed once)
    auto fingerprintOf = [&](const fs::path& p) {
        auto it = seen.find(key(p));
        if (it != seen.end()) return it->second;
        return seen[key(p)] = semanticFingerprint(p);
    };
    for (std::size_t i = first; i < session.steps.size(); ++i) {
        const auto& step = session.steps[i];
        for (const auto& in : step.inputs) {
            const fs::path recorded = resolve(in.path);
            const std::size_t by = producerBefore(recorded, i);
            if (by != std::string::npos && by >= first) continue;  // re-created by this replay
            const fs::path now = by != std::string::npos ? currentPath(by, recorded) : recorded;
            if (!fs::exists(now)) {
                problems.push_back(fmt::format("step '{}' input '{}': {} is missing (expected fingerprint {})", step.id,
                                               in.role, now.string(), in.fingerprint.empty() ? "not recorded" : in.fingerprint));
                continue;
            }
            if (in.fingerprint.empty()) continue;
            const std::string got = fingerprintOf(now);
            if (got != in.fingerprint)
                problems.push_back(fmt::format("step '{}' input '{}': {} has changed (recorded fingerprint {}, now {})",
                                               step.id, in.role, now.string(), in.fingerprint, got));
        }
        if (step.model) {
            const fs::path dir = resolve(step.model->path);
            if (!fs::exists(dir)) {
                problems.push_back(fmt::format("step '{}' model: {} is missing (expected fingerprint {})", step.id,
                                               dir.string(), step.model->fingerprint));
            } else if (registry.modelFingerprint && !step.model->fingerprint.empty()) {
                auto it = seen.find("model:" + key(dir));
                const std::string got =
                    it != seen.end() ? it->second : (seen["model:" + key(dir)] = registry.modelFingerprint(dir.string()));
                if (got != step.model->fingerprint)
                    problems.push_back(fmt::format("step '{}' model: {} has changed (recorded fingerprint {}, now {})",
                                                   step.id, dir.string(), step.model->fingerprint, got));
            }
        }
    }
    if (!problems.empty()) {
        std::string text = fmt::format("session {}: {} input problem(s):", session.id, problems.size());
        for (const auto& p : problems) text += "\n  " + p;
        throw Error(text);
    }

    ReplayReport report;
    report.replayed = Session::create(session.name.empty() ? "replay" : "replay of " + session.name);
    report.replayed.device = session.device;
    report.replayed.dtype = session.dtype;
    const auto total = static_cast<std::int64_t>(session.steps.size());
    for (std::size_t i = 0; i < session.steps.size(); ++i) {
        const auto& step = session.steps[i];
        const StepKind* kind = registry.find(step.kind);
        ReplayStepResult result{step.id, step.kind, "ran", "", 0.0};
        SessionStep redone = step;
        job.report("replay", static_cast<std::int64_t>(i), total, "steps");
        job.checkCancelled();
        if (i < first) {
            result.status = "reused";
            for (auto& out : redone.outputs) out.path = currentPath(i, resolve(out.path)).string();
            report.replayed.steps.push_back(redone);
            report.steps.push_back(result);
            continue;
        }
        if (!kind->run) {
            result.status = "not-runnable";
            result.message = kind->notRunnableReason.empty() ? "not runnable headless yet" : kind->notRunnableReason;
            ++report.notRunnable;
            redone.status = "pending";
            say(fmt::format("step '{}' ({}): NOT replayed: {}", step.id, step.kind, result.message));
            report.replayed.steps.push_back(redone);
            report.steps.push_back(result);
            continue;
        }
        std::map<std::string, std::string> inputs, outputs;
        for (auto& in : redone.inputs) {
            const fs::path recorded = resolve(in.path);
            const std::size_t by = producerBefore(recorded, i);
            in.path = (by != std::string::npos ? currentPath(by, recorded) : recorded).string();
            inputs[in.role] = in.path;
        }
        fs::create_directories(options.outDir / step.id);
        for (const auto& out : step.outputs) {
            const fs::path p = replayOutputPath(options.outDir, step, out);
            if (fs::exists(p)) {
                if (!options.force)
                    throw Error(fmt::format("{}: already exists (output '{}' of step '{}'); pass --force to replace it",
                                            p.string(), out.role, step.id));
                fs::remove(p);
            }
            outputs[out.role] = p.string();
        }
        std::string modelPath = step.model ? resolve(step.model->path).string() : std::string();
        say(fmt::format("step '{}' ({}){}: running", step.id, step.kind, step.label.empty() ? "" : " \"" + step.label + "\""));
        const auto t0 = std::chrono::steady_clock::now();
        redone.started = isoTimeNow();
        try {
            kind->run(StepRunContext{step, inputs, modelPath, outputs, job});
        } catch (const Cancelled&) {
            throw;
        } catch (const std::exception& e) {
            throw Error(fmt::format("step '{}' ({}) failed: {}", step.id, step.kind, e.what()));
        }
        redone.ended = isoTimeNow();
        result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        for (auto& out : redone.outputs) {
            const fs::path p = outputs[out.role];
            if (!fs::exists(p))
                throw Error(fmt::format("step '{}' ({}): output '{}' was not written ({})", step.id, step.kind, out.role,
                                        p.string()));
            const std::string expected = out.fingerprint;
            out.path = p.string();
            out.fingerprint = semanticFingerprint(p);
            if (options.check && !expected.empty()) {
                ++report.checkedOutputs;
                if (expected != out.fingerprint)
                    report.mismatches.push_back({step.id, out.role, p.string(), expected, out.fingerprint});
            }
        }
        say(fmt::format("step '{}' ({}): done in {:.2f} s", step.id, step.kind, result.seconds));
        report.replayed.steps.push_back(redone);
        report.steps.push_back(result);
    }
    job.report("replay", total, total, "steps");
    report.replayed.modified = isoTimeNow();
    return report;
}

}  // namespace srs::core
