#include "kpi/engine.hpp"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <sstream>

#include "common/errors.hpp"
#include "common/file_hash.hpp"
#include "store/store.hpp"

namespace pirpack::kpi {

namespace {

// Wilson intervals are proportions; KPIs in percent or per 100 show them on that scale.
double unit_scale(config::Unit unit) {
    return unit == config::Unit::percent || unit == config::Unit::rate_per_100 ? 100.0 : 1.0;
}

std::string number_text(std::optional<double> value) {
    if (!value) return "-";
    std::ostringstream out;
    out.precision(17);
    out << *value;
    return out.str();
}

struct WindowRows {
    std::map<std::string, Measure> by_scope;
};

// Reads one window's result into measures by scope; returns an error message or "".
std::string read_result(const store::QueryResult& result, const config::Kpi& kpi, WindowRows& out) {
    auto column = [&](const char* name) -> int {
        auto it = std::find(result.columns.begin(), result.columns.end(), name);
        return it == result.columns.end() ? -1 : static_cast<int>(it - result.columns.begin());
    };
    int value = column("value"), numerator = column("numerator"), denominator = column("denominator"),
        scope = column("scope");
    if (value < 0) {
        std::string names;
        for (const auto& name : result.columns) names += (names.empty() ? "" : ", ") + name;
        return "the SQL returns no column named value (it returns " + (names.empty() ? std::string("none") : names) +
               ")";
    }
    if (scope < 0 && result.rows.size() > 1)
        return "the SQL returns " + std::to_string(result.rows.size()) +
               " rows but no scope column to tell them apart";
    auto number = [](const store::QueryCell& cell) -> std::optional<double> {
        if (cell.null) return std::nullopt;
        if (cell.numeric) return cell.number;
        char* end = nullptr;
        double parsed = std::strtod(cell.text.c_str(), &end);
        if (end && *end == '\0' && !cell.text.empty()) return parsed;
        return std::nullopt;
    };
    for (const auto& row : result.rows) {
        std::string scope_name = scope >= 0 && !row[scope].null ? row[scope].text : std::string();
        Measure& measure = out.by_scope[scope_name];
        measure.value = number(row[value]);
        if (row[value].null == false && !measure.value)
            return "the value \"" + row[value].text + "\" is not a number";
        if (numerator >= 0) measure.numerator = number(row[numerator]);
        if (denominator >= 0) measure.denominator = number(row[denominator]);
        if (measure.numerator && measure.denominator && *measure.denominator > 0) {
            if (auto interval = wilson_interval(*measure.numerator, *measure.denominator)) {
                double scale = unit_scale(kpi.unit);
                measure.interval = Interval{interval->low * scale, interval->high * scale};
            }
        }
    }
    return {};
}

void judge(const config::Kpi& kpi, const KpiWindows& windows, ScopeResult& scope) {
    scope.rag = judge_rag(scope.current.value, kpi);
    const auto& base = scope.baseline;
    const auto& now = scope.current;
    if (base.value && now.value) {
        scope.change_vs_baseline = *now.value - *base.value;
        if (*base.value != 0) scope.relative_change_vs_baseline = (*now.value - *base.value) / *base.value;
    }
    if (scope.matched && scope.matched->value && now.value) scope.change_vs_matched = *now.value - *scope.matched->value;
    if (base.numerator && base.denominator && now.numerator && now.denominator) {
        if (auto test = two_proportion_test(*base.numerator, *base.denominator, *now.numerator, *now.denominator))
            scope.significance = {"two_proportion", test->statistic, test->p_value, test->significant};
    } else if (kpi.unit == config::Unit::count && base.value && now.value &&
               kpi.sql.find(":from") != std::string::npos) {
        // Only counts of events over the window are rates; a count read on :to alone (people
        // in post on the last day) is a level, for which a rate test means nothing.
        if (auto test = rate_ratio_test(*base.value, static_cast<double>(windows.baseline.days()), *now.value,
                                        static_cast<double>(windows.current.days())))
            scope.significance = {"rate_ratio", test->statistic, test->p_value, test->significant};
    }
}

}  // namespace

std::string definition_hash(const config::Kpi& kpi) {
    std::string sql;
    bool space = false;
    for (char c : kpi.sql) {
        if (std::isspace(static_cast<unsigned char>(c))) {
            space = !sql.empty();
            continue;
        }
        if (space) sql.push_back(' ');
        space = false;
        sql.push_back(c);
    }
    std::string text = sql + "\nunit=" + config::to_string(kpi.unit) + "\ndirection=" +
                       config::to_string(kpi.direction) + "\ntarget=" + number_text(kpi.target) +
                       "\namber=" + number_text(kpi.amber) + "\ncurrent=" +
                       (kpi.current ? config::to_string(*kpi.current) : std::string("programme"));
    return common::sha256_text(text).substr(0, 16);
}

namespace {

// Evaluates one KPI over all its windows on `session`; fills `failure` instead when it cannot.
std::optional<KpiResult> evaluate_one(const config::Programme& programme, const config::Kpi& kpi,
                                      store::QuerySession& session, const common::Date& period,
                                      const std::string& period_text, std::optional<common::Date> data_start,
                                      KpiFailure& failure) {
    const config::Workstream* workstream = programme.find_workstream(kpi.workstream);
    if (!workstream) return std::nullopt;  // the loader guarantees it exists
    KpiResult result;
    result.kpi = &kpi;
    result.definition_hash = definition_hash(kpi);
    result.windows = compute_windows(programme.info, *workstream, kpi.current.value_or(programme.info.current),
                                     period, data_start);
    try {
        auto query = session.prepare(kpi.sql);
        // The current and matched windows of a monthly KPI are also two of its months: each span
        // of dates is asked of the database once.
        std::map<std::pair<long, long>, WindowRows> done;
        auto run_window = [&](const Window& window, WindowRows& rows) {
            const std::pair<long, long> span{common::days_since_epoch(window.from), common::days_since_epoch(window.to)};
            if (auto it = done.find(span); it != done.end()) {
                rows = it->second;
                return;
            }
            auto output = query->run({{"from", common::format_iso_date(window.from)},
                                      {"to", common::format_iso_date(window.to)},
                                      {"period", period_text}});
            std::string problem = read_result(output, kpi, rows);
            if (!problem.empty())
                throw common::PirpackError(common::ErrorKind::run, problem + " (window " + window.name + ")");
            done.emplace(span, rows);
        };
        WindowRows baseline, current, matched;
        std::vector<WindowRows> monthly(result.windows.monthly.size());
        run_window(result.windows.baseline, baseline);
        run_window(result.windows.current, current);
        if (result.windows.matched) run_window(*result.windows.matched, matched);
        for (size_t m = 0; m < monthly.size(); ++m) run_window(result.windows.monthly[m], monthly[m]);
        std::map<std::string, ScopeResult> scopes;
        for (const auto* rows : {&baseline, &current, &matched})
            for (const auto& [name, measure] : rows->by_scope) scopes[name].scope = name;
        for (const auto& rows : monthly)
            for (const auto& [name, measure] : rows.by_scope) scopes[name].scope = name;
        if (scopes.empty()) scopes[""].scope = "";
        for (auto& [scope_key, scope] : scopes) {
            const std::string& name = scope_key;  // clang 14 cannot capture a structured binding
            auto take = [&](const WindowRows& rows) {
                auto it = rows.by_scope.find(name);
                return it == rows.by_scope.end() ? Measure{} : it->second;
            };
            scope.baseline = take(baseline);
            scope.current = take(current);
            if (result.windows.matched) scope.matched = take(matched);
            for (const auto& rows : monthly) scope.monthly.push_back(take(rows));
            judge(kpi, result.windows, scope);
            result.scopes.push_back(std::move(scope));
        }
    } catch (const common::PirpackError& error) {
        failure = {kpi.id, kpi.sql_location, error.what()};
        return std::nullopt;
    }
    return result;
}

}  // namespace

std::vector<std::size_t> evaluation_order(const config::Programme& programme,
                                          const std::map<std::string, long>& source_rows) {
    std::vector<long> rows(programme.kpis.size(), 0);
    for (std::size_t i = 0; i < rows.size(); ++i)
        for (const auto& source : programme.kpis[i].sources_read)
            if (auto it = source_rows.find(source); it != source_rows.end()) rows[i] += it->second;
    std::vector<std::size_t> order(rows.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return rows[a] > rows[b]; });
    return order;
}

