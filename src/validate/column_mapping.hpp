// From a file's columns to a source's typed columns: the header row is matched against the
// mapping once, then each data row becomes typed values or a reject that says where and why.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/source_location.hpp"
#include "config/programme.hpp"
#include "ingest/row.hpp"

namespace pirpack::validate {

// A value ready for the store. Dates and date-times are ISO text, booleans are 0 or 1, enums
// take the spelling the programme file gives.
struct Value {
    enum class Kind { null, integer, real, text } kind = Kind::null;
    long long integer = 0;
    double real = 0;
    std::string text;
};

// A row that could not be loaded: where, the offending value (at most 80 characters) and why.
struct Reject {
    common::SourceLocation location;
    std::string value;
    std::string reason;
};

class ColumnMapping {
public:
    // Matches `header` against the source's columns, ignoring case and spaces. A required column
    // that is missing throws common::PirpackError (input) naming the file, the column, the
    // headers found and the nearest; an optional one that is missing loads as null.
    // `where` locates the header row (file, and sheet for XLSX).
    ColumnMapping(const config::Source& source, const ingest::Row& header, common::SourceLocation where);

    // Fills `values` (one per source column, in the programme file's order) and returns true,
    // or fills `reject` for the first value that cannot be read and returns false.
    bool map_row(const ingest::Row& row, std::vector<Value>& values, Reject& reject) const;

    // Source columns the file lacks (optional ones only), for the manifest.
    const std::vector<std::string>& missing_columns() const { return missing_; }
    bool uses_1904_dates = false;

private:
    const config::Source& source_;
    common::SourceLocation where_;
    std::vector<int> file_index_;  // per source column: 0-based index in the file, or -1
    // Per source column, its enum values normalised once (matching runs for every cell).
    std::vector<std::vector<std::string>> normalised_values_;
    std::vector<std::string> header_text_;
    std::vector<std::string> missing_;
};

// Cuts a value to at most 80 characters (on a UTF-8 boundary) for a reject.
std::string cut_for_reject(std::string_view value);

}  // namespace pirpack::validate
