// closure-report.html: the Markdown closure report rendered with cmark-gfm into one
// self-contained page (inline CSS, inline SVG, nothing fetched) that reads on screen and
// prints on A4.
//
//     std::string md = render_markdown(report, templates);
//     std::string html = render_html(report, md);
//
// Safety: the Markdown is rendered in cmark's safe mode, so raw HTML in it, wherever it came
// from, becomes "<!-- raw HTML omitted -->". The only markup added besides cmark's own is
// generated here from the model, and it replaces exactly these HTML blocks, each alone on its
// line with blank lines around it:
//
//     <!-- pirpack:workstream WS_ID -->   before the workstream's "## " heading: a page break,
//                                         and the workstream's anchor as the element's id
//     <!-- pirpack:chart KPI_ID -->       after the KPI table: the KPI's trend chart
//
// A marker naming a workstream or KPI the report does not have is omitted like any other raw
// HTML. Table cells whose whole text is Red, Amber, Green, Grey or No data are coloured (the
// word stays, so the colour is never the only signal).
//
// Print: A4, a page break before each workstream, table headers repeated on each page and rows
// kept whole, and the protective marking at the top and bottom of every page.
//
// Deterministic: the same report and Markdown give the same bytes.
#pragma once

#include <string>

#include "report/model/report_model.hpp"

namespace pirpack::report::html {

std::string render_html(const Report& report, const std::string& markdown);

}  // namespace pirpack::report::html
