// The residual-action register: the closure report's open actions, with the owners and the due
// dates exactly as the report words them ("Q4 23/24", "January 2024", "mid-2024", "24/25", "N/A"),
// so the action parser meets what people really write.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "sample/sample_context.hpp"

namespace pirpack::sample {

struct ResidualAction {
    std::string_view id;  // A-01 ...
    std::string_view workstream;
    std::string_view area;
    std::string_view action;
    std::string_view owner;  // empty where the report names nobody
    std::string_view due;    // as the report gives it; empty where it gives none
    std::string_view status;
    Date last_update;
    std::string_view notes;
};

std::span<const ResidualAction> residual_actions();

WrittenFile write_residual_actions(const std::string& out_dir);

}  // namespace pirpack::sample
