// The date windows a KPI is evaluated over: baseline before go-live, the current period, the
// same period a year earlier (so seasonality is not read as change), and every month for trends.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "config/programme.hpp"

namespace pirpack::kpi {

using common::Date;

struct Window {
    std::string name;  // "baseline", "current", "matched", or "2023-04" for a month
    Date from;
    Date to;           // inclusive
    long days() const;
};

struct KpiWindows {
    Window baseline;
    Window current;
    std::optional<Window> matched;  // absent when the data does not reach back that far
    std::vector<Window> monthly;    // each month from the baseline's start to the period
};

// The first day of the UK-style fiscal year containing `date`, for a year starting in
// `start_month` (4 = April).
Date fiscal_year_start(const Date& date, int start_month);

// The fiscal quarter (1-4) containing `date`, and the first day of that quarter.
int fiscal_quarter(const Date& date, int start_month);
Date fiscal_quarter_start(const Date& date, int start_month);

// The same day a year earlier; 29 February becomes 28 February.
Date one_year_earlier(const Date& date);

// The baseline of a workstream: its own if it has one; else, when it goes live on a different
// day from the programme, a window as long as the programme's ending the day before its go-live;
// else the programme's.
config::DateWindow workstream_baseline(const config::ProgrammeInfo& programme, const config::Workstream& workstream);
Date workstream_go_live(const config::ProgrammeInfo& programme, const config::Workstream& workstream);

// All windows for one KPI. `period` is any day of the report month. `current` is the KPI's
// choice (quarter and fiscal_ytd run to the end of the period month). `data_start`, when
// known, is the earliest day the extracts cover: the matched window is dropped if it starts
// before it.
KpiWindows compute_windows(const config::ProgrammeInfo& programme, const config::Workstream& workstream,
                           config::CurrentWindow current, const Date& period,
                           std::optional<Date> data_start = std::nullopt);

}  // namespace pirpack::kpi
