#include "config/programme_loader.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <set>
#include <sstream>
#include <toml++/toml.h>

#include "common/text.hpp"

namespace pirpack::config {

namespace {

using common::Diagnostic;
using common::DiagnosticSink;
using common::Severity;

template <typename E>
using Choices = std::vector<std::pair<std::string, E>>;

const Choices<Unit> unit_choices = {
    {"percent", Unit::percent}, {"count", Unit::count},   {"rate_per_100", Unit::rate_per_100},
    {"ratio", Unit::ratio},     {"days", Unit::days},     {"hours", Unit::hours},
    {"fte", Unit::fte}};
const Choices<Direction> direction_choices = {{"higher_is_better", Direction::higher_is_better},
                                              {"lower_is_better", Direction::lower_is_better},
                                              {"neutral", Direction::neutral}};
const Choices<ColumnType> column_type_choices = {
    {"text", ColumnType::text},         {"integer", ColumnType::integer},
    {"decimal", ColumnType::decimal},   {"date", ColumnType::date},
    {"datetime", ColumnType::datetime}, {"boolean", ColumnType::boolean},
    {"enum", ColumnType::enumeration},  {"status", ColumnType::status}};
const Choices<CurrentWindow> current_choices = {{"month", CurrentWindow::month},
                                                {"quarter", CurrentWindow::quarter},
                                                {"fiscal_ytd", CurrentWindow::fiscal_ytd},
                                                {"since_go_live", CurrentWindow::since_go_live}};
const Choices<Encoding> encoding_choices = {{"utf-8", Encoding::utf8},
                                            {"windows-1252", Encoding::windows1252},
                                            {"iso-8859-1", Encoding::iso8859_1}};

// The parameters KPI SQL may use; the engine binds them for every window.
const std::vector<std::string> sql_parameters = {"from", "to", "period"};

std::string quoted(std::string_view text) { return "\"" + std::string(text) + "\""; }

std::string describe_type(const toml::node& node) {
    switch (node.type()) {
        case toml::node_type::string: return "a string";
        case toml::node_type::integer: return "an integer";
        case toml::node_type::floating_point: return "a number";
        case toml::node_type::boolean: return "a boolean";
        case toml::node_type::date: return "a date";
        case toml::node_type::time: return "a time";
        case toml::node_type::date_time: return "a date-time";
        case toml::node_type::array: return "an array";
        case toml::node_type::table: return "a table";
        default: return "nothing";
    }
}

bool is_identifier(std::string_view text) {
    if (text.empty() || !(text[0] >= 'a' && text[0] <= 'z')) return false;
    return std::all_of(text.begin(), text.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    });
}

std::string lowercase_extension(std::string_view path) {
    auto slash = path.find_last_of('/');
    auto dot = path.find_last_of('.');
    if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) return {};
    return common::to_lower_ascii(path.substr(dot));
}

// Reads one programme file's tables into structs, reporting each mistake where it is.
class ProgrammeReader {
public:
    ProgrammeReader(std::string file) : file_(std::move(file)) {}

    std::vector<Diagnostic>& diagnostics() { return diagnostics_; }
    bool has_errors() const {
        return std::any_of(diagnostics_.begin(), diagnostics_.end(),
                           [](const Diagnostic& d) { return d.severity == Severity::error; });
    }

    SourceLocation at(const toml::source_region& region) const {
        SourceLocation location;
        location.file = file_;
        location.line = static_cast<int>(region.begin.line);
        location.column = static_cast<int>(region.begin.column);
        return location;
    }
    SourceLocation at(const toml::node& node) const { return at(node.source()); }

    void error(SourceLocation location, std::string message, std::string hint = {}) {
        diagnostics_.push_back({Severity::error, std::move(location), std::move(message), std::move(hint)});
    }

    void read(const toml::table& root, Programme& programme) {
        check_keys(root, {"programme", "workstream", "source", "kpi"}, {"programme"}, "the programme file",
                   SourceLocation{file_, "", 1, 1, ""});

        if (const auto* node = root.get("programme")) {
            if (const auto* table = node->as_table())
                read_info(*table, programme.info);
            else
                error(at(*node), "\"programme\" must be a table, not " + describe_type(*node),
                      "start it with a [programme] line");
        }
        for_each_table(root, "workstream", [&](const toml::table& t) { read_workstream(t, programme); });
        for_each_table(root, "source", [&](const toml::table& t) { read_source(t, programme); });
        for_each_table(root, "kpi", [&](const toml::table& t) { read_kpi(t, programme); });
        check_kpi_references(programme);
    }

private:
    std::string file_;
    std::vector<Diagnostic> diagnostics_;
    std::vector<const toml::node*> kpi_workstream_nodes_;  // checked once every workstream is read

