#include "report/excel/closure_workbook.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <vector>

#include "common/date.hpp"
#include "common/errors.hpp"
#include "common/text.hpp"
#include "report/excel/workbook_writer.hpp"
#include "report/model/build_report.hpp"
#include "report/model/figures.hpp"

namespace pirpack::report::excel {

namespace {

using SheetId = WorkbookWriter::SheetId;
using StyleId = WorkbookWriter::StyleId;

// Excel's own "Good, Bad and Neutral" cell colours: light fills with dark text of the same hue,
// which stay readable printed in greyscale.
constexpr std::uint32_t red_fill = 0xFFC7CE, red_text = 0x9C0006;
constexpr std::uint32_t amber_fill = 0xFFEB9C, amber_text = 0x9C5700;
constexpr std::uint32_t green_fill = 0xC6EFCE, green_text = 0x006100;
constexpr std::uint32_t grey_fill = 0xD9D9D9, grey_text = 0x3F3F3F;
constexpr std::uint32_t header_fill = 0xDCE6F1;
constexpr std::uint32_t go_live_fill = 0xFCE4D6, go_live_header_fill = 0xF4B084;
constexpr std::uint32_t link_blue = 0x0563C1;

constexpr const char* date_format = "dd/mm/yyyy";
constexpr const char* long_date_format = "d mmmm yyyy";

// Excel keeps at most 32,767 characters in a cell; longer text is cut with a note rather than
// refused, so one overlong note cannot stop the pack.
constexpr std::size_t max_cell_characters = 32767;

// Charts: this size, side by side below their table, as many across as the table is wide (at
// least two).
constexpr int chart_width = 720;
constexpr int chart_height = 340;
constexpr int chart_gap = 20;   // pixels between charts
constexpr int chart_rows = 19;  // rows of 20 pixels a chart covers, plus a gap

// The fixed sheets; a workstream sheet may not take one of these names.
constexpr std::array<const char*, 6> fixed_sheets = {"Summary", "KPIs", "Trends", "Actions", "Data quality", "Sources"};

// Code points, counting those outside the Basic Multilingual Plane twice, as Excel (UTF-16) does.
std::size_t excel_length(std::string_view text) {
    std::size_t length = 0;
    for (unsigned char c : text) {
        if ((c & 0xC0) == 0x80) continue;
        length += c >= 0xF0 ? 2 : 1;
    }
    return length;
}

// The longest prefix of whole characters within `limit` Excel characters.
std::string excel_prefix(std::string_view text, std::size_t limit) {
    std::size_t length = 0;
    std::size_t end = 0;
    while (end < text.size()) {
        unsigned char c = static_cast<unsigned char>(text[end]);
        std::size_t bytes = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        std::size_t width = c >= 0xF0 ? 2 : 1;
        if (length + width > limit) break;
        length += width;
        end = std::min(text.size(), end + bytes);
    }
    return std::string(text.substr(0, end));
}

std::string cell_text(std::string_view text) {
    if (text.size() <= max_cell_characters || excel_length(text) <= max_cell_characters) return std::string(text);
    const std::string note = " [cut at Excel's limit of 32,767 characters]";
    return excel_prefix(text, max_cell_characters - note.size()) + note;
}

// A sheet name Excel accepts: none of []:*?/\, no apostrophe at either end, 1-31 characters,
// and unique ignoring case. The model already gives such names; this only guards.
std::string capitalised_rag(const std::string& rag) {
    if (rag.empty()) return "Neutral";
    std::string text = rag;
    text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
    return text;
}

// "Apr 2023" for "2023-04".
std::string short_month(const std::string& year_month) {
    std::string label = month_label(year_month);  // "April 2023"
    std::string::size_type space = label.find(' ');
    if (space == std::string::npos || space < 3) return label;
    return label.substr(0, 3) + label.substr(space);
}

std::string year_month_of(const std::string& iso_date) {
    return iso_date.size() >= 7 ? iso_date.substr(0, 7) : iso_date;
}

// What a chart's value axis says its numbers are.
std::string unit_axis_title(config::Unit unit) {
    switch (unit) {
        case config::Unit::percent:
            return "%";
        case config::Unit::count:
            return "count";
        case config::Unit::rate_per_100:
            return "per 100";
        case config::Unit::ratio:
            return "ratio";
        case config::Unit::days:
            return "days";
        case config::Unit::hours:
            return "hours";
        case config::Unit::fte:
            return "FTE";
    }
    return "";
}

std::string unit_axis_format(config::Unit unit) {
    switch (unit) {
        case config::Unit::percent:
            return "0\"%\"";
        case config::Unit::count:
        case config::Unit::fte:
            return "#,##0";
        default:
            return "General";
    }
}

// A difference in the KPI's unit, always signed. A difference of two percentages is in points,
// and a "%" after it would read as a relative change.
std::string change_format(const ReportKpi& kpi) {
    if (kpi.unit == config::Unit::percent) return "+0.0\" pts\";-0.0\" pts\";0.0\" pts\"";
    const std::string& format = kpi.excel_format.empty() ? std::string("General") : kpi.excel_format;
    return "+" + format + ";-" + format + ";" + format;
}

// A CellStyle built a property at a time: style(Look().bold().fill(header_fill)).
class Look {
public:
    Look& bold() {
        style_.bold = true;
        return *this;
    }
    Look& italic() {
        style_.italic = true;
        return *this;
    }
    Look& underline() {
        style_.underline = true;
        return *this;
    }
    Look& wrap() {
        style_.wrap = true;
        return *this;
    }
    Look& top() {
        style_.align_top = true;
        return *this;
    }
    Look& left() {
        style_.align = HorizontalAlign::left;
        return *this;
    }
    Look& border() {
        style_.border = true;
        return *this;
    }
    Look& size(double points) {
        style_.font_size = points;
        return *this;
    }
    Look& format(std::string code) {
        style_.number_format = std::move(code);
        return *this;
    }
    Look& fill(std::uint32_t colour) {
        style_.background = colour;
        return *this;
    }
    Look& color(std::uint32_t colour) {
        style_.font_color = colour;
        return *this;
    }
    operator const CellStyle&() const { return style_; }

private:
    CellStyle style_;
};

struct Column {
    const char* title;
    double width;
};

// One KPI and scope as a row of a month table, for its chart.
struct MonthRow {
    int row = 0;
    std::size_t kpi = 0;
    bool charted = false;  // has a value and no suppressed month (text would plot as zero)
};

struct MonthTable {
    int header_row = 0;
    int first_month_column = 0;
    int last_month_column = 0;
    std::vector<MonthRow> rows;
};

class ClosureWriter {
public:
    ClosureWriter(const Report& report, const std::string& path);
    void write();

private:
    const Report& report_;
    WorkbookWriter book_;
    std::map<std::string, StyleId> style_cache_;
    std::vector<std::string> workstream_sheets_;  // guarded names, by workstream index
    std::vector<std::string> months_;             // every month any KPI has, sorted

