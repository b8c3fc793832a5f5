#include "report/markdown/markdown_report.hpp"

#include <kainjow/mustache.hpp>

#include <algorithm>
#include <cctype>
#include <map>

#include "actions/register.hpp"
#include "actions/status.hpp"
#include "common/errors.hpp"
#include "report/model/figures.hpp"

namespace pirpack::report::markdown {

namespace {

using Data = kainjow::mustache::data;
using kainjow::mustache::partial;

std::string md(std::string_view text) { return escape_inline(text); }

std::string capitalise(std::string text) {
    if (!text.empty()) text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
    return text;
}

std::string rag_label(const std::string& rag) {
    if (rag.empty()) return "-";
    if (rag == "grey") return "No data";
    return capitalise(rag);
}

std::string count_text(long value) { return format_number(static_cast<double>(value), 0); }

bool safe_marker_id(const std::string& id) {
    return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
    });
}

Data list() { return Data(Data::type::list); }

Data flag(bool value) { return Data(value ? Data::type::bool_true : Data::type::bool_false); }

std::string dates_text(const ReportSource& source) {
    if (source.date_from.empty()) return "-";
    return source.date_from + " to " + source.date_to + " (" + md(source.date_column) + ")";
}

Data source_files(const Report& report) {
    Data rows = list();
    for (const auto& source : report.sources)
        for (const auto& file : source.files) {
            Data row;
            row.set("source", md(source.name));
            row.set("file", md(file.path));
            row.set("rows_read", count_text(file.rows_read));
            row.set("rows_loaded", count_text(file.rows_loaded));
            row.set("rows_rejected", count_text(file.rows_rejected));
            row.set("dates", dates_text(source));
            row.set("sha_prefix", file.sha256.substr(0, 12));
            row.set("sha256", file.sha256);
            row.set("bytes", count_text(static_cast<long>(file.bytes)));
            rows.push_back(row);
        }
    return rows;
}

Data rag_count(const RagCount& count) {
    Data data;
    data.set("red", std::to_string(count.red));
    data.set("amber", std::to_string(count.amber));
    data.set("green", std::to_string(count.green));
    data.set("grey", std::to_string(count.grey));
    data.set("neutral", std::to_string(count.neutral));
    data.set("total", std::to_string(count.total()));
    return data;
}

std::string workstream_label(const Report& report, const std::string& id) {
    const ReportWorkstream* ws = report.find_workstream(id);
    return ws ? md(ws->id + " " + ws->name) : md(id);
}

std::string due_text(const ReportAction& action) {
    if (action.due_text.find_first_not_of(" \t") == std::string::npos) return "*none given*";
    std::string text = md(action.due_text);
    if (!action.due_date.empty() && action.due_date != action.due_text) text += " (" + action.due_date + ")";
    if (action.due_note == "no usable due date") text += " (*no usable due date*)";
    return text;
}

std::string attention_text(const ReportAction& action) {
    std::string moved;
    if (action.due_moves > 0)
        moved = "due date moved " + std::to_string(action.due_moves) + (action.due_moves == 1 ? " time" : " times") +
                (action.previous_due.empty() ? "" : " (was " + md(action.previous_due) + ")");
    auto with_moves = [&](std::string text) {
        if (moved.empty()) return text;
        return text.empty() ? moved : text + "; " + moved;
    };
    if (action.days_overdue)
        return with_moves("**overdue by " + std::to_string(*action.days_overdue) + (*action.days_overdue == 1 ? " day**" : " days**"));
    if (action.due_soon) return with_moves("due within 30 days");
    if (action.open && action.due_note == "no usable due date") return with_moves("no usable due date");
    return moved;
}

Data action_data(const Report& report, const ReportAction& action) {
    Data data;
    data.set("id", md(action.id));
    data.set("workstream", workstream_label(report, action.workstream));
    data.set("area", md(action.area));
    data.set("text", md(action.text));
    data.set("owner", action.owner.empty() ? "*not named*" : md(action.owner));
    data.set("due", due_text(action));
    data.set("status", md(action.status));
    data.set("last_update", action.last_update.empty() ? "-" : action.last_update);
    data.set("notes", md(action.notes));
    data.set("attention", attention_text(action));
    return data;
}

