// The residual-action register as a workbook for its owners: the register itself on the first
// sheet, in the register source's own columns and headers, so the file an owner updates and sends
// back is next month's register source with no change to the mapping; then the same actions by
// owner and by workstream, and a count per status. Overdue rows are red, rows due within 30 days
// amber. On the Register sheet the status has a drop-down of the allowed statuses, and only the
// cells owners update (owner, due, status, last update, notes) are unlocked.
//
//     write_register_workbook(report, "outputs/2024-03/residual-actions.xlsx");
#pragma once

#include <string>

#include "report/model/report_model.hpp"

namespace pirpack::report::excel {

void write_register_workbook(const Report& report, const std::string& path);

}  // namespace pirpack::report::excel
