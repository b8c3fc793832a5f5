// Operational settings: where the inputs, outputs, store and log are. They come from a settings
// file (--config) and are overridden by command-line options; the programme file says what to
// measure, these say where to find and put things.
#pragma once

#include <string>

#include "common/diagnostics.hpp"

namespace pirpack::config {

struct Settings {
    std::string inputs = "inputs";   // folder holding programme.toml, extracts and narrative/
    std::string outputs = "outputs"; // folder the packs are published into
    std::string programme;           // empty: <inputs>/programme.toml
    std::string store;               // empty: SQLite at <outputs>/pirpack.db
    std::string log_file;            // empty: no log file
    std::string log_level = "information";

    std::string programme_path() const;
};

// The settings keys a file may hold, for messages and the README.
const std::vector<std::string>& settings_keys();

// Reads a Poco configuration file (.properties, .ini or .xml) over the defaults. Unknown keys
// and unusable values are reported to `sink`; returns false when there were any.
bool load_settings(const std::string& path, Settings& settings, common::DiagnosticSink& sink);

// Checks values, wherever they came from (file or command line).
bool check_settings(const Settings& settings, common::DiagnosticSink& sink);

}  // namespace pirpack::config
