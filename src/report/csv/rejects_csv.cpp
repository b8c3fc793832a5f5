#include "report/csv/rejects_csv.hpp"

#include <ostream>

#include "report/csv/csv_writer.hpp"

namespace pirpack::report {

void write_rejects_csv(const RunRecord& run, std::ostream& out) {
    write_csv_row(out, {"source", "file", "sheet", "line", "column", "column_name", "value", "reason"});
    for (const auto& source : run.sources)
        for (const auto& reject : source.rejects) {
            const auto& at = reject.location;
            write_csv_row(out, {source.source, at.file, at.sheet, at.line > 0 ? std::to_string(at.line) : "",
                                at.column > 0 ? std::to_string(at.column) : "", at.column_name, reject.value,
                                reject.reason});
        }
}

}  // namespace pirpack::report
