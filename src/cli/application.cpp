#include "cli/application.hpp"

#include <Poco/Exception.h>
#include <Poco/Util/Application.h>
#include <Poco/Util/HelpFormatter.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionException.h>
#include <Poco/Util/OptionSet.h>

#include <iostream>
#include <sstream>

#include "cli/command.hpp"
#include "cli/exit_codes.hpp"
#include "common/errors.hpp"
#include "common/text.hpp"

namespace pirpack::cli {

namespace {

const std::vector<const CommandSpec*>& commands() {
    static const std::vector<const CommandSpec*> all = {&run_command, &validate_command, &sample_command,
                                                        &inspect_command};
    return all;
}

const CommandSpec* find_command(const std::string& name) {
    for (const auto* command : commands())
        if (command->name == name) return command;
    return nullptr;
}

const std::string exit_code_text =
    "Exit codes:\n"
    "  0  success\n"
    "  2  usage, settings or programme-file error\n"
    "  3  input error: an extract is missing, unreadable or has too many rejects\n"
    "  4  run failure: nothing was published\n"
    "  5  another run is in progress\n";

void add_options(Poco::Util::OptionSet& set, const std::vector<OptionSpec>& specs) {
    for (const auto& spec : specs) {
        Poco::Util::Option option(spec.name, spec.name == "help" ? "h" : "", spec.description, false);
        if (!spec.argument.empty()) option.argument(spec.argument, true);
        option.repeatable(false);
        set.addOption(option);
    }
}

std::vector<OptionSpec> command_options(const CommandSpec& spec) {
    std::vector<OptionSpec> all = spec.options;
    all.push_back({"help", "", "show this help and exit"});
    return all;
}

// Poco's formatter lays out the options; the examples keep their own line breaks.
void print_help(const CommandSpec& spec, std::ostream& out) {
    Poco::Util::OptionSet set;
    add_options(set, command_options(spec));
    Poco::Util::HelpFormatter formatter(set);
    formatter.setUnixStyle(true);
    formatter.setAutoIndent();
    formatter.setCommand("pirpack " + spec.name);
    formatter.setUsage(spec.usage);
    formatter.setHeader(spec.description);
    std::ostringstream text;
    formatter.format(text);
    // Poco pads wrapped lines with a trailing space; drop it, and set the usage line apart.
    std::istringstream lines(text.str());
    std::string line;
    for (bool first = true; std::getline(lines, line); first = false) {
        while (!line.empty() && line.back() == ' ') line.pop_back();
        out << line << "\n";
        if (first) out << "\n";
    }
    out << "\nExamples:\n" << spec.examples << "\n" << exit_code_text;
}

void print_top_help(std::ostream& out) {
    out << "usage: pirpack COMMAND [options]\n"
           "\n"
           "pirpack turns a force's monthly HR, duties and crime extracts into post-implementation\n"
           "review evidence for a change programme: KPIs per workstream against target and the\n"
           "pre-go-live baseline, a closure report and a residual-action register.\n"
           "\n"
           "Commands:\n";
    for (const auto* command : commands()) {
        std::string name = command->name;
        name.resize(10, ' ');
        out << "  " << name << command->summary << "\n";
    }
    out << "\n"
           "Options:\n"
           "  --help      show this help, or a command's help after its name\n"
           "  --version   show the version and exit\n"
           "\n"
           "Examples:\n"
           "  pirpack sample --out inputs/sample\n"
           "  pirpack validate --inputs inputs/sample\n"
           "  pirpack run --inputs inputs/sample --period 2024-03\n"
           "  pirpack run --help\n"
           "\n"
        << exit_code_text;
}

// Every option that takes a value, whichever command defines it, so the command name can be
// found even when options come before it.
bool takes_value(const std::string& name) {
    for (const auto* command : commands())
        for (const auto& option : command->options)
            if (option.name == name) return !option.argument.empty();
    return false;
}

class PirpackApplication : public Poco::Util::Application {
public:
    explicit PirpackApplication(const CommandSpec& spec) : spec_(spec) {
        setUnixOptions(true);
    }

    bool help_requested() const { return help_; }
    std::map<std::string, std::string>& given() { return given_; }

protected:
    void defineOptions(Poco::Util::OptionSet& options) override { add_options(options, command_options(spec_)); }

    void handleOption(const std::string& name, const std::string& value) override {
        if (name == "help") {
            help_ = true;
            stopOptionsProcessing();
            return;
        }
        if (given_.count(name))
            throw Poco::Util::DuplicateOptionException("--" + name);
        given_[name] = value.empty() && !takes_value(name) ? "true" : value;
    }

