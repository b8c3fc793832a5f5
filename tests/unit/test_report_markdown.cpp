#include <boost/test/unit_test.hpp>

#include <regex>

#include "common/diagnostics.hpp"
#include "common/errors.hpp"
#include "report/markdown/markdown_report.hpp"
#include "report/model/figures.hpp"
#include "report/model/narrative.hpp"
#include "report_fixture.hpp"

using namespace pirpack;
using namespace pirpack::report;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::vector<ReportKpi> tag_kpis() {
    Report r = testing::report_fixture();
    return r.kpis;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(report_markdown)

BOOST_AUTO_TEST_CASE(inline_text_cannot_break_a_table_or_open_a_tag) {
    BOOST_TEST(markdown::escape_inline("a | b") == "a \\| b");
    BOOST_TEST(markdown::escape_inline("<script>x</script>") == "\\<script\\>x\\</script\\>");
    BOOST_TEST(markdown::escape_inline("use `rm`") == "use \\`rm\\`");
    BOOST_TEST(markdown::escape_inline("one\ntwo\r\nthree") == "one two three");
    BOOST_TEST(markdown::escape_inline("# not a heading") == "\\# not a heading");
    BOOST_TEST(markdown::escape_inline("=HYPERLINK(\"http://x\")") == "=HYPERLINK(\"http://x\")");
    BOOST_TEST(markdown::escape_inline("+1-2") == "+1-2");
    BOOST_TEST(markdown::escape_inline("- item") == "\\- item");
    BOOST_TEST(markdown::escape_inline("---") == "\\---");
    BOOST_TEST(markdown::escape_inline("0.1.0") == "0.1.0");
    BOOST_TEST(markdown::escape_inline("1. first") == "1\\. first");
    BOOST_TEST(markdown::escape_inline("OCC & IMU") == "OCC & IMU");
    BOOST_TEST(markdown::escape_inline("&lt;b&gt;") == "\\&lt;b\\&gt;");
    BOOST_TEST(markdown::escape_inline("*bold* _it_ [link](x) ~~s~~") == "\\*bold\\* \\_it\\_ \\[link\\](x) \\~\\~s\\~\\~");
    BOOST_TEST(markdown::escape_inline("patrol \xF0\x9F\x9A\x93") == "patrol \xF0\x9F\x9A\x93");
}

BOOST_AUTO_TEST_CASE(code_blocks_fence_past_any_backticks_inside) {
    BOOST_TEST(markdown::code_block("SELECT 1\n", "sql") == "```sql\nSELECT 1\n```");
    BOOST_TEST(markdown::code_block("a ```` b", "") == "`````\na ```` b\n`````");
}

BOOST_AUTO_TEST_CASE(tags_become_the_figures_the_tables_print) {
    common::DiagnosticList sink;
    std::string text = render_narrative_tags("Arrests were {{kpi.arrest_share.current}} against "
                                             "{{ kpi.arrest_share.baseline }}, {{kpi.arrest_share.change}}; "
                                             "target {{kpi.arrest_share.target}}, {{kpi.arrest_share.rag}}.",
                                             "n.md", tag_kpis(), sink);
    BOOST_TEST(sink.items().size() == 0u);
    BOOST_TEST(text == "Arrests were 13.5% against 19.0%, -5.5 pts; target 18.0%, Red.");
}

BOOST_AUTO_TEST_CASE(a_tag_naming_an_unknown_kpi_or_field_is_an_error_with_its_place) {
    common::DiagnosticList sink;
    std::string text = render_narrative_tags("first line\nsee {{kpi.arest_share.current}} and {{kpi.arrest_share.curent}}\n"
                                             "{{kpi.vacancies_by_lpa.current}} {{oops}} {{kpi.x",
                                             "narrative/01.md", tag_kpis(), sink);
    BOOST_REQUIRE(sink.items().size() == 5u);
    const auto& items = sink.items();
    BOOST_TEST(common::format_diagnostic(items[0]) ==
               "narrative/01.md:2:5: error: \"{{kpi.arest_share.current}}\" names KPI \"arest_share\", which the "
               "programme does not have\nhint: did you mean \"arrest_share\"?");
    BOOST_TEST(items[1].location.line == 2);
    BOOST_TEST(items[1].location.column == 37);
    BOOST_TEST(items[1].message == "\"{{kpi.arrest_share.curent}}\" asks for field \"curent\", which a KPI tag does not have");
    BOOST_TEST(items[2].location.line == 3);
    BOOST_TEST(contains(items[2].message, "whose figures are by scope (2 scopes)"));
    BOOST_TEST(items[3].message == "\"{{oops}}\" is not a KPI tag");
    BOOST_TEST(items[4].message == "a tag opened with {{ is not closed on the same line");
    // The text keeps the tags it could not fill; the run fails on the errors, never prints a blank.
    BOOST_TEST(contains(text, "{{kpi.arest_share.current}}"));
}

BOOST_AUTO_TEST_CASE(raw_html_in_narrative_is_made_inert_but_code_and_autolinks_stay) {
    BOOST_TEST(neutralise_raw_html("a <script>alert(1)</script> b") == "a &lt;script>alert(1)&lt;/script> b");
    BOOST_TEST(neutralise_raw_html("see <https://example.org> and 3 < 4") == "see <https://example.org> and 3 < 4");
    BOOST_TEST(neutralise_raw_html("code `<b>` here") == "code `<b>` here");
    BOOST_TEST(neutralise_raw_html("```\n<b>\n```\n<i>x</i>\n") == "```\n<b>\n```\n&lt;i>x&lt;/i>\n");
    BOOST_TEST(neutralise_raw_html("<!-- pirpack:chart x -->") == "&lt;!-- pirpack:chart x -->");
}

BOOST_AUTO_TEST_CASE(narrative_splits_at_level_two_headings_and_demotes_the_rest) {
    NarrativeDoc doc = split_narrative("n.md",
                                       "# Area\n\n## Summary of Change\n\nText.\n\n### Detail\n\nMore.\n\n"
                                       "## Residual Activity\n\n- item [A-1]\n\n```\n## not a heading\n```\n",
                                       2);
    BOOST_TEST(doc.title == "Area");
    BOOST_REQUIRE(doc.sections.size() == 2u);
    BOOST_TEST(doc.sections[0].heading == "Summary of Change");
    BOOST_TEST(doc.sections[0].line == 3);
    BOOST_TEST(doc.sections[0].markdown == "Text.\n\n##### Detail\n\nMore.\n");
    BOOST_TEST(doc.sections[1].heading == "Residual Activity");
    BOOST_TEST(doc.sections[1].markdown == "- item [A-1]\n\n```\n## not a heading\n```\n");
}

BOOST_AUTO_TEST_CASE(the_builtin_templates_parse_and_name_only_partials_that_exist) {
    BOOST_CHECK_NO_THROW(markdown::check_templates(markdown::builtin_templates()));
}

BOOST_AUTO_TEST_CASE(the_report_carries_hostile_text_literally_escaped) {
    Report r = testing::report_fixture();
    std::string text = markdown::render_markdown(r, markdown::builtin_templates(), false);
    BOOST_TEST(contains(text, "| A-02 | WS1 Local Policing Areas | Local Policing Areas | Fix \\| pipes \\<script\\>alert(1)\\</script\\> "
                              "=HYPERLINK(\"http://x\") +1-2 \\`code\\` second line \xF0\x9F\x9A\x93 |"));
    BOOST_TEST(contains(text, "# Test Programme \\<One\\> \\| Two\n"));
    BOOST_TEST(!std::regex_search(text, std::regex(R"([^\\]<script)")));
    BOOST_TEST(!contains(text, "pirpack:chart"));
    BOOST_TEST(contains(text, "| Arrests per 100 crimes | - | 19.0% | 13.5% | 18.0% | Red | -5.5 pts | significant (p = 0.003) |"));
    BOOST_TEST(contains(text, "| Sergeant vacancies | South \\| East | 1 | 1 | 0 | Amber | +0 | significant (p = 0.003) |"));
    BOOST_TEST(contains(text, "| [WS1 Local Policing Areas](#ws1-local-policing-areas) | 1 | 1 | 1 | 0 | 0 | 3 |"));
    BOOST_TEST(contains(text, "**overdue by 97 days**"));
    BOOST_TEST(contains(text, "```sql\nSELECT 100.0 * sum(x) / count(*) AS value\nFROM t\nWHERE d BETWEEN :from AND :to\n```"));
    BOOST_TEST(!contains(text, "\n\n\n"));
}

BOOST_AUTO_TEST_CASE(the_html_flavour_carries_chart_and_workstream_markers) {
    Report r = testing::report_fixture();
    std::string text = markdown::render_markdown(r, markdown::builtin_templates(), true);
    BOOST_TEST(contains(text, "<!-- pirpack:workstream WS1 -->\n\n## WS1 Local Policing Areas"));
    BOOST_TEST(contains(text, "<!-- pirpack:chart arrest_share -->"));
    BOOST_TEST(contains(text, "<!-- pirpack:chart theft_share -->"));
}

BOOST_AUTO_TEST_CASE(rendering_is_deterministic) {
    Report r = testing::report_fixture();
    BOOST_TEST(markdown::render_markdown(r, markdown::builtin_templates(), false) ==
               markdown::render_markdown(r, markdown::builtin_templates(), false));
}

BOOST_AUTO_TEST_SUITE_END()
