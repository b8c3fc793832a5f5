// Reading a cell as a source column's type, accepting what real exports write: "1,234.5" and
// "£1,234.50", UK and ISO dates, Excel serials, Y/N and Yes/No. Each parser returns nullopt
// when the text cannot be read, and never guesses.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/date.hpp"

namespace pirpack::validate {

// Surrounding spaces (including no-break spaces) removed.
std::string_view trim_slow(std::string_view text);
inline std::string_view trim(std::string_view text) {
    // Nearly every value starts and ends with a printable ASCII character: nothing to take off.
    if (!text.empty() && static_cast<unsigned char>(text.front()) - 0x21u < 0x5Eu &&
        static_cast<unsigned char>(text.back()) - 0x21u < 0x5Eu)
        return text;
    return trim_slow(text);
}

// Whole numbers: "42", "-7", "+3", "1,234"; a decimal with a zero fraction ("12.0") too.
std::optional<long long> parse_integer(std::string_view text);

// "1234.5", "1,234.5", "-£12.40", "£-12.40", "£1,234", "12%" is not accepted (percent is a unit
// the KPI owns, not the extract).
std::optional<double> parse_decimal(std::string_view text);

// "Y"/"N", "Yes"/"No", "TRUE"/"FALSE", "T"/"F", "1"/"0", any case.
std::optional<bool> parse_boolean(std::string_view text);

// A date by the first of `formats` that reads the whole text (strftime-style fields %d %e %m %b
// %B %y %Y %H %M %S %p %%, other characters literal, whitespace flexible); ISO YYYY-MM-DD and
// an ISO date-time's date part are always accepted.
std::optional<common::Date> parse_date(std::string_view text, const std::vector<std::string>& formats);

struct DateTime {
    common::Date date;
    int hour = 0, minute = 0, second = 0;
};

// As parse_date, but keeps the time of day (absent time is midnight). ISO "YYYY-MM-DDTHH:MM:SS"
// and "YYYY-MM-DD HH:MM[:SS]" are always accepted.
std::optional<DateTime> parse_datetime(std::string_view text, const std::vector<std::string>& formats);

// One format only, strictly: no ISO fallback and no trailing time.
std::optional<DateTime> parse_datetime_with(std::string_view text, std::string_view format);

std::string format_datetime(const DateTime& value);  // "YYYY-MM-DD HH:MM:SS"

// Excel serial day numbers (1900 system, with its phantom 29 February 1900; or the 1904
// system) to a date; nullopt outside 1900-03-01..9999-12-31.
std::optional<common::Date> date_from_excel_serial(double serial, bool system_1904 = false);

}  // namespace pirpack::validate