Data kpi_row(const ReportKpi& kpi, const ScopeRow& row) {
    Data data;
    data.set("title", md(kpi.title));
    data.set("scope", row.scope.empty() ? "-" : md(row.scope));
    data.set("baseline", row.baseline.text);
    data.set("current", row.current.text);
    data.set("target", kpi.target.text);
    data.set("rag", rag_label(row.rag));
    data.set("change", row.change.text);
    data.set("significance", row.significance);
    return data;
}

bool is_summary(const std::string& heading) { return heading == "summary of change"; }
bool is_residual(const std::string& heading) { return heading == "residual activity"; }

std::string lower(std::string text) {
    for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

Data workstream_data(const Report& report, const ReportWorkstream& ws, bool for_html) {
    Data data;
    data.set("id", md(ws.id));
    data.set("id_raw", ws.id);
    data.set("html", flag(for_html && safe_marker_id(ws.id)));
    data.set("name", md(ws.name));
    data.set("anchor", ws.anchor);
    data.set("lead", ws.lead.empty() ? "*not named*" : md(ws.lead));
    data.set("directorate", ws.directorate.empty() ? "-" : md(ws.directorate));
    data.set("go_live", ws.go_live);
    data.set("baseline_from", ws.baseline_from);
    data.set("baseline_to", ws.baseline_to);

    const bool several = ws.narrative.size() > 1;
    Data summary = list(), review = list(), residual = list();
    for (const auto& doc : ws.narrative) {
        for (const auto& section : doc.sections) {
            const std::string heading = lower(section.heading);
            Data item;
            item.set("markdown", section.markdown);
            if (is_summary(heading) || is_residual(heading)) {
                item.set("title", several ? Data(md(doc.title)) : flag(false));
                (is_summary(heading) ? summary : residual).push_back(item);
            } else {
                std::string title = section.heading.empty() ? doc.title : section.heading;
                if (several && !section.heading.empty()) title = doc.title + ": " + section.heading;
                item.set("heading", md(title));
                review.push_back(item);
            }
        }
    }
    data.set("summary", summary);
    data.set("review", review);
    data.set("residual", residual);

    Data rows = list(), kpis = list();
    for (std::size_t k : ws.kpis) {
        const ReportKpi& kpi = report.kpis[k];
        for (const auto& row : kpi.scopes) rows.push_back(kpi_row(kpi, row));
        Data item;
        item.set("id_raw", kpi.id);
        kpis.push_back(item);
    }
    data.set("has_kpis", flag(!ws.kpis.empty()));
    data.set("kpi_rows", rows);
    data.set("kpis", kpis);

    Data actions = list();
    for (std::size_t a : ws.actions) actions.push_back(action_data(report, report.actions[a]));
    data.set("has_actions", flag(!ws.actions.empty()));
    data.set("actions", actions);
    return data;
}

std::string action_counts(const Report& report) {
    if (report.actions.empty()) return "The register holds no actions.";
    int open = 0, overdue = 0, soon = 0, undated = 0;
    for (const auto& action : report.actions) {
        if (!action.open) continue;
        ++open;
        if (action.days_overdue) ++overdue;
        if (action.due_soon) ++soon;
        if (action.due_note == "no usable due date" || action.due_note == "no due date given") ++undated;
    }
    std::string text = "The register holds " + std::to_string(report.actions.size()) +
                       (report.actions.size() == 1 ? " action" : " actions") + ", " + std::to_string(open) +
                       " of them open. As of " + report.as_of_label + ", " + std::to_string(overdue) +
                       (overdue == 1 ? " is" : " are") + " overdue, " + std::to_string(soon) +
                       (soon == 1 ? " falls" : " fall") + " due within 30 days, and " + std::to_string(undated) +
                       (undated == 1 ? " has" : " have") + " no usable due date.";
    return text;
}

Data report_data(const Report& report, bool for_html) {
    Data data;
    data.set("marking", md(report.protective_marking));
    data.set("title", md(report.title));
    data.set("organisation", md(report.organisation));
    data.set("description", md(report.description));
    data.set("period", report.period);
    data.set("period_label", report.period_label);
    data.set("as_of", report.as_of);
    data.set("as_of_label", report.as_of_label);
    data.set("go_live", report.go_live);
    data.set("baseline_from", report.baseline_from);
    data.set("baseline_to", report.baseline_to);
    data.set("html", flag(for_html));
    data.set("sub", "###");
    data.set("disclosure", flag(report.publish && report.min_cell_count > 0));
    data.set("min_cell_count", std::to_string(report.min_cell_count));
    data.set("below", std::to_string(report.min_cell_count - 1));  // the level of the register partial's headings: within Summary of actions
    data.set("source_files", source_files(report));

    Data rag_rows = list();
    RagCount total;
    for (const auto& ws : report.workstreams) {
        Data row = rag_count(ws.rag);
        row.set("id", md(ws.id));
        row.set("name", md(ws.name));
        row.set("anchor", ws.anchor);
        rag_rows.push_back(row);
        total.red += ws.rag.red;
        total.amber += ws.rag.amber;
        total.green += ws.rag.green;
        total.grey += ws.rag.grey;
        total.neutral += ws.rag.neutral;
    }
    data.set("rag_rows", rag_rows);
    data.set("rag_total", rag_count(total));

    if (report.previous_period.empty()) {
        data.set("previous_period", flag(false));
    } else {
        data.set("previous_period", report.previous_period);
        data.set("previous_period_label", month_label(report.previous_period));
        data.set("previous_as_of", report.previous_as_of);
    }
    Data changes = list();
    for (const auto& change : report.status_changes) {
        Data row;
        row.set("workstream", workstream_label(report, change.workstream));
        row.set("title", md(change.title));
        row.set("scope", change.scope.empty() ? "-" : md(change.scope));
        row.set("before", rag_label(change.before));
        row.set("after", rag_label(change.after));
        changes.push_back(row);
    }
    data.set("has_status_changes", flag(!report.status_changes.empty()));
    data.set("status_changes", changes);
    data.set("restatements", report.restatements > 0 ? Data(std::to_string(report.restatements)) : flag(false));
    if (report.definition_changes.empty()) {
        data.set("definition_changes", flag(false));
    } else {
        std::string names;
        for (std::size_t i = 0; i < report.definition_changes.size(); ++i) {
            if (i > 0) names += i + 1 == report.definition_changes.size() ? " and " : ", ";
            names += "`" + report.definition_changes[i] + "`";
        }
        data.set("definition_changes", names);
    }
    Data notable = list();
    for (const auto& change : report.notable_changes) {
        const ReportKpi& kpi = report.kpis[change.kpi];
        const ScopeRow& row = kpi.scopes[change.scope];
        Data item;
        item.set("workstream", workstream_label(report, kpi.workstream));
        item.set("title", md(kpi.title));
        item.set("scope", row.scope.empty() ? "-" : md(row.scope));
        item.set("baseline", row.baseline.text);
        item.set("current", row.current.text);
        item.set("change", row.change.text);
        item.set("relative_change", row.relative_change.text);
        item.set("judgement", kpi.direction == config::Direction::neutral ? "no direction set"
                              : change.improvement                        ? "better"
                                                                          : "worse");
        item.set("significance", row.significance);
        notable.push_back(item);
    }
    data.set("has_notable", flag(!report.notable_changes.empty()));
    data.set("notable", notable);

    Data workstreams = list();
    for (const auto& ws : report.workstreams) workstreams.push_back(workstream_data(report, ws, for_html));
    data.set("workstreams", workstreams);

    data.set("action_counts", action_counts(report));
    Data all_actions = list();
    for (const auto& action : report.actions) all_actions.push_back(action_data(report, action));
    data.set("has_register", flag(!report.actions.empty()));
    data.set("all_actions", all_actions);
    data.set("register_compared", flag(report.register_compared));
    Data changes_rows = list();
    for (const auto& change : report.action_changes) {
        Data row;
        row.set("id", md(change.id));
        row.set("kind", change.kind);
        row.set("before", change.before.empty() ? "-" : md(change.before));
        row.set("after", change.after.empty() ? "-" : md(change.after));
        row.set("text", md(change.text));
        changes_rows.push_back(row);
    }
    data.set("has_action_changes", flag(!report.action_changes.empty()));
    data.set("action_changes", changes_rows);
    Data proposals = list();
    for (const auto& proposal : report.proposals) {
        Data row;
        row.set("workstream", workstream_label(report, proposal.workstream));
        row.set("title", md(proposal.kpi_title) + " (`" + proposal.kpi_id + "`)");
        row.set("months_red", std::to_string(proposal.months_red));
        row.set("owner", proposal.suggested_owner.empty() ? "*the workstream has no lead*" : md(proposal.suggested_owner));
        proposals.push_back(row);
    }
    data.set("has_proposals", flag(!report.proposals.empty()));
    data.set("proposals", proposals);

    long read = 0, loaded = 0, rejected = 0;
    for (const auto& source : report.sources) {
        read += source.rows_read;
        loaded += source.rows_loaded;
        rejected += source.rows_rejected;
    }
    data.set("rows_summary", "The run read " + count_text(read) + " rows from " + std::to_string(report.sources.size()) +
                                 " sources: " + count_text(loaded) + " loaded and " + count_text(rejected) +
                                 " rejected, so every row is accounted for.");
    Data rejects = list();
    for (const auto& reject : report.rejects) {
        Data row;
        row.set("source", md(reject.source));
        row.set("column", reject.column.empty() ? "-" : md(reject.column));
        row.set("reason", md(reject.reason));
        row.set("count", count_text(reject.count));
        rejects.push_back(row);
    }
    data.set("has_rejects", flag(!report.rejects.empty()));
    data.set("rejects", rejects);
    Data untracked = list();
    for (const auto& item : report.untracked) {
        Data row;
        row.set("file", md(item.file));
        row.set("line", std::to_string(item.line));
        row.set("text", md(item.text));
        row.set("note", md(item.note));
        untracked.push_back(row);
    }
    data.set("has_untracked", flag(!report.untracked.empty()));
    data.set("untracked", untracked);

    Data definitions = list();
    for (const auto& kpi : report.kpis) {
        Data item;
        item.set("title", md(kpi.title));
        item.set("id", kpi.id);
        item.set("workstream", workstream_label(report, kpi.workstream));
        item.set("unit", md(kpi.unit_name));
        item.set("direction", kpi.direction_text);
        item.set("target", kpi.target.text);
        item.set("amber", kpi.amber.text);
        item.set("baseline_from", kpi.baseline_from);
        item.set("baseline_to", kpi.baseline_to);
        item.set("current_from", kpi.current_from);
        item.set("current_to", kpi.current_to);
        item.set("definition_hash", kpi.definition_hash);
        item.set("description", kpi.description.empty() ? "*No description given.*" : md(kpi.description));
        item.set("evidence", kpi.evidence.empty() ? "*none given*" : md(kpi.evidence));
        item.set("sql_block", code_block(kpi.sql, "sql"));
        definitions.push_back(item);
    }
    data.set("definitions", definitions);

    data.set("programme_file", md(report.programme_file));
    data.set("programme_sha256", report.programme_sha256);
    Data versions = list();
    for (const auto& [name, version] : report.versions) {
        Data row;
        row.set("name", md(name));
        row.set("version", md(version));
        versions.push_back(row);
    }
    data.set("versions", versions);
    return data;
}

// Collapses runs of three or more newlines (left where optional sections render nothing) to two,
// and ends the text with exactly one newline.
std::string tidy(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    int newlines = 0;
    bool in_fence = false;
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '\n') {
            std::string_view line(text.data() + line_start, i - line_start);
            if (line.rfind("```", 0) == 0 || line.rfind("~~~", 0) == 0) in_fence = !in_fence;
            line_start = i + 1;
            if (++newlines > 2 && !in_fence) continue;
        } else {
            newlines = 0;
        }
        out += c;
    }
    std::size_t start = out.find_first_not_of('\n');
    out = start == std::string::npos ? std::string() : out.substr(start);
    while (!out.empty() && out.back() == '\n') out.pop_back();
    return out + "\n";
}

}  // namespace

