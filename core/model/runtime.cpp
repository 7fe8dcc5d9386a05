#include "core/model/runtime.h"

#include <ATen/Context.h>
#include <ATen/Parallel.h>
#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <thread>

#include "core/error.h"

namespace srs::core {

ComputeDtype parseComputeDtype(const std::string& text) {
    std::string t = text;
    std::transform(t.begin(), t.end(), t.begin(), [](unsigned char c) { return std::tolower(c); });
    if (t == "float32" || t == "f32" || t == "fp32") return ComputeDtype::Float32;
    if (t == "bfloat16" || t == "bf16") return ComputeDtype::BFloat16;
    throw InvalidArgument(
        fmt::format("dtype '{}' is not supported: expected float32 or bfloat16", text));
}

const char* computeDtypeName(ComputeDtype dtype) {
    return dtype == ComputeDtype::BFloat16 ? "bfloat16" : "float32";
}

int configureThreads(int requested) {
    int n = requested;
    if (n <= 0) {
        if (const char* env = std::getenv("OMP_NUM_THREADS")) n = std::atoi(env);
    }
    if (n <= 0) n = static_cast<int>(std::thread::hardware_concurrency());
    if (n <= 0) n = 1;
    at::set_num_threads(n);
    return n;
}

void checkDeviceAvailable(const std::string& device) {
    if (device == "cpu") return;
    if (device == "cuda" || device.rfind("cuda:", 0) == 0) {
        if (!at::hasCUDA())
            throw UnsupportedError(fmt::format(
                "device '{}' requested, but the linked libtorch was built without CUDA (or no "
                "CUDA device is visible); use --device cpu or link a CUDA build of libtorch",
                device));
        return;
    }
    throw InvalidArgument(fmt::format("device '{}' is not supported: expected cpu or cuda", device));
}

}  // namespace srs::core
