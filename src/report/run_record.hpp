// What a run did, for the manifest and rejects.csv: the inputs with their hashes and counts,
// every reject, and how long each stage took.
#pragma once

#include <string>
#include <vector>

#include "store/store.hpp"
#include "validate/column_mapping.hpp"

namespace pirpack::report {

struct SourceRecord {
    std::string source;
    std::vector<store::InputFileRecord> files;
    std::vector<validate::Reject> rejects;
    // The first date or datetime column and its least and greatest loaded value, as the loader
    // saw them go by (so the report need not scan the table for them); empty when unknown.
    std::string date_column, first_date, last_date;
};

struct StageTiming {
    std::string stage;  // "read+validate <source>", "load <source>", "index <source>", "evaluate"...
    double seconds = 0;
    long rows = 0;
    // Ran on other threads at the same time as the stages that follow it (reading a source goes
    // on while the writer loads it and the sources before it), so it is not added to the others;
    // its seconds leave out the readers' waits for the writer, and are summed over the files.
    bool overlapped = false;
};

struct RunRecord {
    std::string programme;
    std::string programme_file;
    std::string programme_sha256;
    std::string period;
    std::string as_of;
    std::vector<SourceRecord> sources;
    std::vector<StageTiming> stages;
};

}  // namespace pirpack::report
