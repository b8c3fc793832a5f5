// pirpack sample: write a deterministic synthetic input folder for the seed's programme.
#include <Poco/File.h>

#include <charconv>
#include <ostream>

#include "cli/command.hpp"
#include "cli/exit_codes.hpp"
#include "common/errors.hpp"
#include "common/text.hpp"
#include "sample/sample_writer.hpp"

namespace pirpack::cli {

namespace {

using common::ErrorKind;
using common::PirpackError;

std::uint64_t parse_unsigned(const std::string& option, const std::string& text, std::uint64_t low, std::uint64_t high) {
    std::uint64_t value = 0;
    auto result = std::from_chars(text.data(), text.data() + text.size(), value);
    if (result.ec != std::errc() || result.ptr != text.data() + text.size() || value < low || value > high)
        throw PirpackError(ErrorKind::usage, "--" + option + " \"" + text + "\" is not a whole number from " +
                                                 std::to_string(low) + " to " + std::to_string(high),
                           {}, "for example --" + option + " " + std::to_string(low));
    return value;
}

int run_sample(CommandContext& context) {
    if (!context.has("out"))
        throw PirpackError(ErrorKind::usage, "sample needs --out DIR", {},
                           "for example: pirpack sample --out inputs/sample");
    if (!context.arguments.empty())
        throw PirpackError(ErrorKind::usage, "unexpected argument \"" + context.arguments.front() + "\"", {},
                           "sample takes only options; see pirpack sample --help");
    sample::SampleOptions options;
    options.out_dir = context.get("out");
    options.scale = static_cast<int>(parse_unsigned("scale", context.get("scale", "1"), 1, 1000));
    options.seed = parse_unsigned("seed", context.get("seed", "1"), 0, UINT64_MAX);
    // Writing over an earlier sample could leave files of a larger --scale behind, and a glob
    // such as crime_*.xlsx would read them: start from an empty folder.
    Poco::File out_dir(options.out_dir);
    if (out_dir.exists()) {
        std::vector<std::string> entries;
        if (out_dir.isDirectory()) out_dir.list(entries);
        if (!out_dir.isDirectory() || !entries.empty())
            throw PirpackError(ErrorKind::usage, options.out_dir + " already exists and is not an empty folder", {},
                               "choose a new folder, or delete this one first");
    }
    sample::SampleSummary summary = sample::write_sample(options);
    long rows = 0;
    for (const auto& file : summary.files) {
        context.out << "  " << file.path;
        if (file.rows > 0) context.out << ": " << common::count_of(file.rows, "row");
        context.out << "\n";
        rows += file.rows;
    }
    context.out << "wrote " << summary.files.size() << " files (" << rows << " rows) to " << options.out_dir
                << " (scale " << options.scale << ", seed " << options.seed << ")\n";
    return exit_success;
}

}  // namespace

const CommandSpec sample_command = {
    "sample",
    "write a synthetic input folder for the Empower People programme",
    "--out DIR [options]",
    "Writes programme.toml, HR, duties and crime extracts, the residual-action register and "
    "narrative for a force shaped like the seed programme's. The same seed always gives "
    "byte-identical files. No real person's data is in it.",
    {
        {"out", "DIR", "folder to write: new or empty"},
        {"scale", "N", "number of forces to write, for scale tests (default: 1)"},
        {"seed", "S", "random seed (default: 1)"},
    },
    "  pirpack sample --out inputs/sample\n"
    "  pirpack sample --out /tmp/scale20 --scale 20 --seed 7\n",
    &run_sample,
};

}  // namespace pirpack::cli
