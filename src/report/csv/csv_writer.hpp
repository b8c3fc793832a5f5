// CSV for people who open it in a spreadsheet: RFC 4180 quoting, and any cell a spreadsheet
// would run as a formula (leading =, +, -, @, tab or CR) prefixed with a quote mark so it shows
// as the text it is.
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace pirpack::report {

std::string csv_cell(std::string_view text);
void write_csv_row(std::ostream& out, const std::vector<std::string>& cells);

}  // namespace pirpack::report
