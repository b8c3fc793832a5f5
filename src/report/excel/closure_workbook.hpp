// The closure report as an Excel workbook, for a Change Board that works in Excel. It reads only
// the report model, and writes, in this order:
//
//   Summary       the programme, the pack, RAG counts by workstream (each name a link to its
//                 sheet) and what changed status since the last pack
//   KPIs          one row per KPI and scope: baseline, current, matched, target, change, RAG,
//                 significance; numbers as numbers with the KPI's number format; autofilter
//   Trends        each KPI and scope by month, go-live month marked, and a line chart per
//                 workstream and unit
//   a sheet per workstream (ReportWorkstream::sheet): its details, KPIs, months, charts, actions
//   Actions       the register, overdue rows red and those due within 30 days amber
//   Data quality  rejected rows by source, column and reason; residual activity nobody tracks
//   Sources       each input file with its rows, date range and SHA-256
//
// Every sheet prints landscape on A4, one page wide, with its first row repeated and the
// protective marking in the header and footer. Text from the model is always a string cell,
// never a formula. The workbook's created date is the as-of date, so the same report gives the
// same workbook.
//
//     write_closure_workbook(report, "outputs/2024-03/closure-report.xlsx");
#pragma once

#include <string>

#include "report/model/report_model.hpp"

namespace pirpack::report::excel {

// Throws common::PirpackError (ErrorKind::run) when the file cannot be written.
void write_closure_workbook(const Report& report, const std::string& path);

}  // namespace pirpack::report::excel
