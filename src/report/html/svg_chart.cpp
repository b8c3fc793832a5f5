#include "report/html/svg_chart.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>
#include <vector>

#include "common/date.hpp"
#include "common/text.hpp"
#include "report/model/figures.hpp"

namespace pirpack::report::html {

namespace {

// Okabe-Ito colours (distinguishable with the common colour-vision deficiencies), each with its
// own dash pattern so the lines differ in greyscale print too.
constexpr std::array<const char*, max_chart_scopes> scope_colours = {"#0072B2", "#D55E00", "#009E73",
                                                                     "#CC79A7", "#E69F00", "#56B4E9"};
constexpr std::array<const char*, max_chart_scopes> scope_dashes = {"", "7 3", "2 2", "9 3 2 3", "4 4", "1 3"};

constexpr const char* month_abbreviations[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                               "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// Geometry, in SVG user units (the viewBox; the page scales it to its width).
constexpr double chart_width = 640;
constexpr double plot_left = 64;
constexpr double plot_right = 620;
constexpr double plot_top = 30;
constexpr double plot_bottom = 230;
constexpr double legend_top = 262;
constexpr double legend_row = 18;
constexpr double legend_column = 304;
constexpr std::size_t legend_chars = 44;       // fits half the width at 11px
constexpr std::size_t legend_wide_chars = 96;  // fits the whole width

// A month as a count of months since year 0, so months subtract.
std::optional<int> parse_month_index(std::string_view year_month) {
    if (year_month.size() < 7 || year_month[4] != '-') return std::nullopt;
    int year = 0, month = 0;
    for (int i = 0; i < 4; ++i) {
        if (year_month[i] < '0' || year_month[i] > '9') return std::nullopt;
        year = year * 10 + (year_month[i] - '0');
    }
    for (int i = 5; i < 7; ++i) {
        if (year_month[i] < '0' || year_month[i] > '9') return std::nullopt;
        month = month * 10 + (year_month[i] - '0');
    }
    if (month < 1 || month > 12) return std::nullopt;
    return year * 12 + month - 1;
}

std::string month_short_label(int index) { return fmt::format("{} {}", month_abbreviations[index % 12], index / 12); }

// Coordinates with one decimal: enough for a screen or a printer, and stable text.
std::string coord(double v) {
    std::string s = fmt::format("{:.1f}", v);
    if (s == "-0.0") s = "0.0";
    return s;
}

// At most `limit` code points, with an ellipsis when cut.
std::string shorten(const std::string& text, std::size_t limit) {
    std::size_t points = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
        if (points == limit - 1) {
            // Is there more than one code point left? Then cut here.
            std::size_t rest = 0;
            for (std::size_t j = i; j < text.size(); ++j)
                if ((static_cast<unsigned char>(text[j]) & 0xC0) != 0x80) ++rest;
            if (rest > 1) return text.substr(0, i) + "\xE2\x80\xA6";
            return text;
        }
        ++points;
    }
    return text;
}

// A round step (1, 2 or 5 times a power of ten) giving about `ticks` intervals over `span`,
// never finer than the KPI's rounding.
double nice_step(double span, int ticks, double min_step) {
    double raw = span / ticks;
    if (!(raw > 0)) return min_step;
    double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    double normal = raw / magnitude;
    double step = (normal <= 1 ? 1 : normal <= 2 ? 2 : normal <= 5 ? 5 : 10) * magnitude;
    return std::max(step, min_step);
}

int step_decimals(double step) {
    if (step >= 1) return 0;
    return static_cast<int>(std::ceil(-std::log10(step) - 1e-9));
}

std::string axis_title(config::Unit unit) {
    switch (unit) {
        case config::Unit::percent:
            return "Percent";
        case config::Unit::count:
            return "Count";
        case config::Unit::rate_per_100:
            return "Rate per 100";
        case config::Unit::ratio:
            return "Ratio";
        case config::Unit::days:
            return "Days";
        case config::Unit::hours:
            return "Hours";
        case config::Unit::fte:
            return "FTE";
    }
    return "";
}

struct Series {
    std::string label;
    std::vector<std::optional<double>> values;  // one per charted month
};

struct LegendEntry {
    std::string swatch;  // SVG drawn in a 24 x 12 box at the origin
    std::string text;
};

}  // namespace

std::string escape_xml(std::string_view text) {
    std::string valid = common::make_valid_utf8(text);
    std::string out;
    out.reserve(valid.size() + 16);
    for (char c : valid) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                if ((static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n') || c == 0x7F) break;
                out += c;
        }
    }
    return out;
}

std::string render_kpi_chart(const ReportKpi& kpi, const std::string& go_live) {
    const std::size_t charted = std::min(kpi.scopes.size(), max_chart_scopes);

    // The month axis: every month from the earliest to the latest charted point, so a month
    // missing from the series is a gap rather than two points drawn side by side.
    std::optional<int> first, last;
    for (std::size_t s = 0; s < charted; ++s)
        for (const MonthPoint& p : kpi.scopes[s].monthly)
            if (std::optional<int> m = parse_month_index(p.month)) {
                first = first ? std::min(*first, *m) : *m;
                last = last ? std::max(*last, *m) : *m;
            }
    const int months = first ? *last - *first + 1 : 0;

    std::vector<Series> series;
    bool has_range = false;
    double low = 0, high = 0;
    auto widen = [&](double v) {
        low = has_range ? std::min(low, v) : v;
        high = has_range ? std::max(high, v) : v;
        has_range = true;
    };
    for (std::size_t s = 0; s < charted; ++s) {
        Series line;
        line.label = kpi.scopes[s].scope.empty() ? "Monthly value" : kpi.scopes[s].scope;
        line.values.assign(static_cast<std::size_t>(months), std::nullopt);
        for (const MonthPoint& p : kpi.scopes[s].monthly) {
            std::optional<int> m = parse_month_index(p.month);
            if (!m || !p.value.value || p.value.suppressed || !std::isfinite(*p.value.value)) continue;
            line.values[static_cast<std::size_t>(*m - *first)] = p.value.value;
            widen(*p.value.value);
        }
        series.push_back(std::move(line));
    }
    const bool has_target = kpi.target.value && std::isfinite(*kpi.target.value);
    const double target = has_target ? *kpi.target.value : 0;
    if (has_target) widen(target);

    // The value axis: round ticks covering every point and the target.
    const double min_step = std::pow(10.0, -std::clamp(kpi.decimals, 0, 6));
    double y_low = 0, y_high = 1, step = 1;
    if (has_range) {
        double lo = low, hi = high;
        if (hi - lo < min_step) {
            double pad = std::max(std::fabs(lo) * 0.1, min_step);
            lo -= pad;
            hi += pad;
        }
        step = nice_step(hi - lo, 4, min_step);
        y_low = std::floor(lo / step + 1e-9) * step;
        y_high = std::ceil(hi / step - 1e-9) * step;
        if (y_high <= y_low) y_high = y_low + step;
        if (low >= 0 && y_low < 0) y_low = 0;
    }
    const int decimals = step_decimals(step);
    const bool percent = kpi.unit == config::Unit::percent;

    const double slot = months > 0 ? (plot_right - plot_left) / months : plot_right - plot_left;
    auto x_at = [&](double month_offset) { return plot_left + month_offset * slot; };
    auto y_at = [&](double v) { return plot_bottom - (v - y_low) / (y_high - y_low) * (plot_bottom - plot_top); };
    // Where a date falls on the month axis, as a month offset (the 1st is the month's left edge).
    auto date_offset = [&](const std::string& iso, bool end_of_day) -> std::optional<double> {
        std::optional<common::Date> d = common::parse_iso_date(iso);
        if (!d || !first) return std::nullopt;
        int index = d->year * 12 + d->month - 1;
        double day = end_of_day ? d->day : d->day - 1;
        return index - *first + day / common::days_in_month(d->year, d->month);
    };

    const std::string title = kpi.title + ": monthly trend";
    std::vector<LegendEntry> legend;
    std::string body;

    // Baseline period: shaded on the month axis, clipped to it.
    std::string baseline_note;
    {
        std::optional<double> from = date_offset(kpi.baseline_from, false);
        std::optional<double> to = date_offset(kpi.baseline_to, true);
        std::optional<common::Date> from_date = common::parse_iso_date(kpi.baseline_from);
        std::optional<common::Date> to_date = common::parse_iso_date(kpi.baseline_to);
        if (from_date && to_date) {
            std::string period = month_short_label(from_date->year * 12 + from_date->month - 1) + " to " +
                                 month_short_label(to_date->year * 12 + to_date->month - 1);
            double a = from ? std::clamp(*from, 0.0, static_cast<double>(months)) : 0;
            double b = to ? std::clamp(*to, 0.0, static_cast<double>(months)) : 0;
            if (from && to && b > a) {
                body += fmt::format(
                    "<rect class=\"baseline\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#E4E7EB\"/>\n",
                    coord(x_at(a)), coord(plot_top), coord(x_at(b) - x_at(a)), coord(plot_bottom - plot_top));
            } else {
                period += " (not in the chart)";
            }
            legend.push_back({"<rect x=\"0\" y=\"0\" width=\"24\" height=\"12\" fill=\"#E4E7EB\" stroke=\"#B0B6BE\"/>",
                              "Baseline months: " + period});
        }
    }

    // Grid and value ticks.
    const int tick_count = static_cast<int>(std::lround((y_high - y_low) / step));
    for (int i = 0; i <= tick_count; ++i) {
        double v = y_low + i * step;
        double y = y_at(v);
        body += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#D5D9DE\" stroke-width=\"1\"/>\n",
                            coord(plot_left), coord(y), coord(plot_right), coord(y));
        body += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}{}</text>\n", coord(plot_left - 6),
                            coord(y + 4), format_number(v, decimals), percent ? "%" : "");
    }
    body += fmt::format("<text x=\"{}\" y=\"{}\" class=\"axis-title\">{}</text>\n", coord(8), coord(plot_top - 14),
                        escape_xml(axis_title(kpi.unit)));

    // Month axis: a tick per month, a label every 1, 2, 3, 4, 6 or 12 months (calendar
    // aligned) so labels never overlap.
    body += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#555\" stroke-width=\"1\"/>\n",
                        coord(plot_left), coord(plot_bottom), coord(plot_right), coord(plot_bottom));
    body += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#555\" stroke-width=\"1\"/>\n",
                        coord(plot_left), coord(plot_top), coord(plot_left), coord(plot_bottom));
    if (months > 0) {
        int every = 12;
        for (int candidate : {1, 2, 3, 4, 6, 12})
            if (candidate * slot >= 58) {
                every = candidate;
                break;
            }
        for (int m = 0; m < months; ++m) {
            int index = *first + m;
            double x = x_at(m + 0.5);
            body += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#555\" stroke-width=\"1\"/>\n",
                                coord(x), coord(plot_bottom), coord(x), coord(plot_bottom + 4));
            if ((index % 12) % every == 0)
                body += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n", coord(x),
                                    coord(plot_bottom + 17), month_short_label(index));
        }
    } else {
        body += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">No monthly figures</text>\n",
                            coord((plot_left + plot_right) / 2), coord((plot_top + plot_bottom) / 2));
    }

    // Target.
    if (has_target) {
        double y = y_at(target);
        body += fmt::format(
            "<line class=\"target\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#222\" stroke-width=\"1.5\" "
            "stroke-dasharray=\"8 5\"/>\n",
            coord(plot_left), coord(y), coord(plot_right), coord(y));
        legend.push_back(
            {"<line x1=\"0\" y1=\"6\" x2=\"24\" y2=\"6\" stroke=\"#222\" stroke-width=\"1.5\" "
             "stroke-dasharray=\"8 5\"/>",
             "Target: " + kpi.target.text});
    }

    // Go-live.
    {
        std::optional<double> at = date_offset(go_live, false);
        std::optional<common::Date> date = common::parse_iso_date(go_live);
        if (date) {
            std::string text = "Go-live: " + date_label(*date);
            if (at && *at >= 0 && *at <= months) {
                double x = x_at(*at);
                body += fmt::format(
                    "<line class=\"go-live\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#6A3D9A\" "
                    "stroke-width=\"2\"/>\n",
                    coord(x), coord(plot_top - 4), coord(x), coord(plot_bottom));
                bool right_half = x > (plot_left + plot_right) / 2;
                body +=
                    fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"{}\" fill=\"#6A3D9A\">Go-live</text>\n",
                                coord(right_half ? x - 4 : x + 4), coord(plot_top + 8), right_half ? "end" : "start");
            } else {
                text += " (not in the chart)";
            }
            legend.push_back(
                {"<line x1=\"12\" y1=\"0\" x2=\"12\" y2=\"12\" stroke=\"#6A3D9A\" stroke-width=\"2\"/>", text});
        }
    }

    // The series, drawn last so they sit on top: one path per scope, broken at gaps, with a
    // dot on every month that has a figure (so a month between two gaps still shows).
    std::vector<LegendEntry> series_legend;
    for (std::size_t s = 0; s < series.size(); ++s) {
        const char* colour = scope_colours[s];
        std::string dash = scope_dashes[s][0] ? fmt::format(" stroke-dasharray=\"{}\"", scope_dashes[s]) : "";
        std::string path, dots;
        bool pen_down = false;
        for (int m = 0; m < months; ++m) {
            const std::optional<double>& v = series[s].values[static_cast<std::size_t>(m)];
            if (!v) {
                pen_down = false;
                continue;
            }
            std::string x = coord(x_at(m + 0.5)), y = coord(y_at(*v));
            path += fmt::format("{}{} {} ", pen_down ? "L" : "M", x, y);
            pen_down = true;
            dots += fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"2.5\"/>", x, y);
        }
        if (!path.empty()) path.pop_back();
        body += fmt::format("<g class=\"series\" fill=\"{}\">\n", colour);
        if (!path.empty())
            body +=
                fmt::format("<path d=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\"{}/>\n", path, colour, dash);
        if (!dots.empty()) body += dots + "\n";
        body += "</g>\n";
        series_legend.push_back(
            {fmt::format("<line x1=\"0\" y1=\"6\" x2=\"24\" y2=\"6\" stroke=\"{}\" stroke-width=\"2\"{}/>"
                         "<circle cx=\"12\" cy=\"6\" r=\"2.5\" fill=\"{}\"/>",
                         colour, dash, colour),
             series[s].label});
    }
    if (kpi.scopes.size() > charted)
        series_legend.push_back(
            {"", fmt::format("{} more scopes are in the table, not charted", kpi.scopes.size() - charted)});
    legend.insert(legend.begin(), series_legend.begin(), series_legend.end());

    // Two entries a row; an entry too long for half the width has a row to itself.
    std::string legend_svg;
    std::size_t row = 0, column = 0;
    for (const LegendEntry& entry : legend) {
        std::size_t points = 0;
        for (char c : entry.text)
            if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++points;
        const bool wide = points > legend_chars;
        if (wide && column == 1) {
            ++row;
            column = 0;
        }
        double x = 16 + column * legend_column;
        double y = legend_top + row * legend_row;
        legend_svg += fmt::format("<g transform=\"translate({} {})\">{}<text x=\"{}\" y=\"10\">{}</text></g>\n",
                                  coord(x), coord(y), entry.swatch, entry.swatch.empty() ? 0 : 30,
                                  escape_xml(shorten(entry.text, wide ? legend_wide_chars : legend_chars)));
        if (wide || column == 1) {
            ++row;
            column = 0;
        } else {
            column = 1;
        }
    }
    const std::size_t rows = row + (column == 1 ? 1 : 0);
    const double height = legend_top + rows * legend_row + 4;

    std::string escaped_title = escape_xml(title);
    std::string svg = fmt::format(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"kpi-chart\" viewBox=\"0 0 {} {}\" width=\"{}\" "
        "height=\"{}\" role=\"img\" aria-label=\"{}\" font-family=\"sans-serif\" font-size=\"11\" fill=\"#222\">\n"
        "<title>{}</title>\n",
        coord(chart_width), coord(height), coord(chart_width), coord(height), escaped_title, escaped_title);
    svg += body;
    svg += legend_svg;
    svg += "</svg>";
    return svg;
}

}  // namespace pirpack::report::html
