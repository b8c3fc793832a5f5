#include <boost/test/unit_test.hpp>

#include "kpi/disclosure.hpp"
#include "report/csv/rejects_csv.hpp"

using namespace pirpack;
using namespace pirpack::kpi;

namespace {

config::Kpi kpi_of(config::Unit unit) {
    config::Kpi kpi;
    kpi.id = "k";
    kpi.unit = unit;
    return kpi;
}

Measure count(double value) { return Measure{value, std::nullopt, std::nullopt, std::nullopt, false}; }

Measure share(double numerator, double denominator) {
    return Measure{100.0 * numerator / denominator, numerator, denominator, Interval{1, 2}, false};
}

ScopeResult scope(std::string name, Measure baseline, Measure current) {
    ScopeResult s;
    s.scope = std::move(name);
    s.baseline = baseline;
    s.current = current;
    s.change_vs_baseline = 1;
    s.relative_change_vs_baseline = 0.5;
    s.significance = {"two_proportion", 2.5, 0.01, true};
    return s;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(disclosure)

BOOST_AUTO_TEST_CASE(small_counts_and_small_bases_are_suppressed_with_what_derives_from_them) {
    config::Kpi counts = kpi_of(config::Unit::count), shares = kpi_of(config::Unit::percent);
    Evaluation evaluation;
    KpiResult a{&counts, "", {}, {scope("North", count(2), count(0)), scope("South", count(7), count(12)),
                                  scope("East", count(9), count(30))}};
    KpiResult b{&shares, "", {}, {scope("", share(1, 3), share(20, 40))}};
    evaluation.results = {a, b};
    DisclosureSummary summary = apply_disclosure_control(evaluation, 5);
    BOOST_TEST(summary.primary == 2);    // the count 2, and the share over 3
    BOOST_TEST(summary.secondary == 1);  // South's 7, the smallest other baseline, so a total cannot reveal North's
    const auto& north = evaluation.results[0].scopes[0];
    BOOST_TEST(north.baseline.suppressed);
    BOOST_TEST(!north.baseline.value.has_value());
    BOOST_TEST(!north.current.suppressed);  // 0 names nobody
    BOOST_TEST(*north.current.value == 0.0);
    BOOST_TEST(!north.change_vs_baseline.has_value());
    BOOST_TEST(north.significance.test.empty());
    BOOST_TEST(evaluation.results[0].scopes[1].baseline.suppressed);
    BOOST_TEST(!evaluation.results[0].scopes[2].baseline.suppressed);
    BOOST_TEST(*evaluation.results[0].scopes[2].baseline.value == 9.0);
    const auto& share_scope = evaluation.results[1].scopes[0];
    BOOST_TEST(share_scope.baseline.suppressed);
    BOOST_TEST(!share_scope.baseline.interval.has_value());
    BOOST_TEST(!share_scope.current.suppressed);
    BOOST_TEST(*share_scope.current.value == 50.0);
    // Raw counts never leave in a published pack.
    BOOST_TEST(!share_scope.current.numerator.has_value());
    BOOST_TEST(!share_scope.current.denominator.has_value());
}

BOOST_AUTO_TEST_CASE(a_threshold_of_zero_turns_it_off) {
    config::Kpi counts = kpi_of(config::Unit::count);
    Evaluation evaluation;
    evaluation.results = {KpiResult{&counts, "", {}, {scope("", count(2), count(1))}}};
    DisclosureSummary summary = apply_disclosure_control(evaluation, 0);
    BOOST_TEST(summary.primary == 0);
    BOOST_TEST(*evaluation.results[0].scopes[0].baseline.value == 2.0);
}

BOOST_AUTO_TEST_CASE(reasons_lose_the_value_they_quote) {
    BOOST_TEST(report::reason_without_value("cannot read \"31/02/2023\" as a date (date_formats: %d/%m/%Y)") ==
               "cannot read \"...\" as a date (date_formats: %d/%m/%Y)");
    BOOST_TEST(report::reason_without_value("\"Pending\" is not an action status; use \"Open\"") ==
               "\"...\" is not an action status; use \"Open\"");
    BOOST_TEST(report::reason_without_value("invalid UTF-8 at byte offset 486") == "invalid UTF-8");
    // A repeated key's value is cut, quotes and all, and so is where it was first loaded, which
    // would make every repeat a reason of its own.
    BOOST_TEST(report::reason_without_value(
                   "duplicate key (duty_date, staff_number) \"2023-04-01, A\"\"1\": already loaded from line 5 of d.csv") ==
               "duplicate key (duty_date, staff_number) \"...\"");
}

BOOST_AUTO_TEST_SUITE_END()
