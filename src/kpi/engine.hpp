// Evaluates the KPI catalogue: each KPI's SQL runs once per window (baseline, current, matched,
// every month) with :from, :to and :period bound, and each scope is judged against its target
// and its baseline.
#pragma once

#include <chrono>
#include <condition_variable>
#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
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

// Evaluates the catalogue, some of it while the extracts are still loading. Once the tables a KPI
// reads can be read by new sessions (start_ready), it may be evaluated on a background thread
// that takes the CPU the load leaves; finish() evaluates the rest, with the background thread
// and the caller's. A KPI that fails early is evaluated again in finish(), when every table is
// there, and only that failure counts: it may have read a table named in a way the programme's
// list of sources read missed.
class Evaluator {
public:
    Evaluator(const config::Programme& programme, SessionFactory open_session, const common::Date& period,
              std::optional<common::Date> data_start = std::nullopt);
    ~Evaluator();  // stops the background thread after its current KPI
    Evaluator(const Evaluator&) = delete;
    Evaluator& operator=(const Evaluator&) = delete;

    // The KPIs that every source in `readable` would make ready and that have not started.
    std::size_t would_start(const std::set<std::string>& readable) const;
    // Queues those KPIs for the background thread (started on the first call), the ones over
    // the most rows first.
    void start_ready(const std::set<std::string>& readable, const std::map<std::string, long>& source_rows);
    // Evaluates what is left on `threads` threads in all, the background one among them, and
    // returns every result and failure in catalogue order.
    Evaluation finish(int threads, const std::map<std::string, long>& source_rows);

    // KPIs evaluated before finish() was called, and the background thread's busy seconds then.
    std::size_t early_count() const { return early_count_; }
    double early_seconds() const { return early_seconds_; }

private:
    void work(bool background);
    std::vector<std::size_t> ready_locked(const std::set<std::string>& readable) const;
    void queue_locked(const std::vector<std::size_t>& kpis, const std::map<std::string, long>& source_rows);

    const config::Programme& programme_;
    SessionFactory open_session_;
    common::Date period_;
    std::optional<common::Date> data_start_;
    char period_text_[8] = {};
    std::vector<std::set<std::string>> reads_;  // per KPI, the sources its SQL names
    std::vector<bool> waiting_;  // per KPI: neither queued, running nor done
    std::vector<std::optional<KpiResult>> results_;
    std::vector<std::optional<KpiFailure>> failures_;
    std::vector<std::size_t> queue_;  // next first
    bool finishing_ = false, stopping_ = false;
    std::size_t early_count_ = 0;
    double early_seconds_ = 0;
    std::optional<std::chrono::steady_clock::time_point> running_since_;  // the background's KPI, before finish()
    std::exception_ptr crashed_;
    mutable std::mutex mutex_;
    std::condition_variable changed_;
    std::thread background_;
};

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

// The sources a KPI's SQL names anywhere, as a word (so a table after a comma counts too): more
// than it reads, perhaps, never fewer than the FROM and JOIN tables.
std::set<std::string> sources_named(const config::Programme& programme, const config::Kpi& kpi);

}  // namespace pirpack::kpi
