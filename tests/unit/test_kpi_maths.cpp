// Windows, RAG and the significance tests, against values worked by hand (shown in comments).
#include <boost/test/unit_test.hpp>
#include <map>

#include "kpi/engine.hpp"
#include "kpi/rag.hpp"
#include "kpi/statistics.hpp"
#include "kpi/windows.hpp"

using namespace pirpack;
using common::Date;
using common::format_iso_date;

namespace {

config::ProgrammeInfo programme() {
    config::ProgrammeInfo info;
    info.go_live = {2023, 4, 1};
    info.baseline = {{2022, 4, 1}, {2023, 3, 31}};
    info.fiscal_year_start_month = 4;
    return info;
}

std::string span(const kpi::Window& window) { return format_iso_date(window.from) + ".." + format_iso_date(window.to); }

config::Kpi kpi_with(config::Direction direction, std::optional<double> target, std::optional<double> amber) {
    config::Kpi kpi;
    kpi.direction = direction;
    kpi.target = target;
    kpi.amber = amber;
    return kpi;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(kpi_maths)

BOOST_AUTO_TEST_CASE(fiscal_years_and_quarters_start_in_april) {
    BOOST_TEST(format_iso_date(kpi::fiscal_year_start({2024, 3, 31}, 4)) == "2023-04-01");
    BOOST_TEST(format_iso_date(kpi::fiscal_year_start({2024, 4, 1}, 4)) == "2024-04-01");
    BOOST_TEST(format_iso_date(kpi::fiscal_year_start({2024, 3, 31}, 1)) == "2024-01-01");
    // Q1 April-June, Q2 July-September, Q3 October-December, Q4 January-March.
    BOOST_TEST(kpi::fiscal_quarter({2023, 4, 15}, 4) == 1);
    BOOST_TEST(kpi::fiscal_quarter({2023, 10, 1}, 4) == 3);
    BOOST_TEST(kpi::fiscal_quarter({2024, 3, 31}, 4) == 4);
    BOOST_TEST(format_iso_date(kpi::fiscal_quarter_start({2024, 2, 29}, 4)) == "2024-01-01");
    BOOST_TEST(format_iso_date(kpi::fiscal_quarter_start({2023, 12, 31}, 4)) == "2023-10-01");
    // A year starting in November: Q1 is November-January, so January 2024's quarter began in 2023.
    BOOST_TEST(format_iso_date(kpi::fiscal_quarter_start({2024, 1, 10}, 11)) == "2023-11-01");
    BOOST_TEST(format_iso_date(kpi::one_year_earlier({2024, 2, 29})) == "2023-02-28");
}

BOOST_AUTO_TEST_CASE(windows_for_a_month_in_a_leap_year) {
    config::Workstream roads;
    auto windows = kpi::compute_windows(programme(), roads, config::CurrentWindow::month, {2024, 2, 10});
    BOOST_TEST(span(windows.baseline) == "2022-04-01..2023-03-31");
    BOOST_TEST(span(windows.current) == "2024-02-01..2024-02-29");
    BOOST_TEST(windows.current.days() == 29);
    BOOST_REQUIRE(windows.matched.has_value());
    BOOST_TEST(span(*windows.matched) == "2023-02-01..2023-02-28");
    BOOST_TEST(windows.monthly.size() == 23u);  // April 2022 to February 2024
    BOOST_TEST(windows.monthly.front().name == "2022-04");
    BOOST_TEST(span(windows.monthly.back()) == "2024-02-01..2024-02-29");
}

BOOST_AUTO_TEST_CASE(quarter_ytd_and_since_go_live_run_to_the_period_end) {
    config::Workstream ws;
    auto quarter = kpi::compute_windows(programme(), ws, config::CurrentWindow::quarter, {2023, 11, 1});
    BOOST_TEST(span(quarter.current) == "2023-10-01..2023-11-30");
    BOOST_TEST(span(*quarter.matched) == "2022-10-01..2022-11-30");
    auto ytd = kpi::compute_windows(programme(), ws, config::CurrentWindow::fiscal_ytd, {2024, 1, 1});
    BOOST_TEST(span(ytd.current) == "2023-04-01..2024-01-31");
    auto since = kpi::compute_windows(programme(), ws, config::CurrentWindow::since_go_live, {2023, 10, 1});
    BOOST_TEST(span(since.current) == "2023-04-01..2023-10-31");
    BOOST_TEST(!since.matched.has_value());
}

BOOST_AUTO_TEST_CASE(matched_window_needs_data_that_far_back) {
    config::Workstream ws;
    auto covered = kpi::compute_windows(programme(), ws, config::CurrentWindow::month, {2023, 4, 1}, Date{2022, 4, 1});
    BOOST_REQUIRE(covered.matched.has_value());
    BOOST_TEST(span(*covered.matched) == "2022-04-01..2022-04-30");
    auto short_data = kpi::compute_windows(programme(), ws, config::CurrentWindow::month, {2023, 4, 1}, Date{2022, 4, 2});
    BOOST_TEST(!short_data.matched.has_value());
}

BOOST_AUTO_TEST_CASE(a_later_go_live_moves_the_workstream_baseline) {
    config::Workstream hub;
    hub.go_live = Date{2023, 11, 20};
    // As long as the programme's (364 days from from to to), ending the day before go-live.
    BOOST_TEST(format_iso_date(kpi::workstream_baseline(programme(), hub).from) == "2022-11-20");
    BOOST_TEST(format_iso_date(kpi::workstream_baseline(programme(), hub).to) == "2023-11-19");
    hub.baseline = config::DateWindow{{2023, 5, 1}, {2023, 10, 31}};
    auto windows = kpi::compute_windows(programme(), hub, config::CurrentWindow::since_go_live, {2024, 3, 1});
    BOOST_TEST(span(windows.baseline) == "2023-05-01..2023-10-31");
    BOOST_TEST(span(windows.current) == "2023-11-20..2024-03-31");
    BOOST_TEST(windows.monthly.front().name == "2023-05");
}

BOOST_AUTO_TEST_CASE(rag_at_and_around_the_boundaries) {
    using config::Direction;
    auto higher = kpi_with(Direction::higher_is_better, 95.0, 90.0);
    BOOST_TEST((kpi::judge_rag(95.0, higher) == kpi::Rag::green));
    BOOST_TEST((kpi::judge_rag(94.99, higher) == kpi::Rag::amber));
    BOOST_TEST((kpi::judge_rag(90.0, higher) == kpi::Rag::amber));
    BOOST_TEST((kpi::judge_rag(89.99, higher) == kpi::Rag::red));
    BOOST_TEST((kpi::judge_rag(std::nullopt, higher) == kpi::Rag::grey));
    auto lower = kpi_with(Direction::lower_is_better, 10.0, 12.5);
    BOOST_TEST((kpi::judge_rag(10.0, lower) == kpi::Rag::green));
    BOOST_TEST((kpi::judge_rag(10.01, lower) == kpi::Rag::amber));
    BOOST_TEST((kpi::judge_rag(12.5, lower) == kpi::Rag::amber));
    BOOST_TEST((kpi::judge_rag(12.51, lower) == kpi::Rag::red));
    auto no_amber = kpi_with(Direction::lower_is_better, 0.0, std::nullopt);
    BOOST_TEST((kpi::judge_rag(0.0, no_amber) == kpi::Rag::green));
    BOOST_TEST((kpi::judge_rag(1.0, no_amber) == kpi::Rag::red));
    auto neutral = kpi_with(Direction::neutral, std::nullopt, std::nullopt);
    BOOST_TEST((kpi::judge_rag(5.0, neutral) == kpi::Rag::none));
    BOOST_TEST((kpi::judge_rag(std::nullopt, neutral) == kpi::Rag::none));
}

// 53 of 100: p = 0.53, z = 1.959964, z^2 = 3.841459.
// denominator = 1 + 3.841459/100 = 1.0384146
// centre = (0.53 + 3.841459/200) / 1.0384146 = 0.5492073 / 1.0384146 = 0.5288902
// half = 1.959964 * sqrt(0.53*0.47/100 + 3.841459/40000) / 1.0384146
//      = 1.959964 * sqrt(0.002491 + 0.00009604) / 1.0384146 = 1.959964 * 0.0508629 / 1.0384146 = 0.0960016
// interval = 0.4328886 .. 0.6248918
BOOST_AUTO_TEST_CASE(wilson_interval_by_hand) {
    auto interval = kpi::wilson_interval(53, 100);
    BOOST_REQUIRE(interval.has_value());
    BOOST_TEST(interval->low == 0.4328886, boost::test_tools::tolerance(1e-6));
    BOOST_TEST(interval->high == 0.6248918, boost::test_tools::tolerance(1e-6));
    // 0 of 10: centre = (0 + 0.1920730)/1.3841459 = 0.1387664 = half, so 0 .. 0.2775328.
    auto none = kpi::wilson_interval(0, 10);
    BOOST_TEST(none->low == 0.0);
    BOOST_TEST(none->high == 0.2775328, boost::test_tools::tolerance(1e-6));
    BOOST_TEST(!kpi::wilson_interval(0, 0).has_value());
    // All of 62: the upper bound is exactly 1, not a rounding short of it.
    BOOST_TEST(kpi::wilson_interval(62, 62)->high == 1.0);
    BOOST_TEST(kpi::wilson_interval(62, 62)->low == 0.9416559, boost::test_tools::tolerance(1e-6));
}

// Baseline 960 of 1000 shifts at strength, current 900 of 1000.
// pooled p = 1860/2000 = 0.93; se = sqrt(0.93 * 0.07 * (2/1000)) = sqrt(0.0001302) = 0.0114105
// z = (0.90 - 0.96) / 0.0114105 = -5.258305; p = erfc(5.258305 / sqrt 2) = 1.4539e-7: significant.
// 50 of 100 against 55 of 100: pooled 0.525; se = sqrt(0.525*0.475*0.02) = 0.0706223;
// z = 0.05 / 0.0706223 = 0.707992; p = 0.47895: not significant.
BOOST_AUTO_TEST_CASE(two_proportion_test_by_hand) {
    auto drop = kpi::two_proportion_test(960, 1000, 900, 1000);
    BOOST_REQUIRE(drop.has_value());
    BOOST_TEST(drop->statistic == -5.258305, boost::test_tools::tolerance(1e-6));
    BOOST_TEST(drop->p_value == 1.4538938e-7, boost::test_tools::tolerance(1e-6));
    BOOST_TEST(drop->significant);
    auto noise = kpi::two_proportion_test(50, 100, 55, 100);
    BOOST_TEST(noise->statistic == 0.7079923, boost::test_tools::tolerance(1e-6));
    BOOST_TEST(noise->p_value == 0.4789500, boost::test_tools::tolerance(1e-6));
    BOOST_TEST(!noise->significant);
    BOOST_TEST(!kpi::two_proportion_test(0, 100, 0, 50).has_value());
    BOOST_TEST(!kpi::two_proportion_test(1, 0, 1, 10).has_value());
}

// 365 in the 365-day baseline (1 a day) against 40 in a 30-day month (1.333 a day):
// ln(1.333333) = 0.2876821; se = sqrt(1/365 + 1/40) = sqrt(0.0277397) = 0.1665526;
// z = 1.727276; p = 0.0841181: a third more a day, but not significant on one month.
BOOST_AUTO_TEST_CASE(rate_ratio_test_by_hand) {
    auto test = kpi::rate_ratio_test(365, 365, 40, 30);
    BOOST_REQUIRE(test.has_value());
    BOOST_TEST(test->statistic == 1.727276, boost::test_tools::tolerance(1e-6));
    BOOST_TEST(test->p_value == 0.0841181, boost::test_tools::tolerance(1e-5));
    BOOST_TEST(!test->significant);
    BOOST_TEST(!kpi::rate_ratio_test(0, 365, 4, 30).has_value());
}

BOOST_AUTO_TEST_CASE(kpis_over_the_most_rows_start_first) {
    config::Programme programme;
    for (auto [id, sources] : std::vector<std::pair<std::string, std::vector<std::string>>>{
             {"hr_a", {"hr"}}, {"duties_a", {"duties"}}, {"none", {}}, {"crime_a", {"crime"}},
             {"duties_hr", {"duties", "hr"}}, {"duties_b", {"duties"}}, {"unknown", {"gone"}}}) {
        config::Kpi kpi;
        kpi.id = id;
        kpi.sources_read = sources;
        programme.kpis.push_back(kpi);
    }
    const std::map<std::string, long> rows{{"hr", 2000}, {"duties", 1000000}, {"crime", 95000}};
    BOOST_TEST(kpi::evaluation_order(programme, rows) == (std::vector<std::size_t>{4, 1, 5, 3, 0, 2, 6}));
    BOOST_TEST(kpi::evaluation_order(programme, {}) == (std::vector<std::size_t>{0, 1, 2, 3, 4, 5, 6}));
}

BOOST_AUTO_TEST_SUITE_END()
