// The report model: everything the closure report says, in one plain structure built once per
// run (report/model/build_report). The Markdown, HTML and Excel renderers read only this.
//
// Text here is raw, exactly as it came from the programme file, the register or the narrative;
// each renderer escapes it for its own format. Figures carry both the number (for Excel, with a
// number format chosen by unit) and the text a reader sees ("52.7%", "4.7 hours", "<5").
//
//     Report report = build_report(inputs);
//     for (const ReportWorkstream& ws : report.workstreams)
//         for (std::size_t k : ws.kpis) std::cout << report.kpis[k].title << "\n";
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "config/programme.hpp"

namespace pirpack::report {

// A number as the pack shows it. `text` is what Markdown and HTML print; `value` is what Excel
// stores (absent when there is no figure, or when disclosure control hides it: then `text`
// says "<5" and `suppressed` is set).
struct Figure {
    std::optional<double> value;
    std::string text;  // "52.7%", "4.7 hours", "1,075", "-" when there is no figure
    bool suppressed = false;
};

// One month of a KPI's series, for trend tables and charts.
struct MonthPoint {
    std::string month;  // "2023-04"
    Figure value;
    std::string rag;    // "red", "amber", "green", "grey", or "" for a neutral KPI
};

// One KPI for one scope (scope "" when the KPI's SQL returns a single row).
struct ScopeRow {
    std::string scope;
    Figure baseline;
    Figure current;
    Figure matched;            // the same window a year earlier
    Figure change;             // current - baseline, in the KPI's unit ("+3.2 pts", "-12 days")
    Figure relative_change;    // (current - baseline) / baseline, as a percentage
    std::string rag;           // as MonthPoint::rag, for the current window
    std::string test;          // "two_proportion", "rate_ratio", or "" when nothing was tested
    std::optional<double> p_value;
    bool significant = false;
    std::string significance;  // "significant (p = 0.003)", "not significant (p = 0.41)", "not tested"
    std::vector<MonthPoint> monthly;  // oldest first, up to the report month
};

struct ReportKpi {
    std::string id;
    std::string workstream;  // a ReportWorkstream::id
    std::string title;
    std::string description;
    std::string evidence;
    config::Unit unit = config::Unit::count;
    std::string unit_name;        // "percent", "count", ... as in the programme file
    std::string excel_format;     // number format for Excel: "0.0\"%\"", "#,##0", "0.00", ...
    int decimals = 1;             // the rounding every text figure of this KPI uses
    config::Direction direction = config::Direction::neutral;
    std::string direction_text;   // "higher is better", "lower is better", "neutral"
    Figure target;
    Figure amber;
    std::string current_window;   // "month", "quarter", "fiscal_ytd", "since_go_live"
    std::string baseline_from, baseline_to;  // ISO dates
    std::string current_from, current_to;
    std::string sql;
    std::string definition_hash;
    std::vector<ScopeRow> scopes;  // ordered by scope
};

// A section of a narrative file: its heading (without #s) and its Markdown body, KPI tags
// already replaced by figures. Headings inside the body are as the author wrote them.
struct NarrativeSection {
    std::string heading;
    std::string markdown;
    int line = 0;  // where the heading is in the file
};

// One narrative file, split at its level-2 headings. The first section holds any text before
// the first level-2 heading (heading "").
struct NarrativeDoc {
    std::string file;   // name within the narrative folder
    std::string title;  // its level-1 heading, or the file name
    std::vector<NarrativeSection> sections;
};

struct ReportAction {
    std::string id;
    std::string workstream;
    std::string area;
    std::string text;
    std::string owner;        // "" when nobody is named
    std::string due_text;     // as the register has it
    std::string due_date;     // ISO, the last day of the period the phrase names; "" if none
    std::string due_note;     // "no usable due date", "not applicable", "" when dated
    std::string status;       // the normalised label: "Open", "In progress", "Done", ...
    bool open = false;        // Open, In progress or On hold
    std::string last_update;  // ISO or ""
    std::string notes;
    std::optional<int> days_overdue;  // open and due before the as-of date
    bool due_soon = false;            // open and due within 30 days of the as-of date
    int due_moves = 0;                // times its due date has moved over the stored snapshots
    std::string previous_due;         // the last pack's due (as written) when it moved since, else ""
};

// One change to the register since the last pack.
struct ActionChange {
    std::string id;
    std::string kind;    // "new", "closed", "removed", "owner", "due", "status"
    std::string before;  // as the last pack had it ("" for new)
    std::string after;   // as this pack has it ("" for removed)
    std::string text;    // the action
};

// An action the data suggests: a KPI red for months running with no open action naming it.
struct ActionProposal {
    std::string kpi_id;
    std::string kpi_title;
    std::string workstream;
    int months_red = 0;
    std::string suggested_owner;
};

struct RagCount {
    int red = 0, amber = 0, green = 0, grey = 0, neutral = 0;
    int total() const { return red + amber + green + grey + neutral; }
};

struct ReportWorkstream {
    std::string id;
    std::string name;
    std::string lead;
    std::string directorate;
    std::string go_live;                     // ISO
    std::string baseline_from, baseline_to;  // ISO
    std::string anchor;                      // "ws1-local-policing-areas", for links
    std::string sheet;                       // its Excel sheet name, unique, <= 31 characters
    RagCount rag;                            // over its KPIs' scopes, current window
    std::vector<std::size_t> kpis;           // indexes into Report::kpis, catalogue order
    std::vector<NarrativeDoc> narrative;     // in the order the programme lists them
    std::vector<std::size_t> actions;        // indexes into Report::actions
};

struct StatusChange {
    std::string kpi_id;
    std::string title;
    std::string workstream;
    std::string scope;
    std::string before;  // RAG in the last pack
    std::string after;
};

// A significant change since go-live, for the executive summary.
struct NotableChange {
    std::size_t kpi = 0;    // index into Report::kpis
    std::size_t scope = 0;  // index into that KPI's scopes
    bool improvement = false;
};

struct SourceFile {
    std::string path;  // as the run found it, relative to the inputs folder
    std::string sha256;
    std::uint64_t bytes = 0;
    long rows_read = 0, rows_loaded = 0, rows_rejected = 0;
};

struct ReportSource {
    std::string name;
    std::string description;
    std::vector<SourceFile> files;
    long rows_read = 0, rows_loaded = 0, rows_rejected = 0;
    std::string date_column;          // the first date column, "" if none
    std::string date_from, date_to;   // its range over loaded rows (ISO), "" if none
};

struct RejectCount {
    std::string source;
    std::string column;
    std::string reason;
    long count = 0;
};

struct UntrackedItem {
    std::string file;
    int line = 0;
    std::string text;
    std::string note;  // "" when it cites no id; "cites A-99, which the register does not have"
};

struct StageTime {
    std::string stage;
    double seconds = 0;
    long rows = 0;
};

struct Report {
    // The programme.
    std::string title;  // the programme's name
    std::string organisation;
    std::string protective_marking;
    std::string description;
    std::string go_live;                     // ISO
    std::string baseline_from, baseline_to;  // ISO
    int fiscal_year_start_month = 4;
    int min_cell_count = 0;  // 0: disclosure control is off
    bool publish = false;    // a pack for beyond the board (no raw values, no reject values)

