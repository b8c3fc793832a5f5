// How the pack writes a KPI's numbers: one rounding and one unit suffix per unit, used by every
// renderer and by narrative tags, so "52.7%" in a table and in a sentence are the same text.
//
//     format_value(config::Unit::percent, 52.6666)  -> "52.7%"
//     format_value(config::Unit::hours, 4.66)        -> "4.7 hours"
//     format_change(config::Unit::percent, -3.04)    -> "-3.0 pts"
//     format_value(config::Unit::count, 1075)        -> "1,075"
#pragma once

#include <optional>
#include <string>

#include "config/programme.hpp"
#include "report/model/report_model.hpp"

namespace pirpack::report {

// Decimal places every figure of a unit is rounded to.
int unit_decimals(config::Unit unit);

// Excel number format for a unit's values (percent values are 0-100, not fractions).
std::string unit_excel_format(config::Unit unit);

// A number rounded to `decimals` places (half away from zero) with thousands separators:
// 1234.5 -> "1,234.5". Negative zero prints as "0".
std::string format_number(double value, int decimals);

// A value with its unit, "-" when absent.
std::string format_value(config::Unit unit, std::optional<double> value);

// A difference in the KPI's unit, always signed: "+3.2 pts" for percent, "-12.0 days", "+0.05".
std::string format_change(config::Unit unit, std::optional<double> change);

// A relative change as a signed percentage: "+12.3%"; "-" when absent.
std::string format_relative_change(std::optional<double> fraction);

Figure value_figure(config::Unit unit, std::optional<double> value);
Figure change_figure(config::Unit unit, std::optional<double> change);

// "March 2024" for "2024-03"; "5 April 2024" for 2024-04-05.
std::string month_label(const std::string& year_month);
std::string date_label(const common::Date& date);

}  // namespace pirpack::report
