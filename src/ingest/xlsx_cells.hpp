// Cell-level helpers for the XLSX reader: number format classification (is this a date?),
// Excel serials to ISO text, numbers in shortest round-trip form, the _xHHHH_ escapes of
// OOXML strings and A1 references. Plain functions on strings, so each is tested on its own.
#pragma once

#include "common/source_location.hpp"

#include <string>
#include <string_view>

namespace pirpack::ingest::xlsx {

// What a number format makes of a number.
enum class FormatKind {
    general,   // "General" or no format
    number,    // digits, percentages, currency, fractions, scientific
    date,      // has a day, month or year (possibly a time too): read as a date
    time,      // a time of day only (h:mm, h:mm:ss AM/PM, mm:ss)
    duration,  // elapsed time ([h]:mm:ss, [mm]:ss)
    text,      // "@"
};

// Classifies a format code by its first section (the one positive numbers use). Date and time
// letters count only outside quotes, brackets, backslash escapes and _x / *x padding; [h], [m]
// and [s] are elapsed time; "m" is minutes next to h or s and months otherwise.
FormatKind classify_format_code(std::string_view code);

// The built-in formats (numFmtId below 164 that a workbook need not define). The code is empty
// for ids whose code depends on the locale (27-36, 50-81) and for unknown ids.
std::string_view builtin_format_code(int id);
FormatKind builtin_format_kind(int id);

// Which day serial 0 (or 1) is.
enum class DateSystem {
    excel1900,  // serial 1 = 1900-01-01, with Excel's phantom 1900-02-29 at serial 60
    excel1904,  // serial 0 = 1904-01-01 (workbookPr date1904="1", old Mac Excel)
    iso1899,    // serial 0 = 1899-12-30 with no phantom day (Strict, dateCompatibility="0")
};

// Writes "YYYY-MM-DD", or "YYYY-MM-DDTHH:MM:SS" when the serial, rounded to the second, has a
// time of day. False (and `out` untouched) for a negative, non-finite or post-9999 serial.
// Serial 60 of the 1900 system is written as the day Excel shows, "1900-02-29", which is not a
// real date (a date parser downstream refuses it rather than silently shifting it).
bool format_serial_date(double serial, DateSystem system, std::string& out);

// An ISO 8601 value of a t="d" cell: "2021-01-01", "2021-01-01T10:10:10[.fff][Z|+hh:mm]" or a
// time "10:10:10". Writes the normalised text (date, date and time to the second, or time) and
// the serial in `system`. False when the text is none of these.
bool parse_iso_cell(std::string_view value, DateSystem system, std::string& text, double& serial);

// A number as XML writes it ("1", "0.1", "1.5E-3", " 2 "); false if it is not one.
bool parse_number(std::string_view text, double& out);

// Shortest text that reads back as the same double: "1" for 1.0, "0.1", "1e+20".
void format_number(double value, std::string& out);

// Decodes _xHHHH_ escapes (UTF-16 code units, surrogate pairs joined) in s[from..] in place;
// "_x005F_" is an escaped underscore, so "_x005F_x0041_" reads "_x0041_".
void decode_escapes(std::string& s, std::size_t from = 0);

// The most bytes of text one cell keeps. Excel itself stops at 32,767 characters, so only a
// damaged or hostile file has more; without a cap, one cell could hold a whole part in memory.
constexpr std::size_t kMaxCellBytes = 1 << 20;

// Appends `data` to s while s[from..] stays within `limit` bytes. When it would not, appends what
// fits, cut before any UTF-8 character it would split, and returns false.
bool append_within(std::string& s, std::size_t from, std::string_view data, std::size_t limit);

// Removes XML white space (space, tab, CR, LF) from both ends of s[from..].
void trim_xml_space(std::string& s, std::size_t from = 0);

// The 1-based column of an A1 reference ("AB12" -> 28) and its row (12, or 0 if absent);
// column 0 when the reference does not start with letters.
int column_from_reference(std::string_view reference, long* row = nullptr);

// "A", "Z", "AA" ... for messages: the one in common/source_location.hpp.
using common::column_letters;

}  // namespace pirpack::ingest::xlsx
