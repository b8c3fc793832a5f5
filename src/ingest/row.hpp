// Rows as the readers hand them over: cells with the type the file gave them and where they are.
// The CSV and XLSX readers both produce these; the typed mapping (a source's columns) reads them.
#pragma once

#include <string>
#include <vector>

namespace pirpack::ingest {

enum class CellType {
    empty,     // no value (a missing cell, an empty field)
    text,      // text: CSV fields are always text; XLSX shared, inline and formula strings
    number,    // an XLSX number with no date format
    boolean,   // an XLSX boolean; number is 0 or 1
    date,      // an XLSX date (date format or t="d"); text is ISO: 2023-04-01 or 2023-04-01T10:10:10
    error,     // an XLSX error cell; text is the error, such as #N/A or #DIV/0!
};

struct Cell {
    CellType type = CellType::empty;
    std::string text;    // the value as text (numbers in shortest round-trip form)
    double number = 0;   // numbers, booleans, and the serial of XLSX dates
    std::string format;  // XLSX: the number format code that applied, if any ("dd/mm/yyyy")
};

// One row: `line` is the 1-based CSV line the record starts on, or the 1-based XLSX row number.
// cells[i] is column i+1 (A, B, ...); trailing empty cells may be absent.
struct Row {
    long line = 0;
    std::vector<Cell> cells;
    // Non-empty when the reader could read the row but it is unusable as it stands (too many
    // fields, invalid UTF-8 at a byte offset): the row is rejected with this reason, not lost.
    std::string problem;
    int problem_column = 0;  // 1-based column the problem is in, or 0 for the whole row
};

// Pulls rows one at a time, so memory does not grow with the file.
class RowReader {
public:
    virtual ~RowReader() = default;
    // Fills `row` (reusing its storage) and returns true, or returns false at the end.
    // Throws common::PirpackError (ErrorKind::input) when the file cannot be read further.
    virtual bool next(Row& row) = 0;
};

}  // namespace pirpack::ingest
