// Rows as the loader moves them between threads: packed one after another in one string (per
// value a kind byte, then 8 bytes of integer or real, or a 4-byte length and the text). About a
// seventh of the memory of the same rows as Values, and a writer that can read a value in place
// (the SQLite store feeds them to INSERT ... SELECT without copying a single string).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "validate/column_mapping.hpp"

namespace pirpack::store {

struct PackedRows {
    std::string bytes;
    std::size_t rows = 0;
    // For a source with key columns, each row's key hash (validate::KeyCheck) and line, or XLSX row.
    std::vector<std::uint64_t> key_hashes;
    std::vector<long> lines;
    // The least and greatest value of the source's first date column in these rows (ISO text).
    std::string first_date, last_date;

    void clear() {
        bytes.clear();
        rows = 0;
        key_hashes.clear();
        lines.clear();
        first_date.clear();
        last_date.clear();
    }

    // Widens [first_date, last_date] to take in `date` (ISO text compares as the dates do).
    void widen_dates(std::string_view date) { widen(first_date, last_date, date); }
    static void widen(std::string& first, std::string& last, std::string_view date) {
        if (first.empty() || date < first) first = date;
        if (last.empty() || date > last) last = date;
    }

    void add(const std::vector<validate::Value>& values) {
        for (const auto& value : values) {
            bytes += static_cast<char>(value.kind);
            switch (value.kind) {
                case validate::Value::Kind::null: break;
                case validate::Value::Kind::integer: append(&value.integer, sizeof value.integer); break;
                case validate::Value::Kind::real: append(&value.real, sizeof value.real); break;
                case validate::Value::Kind::text: {
                    const auto size = static_cast<std::uint32_t>(value.text.size());
                    append(&size, sizeof size);
                    bytes.append(value.text);
                    break;
                }
            }
        }
        ++rows;
    }

    // One packed value, read in place.
    struct View {
        validate::Value::Kind kind = validate::Value::Kind::null;
        long long integer = 0;
        double real = 0;
        std::string_view text;
    };

    // Reads the value at `at` into `view` and returns where the next value starts.
    static const char* read(const char* at, View& view) {
        view.kind = static_cast<validate::Value::Kind>(*at++);
        switch (view.kind) {
            case validate::Value::Kind::null: break;
            case validate::Value::Kind::integer: at = take(at, &view.integer, sizeof view.integer); break;
            case validate::Value::Kind::real: at = take(at, &view.real, sizeof view.real); break;
            case validate::Value::Kind::text: {
                std::uint32_t size;
                at = take(at, &size, sizeof size);
                view.text = std::string_view(at, size);
                at += size;
                break;
            }
        }
        return at;
    }

    // Where the row starting at `at` ends, its values read on the way; `column`'s value is left
    // in `view`.
    static const char* skip_row(const char* at, std::size_t columns, std::size_t column, View& view) {
        View other;
        for (std::size_t c = 0; c < columns; ++c) at = read(at, c == column ? view : other);
        return at;
    }

    // Unpacks the rows into `out`, whose rows keep their capacity from one call to the next.
    void unpack(std::vector<std::vector<validate::Value>>& out, std::size_t columns) const {
        if (out.size() < rows) out.resize(rows);
        const char* at = bytes.data();
        View view;
        for (std::size_t r = 0; r < rows; ++r) {
            auto& row = out[r];
            row.resize(columns);
            for (auto& value : row) {
                at = read(at, view);
                value.kind = view.kind;
                value.integer = view.integer;
                value.real = view.real;
                if (view.kind == validate::Value::Kind::text) value.text.assign(view.text);
            }
        }
    }

private:
    void append(const void* data, std::size_t size) { bytes.append(static_cast<const char*>(data), size); }
    static const char* take(const char* at, void* out, std::size_t size) {
        std::memcpy(out, at, size);
        return at + size;
    }
};

}  // namespace pirpack::store
