// Narrative the review leads write: Markdown files in the inputs' narrative/ folder, placed in
// their workstream's section. A figure in the text is a tag, {{kpi.ID.FIELD}}, replaced by the
// KPI's value as the pack prints it everywhere else, so prose cannot drift from the data:
//
//     "{{kpi.lprc_retained_share.current}} of allocated crimes stayed" -> "75.4% of allocated crimes stayed"
//
// FIELD is one of current, baseline, matched, target, amber, change, relative_change, rag.
// A tag naming an unknown KPI or field, or a KPI with scopes (whose figures differ by scope),
// is an error at its file, line and column, never a blank.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/diagnostics.hpp"
#include "report/model/report_model.hpp"

namespace pirpack::report {

// The tag fields, in the order messages list them.
const std::vector<std::string>& narrative_tag_fields();

// Replaces every {{...}} tag in `text` (the whole file; lines are counted from 1). Errors go to
// `sink`, each with the file, line and column of the tag; the tag's text is then left in place.
std::string render_narrative_tags(std::string_view text, const std::string& file, const std::vector<ReportKpi>& kpis,
                                  common::DiagnosticSink& sink);

// Makes raw HTML in author-written Markdown inert, outside code spans and fenced blocks: a "<"
// that would open a tag, comment or declaration becomes "&lt;". Autolinks (<https://...>) stay.
std::string neutralise_raw_html(std::string_view markdown);

// Splits a narrative file (tags already rendered) at its level-2 headings. Its level-1 heading
// is the title. Headings inside sections are pushed down `demote` levels (at most 6), so they
// nest under the report's own headings.
NarrativeDoc split_narrative(const std::string& file, std::string_view markdown, int demote);

}  // namespace pirpack::report
