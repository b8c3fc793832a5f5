// pirpack run: produce the month's pack. The extracts are loaded and the KPIs evaluated in one
// store transaction; the report model is built once and rendered as Markdown, HTML and Excel;
// the pack is written to a staging folder and published only if all of it succeeded.
#include <Poco/DateTime.h>
#include <Poco/File.h>
#include <Poco/LocalDateTime.h>
#include <Poco/Path.h>
#include <Poco/Timestamp.h>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>

#include <ostream>

#include "cli/command.hpp"
#include "cli/exit_codes.hpp"
#include "cli/input_check.hpp"
#include "cli/fault_tables.hpp"
#include "cli/run_log.hpp"
#include "common/date.hpp"
#include "common/errors.hpp"
#include "common/fault_point.hpp"
#include "common/file_hash.hpp"
#include "common/text.hpp"
#include "store/loader.hpp"
#include "store/store.hpp"
#include "validate/source_reader.hpp"
#include "kpi/disclosure.hpp"
#include "kpi/engine.hpp"
#include "kpi/history.hpp"
#include "publish/publisher.hpp"
#include "publish/run_lock.hpp"
#include "report/csv/rejects_csv.hpp"
#include "report/json/kpis_json.hpp"
#include "report/excel/closure_workbook.hpp"
#include "report/excel/register_workbook.hpp"
#include "report/html/html_report.hpp"
#include "report/json/manifest_json.hpp"
#include "report/markdown/markdown_report.hpp"
#include "report/model/build_report.hpp"
#include "report/versions.hpp"

