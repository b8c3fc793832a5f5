#include <boost/test/unit_test.hpp>

#include "common/errors.hpp"
#include "validate/column_mapping.hpp"

using namespace pirpack;
using validate::ColumnMapping;
using validate::Reject;
using validate::Value;

namespace {

config::Source crime_source() {
    config::Source source;
    source.name = "crime";
    source.date_formats = {"%d/%m/%Y"};
    auto add = [&](std::string name, std::vector<std::string> headers, config::ColumnType type, bool required,
                   std::vector<std::string> values = {}) {
        config::Column column;
        column.name = std::move(name);
        column.headers = std::move(headers);
        column.type = type;
        column.required = required;
        column.values = std::move(values);
        source.columns.push_back(column);
    };
    add("crime_id", {"Crime Ref", "URN"}, config::ColumnType::text, true);
    add("recorded_date", {"Date Recorded"}, config::ColumnType::date, true);
    add("cost", {"Cost"}, config::ColumnType::decimal, false);
    add("arrest", {"Arrest Made"}, config::ColumnType::boolean, false);
    add("risk", {"Risk"}, config::ColumnType::enumeration, false, {"Standard", "Medium", "High"});
    add("handovers", {"Handovers"}, config::ColumnType::integer, false);
    return source;
}

ingest::Row text_row(long line, std::vector<std::string> texts) {
    ingest::Row row;
    row.line = line;
    for (auto& text : texts) {
        ingest::Cell cell;
        cell.type = text.empty() ? ingest::CellType::empty : ingest::CellType::text;
        cell.text = std::move(text);
        row.cells.push_back(cell);
    }
    return row;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(column_mapping)

BOOST_AUTO_TEST_CASE(headers_match_loosely_and_values_are_typed) {
    auto source = crime_source();
    ColumnMapping mapping(source, text_row(1, {"urn", " date recorded", "COST", "Arrest Made", "risk", "Handovers"}),
                          {"crime.csv", "", 0, 0, ""});
    std::vector<Value> values;
    Reject reject;
    BOOST_REQUIRE(mapping.map_row(text_row(2, {"CR1", "01/04/2023", "\xC2\xA3" "1,234.50", "Y", "high", "2"}), values, reject));
    BOOST_TEST(values[0].text == "CR1");
    BOOST_TEST(values[1].text == "2023-04-01");
    BOOST_TEST(values[2].real == 1234.5);
    BOOST_TEST(values[3].integer == 1);
    BOOST_TEST(values[4].text == "High");
    BOOST_TEST(values[5].integer == 2);
    BOOST_REQUIRE(mapping.map_row(text_row(3, {"CR2", "2023-04-02", "", "", "", ""}), values, reject));
    BOOST_TEST((values[2].kind == Value::Kind::null));
}

BOOST_AUTO_TEST_CASE(rejects_say_where_what_and_why) {
    auto source = crime_source();
    ColumnMapping mapping(source, text_row(1, {"Crime Ref", "Date Recorded", "Risk"}), {"crime.csv", "", 0, 0, ""});
    BOOST_TEST(mapping.missing_columns() == (std::vector<std::string>{"cost", "arrest", "handovers"}));
    std::vector<Value> values;
    Reject reject;
    BOOST_TEST(!mapping.map_row(text_row(17, {"CR1", "31/02/2023", "High"}), values, reject));
    BOOST_TEST(reject.location.describe() == "crime.csv:17:2");
    BOOST_TEST(reject.location.column_name == "Date Recorded");
    BOOST_TEST(reject.value == "31/02/2023");
    BOOST_TEST(reject.reason == "cannot read \"31/02/2023\" as a date (date_formats: %d/%m/%Y)");
    BOOST_TEST(!mapping.map_row(text_row(18, {"", "01/04/2023", "High"}), values, reject));
    BOOST_TEST(reject.reason == "a value is required and the cell is empty");
    BOOST_TEST(reject.location.describe() == "crime.csv:18:1");
    BOOST_TEST(!mapping.map_row(text_row(19, {"CR3", "01/04/2023", "Severe"}), values, reject));
    BOOST_TEST(reject.reason == "\"Severe\" is not one of \"Standard\", \"Medium\" or \"High\"");
    ingest::Row short_row = text_row(20, {"CR4", "01/04/2023"});
    short_row.problem = "too few fields: the row has 2, the header has 3";
    BOOST_TEST(!mapping.map_row(short_row, values, reject));
    BOOST_TEST(reject.reason == "too few fields: the row has 2, the header has 3");
    BOOST_TEST(reject.location.describe() == "crime.csv:20");
}

BOOST_AUTO_TEST_CASE(xlsx_cells_keep_their_types) {
    auto source = crime_source();
    ColumnMapping mapping(source, text_row(1, {"Crime Ref", "Date Recorded", "Handovers", "Arrest Made"}),
                          {"crime.xlsx", "Crimes", 0, 0, ""});
    ingest::Row row = text_row(5, {"CR1", "", "", ""});
    row.cells[1] = {ingest::CellType::date, "2023-04-01", 45017.0, "dd/mm/yyyy"};
    row.cells[2] = {ingest::CellType::number, "3", 3.0, ""};
    row.cells[3] = {ingest::CellType::boolean, "TRUE", 1.0, ""};
    std::vector<Value> values;
    Reject reject;
    BOOST_REQUIRE(mapping.map_row(row, values, reject));
    BOOST_TEST(values[1].text == "2023-04-01");
    BOOST_TEST(values[5].integer == 3);
    BOOST_TEST(values[3].integer == 1);
    row.cells[2] = {ingest::CellType::error, "#N/A", 0.0, ""};
    BOOST_TEST(!mapping.map_row(row, values, reject));
    BOOST_TEST(reject.location.describe() == "crime.xlsx!Crimes!C5");
    BOOST_TEST(reject.reason == "the cell holds the spreadsheet error #N/A");
    row.cells[2] = {ingest::CellType::number, "2.5", 2.5, ""};
    BOOST_TEST(!mapping.map_row(row, values, reject));
    BOOST_TEST(reject.reason == "cannot read \"2.5\" as a whole number");
}

BOOST_AUTO_TEST_CASE(missing_required_column_names_file_headers_and_nearest) {
    auto source = crime_source();
    try {
        ColumnMapping mapping(source, text_row(1, {"Crime Ref", "Date Recorde", "Risk"}), {"crime.csv", "", 0, 0, ""});
        BOOST_FAIL("expected an error");
    } catch (const common::PirpackError& error) {
        BOOST_TEST((error.kind() == common::ErrorKind::input));
        BOOST_TEST(std::string(error.what()) == "required column \"recorded_date\" (header \"Date Recorded\") is not in the file");
        BOOST_TEST(error.location().describe() == "crime.csv:1");
        BOOST_TEST(error.hint() == "headers found: \"Crime Ref\", \"Date Recorde\" and \"Risk\"; the nearest is "
                                   "\"Date Recorde\": add it to header for column \"recorded_date\" in source \"crime\"");
    }
}

BOOST_AUTO_TEST_CASE(long_values_are_cut_on_a_character_boundary) {
    std::string long_text(79, 'a');
    long_text += "\xC2\xA3" "bbbb";
    BOOST_TEST(validate::cut_for_reject(long_text) == std::string(79, 'a') + "...");
    BOOST_TEST(validate::cut_for_reject("short") == "short");
}

BOOST_AUTO_TEST_SUITE_END()
