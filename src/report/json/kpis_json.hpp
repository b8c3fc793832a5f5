// kpis.json: every KPI result, machine-readable. The shape is documented in docs/kpis-json.md.
#pragma once

#include <iosfwd>
#include <string>

#include "config/programme.hpp"
#include "kpi/engine.hpp"
#include "kpi/history.hpp"

namespace pirpack::report {

struct PackInfo {
    std::string period;  // YYYY-MM
    std::string as_of;   // YYYY-MM-DD
};

void write_kpis_json(const config::Programme& programme, const kpi::Evaluation& evaluation,
                     const kpi::History& history, const PackInfo& pack, std::ostream& out);

}  // namespace pirpack::report