    SheetId summary_ = 0, kpis_ = 0, trends_ = 0, actions_ = 0, quality_ = 0, sources_ = 0;
    std::vector<SheetId> workstream_ids_;

    // Text in wrapped cells, kept until the end to size rows: neither LibreOffice nor every
    // Excel fits a row to wrapped text on opening, so each row gets the height its longest
    // cell needs, estimated from the column's width.
    struct WrappedText {
        SheetId sheet;
        int row;
        int column;
        std::string text;
        bool bold;
    };
    std::vector<WrappedText> wrapped_;
    std::map<SheetId, std::map<int, double>> widths_;

    StyleId style(const CellStyle& style);
    void column_width(SheetId sheet, int first_column, int last_column, double width);
    void note_wrapped(SheetId sheet, int row, int column, std::string_view text, bool bold) {
        wrapped_.push_back({sheet, row, column, std::string(text), bold});
    }
    void set_row_heights();
    StyleId text_style(std::uint32_t fill = 0) { return style(Look().wrap().top().fill(fill)); }
    StyleId number_style(const std::string& format, std::uint32_t fill = 0) {
        return style(Look().top().format(format).fill(fill));
    }
    StyleId header_style() { return style(Look().bold().wrap().top().border().fill(header_fill)); }

    void text(SheetId sheet, int row, int column, std::string_view value, StyleId style);
    void number(SheetId sheet, int row, int column, std::optional<double> value, StyleId style);
    void figure(SheetId sheet, int row, int column, const Figure& value, StyleId number_style, StyleId text_style);
    void date(SheetId sheet, int row, int column, const std::string& iso, StyleId style);
    void header_row(SheetId sheet, int row, const std::vector<Column>& columns, bool set_widths);
    // A label in column A and its value in `value_column` (B, or C where A is too narrow).
    int key_value(SheetId sheet, int row, const std::string& label, const std::string& value, int value_column = 1);
    int key_date(SheetId sheet, int row, const std::string& label, const std::string& iso, int value_column = 1);
    int section_title(SheetId sheet, int row, const std::string& title);
    void rag_formats(SheetId sheet, const CellRange& range);
    void count_formats(SheetId sheet, int first_row, int last_row, int red_column);
    void set_up_page(SheetId sheet);

    int write_kpi_table(SheetId sheet, int row, const std::vector<std::size_t>& kpis, bool filter);
    MonthTable write_month_table(SheetId sheet, int row, const std::vector<std::size_t>& kpis,
                                 const std::string& go_live);
    // One chart per unit among the workstream's rows of `table`, so no chart puts percentages
    // and hours on one axis; series with a suppressed month are left out (text plots as zero).
    std::vector<LineChart> build_charts(const MonthTable& table, SheetId data_sheet,
                                        const ReportWorkstream& workstream);
    // Lays charts out below a table as wide as its columns 0..last_column: as many across as fit
    // (at least two). Returns the first row below them.
    int place_charts(SheetId sheet, int row, std::vector<LineChart> charts, int last_column);
    int write_action_rows(SheetId sheet, int row, const std::vector<std::size_t>& actions, bool workstream_layout);

