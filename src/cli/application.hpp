// The command-line front end: picks the subcommand, processes options with Poco::Util, applies
// settings, runs the command and turns every failure into one exit code (cli/exit_codes.hpp).
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace pirpack::cli {

// The whole program, as main() calls it. Writes to `out` and `err` only.
int run_main(int argc, char** argv);
int run_main(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace pirpack::cli
