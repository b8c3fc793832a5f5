// Actions the data suggests but nobody has raised: a KPI red for the last three months running,
// in a workstream with no open action that names it, is proposed as a new action (shown in the
// pack, never added to the register).
//
//     KpiRagHistory kpi{"fcid_ds_single_cover_share", "Days with one DS on duty", "WS5",
//                       "Supt Investigations", {"green", "red", "red", "red"}};
//     auto proposals = propose_actions({kpi}, register_actions);
//     proposals[0].months_red == 3;  // unless an open WS5 action's text or notes names the KPI
#pragma once

#include <string>
#include <vector>

#include "actions/register.hpp"

namespace pirpack::actions {

struct KpiRagHistory {
    std::string id;
    std::string title;
    std::string workstream;       // the programme's workstream id, as the register writes it
    std::string workstream_lead;  // the suggested owner of a proposal
    // One RAG per month up to the report period, oldest first: "red", "amber", "green", or ""
    // (no RAG); case and surrounding spaces ignored.
    std::vector<std::string> monthly_rag;
};

struct ActionProposal {
    std::string kpi_id;
    std::string kpi_title;
    std::string workstream;
    int months_red = 0;  // the run of reds ending at the latest month
    std::string suggested_owner;
};

// The months of red ending at the latest month (0 when the latest is not red).
int count_red_run(const std::vector<std::string>& monthly_rag);

// Whether an open action of the KPI's workstream (compared ignoring case and surrounding spaces)
// has the KPI's id or title in its text or notes, ignoring case. An empty id or title names
// nothing.
bool has_open_action_naming(const KpiRagHistory& kpi, const std::vector<Action>& actions);

// A proposal for each KPI red for at least `min_months_red` months running and with no open action
// naming it, ordered by workstream (natural order: WS2 before WS10) and then KPI id.
std::vector<ActionProposal> propose_actions(const std::vector<KpiRagHistory>& kpis, const std::vector<Action>& actions,
                                            int min_months_red = 3);

}  // namespace pirpack::actions