    void write_summary();
    void write_kpis();
    void write_trends();
    void write_workstream(std::size_t index);
    void write_actions();
    void write_quality();
    void write_sources();
};

WorkbookOptions workbook_options(const Report& report) {
    WorkbookOptions options;
    std::optional<common::Date> as_of = common::parse_iso_date(report.as_of);
    if (!as_of)
        throw common::PirpackError(common::ErrorKind::run, "report as-of date \"" + report.as_of + "\" is not a date");
    options.created = *as_of;
    options.title = report.title;
    options.subject = "Post-implementation review closure report, " + report.period_label;
    options.company = report.organisation;
    return options;
}

ClosureWriter::ClosureWriter(const Report& report, const std::string& path)
    : report_(report), book_(path, workbook_options(report)) {
    // The model's names already follow the rules; a Report made some other way may not.
    std::vector<std::string> taken(fixed_sheets.begin(), fixed_sheets.end());
    for (const ReportWorkstream& workstream : report_.workstreams)
        workstream_sheets_.push_back(sheet_name(workstream.sheet.empty() ? workstream.id : workstream.sheet, taken));
    std::set<std::string> months;
    for (const ReportKpi& kpi : report_.kpis)
        for (const ScopeRow& scope : kpi.scopes)
            for (const MonthPoint& point : scope.monthly) months.insert(point.month);
    months_.assign(months.begin(), months.end());
}

StyleId ClosureWriter::style(const CellStyle& s) {
    std::string key = std::to_string(s.bold) + std::to_string(s.italic) + std::to_string(s.underline) +
                      std::to_string(s.wrap) + std::to_string(s.align_top) + std::to_string(s.border) +
                      std::to_string(s.unlocked) + std::to_string(static_cast<int>(s.align)) + "|" +
                      std::to_string(s.font_size) + "|" + s.number_format + "|" + std::to_string(s.background) + "|" +
                      std::to_string(s.font_color);
    auto found = style_cache_.find(key);
    if (found != style_cache_.end()) return found->second;
    StyleId id = book_.add_style(s);
    style_cache_.emplace(key, id);
    return id;
}

void ClosureWriter::column_width(SheetId sheet, int first_column, int last_column, double width) {
    book_.set_column_width(sheet, first_column, last_column, width);
    for (int column = first_column; column <= last_column; ++column) widths_[sheet][column] = width;
}

// Lines a wrapped cell takes: its paragraphs word-wrapped at about 1.15 characters per unit of
// column width (Excel's unit is the width of a "0", wider than the average letter; bold text
// is wider). Overestimating leaves a blank line; underestimating would hide text.
int wrapped_lines(std::string_view text, double width, bool bold) {
    const std::size_t per_line = std::max<std::size_t>(1, static_cast<std::size_t>(width * (bold ? 1.0 : 1.15)));
    int lines = 0;
    std::size_t start = 0;
    while (true) {
        const std::size_t end = text.find('\n', start);
        std::string_view paragraph =
            text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
        int paragraph_lines = 1;
        std::size_t used = 0;
        std::size_t word_start = 0;
        while (word_start <= paragraph.size()) {
            std::size_t word_end = paragraph.find(' ', word_start);
            if (word_end == std::string_view::npos) word_end = paragraph.size();
            std::size_t length = excel_length(paragraph.substr(word_start, word_end - word_start));
            if (used > 0 && used + 1 + length <= per_line) {
                used += 1 + length;
            } else {
                if (used > 0) ++paragraph_lines;
                paragraph_lines += static_cast<int>(length > 0 ? (length - 1) / per_line : 0);
                used = length > 0 ? (length - 1) % per_line + 1 : 0;
            }
            word_start = word_end + 1;
        }
        lines += paragraph_lines;
        if (end == std::string_view::npos) break;
        start = end + 1;
    }
    return lines;
}

void ClosureWriter::set_row_heights() {
    constexpr double default_width = 8.43;  // Excel's default column width
    constexpr double line_height = 15;      // points, for the default 11-point font
    constexpr int max_lines = 27;           // Excel's tallest row is 409 points
    std::map<std::pair<SheetId, int>, int> lines;
    for (const WrappedText& cell : wrapped_) {
        const auto& sheet_widths = widths_[cell.sheet];
        auto found = sheet_widths.find(cell.column);
        const double width = found == sheet_widths.end() ? default_width : found->second;
        int& row_lines = lines[{cell.sheet, cell.row}];
        row_lines = std::max(row_lines, wrapped_lines(cell.text, width, cell.bold));
    }
    for (const auto& [where, count] : lines)
        if (count > 1) book_.set_row_height(where.first, where.second, line_height * std::min(count, max_lines));
}

void ClosureWriter::text(SheetId sheet, int row, int column, std::string_view value, StyleId style) {
    if (value.empty()) {
        if (style != WorkbookWriter::default_style) book_.write_blank(sheet, row, column, style);
        return;
    }
    book_.write_string(sheet, row, column, cell_text(value), style);
    note_wrapped(sheet, row, column, value, false);
}

void ClosureWriter::number(SheetId sheet, int row, int column, std::optional<double> value, StyleId style) {
    if (value && std::isfinite(*value)) {
        book_.write_number(sheet, row, column, *value, style);
    } else if (style != WorkbookWriter::default_style) {
        book_.write_blank(sheet, row, column, style);
    }
}

void ClosureWriter::figure(SheetId sheet, int row, int column, const Figure& value, StyleId number_style,
                           StyleId text_style) {
    // Disclosure control's "<5" is text, so that no cell holds the number it hides.
    if (value.suppressed) return text(sheet, row, column, value.text, text_style);
    number(sheet, row, column, value.value, number_style);
}

void ClosureWriter::date(SheetId sheet, int row, int column, const std::string& iso, StyleId style) {
    if (std::optional<common::Date> parsed = common::parse_iso_date(iso)) {
        book_.write_date(sheet, row, column, *parsed, style);
    } else {
        text(sheet, row, column, iso, text_style());
    }
}

void ClosureWriter::header_row(SheetId sheet, int row, const std::vector<Column>& columns, bool set_widths) {
    for (std::size_t c = 0; c < columns.size(); ++c) {
        book_.write_string(sheet, row, static_cast<int>(c), columns[c].title, header_style());
        note_wrapped(sheet, row, static_cast<int>(c), columns[c].title, true);
        if (set_widths) column_width(sheet, static_cast<int>(c), static_cast<int>(c), columns[c].width);
    }
}

int ClosureWriter::key_value(SheetId sheet, int row, const std::string& label, const std::string& value,
                             int value_column) {
    book_.write_string(sheet, row, 0, label, style(Look().bold().top()));
    text(sheet, row, value_column, value, text_style());
    return row + 1;
}

int ClosureWriter::key_date(SheetId sheet, int row, const std::string& label, const std::string& iso,
                            int value_column) {
    book_.write_string(sheet, row, 0, label, style(Look().bold().top()));
    date(sheet, row, value_column, iso, style(Look().top().left().format(long_date_format)));
    return row + 1;
}

int ClosureWriter::section_title(SheetId sheet, int row, const std::string& title) {
    book_.write_string(sheet, row, 0, title, style(Look().bold().size(12)));
    return row + 1;
}

void ClosureWriter::rag_formats(SheetId sheet, const CellRange& range) {
    const std::array<std::pair<const char*, std::pair<std::uint32_t, std::uint32_t>>, 4> colours = {{
        {"Red", {red_fill, red_text}},
        {"Amber", {amber_fill, amber_text}},
        {"Green", {green_fill, green_text}},
        {"Grey", {grey_fill, grey_text}},
    }};
    for (const auto& [label, colour] : colours)
        book_.add_conditional_format(
            sheet, range,
            {Comparison::equal_to, std::string(label), style(Look().bold().fill(colour.first).color(colour.second))});
}

// The Red, Amber, Green and Grey count columns (red_column and the three after it) coloured
// when they are above zero.
void ClosureWriter::count_formats(SheetId sheet, int first_row, int last_row, int red_column) {
    const std::array<std::pair<std::uint32_t, std::uint32_t>, 4> colours = {
        {{red_fill, red_text}, {amber_fill, amber_text}, {green_fill, green_text}, {grey_fill, grey_text}}};
    for (std::size_t i = 0; i < colours.size(); ++i) {
        int column = red_column + static_cast<int>(i);
        book_.add_conditional_format(
            sheet, {first_row, column, last_row, column},
            {Comparison::greater_than, 0.0, style(Look().bold().fill(colours[i].first).color(colours[i].second))});
    }
}

void ClosureWriter::set_up_page(SheetId sheet) {
    book_.set_landscape(sheet);
    book_.set_paper_a4(sheet);
    book_.fit_to_pages(sheet, 1, 0);
    book_.repeat_rows(sheet, 0, 0);
    const std::string marking = escape_header_text(excel_prefix(report_.protective_marking, 80));
    const std::string title = escape_header_text(excel_prefix(report_.title, 60));
    const std::string period = escape_header_text(excel_prefix(report_.period_label, 30));
    // Excel allows 255 characters in a header; the programme and period give way to the marking.
    std::string header = "&L" + title + "&C" + marking + "&R" + period;
    if (header.size() > 255) header = "&C" + marking;
    book_.set_header(sheet, header);
    std::string footer = "&L&A&C" + marking + "&RPage &P of &N";
    book_.set_footer(sheet, footer);
}

// ---- tables shared by several sheets ----------------------------------------------------------

const std::vector<Column>& kpi_columns() {
    static const std::vector<Column> columns = {
        {"Workstream", 12},      {"KPI id", 30},       {"Title", 40},
        {"Scope", 24},           {"Unit", 12},         {"Direction", 16},
        {"Baseline", 11},        {"Current", 11},      {"Matched (year earlier)", 11},
        {"Target", 11},          {"Amber", 11},        {"Change", 11},
        {"Relative change", 11}, {"RAG", 9},           {"Significance", 28},
        {"p-value", 9},          {"Current from", 11}, {"Current to", 11},
    };
    return columns;
}

int ClosureWriter::write_kpi_table(SheetId sheet, int row, const std::vector<std::size_t>& kpis, bool filter) {
    const std::vector<Column>& columns = kpi_columns();
    const int header = row;
    header_row(sheet, row++, columns, header == 0);
    const StyleId plain = text_style();
    const StyleId dates = number_style(date_format);
    for (std::size_t k : kpis) {
        const ReportKpi& kpi = report_.kpis.at(k);
        const StyleId value = number_style(kpi.excel_format.empty() ? "General" : kpi.excel_format);
        const StyleId change = number_style(change_format(kpi));
        for (const ScopeRow& scope : kpi.scopes) {
            text(sheet, row, 0, kpi.workstream, plain);
            text(sheet, row, 1, kpi.id, plain);
            text(sheet, row, 2, kpi.title, plain);
            text(sheet, row, 3, scope.scope, plain);
            text(sheet, row, 4, kpi.unit_name, plain);
            text(sheet, row, 5, kpi.direction_text, plain);
            figure(sheet, row, 6, scope.baseline, value, plain);
            figure(sheet, row, 7, scope.current, value, plain);
            figure(sheet, row, 8, scope.matched, value, plain);
            figure(sheet, row, 9, kpi.target, value, plain);
            figure(sheet, row, 10, kpi.amber, value, plain);
            figure(sheet, row, 11, scope.change, change, plain);
            figure(sheet, row, 12, scope.relative_change, number_style("+0.0%;-0.0%;0.0%"), plain);
            text(sheet, row, 13, capitalised_rag(scope.rag), plain);
            text(sheet, row, 14, scope.significance, plain);
            // "0.0000" showed p = 2e-21 as 0.0000; the Markdown's "p < 0.001" reads better.
            number(sheet, row, 15, scope.p_value, number_style("[<0.001]\"<0.001\";0.000"));
            date(sheet, row, 16, kpi.current_from, dates);
            date(sheet, row, 17, kpi.current_to, dates);
            ++row;
        }
    }
    const int last = std::max(header + 1, row - 1);
    rag_formats(sheet, {header + 1, 13, last, 13});
    if (filter) book_.set_autofilter(sheet, header, 0, std::max(header, row - 1), static_cast<int>(columns.size()) - 1);
    return row;
}

MonthTable ClosureWriter::write_month_table(SheetId sheet, int row, const std::vector<std::size_t>& kpis,
                                            const std::string& go_live) {
    MonthTable table;
    table.header_row = row;
    table.first_month_column = 5;
    table.last_month_column = 5 + static_cast<int>(months_.size()) - 1;
    const std::string go_live_month = year_month_of(go_live);
    // KPI ids run to 32 characters and "rate_per_100" is 12: narrower columns broke them mid-word.
    std::vector<Column> columns = {{"Workstream", 12}, {"KPI id", 30}, {"KPI", 40}, {"Scope", 24}, {"Unit", 12}};
    header_row(sheet, row, columns, row == 0);
    for (std::size_t m = 0; m < months_.size(); ++m) {
        const int column = table.first_month_column + static_cast<int>(m);
        const bool is_go_live = months_[m] == go_live_month;
        // The go-live month is named in its header, which is also the chart's axis label.
        std::string label = short_month(months_[m]) + (is_go_live ? " (go-live)" : "");
        book_.write_string(
            sheet, row, column, label,
            is_go_live ? style(Look().bold().wrap().top().border().fill(go_live_header_fill)) : header_style());
        note_wrapped(sheet, row, column, label, true);
        // On a workstream sheet the KPI table above has set the widths of the first columns.
        if (row == 0 || column >= static_cast<int>(kpi_columns().size()))
            column_width(sheet, column, column, is_go_live && row == 0 ? 17 : 10);
    }
    ++row;
    const StyleId plain = text_style();
    for (std::size_t k : kpis) {
        const ReportKpi& kpi = report_.kpis.at(k);
        const std::string format = kpi.excel_format.empty() ? "General" : kpi.excel_format;
        for (const ScopeRow& scope : kpi.scopes) {
            text(sheet, row, 0, kpi.workstream, plain);
            text(sheet, row, 1, kpi.id, plain);
            text(sheet, row, 2, scope.scope.empty() ? kpi.title : kpi.title + " (" + scope.scope + ")", plain);
            text(sheet, row, 3, scope.scope, plain);
            text(sheet, row, 4, kpi.unit_name, plain);
            bool any_value = false;
            bool any_suppressed = false;
            for (std::size_t m = 0; m < months_.size(); ++m) {
                const int column = table.first_month_column + static_cast<int>(m);
                const std::uint32_t fill = months_[m] == go_live_month ? go_live_fill : 0;
                auto point = std::find_if(scope.monthly.begin(), scope.monthly.end(),
                                          [&](const MonthPoint& p) { return p.month == months_[m]; });
                if (point == scope.monthly.end()) {
                    if (fill != 0) book_.write_blank(sheet, row, column, number_style(format, fill));
                    continue;
                }
                any_value = any_value || point->value.value.has_value();
                any_suppressed = any_suppressed || point->value.suppressed;
                figure(sheet, row, column, point->value, number_style(format, fill), text_style(fill));
            }
            table.rows.push_back({row, k, any_value && !any_suppressed});
            ++row;
        }
    }
    return table;
}

std::vector<LineChart> ClosureWriter::build_charts(const MonthTable& table, SheetId data_sheet,
                                                   const ReportWorkstream& workstream) {
    std::vector<LineChart> charts;
    if (months_.empty()) return charts;
    std::vector<config::Unit> units;
    for (const MonthRow& item : table.rows) {
        const config::Unit unit = report_.kpis[item.kpi].unit;
        if (item.charted && report_.kpis[item.kpi].workstream == workstream.id &&
            std::find(units.begin(), units.end(), unit) == units.end())
            units.push_back(unit);
    }
    for (config::Unit unit : units) {
        LineChart chart;
        chart.data_sheet = data_sheet;
        std::string unit_name;
        for (const MonthRow& item : table.rows) {
            const ReportKpi& kpi = report_.kpis[item.kpi];
            if (!item.charted || kpi.unit != unit || kpi.workstream != workstream.id) continue;
            unit_name = kpi.unit_name;
            ChartSeries series;
            series.name_row = item.row;
            series.name_column = 2;
            series.categories = {table.header_row, table.first_month_column, table.header_row, table.last_month_column};
            series.values = {item.row, table.first_month_column, item.row, table.last_month_column};
            chart.series.push_back(series);
        }
        chart.title = workstream.id + " " + workstream.name + ": " + unit_name + " KPIs by month (go-live " +
                      short_month(year_month_of(workstream.go_live)) + ")";
        // A percent axis shows its "%" on every label; other units are named beside the axis.
        if (unit != config::Unit::percent) chart.y_axis_title = unit_axis_title(unit);
        chart.y_number_format = unit_axis_format(unit);
        chart.width = chart_width;
        chart.height = chart_height;
        chart.description = chart.title;
        charts.push_back(std::move(chart));
    }
    return charts;
}

int ClosureWriter::place_charts(SheetId sheet, int row, std::vector<LineChart> charts, int last_column) {
    // Excel draws a column of width w characters (Calibri 11) w * 7 + 5 pixels wide.
    double table_pixels = 0;
    for (int column = 0; column <= last_column; ++column) {
        auto found = widths_[sheet].find(column);
        table_pixels += (found == widths_[sheet].end() ? 8.43 : found->second) * 7 + 5;
    }
    const int across = std::max(2, static_cast<int>(table_pixels) / (chart_width + chart_gap));
    const int count = static_cast<int>(charts.size());
    for (int placed = 0; placed < count; ++placed) {
        charts[static_cast<std::size_t>(placed)].x_offset = (placed % across) * (chart_width + chart_gap);
        book_.insert_line_chart(sheet, row + (placed / across) * chart_rows, 0,
                                charts[static_cast<std::size_t>(placed)]);
    }
    return row + ((count + across - 1) / across) * chart_rows;
}

const std::vector<Column>& action_columns() {
    static const std::vector<Column> columns = {
        {"ID", 8},        {"Workstream", 11}, {"Area", 22},   {"Action", 50},      {"Owner", 22},       {"Due", 14},
        {"Due date", 11}, {"Due note", 20},   {"Status", 12}, {"Last update", 11}, {"Days overdue", 9}, {"Notes", 36},
    };
    return columns;
}

// A workstream sheet's columns are sized for its KPI table, so its actions take the columns
// whose widths suit them: the action in C (40 wide), the notes in D (24).
constexpr std::array<int, 12> workstream_action_layout = {
    // ID, Workstream, Area, Action, Owner, Due, Due date, Due note, Status, Last update, Days overdue, Notes
    0, -1, -1, 2, 1, 6, 4, 9, 5, 7, 8, 3};

int ClosureWriter::write_action_rows(SheetId sheet, int row, const std::vector<std::size_t>& actions,
                                     bool workstream_layout) {
    const std::vector<Column>& columns = action_columns();
    auto column_of = [&](std::size_t field) {
        return workstream_layout ? workstream_action_layout[field] : static_cast<int>(field);
    };
    for (std::size_t field = 0; field < columns.size(); ++field)
        if (column_of(field) >= 0) {
            book_.write_string(sheet, row, column_of(field), columns[field].title, header_style());
            note_wrapped(sheet, row, column_of(field), columns[field].title, true);
        }
    ++row;
    for (std::size_t a : actions) {
        const ReportAction& action = report_.actions.at(a);
        const bool overdue = action.days_overdue.has_value();
        const std::uint32_t fill = overdue ? red_fill : action.due_soon ? amber_fill : 0;
        const StyleId plain = text_style(fill);
        const std::string fields[] = {
            action.id, action.workstream, action.area,   action.text, action.owner, action.due_text,
            "",        action.due_note,   action.status, "",          "",           action.notes};
        for (std::size_t field = 0; field < columns.size(); ++field) {
            const int column = column_of(field);
            if (column < 0) continue;
            if (field == 6) {
                if (action.due_date.empty())
                    text(sheet, row, column, "", plain);
                else
                    date(sheet, row, column, action.due_date, number_style(date_format, fill));
            } else if (field == 9) {
                if (action.last_update.empty())
                    text(sheet, row, column, "", plain);
                else
                    date(sheet, row, column, action.last_update, number_style(date_format, fill));
            } else if (field == 10) {
                number(sheet, row, column,
                       action.days_overdue ? std::optional<double>(*action.days_overdue) : std::nullopt,
                       number_style("#,##0", fill));
            } else {
                text(sheet, row, column, fields[field], plain);
            }
        }
        ++row;
    }
    return row;
}

// ---- the sheets --------------------------------------------------------------------------------

void ClosureWriter::write_summary() {
    const SheetId sheet = summary_;
    set_up_page(sheet);
    column_width(sheet, 0, 0, 20);
    column_width(sheet, 1, 1, 40);
    column_width(sheet, 2, 2, 28);
    column_width(sheet, 3, 8, 9);
    column_width(sheet, 9, 9, 9);
    int row = 0;
    book_.write_string(sheet, row++, 0, cell_text(report_.title), style(Look().bold().size(14)));
    book_.write_string(sheet, row++, 0, "Post-implementation review closure report, " + report_.period_label,
                       style(Look().italic()));
    ++row;
    row = key_value(sheet, row, "Organisation", report_.organisation);
    row = key_value(sheet, row, "Protective marking", report_.protective_marking);
    row = key_value(sheet, row, "Period", report_.period_label);
    row = key_date(sheet, row, "As of", report_.as_of);
    row = key_date(sheet, row, "Go-live", report_.go_live);
    row = key_date(sheet, row, "Baseline from", report_.baseline_from);
    row = key_date(sheet, row, "Baseline to", report_.baseline_to);
    row = key_value(
        sheet, row, "Last pack",
        report_.previous_period.empty() ? "none: this is the first pack" : month_label(report_.previous_period));
    if (report_.publish && report_.min_cell_count > 0)
        row = key_value(sheet, row, "Small numbers",
                        "counts under " + std::to_string(report_.min_cell_count) + ", and rates over fewer than " +
                            std::to_string(report_.min_cell_count) + ", are shown as <" +
                            std::to_string(report_.min_cell_count));
    ++row;

    row = section_title(sheet, row, "RAG by workstream");
    const std::vector<Column> columns = {{"Workstream", 0}, {"Name", 0}, {"Lead", 0},    {"Red", 0}, {"Amber", 0},
                                         {"Green", 0},      {"Grey", 0}, {"Neutral", 0}, {"KPIs", 0}};
    header_row(sheet, row, columns, false);
    const int first = ++row;
    RagCount total;
    long kpi_total = 0;
    const StyleId plain = text_style();
    const StyleId count = number_style("#,##0");
    const StyleId link = style(Look().underline().wrap().top().color(link_blue));
    for (std::size_t w = 0; w < report_.workstreams.size(); ++w) {
        const ReportWorkstream& workstream = report_.workstreams[w];
        text(sheet, row, 0, workstream.id, plain);
        const std::string& shown = workstream.name.empty() ? workstream.id : workstream.name;
        book_.write_sheet_link(sheet, row, 1, workstream_sheets_[w], cell_text(shown), link);
        note_wrapped(sheet, row, 1, shown, false);
        text(sheet, row, 2, workstream.lead, plain);
        const int counts[] = {workstream.rag.red,  workstream.rag.amber,   workstream.rag.green,
                              workstream.rag.grey, workstream.rag.neutral, static_cast<int>(workstream.kpis.size())};
        for (int c = 0; c < 6; ++c) book_.write_number(sheet, row, 3 + c, counts[c], count);
        total.red += workstream.rag.red;
        total.amber += workstream.rag.amber;
        total.green += workstream.rag.green;
        total.grey += workstream.rag.grey;
        total.neutral += workstream.rag.neutral;
        kpi_total += static_cast<long>(workstream.kpis.size());
        ++row;
    }
    const StyleId bold_count = style(Look().bold().format("#,##0"));
    book_.write_string(sheet, row, 0, "All", style(Look().bold()));
    book_.write_string(sheet, row, 1, "All workstreams", style(Look().bold()));
    const double totals[] = {static_cast<double>(total.red),     static_cast<double>(total.amber),
                             static_cast<double>(total.green),   static_cast<double>(total.grey),
                             static_cast<double>(total.neutral), static_cast<double>(kpi_total)};
    for (int c = 0; c < 6; ++c) book_.write_number(sheet, row, 3 + c, totals[c], bold_count);
    count_formats(sheet, first, row, 3);
    row += 1;
    book_.write_string(sheet, row++, 0,
                       "Red, Amber, Green, Grey and Neutral count KPI results in the current window, one per KPI and "
                       "scope; Grey means no figure. KPIs counts the KPIs themselves.",
                       style(Look().italic()));
    ++row;

    const std::string since = report_.previous_period.empty() ? "" : " (" + month_label(report_.previous_period) + ")";
    row = section_title(sheet, row, "Changed status since the last pack" + since);
    if (report_.status_changes.empty()) {
        book_.write_string(sheet, row++, 0,
                           report_.previous_period.empty() ? "This is the first pack." : "No KPI changed status.",
                           style(Look().italic()));
        return;
    }
    const std::vector<Column> change_columns = {{"Workstream", 0}, {"KPI", 0}, {"KPI id", 0},
                                                {"Scope", 0},      {"Was", 0}, {"Now", 0}};
    // Was and Now sit under Amber and Green, which are narrow; RAG words fit.
    header_row(sheet, row, change_columns, false);
    const int first_change = ++row;
    for (const StatusChange& change : report_.status_changes) {
        text(sheet, row, 0, change.workstream, plain);
        text(sheet, row, 1, change.title, plain);
        text(sheet, row, 2, change.kpi_id, plain);
        text(sheet, row, 3, change.scope, plain);
        text(sheet, row, 4, capitalised_rag(change.before), plain);
        text(sheet, row, 5, capitalised_rag(change.after), plain);
        ++row;
    }
    rag_formats(sheet, {first_change, 4, row - 1, 5});
}

void ClosureWriter::write_kpis() {
    set_up_page(kpis_);
    std::vector<std::size_t> all(report_.kpis.size());
    for (std::size_t k = 0; k < all.size(); ++k) all[k] = k;
    write_kpi_table(kpis_, 0, all, true);
    book_.freeze_panes(kpis_, 1, 0);
}

void ClosureWriter::write_trends() {
    set_up_page(trends_);
    std::vector<std::size_t> all(report_.kpis.size());
    for (std::size_t k = 0; k < all.size(); ++k) all[k] = k;
    MonthTable table = write_month_table(trends_, 0, all, report_.go_live);
    book_.freeze_panes(trends_, 1, 3);
    int row = table.header_row + 1 + static_cast<int>(table.rows.size()) + 1;
    if (months_.empty()) {
        book_.write_string(trends_, row, 0, "No monthly figures.", style(Look().italic()));
        return;
    }
    book_.write_string(trends_, row++, 0,
                       "Charts: one per workstream and unit, so no chart mixes units. The go-live month's column "
                       "is shaded and named in the header. A series with a suppressed month is not charted.",
                       style(Look().italic()));
    ++row;
    std::vector<LineChart> charts;
    for (const ReportWorkstream& workstream : report_.workstreams)
        for (LineChart& chart : build_charts(table, trends_, workstream)) charts.push_back(std::move(chart));
    place_charts(trends_, row, std::move(charts), table.last_month_column);
}

void ClosureWriter::write_workstream(std::size_t index) {
    const ReportWorkstream& workstream = report_.workstreams[index];
    const SheetId sheet = workstream_ids_[index];
    set_up_page(sheet);
    int row = 0;
    book_.write_string(sheet, row, 0, cell_text(workstream.id + " " + workstream.name), style(Look().bold().size(14)));
    book_.write_sheet_link(sheet, row, 4, "Summary", "Back to Summary", style(Look().underline().color(link_blue)));
    row += 2;
    row = key_value(sheet, row, "Workstream", workstream.id, 2);
    row = key_value(sheet, row, "Name", workstream.name, 2);
    row = key_value(sheet, row, "Lead", workstream.lead.empty() ? "not named" : workstream.lead, 2);
    row = key_value(sheet, row, "Directorate", workstream.directorate, 2);
    row = key_date(sheet, row, "Go-live", workstream.go_live, 2);
    row = key_date(sheet, row, "Baseline from", workstream.baseline_from, 2);
    row = key_date(sheet, row, "Baseline to", workstream.baseline_to, 2);
    ++row;

    row = section_title(sheet, row, "KPIs, " + report_.period_label);
    if (workstream.kpis.empty()) {
        book_.write_string(sheet, row++, 0, "No KPIs.", style(Look().italic()));
    } else {
        row = write_kpi_table(sheet, row, workstream.kpis, false);
    }
    // Column widths follow the KPI table's, as on the KPIs sheet.
    const std::vector<Column>& columns = kpi_columns();
    for (std::size_t c = 0; c < columns.size(); ++c)
        column_width(sheet, static_cast<int>(c), static_cast<int>(c), columns[c].width);
    ++row;

    if (!workstream.kpis.empty() && !months_.empty()) {
        row = section_title(sheet, row, "By month");
        MonthTable table = write_month_table(sheet, row, workstream.kpis, workstream.go_live);
        row = table.header_row + 1 + static_cast<int>(table.rows.size()) + 1;
        row = place_charts(sheet, row, build_charts(table, sheet, workstream),
                           std::max(table.last_month_column, static_cast<int>(kpi_columns().size()) - 1));
    }

    row = section_title(sheet, row, "Actions");
    if (workstream.actions.empty()) {
        book_.write_string(sheet, row, 0, "No actions in the register for this workstream.", style(Look().italic()));
        return;
    }
    write_action_rows(sheet, row, workstream.actions, true);
}

void ClosureWriter::write_actions() {
    set_up_page(actions_);
    const std::vector<Column>& columns = action_columns();
    for (std::size_t c = 0; c < columns.size(); ++c)
        column_width(actions_, static_cast<int>(c), static_cast<int>(c), columns[c].width);
    std::vector<std::size_t> all(report_.actions.size());
    for (std::size_t a = 0; a < all.size(); ++a) all[a] = a;
    int row = write_action_rows(actions_, 0, all, false);
    book_.freeze_panes(actions_, 1, 0);
    book_.set_autofilter(actions_, 0, 0, std::max(0, row - 1), static_cast<int>(columns.size()) - 1);
    ++row;
    book_.write_string(actions_, row, 0,
                       "Red rows are open and past their due date (Days overdue); amber rows are open and due within "
                       "30 days of " +
                           report_.as_of_label + ".",
                       style(Look().italic()));
}

void ClosureWriter::write_quality() {
    const SheetId sheet = quality_;
    set_up_page(sheet);
    // The residual activity table below shares these columns: file, line, text, note.
    const std::vector<Column> columns = {{"Source", 18}, {"Column", 22}, {"Reason", 50}, {"Rows rejected", 30}};
    header_row(sheet, 0, columns, true);
    int row = 1;
    const StyleId plain = text_style();
    const StyleId count = number_style("#,##0");
    for (const RejectCount& reject : report_.rejects) {
        text(sheet, row, 0, reject.source, plain);
        text(sheet, row, 1, reject.column, plain);
        text(sheet, row, 2, reject.reason, plain);
        book_.write_number(sheet, row, 3, static_cast<double>(reject.count), count);
        ++row;
    }
    if (report_.rejects.empty()) book_.write_string(sheet, row++, 0, "No rows were rejected.", style(Look().italic()));
    book_.write_string(sheet, row, 0, "Total", style(Look().bold()));
    book_.write_number(sheet, row, 3, static_cast<double>(report_.rejects_total), style(Look().bold().format("#,##0")));
    row += 2;

    row = section_title(sheet, row, "Residual activity not in the action register");
    if (report_.untracked.empty()) {
        book_.write_string(sheet, row, 0, "None: every residual activity item cites a register id.",
                           style(Look().italic()));
        return;
    }
    header_row(sheet, row++, {{"File", 0}, {"Line", 0}, {"Text", 0}, {"Note", 0}}, false);
    for (const UntrackedItem& item : report_.untracked) {
        text(sheet, row, 0, item.file, plain);
        book_.write_number(sheet, row, 1, item.line, count);
        text(sheet, row, 2, item.text, plain);
        text(sheet, row, 3, item.note.empty() ? "cites no register id" : item.note, plain);
        ++row;
    }
}

void ClosureWriter::write_sources() {
    const SheetId sheet = sources_;
    set_up_page(sheet);
    const std::vector<Column> columns = {{"Source", 14},      {"Description", 30}, {"File", 30},
                                         {"Rows read", 11},   {"Rows loaded", 11}, {"Rows rejected", 11},
                                         {"Date column", 16}, {"From", 11},        {"To", 11},
                                         {"SHA-256", 66},     {"Bytes", 13}};
    header_row(sheet, 0, columns, true);
    int row = 1;
    const StyleId plain = text_style();
    const StyleId count = number_style("#,##0");
    const StyleId dates = number_style(date_format);
    for (const ReportSource& source : report_.sources) {
        auto common_cells = [&](int r) {
            text(sheet, r, 0, source.name, plain);
            text(sheet, r, 1, source.description, plain);
            text(sheet, r, 6, source.date_column, plain);
            if (!source.date_from.empty()) date(sheet, r, 7, source.date_from, dates);
            if (!source.date_to.empty()) date(sheet, r, 8, source.date_to, dates);
        };
        if (source.files.empty()) {
            common_cells(row);
            book_.write_number(sheet, row, 3, static_cast<double>(source.rows_read), count);
            book_.write_number(sheet, row, 4, static_cast<double>(source.rows_loaded), count);
            book_.write_number(sheet, row, 5, static_cast<double>(source.rows_rejected), count);
            ++row;
        }
        for (const SourceFile& file : source.files) {
            common_cells(row);
            text(sheet, row, 2, file.path, plain);
            book_.write_number(sheet, row, 3, static_cast<double>(file.rows_read), count);
            book_.write_number(sheet, row, 4, static_cast<double>(file.rows_loaded), count);
            book_.write_number(sheet, row, 5, static_cast<double>(file.rows_rejected), count);
            text(sheet, row, 9, file.sha256, plain);
            book_.write_number(sheet, row, 10, static_cast<double>(file.bytes), count);
            ++row;
        }
    }
    book_.freeze_panes(sheet, 1, 0);
    book_.set_autofilter(sheet, 0, 0, std::max(0, row - 1), static_cast<int>(columns.size()) - 1);
    row += 1;
    long read = 0, loaded = 0, rejected = 0;
    std::uint64_t bytes = 0;
    for (const ReportSource& source : report_.sources) {
        read += source.rows_read;
        loaded += source.rows_loaded;
        rejected += source.rows_rejected;
        for (const SourceFile& file : source.files) bytes += file.bytes;
    }
    const StyleId bold_count = style(Look().bold().format("#,##0"));
    book_.write_string(sheet, row, 0, "All sources", style(Look().bold()));
    book_.write_number(sheet, row, 3, static_cast<double>(read), bold_count);
    book_.write_number(sheet, row, 4, static_cast<double>(loaded), bold_count);
    book_.write_number(sheet, row, 5, static_cast<double>(rejected), bold_count);
    book_.write_number(sheet, row, 10, static_cast<double>(bytes), bold_count);
    row += 2;
    if (!report_.programme_file.empty()) {
        book_.write_string(sheet, row, 0, "Programme", style(Look().bold()));
        text(sheet, row, 2, report_.programme_file, plain);
        text(sheet, row, 9, report_.programme_sha256, plain);
    }
}

void ClosureWriter::write() {
    summary_ = book_.add_sheet("Summary");
    kpis_ = book_.add_sheet("KPIs");
    trends_ = book_.add_sheet("Trends");
    for (const std::string& name : workstream_sheets_) workstream_ids_.push_back(book_.add_sheet(name));
    actions_ = book_.add_sheet("Actions");
    quality_ = book_.add_sheet("Data quality");
    sources_ = book_.add_sheet("Sources");

    write_summary();
    write_kpis();
    write_trends();
    for (std::size_t w = 0; w < report_.workstreams.size(); ++w) write_workstream(w);
    write_actions();
    write_quality();
    write_sources();
    set_row_heights();
    book_.close();
}

}  // namespace

void write_closure_workbook(const Report& report, const std::string& path) {
    ClosureWriter writer(report, path);
    writer.write();
}

}  // namespace pirpack::report::excel
