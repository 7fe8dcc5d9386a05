#include "core/pipeline/demo_session.h"

#include <fstream>

#include <fmt/format.h>

#include "core/error.h"
#include "core/io/atomic_file.h"
#include "core/session/fingerprint.h"
#include "core/session/steps/figure_step.h"
#include "core/version.h"

namespace srs::core {
namespace fs = std::filesystem;

DemoSessionRunner::DemoSessionRunner(fs::path sessionFile, const StepRegistry& registry, const JobContext& job,
                                     std::function<void(const std::string&)> log)
    : m_file(fs::absolute(sessionFile).lexically_normal()),
      m_base(m_file.parent_path()),
      m_registry(registry),
      m_job(job),
      m_log(std::move(log)) {
    const std::string stem = m_file.filename().string();
    m_session = Session::create(stem.substr(0, stem.find('.')));
    if (fs::exists(m_file)) {
        try {
            m_previous = readSessionFile(m_file);
        } catch (const Error& e) {
            if (m_log) m_log(fmt::format("ignoring the earlier session (nothing is reused): {}", e.what()));
        }
    }
}

std::string DemoSessionRunner::stored(const fs::path& path) const {
    const fs::path abs = fs::absolute(path).lexically_normal();
    const fs::path rel = abs.lexically_relative(m_base);
    if (!rel.empty() && *rel.begin() != "..") return rel.generic_string();
    return abs.string();
}

SessionStep DemoSessionRunner::makeStep(const DemoStepSpec& spec) {
    const StepKind* kind = m_registry.find(spec.kind);
    if (!kind) throw Error(fmt::format("demo: step kind '{}' is not registered", spec.kind));
    SessionStep step;
    step.id = m_session.nextStepId();
    step.kind = spec.kind;
    step.label = spec.label;
    step.parameters = spec.parameters;
    if (kind->validate) kind->validate(step.parameters, fmt::format("demo step '{}' ({})", step.id, step.kind));
    for (const auto& key : kind->seedKeys)
        if (step.parameters.contains(key) && step.parameters[key].is_number_integer() &&
            step.parameters[key].get<long long>() >= 0)
            step.seeds[key] = step.parameters[key].get<std::uint64_t>();
    for (const auto& [role, path] : spec.inputs) step.inputs.push_back({role, stored(path), semanticFingerprint(path)});
    for (const auto& [role, path] : spec.outputs) step.outputs.push_back({role, stored(path), ""});
    if (!spec.modelDir.empty()) {
        const std::string key = fs::absolute(spec.modelDir).lexically_normal().string();
        auto it = m_modelFingerprints.find(key);
        if (it == m_modelFingerprints.end())
            it = m_modelFingerprints
                     .emplace(key, m_registry.modelFingerprint ? m_registry.modelFingerprint(key) : std::string())
                     .first;
        step.model = ModelRef{stored(spec.modelDir), it->second};
    }
    return step;
}

const SessionStep* DemoSessionRunner::reusable(const SessionStep& c) const {
    for (const auto& p : m_previous.steps) {
        if (p.status != "ok" || p.kind != c.kind || p.parameters != c.parameters || !(p.inputs == c.inputs) ||
            !(p.model == c.model) || p.outputs.size() != c.outputs.size())
            continue;
        bool same = true;
        for (std::size_t i = 0; i < p.outputs.size() && same; ++i) {
            const auto& o = p.outputs[i];
            const fs::path file = fs::path(o.path).is_relative() ? m_base / o.path : fs::path(o.path);
            same = o.role == c.outputs[i].role && o.path == c.outputs[i].path && !o.fingerprint.empty() &&
                   fs::exists(file) && semanticFingerprint(file) == o.fingerprint;
        }
        if (same) return &p;
    }
    return nullptr;
}

void DemoSessionRunner::save() {
    m_session.modified = isoTimeNow();
    m_session.softwareVersion = versionString();
    writeSessionFile(m_file, m_session, /*overwrite=*/true);
}

const SessionStep& DemoSessionRunner::run(const DemoStepSpec& spec) {
    m_job.checkCancelled();
    SessionStep step = makeStep(spec);
    const StepKind* kind = m_registry.find(spec.kind);
    if (const SessionStep* previous = reusable(step)) {
        step.outputs = previous->outputs;
        step.started = previous->started;
        step.ended = previous->ended;
        ++m_reused;
        if (m_log) m_log(fmt::format("step '{}' ({}) {}: reused from the earlier run", step.id, step.kind, step.label));
    } else {
        if (!kind->run) throw Error(fmt::format("demo: step kind '{}' is not runnable headless", spec.kind));
        std::map<std::string, std::string> inputs, outputs;
        for (const auto& [role, path] : spec.inputs) inputs[role] = fs::absolute(path).string();
        // An existing output is stale (another configuration) and removed, except the partial
        // file of this very step interrupted earlier (rollout and capture resume it): the
        // marker file names the step that was running when the demo stopped.
        const fs::path marker = m_base / ".demo-running.json";
        const nlohmann::json running{{"kind", step.kind},
                                     {"parameters", step.parameters},
                                     {"inputs", sessionToJson([&] {
                                          Session s;
                                          s.steps.push_back(step);
                                          return s;
                                      }())["steps"][0]["inputs"]},
                                     {"outputs", spec.outputs.empty() ? std::string() : stored(spec.outputs[0].second)}};
        bool resume = false;
        if ((spec.kind == "rollout" || spec.kind == "capture") && fs::exists(marker)) {
            std::ifstream in(marker);
            const auto previous = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
            resume = previous == running;
        }
        for (const auto& [role, path] : spec.outputs) {
            const fs::path abs = fs::absolute(path);
            fs::create_directories(abs.parent_path());
            if (!resume && fs::exists(abs)) {
                if (m_log) m_log(fmt::format("step '{}' ({}): replacing {} (not this configuration's)", step.id,
                                             step.kind, stored(abs)));
                fs::remove(abs);
            }
            outputs[role] = abs.string();
        }
        writeFileAtomically(marker, running.dump() + "\n", /*overwrite=*/true);
        const std::string modelPath = spec.modelDir.empty() ? std::string() : fs::absolute(spec.modelDir).string();
        step.started = isoTimeNow();
        kind->run(StepRunContext{step, inputs, modelPath, outputs, m_job});
        step.ended = isoTimeNow();
        std::error_code ec;
        fs::remove(marker, ec);
        for (std::size_t i = 0; i < step.outputs.size(); ++i) {
            const fs::path p = fs::absolute(spec.outputs[i].second);
            if (!fs::exists(p))
                throw Error(fmt::format("demo step '{}' ({}): output '{}' was not written ({})", step.id, step.kind,
                                        step.outputs[i].role, p.string()));
            step.outputs[i].fingerprint = semanticFingerprint(p);
        }
    }
    step.status = "ok";
    m_session.steps.push_back(std::move(step));
    save();
    return m_session.steps.back();
}

const SessionStep& DemoSessionRunner::addFigure(const nlohmann::json& spec, const fs::path& dataPath,
                                                const fs::path& outPath, const std::string& label, int trace) {
    m_job.checkCancelled();
    FigureStepOptions fo;
    fo.sessionFile = m_file.string();
    fo.label = label;
    fo.trace = trace;
    fo.force = true;
    fs::create_directories(fs::absolute(outPath).parent_path());
    const std::string id = addFigureStep(m_session, spec, fs::absolute(dataPath).string(),
                                         fs::absolute(outPath).string(), fo, m_job);
    save();
    return m_session.steps[m_session.find(id)];
}

const SessionStep& DemoSessionRunner::recordPending(const DemoStepSpec& spec, const std::string& note) {
    SessionStep step = makeStep(spec);
    step.status = "pending";
    step.note = note;
    m_session.steps.push_back(std::move(step));
    save();
    return m_session.steps.back();
}

}  // namespace srs::core
