// A streaming CSV reader for the exports HR, duties and crime systems write: RFC 4180 quoting,
// any line ending, UTF-8 with or without a BOM, Windows-1252 or ISO-8859-1 converted to UTF-8,
// comma, semicolon, tab or pipe (declared or detected). Memory stays flat whatever the file size.
#pragma once

#include <cstdio>
#include <memory>
#include <string>

#include "config/programme.hpp"
#include "ingest/row.hpp"

namespace pirpack::ingest {

struct CsvOptions {
    config::Encoding encoding = config::Encoding::utf8;
    char delimiter = 0;   // 0: detect from the header line
    int header_row = 1;   // 1-based line of the header; rows after it must match its field count
    std::size_t buffer_size = 1 << 20;
    // A field longer than this is cut and its row flagged, so a file with no line ends (or a
    // quote never closed) cannot make memory grow with the file.
    std::size_t max_field_size = 1 << 20;
};

class CsvReader : public RowReader {
public:
    // Opens `path`; throws common::PirpackError (input) when it cannot be opened. Messages name
    // `display_path` (defaults to `path`).
    CsvReader(const std::string& path, const CsvOptions& options, const std::string& display_path = {});
    ~CsvReader() override;
    CsvReader(const CsvReader&) = delete;
    CsvReader& operator=(const CsvReader&) = delete;

    // Each record in turn, header included. Blank lines (and lines of empty fields only) are
    // skipped and counted. A record with the wrong number of fields, invalid UTF-8 or an
    // unclosed quote comes back with Row::problem set.
    bool next(Row& row) override;

    char delimiter() const { return delimiter_; }
    long blank_lines() const { return blank_lines_; }
    std::uint64_t bytes_read() const { return file_offset_; }

private:
    bool fill();  // refills the buffer; false at end of file
    void detect_delimiter();

    std::string display_path_;
    CsvOptions options_;
    std::FILE* file_ = nullptr;
    std::string raw_;      // bytes as read from the file
    std::string decoded_;  // raw_ converted to UTF-8, when the encoding is not UTF-8
    const char* data_ = nullptr;  // the buffer being parsed (raw_ or decoded_)
    std::size_t size_ = 0;
    std::size_t pos_ = 0;
    std::uint64_t file_offset_ = 0;    // bytes of the file consumed before data_
    std::uint64_t data_offset_ = 0;    // file offset of data_[0] (exact for UTF-8 input)
    bool at_end_ = false;
    bool first_chunk_ = true;
    char delimiter_ = ',';
    long line_ = 1;          // physical line of the next byte
    long blank_lines_ = 0;
    int header_fields_ = -1;  // field count of the header, once read
    bool pending_cr_ = false; // the previous chunk ended in CR; a leading LF belongs to it
};

}  // namespace pirpack::ingest
