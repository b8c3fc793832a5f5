#include <boost/test/unit_test.hpp>

#include "validate/value_parser.hpp"

using namespace pirpack;
using namespace pirpack::validate;

BOOST_AUTO_TEST_SUITE(value_parser)

BOOST_AUTO_TEST_CASE(decimals_accept_thousands_and_pounds) {
    BOOST_TEST(*parse_decimal("1,234.5") == 1234.5);
    BOOST_TEST(*parse_decimal("\xC2\xA3" "1,234.50") == 1234.5);
    BOOST_TEST(*parse_decimal("-\xC2\xA3" "12.40") == -12.4);
    BOOST_TEST(*parse_decimal(" 7 ") == 7.0);
    BOOST_TEST(*parse_decimal("1.5E3") == 1500.0);
    BOOST_TEST(!parse_decimal("1,23.4"));
    BOOST_TEST(!parse_decimal("12,34"));
    BOOST_TEST(!parse_decimal("12%"));
    BOOST_TEST(!parse_decimal("abc"));
    BOOST_TEST(!parse_decimal(""));
    BOOST_TEST(!parse_decimal("1.2.3"));
}

BOOST_AUTO_TEST_CASE(integers_are_whole) {
    BOOST_TEST(*parse_integer("1,075") == 1075);
    BOOST_TEST(*parse_integer("-7") == -7);
    BOOST_TEST(*parse_integer("12.0") == 12);
    BOOST_TEST(!parse_integer("12.5"));
    BOOST_TEST(!parse_integer("\xC2\xA3" "5"));
}

BOOST_AUTO_TEST_CASE(booleans_as_people_write_them) {
    for (const char* yes : {"Y", "yes", "TRUE", "t", "1", " Yes "}) BOOST_TEST(*parse_boolean(yes));
    for (const char* no : {"N", "No", "false", "F", "0"}) BOOST_TEST(!*parse_boolean(no));
    BOOST_TEST(!parse_boolean("maybe"));
}

BOOST_AUTO_TEST_CASE(dates_by_format_iso_and_serial) {
    std::vector<std::string> uk = {"%d/%m/%Y"};
    BOOST_TEST(common::format_iso_date(*parse_date("01/04/2023", uk)) == "2023-04-01");
    BOOST_TEST(common::format_iso_date(*parse_date("1/4/2023", uk)) == "2023-04-01");
    BOOST_TEST(common::format_iso_date(*parse_date("2023-04-01", uk)) == "2023-04-01");
    BOOST_TEST(common::format_iso_date(*parse_date("01/04/2023 00:00:00", uk)) == "2023-04-01");
    BOOST_TEST(!parse_date("31/02/2023", uk));
    BOOST_TEST(!parse_date("04/13/2023", uk));
    BOOST_TEST(common::format_iso_date(*parse_date("5 Sept 2023", {"%d %b %Y"})) == "2023-09-05");
    BOOST_TEST(common::format_iso_date(*parse_date("05-Sep-23", {"%d-%b-%y"})) == "2023-09-05");
    BOOST_TEST(common::format_iso_date(*parse_date("September 5, 2023", {"%B %d, %Y"})) == "2023-09-05");
    auto dt = parse_datetime("2023-04-01T22:15:30.250Z", {});
    BOOST_TEST(format_datetime(*dt) == "2023-04-01 22:15:30");
    BOOST_TEST(format_datetime(*parse_datetime("01/04/2023 10:05 pm", {"%d/%m/%Y %I:%M %p"})) == "2023-04-01 22:05:00");
    BOOST_TEST(common::format_iso_date(*date_from_excel_serial(44197.0)) == "2021-01-01");
    BOOST_TEST(common::format_iso_date(*date_from_excel_serial(42735.0, true)) == "2021-01-01");
    BOOST_TEST(common::format_iso_date(*date_from_excel_serial(61.0)) == "1900-03-01");
    BOOST_TEST(!date_from_excel_serial(60.0));  // Excel's 29 February 1900, which never was
}

BOOST_AUTO_TEST_SUITE_END()
