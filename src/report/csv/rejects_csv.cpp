#include "report/csv/rejects_csv.hpp"

#include <ostream>

#include "report/csv/csv_writer.hpp"

namespace pirpack::report {

// A reject's reason without the value it quotes, so the report counts reasons (and never shows
// a value from an extract): "cannot read \"31/02/2023\" as a date" -> "cannot read \"...\" as a date",
// "duplicate key (ref) \"CR02\": already loaded from line 3" -> "duplicate key (ref) \"...\"".
std::string reason_without_value(const std::string& reason) {
    std::string out = reason;
    std::size_t open = out.find('"');
    if (open != std::string::npos) {
        std::size_t close = out.find('"', open + 1);
        while (close != std::string::npos && close + 1 < out.size() && out[close + 1] == '"') close = out.find('"', close + 2);
        if (close != std::string::npos) out.replace(open, close - open + 1, "\"...\"");
    }
    // Where a duplicate key was first loaded, or where invalid UTF-8 starts, differs from row to row.
    for (const char* tail : {" at byte offset ", ": already loaded from "}) {
        std::size_t offset = out.find(tail);
        if (offset != std::string::npos) out.erase(offset);
    }
    return out;
}


void write_rejects_csv(const RunRecord& run, std::ostream& out, bool include_values) {
    write_csv_row(out, {"source", "file", "sheet", "line", "column", "column_name", "value", "reason"});
    for (const auto& source : run.sources)
        for (const auto& reject : source.rejects) {
            const auto& at = reject.location;
            write_csv_row(out, {source.source, at.file, at.sheet, at.line > 0 ? std::to_string(at.line) : "",
                                at.column > 0 ? std::to_string(at.column) : "", at.column_name, include_values ? reject.value : "",
                                include_values ? reject.reason : reason_without_value(reject.reason)});
        }
}

}  // namespace pirpack::report
