#include <boost/test/unit_test.hpp>
#include <string>
#include <string_view>

#include "report/html/html_report.hpp"
#include "report/html/svg_chart.hpp"
#include "report/markdown/markdown_report.hpp"
#include "report/model/figures.hpp"
#include "report_fixture.hpp"

using namespace pirpack;
using namespace pirpack::report;
using pirpack::report::html::render_html;

namespace {

std::size_t count_of(const std::string& haystack, std::string_view needle) {
    std::size_t n = 0;
    for (std::size_t at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) ++n;
    return n;
}

std::string lower(std::string s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

// What lies between <main> and </main>: the rendered Markdown.
std::string main_of(const std::string& html) {
    std::size_t from = html.find("<main>\n"), to = html.find("</main>");
    BOOST_REQUIRE(from != std::string::npos && to != std::string::npos);
    return html.substr(from + 7, to - from - 7);
}

// Escaped for a Markdown table cell as the Markdown renderer is asked to: \ | < and ` escaped,
// a line break as a space.
std::string escape_cell(std::string_view text) {
    std::string out;
    for (char c : text) {
        switch (c) {
            case '\\':
                out += "\\\\";
                break;
            case '|':
                out += "\\|";
                break;
            case '<':
                out += "&lt;";
                break;
            case '`':
                out += "\\`";
                break;
            case '\n':
                out += ' ';
                break;
            default:
                out += c;
        }
    }
    return out;
}

const std::string hostile_in_html =
    "Fix | pipes &lt;script&gt;alert(1)&lt;/script&gt; =HYPERLINK(&quot;http://x&quot;) +1-2 `code` second line "
    "\xF0\x9F\x9A\x93";

}  // namespace

BOOST_AUTO_TEST_SUITE(report_html)

BOOST_AUTO_TEST_CASE(page_is_one_self_contained_document) {
    Report r = testing::report_fixture();
    std::string html = render_html(r, "# Closure report\n\nHello.\n");
    BOOST_TEST(html.rfind("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n", 0) == 0u);
    BOOST_TEST(html.find("<title>Test Programme &lt;One&gt; | Two \xE2\x80\x94 closure report, June 2023</title>") !=
               std::string::npos);
    BOOST_TEST(main_of(html) == "<h1>Closure report</h1>\n<p>Hello.</p>\n");
    BOOST_TEST(count_of(html, "<style>") == 1u);
    BOOST_TEST(html.find("<link") == std::string::npos);
    BOOST_TEST(html.find("<script") == std::string::npos);
    BOOST_TEST(html.find("src=") == std::string::npos);
    BOOST_TEST(html.find("@import") == std::string::npos);
    BOOST_TEST(html.find("url(") == std::string::npos);
    BOOST_TEST(html.substr(html.size() - 16) == "</body>\n</html>\n");
}

BOOST_AUTO_TEST_CASE(raw_html_in_the_markdown_is_omitted) {
    Report r = testing::report_fixture();
    std::string md =
        "<script>alert(1)</script>\n\n"
        "Text <script>alert(2)</script> <img src=x onerror=alert(3)> inline.\n\n"
        "<div onclick=\"x()\">block</div>\n\n"
        "[link](javascript:alert(4))\n";
    std::string html = render_html(r, md);
    std::string body = lower(main_of(html));
    BOOST_TEST(body.find("<script") == std::string::npos);
    BOOST_TEST(body.find("<img") == std::string::npos);
    BOOST_TEST(body.find("<div") == std::string::npos);
    BOOST_TEST(body.find("javascript:") == std::string::npos);
    BOOST_TEST(main_of(html) ==
               "<!-- raw HTML omitted -->\n"
               "<p>Text <!-- raw HTML omitted -->alert(2)<!-- raw HTML omitted --> <!-- raw HTML omitted --> "
               "inline.</p>\n"
               "<!-- raw HTML omitted -->\n"
               "<p><a href=\"\">link</a></p>\n");
}

BOOST_AUTO_TEST_CASE(hostile_action_text_in_a_table_cell_comes_out_as_text) {
    Report r = testing::report_fixture();
    std::string md = "| ID | Action |\n|---|---|\n| A-02 | " + escape_cell(testing::hostile_action_text) + " |\n";
    std::string html = render_html(r, md);
    BOOST_TEST(main_of(html) ==
               "<div class=\"table-wrap\">\n<table>\n<thead>\n<tr>\n<th scope=\"col\" class=\"nowrap\">ID</th>\n"
               "<th scope=\"col\" class=\"nowrap\">Action</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n"
               "<td class=\"nowrap\">A-02</td>\n<td>" +
                   hostile_in_html + "</td>\n</tr>\n</tbody>\n</table>\n</div>\n");
}

BOOST_AUTO_TEST_CASE(the_markdown_renderers_escaping_round_trips_to_text) {
    Report r = testing::report_fixture();
    std::string md = "| Action |\n|---|\n| " + markdown::escape_inline(testing::hostile_action_text) + " |\n";
    std::string html = render_html(r, md);
    BOOST_TEST(html.find("<td>" + hostile_in_html + "</td>") != std::string::npos);
    BOOST_TEST(lower(main_of(html)).find("<script") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(rag_cells_are_coloured_and_numeric_columns_aligned) {
    Report r = testing::report_fixture();
    std::string md =
        "| KPI | RAG | Change |\n|---|---|--:|\n"
        "| a | Red | +1.0 pts |\n| b | **Amber** | -2 |\n| c | Green | 0 |\n| d | No data | - |\n"
        "| e | Redder | 1 |\n| f | red `x` | 1 |\n";
    std::string body = main_of(render_html(r, md));
    BOOST_TEST(body.find("<th scope=\"col\" class=\"right nowrap\">Change</th>") != std::string::npos);
    BOOST_TEST(body.find("<td class=\"rag rag-red nowrap\">Red</td>\n<td class=\"right nowrap\">+1.0 pts</td>") !=
               std::string::npos);
    BOOST_TEST(body.find("<td class=\"rag rag-amber nowrap\"><strong>Amber</strong></td>") != std::string::npos);
    BOOST_TEST(body.find("<td class=\"rag rag-green nowrap\">Green</td>") != std::string::npos);
    BOOST_TEST(body.find("<td class=\"rag rag-grey nowrap\">No data</td>") != std::string::npos);
    BOOST_TEST(body.find("<td class=\"nowrap\">Redder</td>") != std::string::npos);
    BOOST_TEST(body.find("<td>red <code>x</code></td>") != std::string::npos);
    BOOST_TEST(main_of(render_html(r, "| a |\n|---|\n| seventeen letters |\n")).find("<td>seventeen letters</td>") !=
               std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_table_with_blank_headings_has_no_header_row) {
    Report r = testing::report_fixture();
    BOOST_TEST(main_of(render_html(r, "| | |\n|---|---|\n| Period | June 2023 |\n")) ==
               "<div class=\"table-wrap\">\n<table>\n<tbody>\n<tr>\n<td class=\"nowrap\">Period</td>\n"
               "<td class=\"nowrap\">June 2023</td>\n</tr>\n"
               "</tbody>\n</table>\n</div>\n");
}

BOOST_AUTO_TEST_CASE(chart_marker_becomes_an_svg_named_for_the_kpi) {
    Report r = testing::report_fixture();
    std::string html = render_html(r, "## WS1\n\n<!-- pirpack:chart arrest_share -->\n\nAfter.\n");
    std::string body = main_of(html);
    BOOST_TEST(body.find("raw HTML omitted") == std::string::npos);
    BOOST_TEST(body.rfind("<h2>WS1</h2>\n<figure class=\"chart\">\n<svg xmlns=\"http://www.w3.org/2000/svg\"", 0) ==
               0u);
    BOOST_TEST(body.find("role=\"img\" aria-label=\"Arrests per 100 crimes: monthly trend\"") != std::string::npos);
    BOOST_TEST(body.find("<title>Arrests per 100 crimes: monthly trend</title>") != std::string::npos);
    BOOST_TEST(body.find("</svg>\n<figcaption>Arrests per 100 crimes by month (higher is better)</figcaption>\n"
                         "</figure>\n<p>After.</p>\n") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(unknown_or_malformed_markers_stay_omitted) {
    Report r = testing::report_fixture();
    std::string md =
        "<!-- pirpack:chart no_such_kpi -->\n\n"
        "<!-- pirpack:workstream WS9 -->\n\n"
        "<!-- pirpack:chart arrest_share extra -->\n\n"
        "<!-- pirpack:table arrest_share -->\n\n"
        "<!--pirpack:chart arrest_share-->\n";
    std::string body = main_of(render_html(r, md));
    std::string omitted;
    for (int i = 0; i < 5; ++i) omitted += "<!-- raw HTML omitted -->\n";
    BOOST_TEST(body == omitted);
    BOOST_TEST(body.find("pirpack") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(workstream_marker_makes_the_page_break_and_anchor) {
    Report r = testing::report_fixture();
    std::string md = "<!-- pirpack:workstream WS2 -->\n\n## WS2 Resolution Centres\n";
    BOOST_TEST(main_of(render_html(r, md)) ==
               "<div class=\"ws-break\" id=\"ws2-resolution-centres-front-counters\"></div>\n"
               "<h2>WS2 Resolution Centres</h2>\n");
    std::string html = render_html(r, md);
    BOOST_TEST(html.find(".ws-break { break-before: page; }") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(marking_is_on_every_printed_page) {
    Report r = testing::report_fixture();
    std::string html = render_html(r, "Text.\n");
    BOOST_TEST(html.find("<body>\n<div class=\"marking marking-top\">OFFICIAL - SENSITIVE</div>\n<main>") !=
               std::string::npos);
    BOOST_TEST(html.find("</main>\n<div class=\"marking marking-bottom\">OFFICIAL - SENSITIVE</div>\n</body>") !=
               std::string::npos);
    BOOST_TEST(html.find(".marking { position: fixed;") != std::string::npos);
    BOOST_TEST(html.find("@page { size: A4;") != std::string::npos);

    r.protective_marking = "OFFICIAL <b>&";
    html = render_html(r, "Text.\n");
    BOOST_TEST(html.find("<div class=\"marking marking-top\">OFFICIAL &lt;b&gt;&amp;</div>") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(same_inputs_give_the_same_bytes) {
    Report r = testing::report_fixture();
    std::string md = markdown::render_markdown(r, markdown::builtin_templates(), true);
    std::string first = render_html(r, md);
    std::string second = render_html(testing::report_fixture(), md);
    BOOST_TEST(first == second);
    // Every KPI of the fixture has its chart, and every workstream its page break.
    BOOST_TEST(count_of(first, "<figure class=\"chart\">") == 3u);
    BOOST_TEST(count_of(first, "<div class=\"ws-break\"") == 2u);
    BOOST_TEST(first.find("<td>" + hostile_in_html + "</td>") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(report_html)
BOOST_AUTO_TEST_SUITE(svg_chart)

BOOST_AUTO_TEST_CASE(ticks_target_and_go_live_are_drawn_with_fixed_decimals) {
    Report r = testing::report_fixture();
    std::string svg = html::render_kpi_chart(r.kpis[0], "2023-01-01");
    // Values 12.5..16.0 and the target 18.0: ticks every 2 points from 12 to 18.
    BOOST_TEST(svg.find(">12%</text>") != std::string::npos);
    BOOST_TEST(svg.find(">18%</text>") != std::string::npos);
    BOOST_TEST(svg.find(">20%</text>") == std::string::npos);
    BOOST_TEST(count_of(svg, "class=\"target\"") == 1u);
    BOOST_TEST(svg.find("<text x=\"30\" y=\"10\">Target: 18.0%</text>") != std::string::npos);
    // Go-live on the 1st: the left edge of January, the first month charted.
    BOOST_TEST(svg.find("<line class=\"go-live\" x1=\"64.0\"") != std::string::npos);
    BOOST_TEST(svg.find(">Go-live: 1 January 2023</text>") != std::string::npos);
    BOOST_TEST(svg.find(">Jan 2023</text>") != std::string::npos);
    BOOST_TEST(svg.find(">Baseline months: Jan 2022 to Dec 2022 (not in the chart)</text>") != std::string::npos);
    BOOST_TEST(svg.find("<rect class=\"baseline\"") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(baseline_period_is_shaded_on_the_month_axis) {
    Report r = testing::report_fixture();
    ReportKpi k = r.kpis[0];
    k.baseline_from = "2023-01-01";
    k.baseline_to = "2023-03-31";
    std::string svg = html::render_kpi_chart(k, "2023-04-01");
    // Six months over 556 units: the first three are 278 wide; go-live at the half.
    BOOST_TEST(svg.find("<rect class=\"baseline\" x=\"64.0\" y=\"30.0\" width=\"278.0\" height=\"200.0\"") !=
               std::string::npos);
    BOOST_TEST(svg.find("<line class=\"go-live\" x1=\"342.0\"") != std::string::npos);
    BOOST_TEST(svg.find(">Baseline months: Jan 2023 to Mar 2023</text>") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(missing_months_are_gaps_and_scopes_are_labelled) {
    Report r = testing::report_fixture();
    std::string svg = html::render_kpi_chart(r.kpis[1], "2023-01-01");
    BOOST_TEST(count_of(svg, "<g class=\"series\"") == 2u);
    BOOST_TEST(svg.find(">North</text>") != std::string::npos);
    BOOST_TEST(svg.find(">South | East</text>") != std::string::npos);
    // South | East has no April: its line is two pieces, and five dots.
    std::size_t south = svg.find("<g class=\"series\" fill=\"#D55E00\">");
    BOOST_REQUIRE(south != std::string::npos);
    std::string group = svg.substr(south, svg.find("</g>", south) - south);
    BOOST_TEST(count_of(group, "M") == 2u);
    BOOST_TEST(count_of(group, "<circle") == 5u);
}

BOOST_AUTO_TEST_CASE(neutral_kpi_has_no_target_and_text_is_escaped) {
    Report r = testing::report_fixture();
    ReportKpi k = r.kpis[2];
    k.title = "Theft <share> & \"more\"";
    k.scopes[0].scope = "<b>\x01";
    std::string svg = html::render_kpi_chart(k, "not a date");
    BOOST_TEST(svg.find("class=\"target\"") == std::string::npos);
    BOOST_TEST(svg.find("go-live") == std::string::npos);
    BOOST_TEST(svg.find("aria-label=\"Theft &lt;share&gt; &amp; &quot;more&quot;: monthly trend\"") !=
               std::string::npos);
    BOOST_TEST(svg.find(">&lt;b&gt;</text>") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(at_most_six_scopes_are_charted) {
    Report r = testing::report_fixture();
    ReportKpi k = r.kpis[1];
    while (k.scopes.size() < 8) {
        k.scopes.push_back(k.scopes[0]);
        k.scopes.back().scope = "Scope " + std::to_string(k.scopes.size());
    }
    std::string svg = html::render_kpi_chart(k, "2023-01-01");
    BOOST_TEST(count_of(svg, "<g class=\"series\"") == 6u);
    BOOST_TEST(svg.find(">2 more scopes are in the table, not charted</text>") != std::string::npos);
    BOOST_TEST(svg == html::render_kpi_chart(k, "2023-01-01"));
}

BOOST_AUTO_TEST_CASE(no_monthly_figures_is_said_not_drawn) {
    Report r = testing::report_fixture();
    ReportKpi k = r.kpis[0];
    k.scopes[0].monthly.clear();
    std::string svg = html::render_kpi_chart(k, "2023-01-01");
    BOOST_TEST(svg.find(">No monthly figures</text>") != std::string::npos);
    BOOST_TEST(svg.find("<path") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(xml_escaping_drops_controls_and_repairs_utf8) {
    BOOST_TEST(html::escape_xml("a<b>&\"c'\x01\x7F\td\n") == "a&lt;b&gt;&amp;&quot;c&#39;\td\n");
    BOOST_TEST(html::escape_xml("\xFF") == "\xEF\xBF\xBD");
}

BOOST_AUTO_TEST_SUITE_END()
BOOST_AUTO_TEST_SUITE_END()
