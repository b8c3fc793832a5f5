#include "report/markdown/templates.hpp"

#include <Poco/DirectoryIterator.h>
#include <Poco/File.h>
#include <Poco/Path.h>

#include <kainjow/mustache.hpp>

#include <algorithm>
#include <fstream>
#include <regex>
#include <sstream>

#include "common/errors.hpp"

namespace pirpack::report::markdown {

namespace {

using common::ErrorKind;
using common::PirpackError;

constexpr std::string_view extension = ".mustache";

std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw PirpackError(ErrorKind::configuration, "cannot read template " + path, {path, "", 0, 0, ""},
                                "check the file's permissions");
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

const std::string& Templates::origin(const std::string& name) const { return origins_.at(name); }

const std::string& Templates::text(const std::string& name) const { return files_.at(name); }

void Templates::add(std::string name, std::string text, std::string origin) {
    origins_[name] = std::move(origin);
    files_[std::move(name)] = std::move(text);
}

Templates builtin_templates() {
    Templates templates;
    for (const auto& [file, text] : embedded_template_files()) {
        std::string name(file.substr(0, file.size() - extension.size()));
        templates.add(name, std::string(text), "built-in " + std::string(file));
    }
    return templates;
}

void check_templates(const Templates& templates) {
    for (const char* main : {main_template, register_template})
        if (!templates.has(main))
            throw PirpackError(ErrorKind::configuration, "the templates have no " + std::string(main) + ".mustache", {},
                               "copy report_templates/ from pirpack's source and edit the copy");
    static const std::regex partial_tag(R"(\{\{\s*>\s*([^}\s]+)\s*\}\})");
    for (const auto& [name, text] : templates.files()) {
        kainjow::mustache::mustache parsed{text};
        if (!parsed.is_valid())
            throw PirpackError(ErrorKind::configuration, "template " + templates.origin(name) + " does not parse: " +
                                                             parsed.error_message(),
                               {templates.origin(name), "", 0, 0, ""}, "check that every {{#section}} has its {{/section}}");
        for (std::sregex_iterator it(text.begin(), text.end(), partial_tag), end; it != end; ++it) {
            std::string partial = (*it)[1].str();
            if (templates.has(partial)) continue;
            int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + it->position(), '\n'));
            throw PirpackError(ErrorKind::configuration,
                               "template " + templates.origin(name) + " includes partial \"" + partial +
                                   "\", but there is no " + partial + ".mustache",
                               {templates.origin(name), "", line, 0, ""},
                               "add " + partial + ".mustache beside it, or correct the name");
        }
    }
}

Templates load_templates(const std::string& dir) {
    Poco::File folder(dir);
    if (!folder.exists() || !folder.isDirectory())
        throw PirpackError(ErrorKind::usage, "--templates " + dir + " is not a folder", {},
                           "pass a copy of pirpack's report_templates/ folder");
    Templates templates = builtin_templates();
    std::vector<std::string> names;
    for (Poco::DirectoryIterator it(dir), end; it != end; ++it) {
        const std::string& file = it.name();
        if (it->isFile() && file.size() > extension.size() &&
            file.compare(file.size() - extension.size(), extension.size(), extension) == 0)
            names.push_back(file);
    }
    std::sort(names.begin(), names.end());
    for (const auto& file : names) {
        std::string path = Poco::Path(Poco::Path(dir).makeDirectory(), file).toString();
        templates.add(file.substr(0, file.size() - extension.size()), read_text(path), path);
    }
    check_templates(templates);
    return templates;
}

}  // namespace pirpack::report::markdown