    // Unknown keys (with the nearest valid one) and missing required keys of one table.
    void check_keys(const toml::table& table, const std::vector<std::string>& allowed,
                    const std::vector<std::string>& required, const std::string& where,
                    std::optional<SourceLocation> table_location = std::nullopt) {
        for (auto&& [key, value] : table) {
            (void)value;
            std::string name(key.str());
            if (std::find(allowed.begin(), allowed.end(), name) != allowed.end()) continue;
            std::string nearest = common::nearest_word(name, allowed);
            std::vector<std::string> quoted_allowed;
            for (const auto& a : allowed) quoted_allowed.push_back(a);
            error(at(key.source()), "unknown key " + quoted(name) + " in " + where,
                  nearest.empty() ? "valid keys are " + common::join_words(quoted_allowed, " and ")
                                  : "did you mean " + quoted(nearest) + "?");
        }
        for (const auto& name : required) {
            if (table.contains(name)) continue;
            error(table_location ? *table_location : at(table), "missing required key " + quoted(name) + " in " + where,
                  "add " + name + " = ...");
        }
    }

    template <typename Fn>
    void for_each_table(const toml::table& root, const std::string& key, Fn&& fn) {
        const toml::node* node = root.get(key);
        if (!node) return;
        const toml::array* array = node->as_array();
        if (!array || !array->is_array_of_tables()) {
            SourceLocation location = at(*node);
            for (auto&& [k, v] : root)
                if (k.str() == key) location = at(k.source());
            error(location, quoted(key) + " must be a list of tables, not " + describe_type(*node),
                  "write each one under its own [[" + key + "]] line");
            return;
        }
        for (const auto& element : *array) fn(*element.as_table());
    }

    const toml::node* find(const toml::table& table, std::string_view key) { return table.get(key); }

    void wrong_type(const toml::node& node, std::string_view key, std::string_view wanted, std::string_view where,
                    std::string hint) {
        error(at(node), "key " + quoted(key) + " in " + std::string(where) + " must be " + std::string(wanted) +
                            ", not " + describe_type(node),
              std::move(hint));
    }

    std::optional<std::string> read_string(const toml::table& table, std::string_view key, std::string_view where) {
        const toml::node* node = find(table, key);
        if (!node) return std::nullopt;
        if (const auto* value = node->as_string()) return value->get();
        wrong_type(*node, key, "a string", where, "put the value in double quotes");
        return std::nullopt;
    }

    std::optional<double> read_number(const toml::table& table, std::string_view key, std::string_view where) {
        const toml::node* node = find(table, key);
        if (!node) return std::nullopt;
        if (const auto* value = node->as_floating_point()) return value->get();
        if (const auto* value = node->as_integer()) return static_cast<double>(value->get());
        wrong_type(*node, key, "a number", where, "write the number without quotes, for example 95.0");
        return std::nullopt;
    }

    std::optional<std::int64_t> read_integer(const toml::table& table, std::string_view key, std::string_view where) {
        const toml::node* node = find(table, key);
        if (!node) return std::nullopt;
        if (const auto* value = node->as_integer()) return value->get();
        wrong_type(*node, key, "a whole number", where, "write a whole number without quotes, for example 4");
        return std::nullopt;
    }

    std::optional<bool> read_bool(const toml::table& table, std::string_view key, std::string_view where) {
        const toml::node* node = find(table, key);
        if (!node) return std::nullopt;
        if (const auto* value = node->as_boolean()) return value->get();
        wrong_type(*node, key, "true or false", where, "write true or false without quotes");
        return std::nullopt;
    }

    std::optional<Date> read_date(const toml::table& table, std::string_view key, std::string_view where) {
        const toml::node* node = find(table, key);
        if (!node) return std::nullopt;
        if (const auto* value = node->as_date()) {
            const toml::date& d = value->get();
            if (auto date = common::make_date(d.year, d.month, d.day)) return date;
            error(at(*node), "key " + quoted(key) + " in " + std::string(where) + " is not a real date");
            return std::nullopt;
        }
        std::string hint = "write a bare date such as " + std::string(key) + " = 2023-04-01";
        if (const auto* text = node->as_string(); text && common::parse_iso_date(text->get()))
            hint = "remove the quotes: " + std::string(key) + " = " + text->get();
        wrong_type(*node, key, "a date", where, hint);
        return std::nullopt;
    }

