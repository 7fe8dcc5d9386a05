#include "core/session/steps/record_step.h"

#include <filesystem>

#include "core/session/fingerprint.h"
#include "core/session/steps/pipeline_steps.h"

namespace srs::core {

SessionStep recordStep(const std::string& kind, const nlohmann::json& parameters, const StepPaths& inputs,
                       const StepPaths& outputs, const std::string& modelDir, const std::string& baseDir,
                       const std::string& started) {
    namespace fs = std::filesystem;
    const fs::path base = fs::absolute(baseDir).lexically_normal();
    auto stored = [&](const std::string& p) {
        const fs::path abs = fs::absolute(p).lexically_normal();
        const fs::path rel = abs.lexically_relative(base);
        if (!rel.empty() && *rel.begin() != "..") return rel.string();
        return abs.string();
    };
    const auto& registry = pipelineStepRegistry();
    SessionStep step;
    step.kind = kind;
    step.parameters = parameters;
    if (const auto* k = registry.find(kind))
        for (const auto& key : k->seedKeys)
            if (parameters.contains(key) && parameters[key].is_number_unsigned())
                step.seeds[key] = parameters[key].get<std::uint64_t>();
    for (const auto& [role, p] : inputs)
        if (!p.empty()) step.inputs.push_back({role, stored(p), semanticFingerprint(p)});
    for (const auto& [role, p] : outputs)
        if (!p.empty()) step.outputs.push_back({role, stored(p), semanticFingerprint(p)});
    if (!modelDir.empty())
        step.model = ModelRef{stored(modelDir), registry.modelFingerprint ? registry.modelFingerprint(modelDir) : ""};
    step.started = started;
    step.ended = isoTimeNow();
    return step;
}

}  // namespace srs::core
