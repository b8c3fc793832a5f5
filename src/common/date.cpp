#include "common/date.hpp"

#include <chrono>
#include <charconv>
#include <cstdio>

namespace pirpack::common {

namespace chr = std::chrono;

namespace {

chr::year_month_day to_ymd(const Date& date) {
    return chr::year_month_day{chr::year{date.year}, chr::month{static_cast<unsigned>(date.month)},
                               chr::day{static_cast<unsigned>(date.day)}};
}

Date from_ymd(const chr::year_month_day& ymd) {
    return Date{static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
                static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

bool parse_digits(std::string_view text, int& out) {
    if (text.empty()) return false;
    for (char c : text)
        if (c < '0' || c > '9') return false;
    auto result = std::from_chars(text.data(), text.data() + text.size(), out);
    return result.ec == std::errc();
}

}  // namespace

std::optional<Date> make_date(int year, int month, int day) {
    if (month < 1 || month > 12 || day < 1) return std::nullopt;
    Date date{year, month, day};
    if (!to_ymd(date).ok()) return std::nullopt;
    return date;
}

std::optional<Date> parse_iso_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    int year = 0, month = 0, day = 0;
    if (!parse_digits(text.substr(0, 4), year) || !parse_digits(text.substr(5, 2), month) ||
        !parse_digits(text.substr(8, 2), day))
        return std::nullopt;
    return make_date(year, month, day);
}

std::string format_iso_date(const Date& date) {
    // Called once per date cell on load, so no printf.
    std::string text(10, '-');
    int year = date.year;
    for (int i = 3; i >= 0; --i, year /= 10) text[i] = static_cast<char>('0' + year % 10);
    text[5] = static_cast<char>('0' + date.month / 10);
    text[6] = static_cast<char>('0' + date.month % 10);
    text[8] = static_cast<char>('0' + date.day / 10);
    text[9] = static_cast<char>('0' + date.day % 10);
    return text;
}

long days_since_epoch(const Date& date) {
    return static_cast<long>(chr::sys_days{to_ymd(date)}.time_since_epoch().count());
}

Date date_from_days(long days) { return from_ymd(chr::year_month_day{chr::sys_days{chr::days{days}}}); }

Date add_days(const Date& date, long days) { return date_from_days(days_since_epoch(date) + days); }

long days_between(const Date& from, const Date& to) { return days_since_epoch(to) - days_since_epoch(from); }

int weekday(const Date& date) {
    // 1970-01-01 was a Thursday (3 when Monday is 0).
    long days = days_since_epoch(date);
    return static_cast<int>(((days % 7) + 7 + 3) % 7);
}

int days_in_month(int year, int month) {
    auto last = chr::year_month_day_last{chr::year{year} / chr::month{static_cast<unsigned>(month)} / chr::last};
    return static_cast<int>(static_cast<unsigned>(last.day()));
}

Date last_day_of_month(int year, int month) { return Date{year, month, days_in_month(year, month)}; }

}  // namespace pirpack::common
