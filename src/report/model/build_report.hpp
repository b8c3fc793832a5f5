// Builds the report model from what a run produced: the programme, the KPI evaluation and its
// history, the record of the inputs, the register and the narrative. Everything the three
// renderers print is decided here (rounding, RAG labels, what counts as a notable change).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/date.hpp"
#include "common/diagnostics.hpp"
#include "config/programme.hpp"
#include "kpi/engine.hpp"
#include "kpi/history.hpp"
#include "report/model/report_model.hpp"
#include "report/run_record.hpp"

namespace pirpack::store {
class QuerySession;
}

namespace pirpack::report {

// One row of the register as loaded (the source named "actions"), values as text.
struct RegisterRow {
    std::string id, workstream, area, action, owner, due, status, last_update, notes;
};

struct ReportInputs {
    const config::Programme* programme = nullptr;
    const kpi::Evaluation* evaluation = nullptr;
    const kpi::History* history = nullptr;
    const RunRecord* run = nullptr;
    common::Date period;  // any day of the report month
    common::Date as_of;
    std::string inputs_dir;     // file paths in the pack are shown relative to it
    std::string narrative_dir;  // the inputs' narrative/ folder; "" when there is none
    std::vector<RegisterRow> register_rows;
    // The register as stored by earlier published runs of this programme, oldest first; the last
    // is the previous pack's. Empty for a first pack (or a store from before snapshots).
    std::vector<std::vector<RegisterRow>> register_history;
    // Date range of each source's first date column over its loaded rows, by source name.
    std::vector<std::pair<std::string, std::pair<std::string, std::string>>> date_ranges;
    bool publish = false;
};

// The name of the source that holds the residual-action register.
inline constexpr const char* register_source = "actions";

// Reads what build_report needs from the run: the register's rows from the run tables, and each
// source's date range from the run record (inputs.run), where the loader noted it.
void read_run_tables(const config::Programme& programme, store::QuerySession& session, ReportInputs& inputs);

// Builds the model. Problems in the narrative (a tag naming an unknown KPI, a file the programme
// lists that is missing, a file no workstream lists) go to `sink` as errors with file and line;
// the caller fails the run when there are any.
Report build_report(const ReportInputs& inputs, common::DiagnosticSink& sink);

// "ws1-local-policing-areas": the anchor GitHub and the HTML report give a heading's text.
std::string heading_anchor(const std::string& heading);

// A worksheet name within Excel's rules (31 characters, none of []:*?/\, not "History"), unique
// among `taken` (ignoring case), to which it is added.
std::string sheet_name(const std::string& wanted, std::vector<std::string>& taken);

}  // namespace pirpack::report
