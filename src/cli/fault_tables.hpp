// Fault points (common/fault_point.hpp) in the stages a run spends its time in: every batch of
// rows loaded, every index built and every KPI query run passes one, so the crash test can land
// a kill inside ingest and evaluation without those stages knowing about it.
#pragma once

#include <memory>

#include "store/store.hpp"

namespace pirpack::cli {

// `tables` itself when fault points are off (no cost in a normal run); otherwise a wrapper that
// passes a point before each batch of rows, index, load finish and KPI query it forwards.
std::unique_ptr<store::RunTables> with_fault_points(std::unique_ptr<store::RunTables> tables);

}  // namespace pirpack::cli