    template <typename E>
    std::optional<E> read_enum(const toml::table& table, std::string_view key, std::string_view where,
                               const Choices<E>& choices) {
        auto text = read_string(table, key, where);
        if (!text) return std::nullopt;
        std::vector<std::string> names;
        for (const auto& [name, value] : choices) {
            if (name == *text) return value;
            names.push_back(name);
        }
        std::string nearest = common::nearest_word(*text, names);
        std::vector<std::string> quoted_names;
        for (const auto& n : names) quoted_names.push_back(quoted(n));
        error(at(*find(table, key)), quoted(*text) + " is not a valid " + std::string(key) + " in " + std::string(where),
              (nearest.empty() ? std::string() : "did you mean " + quoted(nearest) + "? ") +
                  std::string(key) + " is one of " + common::join_words(quoted_names));
        return std::nullopt;
    }

    // A string, or an array of strings when `allow_single` says a lone string is a list of one.
    std::vector<std::string> read_string_list(const toml::table& table, std::string_view key, std::string_view where,
                                              bool allow_single) {
        std::vector<std::string> out;
        const toml::node* node = find(table, key);
        if (!node) return out;
        if (allow_single && node->is_string()) {
            out.push_back(node->as_string()->get());
            return out;
        }
        const toml::array* array = node->as_array();
        if (!array) {
            wrong_type(*node, key, allow_single ? "a string or a list of strings" : "a list of strings", where,
                       "write [\"first\", \"second\"]");
            return out;
        }
        for (const auto& element : *array) {
            if (const auto* s = element.as_string())
                out.push_back(s->get());
            else
                error(at(element), "every item of " + quoted(key) + " in " + std::string(where) +
                                       " must be a string, not " + describe_type(element),
                      "put each item in double quotes");
        }
        return out;
    }

    std::optional<DateWindow> read_window(const toml::table& table, std::string_view key, std::string_view where) {
        const toml::node* node = find(table, key);
        if (!node) return std::nullopt;
        const toml::table* window = node->as_table();
        if (!window) {
            wrong_type(*node, key, "a table with from and to", where,
                       "write " + std::string(key) + " = { from = 2022-04-01, to = 2023-03-31 }");
            return std::nullopt;
        }
        std::string inner = quoted(key) + " of " + std::string(where);
        check_keys(*window, {"from", "to"}, {"from", "to"}, inner);
        auto from = read_date(*window, "from", inner);
        auto to = read_date(*window, "to", inner);
        if (!from || !to) return std::nullopt;
        if (*to < *from) {
            error(at(*window->get("to")),
                  quoted(key) + " of " + std::string(where) + " ends (" + common::format_iso_date(*to) +
                      ") before it starts (" + common::format_iso_date(*from) + ")",
                  "swap from and to, or correct the dates");
            return std::nullopt;
        }
        return DateWindow{*from, *to};
    }

    void read_info(const toml::table& table, ProgrammeInfo& info) {
        const std::string where = "[programme]";
        check_keys(table,
                   {"name", "organisation", "protective_marking", "description", "go_live", "baseline",
                    "fiscal_year_start_month", "min_cell_count", "current"},
                   {"name", "organisation", "protective_marking", "go_live", "baseline"}, where);
        info.location = at(table);
        info.name = read_string(table, "name", where).value_or("");
        info.organisation = read_string(table, "organisation", where).value_or("");
        info.protective_marking = read_string(table, "protective_marking", where).value_or("");
        info.description = read_string(table, "description", where).value_or("");
        auto go_live = read_date(table, "go_live", where);
        auto baseline = read_window(table, "baseline", where);
        if (go_live) info.go_live = *go_live;
        if (baseline) info.baseline = *baseline;
        if (go_live && baseline && !(baseline->to < *go_live))
            error(at(*table.get("baseline")),
                  "the baseline must end before go-live (" + common::format_iso_date(*go_live) + "), but it ends " +
                      common::format_iso_date(baseline->to),
                  "end the baseline on " + common::format_iso_date(common::add_days(*go_live, -1)) +
                      " or earlier");
        if (auto month = read_integer(table, "fiscal_year_start_month", where)) {
            if (*month < 1 || *month > 12)
                error(at(*table.get("fiscal_year_start_month")),
                      "fiscal_year_start_month must be a month number from 1 to 12, not " + std::to_string(*month),
                      "UK police financial years start in April: fiscal_year_start_month = 4");
            else
                info.fiscal_year_start_month = static_cast<int>(*month);
        }
        if (auto count = read_integer(table, "min_cell_count", where)) {
            if (*count < 0)
                error(at(*table.get("min_cell_count")), "min_cell_count cannot be negative",
                      "use 0 to turn disclosure control off");
            else
                info.min_cell_count = static_cast<int>(*count);
        }
        if (auto current = read_enum(table, "current", where, current_choices)) info.current = *current;
    }

