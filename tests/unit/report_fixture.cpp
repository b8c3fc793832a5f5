#include "report_fixture.hpp"

#include "report/model/figures.hpp"

namespace pirpack::testing {

using namespace pirpack::report;

const char* const hostile_action_text =
    "Fix | pipes <script>alert(1)</script> =HYPERLINK(\"http://x\") +1-2 `code`\nsecond line \xF0\x9F\x9A\x93";

namespace {

ScopeRow scope_row(config::Unit unit, std::string scope, double baseline, double current, std::string rag,
                   std::vector<std::optional<double>> months, std::vector<std::string> month_rags) {
    ScopeRow row;
    row.scope = std::move(scope);
    row.baseline = value_figure(unit, baseline);
    row.current = value_figure(unit, current);
    row.matched = value_figure(unit, std::nullopt);
    row.change = change_figure(unit, current - baseline);
    row.relative_change = {(current - baseline) / baseline, format_relative_change((current - baseline) / baseline)};
    row.rag = std::move(rag);
    row.test = "two_proportion";
    row.p_value = 0.003;
    row.significant = true;
    row.significance = "significant (p = 0.003)";
    const char* names[] = {"2023-01", "2023-02", "2023-03", "2023-04", "2023-05", "2023-06"};
    for (std::size_t i = 0; i < months.size(); ++i)
        row.monthly.push_back({names[i], value_figure(unit, months[i]), month_rags.empty() ? "" : month_rags[i]});
    return row;
}

ReportKpi kpi(std::string id, std::string workstream, std::string title, config::Unit unit,
              config::Direction direction, std::optional<double> target, std::optional<double> amber) {
    ReportKpi k;
    k.id = std::move(id);
    k.workstream = std::move(workstream);
    k.title = std::move(title);
    k.description = "What " + k.title + " counts.";
    k.evidence = "Section 6: the review found it so.";
    k.unit = unit;
    k.unit_name = config::to_string(unit);
    k.excel_format = unit_excel_format(unit);
    k.decimals = unit_decimals(unit);
    k.direction = direction;
    k.direction_text = direction == config::Direction::higher_is_better  ? "higher is better"
                       : direction == config::Direction::lower_is_better ? "lower is better"
                                                                          : "neutral";
    k.target = value_figure(unit, target);
    k.amber = value_figure(unit, amber);
    k.current_window = "month";
    k.baseline_from = "2022-01-01";
    k.baseline_to = "2022-12-31";
    k.current_from = "2023-06-01";
    k.current_to = "2023-06-30";
    k.sql = "SELECT 100.0 * sum(x) / count(*) AS value\nFROM t\nWHERE d BETWEEN :from AND :to";
    k.definition_hash = "0123456789abcdef";
    return k;
}

}  // namespace

Report report_fixture() {
    Report r;
    r.title = "Test Programme <One> | Two";
    r.organisation = "Testshire Police";
    r.protective_marking = "OFFICIAL - SENSITIVE";
    r.description = "A programme for tests.";
    r.go_live = "2023-01-01";
    r.baseline_from = "2022-01-01";
    r.baseline_to = "2022-12-31";
    r.period = "2023-06";
    r.period_label = "June 2023";
    r.as_of = "2023-07-05";
    r.as_of_label = "5 July 2023";
    r.previous_period = "2023-05";
    r.previous_as_of = "2023-06-05";

    ReportKpi a = kpi("arrest_share", "WS1", "Arrests per 100 crimes", config::Unit::percent,
                      config::Direction::higher_is_better, 18, 15);
    a.scopes.push_back(scope_row(config::Unit::percent, "", 19.0, 13.5, "red",
                                 {12.5, 14.0, 13.0, 16.0, 15.5, 13.5}, {"red", "red", "red", "amber", "amber", "red"}));
    ReportKpi b = kpi("vacancies_by_lpa", "WS1", "Sergeant vacancies", config::Unit::count,
                      config::Direction::lower_is_better, 0, 1);
    b.scopes.push_back(scope_row(config::Unit::count, "North", 2, 0, "green", {2, 2, 1, 1, 0, 0},
                                 {"red", "red", "amber", "amber", "green", "green"}));
    b.scopes.push_back(scope_row(config::Unit::count, "South | East", 1, 1, "amber", {1, 1, 1, std::nullopt, 1, 1},
                                 {"amber", "amber", "amber", "grey", "amber", "amber"}));
    ReportKpi c = kpi("theft_share", "WS2", "Theft share of investigations", config::Unit::percent,
                      config::Direction::neutral, std::nullopt, std::nullopt);
    c.scopes.push_back(scope_row(config::Unit::percent, "", 50.3, 49.1, "", {50.0, 51.0, 49.5, 48.0, 50.5, 49.1}, {}));
    c.scopes.back().significant = false;
    c.scopes.back().p_value = 0.41;
    c.scopes.back().significance = "not significant (p = 0.41)";
    r.kpis = {a, b, c};

    ReportWorkstream ws1;
    ws1.id = "WS1";
    ws1.name = "Local Policing Areas";
    ws1.lead = "Ch Supt Local Policing";
    ws1.directorate = "Local Policing";
    ws1.go_live = "2023-01-01";
    ws1.baseline_from = "2022-01-01";
    ws1.baseline_to = "2022-12-31";
    ws1.anchor = "ws1-local-policing-areas";
    ws1.sheet = "WS1 Local Policing Areas";
    ws1.rag = {1, 1, 1, 0, 0};
    ws1.kpis = {0, 1};
    ws1.narrative.push_back({"01-lpa.md", "Local Policing Areas",
                             {{"Summary of Change", "Three areas replaced one command.\n", 3},
                              {"Review Summary", "Arrests fell to 13.5% in the month.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n", 7},
                              {"Residual Activity", "- Consider PA support [A-01]\n- Something nobody tracks\n", 14}}});
    ws1.actions = {0, 1};
    ReportWorkstream ws2;
    ws2.id = "WS2";
    ws2.name = "Resolution Centres & <Front> Counters";
    ws2.lead = "";
    ws2.directorate = "Local Policing";
    ws2.go_live = "2023-01-01";
    ws2.baseline_from = "2022-01-01";
    ws2.baseline_to = "2022-12-31";
    ws2.anchor = "ws2-resolution-centres-front-counters";
    ws2.sheet = "WS2 Resolution Centres & Front";
    ws2.rag = {0, 0, 0, 0, 1};
    ws2.kpis = {2};
    ws2.actions = {2};
    r.workstreams = {ws1, ws2};

    ReportAction a1{"A-01", "WS1", "Local Policing Areas", "Consider PA support for the Chief Inspectors.",
                    "Ch Supt Local Policing", "Q4 22/23", "2023-03-31", "", "Open", true, "2023-02-12", "",
                    97, false, 0, ""};
    ReportAction a2{"A-02", "WS1", "Local Policing Areas", hostile_action_text, "", "mid-2023", "2023-06-30", "",
                    "In progress", true, "", "=SUM(A1:A2)", 5, false, 0, ""};
    ReportAction a3{"A-03", "WS2", "Resolution Centres", "Review desk space.", "Digital Services", "soonish", "",
                    "no usable due date", "Done", false, "2023-06-01", "Desks moved.", std::nullopt, false, 0, ""};
    r.actions = {a1, a2, a3};
    r.untracked.push_back({"01-lpa.md", 16, "Something nobody tracks", ""});

    r.status_changes.push_back({"arrest_share", "Arrests per 100 crimes", "WS1", "", "amber", "red"});
    r.notable_changes.push_back({0, 0, false});
    r.definition_changes = {"theft_share"};

    ReportSource crime{"crime", "Recorded crime", {}, 0, 0, 0, "recorded_date", "2022-01-01", "2023-06-30"};
    crime.files.push_back({"crime_2023.xlsx", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                           123456, 1000, 998, 2});
    crime.rows_read = 1000;
    crime.rows_loaded = 998;
    crime.rows_rejected = 2;
    r.sources = {crime};
    r.rejects = {{"crime", "recorded_date", "not a date", 2}};
    r.rejects_total = 2;
    r.programme_file = "programme.toml";
    r.programme_sha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    r.versions = {{"pirpack", "0.1.0"}, {"cmark-gfm", "0.29.0"}};
    r.stages = {{"load crime", 0.25, 1000}, {"evaluate", 0.5, 3}};
    return r;
}

}  // namespace pirpack::testing
