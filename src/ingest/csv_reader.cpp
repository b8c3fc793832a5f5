#include "ingest/csv_reader.hpp"

#include <Poco/Latin1Encoding.h>
#include <Poco/TextConverter.h>
#include <Poco/UTF8Encoding.h>
#include <Poco/Windows1252Encoding.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "common/errors.hpp"

namespace pirpack::ingest {

namespace {

using common::ErrorKind;
using common::PirpackError;

// Converts one buffer from a single-byte encoding to UTF-8. Single-byte encodings never split a
// character across buffers, so each chunk converts on its own.
void convert_to_utf8(config::Encoding encoding, const std::string& in, std::string& out) {
    static Poco::UTF8Encoding utf8;
    static Poco::Windows1252Encoding windows1252;
    static Poco::Latin1Encoding latin1;
    out.clear();
    Poco::TextConverter converter(encoding == config::Encoding::windows1252
                                      ? static_cast<Poco::TextEncoding&>(windows1252)
                                      : static_cast<Poco::TextEncoding&>(latin1),
                                  utf8);
    converter.convert(in.data(), static_cast<int>(in.size()), out);
}

Cell& start_field(Row& row, std::size_t index) {
    if (index == row.cells.size()) row.cells.emplace_back();
    Cell& cell = row.cells[index];
    cell.type = CellType::empty;
    cell.text.clear();
    return cell;
}

}  // namespace

CsvReader::CsvReader(const std::string& path, const CsvOptions& options, const std::string& display_path)
    : display_path_(display_path.empty() ? path : display_path), options_(options) {
    file_ = std::fopen(path.c_str(), "rb");
    if (!file_)
        throw PirpackError(ErrorKind::input, std::string("cannot open the file: ") + std::strerror(errno),
                           {display_path_, "", 0, 0, ""}, "check the path and that pirpack may read it");
    raw_.resize(options_.buffer_size);
    if (fill()) detect_delimiter();
    if (options_.delimiter != 0) delimiter_ = options_.delimiter;
}

CsvReader::~CsvReader() {
    if (file_) std::fclose(file_);
}

bool CsvReader::fill() {
    if (at_end_) return false;
    raw_.resize(options_.buffer_size);
    std::size_t count = std::fread(raw_.data(), 1, raw_.size(), file_);
    if (count == 0) {
        if (std::ferror(file_))
            throw PirpackError(ErrorKind::input, "read failed part-way through the file",
                               {display_path_, "", static_cast<int>(line_), 0, ""},
                               "check the file is complete and the share is reachable");
        at_end_ = true;
        return false;
    }
    raw_.resize(count);
    data_offset_ = file_offset_;
    file_offset_ += count;
    if (options_.encoding == config::Encoding::utf8) {
        data_ = raw_.data();
        size_ = raw_.size();
    } else {
        convert_to_utf8(options_.encoding, raw_, decoded_);
        data_ = decoded_.data();
        size_ = decoded_.size();
    }
    pos_ = 0;
    if (first_chunk_) {
        first_chunk_ = false;
        if (size_ >= 3 && std::memcmp(data_, "\xEF\xBB\xBF", 3) == 0) pos_ = 3;
    }
    return true;
}

// Picks the delimiter that occurs most often, outside quotes, on the header line of the first
// buffer; a comma when none occurs.
void CsvReader::detect_delimiter() {
    const char candidates[] = {',', ';', '\t', '|'};
    int counts[4] = {0, 0, 0, 0};
    long line = 1;
    bool quoted = false;
    for (std::size_t i = pos_; i < size_; ++i) {
        char c = data_[i];
        if (c == '"') quoted = !quoted;
        if (quoted) continue;
        if (c == '\n' || c == '\r') {
            if (line >= options_.header_row) break;
            if (c == '\r' && i + 1 < size_ && data_[i + 1] == '\n') ++i;
            ++line;
            continue;
        }
        if (line < options_.header_row) continue;
        for (int k = 0; k < 4; ++k)
            if (c == candidates[k]) ++counts[k];
    }
    int best = 0;
    for (int k = 1; k < 4; ++k)
        if (counts[k] > counts[best]) best = k;
    delimiter_ = counts[best] > 0 ? candidates[best] : ',';
}

bool CsvReader::next(Row& row) {
    enum class State { field_start, unquoted, quoted, quoted_quote };
    const bool check_utf8 = options_.encoding == config::Encoding::utf8;
    for (;;) {
        row.line = line_;
        row.problem.clear();
        row.problem_column = 0;
        std::size_t fields = 0;
        Cell* field = &start_field(row, 0);
        State state = State::field_start;
        bool started = false;      // any byte of this record consumed
        bool any_quote = false;
        bool cr_in_quotes = false;  // the last byte inside quotes was CR (so a following LF is the same line end)
        long quote_line = 0;
        int utf8_needed = 0;
        std::uint64_t utf8_start = 0;  // offset of the lead byte of the sequence being read
        std::uint64_t bad_utf8_offset = 0;
        bool bad_utf8 = false;
        std::size_t bad_utf8_field = 0;
        bool end_of_record = false;
        std::size_t oversized_field = 0;  // 1-based field that passed max_field_size, or 0
        auto append = [&](char c) {
            if (field->text.size() < options_.max_field_size)
                field->text.push_back(c);
            else if (oversized_field == 0)
                oversized_field = fields + 1;
        };

        while (!end_of_record) {
            if (pos_ == size_ && !fill()) break;
            char c = data_[pos_];
            if (pending_cr_) {
                pending_cr_ = false;
                if (c == '\n') {
                    ++pos_;
                    continue;
                }
            }
            // Fast path: a run of plain ASCII bytes in an unquoted field is copied in one go.
            // Everything else (quotes, delimiters, line ends, bytes of multi-byte characters)
            // takes the byte-by-byte path below, which keeps all the bookkeeping.
            if ((state == State::unquoted || state == State::field_start) && utf8_needed == 0) {
                std::size_t end = pos_;
                const char delimiter = delimiter_;
                while (end < size_) {
                    const char b = data_[end];
                    if (b == delimiter || b == '\n' || b == '\r' || b == '"' || (b & 0x80) != 0) break;
                    ++end;
                }
                if (end > pos_) {
                    const std::size_t room = options_.max_field_size > field->text.size()
                                                 ? options_.max_field_size - field->text.size()
                                                 : 0;
                    const std::size_t run = end - pos_;
                    field->text.append(data_ + pos_, std::min(run, room));
                    if (run > room && oversized_field == 0) oversized_field = fields + 1;
                    field->type = CellType::text;
                    state = State::unquoted;
                    started = true;
                    pos_ = end;
                    continue;
                }
            }
            if (check_utf8) {
                auto byte = static_cast<unsigned char>(c);
                const std::uint64_t offset = data_offset_ + pos_;
                bool invalid = false;
                if (utf8_needed > 0) {
                    if ((byte & 0xC0) == 0x80) {
                        --utf8_needed;
                    } else {
                        invalid = true;  // a truncated sequence: report where it began
                        utf8_needed = 0;
                    }
                } else if (byte >= 0x80) {
                    utf8_start = offset;
                    if (byte >= 0xC2 && byte <= 0xDF)
                        utf8_needed = 1;
                    else if (byte >= 0xE0 && byte <= 0xEF)
                        utf8_needed = 2;
                    else if (byte >= 0xF0 && byte <= 0xF4)
                        utf8_needed = 3;
                    else
                        invalid = true;
                }
                if (invalid && !bad_utf8) {
                    bad_utf8 = true;
                    bad_utf8_offset = utf8_start;
                    bad_utf8_field = fields;
                }
            }
            ++pos_;
            started = true;
            switch (state) {
                case State::quoted:
                    if (c == '"') {
                        state = State::quoted_quote;
                    } else {
                        if (c == '\n') {
                            if (!cr_in_quotes) ++line_;
                        } else if (c == '\r') {
                            ++line_;
                        }
                        cr_in_quotes = c == '\r';
                        append(c);
                    }
                    continue;
                case State::quoted_quote:
                    if (c == '"') {  // a doubled quote stands for one
                        append('"');
                        state = State::quoted;
                        continue;
                    }
                    break;  // the quoted part ended; c is handled below like unquoted text
                case State::field_start:
                    if (c == '"') {
                        state = State::quoted;
                        any_quote = true;
                        field->type = CellType::text;
                        quote_line = line_;
                        cr_in_quotes = false;
                        continue;
                    }
                    break;
                case State::unquoted:
                    break;
            }
            if (c == delimiter_) {
                field = &start_field(row, ++fields);
                state = State::field_start;
            } else if (c == '\n' || c == '\r') {
                ++line_;
                if (c == '\r') {
                    if (pos_ == size_ && !at_end_)
                        pending_cr_ = true;
                    else if (pos_ < size_ && data_[pos_] == '\n')
                        ++pos_;
                }
                end_of_record = true;
            } else {
                // A quote inside an unquoted field, or text after a closing quote, is kept as
                // written: spreadsheets export such fields and the value is still clear.
                append(c);
                field->type = CellType::text;
                state = State::unquoted;
            }
        }
        if (!started) return false;
        ++fields;
        row.cells.resize(fields);
        if (oversized_field > 0) {
            row.problem = "field " + std::to_string(oversized_field) + " is longer than " +
                          std::to_string(options_.max_field_size) + " bytes, the most a field may hold";
            row.problem_column = static_cast<int>(oversized_field);
        } else if (state == State::quoted) {
            row.problem = "a quoted field opened on line " + std::to_string(quote_line) + " is never closed";
            row.problem_column = static_cast<int>(fields);
        }
        if (check_utf8 && utf8_needed > 0 && !bad_utf8) {
            bad_utf8 = true;
            bad_utf8_offset = utf8_start;
            bad_utf8_field = fields - 1;
        }
        bool blank = !any_quote;
        for (const auto& cell : row.cells)
            if (!cell.text.empty()) blank = false;
        if (blank && row.problem.empty() && !bad_utf8) {
            ++blank_lines_;
            continue;
        }
        if (bad_utf8 && row.problem.empty()) {
            row.problem = "invalid UTF-8 at byte offset " + std::to_string(bad_utf8_offset);
            row.problem_column = static_cast<int>(bad_utf8_field) + 1;
        }
        if (header_fields_ < 0 && row.line >= options_.header_row) {
            header_fields_ = static_cast<int>(fields);
        } else if (header_fields_ >= 0 && row.problem.empty() && static_cast<int>(fields) != header_fields_) {
            row.problem = std::string(static_cast<int>(fields) > header_fields_ ? "too many" : "too few") +
                          " fields: the row has " + std::to_string(fields) + ", the header has " +
                          std::to_string(header_fields_);
        }
        return true;
    }
}

}  // namespace pirpack::ingest