    void read_workstream(const toml::table& table, Programme& programme) {
        Workstream ws;
        ws.location = at(table);
        auto id = read_string(table, "id", "[[workstream]]");
        const std::string where = id ? "[[workstream]] " + quoted(*id) : "[[workstream]]";
        check_keys(table, {"id", "name", "lead", "directorate", "go_live", "baseline", "narrative"}, {"id", "name"},
                   where);
        ws.id = id.value_or("");
        ws.name = read_string(table, "name", where).value_or("");
        ws.lead = read_string(table, "lead", where).value_or("");
        ws.directorate = read_string(table, "directorate", where).value_or("");
        ws.go_live = read_date(table, "go_live", where);
        ws.baseline = read_window(table, "baseline", where);
        ws.narrative = read_string_list(table, "narrative", where, false);
        for (const auto& file : ws.narrative)
            if (file.empty() || file.find('/') != std::string::npos || file.find('\\') != std::string::npos)
                error(at(*table.get("narrative")), "narrative file " + quoted(file) + " of " + where + " is not a plain file name",
                      "name a Markdown file inside the narrative folder, such as \"01-local-policing-areas.md\"");
        if (id) {
            if (id->empty())
                error(at(*table.get("id")), "the workstream id is empty", "give it a short id such as \"WS1\"");
            else if (const Workstream* first = programme.find_workstream(*id))
                error(at(*table.get("id")), "duplicate workstream id " + quoted(*id),
                      "the first is at line " + std::to_string(first->location.line) + "; give each workstream its own id");
        }
        Date go_live = ws.go_live.value_or(programme.info.go_live);
        if (ws.go_live && ws.go_live < programme.info.baseline.to && programme.info.baseline.to.year > 1970 &&
            !ws.baseline)
            error(at(*table.get("go_live")),
                  where + " goes live (" + common::format_iso_date(*ws.go_live) + ") inside the programme's baseline",
                  "give the workstream its own baseline = { from = ..., to = ... } ending before its go-live");
        if (ws.baseline && !(ws.baseline->to < go_live))
            error(at(*table.get("baseline")),
                  "the baseline of " + where + " must end before its go-live (" + common::format_iso_date(go_live) +
                      "), but it ends " + common::format_iso_date(ws.baseline->to),
                  "end it on " + common::format_iso_date(common::add_days(go_live, -1)) + " or earlier");
        programme.workstreams.push_back(std::move(ws));
    }

