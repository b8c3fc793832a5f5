// manifest.json: what a pack was made from (every input with its SHA-256 and row counts, the
// programme file's hash, versions) and how long each stage took. Unlike kpis.json it is not
// byte-identical between runs: its timings are measurements.
#pragma once

#include <iosfwd>

#include "report/run_record.hpp"

namespace pirpack::report {

void write_manifest_json(const RunRecord& run, std::ostream& out);

}  // namespace pirpack::report
