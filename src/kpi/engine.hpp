// Evaluates the KPI catalogue: each KPI's SQL runs once per window (baseline, current, matched,
// every month) with :from, :to and :period bound, and each scope is judged against its target
// and its baseline.
#pragma once

#include <functional>
#include <memory>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/source_location.hpp"
#include "config/programme.hpp"
#include "kpi/rag.hpp"
#include "kpi/statistics.hpp"
#include "kpi/windows.hpp"

namespace pirpack::store {
class QuerySession;
}

namespace pirpack::kpi {

// What one window's SQL said for one scope.
struct Measure {
    std::optional<double> value;
    std::optional<double> numerator;
    std::optional<double> denominator;
    std::optional<Interval> interval;  // 95% Wilson, in the KPI's unit, when there is a denominator
    bool suppressed = false;           // hidden by disclosure control (kpi/disclosure.hpp)
};

struct Significance {
    std::string test;  // "two_proportion", "rate_ratio", or "" when nothing could be tested
    double statistic = 0;
    double p_value = 1;
    bool significant = false;
};

// One KPI for one scope ("" when the SQL returns a single row).
struct ScopeResult {
    std::string scope;
    Measure baseline;
    Measure current;
    std::optional<Measure> matched;
    std::vector<Measure> monthly;  // parallel to KpiWindows::monthly
    Rag rag = Rag::none;
    std::optional<double> change_vs_baseline;           // current - baseline
    std::optional<double> relative_change_vs_baseline;  // (current - baseline) / baseline
    std::optional<double> change_vs_matched;
    Significance significance;
};

struct KpiResult {
    const config::Kpi* kpi = nullptr;
    std::string definition_hash;  // SHA-256 of the normalised definition, first 16 hex digits
    KpiWindows windows;
    std::vector<ScopeResult> scopes;  // ordered by scope
};

struct KpiFailure {
    std::string kpi_id;
    common::SourceLocation location;  // where the KPI's SQL starts in the programme file
    std::string message;              // the database's message, or what the result lacked
};

struct Evaluation {
    std::vector<KpiResult> results;   // in catalogue order
    std::vector<KpiFailure> failures;  // every KPI that could not be evaluated
};

// Hash of what defines a KPI's numbers: its SQL (whitespace collapsed), unit, direction,
// target, amber and current window. A change means earlier values are not comparable.
std::string definition_hash(const config::Kpi& kpi);

// Opens a connection to the run tables; each worker thread calls it once.
using SessionFactory = std::function<std::unique_ptr<store::QuerySession>()>;

// Evaluates every KPI, `threads` at a time (each on its own connection). Results and failures
// come back in catalogue order whatever the thread count. Given the rows loaded per source, the
// KPIs over the most rows start first, so that no long one is left running alone at the end.
Evaluation evaluate_kpis(const config::Programme& programme, const SessionFactory& open_session,
                         const common::Date& period, std::optional<common::Date> data_start = std::nullopt,
                         int threads = 2, const std::map<std::string, long>& source_rows = {});

// The order evaluate_kpis starts the KPIs in: by the rows of the sources each reads, most first,
// and in catalogue order among equals.
std::vector<std::size_t> evaluation_order(const config::Programme& programme,
                                          const std::map<std::string, long>& source_rows);

}  // namespace pirpack::kpi