    void read_source(const toml::table& table, Programme& programme) {
        Source source;
        source.location = at(table);
        auto name = read_string(table, "name", "[[source]]");
        const std::string where = name ? "[[source]] " + quoted(*name) : "[[source]]";
        check_keys(table,
                   {"name", "path", "sheet", "encoding", "delimiter", "date_formats", "max_reject_rate",
                    "header_row", "description", "columns", "indexes"},
                   {"name", "path", "columns"}, where);
        if (name) {
            if (!is_identifier(*name))
                error(at(*table.get("name")), "source name " + quoted(*name) + " is not a usable table name",
                      "use lowercase letters, digits and underscores, starting with a letter, for example \"crime\"");
            else if (const Source* first = programme.find_source(*name))
                error(at(*table.get("name")), "duplicate source name " + quoted(*name),
                      "the first is at line " + std::to_string(first->location.line) + "; give each source its own name");
            source.name = *name;
        }
        source.path = read_string(table, "path", where).value_or("");
        source.path_location = table.contains("path") ? at(*table.get("path")) : source.location;
        std::string extension = lowercase_extension(source.path);
        if (table.contains("path") && table.get("path")->is_string()) {
            if (extension == ".xls")
                error(at(*table.get("path")), "legacy .xls workbooks cannot be read",
                      "save the file as .xlsx (Excel Workbook) or .csv and point path at that");
            else if (extension != ".csv" && extension != ".tsv" && extension != ".txt" && extension != ".xlsx")
                error(at(*table.get("path")), "path " + quoted(source.path) + " is not a file type pirpack reads",
                      "use a .csv, .tsv, .txt or .xlsx file (a glob such as \"crime_*.xlsx\" is fine)");
        }
        if (auto sheet = read_string(table, "sheet", where)) {
            source.sheet = *sheet;
            if (!extension.empty() && extension != ".xlsx")
                error(at(*table.get("sheet")), "sheet is only used for .xlsx files, and " + where + " reads a " + extension + " file",
                      "remove the sheet line, or point path at the workbook");
        }
        if (auto encoding = read_enum(table, "encoding", where, encoding_choices)) source.encoding = *encoding;
        if (auto delimiter = read_string(table, "delimiter", where)) {
            if (*delimiter != "," && *delimiter != ";" && *delimiter != "\t" && *delimiter != "|" && *delimiter != "auto")
                error(at(*table.get("delimiter")), "delimiter " + quoted(*delimiter) + " is not supported",
                      "use \",\", \";\", \"\\t\", \"|\" or \"auto\" (the default, which detects it)");
            else if (*delimiter != "auto")
                source.delimiter = *delimiter;
        }
        source.date_formats = read_string_list(table, "date_formats", where, false);
        if (const auto* node = table.get("date_formats"); node && node->is_array()) {
            size_t i = 0;
            for (const auto& format : source.date_formats) {
                if (format.find('%') == std::string::npos)
                    error(at((*node->as_array())[i]), "date format " + quoted(format) + " has no % field",
                          "write formats strftime-style, for example \"%d/%m/%Y\"");
                ++i;
            }
            if (source.date_formats.empty())
                error(at(*node), "date_formats in " + where + " is empty",
                      "list at least one format, or remove the line to accept ISO dates");
        }
        if (source.date_formats.empty()) source.date_formats = {"%Y-%m-%d"};
        if (auto rate = read_number(table, "max_reject_rate", where)) {
            if (*rate < 0.0 || *rate > 1.0)
                error(at(*table.get("max_reject_rate")), "max_reject_rate must be a fraction from 0 to 1",
                      "0.02 allows two rejected rows in a hundred");
            else
                source.max_reject_rate = *rate;
        }
        if (auto header_row = read_integer(table, "header_row", where)) {
            if (*header_row < 1)
                error(at(*table.get("header_row")), "header_row counts from 1", "the first line of the file is header_row = 1");
            else
                source.header_row = static_cast<int>(*header_row);
        }
        source.description = read_string(table, "description", where).value_or("");
        if (const auto* node = table.get("columns")) {
            if (const auto* columns = node->as_table())
                read_columns(*columns, where, source);
            else
                wrong_type(*node, "columns", "a table", where, "start the mapping with a [source.columns] line");
        }
        read_indexes(table, where, source);
        programme.sources.push_back(std::move(source));
    }

    void read_indexes(const toml::table& table, const std::string& where, Source& source) {
        const toml::node* node = table.get("indexes");
        if (!node) {
            for (const auto& column : source.columns)
                if (column.type == ColumnType::date || column.type == ColumnType::datetime)
                    source.indexes.push_back({column.name});
            return;
        }
        const toml::array* list = node->as_array();
        if (!list) {
            wrong_type(*node, "indexes", "a list of column lists", where, "write indexes = [[\"team\", \"duty_date\"]]");
            return;
        }
        std::vector<std::string> names;
        for (const auto& column : source.columns) names.push_back(column.name);
        for (const auto& element : *list) {
            const toml::array* columns = element.as_array();
            if (!columns || columns->empty()) {
                error(at(element), "each index in " + where + " must be a non-empty list of column names",
                      "write indexes = [[\"team\", \"duty_date\"]]");
                continue;
            }
            std::vector<std::string> index;
            for (const auto& item : *columns) {
                const auto* name = item.as_string();
                if (!name) {
                    error(at(item), "an index column must be a column name in double quotes");
                    continue;
                }
                if (std::find(names.begin(), names.end(), name->get()) == names.end()) {
                    std::string nearest = common::nearest_word(name->get(), names);
                    error(at(item), "index column " + quoted(name->get()) + " is not a column of " + where,
                          nearest.empty() ? "name a column from [source.columns]" : "did you mean " + quoted(nearest) + "?");
                    continue;
                }
                index.push_back(name->get());
            }
            if (index.size() == columns->size()) source.indexes.push_back(std::move(index));
        }
    }

