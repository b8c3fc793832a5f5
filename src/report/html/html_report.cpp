#include "report/html/html_report.hpp"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

#include <memory>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <vector>

#include "report/html/svg_chart.hpp"

namespace pirpack::report::html {

namespace {

// The page's only style sheet. Screen: one readable column; print: A4 with the marking on
// every page. The .marking elements are position: fixed, which Chromium and Firefox repeat on
// each printed page inside the page area; the body's padding, cloned on every page by
// box-decoration-break, keeps that strip free so the marking never covers a line. (A plain
// fixed element does cover the first and last lines; negative offsets into the @page margin
// land on the wrong page.) The page number is an @page margin box, where supported.
constexpr const char* style_sheet = R"css(
:root { color-scheme: light; }
html { font-family: "Segoe UI", "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans", sans-serif;
  font-size: 16px; line-height: 1.5; color: #1b1f24; background: #fff; }
body { margin: 0; }
main { max-width: 60em; margin: 0 auto; padding: 1.5em 1.5em 2em; }
h1, h2, h3, h4 { line-height: 1.25; color: #12294a; }
h1 { font-size: 1.9em; margin: .4em 0 .6em; }
h2 { font-size: 1.45em; margin: 1.8em 0 .6em; padding-bottom: .2em; border-bottom: 2px solid #1d4f91; }
h3 { font-size: 1.15em; margin: 1.4em 0 .4em; }
h4 { font-size: 1em; margin: 1.2em 0 .3em; }
p, ul, ol { margin: .5em 0 .8em; }
a { color: #1d4f91; }
code { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: .88em; background: #f1f3f5;
  padding: 0 .2em; border-radius: 2px; }
pre { font-size: .9em; background: #f6f7f9; border: 1px solid #d5d9de; padding: .6em .8em;
  white-space: pre-wrap; overflow-wrap: anywhere; }
pre code { background: none; padding: 0; }
blockquote { margin: .8em 0; padding: .1em 1em; border-left: 4px solid #c5ccd5; color: #3d4650; }
hr { border: 0; border-top: 1px solid #c5ccd5; margin: 1.5em 0; }
.table-wrap { overflow-x: auto; margin: .8em 0 1.2em; }
table { border-collapse: collapse; font-size: .9em; }
th, td { border: 1px solid #b4bcc6; padding: .3em .55em; text-align: left; vertical-align: top;
  overflow-wrap: break-word; }
thead th { background: #dde4ec; font-weight: 600; vertical-align: bottom; }
tbody tr:nth-child(even) { background: #f2f4f7; }
th.right, td.right { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
th.center, td.center { text-align: center; }
th.nowrap, td.nowrap { white-space: nowrap; }
td.rag, th.rag { font-weight: 600; text-align: center; white-space: nowrap; }
.rag-red { background: #f6c9c4; color: #6e0f0a; }
tbody tr:nth-child(even) td.rag-red { background: #f6c9c4; }
.rag-amber { background: #fde2a6; color: #5c3d00; }
tbody tr:nth-child(even) td.rag-amber { background: #fde2a6; }
.rag-green { background: #c7e6c9; color: #124d17; }
tbody tr:nth-child(even) td.rag-green { background: #c7e6c9; }
.rag-grey { background: #dcdfe3; color: #3a4048; }
tbody tr:nth-child(even) td.rag-grey { background: #dcdfe3; }
figure.chart { margin: 1em 0 1.6em; }
figure.chart svg { display: block; width: 100%; max-width: 50em; height: auto; }
figure.chart figcaption { font-size: .9em; color: #3d4650; margin-top: .3em; }
.marking { text-align: center; font-weight: 700; letter-spacing: .06em; font-size: .85em;
  padding: .35em 1em; background: #fff; color: #1b1f24; border-color: #1b1f24; border-style: solid; border-width: 0; }
.marking-top { border-bottom-width: 2px; position: sticky; top: 0; z-index: 1; }
.marking-bottom { border-top-width: 2px; }
.ws-break { height: 0; }
* { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
@media print {
  @page { size: A4; margin: 8mm 15mm 10mm;
    @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 8pt sans-serif; color: #3d4650; } }
  html { font-size: 10pt; }
  body { padding: 13mm 0 12mm; -webkit-box-decoration-break: clone; box-decoration-break: clone; }
  main { max-width: none; padding: 0; }
  .marking { position: fixed; left: 0; right: 0; height: 7mm; line-height: 7mm; padding: 0; font-size: 9pt; }
  .marking-top { top: 0; }
  .marking-bottom { bottom: 0; }
  .ws-break { break-before: page; }
  h1, h2, h3, h4 { break-after: avoid; }
  .table-wrap { overflow: visible; }
  table { font-size: 8.5pt; }
  thead { display: table-header-group; }
  tr, figure.chart, pre, blockquote { break-inside: avoid; }
  figure.chart svg { max-width: 42em; }
  a { color: inherit; text-decoration: none; }
}
)css";

struct ParserDeleter {
    void operator()(cmark_parser* p) const { cmark_parser_free(p); }
};
struct NodeDeleter {
    void operator()(cmark_node* n) const { cmark_node_free(n); }
};
using ParserPtr = std::unique_ptr<cmark_parser, ParserDeleter>;
using NodePtr = std::unique_ptr<cmark_node, NodeDeleter>;

// Renders in safe mode only: raw HTML from any input is replaced by a comment.
constexpr int render_options = CMARK_OPT_DEFAULT;

std::string render_node(cmark_node* node, cmark_llist* extensions) {
    char* text = cmark_render_html(node, render_options, extensions);
    std::string out(text);
    cmark_get_default_mem_allocator()->free(text);
    return out;
}

std::string_view trim(std::string_view s) {
    const char* space = " \t\r\n";
    std::size_t b = s.find_first_not_of(space);
    if (b == std::string_view::npos) return {};
    std::size_t e = s.find_last_not_of(space);
    return s.substr(b, e - b + 1);
}

struct Marker {
    std::string kind;  // "chart" or "workstream"
    std::string id;
};

// "<!-- pirpack:chart arrest_share -->" -> {"chart", "arrest_share"}; anything else nullopt.
std::optional<Marker> parse_marker(std::string_view literal) {
    constexpr std::string_view open = "<!-- pirpack:", close = " -->";
    std::string_view s = trim(literal);
    if (s.size() <= open.size() + close.size() || s.substr(0, open.size()) != open ||
        s.substr(s.size() - close.size()) != close)
        return std::nullopt;
    std::string_view inner = s.substr(open.size(), s.size() - open.size() - close.size());
    std::size_t space = inner.find(' ');
    if (space == std::string_view::npos) return std::nullopt;
    std::string_view kind = inner.substr(0, space), id = inner.substr(space + 1);
    if (kind != "chart" && kind != "workstream") return std::nullopt;
    if (id.empty() || id.find_first_of(" \t\r\n") != std::string_view::npos) return std::nullopt;
    return Marker{std::string(kind), std::string(id)};
}

// A cell's text when it holds nothing but text (possibly emphasised), else nullopt.
std::optional<std::string> plain_text(cmark_node* node) {
    std::string text;
    for (cmark_node* child = cmark_node_first_child(node); child; child = cmark_node_next(child)) {
        switch (cmark_node_get_type(child)) {
            case CMARK_NODE_TEXT:
                text += cmark_node_get_literal(child);
                break;
            case CMARK_NODE_EMPH:
            case CMARK_NODE_STRONG: {
                std::optional<std::string> inner = plain_text(child);
                if (!inner) return std::nullopt;
                text += *inner;
                break;
            }
            default:
                return std::nullopt;
        }
    }
    return text;
}

const char* rag_class(cmark_node* cell) {
    std::optional<std::string> text = plain_text(cell);
    if (!text) return nullptr;
    std::string_view word = trim(*text);
    if (word == "Red") return "rag rag-red";
    if (word == "Amber") return "rag rag-amber";
    if (word == "Green") return "rag rag-green";
    if (word == "Grey" || word == "No data") return "rag rag-grey";
    return nullptr;
}

// A cell's inline content as cmark renders it (safe mode, escaped): the children move into a
// paragraph of a scratch document, which renders as "<p>...</p>\n".
std::string render_cell_content(cmark_node* cell, cmark_llist* extensions) {
    NodePtr document(cmark_node_new_with_mem(CMARK_NODE_DOCUMENT, cmark_get_default_mem_allocator()));
    cmark_node* paragraph = cmark_node_new_with_mem(CMARK_NODE_PARAGRAPH, cmark_get_default_mem_allocator());
    cmark_node_append_child(document.get(), paragraph);
    while (cmark_node* child = cmark_node_first_child(cell))
        if (!cmark_node_append_child(paragraph, child)) throw std::logic_error("table cell content is not inline");
    std::string html = render_node(document.get(), extensions);
    constexpr std::string_view open = "<p>", close = "</p>\n";
    if (html.size() < open.size() + close.size() || html.compare(0, open.size(), open) != 0 ||
        html.compare(html.size() - close.size(), close.size(), close) != 0)
        throw std::logic_error("unexpected paragraph rendering from cmark");
    return html.substr(open.size(), html.size() - open.size() - close.size());
}

// Short text ("A-01", "In progress", "2023-03-31") is kept on one line: otherwise a wide
// neighbouring column squeezes it into "A-" over "01".
bool is_short(cmark_node* cell) {
    constexpr std::size_t limit = 16;
    std::optional<std::string> text = plain_text(cell);
    if (!text) return false;
    std::size_t points = 0;
    for (char c : *text)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++points;
    return points <= limit;
}

bool is_blank_row(cmark_node* row) {
    for (cmark_node* cell = cmark_node_first_child(row); cell; cell = cmark_node_next(cell)) {
        std::optional<std::string> text = plain_text(cell);
        if (!text || !trim(*text).empty()) return false;
    }
    return true;
}

// A GFM table rendered here rather than by the table extension, which cannot give a cell a
// class (its cells accept no custom inline node): numeric columns right-aligned, RAG cells
// coloured, header cells scoped, and a wrapper that scrolls a wide table on a narrow screen.
std::string render_table(cmark_node* table, cmark_llist* extensions) {
    const uint16_t columns = cmark_gfm_extensions_get_table_columns(table);
    const uint8_t* alignments = cmark_gfm_extensions_get_table_alignments(table);
    std::string html = "<div class=\"table-wrap\">\n<table>\n";
    bool in_body = false;
    for (cmark_node* row = cmark_node_first_child(table); row; row = cmark_node_next(row)) {
        const bool header = cmark_gfm_extensions_get_table_row_is_header(row) != 0;
        if (header && is_blank_row(row)) continue;  // "| | |": a key-value table, no headings
        if (header) {
            html += "<thead>\n";
        } else if (!in_body) {
            html += "<tbody>\n";
            in_body = true;
        }
        html += "<tr>\n";
        uint16_t column = 0;
        for (cmark_node* cell = cmark_node_first_child(row); cell; cell = cmark_node_next(cell), ++column) {
            std::string classes;
            auto add_class = [&](std::string_view c) {
                if (!classes.empty()) classes += ' ';
                classes += c;
            };
            const uint8_t align = alignments && column < columns ? alignments[column] : 0;
            if (align == 'r') add_class("right");
            if (align == 'c') add_class("center");
            if (const char* rag = rag_class(cell)) add_class(rag);
            if (is_short(cell)) add_class("nowrap");
            html += header ? "<th scope=\"col\"" : "<td";
            if (!classes.empty()) html += " class=\"" + classes + "\"";
            html += ">";
            html += render_cell_content(cell, extensions);
            html += header ? "</th>\n" : "</td>\n";
        }
        html += "</tr>\n";
        if (header) html += "</thead>\n";
    }
    if (in_body) html += "</tbody>\n";
    html += "</table>\n</div>";
    return html;
}

std::string render_chart_figure(const Report& report, const ReportKpi& kpi) {
    const ReportWorkstream* ws = report.find_workstream(kpi.workstream);
    std::string html = "<figure class=\"chart\">\n";
    html += render_kpi_chart(kpi, ws ? ws->go_live : report.go_live);
    html += "\n<figcaption>" + escape_xml(kpi.title) + " by month";
    if (!kpi.direction_text.empty() && kpi.direction != config::Direction::neutral)
        html += " (" + escape_xml(kpi.direction_text) + ")";
    html += "</figcaption>\n</figure>";
    return html;
}

std::string render_workstream_break(const ReportWorkstream& ws) {
    if (ws.anchor.empty()) return "<div class=\"ws-break\"></div>";
    return "<div class=\"ws-break\" id=\"" + escape_xml(ws.anchor) + "\"></div>";
}

// Swaps `node` for a custom block that cmark writes out verbatim.
void replace_with_html(cmark_node* node, const std::string& html) {
    cmark_node* block = cmark_node_new_with_mem(CMARK_NODE_CUSTOM_BLOCK, cmark_get_default_mem_allocator());
    cmark_node_set_on_enter(block, html.c_str());
    cmark_node_set_on_exit(block, "");
    if (!cmark_node_insert_before(node, block)) {
        cmark_node_free(block);
        throw std::logic_error("cmark refused a custom block");
    }
    cmark_node_free(node);
}

std::string type_string(cmark_node* node) { return cmark_node_get_type_string(node); }

// Walks the tree once, then edits: tables first, then the markers.
void rewrite_document(const Report& report, cmark_node* document, cmark_llist* extensions) {
    std::vector<cmark_node*> tables, html_blocks;
    cmark_iter* iter = cmark_iter_new(document);
    for (cmark_event_type ev; (ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE;) {
        if (ev != CMARK_EVENT_ENTER) continue;
        cmark_node* node = cmark_iter_get_node(iter);
        if (cmark_node_get_type(node) == CMARK_NODE_HTML_BLOCK)
            html_blocks.push_back(node);
        else if (type_string(node) == "table")
            tables.push_back(node);
    }
    cmark_iter_free(iter);

    for (cmark_node* table : tables) replace_with_html(table, render_table(table, extensions));
    for (cmark_node* block : html_blocks) {
        std::optional<Marker> marker = parse_marker(cmark_node_get_literal(block));
        if (!marker) continue;
        if (marker->kind == "chart") {
            if (const ReportKpi* kpi = report.find_kpi(marker->id))
                replace_with_html(block, render_chart_figure(report, *kpi));
        } else if (const ReportWorkstream* ws = report.find_workstream(marker->id)) {
            replace_with_html(block, render_workstream_break(*ws));
        }
    }
}

std::string render_body(const Report& report, const std::string& markdown) {
    cmark_gfm_core_extensions_ensure_registered();
    ParserPtr parser(cmark_parser_new(CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8));
    // Tables only: strikethrough would strike a "~5" in an action, autolink would make a
    // link of a URL in hostile text.
    cmark_syntax_extension* table = cmark_find_syntax_extension("table");
    if (!table) throw std::runtime_error("cmark-gfm has no table extension");
    cmark_parser_attach_syntax_extension(parser.get(), table);
    cmark_parser_feed(parser.get(), markdown.data(), markdown.size());
    NodePtr document(cmark_parser_finish(parser.get()));
    cmark_llist* extensions = cmark_parser_get_syntax_extensions(parser.get());
    rewrite_document(report, document.get(), extensions);
    return render_node(document.get(), extensions);
}

}  // namespace

std::string render_html(const Report& report, const std::string& markdown) {
    std::string title = report.title + " \xE2\x80\x94 closure report";
    if (!report.period_label.empty()) title += ", " + report.period_label;
    const std::string marking = escape_xml(report.protective_marking);

    std::string html;
    html.reserve(markdown.size() * 2 + 16384);
    html += "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n";
    html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    html += "<title>" + escape_xml(title) + "</title>\n";
    html += "<style>";
    html += style_sheet;
    html += "</style>\n</head>\n<body>\n";
    if (!marking.empty()) html += "<div class=\"marking marking-top\">" + marking + "</div>\n";
    html += "<main>\n";
    html += render_body(report, markdown);
    html += "</main>\n";
    if (!marking.empty()) html += "<div class=\"marking marking-bottom\">" + marking + "</div>\n";
    html += "</body>\n</html>\n";
    return html;
}

}  // namespace pirpack::report::html
