// Where a value came from, so every message and reject can point a user at it.
#pragma once

#include <string>

namespace pirpack::common {

// A place in an input: a file, optionally a sheet, and a 1-based line (or row) and column.
// Zero means "not known"; users only ever see 1-based numbers.
struct SourceLocation {
    std::string file;
    std::string sheet;
    int line = 0;
    int column = 0;
    std::string column_name;

    // "file:line:column", "file:line", "file!C17" style text for messages.
    std::string describe() const;
};

}  // namespace pirpack::common
