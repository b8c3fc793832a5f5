// rejects.csv: every rejected row of a run, with where it was and why.
#pragma once

#include <iosfwd>

#include "report/run_record.hpp"

namespace pirpack::report {

void write_rejects_csv(const RunRecord& run, std::ostream& out);

}  // namespace pirpack::report