std::string escape_inline(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 8);
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        switch (c) {
            case '\r':
                if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
                [[fallthrough]];
            case '\n': out += ' '; continue;
            case '\t': out += ' '; continue;
            case '\\': case '`': case '*': case '_': case '[': case ']': case '|': case '~': case '<': case '>':
                out += '\\';
                out += c;
                continue;
            case '&': {
                // Only an entity reference (&lt; &#60;) needs escaping to stay literal.
                std::size_t j = i + 1;
                while (j < text.size() && (std::isalnum(static_cast<unsigned char>(text[j])) || text[j] == '#')) ++j;
                if (j > i + 1 && j < text.size() && text[j] == ';') out += '\\';
                out += c;
                continue;
            }
            case '#': case '+': case '-': case '=': {
                // Only at the start of the text, and only followed by a space, the end or the same
                // character, could these open a heading, a list item or a rule.
                char next = i + 1 < text.size() ? text[i + 1] : ' ';
                if (out.empty() && (next == ' ' || next == '\t' || next == c || next == '\n' || next == '\r')) out += '\\';
                out += c;
                continue;
            }
            default:
                if (out.empty() && std::isdigit(static_cast<unsigned char>(c))) {
                    // "1." or "1)" at the start would open an ordered list.
                    std::size_t j = i;
                    while (j < text.size() && std::isdigit(static_cast<unsigned char>(text[j]))) ++j;
                    out.append(text.substr(i, j - i));
                    bool marker = j < text.size() && (text[j] == '.' || text[j] == ')');
                    char after = j + 1 < text.size() ? text[j + 1] : ' ';
                    if (marker && (after == ' ' || after == '\t' || after == '\n' || after == '\r')) out += '\\';
                    i = j - 1;
                    continue;
                }
                out += c;
        }
    }
    return out;
}

