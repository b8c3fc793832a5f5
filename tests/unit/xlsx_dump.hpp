// A workbook as text, for tests that compare XLSX output by content rather than by bytes (the
// zip and XML may change with the library version; the cells a reader sees should not).
//
//     sheet    cell  type    value         format
//     Summary  A1    text    Test Programme
//     KPIs     H2    number  13.5          0.0"%"
//
// One line per non-empty cell, sheets in workbook order, rows top to bottom, cells left to
// right, read back with pirpack's own XLSX reader (ingest/xlsx_reader.hpp). Types are the
// reader's: text, number, date (value ISO), boolean, error. A number's value is its shortest
// round-trip text; format is the number format code, empty for General. Tabs, line breaks and
// backslashes inside a value are written \t, \n, \r and \\ so each cell stays on one line.
#pragma once

#include <string>

namespace pirpack::testing {

std::string dump_workbook_tsv(const std::string& xlsx_path);

}  // namespace pirpack::testing
