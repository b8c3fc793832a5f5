#include "kpi/history.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <tuple>

namespace pirpack::kpi {

namespace {

store::KpiRecord record(const KpiResult& result, const ScopeResult& scope, const Window& window, const Measure& measure,
                        const std::string& rag) {
    return {result.kpi->id,
            result.definition_hash,
            scope.scope,
            window.name,
            common::format_iso_date(window.from),
            common::format_iso_date(window.to),
            measure.value,
            measure.numerator,
            measure.denominator,
            rag};
}

// Values read back from the store went through a REAL column; anything closer than this is the
// same figure.
bool same_value(const std::optional<double>& a, const std::optional<double>& b) {
    if (!a || !b) return !a && !b;
    return std::fabs(*a - *b) <= 1e-9 * std::max({1.0, std::fabs(*a), std::fabs(*b)});
}

}  // namespace

std::vector<store::KpiRecord> records_of(const Evaluation& evaluation) {
    std::vector<store::KpiRecord> records;
    for (const auto& result : evaluation.results) {
        for (const auto& scope : result.scopes) {
            records.push_back(record(result, scope, result.windows.baseline, scope.baseline, ""));
            records.push_back(record(result, scope, result.windows.current, scope.current, to_string(scope.rag)));
            if (scope.matched && result.windows.matched)
                records.push_back(record(result, scope, *result.windows.matched, *scope.matched, ""));
            for (size_t m = 0; m < scope.monthly.size(); ++m)
                records.push_back(record(result, scope, result.windows.monthly[m], scope.monthly[m], ""));
        }
    }
    return records;
}

History compare_with_previous(const std::optional<store::PastRun>& previous,
                              const std::vector<store::KpiRecord>& previous_records, const Evaluation& evaluation) {
    History history;
    history.previous = previous;
    if (!previous) return history;

    std::map<std::string, std::string> old_hash;
    std::map<std::tuple<std::string, std::string>, std::string> old_rag;
    std::map<std::tuple<std::string, std::string, std::string>, std::optional<double>> old_month;
    for (const auto& r : previous_records) {
        old_hash[r.kpi_id] = r.definition_hash;
        if (r.window == "current") old_rag[{r.kpi_id, r.scope}] = r.rag;
        if (r.window.size() == 7 && r.window[4] == '-') old_month[{r.kpi_id, r.scope, r.window}] = r.value;
    }
    std::set<std::string> present;
    for (const auto& result : evaluation.results) {
        const std::string& id = result.kpi->id;
        present.insert(id);
        auto hash = old_hash.find(id);
        if (hash == old_hash.end()) {
            history.definition_changes.push_back({id, "", result.definition_hash});
            continue;
        }
        if (hash->second != result.definition_hash) {
            history.definition_changes.push_back({id, hash->second, result.definition_hash});
            continue;
        }
        for (const auto& scope : result.scopes) {
            auto rag = old_rag.find({id, scope.scope});
            if (rag != old_rag.end() && rag->second != to_string(scope.rag))
                history.rag_changes.push_back({id, scope.scope, rag->second, to_string(scope.rag)});
            for (size_t m = 0; m < scope.monthly.size(); ++m) {
                const std::string& month = result.windows.monthly[m].name;
                auto reported = old_month.find({id, scope.scope, month});
                if (reported != old_month.end() && !same_value(reported->second, scope.monthly[m].value))
                    history.restatements.push_back({id, scope.scope, month, reported->second, scope.monthly[m].value});
            }
        }
    }
    for (const auto& [id, hash] : old_hash)
        if (!present.count(id)) history.definition_changes.push_back({id, hash, ""});
    return history;
}

}  // namespace pirpack::kpi
