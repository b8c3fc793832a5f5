// A small, hand-built report model for renderer tests: two workstreams, three KPIs (one with
// scopes, one neutral), a narrative with a table, and actions whose text is hostile (pipes,
// <script>, a formula, backticks, a line break, an emoji).
#pragma once

#include "report/model/report_model.hpp"

namespace pirpack::testing {

report::Report report_fixture();

// The hostile action text the fixture carries, for tests that look for it verbatim.
extern const char* const hostile_action_text;

}  // namespace pirpack::testing
