// A thin, typed wrapper over libxlsxwriter, so no other folder includes xlsxwriter.h or sees its
// types. It writes one .xlsx file; every failure is a common::PirpackError(ErrorKind::run).
//
//     WorkbookWriter book("out.xlsx", {.constant_memory = true, .created = *make_date(2024, 4, 5)});
//     auto sheet = book.add_sheet("Crimes");
//     auto date = book.add_style({.number_format = "dd/mm/yyyy"});
//     book.write_string(sheet, 0, 0, "Date Recorded");
//     book.write_date(sheet, 1, 0, *make_date(2023, 4, 1), date);
//     book.close();
//
// The same calls with the same `created` date give a byte-identical file: libxlsxwriter stamps
// every zip entry with a fixed 1980-01-01 time and the document properties with `created`.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "common/date.hpp"

namespace pirpack::report::excel {

struct WorkbookOptions {
    // Streams each row to a temporary file instead of keeping the sheet in memory. Rows must then
    // be written top to bottom, and strings are stored inline rather than in the shared table.
    bool constant_memory = false;
    // The document's created (and modified) date, at midnight UTC. Fixed so output is repeatable.
    common::Date created;
    std::string title;
    std::string subject;
    std::string company;
    std::string comments;
};

// How a cell looks. Registered once per workbook with add_style; the returned id is then passed
// to the write calls.
struct CellStyle {
    bool bold = false;
    bool wrap = false;
    std::string number_format;     // Excel's format code, e.g. "dd/mm/yyyy", "#,##0.00"
    std::uint32_t background = 0;  // 0xRRGGBB; 0 means none
};

class WorkbookWriter {
public:
    using SheetId = int;
    using StyleId = int;
    static constexpr StyleId default_style = -1;
    static constexpr int max_rows = 1048576;  // Excel's limit per sheet, header included
    static constexpr int max_columns = 16384;

    WorkbookWriter(std::string path, WorkbookOptions options);
    ~WorkbookWriter();  // discards an unclosed workbook's temporary state; never throws
    WorkbookWriter(const WorkbookWriter&) = delete;
    WorkbookWriter& operator=(const WorkbookWriter&) = delete;

    // Sheet names follow Excel's rules: 1-31 characters, none of []:*?/\, unique.
    SheetId add_sheet(std::string_view name);
    StyleId add_style(const CellStyle& style);

    // Rows and columns are 0-based here, as in libxlsxwriter.
    void write_string(SheetId sheet, int row, int column, std::string_view text, StyleId style = default_style);
    void write_number(SheetId sheet, int row, int column, double value, StyleId style = default_style);
    // An Excel date serial (1900 system); give a style with a date number format.
    void write_date(SheetId sheet, int row, int column, const common::Date& date, StyleId style);
    void set_column_width(SheetId sheet, int first_column, int last_column, double width);
    void freeze_panes(SheetId sheet, int row, int column);
    void set_autofilter(SheetId sheet, int first_row, int first_column, int last_row, int last_column);

    // Assembles and writes the file. After close() the writer accepts no more calls.
    void close();

    const std::string& path() const;

private:
    struct State;
    std::unique_ptr<State> state_;
};

// Days from Excel's 1900 epoch (serial 1 = 1900-01-01, with Excel's phantom 29 February 1900).
double to_excel_serial(const common::Date& date);

}  // namespace pirpack::report::excel
