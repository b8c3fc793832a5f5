#include "validate/value_parser.hpp"

#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace pirpack::validate {

namespace {

bool is_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

const std::array<const char*, 12> month_names = {"january", "february", "march",     "april",   "may",      "june",
                                                 "july",    "august",   "september", "october", "november", "december"};

bool equals_ignoring_case(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
            return false;
    return true;
}

// Reads up to `max_digits` digits (at least one) at `pos`.
bool read_number(std::string_view text, size_t& pos, int max_digits, int& out) {
    size_t start = pos;
    out = 0;
    while (pos < text.size() && pos - start < static_cast<size_t>(max_digits) &&
           std::isdigit(static_cast<unsigned char>(text[pos])))
        out = out * 10 + (text[pos++] - '0');
    return pos > start;
}

bool read_month_name(std::string_view text, size_t& pos, bool full, int& month) {
    for (int m = 0; m < 12; ++m) {
        std::string_view name = month_names[m];
        if (!full) name = name.substr(0, 3);
        if (pos + name.size() <= text.size() && equals_ignoring_case(text.substr(pos, name.size()), name)) {
            // "%b" also accepts the full name and "Sept", as people and systems write both.
            size_t end = pos + name.size();
            if (!full) {
                std::string_view whole = month_names[m];
                if (text.size() - pos >= whole.size() && equals_ignoring_case(text.substr(pos, whole.size()), whole))
                    end = pos + whole.size();
                else if (m == 8 && end < text.size() && std::tolower(static_cast<unsigned char>(text[end])) == 't')
                    ++end;
            }
            pos = end;
            month = m + 1;
            return true;
        }
    }
    return false;
}

// Matches the whole of `text` against one strftime-style format.
std::optional<DateTime> match_format(std::string_view text, std::string_view format) {
    int day = 0, month = 0, year = -1, hour = 0, minute = 0, second = 0;
    bool pm = false, am = false;
    size_t pos = 0;
    for (size_t f = 0; f < format.size(); ++f) {
        char fc = format[f];
        if (fc == '%' && f + 1 < format.size()) {
            char spec = format[++f];
            int value = 0;
            switch (spec) {
                case 'd':
                case 'e':
                    while (spec == 'e' && pos < text.size() && text[pos] == ' ') ++pos;
                    if (!read_number(text, pos, 2, day)) return std::nullopt;
                    break;
                case 'm':
                    if (!read_number(text, pos, 2, month)) return std::nullopt;
                    break;
                case 'Y': {
                    size_t start = pos;
                    if (!read_number(text, pos, 4, year) || pos - start != 4) return std::nullopt;
                    break;
                }
                case 'y':
                    if (!read_number(text, pos, 2, value)) return std::nullopt;
                    year = value < 70 ? 2000 + value : 1900 + value;  // POSIX's pivot
                    break;
                case 'b':
                case 'h':
                    if (!read_month_name(text, pos, false, month)) return std::nullopt;
                    break;
                case 'B':
                    if (!read_month_name(text, pos, true, month)) return std::nullopt;
                    break;
                case 'H':
                case 'I':
                    if (!read_number(text, pos, 2, hour)) return std::nullopt;
                    break;
                case 'M':
                    if (!read_number(text, pos, 2, minute)) return std::nullopt;
                    break;
                case 'S':
                    if (!read_number(text, pos, 2, second)) return std::nullopt;
                    break;
                case 'p':
                    if (pos + 2 <= text.size() && equals_ignoring_case(text.substr(pos, 2), "pm"))
                        pm = true;
                    else if (pos + 2 <= text.size() && equals_ignoring_case(text.substr(pos, 2), "am"))
                        am = true;
                    else
                        return std::nullopt;
                    pos += 2;
                    break;
                case '%':
                    if (pos >= text.size() || text[pos] != '%') return std::nullopt;
                    ++pos;
                    break;
                default:
                    return std::nullopt;
            }
        } else if (is_space(static_cast<unsigned char>(fc))) {
            while (pos < text.size() && is_space(static_cast<unsigned char>(text[pos]))) ++pos;
        } else {
            if (pos >= text.size() || text[pos] != fc) return std::nullopt;
            ++pos;
        }
    }
    if (pos != text.size() || year < 0) return std::nullopt;
    if (pm && hour < 12) hour += 12;
    if (am && hour == 12) hour = 0;
    if (hour > 23 || minute > 59 || second > 60) return std::nullopt;
    auto date = common::make_date(year, month, day);
    if (!date) return std::nullopt;
    return DateTime{*date, hour, minute, second};
}

std::optional<DateTime> parse_iso(std::string_view text) {
    if (text.size() < 10) return std::nullopt;
    auto date = common::parse_iso_date(text.substr(0, 10));
    if (!date) return std::nullopt;
    if (text.size() == 10) return DateTime{*date};
    if (text[10] != 'T' && text[10] != ' ') return std::nullopt;
    for (const char* format : {"%H:%M:%S", "%H:%M"}) {
        std::string rest(text.substr(11));
        // Fractions of a second and a trailing Z carry nothing a daily KPI needs.
        if (auto dot = rest.find('.'); dot != std::string::npos) rest.resize(dot);
        if (!rest.empty() && rest.back() == 'Z') rest.pop_back();
        std::string with_date = "2000-01-01 " + rest;
        if (auto time = match_format(with_date, std::string("%Y-%m-%d ") + format))
            return DateTime{*date, time->hour, time->minute, time->second};
    }
    return std::nullopt;
}

}  // namespace

