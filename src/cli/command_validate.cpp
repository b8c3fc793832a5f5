// pirpack validate: check the programme file and find the extracts, publishing nothing.
#include <ostream>

#include "cli/command.hpp"
#include "cli/exit_codes.hpp"
#include "cli/input_check.hpp"
#include "common/text.hpp"

namespace pirpack::cli {

namespace {

int run_validate(CommandContext& context) {
    int exit_code = exit_success;
    auto inputs = check_inputs(context, exit_code);
    if (!inputs) return exit_code;
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
    "Checks programme.toml (every mistake reported at once, with its line and column and a hint) "
    "and that each source's extract files are present. It writes nothing.",
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
