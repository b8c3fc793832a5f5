// The Excel closure report, read back with pirpack's own XLSX reader (cells, types, number
// formats) and, for what a cell reader does not see (charts, links, print set-up, document
// properties, conditional formats), from the package's XML.
#include <Poco/Zip/ZipArchive.h>
#include <Poco/Zip/ZipStream.h>

#include <boost/test/unit_test.hpp>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "common/errors.hpp"
#include "ingest/xlsx_reader.hpp"
#include "report/excel/closure_workbook.hpp"
#include "report/excel/workbook_writer.hpp"
#include "report_fixture.hpp"
#include "temp_dir.hpp"
#include "xlsx_dump.hpp"

BOOST_TEST_DONT_PRINT_LOG_VALUE(pirpack::ingest::CellType)

using namespace pirpack;
using test::TempDir;
using namespace pirpack::report;

namespace {

// Every non-empty cell, keyed "Sheet!A1".
std::map<std::string, ingest::Cell> read_cells(const std::string& path) {
    std::map<std::string, ingest::Cell> cells;
    auto book = ingest::XlsxWorkbook::open(path);
    for (const ingest::SheetInfo& info : book->sheets()) {
        auto reader = book->open_sheet(info.name);
        ingest::Row row;
        while (reader->next(row))
            for (std::size_t c = 0; c < row.cells.size(); ++c)
                if (row.cells[c].type != ingest::CellType::empty)
                    cells[info.name + "!" + common::column_letters(static_cast<int>(c) + 1) +
                          std::to_string(row.line)] = row.cells[c];
    }
    return cells;
}

std::vector<std::string> sheet_names(const std::string& path) {
    std::vector<std::string> names;
    auto book = ingest::XlsxWorkbook::open(path);
    for (const ingest::SheetInfo& info : book->sheets()) names.push_back(info.name);
    return names;
}

// The package's parts by name, inflated.
std::map<std::string, std::string> read_parts(const std::string& path) {
    std::map<std::string, std::string> parts;
    std::ifstream in(path, std::ios::binary);
    Poco::Zip::ZipArchive archive(in);
    for (auto it = archive.headerBegin(); it != archive.headerEnd(); ++it) {
        if (it->second.isDirectory()) continue;
        std::ifstream entry_in(path, std::ios::binary);
        Poco::Zip::ZipInputStream zip_in(entry_in, it->second);
        parts[it->first] = std::string(std::istreambuf_iterator<char>(zip_in), std::istreambuf_iterator<char>());
    }
    return parts;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::string write_fixture(const TempDir& dir, const std::string& name = "closure.xlsx") {
    const std::string path = dir.file(name);
    excel::write_closure_workbook(testing::report_fixture(), path);
    return path;
}

const std::vector<std::string> fixture_sheets = {
    "Summary", "KPIs",         "Trends", "WS1 Local Policing Areas", "WS2 Resolution Centres & Front",
    "Actions", "Data quality", "Sources"};

}  // namespace

BOOST_AUTO_TEST_SUITE(report_excel)

BOOST_AUTO_TEST_CASE(sheets_come_in_the_issue_order) {
    TempDir dir("pirpack-test-excel");
    BOOST_TEST(sheet_names(write_fixture(dir)) == fixture_sheets, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(kpis_sheet_has_its_header_and_numbers_as_numbers) {
    TempDir dir("pirpack-test-excel");
    auto cells = read_cells(write_fixture(dir));
    const std::vector<std::string> header = {"Workstream",      "KPI id",       "Title",
                                             "Scope",           "Unit",         "Direction",
                                             "Baseline",        "Current",      "Matched (year earlier)",
                                             "Target",          "Amber",        "Change",
                                             "Relative change", "RAG",          "Significance",
                                             "p-value",         "Current from", "Current to"};
    for (std::size_t c = 0; c < header.size(); ++c) {
        const std::string ref = "KPIs!" + common::column_letters(static_cast<int>(c) + 1) + "1";
        BOOST_TEST_CONTEXT(ref) {
            BOOST_TEST(cells[ref].type == ingest::CellType::text);
            BOOST_TEST(cells[ref].text == header[c]);
        }
    }
    BOOST_TEST(cells.count("KPIs!S1") == 0u);

    // Row 2: arrest_share, a percent KPI with no scope.
    BOOST_TEST(cells["KPIs!A2"].text == "WS1");
    BOOST_TEST(cells["KPIs!B2"].text == "arrest_share");
    BOOST_TEST(cells["KPIs!C2"].text == "Arrests per 100 crimes");
    BOOST_TEST(cells.count("KPIs!D2") == 0u);  // no scope
    BOOST_TEST(cells["KPIs!E2"].text == "percent");
    BOOST_TEST(cells["KPIs!F2"].text == "higher is better");
    // A percent is stored 0-100 and shown with a literal "%", not as a fraction.
    BOOST_TEST(cells["KPIs!G2"].type == ingest::CellType::number);
    BOOST_TEST(cells["KPIs!G2"].number == 19.0);
    BOOST_TEST(cells["KPIs!G2"].format == "0.0\"%\"");
    BOOST_TEST(cells["KPIs!H2"].type == ingest::CellType::number);
    BOOST_TEST(cells["KPIs!H2"].number == 13.5);
    BOOST_TEST(cells["KPIs!H2"].format == "0.0\"%\"");
    BOOST_TEST(cells.count("KPIs!I2") == 0u);  // no matched figure: an empty cell, not "-"
    BOOST_TEST(cells["KPIs!J2"].number == 18.0);
    BOOST_TEST(cells["KPIs!K2"].number == 15.0);
    BOOST_TEST(cells["KPIs!L2"].number == -5.5);
    BOOST_TEST(cells["KPIs!L2"].format == "+0.0\" pts\";-0.0\" pts\";0.0\" pts\"");
    BOOST_TEST(cells["KPIs!M2"].number == (13.5 - 19.0) / 19.0);
    BOOST_TEST(cells["KPIs!M2"].format == "+0.0%;-0.0%;0.0%");
    BOOST_TEST(cells["KPIs!N2"].text == "Red");
    BOOST_TEST(cells["KPIs!O2"].text == "significant (p = 0.003)");
    BOOST_TEST(cells["KPIs!P2"].number == 0.003);
    BOOST_TEST(cells["KPIs!Q2"].type == ingest::CellType::date);
    BOOST_TEST(cells["KPIs!Q2"].text == "2023-06-01");
    BOOST_TEST(cells["KPIs!Q2"].format == "dd/mm/yyyy");
    BOOST_TEST(cells["KPIs!R2"].text == "2023-06-30");

    // Counts keep their own format; a neutral KPI's RAG says so.
    BOOST_TEST(cells["KPIs!D3"].text == "North");
    BOOST_TEST(cells["KPIs!H3"].format == "#,##0");
    BOOST_TEST(cells["KPIs!D4"].text == "South | East");
    BOOST_TEST(cells["KPIs!N5"].text == "Neutral");
}

BOOST_AUTO_TEST_CASE(hostile_text_is_a_literal_string_cell) {
    TempDir dir("pirpack-test-excel");
    const std::string path = write_fixture(dir);
    auto cells = read_cells(path);
    BOOST_TEST(cells["Actions!B3"].text == "WS1");
    BOOST_TEST(cells["Actions!D3"].type == ingest::CellType::text);
    BOOST_TEST(cells["Actions!D3"].text == testing::hostile_action_text);
    BOOST_TEST(cells["Actions!L3"].type == ingest::CellType::text);
    BOOST_TEST(cells["Actions!L3"].text == "=SUM(A1:A2)");
    // No cell anywhere is a formula.
    for (const auto& [name, part] : read_parts(path))
        if (name.rfind("xl/worksheets/", 0) == 0) BOOST_TEST(!contains(part, "<f>"), name);
    // The programme's title, with < and |, is text too.
    BOOST_TEST(cells["Summary!A1"].text == "Test Programme <One> | Two");
}

BOOST_AUTO_TEST_CASE(actions_have_real_dates_and_days_overdue) {
    TempDir dir("pirpack-test-excel");
    auto cells = read_cells(write_fixture(dir));
    BOOST_TEST(cells["Actions!A2"].text == "A-01");
    BOOST_TEST(cells["Actions!F2"].text == "Q4 22/23");
    BOOST_TEST(cells["Actions!G2"].type == ingest::CellType::date);
    BOOST_TEST(cells["Actions!G2"].text == "2023-03-31");
    BOOST_TEST(cells["Actions!J2"].text == "2023-02-12");
    BOOST_TEST(cells["Actions!K2"].number == 97.0);
    BOOST_TEST(cells.count("Actions!G4") == 0u);  // "soonish" names no date
    BOOST_TEST(cells["Actions!H4"].text == "no usable due date");
    BOOST_TEST(cells["Actions!I4"].text == "Done");
}

BOOST_AUTO_TEST_CASE(summary_links_each_workstream_to_its_sheet) {
    TempDir dir("pirpack-test-excel");
    const std::string path = write_fixture(dir);
    auto cells = read_cells(path);
    BOOST_TEST(cells["Summary!A4"].text == "Organisation");
    BOOST_TEST(cells["Summary!B4"].text == "Testshire Police");
    BOOST_TEST(cells["Summary!B5"].text == "OFFICIAL - SENSITIVE");
    BOOST_TEST(cells["Summary!B7"].type == ingest::CellType::date);
    BOOST_TEST(cells["Summary!B7"].text == "2023-07-05");
    // The RAG table: header, then one row per workstream.
    int header = 0;
    for (int row = 1; row < 40 && header == 0; ++row)
        if (cells["Summary!D" + std::to_string(row)].text == "Red") header = row;
    BOOST_REQUIRE(header > 0);
    const std::string ws1 = std::to_string(header + 1);
    BOOST_TEST(cells["Summary!A" + ws1].text == "WS1");
    BOOST_TEST(cells["Summary!B" + ws1].text == "Local Policing Areas");
    BOOST_TEST(cells["Summary!D" + ws1].number == 1.0);
    BOOST_TEST(cells["Summary!I" + ws1].number == 2.0);  // KPIs
    const std::string sheet1 = read_parts(path)["xl/worksheets/sheet1.xml"];
    BOOST_TEST(contains(sheet1, "location=\"'WS1 Local Policing Areas'!A1\""));
    BOOST_TEST(contains(sheet1, "location=\"'WS2 Resolution Centres &amp; Front'!A1\""));
    // Counts coloured by conditional format, RAG words by comparison with quoted text.
    BOOST_TEST(contains(sheet1, "<conditionalFormatting"));
    BOOST_TEST(contains(sheet1, "<formula>\"Red\"</formula>"));
}

BOOST_AUTO_TEST_CASE(every_sheet_prints_landscape_one_page_wide_with_the_marking) {
    TempDir dir("pirpack-test-excel");
    auto parts = read_parts(write_fixture(dir));
    for (std::size_t s = 1; s <= fixture_sheets.size(); ++s) {
        const std::string& xml = parts["xl/worksheets/sheet" + std::to_string(s) + ".xml"];
        BOOST_TEST_CONTEXT(fixture_sheets[s - 1]) {
            BOOST_TEST(contains(xml, "orientation=\"landscape\""));
            BOOST_TEST(contains(xml, "paperSize=\"9\""));
            BOOST_TEST(contains(xml, "<pageSetUpPr fitToPage=\"1\"/>"));
            BOOST_TEST(contains(xml, "fitToHeight=\"0\""));
            BOOST_TEST(contains(xml, "<oddHeader>&amp;LTest Programme &lt;One&gt; | Two&amp;COFFICIAL - SENSITIVE"));
            BOOST_TEST(contains(xml, "<oddFooter>&amp;L&amp;A&amp;COFFICIAL - SENSITIVE&amp;RPage &amp;P of &amp;N"));
        }
    }
    // Row 1 repeated on every printed page of every sheet.
    BOOST_TEST(contains(parts["xl/workbook.xml"], "_xlnm.Print_Titles"));
    BOOST_TEST(contains(parts["xl/workbook.xml"], "Sources!$1:$1"));
    BOOST_TEST(contains(parts["xl/workbook.xml"], "'WS1 Local Policing Areas'!$1:$1"));
}

BOOST_AUTO_TEST_CASE(document_properties_say_what_and_when) {
    TempDir dir("pirpack-test-excel");
    const std::string core = read_parts(write_fixture(dir))["docProps/core.xml"];
    BOOST_TEST(contains(core, "<dc:title>Test Programme &lt;One&gt; | Two</dc:title>"));
    BOOST_TEST(contains(core, "<dc:subject>Post-implementation review closure report, June 2023</dc:subject>"));
    BOOST_TEST(contains(core, ">2023-07-05T00:00:00Z</dcterms:created>"));
    const std::string app = read_parts(dir.file("closure.xlsx"))["docProps/app.xml"];
    BOOST_TEST(contains(app, "<Company>Testshire Police</Company>"));
}

BOOST_AUTO_TEST_CASE(charts_one_per_workstream_and_unit) {
    TempDir dir("pirpack-test-excel");
    auto parts = read_parts(write_fixture(dir));
    int charts = 0;
    for (const auto& [name, part] : parts)
        if (name.rfind("xl/charts/chart", 0) == 0) ++charts;
    // Trends: WS1 percent, WS1 count, WS2 percent; WS1's sheet: percent, count; WS2's: percent.
    BOOST_TEST(charts == 6);
    const std::string& first = parts["xl/charts/chart1.xml"];
    BOOST_TEST(contains(first, "<c:lineChart>"));
    BOOST_TEST(contains(first, "WS1 Local Policing Areas: percent KPIs by month (go-live Jan 2023)"));
    BOOST_TEST(contains(first, "<c:f>Trends!$F$1:$K$1</c:f>"));  // categories: the month header
    BOOST_TEST(contains(first, "<c:f>Trends!$F$2:$K$2</c:f>"));  // values: arrest_share's row
    BOOST_TEST(contains(first, "<c:f>Trends!$C$2</c:f>"));       // its name
}

BOOST_AUTO_TEST_CASE(trends_mark_the_go_live_month) {
    TempDir dir("pirpack-test-excel");
    auto cells = read_cells(write_fixture(dir));
    BOOST_TEST(cells["Trends!C1"].text == "KPI");
    BOOST_TEST(cells["Trends!F1"].text == "Jan 2023 (go-live)");
    BOOST_TEST(cells["Trends!G1"].text == "Feb 2023");
    BOOST_TEST(cells["Trends!K1"].text == "Jun 2023");
    BOOST_TEST(cells["Trends!C3"].text == "Sergeant vacancies (North)");
    BOOST_TEST(cells["Trends!F2"].number == 12.5);
    BOOST_TEST(cells["Trends!F2"].format == "0.0\"%\"");
    BOOST_TEST(cells.count("Trends!I4") == 0u);  // South | East has no April figure
}

BOOST_AUTO_TEST_CASE(suppressed_figures_are_text) {
    TempDir dir("pirpack-test-excel");
    Report report = testing::report_fixture();
    report.kpis[1].scopes[0].current = {std::nullopt, "<5", true};
    const std::string path = dir.file("suppressed.xlsx");
    excel::write_closure_workbook(report, path);
    auto cells = read_cells(path);
    BOOST_TEST(cells["KPIs!H3"].type == ingest::CellType::text);
    BOOST_TEST(cells["KPIs!H3"].text == "<5");
}

BOOST_AUTO_TEST_CASE(sheet_names_are_guarded) {
    TempDir dir("pirpack-test-excel");
    Report report = testing::report_fixture();
    report.workstreams[0].sheet = "Actions";
    report.workstreams[1].sheet = "Bad/Name*[with]:lots?of\\characters beyond thirty-one";
    const std::string path = dir.file("guarded.xlsx");
    excel::write_closure_workbook(report, path);
    const std::vector<std::string> expected = {
        "Summary", "KPIs",         "Trends", "Actions (2)", "Bad-Name--with--lots-of-charact",
        "Actions", "Data quality", "Sources"};
    BOOST_TEST(sheet_names(path) == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(two_writes_give_the_same_workbook) {
    TempDir dir("pirpack-test-excel");
    const std::string first = write_fixture(dir, "first.xlsx");
    const std::string second = write_fixture(dir, "second.xlsx");
    const std::string dump = testing::dump_workbook_tsv(first);
    BOOST_TEST(dump == testing::dump_workbook_tsv(second));
    BOOST_TEST(read_parts(first) == read_parts(second));
    // The dump: one line per cell with type, value and number format.
    BOOST_TEST(dump.rfind("sheet\tcell\ttype\tvalue\tformat\n", 0) == 0u);
    BOOST_TEST(contains(dump, "KPIs\tH2\tnumber\t13.5\t0.0\"%\"\n"));
    BOOST_TEST(contains(dump, "Actions\tG2\tdate\t2023-03-31\tdd/mm/yyyy\n"));
    BOOST_TEST(contains(dump,
                        "Actions\tD3\ttext\tFix | pipes <script>alert(1)</script> =HYPERLINK(\"http://x\") +1-2 "
                        "`code`\\nsecond line \xF0\x9F\x9A\x93\t\n"));
}

BOOST_AUTO_TEST_CASE(validation_lists_and_protection_for_registers) {
    TempDir dir("pirpack-test-excel");
    const std::string path = dir.file("register.xlsx");
    {
        excel::WorkbookOptions options;
        options.created = *common::make_date(2024, 4, 5);
        excel::WorkbookWriter book(path, options);
        auto sheet = book.add_sheet("Register");
        excel::CellStyle unlocked;
        unlocked.unlocked = true;
        auto editable = book.add_style(unlocked);
        book.write_string(sheet, 0, 0, "Status");
        book.write_string(sheet, 1, 0, "Open", editable);
        book.set_validation_list(sheet, 1, 0, 10, {"Open", "In progress", "Done"});
        book.protect_sheet(sheet);
        BOOST_CHECK_THROW(book.set_validation_list(sheet, 1, 1, 10, {"Open, or not"}), common::PirpackError);
        book.close();
    }
    auto parts = read_parts(path);
    const std::string& xml = parts["xl/worksheets/sheet1.xml"];
    BOOST_TEST(contains(xml, "<dataValidation type=\"list\""));
    BOOST_TEST(contains(xml, "sqref=\"A2:A11\""));
    BOOST_TEST(contains(xml, "<formula1>\"Open,In progress,Done\"</formula1>"));
    BOOST_TEST(contains(xml, "<sheetProtection sheet=\"1\""));
    BOOST_TEST(contains(xml, "formatColumns=\"0\""));
    BOOST_TEST(contains(xml, "autoFilter=\"0\""));
    BOOST_TEST(contains(parts["xl/styles.xml"], "locked=\"0\""));
}

BOOST_AUTO_TEST_SUITE_END()
