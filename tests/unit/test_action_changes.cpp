#include <boost/test/unit_test.hpp>

#include "actions/changes.hpp"

using namespace pirpack;
using namespace pirpack::actions;

namespace {

Action make_action(std::string id, std::string owner, std::string due, ActionStatus status = ActionStatus::open) {
    Action action;
    action.id = std::move(id);
    action.workstream = "WS1";
    action.owner = std::move(owner);
    action.due = read_due_date(due, 4);
    action.status = status;
    return action;
}

// The four changes the issue asks a second run to show, and nothing else.
std::vector<Action> march() {
    return {make_action("A-2", "Local Policing command", "January 2024", ActionStatus::in_progress),
            make_action("A-10", "", "Q4 23/24"), make_action("A-11", "Change Team", "January 2024"),
            make_action("A-14", "Chief Officers", "N/A", ActionStatus::closed),
            make_action("A-15", "ACCs", "Q4 23/24", ActionStatus::in_progress)};
}

std::vector<Action> april() {
    auto actions = march();
    actions[0].status = ActionStatus::done;                                 // A-2 closed
    actions[2].owner = "Digital Services";                                  // A-11 owner changed
    actions[4].due = read_due_date("Q4 24/25", 4);                          // A-15 re-dated
    actions.push_back(make_action("A-16", "Supt Prevention", "mid-2024"));  // new
    return actions;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(action_changes)

BOOST_AUTO_TEST_CASE(a_second_run_reports_exactly_what_changed) {
    RegisterChanges changes = compare_registers(march(), april());
    BOOST_TEST_REQUIRE(changes.added.size() == 1u);
    BOOST_TEST(changes.added[0].id == "A-16");
    BOOST_TEST_REQUIRE(changes.closed.size() == 1u);
    BOOST_TEST(changes.closed[0].action.id == "A-2");
    BOOST_TEST(to_string(changes.closed[0].action.status) == "Done");
    BOOST_TEST(to_string(changes.closed[0].previous_status) == "In progress");
    BOOST_TEST(!changes.closed[0].removed);
    BOOST_TEST_REQUIRE(changes.owner_changes.size() == 1u);
    BOOST_TEST(changes.owner_changes[0].id == "A-11");
    BOOST_TEST(changes.owner_changes[0].before == "Change Team");
    BOOST_TEST(changes.owner_changes[0].after == "Digital Services");
    BOOST_TEST_REQUIRE(changes.due_changes.size() == 1u);
    BOOST_TEST(changes.due_changes[0].id == "A-15");
    BOOST_TEST(changes.due_changes[0].before.text == "Q4 23/24");
    BOOST_TEST(common::format_iso_date(*changes.due_changes[0].before.date) == "2024-03-31");
    BOOST_TEST(changes.due_changes[0].after.text == "Q4 24/25");
    BOOST_TEST(common::format_iso_date(*changes.due_changes[0].after.date) == "2025-03-31");
    BOOST_TEST(changes.status_changes.empty());
    BOOST_TEST(!changes.empty());
    BOOST_TEST(compare_registers(march(), march()).empty());
}

BOOST_AUTO_TEST_CASE(removed_ids_and_other_status_changes) {
    auto before = march();
    std::vector<Action> after = {before[1], before[2], before[3]};
    after[0].status = ActionStatus::in_progress;  // Open -> In progress
    after[2].status = ActionStatus::open;         // Closed -> Open (reopened)
    RegisterChanges changes = compare_registers(before, after);
    BOOST_TEST_REQUIRE(changes.closed.size() == 2u);
    BOOST_TEST(changes.closed[0].action.id == "A-2");
    BOOST_TEST(changes.closed[0].removed);
    BOOST_TEST(to_string(changes.closed[0].previous_status) == "In progress");
    BOOST_TEST(changes.closed[1].action.id == "A-15");
    BOOST_TEST(changes.closed[1].removed);
    BOOST_TEST_REQUIRE(changes.status_changes.size() == 2u);
    BOOST_TEST(changes.status_changes[0].id == "A-10");
    BOOST_TEST(to_string(changes.status_changes[0].after) == "In progress");
    BOOST_TEST(changes.status_changes[1].id == "A-14");
    BOOST_TEST(to_string(changes.status_changes[1].before) == "Closed");
    BOOST_TEST(to_string(changes.status_changes[1].after) == "Open");
    BOOST_TEST(changes.added.empty());
}

BOOST_AUTO_TEST_CASE(rewording_a_date_or_an_owner_is_no_change) {
    auto before = march();
    auto after = march();
    after[1].due = read_due_date("31/03/2024", 4);  // Q4 23/24, written as a day
    after[2].owner = "  change  team ";
    after[2].due = read_due_date("JANUARY 2024", 4);
    BOOST_TEST(compare_registers(before, after).empty());
    BOOST_TEST(due_moved(read_due_date("TBC"), read_due_date("TBA")));
    BOOST_TEST(!due_moved(read_due_date("tbc"), read_due_date(" TBC ")));
    BOOST_TEST(due_moved(read_due_date(""), read_due_date("May 2024")));
    BOOST_TEST(due_moved(read_due_date("N/A"), read_due_date("")));
}

BOOST_AUTO_TEST_CASE(lists_are_in_natural_id_order) {
    std::vector<Action> after;
    for (const char* id : {"A-10", "A-9", "A-100", "A-1"}) after.push_back(make_action(id, "", ""));
    RegisterChanges changes = compare_registers({}, after);
    std::vector<std::string> ids;
    for (const auto& action : changes.added) ids.push_back(action.id);
    BOOST_TEST(ids == (std::vector<std::string>{"A-1", "A-9", "A-10", "A-100"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(due_moves_are_counted_over_the_history) {
    auto first = march();
    auto second = april();  // A-15 moves once
    auto third = april();
    third[4].due = read_due_date("mid-2025", 4);  // A-15 moves again
    third.erase(third.begin() + 1);               // A-10 missing this month
    auto fourth = april();
    fourth[1].due = read_due_date("Q1 24/25", 4);  // A-10 moved while it was away
    auto moves = count_due_moves({first, second, third, fourth});
    BOOST_TEST(moves.at("A-15") == 3);  // Q4 23/24 -> Q4 24/25 -> mid-2025 -> Q4 24/25
    BOOST_TEST(moves.at("A-10") == 1);
    BOOST_TEST(moves.at("A-2") == 0);
    BOOST_TEST(moves.at("A-16") == 0);
    std::vector<std::string> ids;
    for (const auto& [id, count] : moves) ids.push_back(id);
    BOOST_TEST(ids == (std::vector<std::string>{"A-2", "A-10", "A-11", "A-14", "A-15", "A-16"}),
               boost::test_tools::per_element());
    BOOST_TEST(count_due_moves({}).empty());
}

BOOST_AUTO_TEST_SUITE_END()