std::string_view trim_slow(std::string_view text) {
    auto starts_with_nbsp = [](std::string_view t) { return t.size() >= 2 && t[0] == '\xC2' && t[1] == '\xA0'; };
    auto ends_with_nbsp = [](std::string_view t) {
        return t.size() >= 2 && t[t.size() - 2] == '\xC2' && t[t.size() - 1] == '\xA0';
    };
    for (;;) {
        if (!text.empty() && is_space(static_cast<unsigned char>(text.front())))
            text.remove_prefix(1);
        else if (starts_with_nbsp(text))
            text.remove_prefix(2);
        else
            break;
    }
    for (;;) {
        if (!text.empty() && is_space(static_cast<unsigned char>(text.back())))
            text.remove_suffix(1);
        else if (ends_with_nbsp(text))
            text.remove_suffix(2);
        else
            break;
    }
    return text;
}

std::optional<double> parse_decimal(std::string_view text) {
    text = trim(text);
    std::string digits;
    digits.reserve(text.size());
    bool negative = false, seen_digit = false, seen_point = false, seen_pound = false;
    int digits_since_comma = -1;  // -1: no comma yet
    for (size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '-' && !seen_digit && !negative) {
            negative = true;
        } else if (c == '+' && !seen_digit && !negative) {
        } else if (c == '\xC2' && i + 1 < text.size() && text[i + 1] == '\xA3' && !seen_digit && !seen_pound) {
            seen_pound = true;
            ++i;
        } else if (std::isdigit(static_cast<unsigned char>(c))) {
            digits.push_back(c);
            seen_digit = true;
            if (digits_since_comma >= 0 && !seen_point) ++digits_since_comma;
        } else if (c == ',' && seen_digit && !seen_point) {
            // A thousands separator must be followed by exactly three digits.
            if (digits_since_comma >= 0 && digits_since_comma != 3) return std::nullopt;
            digits_since_comma = 0;
        } else if (c == '.' && !seen_point) {
            if (digits_since_comma >= 0 && digits_since_comma != 3) return std::nullopt;
            seen_point = true;
            digits.push_back('.');
        } else if ((c == 'e' || c == 'E') && seen_digit && i + 1 < text.size()) {
            // Exponents, as Excel writes very large or small numbers into CSV.
            digits.push_back('e');
            if (text[i + 1] == '-' || text[i + 1] == '+') digits.push_back(text[++i]);
            seen_point = true;
        } else {
            return std::nullopt;
        }
    }
    if (!seen_digit) return std::nullopt;
    if (digits_since_comma >= 0 && !seen_point && digits_since_comma != 3) return std::nullopt;
    double value = 0;
    auto result = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (result.ec != std::errc() || result.ptr != digits.data() + digits.size() || !std::isfinite(value))
        return std::nullopt;
    return negative ? -value : value;
}

std::optional<long long> parse_integer(std::string_view text) {
    auto value = parse_decimal(text);
    if (!value || std::floor(*value) != *value || std::fabs(*value) > 9.0e15) return std::nullopt;
    if (trim(text).find("\xC2\xA3") != std::string_view::npos) return std::nullopt;
    return static_cast<long long>(*value);
}

std::optional<bool> parse_boolean(std::string_view text) {
    text = trim(text);
    for (const char* yes : {"y", "yes", "true", "t", "1"})
        if (equals_ignoring_case(text, yes)) return true;
    for (const char* no : {"n", "no", "false", "f", "0"})
        if (equals_ignoring_case(text, no)) return false;
    return std::nullopt;
}

std::optional<DateTime> parse_datetime(std::string_view text, const std::vector<std::string>& formats) {
    text = trim(text);
    for (const auto& format : formats)
        if (auto value = match_format(text, format)) return value;
    if (auto value = parse_iso(text)) return value;
    // A date format also reads a date followed by a time, as exports often append 00:00:00.
    for (const auto& format : formats)
        for (const char* time : {" %H:%M:%S", " %H:%M"})
            if (auto value = match_format(text, format + time)) return value;
    return std::nullopt;
}

std::optional<common::Date> parse_date(std::string_view text, const std::vector<std::string>& formats) {
    auto value = parse_datetime(text, formats);
    if (!value) return std::nullopt;
    return value->date;
}

std::optional<DateTime> parse_datetime_with(std::string_view text, std::string_view format) {
    return match_format(trim(text), format);
}

std::string format_datetime(const DateTime& value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%s %02d:%02d:%02d", common::format_iso_date(value.date).c_str(),
                  value.hour, value.minute, value.second);
    return buffer;
}

std::optional<common::Date> date_from_excel_serial(double serial, bool system_1904) {
    if (!std::isfinite(serial)) return std::nullopt;
    long days = static_cast<long>(std::floor(serial));
    // 1900 system: day 1 is 1900-01-01 and Excel counts a 29 February 1900 that never was, so
    // from day 61 (1900-03-01) on, serial - 25569 is days since 1970. Earlier serials are refused.
    long since_epoch = system_1904 ? days - 24107 : days - 25569;
    if (!system_1904 && days < 61) return std::nullopt;
    if (since_epoch > 2932896) return std::nullopt;  // after 9999-12-31
    return common::date_from_days(since_epoch);
}

}  // namespace pirpack::validate
