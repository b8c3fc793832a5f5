#include "cli/input_check.hpp"

#include <Poco/File.h>
#include <Poco/Glob.h>
#include <Poco/Path.h>

#include <algorithm>
#include <ostream>
#include <set>

#include "cli/exit_codes.hpp"
#include "config/programme_loader.hpp"

namespace pirpack::cli {

namespace {

std::vector<std::string> find_files(const std::string& base_dir, const std::string& pattern) {
    Poco::Path path(pattern);
    if (path.isRelative()) path = Poco::Path(Poco::Path(base_dir).makeDirectory(), pattern);
    std::set<std::string> found;
    Poco::Glob::glob(path.toString(), found, Poco::Glob::GLOB_DOT_SPECIAL);
    std::vector<std::string> files;
    for (const auto& file : found)
        if (Poco::File(file).isFile()) files.push_back(file);
    return files;  // std::set already sorted them
}

}  // namespace

std::optional<CheckedInputs> check_inputs(CommandContext& context, int& exit_code) {
    const std::string programme_path = context.settings.programme_path();
    common::DiagnosticList diagnostics;
    auto programme = config::load_programme(programme_path, diagnostics);
    int errors = context.print(diagnostics);
    if (!programme) {
        context.err << "pirpack " << context.spec.name << ": " << errors << (errors == 1 ? " error" : " errors")
                    << " in " << programme_path << "; nothing was run\n";
        exit_code = exit_usage;
        return std::nullopt;
    }
    CheckedInputs inputs{std::move(*programme), {}};
    const std::string base_dir = Poco::Path(programme_path).makeParent().toString();
    common::DiagnosticList missing;
    for (const auto& source : inputs.programme.sources) {
        SourceFiles files{source.name, find_files(base_dir.empty() ? "." : base_dir, source.path)};
        if (files.paths.empty()) {
            common::SourceLocation where = source.path_location;
            missing.error(where, "source \"" + source.name + "\": no file matches \"" + source.path + "\"",
                          "relative paths are read from " + (base_dir.empty() ? std::string("./") : base_dir) +
                              "; check the file was exported there, or correct path");
        }
        inputs.files.push_back(std::move(files));
    }
    if (context.print(missing) > 0) {
        exit_code = exit_input;
        return std::nullopt;
    }
    return inputs;
}

}  // namespace pirpack::cli
