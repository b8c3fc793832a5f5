// pirpack run: produce the month's pack. Until the KPI engine and the renderers exist, a run
// checks its inputs, loads the extracts into the store in one transaction (rolled back if any
// source has too many rejects) and says plainly that nothing is published.
#include <Poco/DateTime.h>
#include <Poco/LocalDateTime.h>
#include <Poco/Path.h>
#include <Poco/Timestamp.h>

#include <cstdio>

#include <ostream>

#include "cli/command.hpp"
#include "cli/exit_codes.hpp"
#include "cli/input_check.hpp"
#include "common/date.hpp"
#include "common/errors.hpp"
#include "common/file_hash.hpp"
#include "common/text.hpp"
#include "store/store.hpp"
#include "validate/source_reader.hpp"

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

int run_run(CommandContext& context) {
    Date as_of = context.has("as-of") ? parse_as_of(context.get("as-of")) : today();
    Date period = parse_period(context.get("period"), as_of);
    if (as_of < period)
        throw PirpackError(ErrorKind::usage,
                           "the as-of date " + common::format_iso_date(as_of) + " is before the period " +
                               common::format_iso_date(period).substr(0, 7) + " starts", {},
                           "a pack speaks for a month that has begun: pass a later --as-of or an earlier --period");
    int exit_code = exit_success;
    auto inputs = check_inputs(context, exit_code);
    if (!inputs) return exit_code;
    const std::string period_text = common::format_iso_date(period).substr(0, 7);
    context.out << "pirpack run: period " << period_text << ", as of " << common::format_iso_date(as_of) << "\n";

    const std::string store_location = context.settings.store.empty()
                                           ? Poco::Path(Poco::Path(context.settings.outputs).makeDirectory(), "pirpack.db").toString()
                                           : context.settings.store;
    auto store = store::Store::open(store_location);
    store->begin();
    try {
        long run_id = store->start_run({inputs->programme.info.name, period_text, common::format_iso_date(as_of)});
        bool over_limit = false;
        for (size_t s = 0; s < inputs->programme.sources.size(); ++s) {
            const config::Source& source = inputs->programme.sources[s];
            const auto& paths = inputs->files[s].paths;
            Poco::Timestamp started;
            auto writer = store->replace_table(source);
            validate::SourceResult result = validate::read_source(
                source, paths, paths, [&](const std::vector<validate::Value>& values) { writer->add_row(values); });
            std::uint64_t bytes = 0;
            for (size_t f = 0; f < result.files.size(); ++f) {
                const auto& counts = result.files[f];
                common::FileDigest digest = common::digest_file(paths[f]);
                bytes += digest.bytes;
                store->add_input_file(run_id, {source.name, counts.path, digest.sha256, digest.bytes, counts.rows_read,
                                               counts.rows_loaded, counts.rows_rejected, counts.blank_lines});
            }
            store->add_rejects(run_id, source.name, result.rejects);
            long read = result.rows_read(), rejected = result.rows_rejected();
            double seconds = static_cast<double>(started.elapsed()) / 1e6;
            char timing[96];
            std::snprintf(timing, sizeof timing, " in %.3f s (%.0f rows/s, %.1f MB/s)", seconds,
                          seconds > 0 ? static_cast<double>(read) / seconds : 0.0,
                          seconds > 0 ? static_cast<double>(bytes) / 1e6 / seconds : 0.0);
            context.out << "  " << source.name << ": " << common::count_of(read, "row") << " read, " << read - rejected
                        << " loaded, " << rejected << " rejected" << timing << "\n";
            if (result.over_reject_limit(source.max_reject_rate)) {
                over_limit = true;
                context.err << common::format_diagnostic(
                                   {common::Severity::error, source.location,
                                    "source \"" + source.name + "\": " + std::to_string(rejected) + " of " +
                                        std::to_string(read) + " rows rejected, more than max_reject_rate allows",
                                    "run pirpack validate to see the rejects and their reasons"})
                            << "\n";
            }
        }
        if (over_limit) {
            store->rollback();
            context.err << "pirpack run: nothing was published and the store is as the last good run left it\n";
            return exit_input;
        }
        store->finish_run(run_id, "loaded");
        store->commit();
    } catch (...) {
        store->rollback();
        throw;
    }
    context.out << "extracts loaded into " << store_location
                << "; the KPI engine and the pack are not built yet, so nothing was published to "
                << context.settings.outputs << "\n";
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
        {"store", "PATH", "the store: a SQLite file (default: OUTPUTS/pirpack.db)"},
        {"config", "FILE", "read settings from a .properties, .ini or .xml file; options given here override it"},
    },
    "  pirpack run --inputs inputs/sample --period 2024-03 --as-of 2024-04-05\n"
    "  pirpack run --config /etc/pirpack/force.properties\n",
    &run_run,
};

}  // namespace pirpack::cli
