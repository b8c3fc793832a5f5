// The closure report as GitHub-flavoured Markdown, rendered from the Mustache templates with
// data built from the report model. Text from inputs is escaped for Markdown here, once, so a
// "|" or "<" in an action cannot break a table or open an HTML tag; the templates may print it
// with {{x}} or {{{x}}} alike (HTML escaping is switched off: this is not HTML).
//
//     std::string text = render_markdown(report, builtin_templates(), false);
#pragma once

#include <string>
#include <string_view>

#include "report/markdown/templates.hpp"
#include "report/model/report_model.hpp"

namespace pirpack::report::markdown {

// With `for_html`, the output also carries the markers the HTML renderer replaces with charts
// and page breaks (<!-- pirpack:chart ID --> and <!-- pirpack:workstream ID -->).
std::string render_markdown(const Report& report, const Templates& templates, bool for_html);

// Inline text safe anywhere in a line, table cells included: Markdown's active characters are
// backslash-escaped, "<" cannot open a tag, an entity reference stays literal, and line breaks
// become spaces.
std::string escape_inline(std::string_view text);

// The residual-action register for its owners (residual-actions.md): counts per status,
// overdue and due soon, by owner and by workstream, changes since the last pack, proposals.
std::string render_register_markdown(const Report& report, const Templates& templates);

// A fenced code block whose fence is longer than any run of backticks inside it.
std::string code_block(std::string_view code, std::string_view info);

}  // namespace pirpack::report::markdown
