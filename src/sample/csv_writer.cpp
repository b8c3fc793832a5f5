#include "sample/csv_writer.hpp"

#include <Poco/TextConverter.h>
#include <Poco/UTF8Encoding.h>
#include <Poco/Windows1252Encoding.h>
#include <fmt/format.h>

#include <cerrno>
#include <cstring>

#include "common/errors.hpp"

namespace pirpack::sample {

namespace {

using common::ErrorKind;
using common::PirpackError;

constexpr std::size_t flush_threshold = 1 << 20;

bool needs_quotes(std::string_view text, char delimiter) {
    for (char c : text)
        if (c == delimiter || c == '"' || c == '\n' || c == '\r') return true;
    return false;
}

}  // namespace

struct CsvWriter::Converter {
    Poco::UTF8Encoding utf8;
    Poco::Windows1252Encoding windows1252;
    Poco::TextConverter converter{utf8, windows1252, '?'};
    std::string converted;
};

CsvWriter::CsvWriter(std::string path, CsvOptions options) : path_(std::move(path)), options_(options) {
    file_ = std::fopen(path_.c_str(), "wb");
    if (file_ == nullptr)
        throw PirpackError(ErrorKind::run, path_ + ": cannot create file: " + std::strerror(errno), {},
                           "check that the output folder is writable");
    buffer_.reserve(flush_threshold + 4096);
    if (options_.encoding == CsvEncoding::windows1252) converter_ = std::make_unique<Converter>();
    if (options_.byte_order_mark && options_.encoding == CsvEncoding::utf8) buffer_.append("\xEF\xBB\xBF");
    line_start_ = buffer_.size();
}

CsvWriter::~CsvWriter() {
    if (file_ != nullptr) std::fclose(file_);
}

void CsvWriter::put_separator() {
    if (!first_field_) buffer_.push_back(options_.delimiter);
    first_field_ = false;
}

void CsvWriter::append_raw(std::string_view bytes) { buffer_.append(bytes.data(), bytes.size()); }

void CsvWriter::field(std::string_view text) {
    put_separator();
    if (!needs_quotes(text, options_.delimiter)) {
        append_raw(text);
        return;
    }
    buffer_.push_back('"');
    for (char c : text) {
        if (c == '"') buffer_.push_back('"');
        buffer_.push_back(c);
    }
    buffer_.push_back('"');
}

void CsvWriter::field_integer(long value) {
    put_separator();
    fmt::format_to(std::back_inserter(buffer_), "{}", value);
}

void CsvWriter::field_hundredths(long hundredths) {
    put_separator();
    const char* sign = hundredths < 0 ? "-" : "";
    const long magnitude = hundredths < 0 ? -hundredths : hundredths;
    fmt::format_to(std::back_inserter(buffer_), "{}{}.{:02}", sign, magnitude / 100, magnitude % 100);
}

void CsvWriter::field_uk_date(const common::Date& date) {
    put_separator();
    fmt::format_to(std::back_inserter(buffer_), "{:02}/{:02}/{:04}", date.day, date.month, date.year);
}

void CsvWriter::field_iso_date(const common::Date& date) {
    put_separator();
    fmt::format_to(std::back_inserter(buffer_), "{:04}-{:02}-{:02}", date.year, date.month, date.day);
}

void CsvWriter::field_empty() { put_separator(); }

void CsvWriter::write_preamble_line(std::string_view text) {
    append_raw(text);
    finish_line();
}

void CsvWriter::finish_line() {
    if (converter_) {
        // Fields arrive as UTF-8; re-encode just this line so the buffer holds Windows-1252 bytes.
        converter_->converted.clear();
        converter_->converter.convert(buffer_.data() + line_start_, static_cast<int>(buffer_.size() - line_start_),
                                      converter_->converted);
        buffer_.resize(line_start_);
        buffer_.append(converter_->converted);
    }
    buffer_.append(options_.crlf ? "\r\n" : "\n");
    first_field_ = true;
    if (buffer_.size() >= flush_threshold) flush_buffer();
    line_start_ = buffer_.size();
}

void CsvWriter::end_header() { finish_line(); }

void CsvWriter::end_row() {
    finish_line();
    ++data_rows_;
}

void CsvWriter::flush_buffer() {
    if (buffer_.empty()) return;
    if (file_ == nullptr) throw PirpackError(ErrorKind::run, path_ + ": file already closed");
    if (std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size())
        throw PirpackError(ErrorKind::run, path_ + ": cannot write: " + std::strerror(errno), {},
                           "check that the disk has free space");
    buffer_.clear();
}

void CsvWriter::close() {
    if (file_ == nullptr) return;
    flush_buffer();
    std::FILE* file = file_;
    file_ = nullptr;
    if (std::fclose(file) != 0)
        throw PirpackError(ErrorKind::run, path_ + ": cannot finish writing: " + std::strerror(errno), {},
                           "check that the disk has free space");
}

std::string format_pounds(long pennies) {
    const bool negative = pennies < 0;
    const long magnitude = negative ? -pennies : pennies;
    std::string whole = std::to_string(magnitude / 100);
    std::string grouped;
    for (std::size_t i = 0; i < whole.size(); ++i) {
        if (i > 0 && (whole.size() - i) % 3 == 0) grouped.push_back(',');
        grouped.push_back(whole[i]);
    }
    return fmt::format("{}£{}.{:02}", negative ? "-" : "", grouped, magnitude % 100);
}

}  // namespace pirpack::sample
