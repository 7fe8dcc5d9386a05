#pragma once
/// Compute devices the linked libtorch offers, asked of core (torch-free header).
#include <QStringList>

namespace srs::app::gui {

/// "cpu" always; "cuda" when core::checkDeviceAvailable("cuda") accepts it.
QStringList availableDevices();
/// Logical CPU cores (upper bound of the thread setting).
int hardwareThreads();

}  // namespace srs::app::gui
