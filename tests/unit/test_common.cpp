#include <boost/test/unit_test.hpp>

#include "common/date.hpp"
#include "common/diagnostics.hpp"
#include "common/file_hash.hpp"

#include <Poco/TemporaryFile.h>
#include <fstream>
#include "common/text.hpp"

using namespace pirpack::common;

BOOST_AUTO_TEST_SUITE(common)

BOOST_AUTO_TEST_CASE(dates_round_trip_and_reject_impossible_days) {
    BOOST_TEST(format_iso_date(*parse_iso_date("2023-04-01")) == "2023-04-01");
    BOOST_TEST(!parse_iso_date("2023-02-29").has_value());
    BOOST_TEST(parse_iso_date("2024-02-29").has_value());
    BOOST_TEST(!parse_iso_date("2023-4-01").has_value());
    BOOST_TEST(!parse_iso_date("2023-13-01").has_value());
    BOOST_TEST(days_between(*parse_iso_date("2022-04-01"), *parse_iso_date("2023-04-01")) == 365);
    BOOST_TEST(format_iso_date(add_days(*parse_iso_date("2024-02-28"), 2)) == "2024-03-01");
    BOOST_TEST(weekday(*parse_iso_date("2023-04-01")) == 5);  // a Saturday
    BOOST_TEST(days_in_month(2024, 2) == 29);
    BOOST_TEST(days_in_month(2023, 2) == 28);
}

BOOST_AUTO_TEST_CASE(nearest_word_suggests_only_plausible_typos) {
    std::vector<std::string> keys = {"target", "amber", "direction", "workstream"};
    BOOST_TEST(nearest_word("tagret", keys) == "target");
    BOOST_TEST(nearest_word("workstrem", keys) == "workstream");
    BOOST_TEST(nearest_word("colour", keys) == "");
    BOOST_TEST(edit_distance("abc", "acb") == 1);
    BOOST_TEST(edit_distance("", "abc") == 3);
}

BOOST_AUTO_TEST_CASE(headers_match_ignoring_case_and_spaces) {
    BOOST_TEST(normalise_header(" Date Recorded ") == "daterecorded");
    BOOST_TEST(normalise_header("date_recorded") == "daterecorded");
}

BOOST_AUTO_TEST_CASE(diagnostics_name_file_line_column_and_hint) {
    Diagnostic d{Severity::error, SourceLocation{"inputs/crime.csv", "", 17, 4, "Date Recorded"},
                 "cannot read \"31/02/2023\" as a date", "date_formats are %d/%m/%Y"};
    BOOST_TEST(format_diagnostic(d) ==
               "inputs/crime.csv:17:4: error: cannot read \"31/02/2023\" as a date\nhint: date_formats are %d/%m/%Y");
    Diagnostic cell{Severity::warning, SourceLocation{"crime.xlsx", "Crimes", 17, 3, ""}, "odd", ""};
    BOOST_TEST(format_diagnostic(cell) == "crime.xlsx!Crimes!C17: warning: odd");
}

BOOST_AUTO_TEST_CASE(invalid_utf8_bytes_become_replacement_characters) {
    BOOST_TEST(make_valid_utf8("caf\xE9") == "caf\xEF\xBF\xBD");
    BOOST_TEST(make_valid_utf8("\xC2\xA3" "5") == "\xC2\xA3" "5");
    BOOST_TEST(make_valid_utf8("a\xE2\x82") == "a\xEF\xBF\xBD\xEF\xBF\xBD");
    BOOST_TEST(make_valid_utf8("") == "");
}

BOOST_AUTO_TEST_CASE(file_digest_is_sha256_and_size) {
    Poco::TemporaryFile file;
    std::ofstream(file.path(), std::ios::binary) << "abc";
    FileDigest digest = digest_file(file.path());
    BOOST_TEST(digest.sha256 == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    BOOST_TEST(digest.bytes == 3u);
}

BOOST_AUTO_TEST_SUITE_END()
