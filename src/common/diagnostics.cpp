#include "common/diagnostics.hpp"

#include <algorithm>

namespace pirpack::common {

void DiagnosticSink::error(SourceLocation location, std::string message, std::string hint) {
    report({Severity::error, std::move(location), std::move(message), std::move(hint)});
}

void DiagnosticSink::warning(SourceLocation location, std::string message, std::string hint) {
    report({Severity::warning, std::move(location), std::move(message), std::move(hint)});
}

void DiagnosticList::report(Diagnostic diagnostic) { items_.push_back(std::move(diagnostic)); }

int DiagnosticList::error_count() const {
    return static_cast<int>(std::count_if(items_.begin(), items_.end(), [](const Diagnostic& d) {
        return d.severity == Severity::error;
    }));
}

std::string format_diagnostic(const Diagnostic& diagnostic) {
    const char* label = diagnostic.severity == Severity::error     ? "error"
                        : diagnostic.severity == Severity::warning ? "warning"
                                                                   : "note";
    std::string text = diagnostic.location.describe() + ": " + label + ": " + diagnostic.message;
    if (!diagnostic.hint.empty()) text += "\nhint: " + diagnostic.hint;
    return text;
}

}  // namespace pirpack::common
