// The Mustache templates the closure report is rendered from. The binary carries the defaults
// (report_templates/, embedded at build time); `--templates DIR` reads a force's own copy, and
// any partial the copy leaves out falls back to the default.
//
//     Templates templates = load_templates("my_templates");  // throws on a broken template
//     std::string text = templates.text("closure_report.md");
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pirpack::report::markdown {

// The main template; the rest are partials, named by file name without ".mustache".
inline constexpr const char* main_template = "closure_report.md";
inline constexpr const char* register_template = "residual_actions.md";

class Templates {
public:
    // Template name (file name without .mustache) to text.
    const std::map<std::string, std::string>& files() const { return files_; }
    // Where each template came from ("built-in" or a path), for messages.
    const std::string& origin(const std::string& name) const;
    const std::string& text(const std::string& name) const;
    bool has(const std::string& name) const { return files_.count(name) > 0; }

    void add(std::string name, std::string text, std::string origin);

private:
    std::map<std::string, std::string> files_;
    std::map<std::string, std::string> origins_;
};

// The defaults, as embedded from report_templates/.
Templates builtin_templates();

// The built-in templates overlaid with every *.mustache file in `dir`. Every template must parse,
// and every partial a template names must exist; otherwise common::PirpackError
// (configuration) names the file and the partial or the parser's complaint.
Templates load_templates(const std::string& dir);

// Checks the set as load_templates does (used for the built-in set by the tests).
void check_templates(const Templates& templates);

// Generated from report_templates/ (build/generated/embedded_templates.cpp).
const std::vector<std::pair<std::string_view, std::string_view>>& embedded_template_files();

}  // namespace pirpack::report::markdown