    // This pack.
    std::string period;        // "2024-03"
    std::string period_label;  // "March 2024"
    std::string as_of;         // "2024-04-05"
    std::string as_of_label;   // "5 April 2024"
    std::string previous_period;  // the last published pack's period, "" for the first pack
    std::string previous_as_of;

    std::vector<ReportWorkstream> workstreams;  // programme order
    std::vector<ReportKpi> kpis;                // catalogue order
    std::vector<ReportAction> actions;          // register order
    // The register source's header for each of its columns (action_id, workstream, area, action,
    // owner, due, status, last_update, notes), so the register workbook pirpack writes reads back
    // as next month's register with the same mapping. Empty when the programme has no register.
    std::vector<std::pair<std::string, std::string>> register_headers;
    std::vector<UntrackedItem> untracked;       // residual activity citing no register id
    bool register_compared = false;             // a stored snapshot of the last pack's register exists
    std::vector<ActionChange> action_changes;   // since the last pack, by id then kind
    std::vector<ActionProposal> proposals;

    std::vector<StatusChange> status_changes;   // since the last pack
    std::vector<NotableChange> notable_changes; // largest significant changes since go-live
    long restatements = 0;
    std::vector<std::string> definition_changes;  // KPI ids

    std::vector<ReportSource> sources;
    std::vector<RejectCount> rejects;  // by source, column and reason
    long rejects_total = 0;

    std::string programme_file;
    std::string programme_sha256;
    std::vector<std::pair<std::string, std::string>> versions;  // library, version
    std::vector<StageTime> stages;

    const ReportWorkstream* find_workstream(const std::string& id) const;
    const ReportKpi* find_kpi(const std::string& id) const;
};

}  // namespace pirpack::report
