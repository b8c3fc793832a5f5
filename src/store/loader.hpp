// Loading a source into its run table on two threads: one reads and types the rows (the CSV or
// XLSX reader and the mapping), the other inserts them, with batches of rows passed between.
#pragma once

#include <string>
#include <vector>

#include "config/programme.hpp"
#include "store/store.hpp"
#include "validate/source_reader.hpp"

namespace pirpack::store {

// Reads every file of `source` through its mapping and inserts the loaded rows with `writer`.
// Returns the counts and rejects; rethrows on the calling thread whatever either side threw.
validate::SourceResult load_source(const config::Source& source, const std::vector<std::string>& paths,
                                   const std::vector<std::string>& display_paths, TableWriter& writer);

}  // namespace pirpack::store
