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

// Spreadsheet column letters for a 1-based column: 1 is A, 28 is AB, 16384 is XFD.
std::string column_letters(int column);

}  // namespace pirpack::common
