// libFuzzer target: any text as programme.toml; the loader must report, never crash.
#include <cstdint>
#include <string_view>

#include "config/programme_loader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    pirpack::common::DiagnosticList diagnostics;
    pirpack::config::parse_programme(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.toml",
                                     diagnostics);
    return 0;
}
