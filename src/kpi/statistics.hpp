// The tests that say whether a change since go-live is real or noise. Plain functions over
// counts; each documents its method so a reviewer can work the numbers by hand.
#pragma once

#include <optional>

namespace pirpack::kpi {

struct Interval {
    double low = 0;
    double high = 0;
};

// 95% Wilson score interval for x successes in n trials, as proportions (0..1). Nullopt for n = 0.
// centre = (p + z^2/2n) / (1 + z^2/n); half-width = z sqrt(p(1-p)/n + z^2/4n^2) / (1 + z^2/n).
std::optional<Interval> wilson_interval(double successes, double trials);

struct TestResult {
    double statistic = 0;  // z
    double p_value = 1;    // two-sided
    bool significant = false;  // p < 0.05
};

// Two-proportion z test with the pooled proportion: z = (p2 - p1) / sqrt(p(1-p)(1/n1 + 1/n2)).
// Group 1 is the baseline, group 2 the current window. Nullopt when a group is empty or the
// pooled proportion is 0 or 1 (no variation to test).
std::optional<TestResult> two_proportion_test(double x1, double n1, double x2, double n2);

// Counts over windows of different lengths, as Poisson rates: z = ln(r2 / r1) / sqrt(1/c1 + 1/c2),
// with r = count / days. Nullopt when either count is 0 (the log ratio is undefined).
std::optional<TestResult> rate_ratio_test(double count1, double days1, double count2, double days2);

// Two-sided p-value of a standard normal statistic.
double normal_two_sided_p(double z);

}  // namespace pirpack::kpi
