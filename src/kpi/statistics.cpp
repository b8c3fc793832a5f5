#include "kpi/statistics.hpp"

#include <algorithm>
#include <cmath>

namespace pirpack::kpi {

namespace {

constexpr double z95 = 1.959963984540054;  // the 97.5th percentile of the standard normal

TestResult result_for(double z) {
    TestResult result;
    result.statistic = z;
    result.p_value = normal_two_sided_p(z);
    result.significant = result.p_value < 0.05;
    return result;
}

}  // namespace

double normal_two_sided_p(double z) { return std::erfc(std::fabs(z) / std::sqrt(2.0)); }

std::optional<Interval> wilson_interval(double successes, double trials) {
    if (trials <= 0 || successes < 0 || successes > trials) return std::nullopt;
    const double p = successes / trials;
    const double z2 = z95 * z95;
    const double denominator = 1.0 + z2 / trials;
    const double centre = (p + z2 / (2.0 * trials)) / denominator;
    const double half = z95 * std::sqrt(p * (1.0 - p) / trials + z2 / (4.0 * trials * trials)) / denominator;
    // At 0 or n successes the bound is exactly 0 or 1; rounding would otherwise print 0.9999...
    const double low = successes == 0 ? 0.0 : std::max(0.0, centre - half);
    const double high = successes == trials ? 1.0 : std::min(1.0, centre + half);
    return Interval{low, high};
}

std::optional<TestResult> two_proportion_test(double x1, double n1, double x2, double n2) {
    if (n1 <= 0 || n2 <= 0) return std::nullopt;
    const double pooled = (x1 + x2) / (n1 + n2);
    if (pooled <= 0.0 || pooled >= 1.0) return std::nullopt;
    const double se = std::sqrt(pooled * (1.0 - pooled) * (1.0 / n1 + 1.0 / n2));
    return result_for((x2 / n2 - x1 / n1) / se);
}

std::optional<TestResult> rate_ratio_test(double count1, double days1, double count2, double days2) {
    if (count1 <= 0 || count2 <= 0 || days1 <= 0 || days2 <= 0) return std::nullopt;
    const double log_ratio = std::log((count2 / days2) / (count1 / days1));
    return result_for(log_ratio / std::sqrt(1.0 / count1 + 1.0 / count2));
}

}  // namespace pirpack::kpi
