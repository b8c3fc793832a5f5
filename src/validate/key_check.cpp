#include "validate/key_check.hpp"

#include <sys/mman.h>

#include <algorithm>
#include <cstdlib>
#include <cstdio>
#include <cstring>
#include <functional>
#include <map>
#include <new>
#include <string_view>
#include <unordered_map>

#include "common/errors.hpp"

namespace pirpack::validate {

namespace {

constexpr unsigned initial_bits = 10;

// A key value as bytes, the key's values side by side, so that two keys compare exactly.
void append_key_value(std::string& out, const Value& value) {
    out += static_cast<char>(value.kind);
    switch (value.kind) {
        case Value::Kind::null: break;
        case Value::Kind::integer: out.append(reinterpret_cast<const char*>(&value.integer), sizeof value.integer); break;
        case Value::Kind::real: {
            const double real = value.real == 0 ? 0.0 : value.real;  // -0 and 0 are one key
            out.append(reinterpret_cast<const char*>(&real), sizeof real);
            break;
        }
        case Value::Kind::text: {
            const auto size = static_cast<std::uint32_t>(value.text.size());
            out.append(reinterpret_cast<const char*>(&size), sizeof size);
            out += value.text;
            break;
        }
    }
}

// A 64-bit finaliser (splitmix64's): every input bit moves about half the output bits.
std::uint64_t mix(std::uint64_t x) {
    x ^= x >> 30;
    x *= 0xBF58476D1CE4E5B9ULL;
    x ^= x >> 27;
    x *= 0x94D049BB133111EBULL;
    x ^= x >> 31;
    return x;
}

// A key value as a reject shows it.
std::string text_of(const Value& value) {
    switch (value.kind) {
        case Value::Kind::null: return "";
        case Value::Kind::integer: return std::to_string(value.integer);
        case Value::Kind::real: {
            char buffer[32];
            std::snprintf(buffer, sizeof buffer, "%.15g", value.real);
            return buffer;
        }
        case Value::Kind::text: return value.text;
    }
    return "";
}

struct StopReading {};

}  // namespace

KeyCheck::KeyCheck(const config::Source& source, std::uint64_t hash_mask, std::size_t max_held)
    : source_(source), hash_mask_(hash_mask), max_held_(max_held) {
    for (std::size_t c = 0; c < source.columns.size(); ++c)
        if (source.columns[c].key) key_columns_.push_back(c);
}

std::uint64_t KeyCheck::hash(const std::vector<Value>& values) const {
    // Each value's own hash (murmur, std::hash's, for text), folded in column by column: no copy
    // of the key is made, as this runs for every row.
    std::uint64_t hash = 0x243F6A8885A308D3ULL;
    for (std::size_t c : key_columns_) {
        const Value& value = values[c];
        std::uint64_t part = 0;
        switch (value.kind) {
            case Value::Kind::null: return 0;
            case Value::Kind::integer: part = static_cast<std::uint64_t>(value.integer); break;
            case Value::Kind::real: {
                const double real = value.real == 0 ? 0.0 : value.real;  // -0 and 0 are one key
                std::memcpy(&part, &real, sizeof part);
                break;
            }
            case Value::Kind::text: part = std::hash<std::string_view>{}(value.text); break;
        }
        hash = mix(hash ^ mix(part + static_cast<std::uint64_t>(value.kind)));
    }
    hash &= hash_mask_;
    return hash == 0 ? 1 : hash;
}

KeyCheck::Slots::Slots(std::size_t count) : size_(count) {
    const std::size_t bytes = count * sizeof(std::uint64_t);
    constexpr std::size_t huge_page = std::size_t{2} << 20;
    if (bytes >= huge_page) {
        // Mapped with a huge page's slack, so that the slots can start on a huge page boundary.
        void* mapped = ::mmap(nullptr, bytes + huge_page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (mapped != MAP_FAILED) {
            mapped_ = bytes + huge_page;
            auto start = (reinterpret_cast<std::uintptr_t>(mapped) + huge_page - 1) & ~(huge_page - 1);
            data_ = reinterpret_cast<std::uint64_t*>(start);
            ::madvise(data_, bytes, MADV_HUGEPAGE);  // advice only: without it the pages are small
            base_ = mapped;
            return;
        }
    }
    data_ = static_cast<std::uint64_t*>(std::calloc(count, sizeof(std::uint64_t)));
    if (!data_) throw std::bad_alloc();
}

KeyCheck::Slots::~Slots() {
    if (mapped_) ::munmap(base_, mapped_);
    else std::free(data_);
}

void KeyCheck::grow() {
    Slots old(std::move(slots_));
    const unsigned bits = old.empty() ? initial_bits : 64 - shift_ + 1;
    slots_ = Slots(std::size_t{1} << bits);
    shift_ = 64 - bits;
    const std::size_t mask = slots_.size() - 1;
    for (std::uint64_t hash : old)
        if (hash) {
            std::size_t slot = slot_of(hash);
            while (slots_[slot]) slot = (slot + 1) & mask;
            slots_[slot] = hash;
        }
}

bool KeyCheck::admit(std::uint64_t hash) {
    if (hash == 0) return true;
    if ((used_ + 1) * 4 > slots_.size() * 3) grow();
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t slot = slot_of(hash);; slot = (slot + 1) & mask) {
        if (slots_[slot] == hash) return false;
        if (slots_[slot] == 0) {
            slots_[slot] = hash;
            ++used_;
            return true;
        }
    }
}

void KeyCheck::admit_all(const std::uint64_t* hashes, std::size_t count, std::vector<unsigned char>& admitted) {
    // The set outgrows the caches long before twenty million keys: fetch the slot a few rows
    // ahead so each look-up finds it there.
    constexpr std::size_t ahead = 16;
    admitted.resize(count);
    for (std::size_t i = 0; i < count; ++i) {
        if (i + ahead < count && !slots_.empty() && hashes[i + ahead])
            __builtin_prefetch(&slots_[slot_of(hashes[i + ahead])]);
        admitted[i] = admit(hashes[i]) ? 1 : 0;
    }
}

void KeyCheck::hold(std::size_t file, long line, std::uint64_t hash) {
    if (held_.size() >= max_held_)
        throw common::PirpackError(common::ErrorKind::input,
                                   "source \"" + source_.name + "\": more than " + std::to_string(max_held_) +
                                       " rows repeat the key of an earlier row",
                                   source_.location,
                                   "check that no extract is in the source twice (path matches " + source_.path +
                                       "), and that the key columns (key = true) name one row each");
    held_.push_back({file, line, hash});
}

RowSink KeyCheck::sink(const std::vector<std::string>& display_paths) {
    if (!active()) return nullptr;
    return [this, display_paths, file = std::size_t{0}, last = std::string()](
               const std::vector<Value>& values, const common::SourceLocation& where, long line) mutable {
        if (where.file != last) {
            file = static_cast<std::size_t>(std::find(display_paths.begin(), display_paths.end(), where.file) -
                                            display_paths.begin());
            last = where.file;
        }
        const std::uint64_t h = hash(values);
        if (!admit(h)) hold(file, line, h);
    };
}

std::vector<std::vector<Value>> KeyCheck::settle(const std::vector<std::string>& paths,
                                                 const std::vector<std::string>& display_paths,
                                                 SourceResult& result) {
    std::vector<std::vector<Value>> load;
    if (held_.empty()) return load;
    auto shown = [&](std::size_t f) { return f < display_paths.size() ? display_paths[f] : paths[f]; };

    // Per held hash, the keys loaded with it so far, in order: the first row of the hash, then
    // any held row that turns out to be a collision rather than a repeat.
    struct Loaded {
        std::string key;
        std::size_t file = 0;
        long line = 0;
        bool xlsx = false;
    };
    std::unordered_map<std::uint64_t, std::vector<Loaded>> loaded;
    for (const auto& row : held_) loaded.emplace(row.hash, std::vector<Loaded>{});
    std::string key_names;
    for (std::size_t c : key_columns_) key_names += (key_names.empty() ? "" : ", ") + source_.columns[c].name;

    std::vector<Reject> duplicates;
    std::size_t next = 0;  // the next held row, in file and line order as they were held
    const std::size_t last_file = held_.back().file;
    std::string key;
    for (std::size_t f = 0; f <= last_file; ++f) {
        try {
            read_source(
                source_, {paths[f]}, {shown(f)},
                [&](const std::vector<Value>& values, const common::SourceLocation& where, long line) {
                    const std::uint64_t h = hash(values);
                    if (h == 0) return;
                    auto group = loaded.find(h);
                    if (group == loaded.end()) return;
                    key.clear();
                    for (std::size_t c : key_columns_) append_key_value(key, values[c]);
                    const bool is_held = next < held_.size() && held_[next].file == f && held_[next].line == line;
                    if (!is_held) {
                        // A row loaded the first time: the hash's first, as no other row with a held
                        // hash was admitted.
                        if (group->second.empty()) group->second.push_back({key, f, line, !where.sheet.empty()});
                        return;
                    }
                    ++next;
                    if (group->second.empty())
                        throw common::PirpackError(
                            common::ErrorKind::input,
                            "the file changed while it was read: an earlier row with this row's key is gone",
                            {where.file, where.sheet, static_cast<int>(line), 0, ""},
                            "run again once the extracts are no longer being written");
                    auto match = std::find_if(group->second.begin(), group->second.end(),
                                              [&](const Loaded& earlier) { return earlier.key == key; });
                    if (match == group->second.end()) {  // the same hash, another key: loaded after all
                        group->second.push_back({key, f, line, !where.sheet.empty()});
                        load.push_back(values);
                        return;
                    }
                    std::string value;
                    for (std::size_t c : key_columns_) value += (value.empty() ? "" : ", ") + text_of(values[c]);
                    std::string place = (match->xlsx ? "row " : "line ") + std::to_string(match->line);
                    if (match->file != f) place += " of " + shown(match->file);
                    Reject reject;
                    reject.location = {where.file, where.sheet, static_cast<int>(line), 0, ""};
                    reject.value = cut_for_reject(value);
                    std::string shown_value;  // quotes doubled, so a pack can cut the value out of the reason
                    for (char c : reject.value) shown_value += c == '"' ? std::string("\"\"") : std::string(1, c);
                    reject.reason = "duplicate key (" + key_names + ") \"" + shown_value + "\": already loaded from " + place;
                    duplicates.push_back(std::move(reject));
                    auto& counts = result.files.at(f);
                    --counts.rows_loaded;
                    ++counts.rows_rejected;
                    if (next == held_.size()) throw StopReading{};
                },
                false);
        } catch (const StopReading&) {
        }
    }
    if (next != held_.size())
        throw common::PirpackError(common::ErrorKind::input,
                                   "the file changed while it was read: a row that repeated an earlier key is gone",
                                   {shown(held_[next].file), "", static_cast<int>(held_[next].line), 0, ""},
                                   "run again once the extracts are no longer being written");
    held_.clear();

    // The rejects in file and line order, as read_source leaves them.
    std::map<std::string, std::size_t> file_order;
    for (std::size_t f = 0; f < result.files.size(); ++f) file_order.emplace(result.files[f].path, f);
    auto order = [&](const Reject& reject) {
        auto it = file_order.find(reject.location.file);
        return std::make_pair(it == file_order.end() ? result.files.size() : it->second, reject.location.line);
    };
    for (auto& reject : duplicates) result.rejects.push_back(std::move(reject));
    std::stable_sort(result.rejects.begin(), result.rejects.end(),
                     [&](const Reject& a, const Reject& b) { return order(a) < order(b); });
    return load;
}

}  // namespace pirpack::validate