std::set<std::string> sources_named(const config::Programme& programme, const config::Kpi& kpi) {
    std::set<std::string> words;
    std::string word;
    for (std::size_t i = 0; i <= kpi.sql.size(); ++i) {
        const unsigned char c = i < kpi.sql.size() ? static_cast<unsigned char>(kpi.sql[i]) : ' ';
        if (std::isalnum(c) || c == '_' || c >= 0x80) {
            word.push_back(static_cast<char>(std::tolower(c)));
        } else if (!word.empty()) {
            words.insert(word);
            word.clear();
        }
    }
    std::set<std::string> named;
    for (const auto& source : programme.sources) {
        std::string lower = source.name;
        for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (words.count(lower)) named.insert(source.name);
    }
    return named;
}

Evaluator::Evaluator(const config::Programme& programme, SessionFactory open_session, const common::Date& period,
                     std::optional<common::Date> data_start)
    : programme_(programme),
      open_session_(std::move(open_session)),
      period_(period),
      data_start_(data_start),
      waiting_(programme.kpis.size(), true),
      results_(programme.kpis.size()),
      failures_(programme.kpis.size()) {
    std::snprintf(period_text_, sizeof period_text_, "%04d-%02d", period.year, period.month);
    for (const auto& kpi : programme.kpis) reads_.push_back(sources_named(programme, kpi));
}

Evaluator::~Evaluator() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
    }
    changed_.notify_all();
    if (background_.joinable()) background_.join();
}

