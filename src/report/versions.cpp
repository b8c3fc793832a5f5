#include "report/versions.hpp"

#include <Poco/Version.h>
#include <cmark-gfm.h>
#include <fmt/core.h>

#include <toml++/toml.h>

#include "report/excel/library_version.hpp"
#include "store/store.hpp"

namespace pirpack::report {

std::vector<std::pair<std::string, std::string>> component_versions() {
    auto dotted = [](long major, long minor, long patch) {
        return std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch);
    };
    return {
        {"pirpack", PIRPACK_VERSION},
        {"poco", dotted(POCO_VERSION >> 24, (POCO_VERSION >> 16) & 0xFF, (POCO_VERSION >> 8) & 0xFF)},
        {"store", store::database_version()},
        {"libxlsxwriter", excel::libxlsxwriter_version()},
        {"cmark-gfm", cmark_version_string()},
        {"fmt", dotted(FMT_VERSION / 10000, FMT_VERSION / 100 % 100, FMT_VERSION % 100)},
        {"toml++", dotted(TOML_LIB_MAJOR, TOML_LIB_MINOR, TOML_LIB_PATCH)},
    };
}

}  // namespace pirpack::report
