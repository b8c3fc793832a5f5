// rejects.csv: every rejected row of a run, with where it was and why.
#pragma once

#include <iosfwd>
#include <string>

#include "report/run_record.hpp"

namespace pirpack::report {

// A reject's reason without the value it quotes, so reasons can be counted and shown without a
// value from an extract: "cannot read \"31/02/2023\" as a date" -> "cannot read \"...\" as a date".
std::string reason_without_value(const std::string& reason);

// With `include_values` false (a pack for beyond the board), the value column stays empty and
// reasons do not quote the value.
void write_rejects_csv(const RunRecord& run, std::ostream& out, bool include_values = true);

}  // namespace pirpack::report
