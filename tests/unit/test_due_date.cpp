#include <boost/test/unit_test.hpp>

#include "actions/due_date.hpp"
#include "sample/actions.hpp"

using namespace pirpack;
using namespace pirpack::actions;

namespace {

// The date as ISO text, or the status when there is no date: one string to compare.
std::string read_as_text(std::string_view text, int fiscal_start = 4) {
    DueDate due = read_due_date(text, fiscal_start);
    if (due.status != DueStatus::dated) return to_string(due.status);
    return common::format_iso_date(*due.date);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(due_date)

BOOST_AUTO_TEST_CASE(every_due_phrase_of_the_sample_register) {
    BOOST_TEST(read_as_text("Q4 23/24") == "2024-03-31");
    BOOST_TEST(read_as_text("January 2024") == "2024-01-31");
    BOOST_TEST(read_as_text("mid-2024") == "2024-06-30");
    BOOST_TEST(read_as_text("24/25") == "2025-03-31");
    BOOST_TEST(read_as_text("N/A") == "not applicable");
    BOOST_TEST(read_as_text("") == "blank");
    // And the ones its notes mention.
    BOOST_TEST(read_as_text("Q4 24/25") == "2025-03-31");
    BOOST_TEST(read_as_text("May 2024") == "2024-05-31");
}

BOOST_AUTO_TEST_CASE(the_sample_register_reads_without_a_guess) {
    std::string read;
    for (const auto& action : sample::residual_actions())
        read += std::string(action.id) + "=" + read_as_text(action.due) + " ";
    BOOST_TEST(read ==
               "A-01=blank A-02=2024-01-31 A-03=blank A-04=blank A-05=blank A-06=2025-03-31 A-07=blank A-08=blank "
               "A-09=blank A-10=2024-03-31 A-11=2024-01-31 A-12=blank A-13=2024-06-30 A-14=not applicable "
               "A-15=2024-03-31 ");
}

BOOST_AUTO_TEST_CASE(days_iso_and_uk) {
    BOOST_TEST(read_as_text("2024-05-31") == "2024-05-31");
    BOOST_TEST(read_as_text("2024-05-31T00:00:00") == "2024-05-31");
    BOOST_TEST(read_as_text("2024-05-31 00:00:00") == "2024-05-31");
    BOOST_TEST(read_as_text("31/05/2024") == "2024-05-31");
    BOOST_TEST(read_as_text("31/5/24") == "2024-05-31");
    BOOST_TEST(read_as_text("1/4/2024") == "2024-04-01");  // day first: 1 April, never 4 January
    BOOST_TEST(read_as_text("31.05.2024") == "2024-05-31");
    BOOST_TEST(read_as_text("31-05-2024") == "2024-05-31");
    BOOST_TEST(read_as_text("31 May 2024") == "2024-05-31");
    BOOST_TEST(read_as_text("31st May 2024") == "2024-05-31");
    BOOST_TEST(read_as_text("2nd Sept 2024") == "2024-09-02");
    BOOST_TEST(read_as_text("31-May-24") == "2024-05-31");
    BOOST_TEST(read_as_text("2024/05/31") == "2024-05-31");
    BOOST_TEST(read_as_text("by 31/05/2024") == "2024-05-31");
    BOOST_TEST(read_as_text("29/02/2024") == "2024-02-29");
}

BOOST_AUTO_TEST_CASE(months_by_name) {
    BOOST_TEST(read_as_text("Jan 2024") == "2024-01-31");
    BOOST_TEST(read_as_text("Sept 2024") == "2024-09-30");
    BOOST_TEST(read_as_text("Sep 2024") == "2024-09-30");
    BOOST_TEST(read_as_text("February 2024") == "2024-02-29");
    BOOST_TEST(read_as_text("February 2023") == "2023-02-28");
    BOOST_TEST(read_as_text("Mar-24") == "2024-03-31");
    BOOST_TEST(read_as_text("Dec. 2024") == "2024-12-31");
    BOOST_TEST(read_as_text("end of March 2024") == "2024-03-31");
    BOOST_TEST(read_as_text("by end of June 2024") == "2024-06-30");
    BOOST_TEST(read_as_text("late March 2024") == "2024-03-31");
    BOOST_TEST(read_as_text("mid-May 2024") == "2024-05-15");
    BOOST_TEST(read_as_text("early May 2024") == "2024-05-10");
}

BOOST_AUTO_TEST_CASE(fiscal_quarters_halves_and_years) {
    BOOST_TEST(read_as_text("Q1 23/24") == "2023-06-30");
    BOOST_TEST(read_as_text("Q3 FY23/24") == "2023-12-31");
    BOOST_TEST(read_as_text("Q3 FY 23/24") == "2023-12-31");
    BOOST_TEST(read_as_text("Q1 2024/25") == "2024-06-30");
    BOOST_TEST(read_as_text("Q4 2023-24") == "2024-03-31");
    BOOST_TEST(read_as_text("Q4 2023/2024") == "2024-03-31");
    BOOST_TEST(read_as_text("FY23/24 Q2") == "2023-09-30");
    BOOST_TEST(read_as_text("end of Q4 23/24") == "2024-03-31");
    BOOST_TEST(read_as_text("H1 24/25") == "2024-09-30");
    BOOST_TEST(read_as_text("H2 24/25") == "2025-03-31");
    BOOST_TEST(read_as_text("2024/25") == "2025-03-31");
    BOOST_TEST(read_as_text("2024-25") == "2025-03-31");
    BOOST_TEST(read_as_text("FY 2024/25") == "2025-03-31");
    BOOST_TEST(read_as_text("FY24/25") == "2025-03-31");
    BOOST_TEST(read_as_text("financial year 2024/25") == "2025-03-31");
    BOOST_TEST(read_as_text("end of 23/24") == "2024-03-31");
    BOOST_TEST(read_as_text("99/00") == "2000-03-31");
}

BOOST_AUTO_TEST_CASE(fiscal_phrases_follow_the_fiscal_start_month) {
    BOOST_TEST(read_as_text("Q1 23/24", 7) == "2023-09-30");
    BOOST_TEST(read_as_text("Q4 23/24", 7) == "2024-06-30");
    BOOST_TEST(read_as_text("23/24", 7) == "2024-06-30");
    BOOST_TEST(read_as_text("Q4 23/24", 1) == "2023-12-31");
    BOOST_TEST(read_as_text("Q4 23/24", 13) == "unreadable");
    BOOST_TEST(read_as_text("Q4 2024", 13) == "2024-12-31");  // calendar quarters need no fiscal month
}

BOOST_AUTO_TEST_CASE(calendar_periods_and_vague_phrases) {
    BOOST_TEST(read_as_text("2024") == "2024-12-31");
    BOOST_TEST(read_as_text("Q2 2024") == "2024-06-30");
    BOOST_TEST(read_as_text("Q1 2024") == "2024-03-31");
    BOOST_TEST(read_as_text("H1 2024") == "2024-06-30");
    BOOST_TEST(read_as_text("H2 2024") == "2024-12-31");
    BOOST_TEST(read_as_text("mid 2024") == "2024-06-30");
    BOOST_TEST(read_as_text("end of 2024") == "2024-12-31");
    BOOST_TEST(read_as_text("end 2024") == "2024-12-31");
    BOOST_TEST(read_as_text("by the end of 2024") == "2024-12-31");
    BOOST_TEST(read_as_text("late 2024") == "2024-12-31");
    BOOST_TEST(read_as_text("early 2025") == "2025-03-31");
    BOOST_TEST(read_as_text("Spring 2024") == "2024-05-31");
    BOOST_TEST(read_as_text("Summer 2024") == "2024-08-31");
    BOOST_TEST(read_as_text("Autumn 2024") == "2024-11-30");
    BOOST_TEST(read_as_text("Winter 2023/24") == "2024-02-29");
}

BOOST_AUTO_TEST_CASE(case_spaces_and_dashes_do_not_matter) {
    BOOST_TEST(read_as_text("  q4   23/24 ") == "2024-03-31");
    BOOST_TEST(read_as_text("JANUARY 2024") == "2024-01-31");
    BOOST_TEST(read_as_text("MID-2024") == "2024-06-30");
    BOOST_TEST(read_as_text("Q4 2023\xE2\x80\x93"
                            "24") == "2024-03-31");  // en dash
    BOOST_TEST(read_as_text("May\xC2\xA0"
                            "2024") == "2024-05-31");  // no-break space
    BOOST_TEST(read_as_text("\tFY 2024/25\r\n") == "2025-03-31");
}

BOOST_AUTO_TEST_CASE(blank_and_not_applicable) {
    for (const char* blank : {"", "   ", "\t", "-", "\xE2\x80\x94"}) BOOST_TEST(read_as_text(blank) == "blank");
    for (const char* none : {"N/A", "n/a", "NA", "N.A.", "none", "None", "Not applicable"})
        BOOST_TEST(read_as_text(none) == "not applicable");
}

BOOST_AUTO_TEST_CASE(unreadable_text_is_never_guessed) {
    for (const char* text : {"TBC",
                             "ongoing",
                             "soon",
                             "ASAP",
                             "Q5 2024",
                             "Q0 23/24",
                             "H3 2024",
                             "23/25",
                             "24/23",
                             "23/2024",
                             "31/02/2024",
                             "13/13/2024",
                             "May 24",
                             "May",
                             "Q4",
                             "FY24",
                             "FY 2024",
                             "Winter 2024",
                             "early Q1 2024",
                             "mid 23/24",
                             "end of 31/05/2024",
                             "late 31/05/2024",
                             "the 2024",
                             "before March 2024",
                             "2024 March",
                             "1850",
                             "12345",
                             "Q4 23/24 or Q4 24/25",
                             "Q4 23/24?",
                             "24",
                             "24/25/26"})
        BOOST_TEST(read_as_text(text) == "unreadable", text);
    BOOST_TEST(read_as_text(std::string(200, '1')) == "unreadable");
}

BOOST_AUTO_TEST_CASE(the_text_is_kept_as_written) {
    DueDate due = read_due_date("  Q4 23/24 ", 4);
    BOOST_TEST(due.text == "  Q4 23/24 ");
    BOOST_TEST(to_string(due.status) == "dated");
    BOOST_TEST(common::format_iso_date(*due.date) == "2024-03-31");
    DueDate unreadable = read_due_date("TBC");
    BOOST_TEST(unreadable.text == "TBC");
    BOOST_TEST(!unreadable.date.has_value());
}

BOOST_AUTO_TEST_CASE(descriptions_for_the_pack) {
    BOOST_TEST(describe_due(read_due_date("Q4 23/24")) == "2024-03-31 (Q4 23/24)");
    BOOST_TEST(describe_due(read_due_date(" 2024-05-31 ")) == "2024-05-31");
    BOOST_TEST(describe_due(read_due_date("")) == "no due date");
    BOOST_TEST(describe_due(read_due_date("N/A")) == "not applicable");
    BOOST_TEST(describe_due(read_due_date(" TBC ")) == "no usable due date (\"TBC\")");
}

BOOST_AUTO_TEST_SUITE_END()
