#include "app/cli/cli_common.h"

#include <CLI/CLI.hpp>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <mutex>
#include <sstream>

#include <fmt/format.h>

#include "core/error.h"
#include "core/version.h"
#include "core/session/fingerprint.h"
#include "core/session/session.h"
#include "core/session/steps/pipeline_steps.h"
#include "core/session/steps/record_step.h"

namespace srs::app::cli {
namespace {

core::CancelToken& globalCancel() {
    static core::CancelToken token;
    return token;
}

void onSigint(int) {
    static volatile std::sig_atomic_t count = 0;
    ++count;
    if (count > 1) _exit(130);  // second Ctrl-C: leave now
    globalCancel().cancel();
    const char msg[] = "\nsrs: cancelling (Ctrl-C again to abort now)...\n";
    (void)!write(STDERR_FILENO, msg, sizeof(msg) - 1);
}

std::string formatSeconds(double s) {
    if (s < 0 || s > 1e7) return "--:--";
    int total = static_cast<int>(s + 0.5);
    char buf[32];
    if (total >= 3600)
        std::snprintf(buf, sizeof buf, "%d:%02d:%02d", total / 3600, (total / 60) % 60, total % 60);
    else
        std::snprintf(buf, sizeof buf, "%02d:%02d", total / 60, total % 60);
    return buf;
}

}  // namespace

void addRuntimeOptions(CLI::App* app, RuntimeOptions& options) {
    app->add_option("--dtype", options.dtype, "Compute dtype")
        ->check(CLI::IsMember({"float32", "bfloat16"}))
        ->capture_default_str();
    app->add_option("--device", options.device, "Device (cuda needs a CUDA build of libtorch)")
        ->check(CLI::IsMember({"cpu", "cuda"}))
        ->capture_default_str();
    app->add_option("--threads", options.threads,
                    "CPU threads (0 = OMP_NUM_THREADS or all cores)")
        ->capture_default_str();
}

core::JobContext makeCliJob(bool quiet) {
    std::signal(SIGINT, onSigint);
    struct State {
        std::mutex mutex;
        std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
        std::chrono::steady_clock::time_point lastDraw{};
        std::string phase;
        bool tty = isatty(STDERR_FILENO) != 0;
    };
    auto state = std::make_shared<State>();
    core::ProgressFn fn;
    if (!quiet) {
        fn = [state](const core::ProgressEvent& ev) {
            std::lock_guard<std::mutex> lock(state->mutex);
            auto now = std::chrono::steady_clock::now();
            if (ev.phase != state->phase) {
                if (state->tty && !state->phase.empty()) std::cerr << "\n";
                state->phase = ev.phase;
                state->start = now;
                state->lastDraw = {};
            }
            bool finished = ev.total > 0 && ev.done >= ev.total;
            auto minGap = state->tty ? std::chrono::milliseconds(100) : std::chrono::milliseconds(5000);
            if (!finished && now - state->lastDraw < minGap) return;
            state->lastDraw = now;
            double elapsed = std::chrono::duration<double>(now - state->start).count();
            std::ostringstream line;
            line << ev.phase << " ";
            if (ev.total > 0) {
                double frac = static_cast<double>(ev.done) / static_cast<double>(ev.total);
                int width = 30, filled = static_cast<int>(frac * width);
                line << "[" << std::string(filled, '#') << std::string(width - filled, '.') << "] "
                     << ev.done << "/" << ev.total;
                if (!ev.unit.empty()) line << " " << ev.unit;
                double eta = frac > 0 ? elapsed * (1.0 - frac) / frac : -1;
                line << "  " << formatSeconds(elapsed) << " elapsed, ETA " << formatSeconds(eta);
            } else {
                line << ev.done;
                if (!ev.unit.empty()) line << " " << ev.unit;
                line << "  " << formatSeconds(elapsed);
            }
            if (state->tty)
                std::cerr << "\r" << line.str() << "\033[K" << (finished ? "\n" : "") << std::flush;
            else
                std::cerr << line.str() << "\n";
        };
    }
    return core::JobContext(fn, globalCancel());
}

void printJson(const nlohmann::json& doc) {
    // Decoded token text of a partial multi-byte sequence is not valid UTF-8: print U+FFFD.
    std::cout << doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << std::endl;
}

std::vector<long long> parseIntList(const std::string& text, const std::string& what) {
    std::vector<long long> out;
    std::string token;
    auto flush = [&]() {
        if (token.empty()) return;
        try {
            std::size_t used = 0;
            long long v = std::stoll(token, &used);
            if (used != token.size()) throw std::invalid_argument(token);
            out.push_back(v);
        } catch (const std::exception&) {
            throw InvalidArgument(what + ": '" + token + "' is not an integer (expected e.g. 1,2,3)");
        }
        token.clear();
    };
    for (char c : text) {
        if (c == ',' || c == ' ' || c == '\t' || c == '\n') flush();
        else token.push_back(c);
    }
    flush();
    return out;
}

void addSessionOption(CLI::App* app, std::string& sessionPath) {
    app->add_option("--session", sessionPath,
                    "Append this run as a step to a session file (.srs.json, created if absent; see srs replay)");
}

SessionRecorder::SessionRecorder(std::string sessionPath)
    : m_path(std::move(sessionPath)), m_started(m_path.empty() ? std::string() : core::isoTimeNow()) {}

void SessionRecorder::record(const std::string& kind, const nlohmann::json& parameters,
                             const std::vector<std::pair<std::string, std::string>>& inputs,
                             const std::vector<std::pair<std::string, std::string>>& outputs,
                             const std::string& modelDir, const std::string& device, const std::string& dtype) const {
    if (m_path.empty()) return;
    namespace fs = std::filesystem;
    const fs::path sessionFile = fs::absolute(m_path);
    const fs::path base = sessionFile.parent_path();
    core::Session session = fs::exists(sessionFile) ? core::readSessionFile(sessionFile)
                                                    : core::Session::create(sessionFile.stem().stem().string());
    core::SessionStep step = core::recordStep(kind, parameters, inputs, outputs, modelDir, base.string(), m_started);
    step.id = session.nextStepId();
    session.device = device;
    session.dtype = dtype;
    session.modified = step.ended;
    session.softwareVersion = versionString();
    session.steps.push_back(std::move(step));
    core::writeSessionFile(sessionFile, session);
    std::cerr << fmt::format("srs: recorded step '{}' ({}) in {}\n", session.steps.back().id, kind, m_path);
}

}  // namespace srs::app::cli
