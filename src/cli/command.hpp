// What every subcommand is: its name, help text, options and the function that runs it. Each
// command lives in its own command_<name>.cpp and exposes one CommandSpec.
#pragma once

#include <iosfwd>
#include <map>
#include <string>
#include <vector>

#include "common/diagnostics.hpp"
#include "config/settings.hpp"

namespace pirpack::cli {

struct OptionSpec {
    std::string name;         // long name, used as --name
    std::string argument;     // empty for a flag, else the placeholder shown in help
    std::string description;
};

struct CommandContext;

struct CommandSpec {
    std::string name;
    std::string summary;       // one line, for pirpack --help
    std::string usage;         // after "pirpack <name> "
    std::string description;   // a paragraph for pirpack <name> --help
    std::vector<OptionSpec> options;
    std::string examples;      // shown at the end of the help
    int (*run)(CommandContext& context) = nullptr;
};

// What a command gets when it runs.
struct CommandContext {
    const CommandSpec& spec;
    std::map<std::string, std::string> options;  // as given; flags map to "true"
    std::vector<std::string> arguments;          // positional arguments after the command name
    config::Settings settings;                   // settings file with command-line overrides applied
    std::ostream& out;
    std::ostream& err;

    bool has(const std::string& name) const { return options.count(name) > 0; }
    std::string get(const std::string& name, const std::string& fallback = {}) const;

    // Prints each diagnostic to err; returns the number of errors among them.
    int print(const common::DiagnosticList& diagnostics) const;
};

extern const CommandSpec run_command;
extern const CommandSpec validate_command;
extern const CommandSpec sample_command;
extern const CommandSpec inspect_command;

}  // namespace pirpack::cli
