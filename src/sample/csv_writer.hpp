// A streaming CSV writer for the sample's extracts: RFC 4180 quoting, a fixed buffer flushed as
// it fills (a million-row file never sits in memory), and the byte conventions real exports use
// (a UTF-8 BOM from Excel, CRLF line ends, Windows-1252 from older reporting tools).
#pragma once

#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

#include "common/date.hpp"

namespace pirpack::sample {

enum class CsvEncoding { utf8, windows1252 };

struct CsvOptions {
    bool byte_order_mark = false;  // UTF-8 only
    bool crlf = false;
    char delimiter = ',';
    CsvEncoding encoding = CsvEncoding::utf8;  // fields are always given as UTF-8
};

class CsvWriter {
public:
    CsvWriter(std::string path, CsvOptions options);
    ~CsvWriter();  // closes without throwing; call close() to see errors
    CsvWriter(const CsvWriter&) = delete;
    CsvWriter& operator=(const CsvWriter&) = delete;

    // A line written as it is (after encoding), e.g. a report title above the header row.
    void write_preamble_line(std::string_view text);

    // Fields of the current row, in order; end_row() or end_header() finishes it.
    void field(std::string_view text);
    void field_integer(long value);
    void field_hundredths(long hundredths);         // 1250 -> "12.50"
    void field_uk_date(const common::Date& date);   // dd/mm/yyyy
    void field_iso_date(const common::Date& date);  // yyyy-mm-dd
    void field_empty();

    void end_header();  // the row just written is the header: it is not counted
    void end_row();

    long data_rows() const { return data_rows_; }
    void close();

private:
    void put_separator();
    void append_raw(std::string_view bytes);
    void finish_line();
    void flush_buffer();

    std::string path_;
    CsvOptions options_;
    std::FILE* file_ = nullptr;
    std::string buffer_;
    std::size_t line_start_ = 0;  // where the current line begins in buffer_
    bool first_field_ = true;
    long data_rows_ = 0;
    struct Converter;
    std::unique_ptr<Converter> converter_;  // set for Windows-1252 output only
};

// "£1,234.50" from pennies: how money appears in the finance and duties exports.
std::string format_pounds(long pennies);

}  // namespace pirpack::sample
