#include "report/model/figures.hpp"

#include <fmt/format.h>

#include <array>
#include <cmath>

namespace pirpack::report {

namespace {

const std::array<const char*, 12> month_names = {"January", "February", "March",     "April",   "May",      "June",
                                                 "July",    "August",   "September", "October", "November", "December"};

std::string unit_suffix(config::Unit unit) {
    switch (unit) {
        case config::Unit::percent: return "%";
        case config::Unit::count: return "";
        case config::Unit::rate_per_100: return " per 100";
        case config::Unit::ratio: return "";
        case config::Unit::days: return " days";
        case config::Unit::hours: return " hours";
        case config::Unit::fte: return " FTE";
    }
    return "";
}

}  // namespace

int unit_decimals(config::Unit unit) {
    switch (unit) {
        case config::Unit::count: return 0;
        case config::Unit::ratio: return 2;
        default: return 1;
    }
}

std::string unit_excel_format(config::Unit unit) {
    switch (unit) {
        case config::Unit::percent: return "0.0\"%\"";
        case config::Unit::count: return "#,##0";
        case config::Unit::ratio: return "0.00";
        case config::Unit::fte: return "#,##0.0";
        default: return "0.0";
    }
}

std::string format_number(double value, int decimals) {
    const double scale = std::pow(10.0, decimals);
    // Round half away from zero on the decimal value, nudged so that 0.125 written as
    // 0.12499999999 still rounds as a person would.
    double rounded = std::round(value * scale + (value >= 0 ? 1e-9 : -1e-9)) / scale;
    if (rounded == 0) rounded = 0;  // no "-0.0"
    std::string digits = fmt::format("{:.{}f}", std::fabs(rounded), decimals);
    std::string::size_type point = digits.find('.');
    std::string whole = digits.substr(0, point);
    std::string fraction = point == std::string::npos ? "" : digits.substr(point);
    std::string grouped;
    for (std::size_t i = 0; i < whole.size(); ++i) {
        if (i > 0 && (whole.size() - i) % 3 == 0) grouped += ',';
        grouped += whole[i];
    }
    return (rounded < 0 ? "-" : "") + grouped + fraction;
}

std::string format_value(config::Unit unit, std::optional<double> value) {
    if (!value) return "-";
    return format_number(*value, unit_decimals(unit)) + unit_suffix(unit);
}

std::string format_change(config::Unit unit, std::optional<double> change) {
    if (!change) return "-";
    std::string number = format_number(*change, unit_decimals(unit));
    if (number.front() != '-') number = "+" + number;
    if (unit == config::Unit::percent) return number + " pts";
    return number + unit_suffix(unit);
}

std::string format_relative_change(std::optional<double> fraction) {
    if (!fraction || !std::isfinite(*fraction)) return "-";
    std::string number = format_number(*fraction * 100.0, 1);
    if (number.front() != '-') number = "+" + number;
    return number + "%";
}

Figure value_figure(config::Unit unit, std::optional<double> value) {
    return Figure{value, format_value(unit, value), false};
}

Figure change_figure(config::Unit unit, std::optional<double> change) {
    return Figure{change, format_change(unit, change), false};
}

std::string month_label(const std::string& year_month) {
    if (year_month.size() < 7) return year_month;
    int month = std::stoi(year_month.substr(5, 2));
    if (month < 1 || month > 12) return year_month;
    return std::string(month_names[static_cast<std::size_t>(month - 1)]) + " " + year_month.substr(0, 4);
}

std::string date_label(const common::Date& date) {
    return std::to_string(date.day) + " " + month_names[static_cast<std::size_t>(date.month - 1)] + " " +
           std::to_string(date.year);
}

}  // namespace pirpack::report
