#include <boost/test/unit_test.hpp>

#include "config/programme_loader.hpp"

using namespace pirpack;

namespace {

const std::string valid_head = R"(
[programme]
name = "P"
organisation = "Force"
protective_marking = "OFFICIAL"
go_live = 2023-04-01
baseline = { from = 2022-04-01, to = 2023-03-31 }

[[workstream]]
id = "WS1"
name = "Local Policing Areas"

[[source]]
name = "crime"
path = "crime.csv"
[source.columns]
crime_id = { header = ["Crime Ref", "URN"], type = "text", key = true }
recorded = { header = "Date Recorded", type = "date", required = true }
)";

std::vector<std::string> errors_of(const std::string& text) {
    common::DiagnosticList diagnostics;
    auto programme = config::parse_programme(text, "p.toml", diagnostics);
    std::vector<std::string> out;
    for (const auto& d : diagnostics.items()) out.push_back(common::format_diagnostic(d));
    BOOST_TEST(programme.has_value() == out.empty());
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(programme_loader)

BOOST_AUTO_TEST_CASE(valid_file_fills_the_structs) {
    common::DiagnosticList diagnostics;
    auto programme = config::parse_programme(valid_head + R"(
[[kpi]]
id = "high_risk"
workstream = "WS1"
title = "High risk share"
unit = "percent"
direction = "lower_is_better"
target = 10
amber = 12.5
current = "fiscal_ytd"
sql = "SELECT 1 AS value FROM crime WHERE recorded BETWEEN :from AND :to"
)",
                                             "p.toml", diagnostics);
    BOOST_REQUIRE(programme.has_value());
    BOOST_TEST(diagnostics.items().empty());
    BOOST_TEST(programme->info.organisation == "Force");
    BOOST_TEST(common::format_iso_date(programme->info.baseline.to) == "2023-03-31");
    BOOST_TEST(programme->info.fiscal_year_start_month == 4);
    BOOST_REQUIRE(programme->sources.size() == 1u);
    const auto& source = programme->sources[0];
    BOOST_TEST(source.date_formats == std::vector<std::string>{"%Y-%m-%d"});
    BOOST_REQUIRE(source.columns.size() == 2u);
    BOOST_TEST(source.columns[0].name == "crime_id");
    BOOST_TEST(source.columns[0].headers == (std::vector<std::string>{"Crime Ref", "URN"}));
    BOOST_TEST(source.columns[0].key);
    BOOST_TEST((source.columns[1].type == config::ColumnType::date));
    BOOST_REQUIRE(programme->kpis.size() == 1u);
    const auto& kpi = programme->kpis[0];
    BOOST_TEST(*kpi.target == 10.0);
    BOOST_TEST(*kpi.amber == 12.5);
    BOOST_TEST((kpi.direction == config::Direction::lower_is_better));
    BOOST_TEST((*kpi.current == config::CurrentWindow::fiscal_ytd));
    BOOST_TEST(kpi.location.line == 20);
    BOOST_TEST(kpi.sql_location.line == 29);
}