    void read_columns(const toml::table& columns, const std::string& source_where, Source& source) {
        if (columns.empty())
            error(at(columns), source_where + " maps no columns",
                  "add lines such as crime_id = { header = \"Crime Ref\", type = \"text\" } under [source.columns]");
        std::map<std::string, std::string> header_owner;
        for (auto&& [key, node] : columns) {
            Column column;
            column.name = std::string(key.str());
            column.location = at(key.source());
            const std::string where = "column " + quoted(column.name) + " of " + source_where;
            if (!is_identifier(column.name))
                error(at(key.source()), "column name " + quoted(column.name) + " is not usable in SQL",
                      "use lowercase letters, digits and underscores, starting with a letter");
            const toml::table* spec = node.as_table();
            if (!spec) {
                error(at(node), where + " must be a table, not " + describe_type(node),
                      "write " + column.name + " = { header = \"Header In File\", type = \"text\" }");
                continue;
            }
            check_keys(*spec, {"header", "type", "required", "key", "values"}, {"header", "type"}, where);
            column.headers = read_string_list(*spec, "header", where, true);
            if (spec->contains("header") && column.headers.empty() &&
                (spec->get("header")->is_array() || spec->get("header")->is_string()))
                error(at(*spec->get("header")), "header of " + where + " is empty", "give the header text as it appears in the file");
            for (const auto& header : column.headers) {
                std::string normal = common::normalise_header(header);
                auto [it, inserted] = header_owner.emplace(normal, column.name);
                if (!inserted)
                    error(at(*spec->get("header")),
                          "header " + quoted(header) + " is mapped to both " + quoted(it->second) + " and " +
                              quoted(column.name),
                          "headers are matched ignoring case and spaces; each may map to one column");
            }
            if (auto type = read_enum(*spec, "type", where, column_type_choices)) column.type = *type;
            column.required = read_bool(*spec, "required", where).value_or(false);
            column.key = read_bool(*spec, "key", where).value_or(false);
            column.values = read_string_list(*spec, "values", where, false);
            if (column.type == ColumnType::enumeration && spec->contains("type") && column.values.empty() &&
                !spec->contains("values"))
                error(at(*spec), where + " is an enum but lists no values", "add values = [\"First\", \"Second\"]");
            if (column.type != ColumnType::enumeration && spec->contains("values"))
                error(at(*spec->get("values")), "values is only used for enum columns, and " + where + " is " +
                                                    to_string(column.type),
                      "set type = \"enum\", or remove values");
            source.columns.push_back(std::move(column));
        }
    }

    void read_kpi(const toml::table& table, Programme& programme) {
        Kpi kpi;
        kpi.location = at(table);
        auto id = read_string(table, "id", "[[kpi]]");
        const std::string where = id ? "[[kpi]] " + quoted(*id) : "[[kpi]]";
        auto direction = read_enum(table, "direction", where, direction_choices);
        std::vector<std::string> required = {"id", "workstream", "title", "unit", "direction", "sql"};
        if (direction && *direction != Direction::neutral) required.push_back("target");
        check_keys(table,
                   {"id", "workstream", "title", "description", "evidence", "unit", "direction", "target", "amber",
                    "current", "sql"},
                   required, where);
        if (id) {
            if (!is_identifier(*id))
                error(at(*table.get("id")), "KPI id " + quoted(*id) + " cannot be used in narrative tags",
                      "use lowercase letters, digits and underscores, starting with a letter");
            else {
                for (const auto& other : programme.kpis)
                    if (other.id == *id)
                        error(at(*table.get("id")), "duplicate KPI id " + quoted(*id),
                              "the first is at line " + std::to_string(other.location.line) + "; give each KPI its own id");
            }
            kpi.id = *id;
        }
        kpi.workstream = read_string(table, "workstream", where).value_or("");
        kpi.title = read_string(table, "title", where).value_or("");
        kpi.description = read_string(table, "description", where).value_or("");
        kpi.evidence = read_string(table, "evidence", where).value_or("");
        if (auto unit = read_enum(table, "unit", where, unit_choices)) kpi.unit = *unit;
        if (direction) kpi.direction = *direction;
        kpi.target = read_number(table, "target", where);
        kpi.amber = read_number(table, "amber", where);
        kpi.current = read_enum(table, "current", where, current_choices);
        if (auto sql = read_string(table, "sql", where)) {
            kpi.sql = *sql;
            kpi.sql_location = at(*table.get("sql"));
        }
        if (direction == Direction::neutral) {
            for (const char* key : {"target", "amber"})
                if (const auto* node = table.get(key))
                    error(at(*node), where + " is neutral, so it has no " + std::string(key),
                          "remove " + std::string(key) + ", or set direction to higher_is_better or lower_is_better");
        } else if (kpi.amber && !kpi.target && direction) {
            // The missing target is already reported.
        } else if (direction && kpi.amber && kpi.target) {
            bool higher = *direction == Direction::higher_is_better;
            bool wrong_side = higher ? *kpi.amber > *kpi.target : *kpi.amber < *kpi.target;
            if (wrong_side)
                error(at(*table.get("amber")),
                      "amber (" + fmt_number(*kpi.amber) + ") is on the wrong side of target (" +
                          fmt_number(*kpi.target) + ") for a KPI where " +
                          (higher ? "higher is better" : "lower is better"),
                      std::string("amber is the threshold below green, so it must be ") +
                          (higher ? "at or below" : "at or above") + " the target");
        }
        if (kpi.unit == Unit::percent && kpi.target && (*kpi.target < 0.0 || *kpi.target > 100.0))
            error(at(*table.get("target")), "target " + fmt_number(*kpi.target) + " is not a percentage",
                  "percent KPIs are on a 0-100 scale: write 95.0 for 95%");
        if (table.contains("sql") && table.get("sql")->is_string()) check_sql(kpi, table, where, programme);
        if (table.contains("workstream") && table.get("workstream")->is_string())
            kpi_workstream_nodes_.push_back(table.get("workstream"));
        else
            kpi_workstream_nodes_.push_back(nullptr);
        programme.kpis.push_back(std::move(kpi));
    }