    // Poco hands over the arguments it did not take as options.
    int main(const std::vector<std::string>& args) override {
        rest_ = args;
        return 0;
    }

public:
    const std::vector<std::string>& rest() const { return rest_; }

private:
    const CommandSpec& spec_;
    bool help_ = false;
    std::map<std::string, std::string> given_;
    std::vector<std::string> rest_;
};

int run_command_spec(const CommandSpec& spec, const std::vector<std::string>& args, std::ostream& out,
                     std::ostream& err) {
    PirpackApplication app(spec);
    std::vector<std::string> argv = args;
    try {
        app.init(argv);
    } catch (const Poco::Util::OptionException& failure) {
        std::string text = failure.displayText();
        if (!text.empty()) text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
        err << "pirpack " << spec.name << ": " << text << "\nhint: see pirpack " << spec.name << " --help\n";
        return exit_usage;
    }
    if (app.help_requested()) {
        print_help(spec, out);
        return exit_success;
    }
    CommandContext context{spec, app.given(), {}, {}, out, err};
    app.run();
    bool seen_command = false;
    for (const auto& argument : app.rest()) {
        if (!seen_command && argument == spec.name) {
            seen_command = true;  // the first free argument is the command's own name
            continue;
        }
        context.arguments.push_back(argument);
    }
    try {
        common::DiagnosticList diagnostics;
        if (context.has("config")) config::load_settings(context.get("config"), context.settings, diagnostics);
        if (context.has("inputs")) context.settings.inputs = context.get("inputs");
        if (context.has("outputs")) context.settings.outputs = context.get("outputs");
        if (context.has("programme")) context.settings.programme = context.get("programme");
        if (context.has("store")) context.settings.store = context.get("store");
        if (context.has("log-level")) context.settings.log_level = context.get("log-level");
        config::check_settings(context.settings, diagnostics);
        if (context.print(diagnostics) > 0) return exit_usage;
        return spec.run(context);
    } catch (const common::PirpackError& failure) {
        common::Diagnostic diagnostic{common::Severity::error, failure.location(), failure.what(), failure.hint()};
        if (diagnostic.location.file.empty()) diagnostic.location.file = "pirpack " + spec.name;
        err << common::format_diagnostic(diagnostic) << "\n";
        return exit_code_for(failure.kind());
    } catch (const Poco::Exception& failure) {
        err << "pirpack " << spec.name << ": error: " << failure.displayText() << "\n";
        return exit_run_failure;
    } catch (const std::exception& failure) {
        err << "pirpack " << spec.name << ": error: " << failure.what() << "\n";
        return exit_run_failure;
    }
}

}  // namespace

std::string CommandContext::get(const std::string& name, const std::string& fallback) const {
    auto it = options.find(name);
    return it == options.end() ? fallback : it->second;
}

int CommandContext::print(const common::DiagnosticList& diagnostics) const {
    for (const auto& diagnostic : diagnostics.items()) err << common::format_diagnostic(diagnostic) << "\n";
    return diagnostics.error_count();
}

int run_main(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    // The command is the first argument that is neither an option nor an option's value.
    const CommandSpec* spec = nullptr;
    std::string unknown;
    bool wants_help = false;
    bool wants_version = false;
    for (size_t i = 1; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (arg.rfind("--", 0) == 0) {
            std::string name = arg.substr(2, arg.find('=') == std::string::npos ? std::string::npos : arg.find('=') - 2);
            if (name == "help") wants_help = true;
            if (name == "version") wants_version = true;
            if (arg.find('=') == std::string::npos && takes_value(name)) ++i;
            continue;
        }
        if (arg == "-h") {
            wants_help = true;
            continue;
        }
        spec = find_command(arg);
        if (!spec) unknown = arg;
        break;
    }
    if (!unknown.empty()) {
        std::vector<std::string> names;
        for (const auto* command : commands()) names.push_back(command->name);
        std::string nearest = common::nearest_word(unknown, names);
        err << "pirpack: error: unknown command \"" << unknown << "\"\nhint: "
            << (nearest.empty() ? std::string() : "did you mean \"" + nearest + "\"? ")
            << "commands are " << common::join_words(names, " and ") << "; see pirpack --help\n";
        return exit_usage;
    }
    if (!spec) {
        if (wants_version) {
            out << "pirpack " << PIRPACK_VERSION << "\n";
            return exit_success;
        }
        if (wants_help) {
            print_top_help(out);
            return exit_success;
        }
        print_top_help(err);
        return exit_usage;
    }
    return run_command_spec(*spec, args, out, err);
}

int run_main(int argc, char** argv) {
    std::vector<std::string> args(argv, argv + argc);
    return run_main(args, std::cout, std::cerr);
}

}  // namespace pirpack::cli
