#include <boost/test/unit_test.hpp>

#include "actions/status.hpp"

using namespace pirpack::actions;

namespace {

std::string read_as_label(std::string_view text) {
    auto status = read_status(text);
    return status ? to_string(*status) : "(unknown)";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(action_status)

BOOST_AUTO_TEST_CASE(what_people_write) {
    for (const char* text :
         {"Open", "open", "not started", "Not Started", "New", "To do", "todo", "Outstanding", "Re-opened"})
        BOOST_TEST(read_as_label(text) == "Open", text);
    for (const char* text : {"In progress", "in-progress", "IN_PROGRESS", "WIP", "Ongoing", "on-going", "Started",
                             "Underway", " in  progress "})
        BOOST_TEST(read_as_label(text) == "In progress", text);
    for (const char* text : {"On hold", "on-hold", "Paused", "Deferred", "Hold"})
        BOOST_TEST(read_as_label(text) == "On hold", text);
    for (const char* text : {"Done", "Complete", "Completed", "completed.", "Finished"})
        BOOST_TEST(read_as_label(text) == "Done", text);
    for (const char* text : {"Closed", "Cancelled", "canceled", "Withdrawn"})
        BOOST_TEST(read_as_label(text) == "Closed", text);
    for (const char* text : {"N/A", "n/a", "NA", "N.A.", "Not applicable", "not-applicable"})
        BOOST_TEST(read_as_label(text) == "N/A", text);
}

BOOST_AUTO_TEST_CASE(unknown_statuses_are_left_to_the_caller) {
    for (const char* text : {"", "  ", "maybe", "pending", "blocked", "open?", "in progres", "Green", "Closed - done"})
        BOOST_TEST(!read_status(text).has_value(), text);
}

BOOST_AUTO_TEST_CASE(labels_read_back_as_themselves) {
    std::vector<std::string> expected = {"Open", "In progress", "On hold", "Done", "Closed", "N/A"};
    BOOST_TEST(status_labels() == expected, boost::test_tools::per_element());
    for (const auto& label : status_labels()) BOOST_TEST(to_string(*read_status(label)) == label);
}

BOOST_AUTO_TEST_CASE(open_means_still_owed) {
    BOOST_TEST(is_open(ActionStatus::open));
    BOOST_TEST(is_open(ActionStatus::in_progress));
    BOOST_TEST(is_open(ActionStatus::on_hold));
    BOOST_TEST(!is_open(ActionStatus::done));
    BOOST_TEST(!is_open(ActionStatus::closed));
    BOOST_TEST(!is_open(ActionStatus::not_applicable));
}

BOOST_AUTO_TEST_SUITE_END()
