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
};

struct StageTiming {
    std::string stage;  // read+validate+load of a source is "load <source>"
    double seconds = 0;
    long rows = 0;
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
