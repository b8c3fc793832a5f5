// The checks validate and run share: the programme file, then each source's files on disk.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cli/command.hpp"
#include "config/programme.hpp"

namespace pirpack::cli {

struct SourceFiles {
    std::string source;
    std::vector<std::string> paths;  // sorted, as found on disk
};

struct CheckedInputs {
    config::Programme programme;
    std::vector<SourceFiles> files;  // one entry per source, in programme order
};

// Loads the programme and finds every source's files. On failure prints the diagnostics and sets
// `exit_code` (usage for a bad programme file, input for missing extracts).
std::optional<CheckedInputs> check_inputs(CommandContext& context, int& exit_code);

}  // namespace pirpack::cli
