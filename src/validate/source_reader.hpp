// Reads every file of one source through its mapping: each row is loaded (handed to the sink as
// typed values) or rejected with a reason, and the counts say so for every file.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/diagnostics.hpp"
#include "config/programme.hpp"
#include "validate/column_mapping.hpp"

namespace pirpack::validate {

struct FileCounts {
    std::string path;        // as shown to users
    long rows_read = 0;      // data rows, header excluded; blank lines are not rows
    long rows_loaded = 0;
    long rows_rejected = 0;  // rows_read == rows_loaded + rows_rejected
    long blank_lines = 0;
    std::vector<std::string> missing_columns;  // optional columns the file lacks
};

struct SourceResult {
    std::string source;
    std::vector<FileCounts> files;
    std::vector<Reject> rejects;  // in file order
    long rows_read() const;
    long rows_rejected() const;
    // True when the share of rejected rows is over the source's max_reject_rate.
    bool over_reject_limit(double max_reject_rate) const;
};

// The error for a source with more rejects than its max_reject_rate allows, or nullopt when it
// is within it. `hint` says what to do where the caller reports it.
std::optional<common::Diagnostic> reject_limit_error(const config::Source& source, const SourceResult& result,
                                                      std::string hint);

// "12.50%" of a count.
std::string percent_of(long part, long whole);

// Receives each loaded row's values, one per source column in programme order, with where the
// row is: its file (as shown, and the sheet for XLSX) and its line, or row for XLSX.
using RowSink = std::function<void(const std::vector<Value>&, const common::SourceLocation& file, long line)>;

// Reads `paths` (display names alongside). Throws common::PirpackError (input) for a file that
// cannot be read at all or lacks a required column. With `split_large_sheets`, a large XLSX sheet
// is parsed on two threads of its own (ingest::XlsxLimits); a caller already reading other files
// on the other core turns that off, as the extra threads would only compete with it.
SourceResult read_source(const config::Source& source, const std::vector<std::string>& paths,
                         const std::vector<std::string>& display_paths, const RowSink& sink,
                         bool split_large_sheets = true);

}  // namespace pirpack::validate
