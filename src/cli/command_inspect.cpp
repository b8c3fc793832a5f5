// pirpack inspect: show how pirpack reads a file, so an analyst can write its mapping.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Stringifier.h>

#include <algorithm>
#include <charconv>
#include <ostream>

#include "cli/command.hpp"
#include "cli/exit_codes.hpp"
#include "common/errors.hpp"
#include "common/source_location.hpp"
#include "common/text.hpp"
#include "ingest/csv_reader.hpp"
#include "ingest/xlsx_reader.hpp"
#include "validate/type_inference.hpp"

namespace pirpack::cli {

namespace {

using common::ErrorKind;
using common::PirpackError;

// Columns here are 0-based indexes into a row.
std::string column_letters(size_t index) { return common::column_letters(static_cast<int>(index) + 1); }

// Tabs and line breaks inside a value would break the TSV's shape.
std::string tsv_escape(const std::string& text) {
    std::string out;
    for (char c : text) {
        switch (c) {
            case '\t': out += "\\t"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\\': out += "\\\\"; break;
            default: out.push_back(c);
        }
    }
    return out;
}

std::string cell_type_name(ingest::CellType type) {
    switch (type) {
        case ingest::CellType::empty: return "empty";
        case ingest::CellType::text: return "text";
        case ingest::CellType::number: return "number";
        case ingest::CellType::boolean: return "boolean";
        case ingest::CellType::date: return "date";
        case ingest::CellType::error: return "error";
    }
    return "text";
}

config::Encoding parse_encoding(const std::string& text) {
    if (text == "utf-8") return config::Encoding::utf8;
    if (text == "windows-1252") return config::Encoding::windows1252;
    if (text == "iso-8859-1") return config::Encoding::iso8859_1;
    throw PirpackError(ErrorKind::usage, "--encoding \"" + text + "\" is not known", {},
                       "use utf-8, windows-1252 or iso-8859-1");
}

struct ShownCell {
    long line;
    size_t column;
    ingest::Cell cell;
};

int run_inspect(CommandContext& context) {
    if (context.arguments.size() != 1)
        throw PirpackError(ErrorKind::usage, "inspect needs exactly one FILE", {},
                           "for example: pirpack inspect inputs/sample/hr_postings.csv --limit 5");
    const std::string path = context.arguments[0];
    const std::string format = context.get("format", "tsv");
    if (format != "tsv" && format != "json")
        throw PirpackError(ErrorKind::usage, "--format \"" + format + "\" is not known", {}, "use tsv or json");
    long limit = 20;
    if (context.has("limit")) {
        const std::string text = context.get("limit");
        auto result = std::from_chars(text.data(), text.data() + text.size(), limit);
        if (result.ec != std::errc() || result.ptr != text.data() + text.size() || limit < 0)
            throw PirpackError(ErrorKind::usage, "--limit \"" + text + "\" is not a whole number", {}, "for example --limit 5");
    }
    std::string extension = common::to_lower_ascii(path.substr(std::min(path.size(), path.find_last_of('.'))));
    const bool workbook_file = extension == ".xlsx";
    if (!workbook_file && context.has("sheet"))
        throw PirpackError(ErrorKind::usage, "--sheet is only for .xlsx files", {}, "remove --sheet for a CSV file");

    ingest::CsvOptions options;
    options.encoding = parse_encoding(context.get("encoding", "utf-8"));
    if (extension == ".tsv") options.delimiter = '\t';
    std::unique_ptr<ingest::XlsxWorkbook> workbook;
    std::unique_ptr<ingest::RowReader> opened;
    std::string sheet_name;
    if (workbook_file) {
        workbook = ingest::XlsxWorkbook::open(path, {}, path);
        auto sheet = workbook->open_sheet(context.get("sheet"));
        sheet_name = sheet->sheet_name();
        opened = std::move(sheet);
    } else {
        opened = std::make_unique<ingest::CsvReader>(path, options, path);
    }
    ingest::RowReader& reader = *opened;

    // Every row is profiled; only the first `limit` data rows are shown.
    ingest::Row row;
    std::vector<std::string> headers;
    std::vector<validate::ColumnProfile> profiles;
    std::vector<ShownCell> shown;
    long data_rows = 0, problem_rows = 0;
    bool have_header = false;
    while (reader.next(row)) {
        if (!have_header) {
            for (const auto& cell : row.cells) headers.push_back(cell.text);
            profiles.resize(headers.size());
            have_header = true;
            continue;
        }
        ++data_rows;
        if (!row.problem.empty())
            ++problem_rows;  // a malformed row says nothing reliable about its columns' types
        else
            for (size_t c = 0; c < row.cells.size() && c < profiles.size(); ++c) profiles[c].add(row.cells[c]);
        if (data_rows <= limit)
            for (size_t c = 0; c < row.cells.size(); ++c)
                if (row.cells[c].type != ingest::CellType::empty) shown.push_back({row.line, c, row.cells[c]});
    }
    auto* csv = dynamic_cast<ingest::CsvReader*>(opened.get());
    auto* sheet = dynamic_cast<ingest::XlsxSheetReader*>(opened.get());
    const long blank = csv ? csv->blank_lines() : sheet->empty_rows();
    std::string delimiter;
    if (csv) delimiter = csv->delimiter() == '\t' ? "\\t" : std::string(1, csv->delimiter());

    if (format == "json") {
        Poco::JSON::Object document;
        document.set("file", path);
        if (csv) {
            document.set("format", "csv");
            document.set("delimiter", std::string(1, csv->delimiter()));
            document.set("encoding", config::to_string(options.encoding));
        } else {
            document.set("format", "xlsx");
            document.set("sheet", sheet_name);
            document.set("date_system", workbook->uses_1904_dates() ? "1904" : "1900");
            Poco::JSON::Array sheets;
            for (const auto& info : workbook->sheets()) {
                Poco::JSON::Object item;
                item.set("name", info.name);
                item.set("state", info.state);
                item.set("worksheet", info.is_worksheet);
                sheets.add(item);
            }
            document.set("sheets", sheets);
        }
        document.set("rows", data_rows);
        document.set("rows_with_problems", problem_rows);
        document.set("blank_lines", blank);
        Poco::JSON::Array columns;
        for (size_t c = 0; c < headers.size(); ++c) {
            Poco::JSON::Object column;
            column.set("column", column_letters(c));
            column.set("header", headers[c]);
            column.set("type", config::to_string(profiles[c].inferred_type()));
            column.set("date_format", profiles[c].date_format());
            column.set("non_empty", profiles[c].non_empty());
            column.set("example", profiles[c].example());
            columns.add(column);
        }
        document.set("columns", columns);
        Poco::JSON::Array cells;
        for (const auto& item : shown) {
            Poco::JSON::Object cell;
            cell.set("line", item.line);
            cell.set("column", column_letters(item.column));
            cell.set("type", cell_type_name(item.cell.type));
            cell.set("value", item.cell.text);
            cells.add(cell);
        }
        document.set("cells", cells);
        Poco::JSON::Stringifier::stringify(document, context.out, 2);
        context.out << "\n";
        return exit_success;
    }

    context.out << "file\t" << tsv_escape(path) << "\n";
    if (csv) {
        context.out << "format\tcsv\ndelimiter\t" << delimiter << "\nencoding\t" << config::to_string(options.encoding)
                    << "\n";
    } else {
        context.out << "format\txlsx\nsheet\t" << tsv_escape(sheet_name) << "\ndate_system\t"
                    << (workbook->uses_1904_dates() ? "1904" : "1900") << "\n";
        for (const auto& info : workbook->sheets())
            context.out << "sheet_in_workbook\t" << tsv_escape(info.name) << "\t" << info.state
                        << (info.is_worksheet ? "" : " (not a worksheet)") << "\n";
    }
    context.out << "rows\t" << data_rows << "\nrows_with_problems\t" << problem_rows << "\nblank_lines\t" << blank
                << "\n\n";
    context.out << "column\theader\ttype\tdate_format\tnon_empty\texample\n";
    for (size_t c = 0; c < headers.size(); ++c)
        context.out << column_letters(c) << "\t" << tsv_escape(headers[c]) << "\t"
                    << config::to_string(profiles[c].inferred_type()) << "\t" << profiles[c].date_format() << "\t"
                    << profiles[c].non_empty() << "\t" << tsv_escape(profiles[c].example()) << "\n";
    context.out << "\nline\tcolumn\ttype\tvalue\n";
    for (const auto& item : shown)
        context.out << item.line << "\t" << column_letters(item.column) << "\t" << cell_type_name(item.cell.type)
                    << "\t" << tsv_escape(item.cell.text) << "\n";
    // A first draft of the mapping, to paste under [source.columns] and edit.
    std::vector<std::string> date_formats;
    context.out << "\n[source.columns]\n";
    for (size_t c = 0; c < headers.size(); ++c) {
        std::string header = headers[c];
        std::string escaped;
        for (char ch : header) {
            if (ch == '"' || ch == '\\') escaped.push_back('\\');
            escaped.push_back(ch);
        }
        context.out << validate::column_name_from_header(header) << " = { header = \"" << escaped << "\", type = \""
                    << config::to_string(profiles[c].inferred_type()) << "\" }\n";
        std::string date_format = profiles[c].date_format();
        if (!date_format.empty() && std::find(date_formats.begin(), date_formats.end(), date_format) == date_formats.end())
            date_formats.push_back(date_format);
    }
    if (!date_formats.empty()) {
        context.out << "# and in [[source]]: date_formats = [";
        for (size_t i = 0; i < date_formats.size(); ++i) context.out << (i ? ", " : "") << "\"" << date_formats[i] << "\"";
        context.out << "]\n";
    }
    return exit_success;
}

}  // namespace

const CommandSpec inspect_command = {
    "inspect",
    "show how a CSV or XLSX file reads: sheets, cells, inferred column types",
    "FILE [options]",
    "Prints how pirpack reads a file: its shape, each column's header with the type pirpack infers "
    "from every row (and the date format that reads them), the cells of the first rows with their "
    "types, and a draft [source.columns] mapping to paste into programme.toml. For a workbook it "
    "also lists every sheet with its state.",
    {
        {"sheet", "NAME", "the sheet to show, for workbooks (default: the first visible one)"},
        {"limit", "N", "show the cells of at most N data rows (default: 20)"},
        {"format", "tsv|json", "output format (default: tsv)"},
        {"encoding", "NAME", "utf-8 (default), windows-1252 or iso-8859-1"},
    },
    "  pirpack inspect inputs/sample/crime_2023-24.xlsx --sheet Crimes --limit 5\n"
    "  pirpack inspect extracts/overtime.csv --encoding windows-1252 --format json\n",
    &run_inspect,
};

}  // namespace pirpack::cli
