#include "report/excel/workbook_writer.hpp"

#include <xlsxwriter.h>

#include <deque>
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
    std::vector<std::string> sheet_names;
    // Strings handed to libxlsxwriter calls that keep the pointer rather than a copy (chart
    // titles, number formats, validation lists) live here until close(). A deque never moves them.
    std::deque<std::string> kept;
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
    char* keep(std::string_view text) {
        kept.emplace_back(text);
        return kept.back().data();
    }
    lxw_workbook* open_workbook() const {
        if (workbook == nullptr) throw PirpackError(ErrorKind::run, path + ": workbook already closed");
        return workbook;
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
    state_->sheet_names.emplace_back(name);
    return static_cast<SheetId>(state_->sheets.size() - 1);
}

WorkbookWriter::StyleId WorkbookWriter::add_style(const CellStyle& style) {
    if (state_->workbook == nullptr) throw PirpackError(ErrorKind::run, state_->path + ": workbook already closed");
    lxw_format* format = workbook_add_format(state_->workbook);
    if (format == nullptr) throw PirpackError(ErrorKind::run, state_->path + ": cannot add a cell style");
    if (style.bold) format_set_bold(format);
    if (style.italic) format_set_italic(format);
    if (style.underline) format_set_underline(format, LXW_UNDERLINE_SINGLE);
    if (style.wrap) format_set_text_wrap(format);
    if (style.align_top) format_set_align(format, LXW_ALIGN_VERTICAL_TOP);
    switch (style.align) {
        case HorizontalAlign::general:
            break;
        case HorizontalAlign::left:
            format_set_align(format, LXW_ALIGN_LEFT);
            break;
        case HorizontalAlign::center:
            format_set_align(format, LXW_ALIGN_CENTER);
            break;
        case HorizontalAlign::right:
            format_set_align(format, LXW_ALIGN_RIGHT);
            break;
    }
    if (style.border) format_set_border(format, LXW_BORDER_THIN);
    if (style.unlocked) format_set_unlocked(format);
    if (style.font_size > 0) format_set_font_size(format, style.font_size);
    if (style.font_color != 0) format_set_font_color(format, style.font_color);
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

void WorkbookWriter::write_blank(SheetId sheet, int row, int column, StyleId style) {
    state_->check(worksheet_write_blank(state_->sheet(sheet), static_cast<lxw_row_t>(row),
                                        static_cast<lxw_col_t>(column), state_->style(style)),
                  "cannot write a blank cell");
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

void WorkbookWriter::write_sheet_link(SheetId sheet, int row, int column, std::string_view target_sheet,
                                      std::string_view text, StyleId style) {
    lxw_worksheet* target = state_->sheet(sheet);
    // Excel quotes a sheet name in a reference with apostrophes, doubling any inside it.
    std::string url = "internal:'";
    for (char c : target_sheet) {
        url += c;
        if (c == '\'') url += c;
    }
    url += "'!A1";
    std::string shown(text);
    state_->check(worksheet_write_url_opt(target, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(column),
                                          url.c_str(), state_->style(style), shown.c_str(), nullptr),
                  "cannot write a link to sheet \"" + std::string(target_sheet) + "\"");
}

void WorkbookWriter::set_row_height(SheetId sheet, int row, double height) {
    state_->check(worksheet_set_row(state_->sheet(sheet), static_cast<lxw_row_t>(row), height, nullptr),
                  "cannot set a row height");
}

void WorkbookWriter::add_conditional_format(SheetId sheet, const CellRange& range, const ConditionalFormat& format) {
    lxw_worksheet* target = state_->sheet(sheet);
    lxw_conditional_format rule{};
    rule.type = LXW_CONDITIONAL_TYPE_CELL;
    switch (format.comparison) {
        case Comparison::equal_to:
            rule.criteria = LXW_CONDITIONAL_CRITERIA_EQUAL_TO;
            break;
        case Comparison::not_equal_to:
            rule.criteria = LXW_CONDITIONAL_CRITERIA_NOT_EQUAL_TO;
            break;
        case Comparison::greater_than:
            rule.criteria = LXW_CONDITIONAL_CRITERIA_GREATER_THAN;
            break;
        case Comparison::greater_than_or_equal_to:
            rule.criteria = LXW_CONDITIONAL_CRITERIA_GREATER_THAN_OR_EQUAL_TO;
            break;
        case Comparison::less_than:
            rule.criteria = LXW_CONDITIONAL_CRITERIA_LESS_THAN;
            break;
        case Comparison::less_than_or_equal_to:
            rule.criteria = LXW_CONDITIONAL_CRITERIA_LESS_THAN_OR_EQUAL_TO;
            break;
    }
    if (const auto* number = std::get_if<double>(&format.value)) {
        rule.value = *number;
    } else {
        // A string criterion is an Excel expression: quoted, with quotes inside doubled, it is text.
        std::string quoted = "\"";
        for (char c : std::get<std::string>(format.value)) {
            quoted += c;
            if (c == '"') quoted += c;
        }
        quoted += '"';
        rule.value_string = state_->keep(quoted);
    }
    rule.format = state_->style(format.style);
    if (rule.format == nullptr)
        throw PirpackError(ErrorKind::run, state_->path + ": a conditional format needs a style");
    state_->check(worksheet_conditional_format_range(
                      target, static_cast<lxw_row_t>(range.first_row), static_cast<lxw_col_t>(range.first_column),
                      static_cast<lxw_row_t>(range.last_row), static_cast<lxw_col_t>(range.last_column), &rule),
                  "cannot add a conditional format");
}

namespace {

// libxlsxwriter reads a chart or axis title that starts with "=" as a cell reference; a leading
// space keeps such a title literal text.
std::string literal_title(const std::string& title) {
    return !title.empty() && title.front() == '=' ? " " + title : title;
}

}  // namespace

void WorkbookWriter::insert_line_chart(SheetId sheet, int row, int column, const LineChart& chart) {
    lxw_worksheet* target = state_->sheet(sheet);
    state_->sheet(chart.data_sheet);  // checks the id
    const std::string& data_sheet = state_->sheet_names[static_cast<std::size_t>(chart.data_sheet)];
    if (chart.series.empty()) throw PirpackError(ErrorKind::run, state_->path + ": a chart needs at least one series");
    lxw_chart* line_chart = workbook_add_chart(state_->open_workbook(), LXW_CHART_LINE);
    if (line_chart == nullptr) throw PirpackError(ErrorKind::run, state_->path + ": cannot add a chart");
    if (!chart.title.empty()) {
        chart_title_set_name(line_chart, state_->keep(literal_title(chart.title)));
        lxw_chart_font font{};
        font.size = chart.title_size;
        font.bold = LXW_TRUE;
        chart_title_set_name_font(line_chart, &font);
    }
    if (!chart.x_axis_title.empty())
        chart_axis_set_name(line_chart->x_axis, state_->keep(literal_title(chart.x_axis_title)));
    if (!chart.y_axis_title.empty())
        chart_axis_set_name(line_chart->y_axis, state_->keep(literal_title(chart.y_axis_title)));
    if (!chart.y_number_format.empty())
        chart_axis_set_num_format(line_chart->y_axis, state_->keep(chart.y_number_format));
    chart_legend_set_position(line_chart, LXW_CHART_LEGEND_BOTTOM);
    chart_show_blanks_as(line_chart, LXW_CHART_BLANKS_AS_GAP);
    const char* sheet_name = state_->keep(data_sheet);
    for (const ChartSeries& item : chart.series) {
        lxw_chart_series* series = chart_add_series(line_chart, nullptr, nullptr);
        if (series == nullptr) throw PirpackError(ErrorKind::run, state_->path + ": cannot add a chart series");
        chart_series_set_categories(series, sheet_name, static_cast<lxw_row_t>(item.categories.first_row),
                                    static_cast<lxw_col_t>(item.categories.first_column),
                                    static_cast<lxw_row_t>(item.categories.last_row),
                                    static_cast<lxw_col_t>(item.categories.last_column));
        chart_series_set_values(series, sheet_name, static_cast<lxw_row_t>(item.values.first_row),
                                static_cast<lxw_col_t>(item.values.first_column),
                                static_cast<lxw_row_t>(item.values.last_row),
                                static_cast<lxw_col_t>(item.values.last_column));
        chart_series_set_name_range(series, sheet_name, static_cast<lxw_row_t>(item.name_row),
                                    static_cast<lxw_col_t>(item.name_column));
        // Markers, so that a month standing alone between gaps still shows.
        chart_series_set_marker_type(series, LXW_CHART_MARKER_CIRCLE);
        chart_series_set_marker_size(series, 4);
        if (item.color != 0) {
            lxw_chart_line line{};
            line.color = item.color;
            line.width = 2.0F;
            chart_series_set_line(series, &line);
            lxw_chart_fill fill{};
            fill.color = item.color;
            chart_series_set_marker_fill(series, &fill);
            chart_series_set_marker_line(series, &line);
        }
    }
    lxw_chart_options options{};
    options.x_scale = chart.width / 480.0;
    options.y_scale = chart.height / 288.0;
    options.x_offset = chart.x_offset;
    options.y_offset = chart.y_offset;
    options.object_position = LXW_OBJECT_MOVE_DONT_SIZE;
    options.description = chart.description.empty() ? nullptr : state_->keep(chart.description);
    state_->check(worksheet_insert_chart_opt(target, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(column),
                                             line_chart, &options),
                  "cannot place a chart");
}

void WorkbookWriter::set_landscape(SheetId sheet) { worksheet_set_landscape(state_->sheet(sheet)); }

void WorkbookWriter::set_paper_a4(SheetId sheet) {
    constexpr std::uint8_t a4 = 9;  // Excel's paper code
    worksheet_set_paper(state_->sheet(sheet), a4);
}

void WorkbookWriter::set_header(SheetId sheet, std::string_view header) {
    lxw_worksheet* target = state_->sheet(sheet);
    state_->check(worksheet_set_header(target, state_->keep(header)), "cannot set the page header");
}

void WorkbookWriter::set_footer(SheetId sheet, std::string_view footer) {
    lxw_worksheet* target = state_->sheet(sheet);
    state_->check(worksheet_set_footer(target, state_->keep(footer)), "cannot set the page footer");
}

void WorkbookWriter::fit_to_pages(SheetId sheet, int width, int height) {
    worksheet_fit_to_pages(state_->sheet(sheet), static_cast<std::uint16_t>(width), static_cast<std::uint16_t>(height));
}

void WorkbookWriter::repeat_rows(SheetId sheet, int first_row, int last_row) {
    state_->check(worksheet_repeat_rows(state_->sheet(sheet), static_cast<lxw_row_t>(first_row),
                                        static_cast<lxw_row_t>(last_row)),
                  "cannot set the rows repeated on each printed page");
}

void WorkbookWriter::set_validation_list(SheetId sheet, int first_row, int column, int last_row,
                                         const std::vector<std::string>& labels) {
    lxw_worksheet* target = state_->sheet(sheet);
    if (labels.empty())
        throw PirpackError(ErrorKind::run, state_->path + ": a drop-down list needs at least one label");
    std::size_t length = 0;
    std::vector<char*> list;
    for (const std::string& label : labels) {
        if (label.find(',') != std::string::npos)
            throw PirpackError(ErrorKind::run, state_->path + ": drop-down label \"" + label + "\" holds a comma", {},
                               "Excel separates a list's labels with commas; choose labels without one");
        length += label.size() + (list.empty() ? 0 : 1);
        list.push_back(state_->keep(label));
    }
    if (length > 255)
        throw PirpackError(ErrorKind::run,
                           state_->path + ": drop-down list of " + std::to_string(labels.size()) + " labels is " +
                               std::to_string(length) + " characters",
                           {}, "Excel allows 255 characters in a list, commas included; use fewer or shorter labels");
    list.push_back(nullptr);
    lxw_data_validation validation{};
    validation.validate = LXW_VALIDATION_TYPE_LIST;
    validation.value_list = list.data();
    state_->check(
        worksheet_data_validation_range(target, static_cast<lxw_row_t>(first_row), static_cast<lxw_col_t>(column),
                                        static_cast<lxw_row_t>(last_row), static_cast<lxw_col_t>(column), &validation),
        "cannot add a drop-down list");
}

void WorkbookWriter::protect_sheet(SheetId sheet) {
    lxw_protection options{};
    // In libxlsxwriter these flags allow the action on the protected sheet.
    options.autofilter = LXW_TRUE;
    options.format_columns = LXW_TRUE;
    options.format_rows = LXW_TRUE;
    worksheet_protect(state_->sheet(sheet), nullptr, &options);
}

const std::string& WorkbookWriter::sheet_name(SheetId sheet) const {
    state_->sheet(sheet);
    return state_->sheet_names[static_cast<std::size_t>(sheet)];
}

std::string escape_header_text(std::string_view text) {
    std::string escaped;
    for (char c : text) {
        escaped += c;
        if (c == '&') escaped += c;
    }
    return escaped;
}

void WorkbookWriter::close() {
    if (state_->workbook == nullptr) return;
    lxw_workbook* workbook = state_->workbook;
    state_->workbook = nullptr;  // workbook_close frees it, whatever it returns
    state_->check(workbook_close(workbook), "cannot write the workbook");
}

const std::string& WorkbookWriter::path() const { return state_->path; }

}  // namespace pirpack::report::excel
