#include "validate/column_mapping.hpp"

#include <cmath>
#include <cstdio>

#include "actions/status.hpp"
#include "common/errors.hpp"
#include "common/text.hpp"
#include "validate/value_parser.hpp"

namespace pirpack::validate {

namespace {

using config::ColumnType;

std::string quoted(std::string_view text) { return "\"" + std::string(text) + "\""; }

}  // namespace

std::string cut_for_reject(std::string_view value) {
    std::string valid = common::make_valid_utf8(value);
    if (valid.size() <= 80) return valid;
    size_t end = 80;
    while (end > 0 && (static_cast<unsigned char>(valid[end]) & 0xC0) == 0x80) --end;
    return valid.substr(0, end) + "...";
}

ColumnMapping::ColumnMapping(const config::Source& source, const ingest::Row& header, common::SourceLocation where)
    : source_(source), where_(std::move(where)) {
    std::vector<std::string> normalised;
    for (const auto& cell : header.cells) {
        header_text_.push_back(cell.text);
        normalised.push_back(common::normalise_header(cell.text));
    }
    for (const auto& column : source.columns) {
        std::vector<std::string> values;
        for (const auto& allowed : column.values) values.push_back(common::normalise_header(allowed));
        normalised_values_.push_back(std::move(values));
        int found = -1;
        for (const auto& wanted : column.headers) {
            std::string key = common::normalise_header(wanted);
            for (size_t i = 0; i < normalised.size() && found < 0; ++i)
                if (normalised[i] == key) found = static_cast<int>(i);
            if (found >= 0) break;
        }
        file_index_.push_back(found);
        if (found >= 0) continue;
        if (!column.required) {
            missing_.push_back(column.name);
            continue;
        }
        std::vector<std::string> shown;
        for (const auto& text : header_text_) shown.push_back(quoted(text));
        std::string nearest;
        for (const auto& wanted : column.headers)
            if (nearest.empty()) nearest = common::nearest_word(wanted, header_text_);
        common::SourceLocation at = where_;
        at.line = static_cast<int>(header.line);
        std::vector<std::string> wanted_quoted;
        for (const auto& wanted : column.headers) wanted_quoted.push_back(quoted(wanted));
        throw common::PirpackError(
            common::ErrorKind::input,
            "required column " + quoted(column.name) + " (header " + common::join_words(wanted_quoted) +
                ") is not in the file",
            at,
            "headers found: " + common::join_words(shown, " and ") +
                (nearest.empty() ? std::string()
                                 : "; the nearest is " + quoted(nearest) + ": add it to header for column " +
                                       quoted(column.name) + " in source " + quoted(source.name)));
    }
}

bool ColumnMapping::map_row(const ingest::Row& row, std::vector<Value>& values, Reject& reject) const {
    values.resize(source_.columns.size());
    auto fail = [&](int file_column, const std::string& column_name, std::string_view value, std::string reason) {
        reject.location = where_;
        reject.location.line = static_cast<int>(row.line);
        reject.location.column = file_column;
        reject.location.column_name = column_name;
        reject.value = cut_for_reject(value);
        reject.reason = std::move(reason);
        return false;
    };
    if (!row.problem.empty()) {
        std::string value;
        if (row.problem_column > 0 && static_cast<size_t>(row.problem_column) <= row.cells.size())
            value = row.cells[row.problem_column - 1].text;
        std::string name = row.problem_column > 0 && static_cast<size_t>(row.problem_column) <= header_text_.size()
                               ? header_text_[row.problem_column - 1]
                               : std::string();
        return fail(row.problem_column, name, value, row.problem);
    }
    for (size_t c = 0; c < source_.columns.size(); ++c) {
        const config::Column& column = source_.columns[c];
        Value& out = values[c];
        out.kind = Value::Kind::null;
        out.text.clear();
        int index = file_index_[c];
        const ingest::Cell* cell =
            index >= 0 && static_cast<size_t>(index) < row.cells.size() ? &row.cells[index] : nullptr;
        const int file_column = index + 1;
        const std::string& header = index >= 0 ? header_text_[index] : column.name;
        std::string_view text = cell ? trim(cell->text) : std::string_view();
        if (!cell || cell->type == ingest::CellType::empty || text.empty()) {
            if (column.required) return fail(file_column, header, "", "a value is required and the cell is empty");
            continue;
        }
        if (cell->type == ingest::CellType::error)
            return fail(file_column, header, cell->text, "the cell holds the spreadsheet error " + cell->text);
        const bool numeric_cell = cell->type == ingest::CellType::number || cell->type == ingest::CellType::boolean;
        switch (column.type) {
            case ColumnType::text:
                out.kind = Value::Kind::text;
                out.text.assign(text);
                break;
            case ColumnType::integer: {
                std::optional<long long> value;
                if (numeric_cell && std::floor(cell->number) == cell->number && std::fabs(cell->number) < 9.0e15)
                    value = static_cast<long long>(cell->number);
                else if (!numeric_cell)
                    value = parse_integer(text);
                if (!value) return fail(file_column, header, text, "cannot read " + quoted(text) + " as a whole number");
                out.kind = Value::Kind::integer;
                out.integer = *value;
                break;
            }
            case ColumnType::decimal: {
                std::optional<double> value = numeric_cell ? std::optional<double>(cell->number) : parse_decimal(text);
                if (!value) return fail(file_column, header, text, "cannot read " + quoted(text) + " as a number");
                out.kind = Value::Kind::real;
                out.real = *value;
                break;
            }
            case ColumnType::date:
            case ColumnType::datetime: {
                std::optional<DateTime> value;
                if (cell->type == ingest::CellType::number || cell->type == ingest::CellType::date) {
                    if (auto date = date_from_excel_serial(cell->number, uses_1904_dates)) {
                        double seconds = std::round((cell->number - std::floor(cell->number)) * 86400.0);
                        int s = static_cast<int>(seconds);
                        value = DateTime{*date, s / 3600, (s / 60) % 60, s % 60};
                        if (s >= 86400) value = DateTime{common::add_days(*date, 1)};
                    }
                    if (cell->type == ingest::CellType::date && !value) value = parse_datetime(text, {});
                } else {
                    value = parse_datetime(text, source_.date_formats);
                }
                if (!value)
                    return fail(file_column, header, text,
                                "cannot read " + quoted(text) + " as a " +
                                    (column.type == ColumnType::date ? "date" : "date and time") +
                                    " (date_formats: " + common::join_words(source_.date_formats, ", ") + ")");
                out.kind = Value::Kind::text;
                out.text = column.type == ColumnType::date ? common::format_iso_date(value->date) : format_datetime(*value);
                break;
            }
            case ColumnType::boolean: {
                std::optional<bool> value = numeric_cell && (cell->number == 0 || cell->number == 1)
                                                ? std::optional<bool>(cell->number == 1)
                                                : parse_boolean(text);
                if (!value)
                    return fail(file_column, header, text, "cannot read " + quoted(text) + " as yes or no");
                out.kind = Value::Kind::integer;
                out.integer = *value ? 1 : 0;
                break;
            }
            case ColumnType::status: {
                auto status = actions::read_status(text);
                if (!status)
                    return fail(file_column, header, text,
                                quoted(text) + " is not an action status; use " +
                                    common::join_words(actions::status_labels()));
                out.kind = Value::Kind::text;
                out.text = actions::to_string(*status);
                break;
            }
            case ColumnType::enumeration: {
                // Exact spelling first (nearly every cell); then ignoring case and spaces.
                const std::string* match = nullptr;
                for (const auto& allowed : column.values)
                    if (allowed == text) match = &allowed;
                if (!match) {
                    const std::string normal = common::normalise_header(text);
                    for (size_t v = 0; v < column.values.size() && !match; ++v)
                        if (normalised_values_[c][v] == normal) match = &column.values[v];
                }
                if (!match) {
                    std::vector<std::string> shown;
                    for (const auto& allowed : column.values) shown.push_back(quoted(allowed));
                    return fail(file_column, header, text,
                                quoted(text) + " is not one of " + common::join_words(shown));
                }
                out.kind = Value::Kind::text;
                out.text = *match;
                break;
            }
        }
    }
    return true;
}

}  // namespace pirpack::validate
