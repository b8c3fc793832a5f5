// What moved since the last pack: RAG changes, restatements (a month already reported whose
// value has since changed) and definition changes (so a new counting rule is never read as a
// benefit).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kpi/engine.hpp"
#include "store/store.hpp"

namespace pirpack::kpi {

struct RagChange {
    std::string kpi_id;
    std::string scope;
    std::string before;  // the last pack's RAG of its current window
    std::string after;
};

struct Restatement {
    std::string kpi_id;
    std::string scope;
    std::string month;  // YYYY-MM
    std::optional<double> reported;
    std::optional<double> now;
};

struct DefinitionChange {
    std::string kpi_id;
    std::string before;  // definition hash; "" for a KPI the last pack did not have
    std::string after;   // "" for a KPI this pack no longer has
};

struct History {
    std::optional<store::PastRun> previous;  // absent for a programme's first pack
    std::vector<RagChange> rag_changes;
    std::vector<Restatement> restatements;
    std::vector<DefinitionChange> definition_changes;
};

// The evaluation as rows for the store: every KPI, scope and window.
std::vector<store::KpiRecord> records_of(const Evaluation& evaluation);

// Compares this evaluation with the records of the previous pack. Restatements are looked for
// only in KPIs whose definition is unchanged; a changed definition is reported instead.
History compare_with_previous(const std::optional<store::PastRun>& previous,
                              const std::vector<store::KpiRecord>& previous_records, const Evaluation& evaluation);

}  // namespace pirpack::kpi
