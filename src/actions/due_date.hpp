// Due dates as people write them in an action register: "2024-05-31", "31/05/2024", "May 2024",
// "Q4 23/24", "24/25", "mid-2024", "end of 2024", "H1 2024". Each phrase becomes the last day of
// the period it names, and the original text is kept beside it. Text it cannot read is flagged
// unreadable, never guessed.
//
//     auto due = read_due_date("Q4 23/24", 4);         // fiscal year starting in April
//     due.status == DueStatus::dated;
//     common::format_iso_date(*due.date) == "2024-03-31";
//     describe_due(due) == "2024-03-31 (Q4 23/24)";
//
// What is read (case, surrounding and repeated spaces, no-break spaces and en dashes ignored):
//   days        2024-05-31 (also with a time after it), 31/05/2024, 31/5/24 (two-digit years are
//               20YY before 70, POSIX's pivot), 31.05.2024, 31-05-2024, 31 May 2024, 31st May 2024,
//               31-May-24, 2024/05/31. Numeric dates are always day first (UK).
//   months      May 2024, Jan 2024, January 2024, Sept 2024, May-2024, Mar-24 (Excel's mmm-yy).
//               "May 24" is unreadable: it may be 24 May.
//   quarters    Q2 2024 (calendar, a four-digit year); Q4 23/24, Q1 2024/25, Q4 2023-24,
//               Q3 FY23/24, FY23/24 Q3 (fiscal, a split year).
//   halves      H1 2024, H2 2024 (calendar); H1 24/25 (fiscal).
//   years       2024 (calendar); 24/25, 2024/25, 2024-25, 2024/2025, FY 2024/25, FY24/25 (fiscal,
//               ending the day before the fiscal start month of its second year). "FY24" alone is
//               unreadable: forces label single fiscal years both ways.
//   seasons     Spring 2024 (Mar-May), Summer 2024 (Jun-Aug), Autumn/Fall 2024 (Sep-Nov),
//               Winter 2024/25 (Dec-Feb); "Winter 2024" is unreadable.
//   modifiers   "end of X", "end X", "by X", "by the end of X", "late X": the end of X (only "by"
//               goes with a single day). "mid-2024" is 30 June; "early 2025" is the end of its
//               first calendar quarter, 31 March (the earlier reading, so an action is never
//               shown as on time by our choice). "early May 2024" is the 10th, "mid-May 2024"
//               the 15th. early/mid with anything else (a quarter, a fiscal year) is unreadable.
//   blank       "", spaces, and a lone dash ("-", en or em dash), the usual "nothing here" mark.
//   N/A         "N/A", "n/a", "NA", "N.A.", "none", "not applicable".
// Anything else ("TBC", "ongoing", "Q5 2024", "23/25", "31/02/2024", "soon") is unreadable.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/date.hpp"

namespace pirpack::actions {

enum class DueStatus { blank, not_applicable, dated, unreadable };

// "blank", "not applicable", "dated", "unreadable".
std::string to_string(DueStatus status);

struct DueDate {
    std::string text;                  // as written, untouched
    std::optional<common::Date> date;  // set exactly when status is dated
    DueStatus status = DueStatus::blank;

    bool operator==(const DueDate&) const = default;
};

// `fiscal_year_start_month` is 1..12 (the programme's fiscal_year_start_month, April = 4); with
// any other value fiscal phrases are unreadable.
DueDate read_due_date(std::string_view text, int fiscal_year_start_month = 4);

// For a reader of the pack: "2024-03-31 (Q4 23/24)", "2024-05-31" when the text is that date,
// "no due date", "not applicable", "no usable due date (\"TBC\")".
std::string describe_due(const DueDate& due);

}  // namespace pirpack::actions
