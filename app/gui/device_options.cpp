#include "app/gui/device_options.h"

#include <algorithm>
#include <thread>

#include "core/error.h"
#include "core/model/runtime.h"
#include "app/gui/settings.h"

namespace srs::app::gui {

QStringList availableDevices() {
    QStringList devices{QStringLiteral("cpu")};
    try {
        core::checkDeviceAvailable("cuda");
        devices << QStringLiteral("cuda");
    } catch (const Error&) {
        // CPU-only libtorch: nothing to add.
    }
    return devices;
}

int hardwareThreads() {
    const unsigned n = std::thread::hardware_concurrency();
    return n == 0 ? 1 : static_cast<int>(n);
}

core::RuntimeOptions runtimeOptionsFromSettings() {
    core::RuntimeOptions options;
    const QString device = Settings::get(keys::kDevice);
    options.device = availableDevices().contains(device) ? device.toStdString() : std::string("cpu");
    options.threads = std::max(0, Settings::get(keys::kThreads));
    return options;
}

}  // namespace srs::app::gui
