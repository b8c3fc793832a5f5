#include "validate/source_reader.hpp"

#include <cstdio>
#include <memory>

#include "common/errors.hpp"
#include "common/text.hpp"
#include "ingest/csv_reader.hpp"
#include "ingest/xlsx_reader.hpp"

namespace pirpack::validate {

namespace {

struct OpenedFile {
    std::unique_ptr<ingest::RowReader> reader;
    bool uses_1904_dates = false;
};

OpenedFile open_reader(const config::Source& source, const std::string& path, const std::string& shown,
                       common::SourceLocation& where, bool split_large_sheets) {
    std::string extension = common::to_lower_ascii(path.substr(path.find_last_of('.') == std::string::npos
                                                                   ? path.size()
                                                                   : path.find_last_of('.')));
    where = {shown, "", 0, 0, ""};
    if (extension == ".xlsx") {
        ingest::XlsxLimits limits;
        if (!split_large_sheets) limits.parallel_workers = 0;
        auto workbook = ingest::XlsxWorkbook::open(path, limits, shown);
        OpenedFile opened;
        opened.uses_1904_dates = workbook->uses_1904_dates();
        auto sheet = workbook->open_sheet(source.sheet);
        where.sheet = sheet->sheet_name();
        opened.reader = std::move(sheet);
        return opened;
    }
    ingest::CsvOptions options;
    options.encoding = source.encoding;
    options.header_row = source.header_row;
    if (!source.delimiter.empty()) options.delimiter = source.delimiter == "\\t" ? '\t' : source.delimiter[0];
    else if (extension == ".tsv") options.delimiter = '\t';
    return {std::make_unique<ingest::CsvReader>(path, options, shown), false};
}

}  // namespace

long SourceResult::rows_read() const {
    long total = 0;
    for (const auto& file : files) total += file.rows_read;
    return total;
}

long SourceResult::rows_rejected() const {
    long total = 0;
    for (const auto& file : files) total += file.rows_rejected;
    return total;
}

bool SourceResult::over_reject_limit(double max_reject_rate) const {
    long read = rows_read();
    return read > 0 && static_cast<double>(rows_rejected()) > max_reject_rate * static_cast<double>(read);
}

std::string percent_of(long part, long whole) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.2f%%",
                  whole > 0 ? 100.0 * static_cast<double>(part) / static_cast<double>(whole) : 0.0);
    return buffer;
}

std::optional<common::Diagnostic> reject_limit_error(const config::Source& source, const SourceResult& result,
                                                      std::string hint) {
    if (!result.over_reject_limit(source.max_reject_rate)) return std::nullopt;
    const long read = result.rows_read(), rejected = result.rows_rejected();
    return common::Diagnostic{common::Severity::error, source.location,
                              "source \"" + source.name + "\": " + std::to_string(rejected) + " of " +
                                  std::to_string(read) + " rows rejected (" + percent_of(rejected, read) +
                                  "), more than max_reject_rate allows (" +
                                  percent_of(static_cast<long>(source.max_reject_rate * 10000), 10000) + ")",
                              std::move(hint)};
}

SourceResult read_source(const config::Source& source, const std::vector<std::string>& paths,
                         const std::vector<std::string>& display_paths, const RowSink& sink,
                         bool split_large_sheets) {
    SourceResult result;
    result.source = source.name;
    std::vector<Value> values;
    for (size_t f = 0; f < paths.size(); ++f) {
        const std::string& shown = f < display_paths.size() ? display_paths[f] : paths[f];
        common::SourceLocation where;
        OpenedFile opened = open_reader(source, paths[f], shown, where, split_large_sheets);
        auto& reader = opened.reader;
        FileCounts counts;
        counts.path = shown;
        ingest::Row row;
        std::unique_ptr<ColumnMapping> mapping;
        while (reader->next(row)) {
            if (row.line < source.header_row) continue;  // a preamble above the header
            if (!mapping) {
                mapping = std::make_unique<ColumnMapping>(source, row, where);
                mapping->uses_1904_dates = opened.uses_1904_dates;
                counts.missing_columns = mapping->missing_columns();
                continue;
            }
            ++counts.rows_read;
            Reject reject;
            if (mapping->map_row(row, values, reject)) {
                ++counts.rows_loaded;
                if (sink) sink(values, where, row.line);
            } else {
                ++counts.rows_rejected;
                result.rejects.push_back(std::move(reject));
            }
        }
        if (!mapping)
            throw common::PirpackError(common::ErrorKind::input, "the file has no header row", where,
                                       "the first line of an extract must name its columns (header_row = " +
                                           std::to_string(source.header_row) + ")");
        if (auto* csv = dynamic_cast<ingest::CsvReader*>(reader.get())) counts.blank_lines = csv->blank_lines();
        if (auto* sheet = dynamic_cast<ingest::XlsxSheetReader*>(reader.get())) counts.blank_lines = sheet->empty_rows();
        result.files.push_back(std::move(counts));
    }
    return result;
}

}  // namespace pirpack::validate
