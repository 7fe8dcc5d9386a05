#pragma once
/// Compute devices the linked libtorch offers, asked of core (torch-free header).
#include <QStringList>

#include "core/model/runtime.h"

namespace srs::app::gui {

/// "cpu" always; "cuda" when core::checkDeviceAvailable("cuda") accepts it.
QStringList availableDevices();
/// Logical CPU cores (upper bound of the thread setting).
int hardwareThreads();
/// Device and thread count from Settings as core runtime options (dtype left default);
/// a saved "cuda" that this build cannot use falls back to "cpu".
core::RuntimeOptions runtimeOptionsFromSettings();

}  // namespace srs::app::gui
