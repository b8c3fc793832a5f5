// Narrative the review leads write, one Markdown file per area, as pirpack finds it in
// inputs/narrative/. Figures are KPI tags ({{kpi.ID.FIELD}}) for the report to fill in, and each
// "Residual Activity" item cites the register id it is tracked under.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sample/sample_context.hpp"

namespace pirpack::sample {

struct NarrativeFile {
    std::string_view file;  // within narrative/
    std::string_view text;
};

std::span<const NarrativeFile> narrative_files();

std::vector<WrittenFile> write_narrative(const std::string& out_dir);

}  // namespace pirpack::sample
