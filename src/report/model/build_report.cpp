#include "report/model/build_report.hpp"

#include <Poco/DirectoryIterator.h>
#include <Poco/File.h>
#include <Poco/Path.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "actions/changes.hpp"
#include "actions/narrative_items.hpp"
#include "actions/proposals.hpp"
#include "actions/register.hpp"
#include "common/text.hpp"
#include "kpi/rag.hpp"
#include "report/csv/rejects_csv.hpp"
#include "report/model/figures.hpp"
#include "report/model/narrative.hpp"
#include "store/store.hpp"

namespace pirpack::report {

namespace {

using common::format_iso_date;

std::string direction_text(config::Direction direction) {
    switch (direction) {
        case config::Direction::higher_is_better: return "higher is better";
        case config::Direction::lower_is_better: return "lower is better";
        case config::Direction::neutral: return "neutral";
    }
    return "";
}

std::string rag_text(kpi::Rag rag) { return rag == kpi::Rag::none ? "" : kpi::to_string(rag); }

std::string p_text(double p) {
    if (p < 0.001) return "p < 0.001";
    return "p = " + format_number(p, p < 0.01 ? 3 : 2);
}

std::string significance_text(const kpi::Significance& s) {
    if (s.test.empty()) return "not tested";
    return std::string(s.significant ? "significant" : "not significant") + " (" + p_text(s.p_value) + ")";
}

// A measure as the pack shows it: "<N" when disclosure control hid it.
Figure measure_figure(config::Unit unit, const kpi::Measure& measure, int min_cell_count) {
    if (measure.suppressed) return Figure{std::nullopt, "<" + std::to_string(min_cell_count), true};
    return value_figure(unit, measure.value);
}

ScopeRow scope_row(const config::Kpi& kpi, const kpi::KpiWindows& windows, const kpi::ScopeResult& result,
                   int min_cell_count) {
    ScopeRow row;
    row.scope = result.scope;
    row.baseline = measure_figure(kpi.unit, result.baseline, min_cell_count);
    row.current = measure_figure(kpi.unit, result.current, min_cell_count);
    row.matched = result.matched ? measure_figure(kpi.unit, *result.matched, min_cell_count) : value_figure(kpi.unit, std::nullopt);
    row.change = change_figure(kpi.unit, result.change_vs_baseline);
    std::optional<double> relative = result.relative_change_vs_baseline;
    if (relative && !std::isfinite(*relative)) relative.reset();
    row.relative_change = Figure{relative, format_relative_change(relative), false};
    row.rag = rag_text(result.rag);
    row.test = result.significance.test;
    if (!result.significance.test.empty()) row.p_value = result.significance.p_value;
    row.significant = result.significance.significant;
    row.significance = significance_text(result.significance);
    for (std::size_t m = 0; m < windows.monthly.size() && m < result.monthly.size(); ++m) {
        const auto& value = result.monthly[m].value;
        const kpi::Measure& measure = result.monthly[m];
        row.monthly.push_back({windows.monthly[m].name, measure_figure(kpi.unit, measure, min_cell_count),
                               measure.suppressed ? "" : rag_text(kpi::judge_rag(value, kpi))});
    }
    return row;
}

ReportKpi report_kpi(const kpi::KpiResult& result, int min_cell_count) {
    const config::Kpi& kpi = *result.kpi;
    ReportKpi out;
    out.id = kpi.id;
    out.workstream = kpi.workstream;
    out.title = kpi.title;
    out.description = kpi.description;
    out.evidence = kpi.evidence;
    out.unit = kpi.unit;
    out.unit_name = config::to_string(kpi.unit);
    out.excel_format = unit_excel_format(kpi.unit);
    out.decimals = unit_decimals(kpi.unit);
    out.direction = kpi.direction;
    out.direction_text = direction_text(kpi.direction);
    out.target = value_figure(kpi.unit, kpi.target);
    out.amber = value_figure(kpi.unit, kpi.amber);
    out.current_window = result.windows.current.name == "current" && kpi.current ? config::to_string(*kpi.current) : "";
    out.baseline_from = format_iso_date(result.windows.baseline.from);
    out.baseline_to = format_iso_date(result.windows.baseline.to);
    out.current_from = format_iso_date(result.windows.current.from);
    out.current_to = format_iso_date(result.windows.current.to);
    out.sql = kpi.sql;
    out.definition_hash = result.definition_hash;
    for (const auto& scope : result.scopes) out.scopes.push_back(scope_row(kpi, result.windows, scope, min_cell_count));
    return out;
}

void count_rag(RagCount& count, const std::string& rag) {
    if (rag == "red") ++count.red;
    else if (rag == "amber") ++count.amber;
    else if (rag == "green") ++count.green;
    else if (rag == "grey") ++count.grey;
    else ++count.neutral;
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::optional<common::Date> parse_date(const std::string& text) {
    return text.size() >= 10 ? common::parse_iso_date(text.substr(0, 10)) : std::nullopt;
}

actions::Action to_action(const RegisterRow& row, const config::ProgrammeInfo& info) {
    actions::Action action;
    action.id = row.id;
    action.workstream = row.workstream;
    action.area = row.area;
    action.text = row.action;
    action.owner = row.owner;
    action.due = actions::read_due_date(row.due, info.fiscal_year_start_month);
    action.status = actions::read_status(row.status).value_or(actions::ActionStatus::open);
    action.last_update = parse_date(row.last_update);
    action.notes = row.notes;
    return action;
}

std::vector<actions::Action> to_actions(const std::vector<RegisterRow>& rows, const config::ProgrammeInfo& info) {
    std::vector<actions::Action> out;
    for (const auto& row : rows) out.push_back(to_action(row, info));
    return out;
}

ReportAction report_action(const RegisterRow& row, const config::ProgrammeInfo& info, const common::Date& as_of) {
    actions::Action action = to_action(row, info);
    ReportAction out;
    out.id = row.id;
    out.workstream = row.workstream;
    out.area = row.area;
    out.text = row.action;
    out.owner = row.owner;
    out.due_text = row.due;
    if (action.due.date) out.due_date = format_iso_date(*action.due.date);
    switch (action.due.status) {
        case actions::DueStatus::dated: break;
        case actions::DueStatus::blank: out.due_note = "no due date given"; break;
        case actions::DueStatus::not_applicable: out.due_note = "not applicable"; break;
        case actions::DueStatus::unreadable: out.due_note = "no usable due date"; break;
    }
    // The store holds statuses already normalised (column type status); a register mapped as
    // plain text keeps its own words.
    out.status = actions::read_status(row.status) ? actions::to_string(action.status) : row.status;
    out.open = actions::is_open(action.status);
    if (auto date = parse_date(row.last_update)) out.last_update = format_iso_date(*date);
    out.notes = row.notes;
    out.days_overdue = actions::days_overdue(action, as_of);
    out.due_soon = !out.days_overdue && actions::due_within(action, as_of, 30);
    return out;
}

}  // namespace

std::string heading_anchor(const std::string& heading) {
    std::string anchor;
    for (unsigned char c : heading) {
        if (std::isalnum(c)) anchor += static_cast<char>(std::tolower(c));
        else if (c == ' ' || c == '-') anchor += '-';
        else if (c == '_') anchor += '_';
        else if (c >= 0x80) anchor += static_cast<char>(c);  // GitHub keeps letters beyond ASCII
    }
    return anchor;
}

std::string sheet_name(const std::string& wanted, std::vector<std::string>& taken) {
    std::string name;
    for (char c : wanted) {
        if (std::string_view("[]:*?/\\").find(c) != std::string_view::npos) c = '-';
        if (c == ' ' && !name.empty() && name.back() == ' ') continue;
        name += c;
    }
    while (!name.empty() && (name.front() == '\'' || name.front() == ' ')) name.erase(name.begin());
    // Cut at 31 bytes without splitting a UTF-8 sequence.
    auto cut = [](std::string text, std::size_t limit) {
        if (text.size() <= limit) return text;
        std::size_t end = limit;
        while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
        text.resize(end);
        while (!text.empty() && (text.back() == ' ' || text.back() == '\'')) text.pop_back();
        return text;
    };
    // Cut at 31 characters, at a word boundary where there is one in the second half.
    if (name.size() > 31) {
        std::string cut_name = cut(name, 31);
        std::size_t space = cut_name.rfind(' ');
        name = space != std::string::npos && space > 15 ? cut_name.substr(0, space) : cut_name;
        // No bracket left open: "WS10 System Updates (Origin" becomes "WS10 System Updates".
        if (std::count(name.begin(), name.end(), '(') > std::count(name.begin(), name.end(), ')'))
            name.erase(name.rfind('('));
        while (!name.empty() && (name.back() == ' ' || name.back() == ',')) name.pop_back();
    }
    if (name.empty()) name = "Sheet";
    auto lower = [](std::string text) {
        for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return text;
    };
    std::string unique = name;
    // "History" is reserved by Excel.
    auto in_use = [&](const std::string& candidate) {
        return lower(candidate) == "history" ||
               std::any_of(taken.begin(), taken.end(), [&](const std::string& t) { return lower(t) == lower(candidate); });
    };
    for (int n = 2; in_use(unique); ++n) {
        std::string suffix = " (" + std::to_string(n) + ")";
        unique = cut(name, 31 - suffix.size()) + suffix;
    }
    taken.push_back(unique);
    return unique;
}

void read_run_tables(const config::Programme& programme, store::QuerySession& session, ReportInputs& inputs) {
    // The loader noted each source's first date column's range as the rows went by.
    if (inputs.run)
        for (const auto& record : inputs.run->sources)
            if (!record.date_column.empty())
                inputs.date_ranges.push_back({record.source + "." + record.date_column,
                                              {record.first_date.substr(0, 10), record.last_date.substr(0, 10)}});
    const config::Source* actions = programme.find_source(register_source);
    if (actions == nullptr) return;
    std::set<std::string> have;
    for (const auto& column : actions->columns) have.insert(column.name);
    auto column = [&](const char* name) { return have.count(name) ? std::string(name) : std::string("NULL"); };
    auto rows = session.query("SELECT " + column("action_id") + ", " + column("workstream") + ", " + column("area") +
                              ", " + column("action") + ", " + column("owner") + ", " + column("due") + ", " +
                              column("status") + ", " + column("last_update") + ", " + column("notes") + " FROM " +
                              register_source);
    for (auto& row : rows)
        inputs.register_rows.push_back({row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7], row[8]});
    std::stable_sort(inputs.register_rows.begin(), inputs.register_rows.end(),
                     [](const RegisterRow& a, const RegisterRow& b) { return actions::id_less(a.id, b.id); });
}

Report build_report(const ReportInputs& in, common::DiagnosticSink& sink) {
    const config::Programme& programme = *in.programme;
    const config::ProgrammeInfo& info = programme.info;
    Report report;
    report.title = info.name;
    report.organisation = info.organisation;
    report.protective_marking = info.protective_marking;
    report.description = info.description;
    report.go_live = format_iso_date(info.go_live);
    report.baseline_from = format_iso_date(info.baseline.from);
    report.baseline_to = format_iso_date(info.baseline.to);
    report.fiscal_year_start_month = info.fiscal_year_start_month;
    report.min_cell_count = info.min_cell_count;
    report.publish = in.publish;
    report.period = format_iso_date(in.period).substr(0, 7);
    report.period_label = month_label(report.period);
    report.as_of = format_iso_date(in.as_of);
    report.as_of_label = date_label(in.as_of);
    if (in.history && in.history->previous) {
        report.previous_period = in.history->previous->period;
        report.previous_as_of = in.history->previous->as_of;
    }

    for (const auto& result : in.evaluation->results) report.kpis.push_back(report_kpi(result, info.min_cell_count));

    std::vector<std::string> taken = {"Summary", "KPIs", "Trends", "Actions", "Data quality", "Sources"};
    for (const auto& ws : programme.workstreams) {
        ReportWorkstream out;
        out.id = ws.id;
        out.name = ws.name;
        out.lead = ws.lead;
        out.directorate = ws.directorate;
        out.go_live = format_iso_date(kpi::workstream_go_live(info, ws));
        auto baseline = kpi::workstream_baseline(info, ws);
        out.baseline_from = format_iso_date(baseline.from);
        out.baseline_to = format_iso_date(baseline.to);
        out.anchor = heading_anchor(ws.id + " " + ws.name);
        out.sheet = sheet_name(ws.id + " " + ws.name, taken);
        for (std::size_t k = 0; k < report.kpis.size(); ++k) {
            if (report.kpis[k].workstream != ws.id) continue;
            out.kpis.push_back(k);
            for (const auto& scope : report.kpis[k].scopes) count_rag(out.rag, scope.rag);
        }
        report.workstreams.push_back(std::move(out));
    }

    // Narrative: every file a workstream lists must exist, and every file in the folder must be
    // listed, so no text is silently left out.
    std::set<std::string> listed;
    for (std::size_t w = 0; w < programme.workstreams.size(); ++w) {
        const config::Workstream& ws = programme.workstreams[w];
        for (const auto& file : ws.narrative) {
            listed.insert(file);
            const std::string path = Poco::Path(Poco::Path(in.narrative_dir).makeDirectory(), file).toString();
            if (in.narrative_dir.empty() || !Poco::File(path).exists()) {
                sink.error(ws.location, "narrative file \"" + file + "\" of workstream " + ws.id + " is not in " +
                                            (in.narrative_dir.empty() ? std::string("the inputs' narrative/ folder")
                                                                      : in.narrative_dir),
                           "put the file in the inputs' narrative/ folder, or take it out of the workstream's narrative list");
                continue;
            }
            const std::string display = "narrative/" + file;
            std::string text = render_narrative_tags(read_file(path), display, report.kpis, sink);
            text = common::make_valid_utf8(text);
            for (const auto& item : actions::read_narrative_items(text, display)) {
                std::vector<std::string> unknown;
                for (const auto& id : item.cited_ids)
                    if (std::none_of(in.register_rows.begin(), in.register_rows.end(),
                                     [&](const RegisterRow& row) { return row.id == id; }))
                        unknown.push_back(id);
                if (item.cited_ids.empty())
                    report.untracked.push_back({display, item.line, item.text, ""});
                else if (!unknown.empty())
                    report.untracked.push_back({display, item.line, item.text,
                                                "cites " + common::join_words(unknown, " and ") +
                                                    ", which the register does not have"});
            }
            report.workstreams[w].narrative.push_back(split_narrative(display, neutralise_raw_html(text), 2));
        }
    }
    if (!in.narrative_dir.empty() && Poco::File(in.narrative_dir).exists()) {
        std::vector<std::string> files;
        for (Poco::DirectoryIterator it(in.narrative_dir), end; it != end; ++it)
            if (it->isFile() && Poco::Path(it.name()).getExtension() == "md") files.push_back(it.name());
        std::sort(files.begin(), files.end());
        for (const auto& file : files)
            if (!listed.count(file))
                sink.error({"narrative/" + file, "", 0, 0, ""}, "no workstream lists this narrative file",
                           "add \"" + file + "\" to the narrative list of its [[workstream]] in the programme file");
    }

    for (const auto& row : in.register_rows) report.actions.push_back(report_action(row, info, in.as_of));
    if (const config::Source* source = programme.find_source(register_source))
        for (const auto& column : source->columns)
            report.register_headers.push_back({column.name, column.headers.empty() ? column.name : column.headers.front()});
    const std::vector<actions::Action> current = to_actions(in.register_rows, info);
    if (!in.register_history.empty()) {
        report.register_compared = true;
        std::vector<std::vector<actions::Action>> history;
        for (const auto& snapshot : in.register_history) history.push_back(to_actions(snapshot, info));
        const actions::RegisterChanges changes = actions::compare_registers(history.back(), current);
        history.push_back(current);
        const auto moves = actions::count_due_moves(history);
        for (auto& action : report.actions)
            if (auto found = moves.find(action.id); found != moves.end()) action.due_moves = found->second;
        auto text_of = [&](const std::string& id) {
            for (const auto& action : current)
                if (action.id == id) return action.text;
            return std::string();
        };
        std::vector<ActionChange> rows;
        for (const auto& action : changes.added) rows.push_back({action.id, "new", "", actions::to_string(action.status), action.text});
        for (const auto& closed : changes.closed)
            rows.push_back({closed.action.id, closed.removed ? "removed" : "closed", actions::to_string(closed.previous_status),
                            closed.removed ? "" : actions::to_string(closed.action.status), closed.action.text});
        for (const auto& change : changes.owner_changes)
            rows.push_back({change.id, "owner", change.before, change.after, text_of(change.id)});
        for (const auto& change : changes.due_changes) {
            rows.push_back({change.id, "due", actions::describe_due(change.before), actions::describe_due(change.after),
                            text_of(change.id)});
            for (auto& action : report.actions)
                if (action.id == change.id) action.previous_due = change.before.text;
        }
        for (const auto& change : changes.status_changes)
            rows.push_back({change.id, "status", actions::to_string(change.before), actions::to_string(change.after),
                            text_of(change.id)});
        std::stable_sort(rows.begin(), rows.end(),
                         [](const ActionChange& a, const ActionChange& b) { return actions::id_less(a.id, b.id); });
        report.action_changes = std::move(rows);
    }
    for (std::size_t a = 0; a < report.actions.size(); ++a)
        for (auto& ws : report.workstreams)
            if (ws.id == report.actions[a].workstream) ws.actions.push_back(a);

    if (in.history) {
        for (const auto& change : in.history->rag_changes) {
            const ReportKpi* kpi = report.find_kpi(change.kpi_id);
            report.status_changes.push_back({change.kpi_id, kpi ? kpi->title : change.kpi_id, kpi ? kpi->workstream : "",
                                             change.scope, change.before, change.after});
        }
        report.restatements = static_cast<long>(in.history->restatements.size());
        for (const auto& change : in.history->definition_changes) report.definition_changes.push_back(change.kpi_id);
    }

    // Proposals: a KPI red (in any scope) for three months running, with no open action naming it.
    std::vector<actions::KpiRagHistory> rag_history;
    for (const auto& kpi : report.kpis) {
        actions::KpiRagHistory history{kpi.id, kpi.title, kpi.workstream, "", {}};
        if (const config::Workstream* ws = programme.find_workstream(kpi.workstream)) history.workstream_lead = ws->lead;
        std::size_t months = 0;
        for (const auto& scope : kpi.scopes) months = std::max(months, scope.monthly.size());
        for (std::size_t m = 0; m < months; ++m) {
            std::string worst;
            for (const auto& scope : kpi.scopes)
                if (m < scope.monthly.size() && scope.monthly[m].rag == "red") worst = "red";
            history.monthly_rag.push_back(worst);
        }
        rag_history.push_back(std::move(history));
    }
    for (const auto& proposal : actions::propose_actions(rag_history, current))
        report.proposals.push_back({proposal.kpi_id, proposal.kpi_title, proposal.workstream, proposal.months_red,
                                    proposal.suggested_owner});

    // The largest significant changes since go-live, by size of relative change.
    struct Candidate {
        std::size_t kpi, scope;
        double size;
    };
    std::vector<Candidate> candidates;
    for (std::size_t k = 0; k < report.kpis.size(); ++k)
        for (std::size_t s = 0; s < report.kpis[k].scopes.size(); ++s) {
            const ScopeRow& row = report.kpis[k].scopes[s];
            if (!row.significant || !row.relative_change.value) continue;
            candidates.push_back({k, s, std::fabs(*row.relative_change.value)});
        }
    std::stable_sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) { return a.size > b.size; });
    for (std::size_t i = 0; i < candidates.size() && i < 5; ++i) {
        const ReportKpi& kpi = report.kpis[candidates[i].kpi];
        const ScopeRow& row = kpi.scopes[candidates[i].scope];
        bool up = row.change.value && *row.change.value > 0;
        bool improvement = kpi.direction == config::Direction::higher_is_better   ? up
                           : kpi.direction == config::Direction::lower_is_better ? !up
                                                                                  : false;
        report.notable_changes.push_back({candidates[i].kpi, candidates[i].scope, improvement});
    }

    for (const auto& source : in.run->sources) {
        ReportSource out;
        out.name = source.source;
        if (const config::Source* config = programme.find_source(source.source)) out.description = config->description;
        for (const auto& file : source.files) {
            std::string path = file.path;
            if (!in.inputs_dir.empty()) {
                // Paths relative to the inputs folder, so the pack does not reveal where it ran.
                std::string inputs = Poco::Path(in.inputs_dir).makeDirectory().toString();
                if (path.compare(0, inputs.size(), inputs) == 0) path = path.substr(inputs.size());
            }
            out.files.push_back({path, file.sha256, file.bytes, file.rows_read, file.rows_loaded, file.rows_rejected});
            out.rows_read += file.rows_read;
            out.rows_loaded += file.rows_loaded;
            out.rows_rejected += file.rows_rejected;
        }
        for (const auto& [key, range] : in.date_ranges)
            if (key.compare(0, source.source.size() + 1, source.source + ".") == 0) {
                out.date_column = key.substr(source.source.size() + 1);
                out.date_from = range.first;
                out.date_to = range.second;
            }
        std::map<std::pair<std::string, std::string>, long> reasons;
        for (const auto& reject : source.rejects) ++reasons[{reject.location.column_name, reason_without_value(reject.reason)}];
        for (const auto& [key, count] : reasons) {
            report.rejects.push_back({source.source, key.first, key.second, count});
            report.rejects_total += count;
        }
        report.sources.push_back(std::move(out));
    }
    report.programme_file = Poco::Path(in.run->programme_file).getFileName();
    report.programme_sha256 = in.run->programme_sha256;
    for (const auto& stage : in.run->stages) report.stages.push_back({stage.stage, stage.seconds, stage.rows});
    return report;
}

}  // namespace pirpack::report
