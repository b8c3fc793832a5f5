// Calendar dates as plain values, so no stage needs a library's date type in its interface.
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace pirpack::common {

// A proleptic Gregorian calendar date. Valid dates only: make one with make_date or parse_iso_date.
struct Date {
    int year = 1970;
    int month = 1;  // 1..12
    int day = 1;    // 1..31

    auto operator<=>(const Date&) const = default;
};

// Nullopt when the parts do not name a real day (31 February, month 13).
std::optional<Date> make_date(int year, int month, int day);

// "YYYY-MM-DD" only; anything else is nullopt.
std::optional<Date> parse_iso_date(std::string_view text);

std::string format_iso_date(const Date& date);

// Days since 1970-01-01 and back.
long days_since_epoch(const Date& date);
Date date_from_days(long days);

Date add_days(const Date& date, long days);
long days_between(const Date& from, const Date& to);  // to - from

// 0 = Monday ... 6 = Sunday.
int weekday(const Date& date);

int days_in_month(int year, int month);
Date last_day_of_month(int year, int month);

}  // namespace pirpack::common
