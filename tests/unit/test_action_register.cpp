#include <algorithm>
#include <boost/test/unit_test.hpp>

#include "actions/register.hpp"

using namespace pirpack;
using namespace pirpack::actions;

namespace {

Action make_action(std::string id, std::string due, ActionStatus status = ActionStatus::open) {
    Action action;
    action.id = std::move(id);
    action.due = read_due_date(due, 4);
    action.status = status;
    return action;
}

std::vector<std::string> ids_of(const std::vector<Action>& actions) {
    std::vector<std::string> ids;
    for (const auto& action : actions) ids.push_back(action.id);
    return ids;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(action_register)

BOOST_AUTO_TEST_CASE(ids_sort_naturally) {
    std::vector<std::string> ids = {"A-10", "A-2", "B-1", "A-07", "A-7", "A-1", "A", "A-1a"};
    std::sort(ids.begin(), ids.end(), id_less);
    std::vector<std::string> expected = {"A", "A-1", "A-1a", "A-2", "A-07", "A-7", "A-10", "B-1"};
    BOOST_TEST(ids == expected, boost::test_tools::per_element());
    BOOST_TEST(id_less("WS2", "WS10"));
    BOOST_TEST(!id_less("A-2", "A-2"));
}

BOOST_AUTO_TEST_CASE(days_overdue_counts_from_the_as_of_date) {
    common::Date as_of{2024, 2, 1};
    // A-11 of the sample: due January 2024, still in progress.
    BOOST_TEST(*days_overdue(make_action("A-11", "January 2024", ActionStatus::in_progress), as_of) == 1);
    BOOST_TEST(*days_overdue(make_action("A-1", "31/12/2023", ActionStatus::on_hold), as_of) == 32);
    BOOST_TEST(!days_overdue(make_action("A-2", "2024-02-01"), as_of));  // due today is not overdue
    BOOST_TEST(!days_overdue(make_action("A-3", "January 2024", ActionStatus::done), as_of));
    BOOST_TEST(!days_overdue(make_action("A-4", "TBC"), as_of));
    BOOST_TEST(!days_overdue(make_action("A-5", ""), as_of));
    BOOST_TEST(!days_overdue(make_action("A-6", "Q4 23/24"), as_of));
}

BOOST_AUTO_TEST_CASE(due_within_includes_both_ends) {
    common::Date as_of{2024, 3, 1};
    BOOST_TEST(due_within(make_action("A-1", "2024-03-01"), as_of, 30));
    BOOST_TEST(due_within(make_action("A-2", "2024-03-31"), as_of, 30));
    BOOST_TEST(!due_within(make_action("A-3", "2024-04-01"), as_of, 30));
    BOOST_TEST(!due_within(make_action("A-4", "2024-02-29"), as_of, 30));  // overdue, not due soon
    BOOST_TEST(!due_within(make_action("A-5", "2024-03-10", ActionStatus::closed), as_of, 30));
    BOOST_TEST(!due_within(make_action("A-6", "N/A"), as_of, 30));
    BOOST_TEST(!due_within(make_action("A-7", "2024-03-01"), as_of, -1));
}

BOOST_AUTO_TEST_CASE(register_level_lists_are_in_id_order) {
    std::vector<Action> actions = {make_action("A-10", "Q4 23/24"), make_action("A-11", "January 2024"),
                                   make_action("A-2", "January 2024", ActionStatus::done),
                                   make_action("A-9", "2023-12-31"), make_action("A-13", "mid-2024")};
    common::Date as_of{2024, 3, 5};
    BOOST_TEST(ids_of(overdue_actions(actions, as_of)) == (std::vector<std::string>{"A-9", "A-11"}),
               boost::test_tools::per_element());
    BOOST_TEST(ids_of(actions_due_within(actions, as_of, 30)) == (std::vector<std::string>{"A-10"}),
               boost::test_tools::per_element());
    BOOST_TEST(ids_of(sort_by_id(actions)) == (std::vector<std::string>{"A-2", "A-9", "A-10", "A-11", "A-13"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()
