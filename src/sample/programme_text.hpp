// programme.toml for the sample: the seed's programme, its workstreams, a source for every file
// the sample writes, and a first KPI catalogue that tests the seed's findings.
#pragma once

#include <string>
#include <string_view>

#include "sample/sample_context.hpp"

namespace pirpack::sample {

// The whole file. It is the same at every scale: N forces are still one programme.
std::string_view programme_toml();

WrittenFile write_programme(const std::string& out_dir);

}  // namespace pirpack::sample
