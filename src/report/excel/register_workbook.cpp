#include "report/excel/register_workbook.hpp"

#include <algorithm>
#include <map>

#include "actions/register.hpp"
#include "actions/status.hpp"
#include "common/date.hpp"
#include "common/errors.hpp"
#include "report/excel/workbook_writer.hpp"

namespace pirpack::report::excel {

namespace {

using SheetId = WorkbookWriter::SheetId;
using StyleId = WorkbookWriter::StyleId;

constexpr std::uint32_t red_fill = 0xFFC7CE, amber_fill = 0xFFEB9C, header_fill = 0xD9E1F2;

// The register's columns in the order the workbook writes them.
const std::vector<std::string>& register_columns() {
    static const std::vector<std::string> columns = {"action_id", "workstream", "area",        "action", "owner",
                                                     "due",       "status",     "last_update", "notes"};
    return columns;
}

bool owner_updates(const std::string& column) {
    return column == "owner" || column == "due" || column == "status" || column == "last_update" || column == "notes";
}

std::string value_of(const ReportAction& action, const std::string& column) {
    if (column == "action_id") return action.id;
    if (column == "workstream") return action.workstream;
    if (column == "area") return action.area;
    if (column == "action") return action.text;
    if (column == "owner") return action.owner;
    if (column == "due") return action.due_text;
    if (column == "status") return action.status;
    if (column == "last_update") return action.last_update;
    return action.notes;
}

double width_of(const std::string& column) {
    if (column == "action") return 60;
    if (column == "notes") return 40;
    if (column == "area" || column == "owner") return 26;
    if (column == "last_update" || column == "due") return 14;
    if (column == "status") return 13;
    return 11;
}

class RegisterWriter {
public:
    RegisterWriter(const Report& report, const std::string& path) : report_(report), book_(path, options(report)) {
        for (const auto& [column, header] : report.register_headers) headers_[column] = header;
        for (const auto& column : register_columns())
            if (!headers_.count(column)) headers_[column] = column;
    }

    void write() {
        write_register();
        write_grouped("By owner", [](const ReportAction& a) { return a.owner.empty() ? std::string("(no owner named)") : a.owner; });
        write_grouped("By workstream", [](const ReportAction& a) { return a.workstream; });
        write_summary();
        book_.close();
    }

private:
    static WorkbookOptions options(const Report& report) {
        WorkbookOptions options;
        auto as_of = common::parse_iso_date(report.as_of);
        if (!as_of) throw common::PirpackError(common::ErrorKind::run, "as-of date \"" + report.as_of + "\" is not a date");
        options.created = *as_of;
        options.title = "Residual-action register: " + report.title;
        options.subject = "Residual actions, " + report.period_label;
        options.company = report.organisation;
        return options;
    }

    StyleId style(bool bold, std::uint32_t fill, bool unlocked, bool date = false) {
        CellStyle look;
        look.bold = bold;
        look.wrap = true;
        look.align_top = true;
        look.background = fill;
        look.unlocked = unlocked;
        look.border = true;
        if (date) look.number_format = "dd/mm/yyyy";
        return book_.add_style(look);
    }

    std::uint32_t fill_of(const ReportAction& action) const {
        if (action.days_overdue) return red_fill;
        if (action.due_soon) return amber_fill;
        return 0;
    }

    void set_up_page(SheetId sheet) {
        book_.set_landscape(sheet);
        book_.set_paper_a4(sheet);
        book_.fit_to_pages(sheet, 1, 0);
        book_.repeat_rows(sheet, 0, 0);
        const std::string marking = escape_header_text(report_.protective_marking.substr(0, 80));
        book_.set_header(sheet, "&C" + marking);
        book_.set_footer(sheet, "&L&A&C" + marking + "&RPage &P of &N");
    }

    // One action per row from `row`, in the register's columns.
    int write_rows(SheetId sheet, int row, const std::vector<const ReportAction*>& actions, bool editable) {
        const auto& columns = register_columns();
        for (const ReportAction* action : actions) {
            const std::uint32_t fill = fill_of(*action);
            for (std::size_t c = 0; c < columns.size(); ++c) {
                const std::string& column = columns[c];
                const bool unlocked = editable && owner_updates(column);
                const std::string value = value_of(*action, column);
                if (column == "last_update" && !value.empty()) {
                    book_.write_date(sheet, row, static_cast<int>(c), *common::parse_iso_date(value),
                                     style(false, fill, unlocked, true));
                } else if (value.empty()) {
                    book_.write_blank(sheet, row, static_cast<int>(c), style(false, fill, unlocked));
                } else {
                    book_.write_string(sheet, row, static_cast<int>(c), value, style(false, fill, unlocked));
                }
            }
            ++row;
        }
        return row;
    }

