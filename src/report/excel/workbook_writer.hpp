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
#include <variant>
#include <vector>

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

enum class HorizontalAlign { general, left, center, right };  // general: text left, numbers right

// How a cell looks. Registered once per workbook with add_style; the returned id is then passed
// to the write calls, and to add_conditional_format (where only the fill, font colour, bold,
// italic, underline and border take effect, as in Excel).
struct CellStyle {
    bool bold = false;
    bool italic = false;
    bool underline = false;
    bool wrap = false;       // wrap text; also keeps a line break in the text visible
    bool align_top = false;  // vertical alignment at the top (for rows of wrapped text)
    HorizontalAlign align = HorizontalAlign::general;
    bool border = false;           // a thin border on all four sides
    bool unlocked = false;         // editable when the sheet is protected (see protect_sheet)
    double font_size = 0;          // points; 0 means the default (11)
    std::string number_format;     // Excel's format code, e.g. "dd/mm/yyyy", "#,##0.00"
    std::uint32_t background = 0;  // 0xRRGGBB; 0 means none
    std::uint32_t font_color = 0;  // 0xRRGGBB; 0 means automatic (black)
};

// A block of cells, 0-based and inclusive.
struct CellRange {
    int first_row = 0;
    int first_column = 0;
    int last_row = 0;
    int last_column = 0;
};

enum class Comparison {
    equal_to,
    not_equal_to,
    greater_than,
    greater_than_or_equal_to,
    less_than,
    less_than_or_equal_to
};

// "Format cells whose value ...": a number compared numerically, a string compared as literal
// text (Excel compares text ignoring case). The text is quoted for Excel here, so a value such
// as =A1 is never taken as a formula.
struct ConditionalFormat {
    Comparison comparison = Comparison::equal_to;
    std::variant<double, std::string> value = 0.0;
    int style = -1;  // a WorkbookWriter::StyleId
};

// One line of a line chart: its name is read from a cell, its categories (the x-axis labels)
// and values from one row or column each, all on `data_sheet`.
struct ChartSeries {
    int name_row = 0;
    int name_column = 0;
    CellRange categories;
    CellRange values;
    std::uint32_t color = 0;  // 0xRRGGBB; 0 lets Excel choose from its palette
};

// A native Excel line chart. Titles are literal text (a leading "=" is not taken as a
// reference). Empty cells in a series are gaps in its line, not zeros.
struct LineChart {
    int data_sheet = 0;  // a WorkbookWriter::SheetId
    std::string title;
    double title_size = 12;  // points
    std::string x_axis_title;
    std::string y_axis_title;
    std::string y_number_format;  // the value axis' number format, e.g. "0\"%\""; "" for General
    std::vector<ChartSeries> series;
    int width = 480;          // pixels
    int height = 288;         // pixels
    int x_offset = 0;         // pixels right of the anchor cell's left edge; may reach past that cell
    int y_offset = 0;         // pixels below its top edge
    std::string description;  // alternative text for screen readers; "" for none
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
    // A cell with no value, for its style alone (a row's fill carried across its gaps).
    void write_blank(SheetId sheet, int row, int column, StyleId style);
    // An Excel date serial (1900 system); give a style with a date number format.
    void write_date(SheetId sheet, int row, int column, const common::Date& date, StyleId style);
    // A link to cell A1 of another sheet of this workbook, showing `text` as a string cell.
    void write_sheet_link(SheetId sheet, int row, int column, std::string_view target_sheet, std::string_view text,
                          StyleId style = default_style);

    void set_column_width(SheetId sheet, int first_column, int last_column, double width);
    void set_row_height(SheetId sheet, int row, double height);
    void freeze_panes(SheetId sheet, int row, int column);
    void set_autofilter(SheetId sheet, int first_row, int first_column, int last_row, int last_column);
    void add_conditional_format(SheetId sheet, const CellRange& range, const ConditionalFormat& format);
    // Places `chart` with its top left corner at the cell; it keeps its size when rows above
    // it change height.
    void insert_line_chart(SheetId sheet, int row, int column, const LineChart& chart);

    // Printing. Header and footer strings use Excel's codes (&L, &C, &R for the sections, &P the
    // page, &N the pages, &A the sheet); pass literal text through escape_header_text. Excel
    // allows 255 characters, codes included.
    void set_landscape(SheetId sheet);
    void set_paper_a4(SheetId sheet);
    void set_header(SheetId sheet, std::string_view header);
    void set_footer(SheetId sheet, std::string_view footer);
    // Scales the printout to at most `width` pages across and `height` down; 0 means as many
    // as it takes, so (1, 0) is "fit to one page wide".
    void fit_to_pages(SheetId sheet, int width, int height);
    // Rows printed at the top of every page.
    void repeat_rows(SheetId sheet, int first_row, int last_row);

    // A drop-down list of `labels` on rows first_row..last_row of one column; other values are
    // refused. Excel limits the list to 255 characters with its commas, and a label may not
    // itself hold a comma.
    void set_validation_list(SheetId sheet, int first_row, int column, int last_row,
                             const std::vector<std::string>& labels);
    // Locks the sheet (no password: this guards against slips, not people) so that only cells
    // written with an `unlocked` style can be edited. Filtering and resizing rows and columns
    // stay allowed.
    void protect_sheet(SheetId sheet);

    const std::string& sheet_name(SheetId sheet) const;

    // Assembles and writes the file. After close() the writer accepts no more calls.
    void close();

    const std::string& path() const;

private:
    struct State;
    std::unique_ptr<State> state_;
};

// Literal text for a header or footer: "&" doubled so it is not read as a code.
std::string escape_header_text(std::string_view text);

// Days from Excel's 1900 epoch (serial 1 = 1900-01-01, with Excel's phantom 29 February 1900).
double to_excel_serial(const common::Date& date);

}  // namespace pirpack::report::excel
