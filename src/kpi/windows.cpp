#include "kpi/windows.hpp"

#include <cstdio>

namespace pirpack::kpi {

using common::add_days;
using common::days_between;
using common::last_day_of_month;

long Window::days() const { return days_between(from, to) + 1; }

Date fiscal_year_start(const Date& date, int start_month) {
    int year = date.month >= start_month ? date.year : date.year - 1;
    return Date{year, start_month, 1};
}

int fiscal_quarter(const Date& date, int start_month) {
    int months_in = (date.month - start_month + 12) % 12;
    return months_in / 3 + 1;
}

Date fiscal_quarter_start(const Date& date, int start_month) {
    int months_in = (date.month - start_month + 12) % 12;
    int first = date.month - months_in % 3;
    int year = date.year;
    if (first < 1) {
        first += 12;
        --year;
    }
    return Date{year, first, 1};
}

Date one_year_earlier(const Date& date) {
    int day = date.day;
    if (date.month == 2 && day == 29) day = 28;
    return Date{date.year - 1, date.month, day};
}

Date workstream_go_live(const config::ProgrammeInfo& programme, const config::Workstream& workstream) {
    return workstream.go_live.value_or(programme.go_live);
}

config::DateWindow workstream_baseline(const config::ProgrammeInfo& programme, const config::Workstream& workstream) {
    if (workstream.baseline) return *workstream.baseline;
    if (!workstream.go_live || *workstream.go_live == programme.go_live) return programme.baseline;
    long length = days_between(programme.baseline.from, programme.baseline.to);
    Date to = add_days(*workstream.go_live, -1);
    return {add_days(to, -length), to};
}

KpiWindows compute_windows(const config::ProgrammeInfo& programme, const config::Workstream& workstream,
                           config::CurrentWindow current, const Date& period, std::optional<Date> data_start) {
    KpiWindows windows;
    config::DateWindow baseline = workstream_baseline(programme, workstream);
    windows.baseline = {"baseline", baseline.from, baseline.to};
    const Date period_end = last_day_of_month(period.year, period.month);
    const Date month_start{period.year, period.month, 1};
    Date from = month_start;
    switch (current) {
        case config::CurrentWindow::month: break;
        case config::CurrentWindow::quarter: from = fiscal_quarter_start(period, programme.fiscal_year_start_month); break;
        case config::CurrentWindow::fiscal_ytd: from = fiscal_year_start(period, programme.fiscal_year_start_month); break;
        case config::CurrentWindow::since_go_live: from = workstream_go_live(programme, workstream); break;
    }
    windows.current = {"current", from, period_end};
    Date matched_from = one_year_earlier(windows.current.from);
    // The matched window ends on the same month end a year before (28 or 29 February alike).
    Date matched_to = last_day_of_month(period_end.year - 1, period_end.month);
    if (current == config::CurrentWindow::since_go_live) {
        // A year before "since go-live" is no like-for-like period; the baseline is the comparison.
    } else if (!data_start || !(matched_from < *data_start)) {
        windows.matched = Window{"matched", matched_from, matched_to};
    }
    for (Date month{baseline.from.year, baseline.from.month, 1}; !(period_end < month);) {
        char name[8];
        std::snprintf(name, sizeof name, "%04d-%02d", month.year, month.month);
        windows.monthly.push_back({name, month, last_day_of_month(month.year, month.month)});
        month = add_days(last_day_of_month(month.year, month.month), 1);
    }
    return windows;
}

}  // namespace pirpack::kpi
