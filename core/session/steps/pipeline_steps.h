#pragma once
/// Registers the pipeline's step kinds with a StepRegistry, running each through its core
/// function (not through the CLI): rollout, capture, probe-train, prune-curve, neurons, iou,
/// route, mine-confident-wrong, and "figure" (figure_step.h: rendered by the srs-render executable).
/// Torch-free header; the registry's modelFingerprint is set to Checkpoint::fingerprint.
#include "core/session/step_registry.h"

namespace srs::core {

void registerPipelineSteps(StepRegistry& registry);

/// A process-wide registry with the pipeline steps registered (built on first use). Other
/// modules add their kinds with pipelineStepRegistry().add(...) before replaying.
StepRegistry& pipelineStepRegistry();

}  // namespace srs::core
