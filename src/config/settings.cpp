#include "config/settings.hpp"

#include <Poco/AutoPtr.h>
#include <Poco/Exception.h>
#include <Poco/File.h>
#include <Poco/Path.h>
#include <Poco/Util/IniFileConfiguration.h>
#include <Poco/Util/PropertyFileConfiguration.h>
#include <Poco/Util/XMLConfiguration.h>

#include <algorithm>
#include <fstream>

#include "common/text.hpp"

namespace pirpack::config {

namespace {

using Poco::Util::AbstractConfiguration;

const std::vector<std::string> log_levels = {"fatal",  "critical",    "error", "warning",
                                             "notice", "information", "debug", "trace"};

// Poco keeps no line numbers, so find the first line that sets `key` for the message.
int find_line(const std::string& path, const std::string& key) {
    std::ifstream in(path);
    std::string line;
    std::string leaf = key.substr(key.rfind('.') == std::string::npos ? 0 : key.rfind('.') + 1);
    for (int number = 1; std::getline(in, line); ++number) {
        auto start = line.find_first_not_of(" \t");
        if (start == std::string::npos) continue;
        std::string_view rest(line.c_str() + start);
        if (rest.substr(0, key.size()) == key || rest.substr(0, leaf.size()) == leaf ||
            rest.substr(0, leaf.size() + 1) == "<" + leaf)
            return number;
    }
    return 0;
}

void collect_keys(const AbstractConfiguration& config, const std::string& prefix, std::vector<std::string>& out) {
    AbstractConfiguration::Keys keys;
    config.keys(prefix, keys);
    if (keys.empty() && !prefix.empty()) {
        out.push_back(prefix);
        return;
    }
    for (const auto& key : keys) collect_keys(config, prefix.empty() ? key : prefix + "." + key, out);
}

}  // namespace

std::string Settings::programme_path() const {
    if (!programme.empty()) return programme;
    return Poco::Path(Poco::Path(inputs).makeDirectory(), "programme.toml").toString();
}

const std::vector<std::string>& settings_keys() {
    static const std::vector<std::string> keys = {"inputs", "outputs", "programme", "store", "log.file", "log.level"};
    return keys;
}

bool load_settings(const std::string& path, Settings& settings, common::DiagnosticSink& sink) {
    common::SourceLocation where{path, "", 0, 0, ""};
    if (!Poco::File(path).exists()) {
        sink.error(where, "settings file not found", "check the path given to --config");
        return false;
    }
    std::string extension = common::to_lower_ascii(Poco::Path(path).getExtension());
    Poco::AutoPtr<AbstractConfiguration> config;
    try {
        if (extension == "properties")
            config = new Poco::Util::PropertyFileConfiguration(path);
        else if (extension == "ini")
            config = new Poco::Util::IniFileConfiguration(path);
        else if (extension == "xml")
            config = new Poco::Util::XMLConfiguration(path);
        else {
            sink.error(where, "settings files must be .properties, .ini or .xml",
                       "rename the file, or write it in one of those formats");
            return false;
        }
    } catch (const Poco::Exception& failure) {
        sink.error(where, "cannot read the settings file: " + failure.displayText(),
                   "check the file's syntax for its format (" + extension + ")");
        return false;
    }
    bool ok = true;
    std::vector<std::string> keys;
    collect_keys(*config, "", keys);
    for (const auto& key : keys) {
        if (std::find(settings_keys().begin(), settings_keys().end(), key) != settings_keys().end()) continue;
        std::string nearest = common::nearest_word(key, settings_keys());
        common::SourceLocation at = where;
        at.line = find_line(path, key);
        sink.error(at, "unknown setting \"" + key + "\"",
                   nearest.empty() ? "settings are " + common::join_words(settings_keys(), " and ")
                                   : "did you mean \"" + nearest + "\"?");
        ok = false;
    }
    settings.inputs = config->getString("inputs", settings.inputs);
    settings.outputs = config->getString("outputs", settings.outputs);
    settings.programme = config->getString("programme", settings.programme);
    settings.store = config->getString("store", settings.store);
    settings.log_file = config->getString("log.file", settings.log_file);
    settings.log_level = config->getString("log.level", settings.log_level);
    return ok;
}

bool check_settings(const Settings& settings, common::DiagnosticSink& sink) {
    bool ok = true;
    if (std::find(log_levels.begin(), log_levels.end(), settings.log_level) == log_levels.end()) {
        sink.error({}, "log level \"" + settings.log_level + "\" is not known",
                   "use one of " + common::join_words(log_levels));
        ok = false;
    }
    if (!settings.store.empty() && settings.store.find("://") != std::string::npos &&
        settings.store.rfind("postgresql://", 0) != 0 && settings.store.rfind("sqlite://", 0) != 0) {
        sink.error({}, "store \"" + settings.store + "\" is neither a file path nor a postgresql:// address",
                   "use a path such as outputs/pirpack.db, or postgresql://user@host/db");
        ok = false;
    }
    return ok;
}

}  // namespace pirpack::config
