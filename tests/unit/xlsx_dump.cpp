#include "xlsx_dump.hpp"

#include <string_view>

#include "common/source_location.hpp"
#include "ingest/xlsx_reader.hpp"

namespace pirpack::testing {

namespace {

std::string escape_field(std::string_view text) {
    std::string escaped;
    for (char c : text) {
        switch (c) {
            case '\\':
                escaped += "\\\\";
                break;
            case '\t':
                escaped += "\\t";
                break;
            case '\n':
                escaped += "\\n";
                break;
            case '\r':
                escaped += "\\r";
                break;
            default:
                escaped += c;
        }
    }
    return escaped;
}

const char* type_name(ingest::CellType type) {
    switch (type) {
        case ingest::CellType::empty:
            return "empty";
        case ingest::CellType::text:
            return "text";
        case ingest::CellType::number:
            return "number";
        case ingest::CellType::boolean:
            return "boolean";
        case ingest::CellType::date:
            return "date";
        case ingest::CellType::error:
            return "error";
    }
    return "?";
}

}  // namespace

std::string dump_workbook_tsv(const std::string& xlsx_path) {
    auto book = ingest::XlsxWorkbook::open(xlsx_path);
    std::string out = "sheet\tcell\ttype\tvalue\tformat\n";
    for (const ingest::SheetInfo& info : book->sheets()) {
        if (!info.is_worksheet) continue;
        auto reader = book->open_sheet(info.name);
        ingest::Row row;
        while (reader->next(row)) {
            for (std::size_t c = 0; c < row.cells.size(); ++c) {
                const ingest::Cell& cell = row.cells[c];
                if (cell.type == ingest::CellType::empty) continue;
                out += escape_field(info.name) + '\t' + common::column_letters(static_cast<int>(c) + 1) +
                       std::to_string(row.line) + '\t' + type_name(cell.type) + '\t' + escape_field(cell.text) + '\t' +
                       escape_field(cell.format) + '\n';
            }
        }
    }
    return out;
}

}  // namespace pirpack::testing
