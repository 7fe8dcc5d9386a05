// srs replay SESSION [--check] [--from STEP] [--out DIR] [--force] [--json] [-q]
// srs session show FILE [--json]     srs session kinds
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <filesystem>
#include <iostream>

#include "app/cli/cli_common.h"
#include "app/cli/command.h"
#include "core/error.h"
#include "core/session/replay.h"
#include "core/session/session.h"
#include "core/session/steps/pipeline_steps.h"

namespace srs::app::cli {
namespace {
namespace fs = std::filesystem;

struct ReplayArgs {
    std::string session, from, out;
    bool check = false, force = false, json = false, quiet = false;
};

fs::path defaultOutDir(const fs::path& session) {
    std::string name = session.filename().string();
    for (const char* ext : {".srs.json", ".json"})
        if (name.size() > std::string(ext).size() && name.compare(name.size() - std::string(ext).size(), std::string::npos, ext) == 0) {
            name.resize(name.size() - std::string(ext).size());
            break;
        }
    return session.parent_path() / (name + ".replay");
}

void runReplay(const ReplayArgs& a) {
    const fs::path sessionPath(a.session);
    const core::Session session = core::readSessionFile(sessionPath);
    core::ReplayOptions o;
    o.outDir = a.out.empty() ? defaultOutDir(sessionPath) : fs::path(a.out);
    o.baseDir = sessionPath.parent_path();
    o.fromStep = a.from;
    o.check = a.check;
    o.force = a.force;
    auto job = makeCliJob(a.quiet);
    const auto report = core::replaySession(session, core::pipelineStepRegistry(), o, job, [&](const std::string& line) {
        if (!a.quiet) std::cerr << "srs: " << line << "\n";
    });
    const fs::path replayed = o.outDir / "replay.srs.json";
    core::writeSessionFile(replayed, report.replayed, a.force);
    std::size_t ran = 0;
    for (const auto& s : report.steps) ran += s.status == "ran";
    if (a.json) {
        nlohmann::json steps = nlohmann::json::array(), mismatches = nlohmann::json::array();
        for (const auto& s : report.steps)
            steps.push_back({{"id", s.stepId}, {"kind", s.kind}, {"status", s.status}, {"message", s.message},
                             {"seconds", s.seconds}});
        for (const auto& m : report.mismatches)
            mismatches.push_back({{"step", m.stepId}, {"role", m.role}, {"path", m.path}, {"expected", m.expected},
                                  {"got", m.got}});
        printJson({{"session", session.id}, {"out", o.outDir.string()}, {"replayed_session", replayed.string()},
                   {"steps", steps}, {"checked_outputs", report.checkedOutputs}, {"mismatches", mismatches},
                   {"not_runnable", report.notRunnable}});
    } else {
        for (const auto& m : report.mismatches)
            std::cout << fmt::format("MISMATCH step '{}' output '{}': expected {}, got {} ({})\n", m.stepId, m.role,
                                     m.expected, m.got, m.path);
        std::cout << fmt::format("replayed {} of {} steps into {}", ran, report.steps.size(), o.outDir.string());
        if (a.check)
            std::cout << fmt::format("; {} outputs checked, {} mismatch(es)", report.checkedOutputs,
                                     report.mismatches.size());
        if (report.notRunnable > 0) std::cout << fmt::format("; {} step(s) not runnable headless", report.notRunnable);
        std::cout << "\n";
    }
    if (!report.mismatches.empty())
        throw Error(fmt::format("{}: {} output fingerprint mismatch(es) on replay", a.session, report.mismatches.size()));
}

void showSession(const std::string& file, bool json) {
    const core::Session s = core::readSessionFile(file);
    if (json) {
        printJson(core::sessionToJson(s));
        return;
    }
    std::cout << fmt::format("session {} \"{}\" (schema {}, srs {}, {} {}), created {}, modified {}\n", s.id, s.name,
                             s.schemaVersion, s.softwareVersion, s.device, s.dtype, s.created, s.modified);
    for (const auto& st : s.steps) {
        std::cout << fmt::format("  {:<5} {:<22} {:<9} {}{}\n", st.id, st.kind, st.status, st.started,
                                 st.label.empty() ? "" : "  \"" + st.label + "\"");
        if (!st.note.empty()) std::cout << fmt::format("        note: {}\n", st.note);
        if (st.model) std::cout << fmt::format("        model   {} {}\n", st.model->path, st.model->fingerprint);
        for (const auto& f : st.inputs) std::cout << fmt::format("        in  {:<10} {} {}\n", f.role, f.path, f.fingerprint);
        for (const auto& f : st.outputs) std::cout << fmt::format("        out {:<10} {} {}\n", f.role, f.path, f.fingerprint);
    }
}

RegisterCommand regReplay(90, [](CLI::App& root) {
    auto a = std::make_shared<ReplayArgs>();
    CLI::App* c = root.add_subcommand(
        "replay", "Re-run a session's steps headless into a fresh folder; --check compares every output fingerprint "
                  "(docs/SESSION_FORMAT.md)");
    c->add_option("SESSION", a->session, "Session file (.srs.json)")->required();
    c->add_flag("--check", a->check, "Compare each output's fingerprint with the recorded one; exit 1 on a mismatch");
    c->add_option("--from", a->from, "Re-run from this step id on (earlier outputs are reused)");
    c->add_option("--out", a->out, "Output folder (default: <session>.replay next to the session file)");
    c->add_flag("--force", a->force, "Replace outputs that exist in the output folder");
    c->add_flag("--json", a->json, "Print a JSON report on stdout");
    c->add_flag("-q,--quiet", a->quiet, "No progress on stderr");
    c->callback([a] { runReplay(*a); });
});

RegisterCommand regSession(91, [](CLI::App& root) {
    auto file = std::make_shared<std::string>();
    auto json = std::make_shared<bool>(false);
    CLI::App* s = root.add_subcommand("session", "Inspect experiment session files (.srs.json)");
    s->require_subcommand(1);
    CLI::App* show = s->add_subcommand("show", "List a session's steps with their files and fingerprints");
    show->add_option("FILE", *file, "Session file (.srs.json)")->required();
    show->add_flag("--json", *json, "Print the (migrated) session as JSON");
    show->callback([file, json] { showSession(*file, *json); });
    CLI::App* kinds = s->add_subcommand("kinds", "List the step kinds this build can replay");
    kinds->callback([] {
        const auto& r = core::pipelineStepRegistry();
        for (const auto& name : r.names()) {
            const auto* k = r.find(name);
            std::cout << fmt::format("{:<22} {}{}\n", name, k->description, k->run ? "" : " [not runnable headless]");
        }
    });
});

}  // namespace
}  // namespace srs::app::cli