std::vector<std::size_t> Evaluator::ready_locked(const std::set<std::string>& readable) const {
    std::vector<std::size_t> ready;
    for (std::size_t i = 0; i < waiting_.size(); ++i)
        if (waiting_[i] && std::includes(readable.begin(), readable.end(), reads_[i].begin(), reads_[i].end()))
            ready.push_back(i);
    return ready;
}

std::size_t Evaluator::would_start(const std::set<std::string>& readable) const {
    std::lock_guard<std::mutex> lock(mutex_);
    return ready_locked(readable).size();
}

void Evaluator::queue_locked(const std::vector<std::size_t>& kpis, const std::map<std::string, long>& source_rows) {
    const std::vector<std::size_t> order = evaluation_order(programme_, source_rows);
    std::vector<std::size_t> rank(order.size());
    for (std::size_t n = 0; n < order.size(); ++n) rank[order[n]] = n;
    for (std::size_t i : kpis) {
        waiting_[i] = false;
        queue_.push_back(i);
    }
    std::stable_sort(queue_.begin(), queue_.end(), [&](std::size_t a, std::size_t b) { return rank[a] < rank[b]; });
}

void Evaluator::start_ready(const std::set<std::string>& readable, const std::map<std::string, long>& source_rows) {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        const std::vector<std::size_t> ready = ready_locked(readable);
        queue_locked(ready, source_rows);
        if (!background_.joinable() && !ready.empty()) background_ = std::thread([this] { work(true); });
    }
    changed_.notify_all();
}

void Evaluator::work(bool background) {
    if (background) {
        // Until the load ends, this thread only has what the writer and the readers leave: it
        // runs below them (readers are at nice 10). Linux sets nice per thread.
        setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), 19);
    }
    std::unique_ptr<store::QuerySession> session;
    bool session_early = false;
    std::unique_lock<std::mutex> lock(mutex_);
    try {
        for (;;) {
            if (background) changed_.wait(lock, [&] { return stopping_ || finishing_ || !queue_.empty(); });
            if (stopping_ || queue_.empty()) return;
            const std::size_t i = queue_.front();
            queue_.erase(queue_.begin());
            const bool early = !finishing_;
            const auto started = std::chrono::steady_clock::now();
            if (early) running_since_ = started;
            lock.unlock();
            // A session opened while the load went on is opened again after it: the store may
            // give one less memory while the load needs it (store::RunTables::open_session).
            if (session && session_early && !early) session.reset();
            if (!session) {
                session = open_session_();
                session_early = early;
            }
            KpiFailure failure;
            std::optional<KpiResult> result =
                evaluate_one(programme_, programme_.kpis[i], *session, period_, period_text_, data_start_, failure);
            const auto ended = std::chrono::steady_clock::now();
            lock.lock();
            if (early) {
                // Busy time before finish() was called; finish() counts a KPI it finds running.
                if (!finishing_) early_seconds_ += std::chrono::duration<double>(ended - started).count();
                running_since_.reset();
            }
            if (!result && early) {
                // Perhaps a table it reads was not there yet: it runs again once every one is.
                if (finishing_)
                    queue_.push_back(i);
                else
                    waiting_[i] = true;
                continue;
            }
            if (early) ++early_count_;
            results_[i] = std::move(result);
            if (!results_[i] && !failure.kpi_id.empty()) failures_[i] = failure;
        }
    } catch (...) {
        if (!lock.owns_lock()) lock.lock();
        if (!crashed_) crashed_ = std::current_exception();
        stopping_ = true;  // the others stop at their next KPI
        changed_.notify_all();
    }
}

Evaluation Evaluator::finish(int threads, const std::map<std::string, long>& source_rows) {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        finishing_ = true;
        if (running_since_)
            early_seconds_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - *running_since_).count();
        std::vector<std::size_t> rest;
        for (std::size_t i = 0; i < waiting_.size(); ++i)
            if (waiting_[i]) rest.push_back(i);
        queue_locked(rest, source_rows);
    }
    changed_.notify_all();
    const int others = std::max(1, threads) - 1 - (background_.joinable() ? 1 : 0);
    std::vector<std::thread> workers;
    for (int t = 0; t < others; ++t) workers.emplace_back([this] { work(false); });
    work(false);
    for (auto& worker : workers) worker.join();
    if (background_.joinable()) background_.join();
    if (crashed_) std::rethrow_exception(crashed_);
    Evaluation evaluation;
    for (std::size_t i = 0; i < results_.size(); ++i) {
        if (results_[i]) evaluation.results.push_back(std::move(*results_[i]));
        if (failures_[i]) evaluation.failures.push_back(std::move(*failures_[i]));
    }
    return evaluation;
}

Evaluation evaluate_kpis(const config::Programme& programme, const SessionFactory& open_session,
                         const common::Date& period, std::optional<common::Date> data_start, int threads,
                         const std::map<std::string, long>& source_rows) {
    Evaluator evaluator(programme, open_session, period, data_start);
    return evaluator.finish(threads, source_rows);
}

}  // namespace pirpack::kpi
