#include <boost/test/unit_test.hpp>

#include "report/model/build_report.hpp"
#include "report/model/figures.hpp"
#include "report_fixture.hpp"

using namespace pirpack;
using namespace pirpack::report;

BOOST_AUTO_TEST_SUITE(report_model)

BOOST_AUTO_TEST_CASE(values_carry_their_unit_and_rounding) {
    BOOST_TEST(format_value(config::Unit::percent, 52.6666) == "52.7%");
    BOOST_TEST(format_value(config::Unit::hours, 4.66) == "4.7 hours");
    BOOST_TEST(format_value(config::Unit::days, 173.0) == "173.0 days");
    BOOST_TEST(format_value(config::Unit::count, 1075.0) == "1,075");
    BOOST_TEST(format_value(config::Unit::count, 1234567.4) == "1,234,567");
    BOOST_TEST(format_value(config::Unit::ratio, 0.234) == "0.23");
    BOOST_TEST(format_value(config::Unit::rate_per_100, 13.45) == "13.5 per 100");
    BOOST_TEST(format_value(config::Unit::fte, 806.41) == "806.4 FTE");
    BOOST_TEST(format_value(config::Unit::percent, std::nullopt) == "-");
}

BOOST_AUTO_TEST_CASE(rounding_is_half_away_from_zero_and_never_negative_zero) {
    BOOST_TEST(format_number(0.125, 2) == "0.13");
    BOOST_TEST(format_number(-0.125, 2) == "-0.13");
    BOOST_TEST(format_number(-0.04, 1) == "0.0");
    BOOST_TEST(format_number(999.95, 1) == "1,000.0");
}

BOOST_AUTO_TEST_CASE(changes_are_signed) {
    BOOST_TEST(format_change(config::Unit::percent, -3.04) == "-3.0 pts");
    BOOST_TEST(format_change(config::Unit::percent, 2.0) == "+2.0 pts");
    BOOST_TEST(format_change(config::Unit::days, -12.0) == "-12.0 days");
    BOOST_TEST(format_change(config::Unit::ratio, 0.05) == "+0.05");
    BOOST_TEST(format_change(config::Unit::count, 0.0) == "+0");
    BOOST_TEST(format_relative_change(0.123) == "+12.3%");
    BOOST_TEST(format_relative_change(-0.5) == "-50.0%");
    BOOST_TEST(format_relative_change(std::nullopt) == "-");
}

BOOST_AUTO_TEST_CASE(labels_for_months_and_dates) {
    BOOST_TEST(month_label("2024-03") == "March 2024");
    BOOST_TEST(date_label(common::Date{2024, 4, 5}) == "5 April 2024");
    BOOST_TEST(unit_excel_format(config::Unit::percent) == "0.0\"%\"");
}

BOOST_AUTO_TEST_CASE(fixture_finds_by_id) {
    Report r = testing::report_fixture();
    BOOST_TEST(r.find_workstream("WS2")->name == "Resolution Centres & <Front> Counters");
    BOOST_TEST(r.find_kpi("theft_share")->unit_name == "percent");
    BOOST_TEST(r.find_kpi("nope") == nullptr);
}

BOOST_AUTO_TEST_CASE(sheet_names_follow_excels_rules_and_never_repeat) {
    std::vector<std::string> taken = {"Summary", "KPIs"};
    BOOST_TEST(report::sheet_name("WS1 Local Policing Areas", taken) == "WS1 Local Policing Areas");
    BOOST_TEST(report::sheet_name("ws1 local policing areas", taken) == "ws1 local policing areas (2)");
    BOOST_TEST(report::sheet_name("kpis", taken) == "kpis (2)");
    BOOST_TEST(report::sheet_name("History", taken) == "History (2)");  // reserved by Excel
    BOOST_TEST(report::sheet_name("'Q1/Q2: [a]*b?\\c", taken) == "Q1-Q2- -a--b--c");
    BOOST_TEST(report::sheet_name("WS10 System Updates (Origin and Niche)", taken) == "WS10 System Updates");
    BOOST_TEST(report::sheet_name("", taken) == "Sheet");
    BOOST_TEST(taken.size() == 9u);
}

BOOST_AUTO_TEST_SUITE_END()
