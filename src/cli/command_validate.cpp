// pirpack validate: check the programme file and find the extracts, publishing nothing.
#include <cstdio>
#include <ostream>

#include "cli/command.hpp"
#include "cli/exit_codes.hpp"
#include "cli/input_check.hpp"
#include "common/text.hpp"
#include "validate/key_check.hpp"
#include "validate/source_reader.hpp"

namespace pirpack::cli {

namespace {

// How many rejects validate prints per source; a run writes them all to rejects.csv.
constexpr size_t rejects_shown = 20;

// Reads every source's files through its mapping, reporting each source's counts and rejects.
// Every source is read even when an earlier one fails, so one pass shows every problem.
bool check_extracts(CommandContext& context, const CheckedInputs& inputs) {
    bool ok = true;
    for (size_t s = 0; s < inputs.programme.sources.size(); ++s) {
        const config::Source& source = inputs.programme.sources[s];
        const auto& paths = inputs.files[s].paths;
        try {
            validate::KeyCheck keys(source);
            validate::SourceResult result = validate::read_source(source, paths, paths, keys.sink(paths));
            keys.settle(paths, paths, result);
            for (size_t i = 0; i < result.rejects.size() && i < rejects_shown; ++i) {
                const auto& reject = result.rejects[i];
                std::string column = reject.location.column_name.empty() ? std::string()
                                                                         : "column \"" + reject.location.column_name + "\": ";
                context.err << reject.location.describe() << ": reject: " << column << reject.reason << "\n";
            }
            if (result.rejects.size() > rejects_shown)
                context.err << "... and " << result.rejects.size() - rejects_shown << " more rejects in source \""
                            << source.name << "\"\n";
            long read = result.rows_read();
            long rejected = result.rows_rejected();
            context.out << "source " << source.name << ": " << common::count_of(static_cast<long>(paths.size()), "file")
                        << ", " << common::count_of(read, "row") << " read, " << read - rejected << " loaded, "
                        << rejected << " rejected (" << validate::percent_of(rejected, read) << ")\n";
            if (auto error = validate::reject_limit_error(
                    source, result,
                    "correct the extract, or raise max_reject_rate for this source if these rows may be left out")) {
                ok = false;
                context.err << common::format_diagnostic(*error) << "\n";
            }
        } catch (const common::PirpackError& failure) {
            ok = false;
            context.err << common::format_diagnostic(
                               {common::Severity::error, failure.location(), failure.what(), failure.hint()})
                        << "\n";
        }
    }
    return ok;
}

int run_validate(CommandContext& context) {
    int exit_code = exit_success;
    auto inputs = check_inputs(context, exit_code);
    if (!inputs) return exit_code;
    if (!check_extracts(context, *inputs)) {
        context.err << "pirpack validate: the extracts have problems; a run would publish nothing\n";
        return exit_input;
    }
    size_t file_count = 0;
    for (const auto& files : inputs->files) file_count += files.paths.size();
    const auto& programme = inputs->programme;
    context.out << context.settings.programme_path() << ": ok: " << common::count_of(programme.workstreams.size(), "workstream")
                << ", " << common::count_of(programme.sources.size(), "source") << " ("
                << common::count_of(file_count, "file") << " found), " << common::count_of(programme.kpis.size(), "KPI")
                << "\n";
    return exit_success;
}

}  // namespace

const CommandSpec validate_command = {
    "validate",
    "check the programme file and the extracts; publish nothing",
    "[options]",
    "Checks programme.toml (every mistake reported at once, with its line and column and a hint), "
    "then reads every extract through its mapping and reports each source's rows read, loaded and "
    "rejected, with the first rejects and their reasons. It writes nothing.",
    {
        {"inputs", "DIR", "folder holding programme.toml and the extracts (default: inputs)"},
        {"programme", "FILE", "programme file to check (default: INPUTS/programme.toml)"},
        {"config", "FILE", "read settings from a .properties, .ini or .xml file; options given here override it"},
    },
    "  pirpack validate --inputs inputs/sample\n"
    "  pirpack validate --programme /share/pir/programme.toml\n",
    &run_validate,
};

}  // namespace pirpack::cli
