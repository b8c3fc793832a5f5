// Loading sources into their run tables. Reader threads read and type the rows of several files
// at once (the CSV or XLSX reader and the mapping) and hash each file while it is still in the
// page cache; the calling thread inserts the rows through the store's one connection, in source
// order and, within a source, in file order, so the tables, counts and rejects are exactly those a
// single thread reading file after file would produce.
#pragma once

#include <cstdint>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "common/file_hash.hpp"
#include "config/programme.hpp"
#include "store/store.hpp"
#include "validate/source_reader.hpp"

namespace pirpack::store {

// One source to load: its files as opened, and as users see them.
struct SourceFiles {
    const config::Source* source = nullptr;
    std::vector<std::string> paths;
    std::vector<std::string> display_paths;
};

// A source once every row of it is in its table.
struct LoadedSource {
    validate::SourceResult result;            // counts per file and rejects, in file and line order
    std::vector<common::FileDigest> digests;  // one per file, in file order
    double seconds = 0;                       // writing its rows, waiting for them included
    double read_seconds = 0;                  // reading, typing, checking and hashing its files on the
                                              // reader threads, alongside the writing, less their
                                              // waits for the writer (summed over its files)
    // The earliest and latest value loaded into the source's first date or datetime column, as
    // stored (ISO text, so they compare as text); empty if it has none or every value was null.
    std::string date_column, first_date, last_date;
};

struct LoadOptions {
    // Files read at once; 0 means one per core. Reading runs ahead of the writer (beyond a few
    // batches of the file being written) by `memory_budget` of packed rows, less what a key check
    // may come to hold while those rows wait (guessed from file sizes, for the source being
    // written and those after it), and never by less than `bytes_ahead`. So memory stays bounded:
    // while duties load at scale 20 their key hashes take the budget and readers keep to
    // `bytes_ahead`; while duties are indexed (the hashes freed) the readers read nearly all of
    // crime, which would otherwise wait until after the index, beside an idle core.
    unsigned reader_threads = 0;
    std::size_t bytes_ahead = 64 << 20;
    std::size_t memory_budget = 640 << 20;
    bool hash_files = true;  // fill LoadedSource::digests
};

// Creates each source's table with `create_table`, inserts its rows, and calls `loaded` (on the
// calling thread, in source order) once they are all in, before the next source's first row.
// An error in a file (unreadable, a required column missing) is rethrown when the writer reaches
// that file, so the sources before it are loaded and reported as in a one-file-at-a-time run; an
// error from the writer or from `loaded` stops the readers and is rethrown.
void load_sources(const std::vector<SourceFiles>& sources,
                  const std::function<std::unique_ptr<TableWriter>(const config::Source&)>& create_table,
                  const std::function<void(std::size_t, LoadedSource&&)>& loaded, const LoadOptions& options = {});

// Reads every file of `source` through its mapping and inserts the loaded rows with `writer`.
// Returns the counts and rejects; rethrows on the calling thread whatever either side threw.
// The bytes of the files at `paths`, those that can be read; a missing file counts nothing.
std::uintmax_t files_bytes(const std::vector<std::string>& paths);

validate::SourceResult load_source(const config::Source& source, const std::vector<std::string>& paths,
                                   const std::vector<std::string>& display_paths, TableWriter& writer);

}  // namespace pirpack::store
