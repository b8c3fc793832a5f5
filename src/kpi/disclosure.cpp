#include "kpi/disclosure.hpp"

#include <algorithm>
#include <map>

namespace pirpack::kpi {

namespace {

bool is_small(const Measure& measure, const config::Kpi& kpi, int n) {
    if (measure.denominator && *measure.denominator < n && *measure.denominator > 0) return true;
    if (kpi.unit == config::Unit::count && measure.value && *measure.value > 0 && *measure.value < n) return true;
    return false;
}

void suppress(Measure& measure) {
    measure.value.reset();
    measure.interval.reset();
    measure.suppressed = true;
}

// Every measure of one window across a KPI's scopes: "baseline", "current", "matched" or a month.
std::vector<Measure*> window_measures(KpiResult& result, const std::string& window, std::size_t month) {
    std::vector<Measure*> out;
    for (auto& scope : result.scopes) {
        if (window == "baseline") out.push_back(&scope.baseline);
        else if (window == "current") out.push_back(&scope.current);
        else if (window == "matched") out.push_back(scope.matched ? &*scope.matched : nullptr);
        else out.push_back(month < scope.monthly.size() ? &scope.monthly[month] : nullptr);
    }
    return out;
}

}  // namespace

DisclosureSummary apply_disclosure_control(Evaluation& evaluation, int n) {
    DisclosureSummary summary;
    if (n <= 0) return summary;
    for (auto& result : evaluation.results) {
        const config::Kpi& kpi = *result.kpi;
        std::size_t months = 0;
        for (const auto& scope : result.scopes) months = std::max(months, scope.monthly.size());
        std::vector<std::pair<std::string, std::size_t>> windows = {{"baseline", 0}, {"current", 0}, {"matched", 0}};
        for (std::size_t m = 0; m < months; ++m) windows.push_back({"month", m});
        for (const auto& [window, month] : windows) {
            std::vector<Measure*> measures = window_measures(result, window, month);
            int primary = 0;
            for (Measure* measure : measures)
                if (measure && is_small(*measure, kpi, n)) {
                    suppress(*measure);
                    ++primary;
                }
            summary.primary += primary;
            if (primary == 1 && kpi.unit == config::Unit::count && measures.size() > 1) {
                Measure* smallest = nullptr;
                for (Measure* measure : measures)
                    if (measure && !measure->suppressed && measure->value && *measure->value > 0 &&
                        (!smallest || *measure->value < *smallest->value))
                        smallest = measure;
                if (smallest) {
                    suppress(*smallest);
                    ++summary.secondary;
                }
            }
        }
        for (auto& scope : result.scopes) {
            for (Measure* measure : {&scope.baseline, &scope.current}) {
                measure->numerator.reset();
                measure->denominator.reset();
            }
            if (scope.matched) {
                scope.matched->numerator.reset();
                scope.matched->denominator.reset();
            }
            for (auto& month : scope.monthly) {
                month.numerator.reset();
                month.denominator.reset();
            }
            const bool hidden = scope.baseline.suppressed || scope.current.suppressed;
            if (hidden) {
                scope.change_vs_baseline.reset();
                scope.relative_change_vs_baseline.reset();
                scope.significance = Significance{};
            }
            if (scope.current.suppressed || (scope.matched && scope.matched->suppressed)) scope.change_vs_matched.reset();
        }
    }
    return summary;
}

}  // namespace pirpack::kpi