    static std::string fmt_number(double value) {
        std::ostringstream out;
        out << value;
        return out.str();
    }

    // Catches what would otherwise surface only when the SQL runs: an unknown :parameter, and a
    // FROM or JOIN naming a table that is neither a source nor a WITH query.
    void check_sql(Kpi& kpi, const toml::table& table, const std::string& where, const Programme& programme) {
        const std::string& sql = kpi.sql;
        const toml::node& node = *table.get("sql");
        if (std::all_of(sql.begin(), sql.end(), [](char c) { return std::isspace(static_cast<unsigned char>(c)); })) {
            error(at(node), "the sql of " + where + " is empty", "write a SELECT returning a column named value");
            return;
        }
        std::vector<std::string> words;  // identifiers and keywords, lowercased, outside strings and comments
        std::set<std::string> reported;
        for (size_t i = 0; i < sql.size();) {
            char c = sql[i];
            if (c == '\'' || c == '"') {
                size_t end = sql.find(c, i + 1);
                i = end == std::string::npos ? sql.size() : end + 1;
                words.emplace_back("'");
            } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
                size_t end = sql.find('\n', i);
                i = end == std::string::npos ? sql.size() : end;
            } else if (c == ':' && i + 1 < sql.size() && sql[i + 1] == ':') {
                i += 2;  // a PostgreSQL cast, not a parameter
            } else if (c == ':' && i + 1 < sql.size() && (std::isalpha(static_cast<unsigned char>(sql[i + 1])) || sql[i + 1] == '_')) {
                size_t end = i + 1;
                while (end < sql.size() && (std::isalnum(static_cast<unsigned char>(sql[end])) || sql[end] == '_')) ++end;
                std::string name = sql.substr(i + 1, end - i - 1);
                if (std::find(sql_parameters.begin(), sql_parameters.end(), name) == sql_parameters.end() &&
                    reported.insert(":" + name).second) {
                    std::string nearest = common::nearest_word(name, sql_parameters);
                    error(at(node), "the sql of " + where + " uses an unknown parameter :" + name,
                          (nearest.empty() ? std::string() : "did you mean :" + nearest + "? ") +
                              "the parameters bound for each window are :from, :to and :period");
                }
                words.emplace_back("?");
                i = end;
            } else if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
                size_t end = i;
                while (end < sql.size() && (std::isalnum(static_cast<unsigned char>(sql[end])) || sql[end] == '_')) ++end;
                words.push_back(common::to_lower_ascii(std::string_view(sql).substr(i, end - i)));
                i = end;
            } else {
                if (c == '(' || c == ')' || c == ',' || c == '.') words.emplace_back(1, c);
                ++i;
            }
        }
        // KPI SQL only reads: a statement that writes, or reaches a file (ATTACH '/path', VACUUM
        // INTO '/path'), could change the store or write outside the outputs folder.
        static const std::set<std::string> writing = {"attach", "detach", "vacuum", "pragma", "insert", "update",
                                                      "delete", "create", "drop",   "alter",  "reindex"};
        for (size_t i = 0; i < words.size(); ++i) {
            const std::string& word = words[i];
            const bool writes = writing.count(word) > 0 ||
                                (word == "replace" && i + 1 < words.size() && words[i + 1] == "into") ||
                                (word == "copy" && i == 0);
            if (!writes || !reported.insert("statement " + word).second) continue;
            std::string upper = word;
            for (auto& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
            error(at(node), "the sql of " + where + " uses " + upper + ", but KPI SQL may only read",
                  "write one SELECT (a WITH ... SELECT is fine) returning a column named value");
        }
        std::set<std::string> with_names;
        for (size_t i = 0; i + 2 < words.size(); ++i)
            if (words[i + 1] == "as" && words[i + 2] == "(") with_names.insert(words[i]);
        std::vector<std::string> source_names;
        for (const auto& source : programme.sources) source_names.push_back(source.name);
        for (size_t i = 0; i + 1 < words.size(); ++i) {
            if (words[i] != "from" && words[i] != "join") continue;
            if (i > 0 && words[i - 1] == "distinct") continue;  // IS DISTINCT FROM
            const std::string& table_name = words[i + 1];
            if (table_name == "(" || table_name == "'" || table_name == "?" || table_name.size() == 1) continue;
            if (with_names.count(table_name)) continue;
            if (const Source* source = programme.find_source(table_name)) {
                if (std::find(kpi.sources_read.begin(), kpi.sources_read.end(), source->name) == kpi.sources_read.end())
                    kpi.sources_read.push_back(source->name);
                continue;
            }
            if (!reported.insert(table_name).second) continue;
            std::string nearest = common::nearest_word(table_name, source_names);
            error(at(node), "the sql of " + where + " reads table " + quoted(table_name) + ", which is not a source",
                  nearest.empty() ? "KPI SQL reads the tables named by [[source]] name"
                                  : "did you mean " + quoted(nearest) + "?");
        }
    }

    void check_kpi_references(const Programme& programme) {
        std::vector<std::string> ids;
        for (const auto& ws : programme.workstreams) ids.push_back(ws.id);
        for (size_t i = 0; i < programme.kpis.size(); ++i) {
            const Kpi& kpi = programme.kpis[i];
            const toml::node* node = kpi_workstream_nodes_[i];
            if (!node || programme.find_workstream(kpi.workstream)) continue;
            std::string nearest = common::nearest_word(kpi.workstream, ids);
            error(at(*node), "[[kpi]] " + quoted(kpi.id) + " names workstream " + quoted(kpi.workstream) +
                                 ", which is not defined",
                  nearest.empty() ? "define it with a [[workstream]] table, or use one of the ids defined"
                                  : "did you mean " + quoted(nearest) + "?");
        }
    }
};

