// libFuzzer target: the safetensors header parser must reject any malformed input with
// srs::FormatError and never crash, read out of bounds or accept inconsistent offsets.
#include <cstdint>
#include <cstdlib>

#include "core/error.h"
#include "core/io/safetensors.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        auto header = srs::core::parseSafetensorsHeader(data, size, "fuzz.safetensors");
        // Invariants of an accepted header: every tensor lies inside the data section.
        for (const auto& t : header.tensors)
            if (t.end < t.begin || header.dataStart + t.end > size) std::abort();
    } catch (const srs::Error&) {
    }
    return 0;
}
