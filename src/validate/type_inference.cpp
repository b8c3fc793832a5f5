#include "validate/type_inference.hpp"

#include <algorithm>
#include <cctype>

#include "validate/value_parser.hpp"

namespace pirpack::validate {

const std::vector<std::string>& candidate_date_formats() {
    static const std::vector<std::string> formats = {"%Y-%m-%d",    "%d/%m/%Y",          "%d-%m-%Y",
                                                     "%d.%m.%Y",    "%d %b %Y",          "%d-%b-%Y",
                                                     "%d-%b-%y",    "%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M",
                                                     "%Y-%m-%d %H:%M:%S"};
    return formats;
}

void ColumnProfile::add(const ingest::Cell& cell) {
    std::string_view text = trim(cell.text);
    if (cell.type == ingest::CellType::empty || text.empty()) return;
    ++non_empty_;
    if (example_.empty()) example_.assign(text);
    if (!too_many_distinct_ && std::find(distinct_.begin(), distinct_.end(), text) == distinct_.end()) {
        if (distinct_.size() < 12)
            distinct_.emplace_back(text);
        else
            too_many_distinct_ = true;
    }
    const auto& formats = candidate_date_formats();
    if (format_ok_.empty()) format_ok_.assign(formats.size(), true);
    switch (cell.type) {
        case ingest::CellType::number:
            all_boolean_ = false;
            all_date_ = false;
            if (cell.number != static_cast<double>(static_cast<long long>(cell.number))) all_integer_ = false;
            return;
        case ingest::CellType::boolean:
            all_integer_ = all_decimal_ = all_date_ = false;
            return;
        case ingest::CellType::date:
            all_integer_ = all_decimal_ = all_boolean_ = false;
            if (text.size() > 10) any_datetime_ = true;
            return;
        case ingest::CellType::error:
            return;  // says nothing about the column's type
        default:
            break;
    }
    if (all_integer_ && !parse_integer(text)) all_integer_ = false;
    if (all_decimal_ && !parse_decimal(text)) all_decimal_ = false;
    if (all_boolean_ && !parse_boolean(text)) all_boolean_ = false;
    if (all_date_) {
        // A column is a date column while at least one format has read every value so far.
        for (size_t f = 0; f < formats.size(); ++f) {
            if (!format_ok_[f]) continue;
            if (auto value = parse_datetime_with(text, formats[f])) {
                if (value->hour || value->minute || value->second) any_datetime_ = true;
            } else {
                format_ok_[f] = false;
            }
        }
        all_date_ = std::find(format_ok_.begin(), format_ok_.end(), true) != format_ok_.end();
        any_text_date_ = true;
    }
}

config::ColumnType ColumnProfile::inferred_type() const {
    if (non_empty_ == 0) return config::ColumnType::text;
    if (all_integer_) return config::ColumnType::integer;
    if (all_decimal_) return config::ColumnType::decimal;
    if (all_boolean_) return config::ColumnType::boolean;
    if (all_date_) return any_datetime_ ? config::ColumnType::datetime : config::ColumnType::date;
    return config::ColumnType::text;
}

std::string ColumnProfile::date_format() const {
    if (inferred_type() != config::ColumnType::date && inferred_type() != config::ColumnType::datetime) return {};
    if (!any_text_date_) return {};  // spreadsheet date cells need no format
    for (size_t f = 0; f < format_ok_.size(); ++f)
        if (format_ok_[f]) return candidate_date_formats()[f];
    return {};
}

std::string column_name_from_header(const std::string& header) {
    std::string name;
    for (char c : header) {
        if (std::isalnum(static_cast<unsigned char>(c)))
            name.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
        else if (!name.empty() && name.back() != '_')
            name.push_back('_');
    }
    while (!name.empty() && name.back() == '_') name.pop_back();
    if (name.empty() || !std::isalpha(static_cast<unsigned char>(name[0]))) name = "column_" + name;
    return name;
}

}  // namespace pirpack::validate
