#include <boost/test/unit_test.hpp>

#include "actions/proposals.hpp"

using namespace pirpack::actions;

namespace {

KpiRagHistory make_kpi(std::string id, std::string title, std::string workstream, std::vector<std::string> rag) {
    std::string lead = "Lead of " + workstream;
    return KpiRagHistory{std::move(id), std::move(title), std::move(workstream), std::move(lead), std::move(rag)};
}

Action make_action(std::string id, std::string workstream, std::string text, ActionStatus status,
                   std::string notes = {}) {
    Action action;
    action.id = std::move(id);
    action.workstream = std::move(workstream);
    action.text = std::move(text);
    action.status = status;
    action.notes = std::move(notes);
    return action;
}

const std::vector<std::string> red_since_january = {"green", "amber", "red", "Red", " RED "};

}  // namespace

BOOST_AUTO_TEST_SUITE(action_proposals)

BOOST_AUTO_TEST_CASE(red_runs_end_at_the_latest_month) {
    BOOST_TEST(count_red_run(red_since_january) == 3);
    BOOST_TEST(count_red_run({"red", "red", "red", "red"}) == 4);
    BOOST_TEST(count_red_run({"red", "red", "", "red"}) == 1);  // a month without RAG breaks the run
    BOOST_TEST(count_red_run({"red", "red", "red", "amber"}) == 0);
    BOOST_TEST(count_red_run({}) == 0);
}

BOOST_AUTO_TEST_CASE(a_kpi_red_for_three_months_without_an_open_action_is_proposed) {
    auto kpi = make_kpi("fcid_ds_single_cover_share", "Days with a single DS on duty", "WS5", red_since_january);
    auto proposals = propose_actions({kpi}, {});
    BOOST_TEST_REQUIRE(proposals.size() == 1u);
    BOOST_TEST(proposals[0].kpi_id == "fcid_ds_single_cover_share");
    BOOST_TEST(proposals[0].kpi_title == "Days with a single DS on duty");
    BOOST_TEST(proposals[0].workstream == "WS5");
    BOOST_TEST(proposals[0].months_red == 3);
    BOOST_TEST(proposals[0].suggested_owner == "Lead of WS5");

    // An open action of the same workstream naming it, by id or by title, removes the proposal.
    auto by_id = make_action("A-16", "WS5", "Raise FCID_DS_SINGLE_COVER_SHARE with the board", ActionStatus::open);
    BOOST_TEST(propose_actions({kpi}, {by_id}).empty());
    auto by_title =
        make_action("A-16", " ws5 ", "Sergeant cover", ActionStatus::on_hold, "Tracks days with a single DS on duty.");
    BOOST_TEST(propose_actions({kpi}, {by_title}).empty());

    // Not when it is closed, in another workstream, or does not name the KPI.
    for (const Action& other : {make_action("A-16", "WS5", "Days with a single DS on duty", ActionStatus::done),
                                make_action("A-16", "WS6", "Days with a single DS on duty", ActionStatus::open),
                                make_action("A-16", "WS5", "More detective sergeants", ActionStatus::in_progress)})
        BOOST_TEST(propose_actions({kpi}, {other}).size() == 1u);
}

BOOST_AUTO_TEST_CASE(short_runs_are_not_proposed_and_the_order_is_by_workstream_then_kpi) {
    std::vector<KpiRagHistory> kpis = {
        make_kpi("b_kpi", "B", "WS10", {"red", "red", "red"}),
        make_kpi("a_kpi", "A", "WS10", {"red", "red", "red", "red", "red"}),
        make_kpi("c_kpi", "C", "WS2", {"red", "red", "red"}),
        make_kpi("d_kpi", "D", "WS1", {"amber", "red", "red"}),
        make_kpi("e_kpi", "", "WS1", {"red", "red", "red"}),  // an empty title names nothing
    };
    auto proposals = propose_actions(kpis, {make_action("A-1", "WS1", "Anything", ActionStatus::open)});
    BOOST_TEST_REQUIRE(proposals.size() == 4u);
    BOOST_TEST(proposals[0].kpi_id == "e_kpi");
    BOOST_TEST(proposals[1].kpi_id == "c_kpi");
    BOOST_TEST(proposals[2].kpi_id == "a_kpi");
    BOOST_TEST(proposals[2].months_red == 5);
    BOOST_TEST(proposals[3].kpi_id == "b_kpi");
    BOOST_TEST(propose_actions(kpis, {}, 5).size() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
