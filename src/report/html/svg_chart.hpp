// The trend chart of one KPI, as inline SVG for the HTML closure report: each scope's monthly
// series as a line (at most max_chart_scopes, each with its own colour and dash so the chart
// still reads in greyscale), the target as a dashed line, the baseline period as a shaded band
// on the month axis, and a vertical go-live marker.
//
//     std::string svg = render_kpi_chart(kpi, workstream.go_live);
//     // "<svg xmlns=... role=\"img\" aria-label=\"Arrests per 100 crimes: monthly trend\">..."
//
// A month with no figure (absent, or suppressed by disclosure control) is a gap in its line,
// never a zero. Every number is written with fixed decimals and no locale, so the same KPI
// gives the same bytes.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "report/model/report_model.hpp"

namespace pirpack::report::html {

// More scopes than this and the chart draws the first ones and says how many it left out;
// the KPI table still has them all.
inline constexpr std::size_t max_chart_scopes = 6;

// The chart as one <svg> element (no XML declaration). `go_live` is the workstream's ISO
// go-live date; when it is not a date, or falls outside the charted months, no marker is
// drawn and the legend says so.
std::string render_kpi_chart(const ReportKpi& kpi, const std::string& go_live);

// Text escaped for XML and HTML content and attribute values (&, <, >, ", '), with control
// characters other than tab and line feed dropped and invalid UTF-8 replaced by U+FFFD.
std::string escape_xml(std::string_view text);

}  // namespace pirpack::report::html
