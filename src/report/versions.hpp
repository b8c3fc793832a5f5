// The versions of pirpack and of the libraries that shaped a pack's figures and files, for the
// manifest and the report's appendix, so a number can be traced to the code that made it.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace pirpack::report {

// ("pirpack", "0.1.0"), ("poco", "1.11.0"), ("store", "SQLite 3.40.1"), ... in a fixed order.
std::vector<std::pair<std::string, std::string>> component_versions();

}  // namespace pirpack::report
