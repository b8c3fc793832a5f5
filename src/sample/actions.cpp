#include "sample/actions.hpp"

#include <filesystem>

#include "sample/csv_writer.hpp"

namespace pirpack::sample {

namespace {

// Summaries are the register's own words; owners and due phrases are the report's. Statuses are
// as the register stood at the end of March 2024.
constexpr ResidualAction actions[] = {
    {"A-01",
     "WS1",
     "Local Policing Areas",
     "Consider PA support for the three LPA Chief Inspectors, whose roles carry a heavy administrative load.",
     "Ch Supt Local Policing",
     "",
     "Open",
     {2024, 2, 12},
     "To be handled within business-as-usual resourcing."},
    {"A-02",
     "WS3",
     "Public Contact",
     "Put in place the FIM inspector changes agreed with Chief Officers: four core inspectors in the room, "
     "TFC-trained shift inspectors and at least three inspectors a day.",
     "Local Policing command",
     "January 2024",
     "Complete",
     {2024, 1, 15},
     "Changes live from 8 January 2024."},
    {"A-03",
     "WS3",
     "Public Contact",
     "Improve the missing-person process with the business areas, including how the central team and the "
     "day-to-day response share the work.",
     "MISPER team, with a business analyst",
     "",
     "In progress",
     {2024, 3, 4},
     "Business analyst mapping the current process."},
    {"A-04",
     "WS1",
     "Patrol & PIU",
     "Move the management of Custody out of Criminal Justice and into Communities and Response.",
     "Chief Officers",
     "",
     "In progress",
     {2024, 2, 26},
     "Agreed at the Chief Officer review day."},
    {"A-05",
     "WS4",
     "Operations",
     "Set out zero-cost and costed options for the Roads, Firearms and Dogs issues the review found, together "
     "with the HS2 abnormal-loads business case.",
     "Operations Superintendent",
     "",
     "In progress",
     {2024, 3, 11},
     ""},
    {"A-06",
     "WS10",
     "Operations",
     "Consider a review of Duties covering process, practice and resourcing, with Protective Services duties "
     "planning in scope.",
     "",
     "24/25",
     "Not started",
     {2024, 1, 22},
     "Owner to be confirmed."},
    {"A-07",
     "WS5",
     "Force Investigations",
     "Implement the extra first-line supervision for Force CID agreed through business planning.",
     "",
     "",
     "In progress",
     {2024, 2, 5},
     "Agreed; a vacant FCID DS post was filled in February 2024."},
    {"A-08",
     "WS5",
     "Force Investigations",
     "Make sure no allocation gap opens for lower-level investigations and SOC level 1 offending between SNT, "
     "FCID and the Prevention Hub.",
     "Supts for Intel, FCID, Prevention and LP",
     "",
     "Open",
     {2024, 1, 29},
     ""},
    {"A-09",
     "WS6",
     "Public Protection",
     "Implement the additional supervisory capacity agreed through business planning, mostly at sergeant level.",
     "",
     "",
     "In progress",
     {2024, 3, 18},
     ""},
    {"A-10",
     "WS5",
     "Public Protection",
     "Consider a small review of DART resources if concerns about RASSO capacity are not easing.",
     "",
     "Q4 23/24",
     "Open",
     {2024, 3, 25},
     "Decision expected at the end of Q4."},
    {"A-11",
     "WS7",
     "Intelligence",
     "Review where Systems Admin sits, including whether the force's separate Systems Admin teams should come "
     "together under Digital Services.",
     "Change Team / Digital Services",
     "January 2024",
     "In progress",
     {2024, 2, 19},
     "Scoping still under way."},
    {"A-12",
     "WS8",
     "Prevention",
     "Make sure the crime allocation model review covers the Prevention Hub, so that low-level SOC 1 offending "
     "does not fall through a gap.",
     "",
     "",
     "Open",
     {2024, 1, 29},
     "To be taken with the CAM review (A-15)."},
    {"A-13",
     "WS8",
     "Prevention",
     "Carry out a proportionate review of the Prevention Hub.",
     "",
     "mid-2024",
     "Not started",
     {2024, 1, 8},
     "The report's summary of change says May 2024."},
    {"A-14",
     "WS9",
     "Learning & Development",
     "No separate action: the findings of the Phase 2 L&D review go straight to Chief Officers.",
     "Chief Officers",
     "N/A",
     "Closed",
     {2023, 12, 18},
     ""},
    {"A-15",
     "WS1",
     "Crime Allocation Model",
     "Review the crime allocation model again, now that allocation and performance data are available.",
     "ACCs",
     "Q4 23/24",
     "In progress",
     {2024, 3, 25},
     "The report also gives Q4 24/25 for this review."},
};

}  // namespace

std::span<const ResidualAction> residual_actions() { return actions; }

WrittenFile write_residual_actions(const std::string& out_dir) {
    WrittenFile result{"residual_actions.csv", 0};
    CsvWriter csv((std::filesystem::path(out_dir) / result.path).string(),
                  CsvOptions{.byte_order_mark = true, .crlf = true});
    for (const char* header : {"ID", "Workstream", "Area", "Action", "Owner", "Due", "Status", "Last Update", "Notes"})
        csv.field(header);
    csv.end_header();
    for (const auto& action : actions) {
        csv.field(action.id);
        csv.field(action.workstream);
        csv.field(action.area);
        csv.field(action.action);
        csv.field(action.owner);
        csv.field(action.due);
        csv.field(action.status);
        csv.field_uk_date(action.last_update);
        csv.field(action.notes);
        csv.end_row();
    }
    csv.close();
    result.rows = csv.data_rows();
    return result;
}

}  // namespace pirpack::sample
