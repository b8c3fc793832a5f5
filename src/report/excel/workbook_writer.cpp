#include "report/excel/workbook_writer.hpp"

#include <xlsxwriter.h>

#include <vector>

#include "common/errors.hpp"

namespace pirpack::report::excel {

namespace {

using common::ErrorKind;
using common::PirpackError;

// Excel serial 25569 is 1970-01-01 in the 1900 date system.
constexpr long excel_serial_of_unix_epoch = 25569;

}  // namespace

double to_excel_serial(const common::Date& date) {
    return static_cast<double>(common::days_since_epoch(date) + excel_serial_of_unix_epoch);
}

struct WorkbookWriter::State {
    std::string path;
    WorkbookOptions options;
    lxw_workbook* workbook = nullptr;
    std::vector<lxw_worksheet*> sheets;
    std::vector<lxw_format*> styles;
    // Strings handed to libxlsxwriter must live until close(): it keeps the pointers.
    std::string title, subject, company, comments;
    std::string scratch;  // NUL-terminated copy of the text being written, reused per cell

    void check(lxw_error error, std::string_view what) const {
        if (error == LXW_NO_ERROR) return;
        throw PirpackError(ErrorKind::run, path + ": " + std::string(what) + ": " + lxw_strerror(error), {},
                           "check that the folder is writable and has free space");
    }
    lxw_worksheet* sheet(SheetId id) const {
        if (workbook == nullptr) throw PirpackError(ErrorKind::run, path + ": workbook already closed");
        if (id < 0 || static_cast<std::size_t>(id) >= sheets.size())
            throw PirpackError(ErrorKind::run, path + ": no sheet " + std::to_string(id));
        return sheets[static_cast<std::size_t>(id)];
    }
    lxw_format* style(StyleId id) const {
        if (id == default_style) return nullptr;
        if (id < 0 || static_cast<std::size_t>(id) >= styles.size())
            throw PirpackError(ErrorKind::run, path + ": no cell style " + std::to_string(id));
        return styles[static_cast<std::size_t>(id)];
    }
    const char* terminated(std::string_view text) {
        scratch.assign(text.data(), text.size());
        return scratch.c_str();
    }
};

WorkbookWriter::WorkbookWriter(std::string path, WorkbookOptions options) : state_(std::make_unique<State>()) {
    state_->path = std::move(path);
    state_->options = std::move(options);
    lxw_workbook_options lxw_options{};
    lxw_options.constant_memory = state_->options.constant_memory ? LXW_TRUE : LXW_FALSE;
    lxw_options.tmpdir = nullptr;
    // ZIP64 only matters past 4 GB of XML in one part, which a sheet of Excel's 1,048,576 rows of
    // ordinary extracts does not reach; plain zip headers are what every reader expects.
    lxw_options.use_zip64 = LXW_FALSE;
    state_->workbook = workbook_new_opt(state_->path.c_str(), &lxw_options);
    if (state_->workbook == nullptr)
        throw PirpackError(ErrorKind::run, state_->path + ": cannot start a workbook", {},
                           "check that the folder exists and that temporary files can be written");

    state_->title = state_->options.title;
    state_->subject = state_->options.subject;
    state_->company = state_->options.company;
    state_->comments = state_->options.comments;
    lxw_doc_properties properties{};
    properties.title = state_->title.empty() ? nullptr : state_->title.data();
    properties.subject = state_->subject.empty() ? nullptr : state_->subject.data();
    properties.company = state_->company.empty() ? nullptr : state_->company.data();
    properties.comments = state_->comments.empty() ? nullptr : state_->comments.data();
    // A time_t of 0 would make libxlsxwriter use the clock; midnight UTC of a fixed date does not.
    properties.created = static_cast<time_t>(common::days_since_epoch(state_->options.created) * 86400L);
    if (properties.created == 0) properties.created = 1;
    state_->check(workbook_set_properties(state_->workbook, &properties), "cannot set document properties");
}

WorkbookWriter::~WorkbookWriter() {
    if (state_ && state_->workbook != nullptr) lxw_workbook_free(state_->workbook);
}

WorkbookWriter::SheetId WorkbookWriter::add_sheet(std::string_view name) {
    if (state_->workbook == nullptr) throw PirpackError(ErrorKind::run, state_->path + ": workbook already closed");
    const char* text = state_->terminated(name);
    state_->check(workbook_validate_sheet_name(state_->workbook, text), "bad sheet name \"" + std::string(name) + "\"");
    lxw_worksheet* sheet = workbook_add_worksheet(state_->workbook, text);
    if (sheet == nullptr)
        throw PirpackError(ErrorKind::run, state_->path + ": cannot add sheet \"" + std::string(name) + "\"");
    state_->sheets.push_back(sheet);
    return static_cast<SheetId>(state_->sheets.size() - 1);
}

WorkbookWriter::StyleId WorkbookWriter::add_style(const CellStyle& style) {
    if (state_->workbook == nullptr) throw PirpackError(ErrorKind::run, state_->path + ": workbook already closed");
    lxw_format* format = workbook_add_format(state_->workbook);
    if (format == nullptr) throw PirpackError(ErrorKind::run, state_->path + ": cannot add a cell style");
    if (style.bold) format_set_bold(format);
    if (style.wrap) format_set_text_wrap(format);
    if (!style.number_format.empty()) format_set_num_format(format, style.number_format.c_str());
    if (style.background != 0) {
        format_set_pattern(format, LXW_PATTERN_SOLID);
        format_set_bg_color(format, style.background);
    }
    state_->styles.push_back(format);
    return static_cast<StyleId>(state_->styles.size() - 1);
}

void WorkbookWriter::write_string(SheetId sheet, int row, int column, std::string_view text, StyleId style) {
    lxw_worksheet* target = state_->sheet(sheet);
    lxw_format* format = state_->style(style);
    state_->check(worksheet_write_string(target, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(column),
                                         state_->terminated(text), format),
                  "cannot write a string cell");
}

void WorkbookWriter::write_number(SheetId sheet, int row, int column, double value, StyleId style) {
    state_->check(worksheet_write_number(state_->sheet(sheet), static_cast<lxw_row_t>(row),
                                         static_cast<lxw_col_t>(column), value, state_->style(style)),
                  "cannot write a number cell");
}

void WorkbookWriter::write_date(SheetId sheet, int row, int column, const common::Date& date, StyleId style) {
    write_number(sheet, row, column, to_excel_serial(date), style);
}

void WorkbookWriter::set_column_width(SheetId sheet, int first_column, int last_column, double width) {
    state_->check(worksheet_set_column(state_->sheet(sheet), static_cast<lxw_col_t>(first_column),
                                       static_cast<lxw_col_t>(last_column), width, nullptr),
                  "cannot set a column width");
}

void WorkbookWriter::freeze_panes(SheetId sheet, int row, int column) {
    worksheet_freeze_panes(state_->sheet(sheet), static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(column));
}

void WorkbookWriter::set_autofilter(SheetId sheet, int first_row, int first_column, int last_row, int last_column) {
    state_->check(worksheet_autofilter(state_->sheet(sheet), static_cast<lxw_row_t>(first_row),
                                       static_cast<lxw_col_t>(first_column), static_cast<lxw_row_t>(last_row),
                                       static_cast<lxw_col_t>(last_column)),
                  "cannot set an autofilter");
}

void WorkbookWriter::close() {
    if (state_->workbook == nullptr) return;
    lxw_workbook* workbook = state_->workbook;
    state_->workbook = nullptr;  // workbook_close frees it, whatever it returns
    state_->check(workbook_close(workbook), "cannot write the workbook");
}

const std::string& WorkbookWriter::path() const { return state_->path; }

}  // namespace pirpack::report::excel
