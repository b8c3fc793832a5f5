// Writes the synthetic input folder for the seed's programme (pirpack sample).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace pirpack::sample {

struct SampleOptions {
    std::string out_dir;
    int scale = 1;
    std::uint64_t seed = 1;
};

struct SampleFile {
    std::string path;  // relative to out_dir
    long rows = 0;     // data rows
};

struct SampleSummary {
    std::vector<SampleFile> files;
};

// Writes a complete input folder (creating out_dir). Same options => byte-identical files.
SampleSummary write_sample(const SampleOptions& options);

}  // namespace pirpack::sample