BOOST_AUTO_TEST_CASE(toml_syntax_error_is_located) {
    auto errors = errors_of("[programme]\nname = \"unterminated\n");
    BOOST_REQUIRE(errors.size() == 1u);
    BOOST_TEST(errors[0].rfind("p.toml:2:", 0) == 0u);
    BOOST_TEST(errors[0].find("error: not valid TOML") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(amber_must_sit_on_the_worse_side_of_target) {
    auto errors = errors_of(valid_head + R"(
[[kpi]]
id = "k"
workstream = "WS1"
title = "T"
unit = "days"
direction = "lower_is_better"
target = 10
amber = 8
sql = "SELECT 1 AS value FROM crime"
)");
    BOOST_REQUIRE(errors.size() == 1u);
    BOOST_TEST(errors[0] ==
               "p.toml:27:9: error: amber (8) is on the wrong side of target (10) for a KPI where lower is better\n"
               "hint: amber is the threshold below green, so it must be at or above the target");
}

BOOST_AUTO_TEST_CASE(kpi_sql_may_only_read) {
    auto errors = errors_of(valid_head + R"(
[[kpi]]
id = "k"
workstream = "WS1"
title = "T"
unit = "count"
direction = "neutral"
sql = "ATTACH '/tmp/elsewhere.db' AS x; VACUUM INTO '/tmp/copy.db'; SELECT replace(crime_id, 'a', 'b') AS value FROM crime"
)");
    BOOST_REQUIRE(errors.size() == 2u);
    BOOST_TEST(errors[0] == "p.toml:26:7: error: the sql of [[kpi]] \"k\" uses ATTACH, but KPI SQL may only read\n"
                            "hint: write one SELECT (a WITH ... SELECT is fine) returning a column named value");
    BOOST_TEST(errors[1].find("uses VACUUM, but KPI SQL may only read") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(non_neutral_kpi_needs_a_target) {
    auto errors = errors_of(valid_head + R"(
[[kpi]]
id = "k"
workstream = "WS1"
title = "T"
unit = "count"
direction = "higher_is_better"
sql = "SELECT 1 AS value FROM crime"
)");
    BOOST_REQUIRE(errors.size() == 1u);
    BOOST_TEST(errors[0] == "p.toml:20:1: error: missing required key \"target\" in [[kpi]] \"k\"\nhint: add target = ...");
}

BOOST_AUTO_TEST_CASE(workstream_baseline_must_end_before_its_go_live) {
    auto errors = errors_of(valid_head + R"(
[[workstream]]
id = "WS8"
name = "Prevention Hub"
go_live = 2023-11-20
baseline = { from = 2022-11-20, to = 2023-12-01 }
)");
    BOOST_REQUIRE(errors.size() == 1u);
    BOOST_TEST(errors[0] ==
               "p.toml:24:12: error: the baseline of [[workstream]] \"WS8\" must end before its go-live (2023-11-20), "
               "but it ends 2023-12-01\nhint: end it on 2023-11-19 or earlier");
}

BOOST_AUTO_TEST_CASE(sql_with_cte_cast_and_strings_is_accepted) {
    auto errors = errors_of(valid_head + R"(
[[kpi]]
id = "k"
workstream = "WS1"
title = "T"
unit = "count"
direction = "neutral"
sql = """
WITH w AS (SELECT * FROM crime WHERE recorded BETWEEN :from AND :to)
SELECT COUNT(*)::integer AS value, 'from nowhere :x' AS note
FROM w JOIN crime c ON c.crime_id = w.crime_id -- from somewhere :y
"""
)");
    BOOST_TEST(errors.empty());
    common::DiagnosticList diagnostics;
    auto programme = config::parse_programme(valid_head + R"(
[[kpi]]
id = "k"
workstream = "WS1"
title = "T"
unit = "count"
direction = "neutral"
sql = """
WITH w AS (SELECT * FROM CRIME WHERE recorded BETWEEN :from AND :to)
SELECT COUNT(*) AS value, 'from hr' AS note FROM w JOIN crime c ON c.crime_id = w.crime_id
"""
)", "p.toml", diagnostics);
    BOOST_REQUIRE(programme.has_value());
    BOOST_TEST(programme->kpis[0].sources_read == std::vector<std::string>{"crime"});  // once, not w, not in quotes
}

BOOST_AUTO_TEST_CASE(legacy_xls_and_missing_columns_are_refused) {
    auto errors = errors_of(R"(
[programme]
name = "P"
organisation = "Force"
protective_marking = "OFFICIAL"
go_live = 2023-04-01
baseline = { from = 2022-04-01, to = 2023-04-01 }

[[source]]
name = "Crime Data"
path = "crime.xls"
)");
    BOOST_REQUIRE(errors.size() == 4u);
    BOOST_TEST(errors[0] == "p.toml:7:12: error: the baseline must end before go-live (2023-04-01), but it ends 2023-04-01\n"
                            "hint: end the baseline on 2023-03-31 or earlier");
    BOOST_TEST(errors[1] == "p.toml:9:1: error: missing required key \"columns\" in [[source]] \"Crime Data\"\n"
                            "hint: add columns = ...");
    BOOST_TEST(errors[2].rfind("p.toml:10:8: error: source name \"Crime Data\" is not a usable table name", 0) == 0u);
    BOOST_TEST(errors[3] == "p.toml:11:8: error: legacy .xls workbooks cannot be read\n"
                            "hint: save the file as .xlsx (Excel Workbook) or .csv and point path at that");
}

BOOST_AUTO_TEST_SUITE_END()
