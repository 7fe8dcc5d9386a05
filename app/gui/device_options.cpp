#include "app/gui/device_options.h"

#include <thread>

#include "core/error.h"
#include "core/model/runtime.h"

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

}  // namespace srs::app::gui
