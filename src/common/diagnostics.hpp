// Messages for the user, collected by library code and printed only by the CLI.
#pragma once

#include <string>
#include <vector>

#include "common/source_location.hpp"

namespace pirpack::common {

enum class Severity { note, warning, error };

// One message: where, what, and what to do about it.
struct Diagnostic {
    Severity severity = Severity::error;
    SourceLocation location;
    std::string message;
    std::string hint;  // empty when there is nothing useful to suggest
};

// Receives diagnostics. Library code reports here and never prints; the CLI owns the sink
// and decides how (and whether) to show them.
class DiagnosticSink {
public:
    virtual ~DiagnosticSink() = default;
    virtual void report(Diagnostic diagnostic) = 0;

    void error(SourceLocation location, std::string message, std::string hint = {});
    void warning(SourceLocation location, std::string message, std::string hint = {});
};

// A sink that keeps everything, in the order reported.
class DiagnosticList : public DiagnosticSink {
public:
    void report(Diagnostic diagnostic) override;

    const std::vector<Diagnostic>& items() const { return items_; }
    int error_count() const;
    bool has_errors() const { return error_count() > 0; }

private:
    std::vector<Diagnostic> items_;
};

// "file:line:column: error: message" and, on the next line, "hint: ...".
std::string format_diagnostic(const Diagnostic& diagnostic);

}  // namespace pirpack::common
