// The streaming XLSX reader: cell helpers, packages built here (with Poco::Zip and
// libxlsxwriter), hostile files, and the third-party fixtures in ../shared/fixtures/xlsx with
// the values their own test suites assert.
#include <Poco/DateTime.h>
#include <Poco/Path.h>
#include <Poco/Zip/Compress.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <boost/test/unit_test.hpp>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "common/errors.hpp"
#include "ingest/xlsx_cells.hpp"
#include "ingest/xlsx_reader.hpp"

using namespace pirpack;
using namespace pirpack::ingest;
namespace fs = std::filesystem;

namespace {

// ---- helpers ----------------------------------------------------------------------------------

const std::string kFixtures = std::string(PIRPACK_SHARED_DIR) + "/fixtures/xlsx/";

bool fixtures_present() { return fs::is_directory(kFixtures); }

#define REQUIRE_FIXTURES()                                            \
    do {                                                              \
        if (!fixtures_present()) {                                    \
            BOOST_TEST_MESSAGE("skipped: ../shared/fixtures absent"); \
            return;                                                   \
        }                                                             \
    } while (0)

std::string fixture(const std::string& name) { return kFixtures + name; }

// A scratch folder, removed afterwards.
struct TempDir {
    fs::path path;
    TempDir() {
        path = fs::temp_directory_path() /
               ("pirpack_xlsx_" + std::to_string(::getpid()) + "_" + std::to_string(counter()++));
        fs::create_directories(path);
    }
    ~TempDir() {
        std::error_code ignored;
        fs::remove_all(path, ignored);
    }
    std::string file(const std::string& name) const { return (path / name).string(); }
    static int& counter() {
        static int n = 0;
        return n;
    }
};

// "num 1", "text abc", "date 2021-01-01", "bool TRUE", "err #N/A", "-" (empty).
std::string render(const Cell& cell) {
    switch (cell.type) {
        case CellType::empty:
            return "-";
        case CellType::text:
            return "text " + cell.text;
        case CellType::number:
            return "num " + cell.text;
        case CellType::boolean:
            return "bool " + cell.text;
        case CellType::date:
            return "date " + cell.text;
        case CellType::error:
            return "err " + cell.text;
    }
    return "?";
}

std::string render(const Row& row) {
    std::string out;
    for (const auto& cell : row.cells) {
        if (!out.empty()) out += " | ";
        out += render(cell);
    }
    return out;
}

struct Sheet {
    std::vector<Row> rows;
    long empty_rows = 0;

