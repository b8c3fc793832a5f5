// Disclosure control for a pack meant beyond the board (`pirpack run --publish`), so nobody can
// work out a small group's figures from it. With the programme's min_cell_count N:
//
// - primary: a count KPI's value from 1 to N-1, and any value whose denominator is under N, is
//   suppressed (a count of 0 names nobody and is shown);
// - secondary: where exactly one scope of a count KPI is suppressed in a window, the smallest
//   other non-zero scope of that window is suppressed too, so a total known from elsewhere cannot
//   give the first away by subtraction;
// - whatever is derived from a suppressed value goes with it: its interval, the change against
//   it and the significance test;
// - numerators and denominators are raw counts: in a published pack they are never shown.
//
// The store keeps the real figures (the next pack compares with them); only the outputs of a
// --publish run go through this.
//
//     kpi::Evaluation shown = evaluation;
//     DisclosureSummary summary = apply_disclosure_control(shown, 5);
#pragma once

#include "kpi/engine.hpp"

namespace pirpack::kpi {

struct DisclosureSummary {
    long primary = 0;    // values suppressed because they were small or rested on a small base
    long secondary = 0;  // values suppressed so that others could not be worked out
};

DisclosureSummary apply_disclosure_control(Evaluation& evaluation, int min_cell_count);

}  // namespace pirpack::kpi
