#include <boost/test/unit_test.hpp>
#include <sstream>

#include "report/csv/csv_writer.hpp"
#include "report/csv/rejects_csv.hpp"

using namespace pirpack;

BOOST_AUTO_TEST_SUITE(report_csv)

BOOST_AUTO_TEST_CASE(cells_are_quoted_and_formulas_neutralised) {
    BOOST_TEST(report::csv_cell("plain") == "plain");
    BOOST_TEST(report::csv_cell("a,b") == "\"a,b\"");
    BOOST_TEST(report::csv_cell("say \"hi\"") == "\"say \"\"hi\"\"\"");
    BOOST_TEST(report::csv_cell("two\nlines") == "\"two\nlines\"");
    BOOST_TEST(report::csv_cell("=HYPERLINK(\"http://x\")") == "\"'=HYPERLINK(\"\"http://x\"\")\"");
    BOOST_TEST(report::csv_cell("+44") == "'+44");
    BOOST_TEST(report::csv_cell("-5") == "'-5");
    BOOST_TEST(report::csv_cell("@SUM(A1)") == "'@SUM(A1)");
    BOOST_TEST(report::csv_cell("\tcmd") == "'\tcmd");
    BOOST_TEST(report::csv_cell("") == "");
}

BOOST_AUTO_TEST_CASE(rejects_csv_has_one_row_per_reject) {
    report::RunRecord run;
    report::SourceRecord crime;
    crime.source = "crime";
    crime.rejects.push_back({{"in/crime.csv", "", 4, 2, "Date Recorded"}, "31/02/2023", "cannot read \"31/02/2023\" as a date"});
    crime.rejects.push_back({{"in/crime.xlsx", "Crimes", 17, 3, "Risk"}, "=1+1", "\"=1+1\" is not one of \"High\""});
    crime.rejects.push_back({{"in/crime.csv", "", 7, 0, ""}, "", "too few fields: the row has 4, the header has 6"});
    run.sources.push_back(crime);
    std::ostringstream out;
    report::write_rejects_csv(run, out);
    BOOST_TEST(out.str() ==
               "source,file,sheet,line,column,column_name,value,reason\r\n"
               "crime,in/crime.csv,,4,2,Date Recorded,31/02/2023,\"cannot read \"\"31/02/2023\"\" as a date\"\r\n"
               "crime,in/crime.xlsx,Crimes,17,3,Risk,'=1+1,\"\"\"=1+1\"\" is not one of \"\"High\"\"\"\r\n"
               "crime,in/crime.csv,,7,,,,\"too few fields: the row has 4, the header has 6\"\r\n");
}

BOOST_AUTO_TEST_SUITE_END()