    const Row* row(long line) const {
        for (const auto& r : rows)
            if (r.line == line) return &r;
        return nullptr;
    }
    std::string at(long line) const {
        const Row* r = row(line);
        return r ? render(*r) : "(no row " + std::to_string(line) + ")";
    }
    // A cell by A1 reference, or a default empty cell.
    const Cell& cell(const std::string& reference) const {
        static const Cell none;
        long line = 0;
        int column = xlsx::column_from_reference(reference, &line);
        const Row* r = row(line);
        if (!r || column < 1 || static_cast<size_t>(column) > r->cells.size()) return none;
        return r->cells[column - 1];
    }
    std::vector<std::string> all() const {
        std::vector<std::string> out;
        for (const auto& r : rows) out.push_back(std::to_string(r.line) + ": " + render(r));
        return out;
    }
};

Sheet read_sheet(XlsxWorkbook& book, const std::string& name = {}) {
    Sheet sheet;
    auto reader = book.open_sheet(name);
    Row row;
    while (reader->next(row)) sheet.rows.push_back(row);
    sheet.empty_rows = reader->empty_rows();
    return sheet;
}

Sheet read_sheet(const std::string& path, const std::string& name = {}) {
    auto book = XlsxWorkbook::open(path);
    return read_sheet(*book, name);
}

// The PirpackError a call throws, checked to be an input error.
template <typename F>
common::PirpackError error_of(F&& f) {
    try {
        f();
    } catch (const common::PirpackError& e) {
        BOOST_TEST((e.kind() == common::ErrorKind::input));
        return e;
    } catch (const std::exception& e) {
        BOOST_FAIL(std::string("unexpected exception: ") + e.what());
    }
    BOOST_FAIL("expected a PirpackError");
    throw std::logic_error("unreachable");
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// A zip of the given parts, deflated, written with Poco::Zip.
void write_zip(const std::string& path, const std::vector<std::pair<std::string, std::string>>& parts) {
    std::ofstream out(path, std::ios::binary);
    Poco::Zip::Compress zip(out, true);
    for (const auto& [name, content] : parts) {
        std::istringstream in(content);
        zip.addFile(in, Poco::DateTime(2023, 4, 1), Poco::Path(name, Poco::Path::PATH_UNIX),
                    Poco::Zip::ZipCommon::CM_DEFLATE, Poco::Zip::ZipCommon::CL_MAXIMUM);
    }
    zip.close();
}

const char* const kMain = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const char* const kRel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

std::string sheet_xml(const std::string& cells) {
    return std::string("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"") + kMain +
           "\"><sheetData>" + cells + "</sheetData></worksheet>";
}

// The parts of a one-sheet workbook ("Data"), with optional styles and shared strings.
std::vector<std::pair<std::string, std::string>> workbook_parts(const std::string& sheet,
                                                                const std::string& styles = {},
                                                                const std::string& strings = {},
                                                                const std::string& workbook_pr = {}) {
    std::string rels =
        std::string("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">") +
        "<Relationship Id=\"rId1\" Type=\"" + kRel + "/worksheet\" Target=\"worksheets/sheet1.xml\"/>";
    if (!styles.empty())
        rels += std::string("<Relationship Id=\"rId2\" Type=\"") + kRel + "/styles\" Target=\"styles.xml\"/>";
    if (!strings.empty())
        rels +=
            std::string("<Relationship Id=\"rId3\" Type=\"") + kRel + "/sharedStrings\" Target=\"sharedStrings.xml\"/>";
    rels += "</Relationships>";
    std::vector<std::pair<std::string, std::string>> parts = {
        {"_rels/.rels",
         std::string("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                     "<Relationship Id=\"rId1\" Type=\"") +
             kRel + "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"},
        {"xl/workbook.xml", std::string("<workbook xmlns=\"") + kMain + "\" xmlns:r=\"" + kRel + "\">" + workbook_pr +
                                "<sheets><sheet name=\"Data\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"},
        {"xl/_rels/workbook.xml.rels", rels},
        {"xl/worksheets/sheet1.xml", sheet},
    };
    if (!styles.empty()) parts.emplace_back("xl/styles.xml", styles);
    if (!strings.empty()) parts.emplace_back("xl/sharedStrings.xml", strings);
    return parts;
}

std::string styles_xml(const std::string& num_fmts, const std::vector<int>& cell_formats) {
    std::string xml = std::string("<styleSheet xmlns=\"") + kMain + "\">";
    if (!num_fmts.empty()) xml += "<numFmts>" + num_fmts + "</numFmts>";
    xml += "<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs><cellXfs>";
    for (int id : cell_formats) xml += "<xf numFmtId=\"" + std::to_string(id) + "\" fontId=\"0\"/>";
    xml += "</cellXfs><dxfs><dxf><numFmt numFmtId=\"99\" formatCode=\"yyyy\"/></dxf></dxfs></styleSheet>";
    return xml;
}

// A minimal OLE compound file whose directory holds `stream` (as an encrypted workbook holds
// EncryptionInfo, or a legacy .xls holds Workbook).
void write_compound_file(const std::string& path, const std::u16string& stream) {
    std::string data(512 * 3, '\0');
    auto put16 = [&](size_t at, unsigned v) {
        data[at] = static_cast<char>(v & 0xFF);
        data[at + 1] = static_cast<char>((v >> 8) & 0xFF);
    };
    auto put32 = [&](size_t at, unsigned v) {
        put16(at, v & 0xFFFF);
        put16(at + 2, v >> 16);
    };
    const unsigned char magic[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
    for (int i = 0; i < 8; ++i) data[i] = static_cast<char>(magic[i]);
    put16(0x18, 0x3E);
    put16(0x1A, 3);
    put16(0x1C, 0xFFFE);
    put16(0x1E, 9);  // 512-byte sectors
    put16(0x20, 6);
    put32(0x2C, 1);  // one FAT sector
    put32(0x30, 1);  // directory in sector 1
    put32(0x38, 4096);
    put32(0x3C, 0xFFFFFFFE);  // no mini FAT
    put32(0x44, 0xFFFFFFFE);  // no DIFAT sectors
    put32(0x4C, 0);           // the FAT is sector 0
    for (int i = 1; i < 109; ++i) put32(0x4C + 4 * i, 0xFFFFFFFF);
    const size_t fat = 512, dir = 1024;
    for (int i = 0; i < 128; ++i) put32(fat + 4 * i, 0xFFFFFFFF);
    put32(fat, 0xFFFFFFFD);
    put32(fat + 4, 0xFFFFFFFE);
    auto entry = [&](size_t at, const std::u16string& name, unsigned type) {
        for (size_t i = 0; i < name.size(); ++i) put16(at + 2 * i, name[i]);
        put16(at + 64, static_cast<unsigned>((name.size() + 1) * 2));
        data[at + 66] = static_cast<char>(type);
    };
    entry(dir, u"Root Entry", 5);
    entry(dir + 128, stream, 2);
    std::ofstream(path, std::ios::binary) << data;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(xlsx_reader)

// ---- cell helpers -------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(format_codes_are_classified_by_their_date_letters) {
    using xlsx::classify_format_code;
    using xlsx::FormatKind;
    BOOST_TEST((classify_format_code("General") == FormatKind::general));
    BOOST_TEST((classify_format_code("") == FormatKind::general));
    BOOST_TEST((classify_format_code("0.00") == FormatKind::number));
    BOOST_TEST((classify_format_code("#,##0.00;[Red]-#,##0.00") == FormatKind::number));
    BOOST_TEST((classify_format_code("0.00E+00") == FormatKind::number));
    BOOST_TEST((classify_format_code("@") == FormatKind::text));
    BOOST_TEST((classify_format_code("dd/mm/yyyy") == FormatKind::date));
    BOOST_TEST((classify_format_code("yyyy\\-mm\\-dd") == FormatKind::date));
    BOOST_TEST((classify_format_code("mmm-yy") == FormatKind::date));
    BOOST_TEST((classify_format_code("DD/MM/YYYY HH:MM") == FormatKind::date));
    BOOST_TEST((classify_format_code("[$-409]mmmm\" \"d\", \"yyyy") == FormatKind::date));
    BOOST_TEST((classify_format_code("[$-411]ggge\"年\"m\"月\"d\"日\";@") == FormatKind::date));
    BOOST_TEST((classify_format_code("[Red][<=100]dd/mm/yy") == FormatKind::date));
    BOOST_TEST((classify_format_code("h:mm AM/PM") == FormatKind::time));
    BOOST_TEST((classify_format_code("hh:mm:ss") == FormatKind::time));
    BOOST_TEST((classify_format_code("mm:ss.0") == FormatKind::time));
    BOOST_TEST((classify_format_code("[h]:mm:ss") == FormatKind::duration));
    BOOST_TEST((classify_format_code("[hh]:mm:ss") == FormatKind::duration));
    BOOST_TEST((classify_format_code("[mm]:ss") == FormatKind::duration));
    // Letters in quotes, brackets, after a backslash or padding markers are literal.
    BOOST_TEST((classify_format_code("0.0\" days\"") == FormatKind::number));
    BOOST_TEST((classify_format_code("#,##0 [$€-1]") == FormatKind::number));
    BOOST_TEST((classify_format_code("0\\d") == FormatKind::number));
    BOOST_TEST((classify_format_code("_(* #,##0_);_(* (#,##0);_(* \"-\"_);_(@_)") == FormatKind::number));
    BOOST_TEST((classify_format_code("[Red]0;[Blue]-0") == FormatKind::number));
}

BOOST_AUTO_TEST_CASE(builtin_formats_know_dates_times_and_durations) {
    using xlsx::builtin_format_kind;
    using xlsx::FormatKind;
    for (int id : {14, 15, 16, 17, 22, 27, 30, 36, 50, 57, 58})
        BOOST_TEST((builtin_format_kind(id) == FormatKind::date), "id " << id);
    for (int id : {18, 19, 20, 21, 45, 47, 32, 55})
        BOOST_TEST((builtin_format_kind(id) == FormatKind::time), "id " << id);
    BOOST_TEST((builtin_format_kind(46) == FormatKind::duration));
    BOOST_TEST((builtin_format_kind(0) == FormatKind::general));
    BOOST_TEST((builtin_format_kind(2) == FormatKind::number));
    BOOST_TEST((builtin_format_kind(49) == FormatKind::text));
    BOOST_TEST(xlsx::builtin_format_code(14) == "mm-dd-yy");
    BOOST_TEST(xlsx::builtin_format_code(46) == "[h]:mm:ss");
}

BOOST_AUTO_TEST_CASE(serials_become_iso_dates_in_both_systems) {
    using xlsx::DateSystem;
    auto date = [](double serial, DateSystem system) {
        std::string out;
        return xlsx::format_serial_date(serial, system, out) ? out : std::string("refused");
    };
    BOOST_TEST(date(1, DateSystem::excel1900) == "1900-01-01");
    BOOST_TEST(date(59, DateSystem::excel1900) == "1900-02-28");
    BOOST_TEST(date(60, DateSystem::excel1900) == "1900-02-29");  // Excel's phantom day
    BOOST_TEST(date(61, DateSystem::excel1900) == "1900-03-01");
    BOOST_TEST(date(44197, DateSystem::excel1900) == "2021-01-01");
    BOOST_TEST(date(45017.5, DateSystem::excel1900) == "2023-04-01T12:00:00");
    BOOST_TEST(date(45017.99999999, DateSystem::excel1900) == "2023-04-02");  // rounds to the second
    BOOST_TEST(date(45017 + 3661.0 / 86400, DateSystem::excel1900) == "2023-04-01T01:01:01");
    BOOST_TEST(date(0, DateSystem::excel1904) == "1904-01-01");
    BOOST_TEST(date(42735, DateSystem::excel1904) == "2021-01-01");
    BOOST_TEST(date(61, DateSystem::iso1899) == "1900-03-01");
    BOOST_TEST(date(1, DateSystem::iso1899) == "1899-12-31");
    BOOST_TEST(date(-1, DateSystem::excel1900) == "refused");
    BOOST_TEST(date(2958466, DateSystem::excel1900) == "refused");
    BOOST_TEST(date(NAN, DateSystem::excel1900) == "refused");
}

BOOST_AUTO_TEST_CASE(iso_cells_are_normalised_with_their_serials) {
    using xlsx::DateSystem;
    std::string text;
    double serial = 0;
    BOOST_TEST(xlsx::parse_iso_cell("2021-01-01", DateSystem::excel1900, text, serial));
    BOOST_TEST(text == "2021-01-01");
    BOOST_TEST(serial == 44197);
    BOOST_TEST(xlsx::parse_iso_cell("2021-01-01T10:10:10", DateSystem::excel1900, text, serial));
    BOOST_TEST(text == "2021-01-01T10:10:10");
    BOOST_TEST(std::fabs(serial - (44197 + 36610.0 / 86400)) < 1e-9);
    BOOST_TEST(xlsx::parse_iso_cell("2021-01-01T10:10:10.600Z", DateSystem::excel1904, text, serial));
    BOOST_TEST(text == "2021-01-01T10:10:11");
    BOOST_TEST(std::floor(serial) == 42735);
    BOOST_TEST(xlsx::parse_iso_cell("2021-01-01T00:00:00", DateSystem::excel1900, text, serial));
    BOOST_TEST(text == "2021-01-01");
    BOOST_TEST(xlsx::parse_iso_cell("1900-02-28", DateSystem::excel1900, text, serial));
    BOOST_TEST(serial == 59);
    BOOST_TEST(xlsx::parse_iso_cell("10:10:10", DateSystem::excel1900, text, serial));
    BOOST_TEST(text == "10:10:10");
    BOOST_TEST(std::fabs(serial - 36610.0 / 86400) < 1e-12);
    BOOST_TEST(!xlsx::parse_iso_cell("2021-02-30", DateSystem::excel1900, text, serial));
    BOOST_TEST(!xlsx::parse_iso_cell("01/02/2021", DateSystem::excel1900, text, serial));
    BOOST_TEST(!xlsx::parse_iso_cell("2021-01-01T25:00", DateSystem::excel1900, text, serial));
}

BOOST_AUTO_TEST_CASE(numbers_read_and_write_in_shortest_form) {
    std::string text;
    auto shortest = [&](double v) {
        xlsx::format_number(v, text);
        return text;
    };
    BOOST_TEST(shortest(1.0) == "1");
    BOOST_TEST(shortest(0.1) == "0.1");
    BOOST_TEST(shortest(-3.5) == "-3.5");
    BOOST_TEST(shortest(-0.0) == "0");
    BOOST_TEST(shortest(0.30000000000000004) == "0.30000000000000004");
    BOOST_TEST(shortest(123456789012345.0) == "123456789012345");
    BOOST_TEST(shortest(1e20) == "1e+20");
    double v = 0;
    BOOST_TEST(xlsx::parse_number("42", v));
    BOOST_TEST(v == 42);
    BOOST_TEST(xlsx::parse_number(" -7 ", v));
    BOOST_TEST(v == -7);
    BOOST_TEST(xlsx::parse_number("1.5E-3", v));
    BOOST_TEST(v == 0.0015);
    BOOST_TEST(xlsx::parse_number("10.6320601851852", v));
    BOOST_TEST(v == 10.6320601851852);
    BOOST_TEST(!xlsx::parse_number("12a", v));
    BOOST_TEST(!xlsx::parse_number("", v));
    BOOST_TEST(!xlsx::parse_number("inf", v));
}

BOOST_AUTO_TEST_CASE(escapes_trimming_and_references) {
    auto decoded = [](std::string s) {
        xlsx::decode_escapes(s);
        return s;
    };
    BOOST_TEST(decoded("ABC_x000D_\nDEF") == "ABC\r\nDEF");
    BOOST_TEST(decoded("_x005F_x0041_") == "_x0041_");  // an escaped underscore
    BOOST_TEST(decoded("a_x0041_b") == "aAb");
    BOOST_TEST(decoded("_xD83D__xDE00_") == "\xF0\x9F\x98\x80");  // a surrogate pair
    BOOST_TEST(decoded("_xD83D_") == "_xD83D_");                  // a lone surrogate stays
    BOOST_TEST(decoded("_x00e9_") == "\xC3\xA9");
    BOOST_TEST(decoded("_x12_ and _xZZZZ_") == "_x12_ and _xZZZZ_");
    std::string s = "keep  \t padded \n";
    xlsx::trim_xml_space(s, 4);
    BOOST_TEST(s == "keeppadded");
    long row = 0;
    BOOST_TEST(xlsx::column_from_reference("A1", &row) == 1);
    BOOST_TEST(row == 1);
    BOOST_TEST(xlsx::column_from_reference("AB12", &row) == 28);
    BOOST_TEST(row == 12);
    BOOST_TEST(xlsx::column_from_reference("XFD1048576", &row) == 16384);
    BOOST_TEST(row == 1048576);
    BOOST_TEST(xlsx::column_from_reference("12") == 0);
    BOOST_TEST(xlsx::column_letters(28) == "AB");
    BOOST_TEST(xlsx::column_letters(16384) == "XFD");
}

// ---- workbooks written here -------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(libxlsxwriter_numbers_strings_booleans_and_dates) {
    TempDir dir;
    const std::string path = dir.file("types.xlsx");
    lxw_workbook* wb = workbook_new(path.c_str());
    lxw_worksheet* ws = workbook_add_worksheet(wb, "Types");
    lxw_format* date = workbook_add_format(wb);
    format_set_num_format(date, "dd/mm/yyyy");
    lxw_format* stamp = workbook_add_format(wb);
    format_set_num_format(stamp, "dd/mm/yyyy hh:mm:ss");
    lxw_format* clock = workbook_add_format(wb);
    format_set_num_format(clock, "hh:mm");
    lxw_format* money = workbook_add_format(wb);
    format_set_num_format(money, "£#,##0.00");
    worksheet_write_number(ws, 0, 0, 1.0, NULL);
    worksheet_write_number(ws, 0, 1, 0.1, NULL);
    worksheet_write_number(ws, 0, 2, -1234.5, money);
    worksheet_write_string(ws, 0, 3, "Crime Ref", NULL);
    worksheet_write_boolean(ws, 0, 4, 1, NULL);
    worksheet_write_boolean(ws, 0, 5, 0, NULL);
    lxw_datetime go_live = {2023, 4, 1, 0, 0, 0};
    lxw_datetime stamped = {2023, 10, 31, 23, 59, 30};
    worksheet_write_datetime(ws, 1, 0, &go_live, date);
    worksheet_write_datetime(ws, 1, 1, &stamped, stamp);
    worksheet_write_number(ws, 1, 2, 0.75, clock);
    worksheet_write_number(ws, 1, 3, 45017, NULL);  // a serial with no date format stays a number
    worksheet_write_formula_str(ws, 1, 4, "=\"A\"&\"B\"", NULL, "AB");
    worksheet_write_string(ws, 3, 2, "  padded  ", NULL);  // libxlsxwriter marks it xml:space="preserve"
    BOOST_REQUIRE(workbook_close(wb) == LXW_NO_ERROR);

    auto book = XlsxWorkbook::open(path);
    BOOST_TEST(!book->uses_1904_dates());
    Sheet sheet = read_sheet(*book);
    BOOST_TEST(sheet.at(1) == "num 1 | num 0.1 | num -1234.5 | text Crime Ref | bool TRUE | bool FALSE");
    BOOST_TEST(sheet.cell("C1").format == "£#,##0.00");
    BOOST_TEST(sheet.cell("A1").format == "");
    BOOST_TEST(sheet.cell("E1").number == 1);
    BOOST_TEST(sheet.at(2) == "date 2023-04-01 | date 2023-10-31T23:59:30 | num 0.75 | num 45017 | text AB");
    BOOST_TEST(sheet.cell("A2").number == 45017);
    BOOST_TEST(sheet.cell("A2").format == "dd/mm/yyyy");
    BOOST_TEST(sheet.cell("C2").format == "hh:mm");  // a time of day stays a number, format kept
    BOOST_TEST(sheet.at(4) == "- | - | text   padded  ");
    BOOST_TEST(sheet.rows.size() == 3u);  // row 3 has nothing
}

BOOST_AUTO_TEST_CASE(libxlsxwriter_50k_rows_read_back_row_by_row) {
    TempDir dir;
    const std::string path = dir.file("big.xlsx");
    const int rows = 50000;
    lxw_workbook_options options = {};
    options.constant_memory = LXW_TRUE;
    lxw_workbook* wb = workbook_new_opt(path.c_str(), &options);
    lxw_worksheet* ws = workbook_add_worksheet(wb, "Crimes");
    lxw_format* date = workbook_add_format(wb);
    format_set_num_format(date, "yyyy-mm-dd");
    worksheet_write_string(ws, 0, 0, "Crime Ref", NULL);
    worksheet_write_string(ws, 0, 1, "Date Recorded", NULL);
    worksheet_write_string(ws, 0, 2, "Outcome", NULL);
    worksheet_write_string(ws, 0, 3, "Arrest Made", NULL);
    worksheet_write_string(ws, 0, 4, "Value", NULL);
    char ref[32];
    for (int r = 1; r <= rows; ++r) {
        std::snprintf(ref, sizeof ref, "CR%06d", r);
        worksheet_write_string(ws, r, 0, ref, NULL);
        worksheet_write_number(ws, r, 1, 44927 + r % 365, date);
        if (r % 7 != 0) worksheet_write_number(ws, r, 2, r % 23, NULL);  // a gap every 7th row
        worksheet_write_boolean(ws, r, 3, r % 2, NULL);
        worksheet_write_number(ws, r, 4, r / 4.0, NULL);
    }
    BOOST_REQUIRE(workbook_close(wb) == LXW_NO_ERROR);

    auto book = XlsxWorkbook::open(path);
    auto reader = book->open_sheet("Crimes");
    Row row;
    BOOST_REQUIRE(reader->next(row));
    BOOST_TEST(render(row) == "text Crime Ref | text Date Recorded | text Outcome | text Arrest Made | text Value");
    std::string text;
    int seen = 0, mismatches = 0;
    while (reader->next(row)) {
        ++seen;
        const int r = seen;
        std::snprintf(ref, sizeof ref, "CR%06d", r);
        xlsx::format_serial_date(44927 + r % 365, xlsx::DateSystem::excel1900, text);
        bool ok = row.line == r + 1 && row.cells.size() == 5 && row.cells[0].text == ref &&
                  row.cells[1].type == CellType::date && row.cells[1].text == text &&
                  row.cells[1].number == 44927 + r % 365 &&
                  (r % 7 == 0 ? row.cells[2].type == CellType::empty && row.cells[2].text.empty()
                              : row.cells[2].type == CellType::number && row.cells[2].number == r % 23) &&
                  row.cells[3].type == CellType::boolean && row.cells[3].number == r % 2 &&
                  row.cells[4].number == r / 4.0 && row.problem.empty();
        if (!ok && ++mismatches <= 3) BOOST_TEST(false, "row " << row.line << ": " << render(row));
    }
    BOOST_TEST(seen == rows);
    BOOST_TEST(mismatches == 0);
    BOOST_TEST(!reader->next(row));  // stays at the end

    // A reader dropped part way (its part still inflating on the other thread) and a second
    // reader of the same workbook, alive together.
    auto partial = book->open_sheet("Crimes");
    auto again = book->open_sheet("Crimes");
    BOOST_TEST(partial->next(row));
    BOOST_TEST(again->next(row));
    BOOST_TEST(again->next(row));
    BOOST_TEST(row.cells[0].text == "CR000001");
    partial.reset();
    BOOST_TEST(again->next(row));
    BOOST_TEST(row.line == 3);
}

BOOST_AUTO_TEST_CASE(dates_in_the_1904_system_and_custom_formats) {
    TempDir dir;
    const std::string path = dir.file("mac.xlsx");
    const std::string styles = styles_xml(
        "<numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy hh:mm\"/><numFmt numFmtId=\"165\" formatCode=\"[h]:mm\"/>"
        "<numFmt numFmtId=\"14\" formatCode=\"0.00\"/>",
        {0, 164, 165, 22, 14, 20});
    const std::string sheet = sheet_xml(
        "<row r=\"1\"><c r=\"A1\" s=\"1\"><v>42735.5</v></c><c r=\"B1\" s=\"2\"><v>1.5</v></c>"
        "<c r=\"C1\" s=\"3\"><v>0</v></c><c r=\"D1\" s=\"4\"><v>42735</v></c><c r=\"E1\" s=\"5\"><v>0.25</v></c>"
        "<c r=\"F1\" s=\"99\"><v>7</v></c><c r=\"G1\" t=\"d\"><v>2021-01-01</v></c></row>");
    write_zip(path, workbook_parts(sheet, styles, {}, "<workbookPr date1904=\"1\"/>"));
    auto book = XlsxWorkbook::open(path);
    BOOST_TEST(book->uses_1904_dates());
    Sheet s = read_sheet(*book);
    // A custom code for id 14 overrides the built-in date; a style index past cellXfs is General.
    BOOST_TEST(s.at(1) ==
               "date 2021-01-01T12:00:00 | num 1.5 | date 1904-01-01 | num 42735 | num 0.25 | num 7 | "
               "date 2021-01-01");
    BOOST_TEST(s.cell("A1").number == 42735.5);
    BOOST_TEST(s.cell("B1").format == "[h]:mm");
    BOOST_TEST(s.cell("C1").format == "m/d/yy h:mm");
    BOOST_TEST(s.cell("D1").format == "0.00");
    BOOST_TEST(s.cell("E1").format == "h:mm");
    BOOST_TEST(s.cell("G1").number == 42735);  // the serial in the workbook's own system
}

BOOST_AUTO_TEST_CASE(cells_without_references_sparse_rows_and_every_cell_type) {
    TempDir dir;
    const std::string path = dir.file("kinds.xlsx");
    const std::string strings =
        std::string("<sst xmlns=\"") + kMain +
        "\"><si><t>first</t></si><si><r><t xml:space=\"preserve\">rich </t></r><r><rPr><b/></rPr>"
        "<t>text</t></r><rPh sb=\"0\" eb=\"1\"><t>ふりがな</t></rPh></si>"
        "<si><t>a_x005F_x0041_b_x000A_c</t></si></sst>";
    const std::string sheet = sheet_xml(
        "<row><c t=\"s\"><v>0</v></c><c t=\"s\"><v>1</v></c><c t=\"s\"><v>2</v></c></row>"  // no references at all
        "<row r=\"3\"><c r=\"B3\" t=\"str\"><f>A1</f><v>  formula text  </v></c><c r=\"E3\" t=\"e\"><v>#N/A</v></c>"
        "<c r=\"F3\" t=\"b\"><v>0</v></c><c r=\"G3\" s=\"0\"/></row>"
        "<row r=\"4\" spans=\"1:3\"><c r=\"A4\" s=\"1\"/><c r=\"B4\"/></row>"  // formatting only: skipped
        "<row><c><v>1</v></c><c><is><t>inline, no type</t></is></c><c "
        "t=\"inlineStr\"><is><t>x</t></is><v>ignored</v></c>"
        "<c r=\"E5\" t=\"inlineStr\"><is><r><t>a</t></r><r><t xml:space=\"preserve\"> b</t></r></is></c></row>"
        "<row r=\"7\"><c r=\"A7\" t=\"s\"><v>9</v></c><c r=\"B7\"><v>oops</v></c></row>"
        "<row r=\"8\"><c r=\"A8\"><v>60</v></c><c r=\"B8\" s=\"1\"><v>60</v></c><c r=\"C8\" t=\"d\"><v>not a "
        "date</v></c>"
        "<c r=\"D8\" t=\"b\"><v>true</v></c></row>"
        "<row r=\"9\"><c r=\"XFE9\"><v>1</v></c></row>");
    write_zip(path, workbook_parts(sheet, styles_xml("", {0, 14}), strings));
    Sheet s = read_sheet(path);
    BOOST_TEST(s.at(1) == "text first | text rich text | text a_x0041_b\nc");
    BOOST_TEST(s.at(3) == "- | text   formula text   | - | - | err #N/A | bool FALSE");
    BOOST_TEST(!s.row(4));
    BOOST_TEST(s.empty_rows == 1);
    BOOST_TEST(s.at(5) == "num 1 | text inline, no type | text x | - | text a b");
    BOOST_TEST(s.row(7)->problem == "cell A7 refers to shared string 9, which does not exist");
    BOOST_TEST(s.row(7)->problem_column == 1);
    BOOST_TEST(s.at(7) == "- | text oops");
    BOOST_TEST(s.at(8) == "num 60 | date 1900-02-29 | text not a date | bool TRUE");
    BOOST_TEST(s.row(9)->problem == "cell XFE9 is past the last column a sheet can have (XFD)");
    BOOST_TEST(s.row(9)->cells.empty());
}

BOOST_AUTO_TEST_CASE(rows_reuse_the_callers_storage_without_stale_cells) {
    TempDir dir;
    const std::string path = dir.file("reuse.xlsx");
    const std::string sheet = sheet_xml(
        "<row r=\"1\"><c r=\"A1\"><v>1</v></c><c r=\"B1\"><v>2</v></c><c r=\"C1\"><v>3</v></c></row>"
        "<row r=\"2\"><c r=\"C2\"><v>4</v></c></row>"
        "<row r=\"3\"><c r=\"A3\"><v>5</v></c></row>");
    write_zip(path, workbook_parts(sheet));
    auto book = XlsxWorkbook::open(path);
    auto reader = book->open_sheet();
    Row row;
    std::vector<std::string> seen;
    while (reader->next(row)) seen.push_back(std::to_string(row.line) + ": " + render(row));
    BOOST_TEST(seen == (std::vector<std::string>{"1: num 1 | num 2 | num 3", "2: - | - | num 4", "3: num 5"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(odd_packages_strict_namespaces_prefixes_and_absolute_targets) {
    TempDir dir;
    const std::string path = dir.file("odd.xlsx");
    const std::string strict_main = "http://purl.oclc.org/ooxml/spreadsheetml/main";
    const std::string strict_rel = "http://purl.oclc.org/ooxml/officeDocument/relationships";
    // No [Content_Types].xml, Strict namespaces under unusual prefixes, an absolute target with
    // an escaped space, and a part name in another case.
    write_zip(path, {
                        {"_rels/.rels",
                         "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                         "<Relationship Id=\"a\" Type=\"" +
                             strict_rel +
                             "/officeDocument\" Target=\"/xl/book.xml\"/>"
                             "</Relationships>"},
                        {"xl/book.xml",
                         "<q:workbook xmlns:q=\"" + strict_main + "\" xmlns:z=\"" + strict_rel +
                             "\">"
                             "<q:sheets><q:sheet name=\"Hidden One\" state=\"hidden\" sheetId=\"2\" z:id=\"r2\"/>"
                             "<q:sheet name=\"Crimes\" sheetId=\"1\" z:id=\"r1\"/></q:sheets></q:workbook>"},
                        {"xl/_rels/book.xml.rels",
                         "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                         "<Relationship Id=\"r1\" Type=\"" +
                             strict_rel +
                             "/worksheet\" "
                             "Target=\"/XL/Sheets/My%20Sheet.xml\"/>"
                             "<Relationship Id=\"r2\" Type=\"" +
                             strict_rel +
                             "/worksheet\" "
                             "Target=\"../xl/sheets/./hidden.xml\"/></Relationships>"},
                        {"xl/sheets/My Sheet.xml",
                         "<s:worksheet xmlns:s=\"" + strict_main +
                             "\"><s:sheetData><s:row s:r=\"1\">"
                             "<s:c r=\"A1\" t=\"inlineStr\"><s:is><s:t>strict</s:t></s:is></s:c></s:row>"
                             "<row xmlns=\"" +
                             strict_main +
                             "\" r=\"2\"><c r=\"B2\"><v>2</v></c></row>"
                             "<other:row xmlns:other=\"urn:elsewhere\"><other:c><v>9</v></other:c></other:row>"
                             "</s:sheetData></s:worksheet>"},
                        {"xl/sheets/hidden.xml", sheet_xml("<row r=\"1\"><c r=\"A1\"><v>7</v></c></row>")},
                    });
    auto book = XlsxWorkbook::open(path);
    BOOST_REQUIRE(book->sheets().size() == 2u);
    BOOST_TEST(book->sheets()[0].state == "hidden");
    BOOST_TEST(book->sheets()[1].part == "XL/Sheets/My Sheet.xml");
    Sheet first = read_sheet(*book);  // the first visible worksheet
    BOOST_TEST(first.all() == (std::vector<std::string>{"1: text strict", "2: - | num 2"}),
               boost::test_tools::per_element());
    BOOST_TEST(read_sheet(*book, "hidden one").at(1) == "num 7");  // hidden, and named in another case
}

BOOST_AUTO_TEST_CASE(unknown_and_chart_sheets_are_refused_naming_the_worksheets) {
    TempDir dir;
    const std::string path = dir.file("names.xlsx");
    write_zip(path, workbook_parts(sheet_xml("")));
    auto book = XlsxWorkbook::open(path);
    auto e = error_of([&] { book->open_sheet("Crime"); });
    BOOST_TEST(e.what() == std::string("the workbook has no sheet called \"Crime\""));
    BOOST_TEST(e.hint() == "its worksheets are \"Data\"");
    BOOST_TEST(e.location().file == path);
}

// ---- files that must be refused ---------------------------------------------------------------

BOOST_AUTO_TEST_CASE(not_a_zip_legacy_xls_and_other_compound_files_are_refused) {
    TempDir dir;
    const std::string text = dir.file("crime.xlsx");
    std::ofstream(text) << "Crime Ref,Date Recorded\nCR1,01/04/2023\n";
    auto e = error_of([&] { XlsxWorkbook::open(text); });
    BOOST_TEST(e.what() == std::string("the file is not an .xlsx workbook (it is not a zip package)"));
    BOOST_TEST(e.hint() == "save it from Excel as .xlsx (Excel Workbook)");

    const std::string xls = dir.file("legacy.xlsx");
    write_compound_file(xls, u"Workbook");
    e = error_of([&] { XlsxWorkbook::open(xls); });
    BOOST_TEST(e.what() == std::string("the file is a legacy .xls workbook, not .xlsx"));
    BOOST_TEST(contains(e.hint(), "without a password"));

    const std::string locked = dir.file("locked.xlsx");
    write_compound_file(locked, u"EncryptionInfo");
    e = error_of([&] { XlsxWorkbook::open(locked); });
    BOOST_TEST(e.what() == std::string("the workbook is encrypted"));
    BOOST_TEST(e.hint() == "save it without a password");

    const std::string doc = dir.file("doc.xlsx");
    write_compound_file(doc, u"WordDocument");
    e = error_of([&] { XlsxWorkbook::open(doc); });
    BOOST_TEST(contains(e.what(), "OLE compound document"));

    e = error_of([&] { XlsxWorkbook::open(dir.file("missing.xlsx"), {}, "inputs/missing.xlsx"); });
    BOOST_TEST(e.what() == std::string("cannot open the file"));
    BOOST_TEST(e.location().file == "inputs/missing.xlsx");
}

BOOST_AUTO_TEST_CASE(xlsb_and_damaged_xml_are_refused) {
    TempDir dir;
    const std::string xlsb = dir.file("binary.xlsx");
    write_zip(xlsb,
              {{"_rels/.rels", std::string("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
                                           "relationships\"><Relationship Id=\"rId1\" Type=\"") +
                                   kRel + "/officeDocument\" Target=\"xl/workbook.bin\"/></Relationships>"},
               {"xl/workbook.bin", "binary"}});
    auto e = error_of([&] { XlsxWorkbook::open(xlsb); });
    BOOST_TEST(contains(e.what(), ".xlsb"));

    const std::string broken = dir.file("broken.xlsx");
    write_zip(broken, workbook_parts(sheet_xml("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row><row r=\"2\"><c><v>2</c>")));
    auto book = XlsxWorkbook::open(broken);
    auto reader = book->open_sheet();
    Row row;
    BOOST_TEST(reader->next(row));
    e = error_of([&] { reader->next(row); });
    BOOST_TEST(contains(e.what(), "xl/worksheets/sheet1.xml is not well-formed XML (mismatched tag"));
    BOOST_TEST(e.location().sheet == "Data");
    BOOST_TEST(e.location().line == 2);
    BOOST_TEST(!reader->next(row));
}

BOOST_AUTO_TEST_CASE(billion_laughs_in_shared_strings_is_refused) {
    TempDir dir;
    const std::string path = dir.file("laughs.xlsx");
    std::string strings =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE sst [\n<!ENTITY lol \"lol\">\n"
        "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n";
    for (int i = 2; i <= 9; ++i) {
        std::string prev = "&lol" + std::to_string(i - 1) + ";";
        strings += "<!ENTITY lol" + std::to_string(i) + " \"";
        for (int k = 0; k < 10; ++k) strings += prev;
        strings += "\">\n";
    }
    strings += std::string("]>\n<sst xmlns=\"") + kMain + "\"><si><t>&lol9;</t></si></sst>";
    write_zip(path, workbook_parts(sheet_xml("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"), {}, strings));
    auto book = XlsxWorkbook::open(path);
    auto e = error_of([&] { book->open_sheet(); });
    BOOST_TEST(e.what() == std::string("refusing a DTD or entity declaration in xl/sharedStrings.xml"));
    BOOST_TEST(contains(e.hint(), "entity-expansion"));
}

BOOST_AUTO_TEST_CASE(a_dtd_in_a_sheet_is_refused) {
    TempDir dir;
    const std::string path = dir.file("dtd.xlsx");
    std::string sheet = std::string("<?xml version=\"1.0\"?>\n<!DOCTYPE worksheet SYSTEM \"file:///etc/passwd\">\n") +
                        "<worksheet xmlns=\"" + kMain +
                        "\"><sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"
                        "</sheetData></worksheet>";
    write_zip(path, workbook_parts(sheet));
    auto book = XlsxWorkbook::open(path);
    auto reader = book->open_sheet();
    Row row;
    auto e = error_of([&] { reader->next(row); });
    BOOST_TEST(e.what() == std::string("refusing a DTD or entity declaration in xl/worksheets/sheet1.xml"));
    BOOST_TEST(e.location().sheet == "Data");
}

BOOST_AUTO_TEST_CASE(a_part_over_the_size_limit_is_refused) {
    TempDir dir;
    const std::string path = dir.file("large.xlsx");
    std::string cells;
    for (int r = 1; r <= 2000; ++r)
        cells += "<row r=\"" + std::to_string(r) + "\"><c r=\"A" + std::to_string(r) + "\"><v>" +
                 std::to_string(r * 7) + "</v></c></row>";
    write_zip(path, workbook_parts(sheet_xml(cells)));
    XlsxLimits limits;
    limits.max_entry_uncompressed = 20000;
    auto book = XlsxWorkbook::open(path, limits);
    auto e = error_of([&] { book->open_sheet(); });
    BOOST_TEST(contains(e.what(), "xl/worksheets/sheet1.xml"));
    BOOST_TEST(contains(e.what(), "past the limit of 20000 bytes for one part"));
    BOOST_TEST(contains(e.hint(), "zip bomb"));

    // The same file inside the limits reads in full.
    BOOST_TEST(read_sheet(path).rows.size() == 2000u);

    // A limit on all parts together.
    XlsxLimits total;
    total.max_total_uncompressed = 30000;
    auto book2 = XlsxWorkbook::open(path, total);
    e = error_of([&] { read_sheet(*book2); });
    BOOST_TEST(contains(e.what(), "the workbook inflates past the limit of 30000 bytes for all parts"));
}

BOOST_AUTO_TEST_CASE(a_zip_bomb_ratio_is_refused_while_inflating) {
    TempDir dir;
    const std::string path = dir.file("bomb.xlsx");
    // 4 MB of one repeated row deflates about a thousandfold.
    std::string cells = "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>";
    cells.append(4 << 20, ' ');
    write_zip(path, workbook_parts(sheet_xml(cells)));
    auto book = XlsxWorkbook::open(path);
    auto e = error_of([&] { read_sheet(*book); });
    BOOST_TEST(contains(e.what(), "inflates to more than 250 times its compressed size"));
    XlsxLimits lenient;
    lenient.max_ratio = 1e6;
    BOOST_TEST(read_sheet(*XlsxWorkbook::open(path, lenient)).rows.size() == 1u);
}

BOOST_AUTO_TEST_CASE(packages_without_worksheets_or_workbook_relationships_are_refused) {
    TempDir dir;
    auto parts = workbook_parts(sheet_xml(""));
    parts.erase(parts.begin() + 3);  // drop the sheet part
    write_zip(dir.file("nosheet.xlsx"), parts);
    auto e = error_of([&] { XlsxWorkbook::open(dir.file("nosheet.xlsx")); });
    BOOST_TEST(e.what() == std::string("the workbook contains no worksheets"));

    parts = workbook_parts(sheet_xml(""));
    parts.erase(parts.begin() + 2);  // drop xl/_rels/workbook.xml.rels
    write_zip(dir.file("norels.xlsx"), parts);
    e = error_of([&] { XlsxWorkbook::open(dir.file("norels.xlsx")); });
    BOOST_TEST(e.what() == std::string("the workbook has no relationships part (xl/_rels/workbook.xml.rels)"));

    write_zip(dir.file("other.xlsx"), {{"readme.txt", "hello"}});
    e = error_of([&] { XlsxWorkbook::open(dir.file("other.xlsx")); });
    BOOST_TEST(e.what() == std::string("the file is a zip package, not an Excel workbook"));
}

// ---- third-party fixtures -----------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(fixture_sheet_kinds_and_visibility) {
    REQUIRE_FIXTURES();
    auto book = XlsxWorkbook::open(fixture("calamine/any_sheets.xlsx"));
    const auto& sheets = book->sheets();
    BOOST_REQUIRE(sheets.size() == 4u);
    BOOST_TEST(sheets[0].name == "Visible");
    BOOST_TEST(sheets[0].state == "visible");
    BOOST_TEST(sheets[1].name == "Hidden");
    BOOST_TEST(sheets[1].state == "hidden");
    BOOST_TEST(sheets[2].name == "VeryHidden");
    BOOST_TEST(sheets[2].state == "veryHidden");
    BOOST_TEST(sheets[3].name == "Chart");
    BOOST_TEST(sheets[3].state == "visible");
    BOOST_TEST(!sheets[3].is_worksheet);
    BOOST_TEST(sheets[3].part == "xl/chartsheets/sheet1.xml");
    Sheet first = read_sheet(*book);
    BOOST_TEST(first.at(1) == "num 1 | num 2");
    BOOST_TEST(first.at(5) == "text This workbook contains 4 sheets: Visible, Hidden, VeryHidden and Chart");
    BOOST_TEST(read_sheet(*book, "VeryHidden").rows.empty());
    auto e = error_of([&] { book->open_sheet("Chart"); });
    BOOST_TEST(e.what() == std::string("sheet \"Chart\" is a chart sheet, not a worksheet"));
    BOOST_TEST(e.hint() == "name one of the worksheets: \"Visible\", \"Hidden\", \"VeryHidden\"");

    auto hidden = XlsxWorkbook::open(fixture("xlnt/16_hidden_sheet.xlsx"));
    BOOST_TEST(hidden->sheets()[1].state == "hidden");
    BOOST_TEST(read_sheet(*hidden).at(1) == "text a");
    BOOST_TEST(read_sheet(*hidden, "Sheet2").at(1) == "text b");

    auto active = XlsxWorkbook::open(fixture("xlnt/20_active_sheet.xlsx"));
    BOOST_TEST(active->sheets().size() == 4u);
    BOOST_TEST(read_sheet(*active, "Sheet2").rows.empty());

    auto names = XlsxWorkbook::open(fixture("tealeg-xlsx/max_sheet_name_length.xlsx"));
    BOOST_TEST(names->sheets()[0].name == "αααααβββββγγγγγδδδδδεεεεεζζζζζη");
    BOOST_TEST(read_sheet(*names, "αααααβββββγγγγγδδδδδεεεεεζζζζζη").at(1) ==
               "text This file was created by Microsoft Excel 2007");
}

BOOST_AUTO_TEST_CASE(fixture_dates) {
    REQUIRE_FIXTURES();
    auto book = XlsxWorkbook::open(fixture("calamine/date.xlsx"));
    BOOST_TEST(!book->uses_1904_dates());
    Sheet s = read_sheet(*book);
    BOOST_TEST(s.at(1) == "date 2021-01-01 | num 15");
    BOOST_TEST(s.cell("A1").number == 44197.0);
    BOOST_TEST(s.cell("A1").format == "yyyy\\-mm\\-dd");
    // [hh]:mm:ss is elapsed time (255:10:10): kept as a number with its format.
    BOOST_TEST(s.at(3) == "num 10.6320601851852 | num 17");
    BOOST_TEST(s.cell("A3").number == 10.6320601851852);
    BOOST_TEST(s.cell("A3").format == "[hh]:mm:ss");
    BOOST_TEST(std::lround(s.cell("A3").number * 86400) == 255 * 3600 + 10 * 60 + 10);

    auto mac = XlsxWorkbook::open(fixture("calamine/date_1904.xlsx"));
    BOOST_TEST(mac->uses_1904_dates());
    Sheet m = read_sheet(*mac);
    BOOST_TEST(m.at(1) == "date 2021-01-01 | num 15");
    BOOST_TEST(m.cell("A1").number == 42735.0);
    BOOST_TEST(m.at(3) == "num 10.6320601851852 | num 17");

    Sheet iso = read_sheet(fixture("calamine/date_iso.xlsx"));
    BOOST_TEST(iso.at(1) == "date 2021-01-01");
    BOOST_TEST(iso.at(2) == "date 2021-01-01T10:10:10");
    BOOST_TEST(iso.at(3) == "date 10:10:10");
    BOOST_TEST(iso.cell("A1").number == 44197.0);

    Sheet quoted = read_sheet(fixture("calamine/date_quoted_format.xlsx"));
    for (long line = 1; line <= 4; ++line) {
        BOOST_TEST(quoted.at(line) == "date 2021-01-01");
        BOOST_TEST(quoted.row(line)->cells[0].number == 44197.0);
    }
    BOOST_TEST(quoted.cell("D1").format == "");  // no D column
    BOOST_TEST(quoted.cell("A4").format == "[$-411]ggge\"年\"m\"月\"d\"日\";@");

    Sheet types = read_sheet(fixture("calamine/issues.xlsx"), "datatypes");
    BOOST_TEST(types.all() == (std::vector<std::string>{"1: num 1", "2: num 1.5", "3: text ab", "4: bool FALSE",
                                                        "5: text test", "6: date 2016-10-20"}),
               boost::test_tools::per_element());

    auto rows = XlsxWorkbook::open(fixture("tealeg-xlsx/empty_rows.xlsx"));
    BOOST_TEST(rows->uses_1904_dates());  // Mac Excel 2008
}

BOOST_AUTO_TEST_CASE(fixture_strings_rich_text_phonetics_and_escapes) {
    REQUIRE_FIXTURES();
    BOOST_TEST(
        read_sheet(fixture("calamine/issue9.xlsx"), "Feuil1").all() ==
            (std::vector<std::string>{"1: text test1", "2: text test2 other", "3: text test3 aaa", "4: text test4"}),
        boost::test_tools::per_element());
    BOOST_TEST(read_sheet(fixture("calamine/richtext-after-plain.xlsx")).cell("A2").text == "tvalrval1rval2");
    Sheet ns = read_sheet(fixture("calamine/richtext-namespaced.xlsx"));
    BOOST_TEST(ns.cell("A1").text == "inline string\nLine 2\nLine 3");
    BOOST_TEST(ns.cell("H1").text == "shared string\nLine 2\nLine 3");
    BOOST_TEST(ns.row(1)->cells.size() == 8u);
    BOOST_TEST(read_sheet(fixture("calamine/rph.xlsx")).cell("A1").text == "課きく　毛こ");
    BOOST_TEST(read_sheet(fixture("xlnt/15_phonetics.xlsx")).at(1) == "text 秀 | text 秀 | text 秀");
    BOOST_TEST(read_sheet(fixture("calamine/has_x000D_.xlsx")).cell("A1").text == "ABC\r\nDEF");
    BOOST_TEST(read_sheet(fixture("calamine/has_x000D_inline.xlsx")).cell("A1").text == "ABC\r\nDEF");
    Sheet entities = read_sheet(fixture("calamine/encoded_entities.xlsx"));
    BOOST_TEST(entities.all() == (std::vector<std::string>{"1: text &", "2: text "}), boost::test_tools::per_element());
    BOOST_TEST(read_sheet(fixture("calamine/issues.xlsx"), "spc_chrs").all() ==
                   (std::vector<std::string>{"1: text &", "2: text <", "3: text >", "4: text aaa ' aaa", "5: text \"",
                                             "6: text ☺", "7: text ֍", "8: text àâéêèçöïî«»"}),
               boost::test_tools::per_element());
    BOOST_TEST(read_sheet(fixture("xlnt/9_unicode_lambda_emoji.xlsx")).cell("A1").text == "unïcôdė!");
    BOOST_TEST(read_sheet(fixture("xlnt/excel_test_sheet.xlsx")).cell("A1").text ==
               "Bolder Text mixed with normal \ntext first line Bold And Underline");
    BOOST_TEST(read_sheet(fixture("tealeg-xlsx/macExcelTest.xlsx"), "普通技能").cell("A1").text == "编号");
    Sheet string_ref = read_sheet(fixture("calamine/string-ref.xlsx"), "Sheet1");
    BOOST_TEST(string_ref.all() == (std::vector<std::string>{"1: text col1", "2: text -8086931554011838357"}),
               boost::test_tools::per_element());
    BOOST_TEST(read_sheet(fixture("calamine/string-ref.xlsx"), "Sheet2").all() == string_ref.all(),
               boost::test_tools::per_element());
    Sheet shared = read_sheet(fixture("xlnt/Issue494_shared_string.xlsx"));
    BOOST_TEST(shared.at(7) == "text year | num 2015");
    BOOST_TEST(shared.cell("B13").text ==
               "1. Harness, connector and terminal\n2. Modules faulty\n3. Body Control Module faulty");
}

BOOST_AUTO_TEST_CASE(fixture_whitespace_is_trimmed_unless_preserved) {
    REQUIRE_FIXTURES();
    Sheet inl = read_sheet(fixture("calamine/whitespace_trim.xlsx"), "inlineStr");
    BOOST_TEST(inl.cell("A1").text == "trimmed value");
    BOOST_TEST(inl.cell("B1").text == "value with tabs");
    BOOST_TEST(inl.cell("C1").text == " \t\n");  // xml:space="preserve"
    BOOST_TEST(inl.cell("D1").text == "clean text");
    BOOST_TEST(inl.cell("A2").text == "line1\nline2");
    BOOST_TEST(inl.cell("B2").text == "  line1\nline2  ");
    BOOST_TEST(inl.cell("A3").text == "日期 时间");
    Sheet sst = read_sheet(fixture("calamine/whitespace_trim.xlsx"), "SharedStrings");
    BOOST_TEST(sst.cell("A1").text == "trimmed value");
    BOOST_TEST(sst.cell("B1").text == "  preserved value  ");
    BOOST_TEST(render(sst.cell("C1")) == "text ");
    BOOST_TEST(sst.cell("A2").text == "line1\nline2");
    BOOST_TEST(sst.cell("B2").text == "  line1\nline2  ");
}

BOOST_AUTO_TEST_CASE(fixture_inline_strings_and_cdata) {
    REQUIRE_FIXTURES();
    BOOST_TEST(read_sheet(fixture("calamine/inlineStr_cdata.xlsx")).all() ==
                   (std::vector<std::string>{"1: text Hello CDATA | text World", "2: text 12345 | text NormalText"}),
               boost::test_tools::per_element());
    Sheet with_value = read_sheet(fixture("calamine/inlineStr_with_value.xlsx"));
    BOOST_TEST(with_value.cell("E1").text == "ID");
    BOOST_TEST(with_value.cell("E2").text == "RQ11610");
    BOOST_TEST(render(with_value.cell("D2")) == "text 1.");
    BOOST_TEST(read_sheet(fixture("xlnt/Issue445_inline_str.xlsx")).cell("A1").text == "a");
    BOOST_TEST(read_sheet(fixture("tealeg-xlsx/inlineStrings.xlsx")).cell("B1").text ==
               "HL Retail - North America - Activity by Day - MTD");
}

BOOST_AUTO_TEST_CASE(fixture_empty_cells_strings_and_sheets) {
    REQUIRE_FIXTURES();
    BOOST_TEST(read_sheet(fixture("calamine/empty_shared_string.xlsx")).all() ==
                   (std::vector<std::string>{"1: text abc", "2: text "}),
               boost::test_tools::per_element());
    BOOST_TEST(read_sheet(fixture("calamine/empty_shared_string_value.xlsx")).at(2) == "text Alice | - | text Active");
    auto empty = XlsxWorkbook::open(fixture("calamine/empty_sheet.xlsx"));
    for (const auto& sheet : empty->sheets()) BOOST_TEST(read_sheet(*empty, sheet.name).rows.empty());
    BOOST_TEST(read_sheet(fixture("calamine/empty_s_attribute.xlsx")).all() ==
                   (std::vector<std::string>{"1: text Name | text Value", "2: text John | num 1",
                                             "3: text Sophia | num 2", "4: text Peter | num 3", "5: text Sam | num 4"}),
               boost::test_tools::per_element());
    BOOST_TEST(read_sheet(fixture("tealeg-xlsx/empty_cells.xlsx")).all() ==
                   (std::vector<std::string>{"1: - | text B1 | text C1 | text D1", "2: text A2 | - | text C2 | text D2",
                                             "3: text A3 | text B3 | - | text D3", "4: text A4 | text B4 | text C4"}),
               boost::test_tools::per_element());
    auto rows = XlsxWorkbook::open(fixture("tealeg-xlsx/empty_rows.xlsx"));
    BOOST_TEST(read_sheet(*rows, "EmptyRows").all() ==
                   (std::vector<std::string>{"3: text A3 | text B3", "4: text A4 | text B4"}),
               boost::test_tools::per_element());
    BOOST_TEST(read_sheet(*rows, "EmptyRowsAndCols").at(3) == "- | - | text C3 | text D3");
    BOOST_TEST(read_sheet(fixture("tealeg-xlsx/empty_rows_in_the_rest.xlsx")).all() ==
                   (std::vector<std::string>{"1: num 1 | num 2 | num 3 | num 4 | num 5 | num 6"}),
               boost::test_tools::per_element());
    Sheet first_empty = read_sheet(fixture("xlnt/Issue353_first_row_empty_w_properties.xlsx"));
    BOOST_TEST(first_empty.rows.front().line == 2);
    BOOST_TEST(first_empty.at(2) == "text some text");
    BOOST_TEST(first_empty.empty_rows == 1);
    BOOST_TEST(read_sheet(fixture("xlnt/3_default.xlsx")).rows.empty());
}

BOOST_AUTO_TEST_CASE(fixture_header_rows_and_ranges) {
    REQUIRE_FIXTURES();
    Sheet header = read_sheet(fixture("calamine/header-row.xlsx"));
    BOOST_TEST(header.rows.front().line == 3);  // 0-based row 2
    BOOST_TEST(header.at(3) == "- | - | text Note 1");
    BOOST_TEST(header.at(9) == "text Columns | text Column A | text Column B | text Column C");
    BOOST_TEST(header.rows.back().line == 10);  // the range ends at (9, 3)
    BOOST_TEST(header.rows.back().cells.size() == 4u);
    BOOST_TEST(read_sheet(fixture("calamine/temperature.xlsx")).all() ==
                   (std::vector<std::string>{"1: text label | text value", "2: text celsius | num 22.2222",
                                             "3: text fahrenheit | num 72"}),
               boost::test_tools::per_element());
    BOOST_TEST(read_sheet(fixture("calamine/no-header.xlsx")).all() ==
                   (std::vector<std::string>{"3: text a | num 0", "4: text b | num 1"}),
               boost::test_tools::per_element());
    BOOST_TEST(read_sheet(fixture("tealeg-xlsx/testfile.xlsx")).all() ==
                   (std::vector<std::string>{"1: text Foo | text Bar", "2: text Baz | text Quuk"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(fixture_cells_without_references_match_excels_resave) {
    REQUIRE_FIXTURES();
    Sheet bare = read_sheet(fixture("calamine/issue_261.xlsx"), "Some Sheet");
    Sheet fixed = read_sheet(fixture("calamine/issue_261_fixed_by_excel.xlsx"), "Some Sheet");
    BOOST_TEST(bare.all() == fixed.all(), boost::test_tools::per_element());
    size_t values = 0;
    for (const auto& row : bare.rows)
        for (const auto& cell : row.cells) values += cell.type != CellType::empty;
    BOOST_TEST(bare.rows.size() == 55u);
    BOOST_TEST(values == 250u);  // upstream's 462 also counts styled blank cells, which are not values here
    BOOST_TEST(bare.rows.back().line == 66);
    BOOST_TEST(bare.at(7) == "text String Value 29 | date 2023-03-15 | - | - | - | text String Value 43 | num 901");
}

BOOST_AUTO_TEST_CASE(fixture_numbers_formulas_and_errors) {
    REQUIRE_FIXTURES();
    Sheet errors = read_sheet(fixture("calamine/errors.xlsx"), "Feuil1");
    BOOST_TEST(
        errors.all() == (std::vector<std::string>{"1: err #DIV/0!", "2: err #NAME?", "3: err #VALUE!", "4: err #NULL!",
                                                  "5: err #REF!", "6: err #NUM!", "7: err #N/A"}),
        boost::test_tools::per_element());
    auto issues = XlsxWorkbook::open(fixture("calamine/issues.xlsx"));
    BOOST_TEST(read_sheet(*issues, "issue2").all() ==
                   (std::vector<std::string>{"1: num 1 | text a", "2: num 2 | text b", "3: num 3 | text c"}),
               boost::test_tools::per_element());
    BOOST_TEST(read_sheet(*issues, "issue5").at(1) == "num 0.5");
    BOOST_TEST(read_sheet(*issues, "issue6").all() ==
                   (std::vector<std::string>{"1: num 1", "2: num 2", "3: text ab", "4: bool FALSE"}),
               boost::test_tools::per_element());
    Sheet monotonic = read_sheet(fixture("calamine/non_monotonic_si.xlsx"));
    BOOST_REQUIRE(monotonic.rows.size() == 6u);
    for (int r = 1; r <= 6; ++r)
        BOOST_TEST(monotonic.at(r) ==
                   "num " + std::to_string(r) + " | num " + std::to_string(2 * r) + " | num " + std::to_string(3 * r));
    // Formulas read as their cached values.
    Sheet ranges = read_sheet(fixture("calamine/column_row_ranges.xlsx"), "Column ranges");
    BOOST_TEST(ranges.at(1) == "num 0 | num 0 | num 0");
    Sheet formulae = read_sheet(fixture("xlnt/18_formulae.xlsx"));
    BOOST_TEST(formulae.at(1) == "text a1 | num 1 | num 1 | text a11 | text 1a11 | num 2 | num 3.141592653589793");
    BOOST_TEST(formulae.cell("I2").text == "-0.6536436208636119");
    BOOST_TEST(read_sheet(fixture("xlnt/10_comments_hyperlinks_formulae.xlsx"), "Sheet2").at(2) ==
               "text Sheet2!A2 | - | num 2");
    Sheet named = read_sheet(fixture("xlnt/19_defined_names.xlsx"));
    BOOST_TEST(named.rows.size() == 6u);
    BOOST_TEST(named.at(6) == "num 6");
}

BOOST_AUTO_TEST_CASE(fixture_merged_cells_give_the_value_once) {
    REQUIRE_FIXTURES();
    // Merges are not expanded: the value sits in the top-left cell, the rest are empty.
    BOOST_TEST(read_sheet(fixture("calamine/merge_cells.xlsx")).all() ==
                   (std::vector<std::string>{"1: text Row Merge | - | text Not Merged",
                                             "2: text Column Merge | text Chunk Merged"}),
               boost::test_tools::per_element());
    Sheet merged = read_sheet(fixture("calamine/merged_range.xlsx"), "Sheet2");
    BOOST_TEST(merged.at(1) == "text A1 | text B1 | text C1 | - | text E1 | text F1");
    Sheet tealeg = read_sheet(fixture("tealeg-xlsx/merged_cells.xlsx"));
    BOOST_TEST(tealeg.at(7) == "text 31.12.2017 | text Happy New Year!");
    BOOST_TEST(tealeg.cell("A2").text == "01.01.2016");
    BOOST_TEST(render(tealeg.cell("A3")) == "-");
    BOOST_TEST(read_sheet(fixture("tealeg-xlsx/merged_cells2.xlsx")).all() ==
                   (std::vector<std::string>{"1: text A0A1 | text B0 | text C0 | text D0E0D1E1", "2: - | text B1C1B2C2",
                                             "3: text A2 | text B2 | text C2 | text D2 | text E2"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(fixture_unusual_packages_open) {
    REQUIRE_FIXTURES();
    Sheet strict = read_sheet(fixture("calamine/strict_iso_paths.xlsx"));
    BOOST_TEST(strict.cell("A1").text == "Item");
    BOOST_TEST(render(strict.cell("B2")) == "num 1.5");
    BOOST_TEST(strict.cell("B2").format == "0.00");
    BOOST_TEST(strict.rows.size() > 10u);
    BOOST_TEST(read_sheet(fixture("calamine/nonstandard-xml-ns-prefix.xlsx")).all() ==
                   (std::vector<std::string>{"1: text a | text b", "2: num 1 | num 3", "3: num 2 | num 4"}),
               boost::test_tools::per_element());
    auto minimal = XlsxWorkbook::open(fixture("xlnt/2_minimal.xlsx"));
    BOOST_TEST(minimal->sheets()[0].name == "1");
    BOOST_TEST(minimal->sheets()[0].part == "sheet1.xml");
    BOOST_TEST(read_sheet(*minimal).rows.empty());
    Sheet plain = read_sheet(fixture("tealeg-xlsx/noStylesAndSharedStringsTest.xlsx"));
    BOOST_TEST(plain.cell("A2").text == "Activity");
    BOOST_TEST(plain.cell("B3").text == "2013-08-10 19:11:21");
    BOOST_TEST(render(plain.cell("C3")) == "num 1045.1");
    // Bytes after the zip's end record, which a sequential zip walk trips over.
    Sheet tail = read_sheet(fixture("tealeg-xlsx/panic_test.xlsx"));
    BOOST_TEST(tail.at(2) == "text 批次号(与文件名称一致) | text 总笔数 | text 总金额/元(以显示金额汇总)");
    BOOST_TEST(tail.cell("C3").number == 0.02);
}

BOOST_AUTO_TEST_CASE(fixture_files_that_are_not_readable_workbooks) {
    REQUIRE_FIXTURES();
    for (const char* name :
         {"calamine/pass_protected.xlsx", "xlnt/5_encrypted_agile.xlsx", "xlnt/6_encrypted_libre.xlsx",
          "xlnt/7_encrypted_standard.xlsx", "xlnt/8_encrypted_numbers.xlsx"}) {
        auto e = error_of([&] { XlsxWorkbook::open(fixture(name)); });
        BOOST_TEST(e.what() == std::string("the workbook is encrypted"), name);
        BOOST_TEST(e.hint() == "save it without a password", name);
        BOOST_TEST(e.location().file == fixture(name));
    }
    auto e = error_of([&] { XlsxWorkbook::open(fixture("xlnt/1_powerpoint_presentation.xlsx")); });
    BOOST_TEST(e.what() == std::string("the file is a PowerPoint presentation, not an Excel workbook"));
    e = error_of([&] { XlsxWorkbook::open(fixture("tealeg-xlsx/badfile_noWorkbookRels.xlsx")); });
    BOOST_TEST(e.what() == std::string("the workbook has no relationships part (xl/_rels/workbook.xml.rels)"));
    e = error_of([&] { XlsxWorkbook::open(fixture("tealeg-xlsx/badfile_noWorksheets.xlsx")); });
    BOOST_TEST(e.what() == std::string("the workbook contains no worksheets"));
    BOOST_TEST(contains(e.hint(), "parts are missing"));
}

BOOST_AUTO_TEST_CASE(every_fixture_is_covered) {
    REQUIRE_FIXTURES();
    // Each file in the fixture folder opens (or is refused) without anything but a PirpackError,
    // and every readable sheet reads to the end.
    int files = 0;
    for (const auto& entry : fs::recursive_directory_iterator(kFixtures)) {
        if (entry.path().extension() != ".xlsx") continue;
        ++files;
        try {
            auto book = XlsxWorkbook::open(entry.path().string());
            for (const auto& sheet : book->sheets()) {
                if (!sheet.is_worksheet) continue;
                auto reader = book->open_sheet(sheet.name);
                Row row;
                while (reader->next(row)) {
                }
            }
        } catch (const common::PirpackError& e) {
            BOOST_TEST_MESSAGE(entry.path().filename().string() << ": " << e.what());
        }
    }
    BOOST_TEST(files == 65);
}

BOOST_AUTO_TEST_SUITE_END()
