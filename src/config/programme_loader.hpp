// Reads programme.toml into a Programme, checking everything that can be checked without the
// extracts. Every mistake is reported in one pass, in file order, as a located diagnostic with a
// hint; a Programme is returned only when there were none.
#pragma once

#include <optional>
#include <string>

#include "common/diagnostics.hpp"
#include "config/programme.hpp"

namespace pirpack::config {

// Loads and checks `path`. Returns nullopt, having reported every error to `sink`, when the file
// is missing, is not TOML, or breaks any rule of the programme file. `display_path` is the name
// messages use for the file (defaults to `path`).
std::optional<Programme> load_programme(const std::string& path, common::DiagnosticSink& sink,
                                        const std::string& display_path = {});

// The same checks on text already in memory (for tests and fuzzing).
std::optional<Programme> parse_programme(std::string_view text, const std::string& display_path,
                                         common::DiagnosticSink& sink);

}  // namespace pirpack::config