void forward_sorted(std::vector<Diagnostic>& diagnostics, DiagnosticSink& sink) {
    std::stable_sort(diagnostics.begin(), diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return std::tie(a.location.line, a.location.column) < std::tie(b.location.line, b.location.column);
    });
    for (auto& diagnostic : diagnostics) sink.report(std::move(diagnostic));
}

}  // namespace

std::optional<Programme> parse_programme(std::string_view text, const std::string& display_path,
                                         DiagnosticSink& sink) {
    toml::table root;
    try {
        root = toml::parse(text, display_path);
    } catch (const toml::parse_error& failure) {
        SourceLocation location;
        location.file = display_path;
        location.line = static_cast<int>(failure.source().begin.line);
        location.column = static_cast<int>(failure.source().begin.column);
        sink.error(location, "not valid TOML: " + std::string(failure.description()),
                   "fix this first; other mistakes are only found once the file parses");
        return std::nullopt;
    }
    Programme programme;
    programme.file = display_path;
    ProgrammeReader reader(display_path);
    reader.read(root, programme);
    bool failed = reader.has_errors();
    forward_sorted(reader.diagnostics(), sink);
    if (failed) return std::nullopt;
    return programme;
}

std::optional<Programme> load_programme(const std::string& path, DiagnosticSink& sink,
                                        const std::string& display_path) {
    const std::string shown = display_path.empty() ? path : display_path;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        sink.error(SourceLocation{shown, "", 0, 0, ""}, "cannot open the programme file",
                   "pass --programme FILE, or put programme.toml in the inputs folder");
        return std::nullopt;
    }
    std::ostringstream text;
    text << in.rdbuf();
    return parse_programme(text.str(), shown, sink);
}

}  // namespace pirpack::config
