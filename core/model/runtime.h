#pragma once
/// Runtime choices for running a model: compute dtype, device, CPU threads. Torch-free.
#include <string>

namespace srs::core {

/// Dtype the decoder computes in. F16-stored weights are always converted (CPU has no
/// f16 matmul); weights already stored in the compute dtype are used zero-copy.
enum class ComputeDtype { Float32, BFloat16 };

/// "float32"/"f32"/"fp32" or "bfloat16"/"bf16". Throws InvalidArgument otherwise.
ComputeDtype parseComputeDtype(const std::string& text);
/// "float32" | "bfloat16".
const char* computeDtypeName(ComputeDtype dtype);

struct RuntimeOptions {
    ComputeDtype dtype = ComputeDtype::Float32;
    std::string device = "cpu";  ///< "cpu" | "cuda" | "cuda:N"
    int threads = 0;             ///< 0 = OMP_NUM_THREADS, else hardware_concurrency
};

/// torch intra-op threads: `requested` > 0, else OMP_NUM_THREADS when set and positive,
/// else std::thread::hardware_concurrency(). Returns the number set.
int configureThreads(int requested);

/// Validates a device string against the linked libtorch. Throws InvalidArgument for an
/// unknown spelling and UnsupportedError when "cuda" is asked of a CPU-only libtorch.
void checkDeviceAvailable(const std::string& device);

}  // namespace srs::core