namespace pirpack::cli {

namespace {

using common::Date;
using common::ErrorKind;
using common::PirpackError;

Date today() {
    Poco::LocalDateTime now;
    return Date{now.year(), now.month(), now.day()};
}

Date parse_as_of(const std::string& text) {
    auto date = common::parse_iso_date(text);
    if (!date)
        throw PirpackError(ErrorKind::usage, "--as-of \"" + text + "\" is not a date", {},
                           "write the date as YYYY-MM-DD, for example --as-of 2024-04-05");
    return *date;
}

// The report month: given as YYYY-MM, or else the last whole month before the as-of date.
Date parse_period(const std::string& text, const Date& as_of) {
    if (text.empty()) {
        Date first_of_month{as_of.year, as_of.month, 1};
        Date previous = common::add_days(first_of_month, -1);
        return Date{previous.year, previous.month, 1};
    }
    auto date = text.size() == 7 ? common::parse_iso_date(text + "-01") : std::nullopt;
    if (!date)
        throw PirpackError(ErrorKind::usage, "--period \"" + text + "\" is not a month", {},
                           "write the month as YYYY-MM, for example --period 2024-03");
    return *date;
}

// Sources still to load, as a share of the input bytes, below which the writer lets KPIs be
// evaluated alongside the load. Sharing turns the run tables to WAL mode, which writes each later
// page twice (into the WAL, then into the file); past this point that is a small part of them.
constexpr double share_when_left = 0.25;

// Loads every source into the store's run tables, recording files, rejects and timings in
// `record`. Returns false (having said why) when a source has more rejects than it allows.
// Files are read (and hashed) several at once, ahead of the writer; each source is indexed and
// recorded as soon as its rows are in, in programme order, so the output is as if read serially.
// Once most of the input is in, `evaluator` starts the KPIs that read only loaded sources.
bool load_sources(CommandContext& context, const CheckedInputs& inputs, store::Store& store,
                  store::RunTables& tables, long run_id, report::RunRecord& record, kpi::Evaluator& evaluator) {
    bool within_limits = true;
    std::vector<store::SourceFiles> sources;
    std::vector<std::uintmax_t> source_bytes;
    std::uintmax_t total_bytes = 0, loaded_bytes = 0;
    for (size_t s = 0; s < inputs.programme.sources.size(); ++s) {
        sources.push_back({&inputs.programme.sources[s], inputs.files[s].paths, inputs.files[s].paths});
        source_bytes.push_back(store::files_bytes(inputs.files[s].paths));
        total_bytes += source_bytes.back();
    }
    std::set<std::string> readable;
    std::map<std::string, long> rows_loaded;
    auto create_table = [&](const config::Source& source) { return tables.create_table(source); };
    auto record_source = [&](size_t s, store::LoadedSource&& loaded) {
        const config::Source& source = inputs.programme.sources[s];
        validate::SourceResult& result = loaded.result;
        Poco::Timestamp indexing;
        tables.create_indexes(source);
        double index_seconds = static_cast<double>(indexing.elapsed()) / 1e6;
        report::SourceRecord source_record{source.name, {}, std::move(result.rejects), loaded.date_column,
                                           loaded.first_date, loaded.last_date};
        std::uint64_t bytes = 0;
        for (size_t f = 0; f < result.files.size(); ++f) {
            const auto& counts = result.files[f];
            const common::FileDigest& digest = loaded.digests[f];
            bytes += digest.bytes;
            source_record.files.push_back({source.name, counts.path, digest.sha256, digest.bytes, counts.rows_read,
                                           counts.rows_loaded, counts.rows_rejected, counts.blank_lines});
            store.add_input_file(run_id, source_record.files.back());
        }
        store.add_rejects(run_id, source.name, source_record.rejects);
        long read = result.rows_read(), rejected = result.rows_rejected();
        double seconds = loaded.seconds + index_seconds;
        record.stages.push_back({"read+validate " + source.name, loaded.read_seconds, read, true});
        record.stages.push_back({"load " + source.name, loaded.seconds, read});
        record.stages.push_back({"index " + source.name, index_seconds, read - rejected});
        char timing[96];
        std::snprintf(timing, sizeof timing, " in %.3f s (%.0f rows/s, %.1f MB/s)", seconds,
                      seconds > 0 ? static_cast<double>(read) / seconds : 0.0,
                      seconds > 0 ? static_cast<double>(bytes) / 1e6 / seconds : 0.0);
        context.out << "  " << source.name << ": " << common::count_of(read, "row") << " read, " << read - rejected
                    << " loaded, " << rejected << " rejected" << timing << "\n";
        if (auto error = validate::reject_limit_error(source, result,
                                                      "run pirpack validate to see the rejects and their reasons")) {
            within_limits = false;
            context.err << common::format_diagnostic(*error) << "\n";
        }
        record.sources.push_back(std::move(source_record));
        // Once most of the input is in, the KPIs that read only what is loaded are evaluated
        // while the rest loads (not after the last source, nor in a run that is failing).
        loaded_bytes += source_bytes[s];
        readable.insert(source.name);
        rows_loaded[source.name] = read - rejected;
        const bool more = s + 1 < sources.size();
        // With fault points on (the crash tests), the tables are shared all the same, but no KPI
        // is evaluated before the load ends: points passed on a thread running alongside the
        // load would be numbered differently from one run to the next.
        if (more && within_limits &&
            static_cast<double>(total_bytes - loaded_bytes) <= share_when_left * static_cast<double>(total_bytes) &&
            evaluator.would_start(readable) > 0 && tables.share_loaded() && !common::fault_points_enabled())
            evaluator.start_ready(readable, rows_loaded);
    };
    store::load_sources(sources, create_table, record_source);
    return within_limits;
}

// Writes one file of the pack into the staging folder, failing loudly if it could not be written.
template <typename Write>
void write_pack_file(const publish::Publisher& publisher, const std::string& name, Write&& write) {
    common::fault_point(("write: " + name).c_str());
    const std::string path = publisher.staging_file(name);
    std::ofstream out(path, std::ios::binary);
    write(out);
    out.close();
    if (!out) throw PirpackError(ErrorKind::run, "writing " + name + " failed", {path, "", 0, 0, ""},
                                 "check the free space and permissions of the outputs folder");
}

void print_failures(CommandContext& context, const kpi::Evaluation& evaluation) {
    for (const auto& failure : evaluation.failures)
        context.err << common::format_diagnostic({common::Severity::error, failure.location,
                                                  "KPI \"" + failure.kpi_id + "\" failed: " + failure.message,
                                                  "correct its sql; the pack never goes out with a KPI missing"})
                    << "\n";
}

void print_history(CommandContext& context, const kpi::History& history) {
    if (!history.previous) {
        context.out << "  first pack for this programme: nothing to compare with\n";
        return;
    }
    context.out << "  since the pack for " << history.previous->period << " (as of " << history.previous->as_of
                << "): " << common::count_of(static_cast<long>(history.rag_changes.size()), "RAG change") << ", "
                << common::count_of(static_cast<long>(history.restatements.size()), "restatement") << ", "
                << common::count_of(static_cast<long>(history.definition_changes.size()), "definition change") << "\n";
    for (const auto& change : history.definition_changes)
        context.out << "    definition changed: " << change.kpi_id
                    << (change.before.empty() ? " (new)" : change.after.empty() ? " (removed)" : "") << "\n";
}

int run_logged(CommandContext& context);

// One line for the console and the log: each kind of stage summed over the sources, in the order
// they first ran. The manifest has them per source, but it is written before publishing.
std::string stage_summary(const std::vector<report::StageTiming>& stages) {
    std::vector<std::pair<std::string, double>> kinds;
    std::string overlapped;  // the kinds that ran alongside others
    for (const auto& stage : stages) {
        // Per source stages are summed by kind ("load", "index"...).
        const std::string kind =
            stage.stage == "evaluate alongside load" ? stage.stage : stage.stage.substr(0, stage.stage.find(' '));
        auto it = std::find_if(kinds.begin(), kinds.end(), [&](const auto& k) { return k.first == kind; });
        if (it == kinds.end()) it = kinds.insert(kinds.end(), {kind, 0.0});
        it->second += stage.seconds;
        if (stage.overlapped && overlapped.find(kind) == std::string::npos)
            overlapped += (overlapped.empty() ? "" : " and ") + kind;
    }
    std::string line = "  stages:";
    char figure[64];
    for (size_t i = 0; i < kinds.size(); ++i) {
        std::snprintf(figure, sizeof figure, " %.3f s", kinds[i].second);
        line += (i ? ", " : " ") + kinds[i].first + figure;
    }
    if (!overlapped.empty()) line += " (" + overlapped + ": on other threads, at the same time as load)";
    return line;
}

// Everything run says on the console also goes to the log file, if the settings name one.
int run_run(CommandContext& context) {
    RunLog log(context.settings);
    LogTee out_tee(context.out, log, false), err_tee(context.err, log, true);
    std::ostream out(&out_tee), err(&err_tee);
    CommandContext logged{context.spec, context.options, context.arguments, context.settings, out, err};
    try {
        int code = run_logged(logged);
        if (code != exit_success) log.error("run failed with exit code " + std::to_string(code));
        return code;
    } catch (const std::exception& failure) {
        log.error(std::string("run failed: ") + failure.what());
        throw;
    }
}

int run_logged(CommandContext& context) {
    Date as_of = context.has("as-of") ? parse_as_of(context.get("as-of")) : today();
    Date period = parse_period(context.get("period"), as_of);
    if (as_of < period)
        throw PirpackError(ErrorKind::usage,
                           "the as-of date " + common::format_iso_date(as_of) + " is before the period " +
                               common::format_iso_date(period).substr(0, 7) + " starts", {},
                           "a pack speaks for a month that has begun: pass a later --as-of or an earlier --period");
    // Before anything is read, so two runs never interleave (the second exits at once).
    publish::RunLock lock(context.settings.outputs);
    // A file-size limit (ulimit -f) then fails the write that crosses it with EFBIG, which the run
    // reports like a full disk, instead of killing the process with SIGXFSZ.
    std::signal(SIGXFSZ, SIG_IGN);
    int exit_code = exit_success;
    auto inputs = check_inputs(context, exit_code);
    if (!inputs) return exit_code;
    // A broken template fails the run before any data is read.
    const report::markdown::Templates templates = context.has("templates")
                                                      ? report::markdown::load_templates(context.get("templates"))
                                                      : report::markdown::builtin_templates();
    const config::Programme& programme = inputs->programme;
    const std::string period_text = common::format_iso_date(period).substr(0, 7);
    context.out << "pirpack run: period " << period_text << ", as of " << common::format_iso_date(as_of) << "\n";

    const std::string store_location = context.settings.store.empty()
                                           ? Poco::Path(Poco::Path(context.settings.outputs).makeDirectory(), "pirpack.db").toString()
                                           : context.settings.store;
    auto store = store::Store::open(store_location);
    // Before anything is staged: a run killed while publishing may have left the previous pack
    // beside the new one, and only the store can say which of them it committed.
    const publish::CommittedCheck committed = [&](const publish::PackRun& run) {
        return store::run_was_committed(*store, run.run_id, {run.programme, run.period, run.as_of});
    };
    for (const auto& line : publish::recover_outputs(context.settings.outputs, committed))
        context.out << "  after a killed run: " << line << "\n";
    common::fault_point("start: outputs put right, nothing staged");
    auto tables = with_fault_points(store::RunTables::create(store_location));
    publish::Publisher publisher(context.settings.outputs, period_text);
    store->begin();
    std::string timings;
    try {
        long run_id = store->start_run({programme.info.name, period_text, common::format_iso_date(as_of)});
        publisher.mark_run({run_id, programme.info.name, period_text, common::format_iso_date(as_of)});
        report::RunRecord record;
        record.programme = programme.info.name;
        record.programme_file = context.settings.programme_path();
        record.programme_sha256 = common::digest_file(record.programme_file).sha256;
        record.period = period_text;
        record.as_of = common::format_iso_date(as_of);
        kpi::Evaluator evaluator(programme, [&] { return tables->open_session(); }, period,
                                 programme.info.baseline.from);
        if (!load_sources(context, *inputs, *store, *tables, run_id, record, evaluator)) {
            store->rollback();
            context.err << "pirpack run: nothing was published and the store is as the last good run left it\n";
            return exit_input;
        }
        // The extracts are expected to cover the programme's baseline onwards; a matched window
        // before that would compare against nothing.
        Poco::Timestamp finishing;
        tables->finish_load();
        record.stages.push_back({"finish load", static_cast<double>(finishing.elapsed()) / 1e6, 0});
        Poco::Timestamp started;
        std::map<std::string, long> source_rows;
        for (const auto& source : record.sources)
            for (const auto& file : source.files) source_rows[source.source] += file.rows_loaded;
        kpi::Evaluation evaluation = evaluator.finish(2, source_rows);
        if (evaluator.early_count() > 0)
            record.stages.push_back({"evaluate alongside load", evaluator.early_seconds(),
                                     static_cast<long>(evaluator.early_count()), true});
        if (!evaluation.failures.empty()) {
            print_failures(context, evaluation);
            store->rollback();
            context.err << "pirpack run: " << common::count_of(static_cast<long>(evaluation.failures.size()), "KPI")
                        << " failed; nothing was published and the store is as the last good run left it\n";
            return exit_run_failure;
        }
        const double evaluate_seconds = static_cast<double>(started.elapsed()) / 1e6;
        record.stages.push_back({"evaluate", evaluate_seconds, static_cast<long>(evaluation.results.size())});
        context.out << "  evaluated " << common::count_of(static_cast<long>(evaluation.results.size()), "KPI") << " in "
                    << evaluate_seconds << " s";
        if (evaluator.early_count() > 0)
            context.out << " after the load (" << evaluator.early_count() << " of them alongside it)";
        context.out << "\n";
        auto previous = store->last_published_run(programme.info.name, run_id);
        kpi::History history = kpi::compare_with_previous(
            previous, previous ? store->kpi_results(previous->run_id) : std::vector<store::KpiRecord>{}, evaluation);
        store->add_kpi_results(run_id, kpi::records_of(evaluation));
        print_history(context, history);
        Poco::Timestamp rendering;
        // A pack for beyond the board goes through disclosure control; the store keeps the real
        // figures for the next pack to compare with.
        const bool publish = context.has("publish");
        kpi::Evaluation shown = evaluation;
        if (publish) {
            auto suppressed = kpi::apply_disclosure_control(shown, programme.info.min_cell_count);
            context.out << "  disclosure control (min_cell_count " << programme.info.min_cell_count << "): "
                        << common::count_of(suppressed.primary, "figure") << " suppressed, "
                        << suppressed.secondary << " more to protect them\n";
        }
        report::ReportInputs report_inputs;
        report_inputs.programme = &programme;
        report_inputs.evaluation = &shown;
        report_inputs.publish = publish;
        report_inputs.history = &history;
        report_inputs.run = &record;
        report_inputs.period = period;
        report_inputs.as_of = as_of;
        report_inputs.inputs_dir = context.settings.inputs;
        const std::string narrative_dir = Poco::Path(Poco::Path(context.settings.inputs).makeDirectory(), "narrative").toString();
        if (Poco::File(narrative_dir).exists()) report_inputs.narrative_dir = narrative_dir;
        report::read_run_tables(programme, *tables->open_session(), report_inputs);
        for (const auto& snapshot : store->register_history(programme.info.name, run_id)) {
            std::vector<report::RegisterRow> rows;
            for (const auto& r : snapshot)
                rows.push_back({r.action_id, r.workstream, r.area, r.action, r.owner, r.due, r.status, r.last_update, r.notes});
            report_inputs.register_history.push_back(std::move(rows));
        }
        {
            std::vector<store::RegisterRecord> snapshot;
            for (const auto& r : report_inputs.register_rows)
                snapshot.push_back({r.id, r.workstream, r.area, r.action, r.owner, r.due, r.status, r.last_update, r.notes});
            store->add_register(run_id, snapshot);
        }
        common::DiagnosticList report_problems;
        report::Report report = report::build_report(report_inputs, report_problems);
        if (report_problems.has_errors()) {
            for (const auto& problem : report_problems.items()) context.err << common::format_diagnostic(problem) << "\n";
            store->rollback();
            context.err << "pirpack run: the narrative has " << common::count_of(report_problems.error_count(), "error")
                        << "; nothing was published and the store is as the last good run left it\n";
            return exit_input;
        }
        report.versions = report::component_versions();
        const std::string markdown = report::markdown::render_markdown(report, templates, false);
        const std::string register_markdown = report::markdown::render_register_markdown(report, templates);
        const std::string html = report::html::render_html(report, report::markdown::render_markdown(report, templates, true));
        record.stages.push_back({"render", static_cast<double>(rendering.elapsed()) / 1e6, 0});
        Poco::Timestamp writing;
        write_pack_file(publisher, "closure-report.md", [&](std::ostream& out) { out << markdown; });
        write_pack_file(publisher, "closure-report.html", [&](std::ostream& out) { out << html; });
        report::excel::write_closure_workbook(report, publisher.staging_file("closure-report.xlsx"));
        write_pack_file(publisher, "residual-actions.md", [&](std::ostream& out) { out << register_markdown; });
        report::excel::write_register_workbook(report, publisher.staging_file("residual-actions.xlsx"));
        write_pack_file(publisher, "kpis.json", [&](std::ostream& out) {
            report::write_kpis_json(programme, shown, history, {period_text, common::format_iso_date(as_of)}, out);
        });
        write_pack_file(publisher, "rejects.csv", [&](std::ostream& out) { report::write_rejects_csv(record, out, !publish); });
        record.stages.push_back({"write", static_cast<double>(writing.elapsed()) / 1e6, 0});
        // The manifest goes last so that it can carry every other stage's timing.
        write_pack_file(publisher, "manifest.json", [&](std::ostream& out) { report::write_manifest_json(record, out); });
        // The store's commit publishes the run: the pack is swapped in just before it and the
        // previous pack deleted just after it (publish/publisher.hpp).
        Poco::Timestamp publishing;
        store->finish_run(run_id, "published");
        publisher.swap_in();
        common::fault_point("publish: pack swapped in, store not committed");
        store->commit();
        common::fault_point("publish: store committed, previous pack not deleted");
        if (const std::string left = publisher.discard_previous(); !left.empty())
            context.err << "pirpack run: warning: the pack is published, but " << left << "; the next run deletes it\n";
        // The pack and the history are committed: from here a failure is a warning, or a run that
        // published would exit as one that changed nothing (README: "any exit but 0 changes nothing").
        try {
            tables->publish();
        } catch (const PirpackError& failure) {
            context.err << "pirpack run: warning: the pack is published, but " << failure.what() << " ("
                        << failure.hint() << "); " << tables->published_location()
                        << " still holds the previous run's extracts until a run moves its own in\n";
        }
        common::fault_point("publish: done");
        record.stages.push_back({"publish", static_cast<double>(publishing.elapsed()) / 1e6, 0});
        timings = stage_summary(record.stages);
    } catch (...) {
        store->rollback();
        if (publisher.swapped()) {
            try {
                publish::recover_outputs(context.settings.outputs, committed);
            } catch (...) {
                // The next run's recovery finishes it; the error that got us here is the one to report.
            }
        }
        throw;
    }
    context.out << "published " << publisher.final_dir() << "\n";
    context.out << timings << "\n";
    return exit_success;
}

}  // namespace

const CommandSpec run_command = {
    "run",
    "produce the month's pack from the inputs",
    "[options]",
    "Reads the programme and its extracts, evaluates every KPI over its windows and publishes the "
    "pack into OUTPUTS/<period>/. Safe to run from cron: no prompts, and a failed run publishes nothing.",
    {
        {"inputs", "DIR", "folder holding programme.toml and the extracts (default: inputs)"},
        {"outputs", "DIR", "folder the pack is published into (default: outputs)"},
        {"programme", "FILE", "programme file (default: INPUTS/programme.toml)"},
        {"period", "YYYY-MM", "month the pack reports (default: the last whole month before the as-of date)"},
        {"as-of", "YYYY-MM-DD", "date the pack speaks for (default: today)"},
        {"store", "PATH|URL", "the store: a SQLite file (default: OUTPUTS/pirpack.db) or postgresql://user@host:port/database"},
        {"publish", "", "a pack for beyond the board: disclosure control (the programme's min_cell_count) on every figure, no reject values"},
        {"templates", "DIR", "render the report from this copy of report_templates/ (default: the built-in templates)"},
        {"config", "FILE", "read settings from a .properties, .ini or .xml file; options given here override it"},
    },
    "  pirpack run --inputs inputs/sample --period 2024-03 --as-of 2024-04-05\n"
    "  pirpack run --config /etc/pirpack/force.properties\n",
    &run_run,
};

}  // namespace pirpack::cli
