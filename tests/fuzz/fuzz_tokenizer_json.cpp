// libFuzzer target: arbitrary bytes as tokenizer.json. Loading must either succeed or throw
// an srs::Error subclass — never crash, hang or leak; a loaded tokenizer must encode and
// decode without crashing.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/error.h"
#include "core/tokenizer/tokenizer.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string text(reinterpret_cast<const char*>(data), size);
    try {
        auto tok = srs::core::Tokenizer::fromJsonText(text, "fuzz.json");
        static const char* const kSamples[] = {"", "Hello world", "a  b\n\n c", "<|im_end|>x", "caf\xC3\xA9 \xFF\xFE",
                                               "12345 \xE4\xBD\xA0\xE5\xA5\xBD"};
        for (const char* sample : kSamples) {
            auto ids = tok.encode(sample);
            (void)tok.decode(ids);
            for (int id : ids) (void)tok.idToToken(id);
        }
        (void)tok.vocabSize();
        (void)tok.specialIds();
    } catch (const srs::Error&) {
        // expected for malformed input
    }
    return 0;
}