std::string code_block(std::string_view code, std::string_view info) {
    std::size_t longest = 0, run = 0;
    for (char c : code) {
        run = c == '`' ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    std::string fence(std::max<std::size_t>(3, longest + 1), '`');
    std::string body(code);
    while (!body.empty() && body.back() == '\n') body.pop_back();
    return fence + std::string(info) + "\n" + body + "\n" + fence;
}

namespace {

Data register_data(const Report& report) {
    Data data = report_data(report, false);
    data.set("sub", "##");
    Data counts = list();
    for (const auto& label : actions::status_labels()) {
        long count = std::count_if(report.actions.begin(), report.actions.end(),
                                   [&](const ReportAction& action) { return action.status == label; });
        Data row;
        row.set("status", label);
        row.set("count", std::to_string(count));
        counts.push_back(row);
    }
    data.set("status_counts", counts);
    data.set("action_total", std::to_string(report.actions.size()));
    Data overdue = list(), soon = list();
    std::vector<const ReportAction*> late;
    for (const auto& action : report.actions)
        if (action.days_overdue) late.push_back(&action);
    std::stable_sort(late.begin(), late.end(),
                     [](const ReportAction* a, const ReportAction* b) { return *a->days_overdue > *b->days_overdue; });
    for (const ReportAction* action : late) {
        Data row = action_data(report, *action);
        row.set("days_overdue", std::to_string(*action->days_overdue));
        overdue.push_back(row);
    }
    for (const auto& action : report.actions)
        if (action.due_soon) soon.push_back(action_data(report, action));
    data.set("has_overdue", flag(!late.empty()));
    data.set("overdue", overdue);
    data.set("has_due_soon", flag(std::any_of(report.actions.begin(), report.actions.end(),
                                              [](const ReportAction& action) { return action.due_soon; })));
    data.set("due_soon", soon);
    auto grouped = [&](auto key) {
        std::map<std::string, std::vector<const ReportAction*>, actions::IdLess> groups;
        for (const auto& action : report.actions) groups[key(action)].push_back(&action);
        Data out = list();
        for (const auto& [group, members] : groups) {
            Data item;
            item.set("group", md(group) + " (" + std::to_string(members.size()) + ")");
            Data rows = list();
            for (const ReportAction* action : members) rows.push_back(action_data(report, *action));
            item.set("actions", rows);
            out.push_back(item);
        }
        return out;
    };
    data.set("by_owner", grouped([](const ReportAction& action) {
                 return action.owner.empty() ? std::string("No owner named") : action.owner;
             }));
    data.set("by_workstream", grouped([&](const ReportAction& action) {
                 const ReportWorkstream* ws = report.find_workstream(action.workstream);
                 return ws ? ws->id + " " + ws->name : action.workstream;
             }));
    return data;
}

std::string render_with(Data data, const Templates& templates, const std::string& name) {
    for (const auto& [template_name, text] : templates.files())
        if (template_name != name) data.set(template_name, text);
    kainjow::mustache::mustache main{templates.text(name)};
    main.set_custom_escape([](const std::string& value) { return value; });
    std::string rendered = main.render(data);
    if (!main.is_valid())
        throw common::PirpackError(common::ErrorKind::configuration,
                                   "rendering " + templates.origin(name) + " failed: " + main.error_message(), {},
                                   "check the templates' sections and partials");
    return tidy(rendered);
}

}  // namespace

std::string render_register_markdown(const Report& report, const Templates& templates) {
    return render_with(register_data(report), templates, register_template);
}

std::string render_markdown(const Report& report, const Templates& templates, bool for_html) {
    return render_with(report_data(report, for_html), templates, main_template);
}

}  // namespace pirpack::report::markdown
