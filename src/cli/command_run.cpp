// pirpack run: produce the month's pack. Until ingestion, the KPI engine and the renderers exist,
// a run checks its inputs and the reporting period and says plainly that nothing is published.
#include <Poco/DateTime.h>
#include <Poco/LocalDateTime.h>

#include <ostream>

#include "cli/command.hpp"
#include "cli/exit_codes.hpp"
#include "cli/input_check.hpp"
#include "common/date.hpp"
#include "common/errors.hpp"
#include "common/text.hpp"

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
    size_t file_count = 0;
    for (const auto& files : inputs->files) file_count += files.paths.size();
    context.out << "pirpack run: period " << common::format_iso_date(period).substr(0, 7) << ", as of "
                << common::format_iso_date(as_of) << "\n"
                << "programme " << context.settings.programme_path() << ": "
                << common::count_of(inputs->programme.workstreams.size(), "workstream") << ", "
                << common::count_of(inputs->programme.sources.size(), "source") << " ("
                << common::count_of(file_count, "file") << "), " << common::count_of(inputs->programme.kpis.size(), "KPI")
                << "\n"
                << "inputs checked; this version does not yet read the extracts or write a pack, so nothing "
                   "was published to "
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
        {"config", "FILE", "read settings from a .properties, .ini or .xml file; options given here override it"},
    },
    "  pirpack run --inputs inputs/sample --period 2024-03 --as-of 2024-04-05\n"
    "  pirpack run --config /etc/pirpack/force.properties\n",
    &run_run,
};

}  // namespace pirpack::cli
