#include "report/model/report_model.hpp"

namespace pirpack::report {

const ReportWorkstream* Report::find_workstream(const std::string& id) const {
    for (const auto& workstream : workstreams)
        if (workstream.id == id) return &workstream;
    return nullptr;
}

const ReportKpi* Report::find_kpi(const std::string& id) const {
    for (const auto& kpi : kpis)
        if (kpi.id == id) return &kpi;
    return nullptr;
}

}  // namespace pirpack::report