    void header(SheetId sheet, int row) {
        const auto& columns = register_columns();
        StyleId bold = style(true, header_fill, false);
        for (std::size_t c = 0; c < columns.size(); ++c) {
            book_.write_string(sheet, row, static_cast<int>(c), headers_.at(columns[c]), bold);
            book_.set_column_width(sheet, static_cast<int>(c), static_cast<int>(c), width_of(columns[c]));
        }
    }

    // The register source: header on row 1, one action per row, nothing else on the sheet.
    void write_register() {
        SheetId sheet = book_.add_sheet("Register");
        set_up_page(sheet);
        header(sheet, 0);
        std::vector<const ReportAction*> all;
        for (const auto& action : report_.actions) all.push_back(&action);
        int last = write_rows(sheet, 1, all, true);
        const auto& columns = register_columns();
        const int status = static_cast<int>(std::find(columns.begin(), columns.end(), "status") - columns.begin());
        // The drop-down reaches past the last action, for the rows the Change Team adds.
        book_.set_validation_list(sheet, 1, status, std::max(last, 1) + 200, actions::status_labels());
        book_.freeze_panes(sheet, 1, 0);
        book_.set_autofilter(sheet, 0, 0, std::max(last - 1, 0), static_cast<int>(columns.size()) - 1);
        book_.protect_sheet(sheet);
    }

    template <typename Key>
    void write_grouped(const char* name, Key key) {
        SheetId sheet = book_.add_sheet(name);
        set_up_page(sheet);
        header(sheet, 0);
        std::map<std::string, std::vector<const ReportAction*>, actions::IdLess> groups;
        for (const auto& action : report_.actions) groups[key(action)].push_back(&action);
        StyleId group_style = style(true, 0, false);
        int row = 1;
        for (const auto& [group, members] : groups) {
            ++row;
            book_.write_string(sheet, row++, 0, group + " (" + std::to_string(members.size()) + ")", group_style);
            row = write_rows(sheet, row, members, false);
        }
        book_.freeze_panes(sheet, 1, 0);
    }

    void write_summary() {
        SheetId sheet = book_.add_sheet("Summary");
        set_up_page(sheet);
        StyleId bold = style(true, header_fill, false), plain = style(false, 0, false);
        book_.write_string(sheet, 0, 0, "Status", bold);
        book_.write_string(sheet, 0, 1, "Actions", bold);
        book_.set_column_width(sheet, 0, 0, 30);
        book_.set_column_width(sheet, 1, 1, 12);
        int row = 1;
        for (const auto& label : actions::status_labels()) {
            long count = std::count_if(report_.actions.begin(), report_.actions.end(),
                                       [&](const ReportAction& a) { return a.status == label; });
            book_.write_string(sheet, row, 0, label, plain);
            book_.write_number(sheet, row++, 1, static_cast<double>(count), plain);
        }
        long overdue = std::count_if(report_.actions.begin(), report_.actions.end(),
                                     [](const ReportAction& a) { return a.days_overdue.has_value(); });
        long soon = std::count_if(report_.actions.begin(), report_.actions.end(), [](const ReportAction& a) { return a.due_soon; });
        long undated = std::count_if(report_.actions.begin(), report_.actions.end(), [](const ReportAction& a) {
            return a.open && (a.due_note == "no usable due date" || a.due_note == "no due date given");
        });
        book_.write_string(sheet, row, 0, "Total", bold);
        book_.write_number(sheet, row++, 1, static_cast<double>(report_.actions.size()), bold);
        ++row;
        book_.write_string(sheet, row, 0, "Overdue as of " + report_.as_of_label, style(false, red_fill, false));
        book_.write_number(sheet, row++, 1, static_cast<double>(overdue), plain);
        book_.write_string(sheet, row, 0, "Due within 30 days", style(false, amber_fill, false));
        book_.write_number(sheet, row++, 1, static_cast<double>(soon), plain);
        book_.write_string(sheet, row, 0, "Open with no usable due date", plain);
        book_.write_number(sheet, row++, 1, static_cast<double>(undated), plain);
    }

    const Report& report_;
    WorkbookWriter book_;
    std::map<std::string, std::string> headers_;
};

}  // namespace

void write_register_workbook(const Report& report, const std::string& path) { RegisterWriter(report, path).write(); }

}  // namespace pirpack::report::excel
