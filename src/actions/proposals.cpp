#include "actions/proposals.hpp"

#include <algorithm>

namespace pirpack::actions {

namespace {

std::string fold(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    std::string out(text);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

bool mentions(const std::string& folded_haystack, const std::string& folded_needle) {
    return !folded_needle.empty() && folded_haystack.find(folded_needle) != std::string::npos;
}

}  // namespace

int count_red_run(const std::vector<std::string>& monthly_rag) {
    int run = 0;
    for (auto month = monthly_rag.rbegin(); month != monthly_rag.rend() && fold(*month) == "red"; ++month) ++run;
    return run;
}

bool has_open_action_naming(const KpiRagHistory& kpi, const std::vector<Action>& actions) {
    std::string workstream = fold(kpi.workstream);
    std::string id = fold(kpi.id);
    std::string title = fold(kpi.title);
    for (const auto& action : actions) {
        if (!is_open(action.status) || fold(action.workstream) != workstream) continue;
        for (const std::string* field : {&action.text, &action.notes}) {
            std::string folded = fold(*field);
            if (mentions(folded, id) || mentions(folded, title)) return true;
        }
    }
    return false;
}

std::vector<ActionProposal> propose_actions(const std::vector<KpiRagHistory>& kpis, const std::vector<Action>& actions,
                                            int min_months_red) {
    std::vector<ActionProposal> proposals;
    for (const auto& kpi : kpis) {
        int run = count_red_run(kpi.monthly_rag);
        if (run < std::max(min_months_red, 1) || has_open_action_naming(kpi, actions)) continue;
        proposals.push_back(ActionProposal{kpi.id, kpi.title, kpi.workstream, run, kpi.workstream_lead});
    }
    std::stable_sort(proposals.begin(), proposals.end(), [](const ActionProposal& a, const ActionProposal& b) {
        if (a.workstream != b.workstream) return id_less(a.workstream, b.workstream);
        return id_less(a.kpi_id, b.kpi_id);
    });
    return proposals;
}

}  // namespace pirpack::actions
