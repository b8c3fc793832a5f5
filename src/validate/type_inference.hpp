// Guessing a column's type from its values, so `pirpack inspect` can draft a source mapping.
#pragma once

#include <string>
#include <vector>

#include "config/programme.hpp"
#include "ingest/row.hpp"

namespace pirpack::validate {

// What one column looks like so far. Feed it every cell with add(), then read the guess.
class ColumnProfile {
public:
    void add(const ingest::Cell& cell);

    config::ColumnType inferred_type() const;
    std::string date_format() const;  // the format that read every date, for text dates
    long non_empty() const { return non_empty_; }
    const std::string& example() const { return example_; }
    const std::vector<std::string>& distinct_values() const { return distinct_; }  // up to 12

private:
    long non_empty_ = 0;
    bool all_integer_ = true, all_decimal_ = true, all_boolean_ = true, all_date_ = true, any_datetime_ = false;
    bool any_text_date_ = false;  // a date written as text, which needs a date format
    std::vector<bool> format_ok_;  // per candidate date format
    std::vector<std::string> distinct_;
    bool too_many_distinct_ = false;
    std::string example_;
};

// The date formats inspect tries on text dates, in order of preference.
const std::vector<std::string>& candidate_date_formats();

// A column name usable in SQL from a header: "Date Recorded" -> "date_recorded".
std::string column_name_from_header(const std::string& header);

}  // namespace pirpack::validate
