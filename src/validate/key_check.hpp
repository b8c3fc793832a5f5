// Key uniqueness. The columns a source marks `key = true` name one row, across every file of the
// source: the first row with a key (in file order, then line order) is loaded, and every later row
// with the same key is a reject that points at the first. Keys compare as typed values, so
// "01/04/2023" and "2023-04-01" are the same date. A row with a blank in any key column is not
// checked, as in SQL's UNIQUE; `required = true` on a key column rejects such rows instead.
//
// Memory: the check keeps a 64-bit hash per distinct key, not the key, in a table kept between
// 3/8 and 3/4 full (11 to 22 bytes a key), so that twenty million duty rows fit in 256 MB. A row
// whose hash was seen before is held back from the load, noted by its place alone (24 bytes).
// Once the last file is read, settle() reads the files again as far as the last held row and
// compares the keys themselves: a held row with the key of an earlier loaded row is rejected; one
// whose hash merely collided with another key's is loaded after all. Extracts without duplicates
// are read once. More than `max_held` held rows fail the source: that many repeats means a file
// is in it twice, and holding them would take memory without bound.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "common/source_location.hpp"
#include "config/programme.hpp"
#include "validate/source_reader.hpp"

namespace pirpack::validate {

class KeyCheck {
public:
    static constexpr std::size_t default_max_held = 1'000'000;

    // `hash_mask` keeps only some bits of each hash, and `max_held` may be lowered: tests use
    // them to force collisions and reach the limit.
    explicit KeyCheck(const config::Source& source, std::uint64_t hash_mask = ~std::uint64_t{0},
                      std::size_t max_held = default_max_held);

    // Whether the source has key columns at all.
    bool active() const { return !key_columns_.empty(); }

    // The hash of a loaded row's key (values in source column order), never 0; or 0 when a key
    // value is blank and the row is not checked. Safe to call from several threads at once.
    std::uint64_t hash(const std::vector<Value>& values) const;

    // For each loaded row in file and line order: true when no earlier row had its hash, so it can
    // be loaded now; false when it must be held (with hold()) until settle(). A 0 hash is admitted.
    bool admit(std::uint64_t hash);
    // As admit() for `count` hashes at once, faster on a large set; `admitted[i]` is 0 or 1.
    void admit_all(const std::uint64_t* hashes, std::size_t count, std::vector<unsigned char>& admitted);

    // A row admit() refused: the index of its file in the source's files, its line (or XLSX
    // row) and its hash. Throws common::PirpackError (input) past `max_held` rows.
    void hold(std::size_t file, long line, std::uint64_t hash);
    std::size_t held() const { return held_.size(); }

    // The memory the check may come to hold before its set next grows: the set's slots three times
    // over (while it doubles, the old and the new sets are both mapped) and the held rows.
    std::size_t memory_reserved() const { return 3 * slots_.size() * sizeof(std::uint64_t) + held_.capacity() * sizeof(Held); }

    // A sink for read_source over `display_paths` that admits each row or holds it, for a
    // caller that reads the files one after another; empty when the source has no key.
    RowSink sink(const std::vector<std::string>& display_paths);

    // Settles the held rows once every file has been read: reads `paths` again as far as the last,
    // turns each held row whose key was loaded before into a reject in `result` (moving it from
    // the file's loaded count to its rejected count, and keeping the rejects in file and line
    // order), and returns the values of the held rows that are no one's duplicate, in order, for
    // the caller to load. Throws common::PirpackError (input) if a file changed between the reads.
    // Leaves the check empty of held rows, its set of hashes kept.
    std::vector<std::vector<Value>> settle(const std::vector<std::string>& paths,
                                           const std::vector<std::string>& display_paths, SourceResult& result);

private:
    struct Held {
        std::size_t file = 0;
        long line = 0;
        std::uint64_t hash = 0;
    };

    void grow();
    std::size_t slot_of(std::uint64_t hash) const { return static_cast<std::size_t>((hash * 0x9E3779B97F4A7C15ULL) >> shift_); }

    // Zeroed memory for the slots, mapped fresh from the kernel in huge pages where it allows
    // them: a set of millions of keys is touched at random, and with 4 KiB pages most look-ups
    // also missed the TLB, and filling each new table page by page took most of the time.
    class Slots {
    public:
        Slots() = default;
        explicit Slots(std::size_t count);
        Slots(Slots&& other) noexcept { swap(other); }
        Slots& operator=(Slots&& other) noexcept {
            swap(other);
            return *this;
        }
        ~Slots();
        void swap(Slots& other) noexcept {
            std::swap(data_, other.data_);
            std::swap(size_, other.size_);
            std::swap(mapped_, other.mapped_);
            std::swap(base_, other.base_);
        }
        std::uint64_t& operator[](std::size_t i) { return data_[i]; }
        const std::uint64_t* begin() const { return data_; }
        const std::uint64_t* end() const { return data_ + size_; }
        std::size_t size() const { return size_; }
        bool empty() const { return size_ == 0; }

    private:
        std::uint64_t* data_ = nullptr;
        std::size_t size_ = 0;
        std::size_t mapped_ = 0;  // bytes mapped at base_, or 0 when data_ came from calloc
        void* base_ = nullptr;
    };

    const config::Source& source_;
    std::vector<std::size_t> key_columns_;
    std::uint64_t hash_mask_;
    std::size_t max_held_;
    Slots slots_;  // open addressing, linear probing; 0 is an empty slot
    unsigned shift_ = 64;
    std::size_t used_ = 0;
    std::vector<Held> held_;
};

}  // namespace pirpack::validate
