// Key uniqueness across a source's files: the first row with a key loads, later ones are rejects
// pointing at it, and a hash collision never rejects a row whose key is new.
#include <xlsxwriter.h>

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

#include "common/errors.hpp"
#include "validate/key_check.hpp"
#include "temp_dir.hpp"

using namespace pirpack;
using test::TempDir;

namespace {

config::Column column(const std::string& name, const std::string& header, config::ColumnType type, bool key) {
    config::Column c;
    c.name = name;
    c.headers = {header};
    c.type = type;
    c.key = key;
    return c;
}

// Duties keyed on day and staff number; the day may be blank.
config::Source duties_source() {
    config::Source source;
    source.name = "duties";
    source.path = "duties_*.csv";
    source.date_formats = {"%d/%m/%Y", "%Y-%m-%d"};
    source.columns = {column("duty_date", "Day", config::ColumnType::date, true),
                      column("staff_number", "Staff", config::ColumnType::text, true),
                      column("hours", "Hours", config::ColumnType::decimal, false)};
    return source;
}

const std::string first_file =
    "Day,Staff,Hours\n"
    "01/04/2023,A1,8\n"   // 2: loaded
    "01/04/2023,A2,8\n"   // 3: loaded
    "2023-04-01,A1,9\n"   // 4: the key of line 2, written another way
    "02/04/2023,A1,8\n"   // 5: loaded
    ",A3,8\n"             // 6: a blank in the key: not checked
    ",A3,8\n"             // 7: nor this
    "31/02/2023,A9,1\n";  // 8: not a date: rejected before any key check
const std::string second_file =
    "Day,Staff,Hours\n"
    "31/03/2023,A9,1\n"   // 2: loaded (line 8 of the first file was never loaded)
    "02/04/2023,A1,7\n"   // 3: the key of the first file's line 5
    "01/04/2023,a1,8\n"   // 4: loaded: keys are compared exactly
    "2023-04-02,A1,6\n";  // 5: line 5's key again

struct Checked {
    validate::SourceResult result;
    std::vector<std::string> loaded;                   // staff numbers, in load order
    std::vector<std::vector<validate::Value>> late;    // rows settle() gave back
};

Checked check(const config::Source& source, const std::vector<std::string>& paths, const std::vector<std::string>& shown,
              std::uint64_t mask = ~std::uint64_t{0}) {
    validate::KeyCheck keys(source, mask);
    Checked out;
    auto hold_or_admit = keys.sink(shown);
    out.result = validate::read_source(source, paths, shown,
                                       [&](const std::vector<validate::Value>& values,
                                           const common::SourceLocation& where, long line) {
                                           const std::size_t held = keys.held();
                                           hold_or_admit(values, where, line);
                                           if (keys.held() == held) out.loaded.push_back(values[values.size() > 1 ? 1 : 0].text);
                                       });
    out.late = keys.settle(paths, shown, out.result);
    for (const auto& values : out.late) out.loaded.push_back(values[values.size() > 1 ? 1 : 0].text);
    return out;
}

std::vector<std::string> described(const validate::SourceResult& result) {
    std::vector<std::string> lines;
    for (const auto& reject : result.rejects)
        lines.push_back(reject.location.describe() + " [" + reject.value + "] " + reject.reason);
    return lines;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(key_check)

BOOST_AUTO_TEST_CASE(a_repeated_key_is_rejected_in_the_file_and_across_files) {
    TempDir dir("pirpack_keys");
    const std::vector<std::string> paths = {dir.write("duties_2023.csv", first_file),
                                            dir.write("duties_2024.csv", second_file)};
    const std::vector<std::string> shown = {"in/duties_2023.csv", "in/duties_2024.csv"};
    Checked checked = check(duties_source(), paths, shown);
    BOOST_TEST(checked.late.empty());
    BOOST_TEST(checked.loaded == (std::vector<std::string>{"A1", "A2", "A1", "A3", "A3", "A9", "a1"}));
    const std::vector<std::string> expected = {
        "in/duties_2023.csv:4 [2023-04-01, A1] duplicate key (duty_date, staff_number) \"2023-04-01, A1\": "
        "already loaded from line 2",
        "in/duties_2023.csv:8:1 [31/02/2023] cannot read \"31/02/2023\" as a date (date_formats: %d/%m/%Y, %Y-%m-%d)",
        "in/duties_2024.csv:3 [2023-04-02, A1] duplicate key (duty_date, staff_number) \"2023-04-02, A1\": "
        "already loaded from line 5 of in/duties_2023.csv",
        "in/duties_2024.csv:5 [2023-04-02, A1] duplicate key (duty_date, staff_number) \"2023-04-02, A1\": "
        "already loaded from line 5 of in/duties_2023.csv",
    };
    BOOST_TEST(described(checked.result) == expected, boost::test_tools::per_element());
    BOOST_REQUIRE(checked.result.files.size() == 2u);
    BOOST_TEST(checked.result.files[0].rows_read == 7);
    BOOST_TEST(checked.result.files[0].rows_loaded == 5);
    BOOST_TEST(checked.result.files[0].rows_rejected == 2);
    BOOST_TEST(checked.result.files[1].rows_read == 4);
    BOOST_TEST(checked.result.files[1].rows_loaded == 2);
    BOOST_TEST(checked.result.files[1].rows_rejected == 2);
}

BOOST_AUTO_TEST_CASE(colliding_hashes_load_every_new_key_and_reject_the_same_rows) {
    TempDir dir("pirpack_keys");
    const std::vector<std::string> paths = {dir.write("duties_2023.csv", first_file),
                                            dir.write("duties_2024.csv", second_file)};
    const std::vector<std::string> shown = {"duties_2023.csv", "duties_2024.csv"};
    const Checked exact = check(duties_source(), paths, shown);
    // With one bit of hash every keyed row after the first collides, so every verdict is settle's.
    const Checked collided = check(duties_source(), paths, shown, 1);
    BOOST_TEST(described(collided.result) == described(exact.result), boost::test_tools::per_element());
    BOOST_TEST(collided.late.size() == 4u);  // A2, 02/04 A1, 31/03 A9 and a1 load late
    std::vector<std::string> sorted_exact = exact.loaded, sorted_collided = collided.loaded;
    std::sort(sorted_exact.begin(), sorted_exact.end());
    std::sort(sorted_collided.begin(), sorted_collided.end());
    BOOST_TEST(sorted_collided == sorted_exact, boost::test_tools::per_element());
    for (std::size_t f = 0; f < 2; ++f) {
        BOOST_TEST(collided.result.files[f].rows_loaded == exact.result.files[f].rows_loaded);
        BOOST_TEST(collided.result.files[f].rows_rejected == exact.result.files[f].rows_rejected);
    }
}

BOOST_AUTO_TEST_CASE(a_source_without_key_columns_is_not_checked) {
    config::Source source = duties_source();
    for (auto& c : source.columns) c.key = false;
    validate::KeyCheck keys(source);
    BOOST_TEST(!keys.active());
    BOOST_TEST(!keys.sink({"a.csv"}));
}

// The loader lets readers run further ahead the less a key check may hold: what it reserves
// covers the set doubling (old and new sets mapped at once) and the rows held back.
BOOST_AUTO_TEST_CASE(the_memory_a_check_reserves_covers_its_next_doubling) {
    validate::KeyCheck keys(duties_source());
    BOOST_TEST(keys.memory_reserved() == 0u);
    BOOST_TEST(keys.admit(1));
    BOOST_TEST(keys.memory_reserved() == 3u * 1024 * 8);  // 1,024 slots of 8 bytes to start with
    for (std::uint64_t hash = 2; hash <= 769; ++hash) keys.admit(hash);  // past 3/4 full: 2,048 slots
    BOOST_TEST(keys.memory_reserved() == 3u * 2048 * 8);
    BOOST_TEST(!keys.admit(5));
    keys.hold(0, 7, 5);
    BOOST_TEST(keys.memory_reserved() >= 3u * 2048 * 8 + 24);
}

BOOST_AUTO_TEST_CASE(too_many_repeats_fail_the_source_with_a_hint) {
    TempDir dir("pirpack_keys");
    const std::string path = dir.write("duties_2023.csv", "Day,Staff,Hours\n01/04/2023,A1,8\n01/04/2023,A1,8\n"
                                                          "01/04/2023,A1,8\n01/04/2023,A1,8\n");
    config::Source source = duties_source();
    validate::KeyCheck keys(source, ~std::uint64_t{0}, 2);
    try {
        validate::read_source(source, {path}, {"duties_2023.csv"}, keys.sink({"duties_2023.csv"}));
        BOOST_FAIL("expected a PirpackError");
    } catch (const common::PirpackError& e) {
        BOOST_TEST((e.kind() == common::ErrorKind::input));
        BOOST_TEST(e.what() == std::string("source \"duties\": more than 2 rows repeat the key of an earlier row"));
        BOOST_TEST(e.hint() ==
                   "check that no extract is in the source twice (path matches duties_*.csv), and that the key columns "
                   "(key = true) name one row each");
    }
}

BOOST_AUTO_TEST_CASE(a_file_changed_between_the_reads_is_an_error_not_a_guess) {
    TempDir dir("pirpack_keys");
    const std::string path = dir.write("duties_2023.csv", first_file);
    config::Source source = duties_source();
    validate::KeyCheck keys(source);
    auto result = validate::read_source(source, {path}, {"duties_2023.csv"}, keys.sink({"duties_2023.csv"}));
    BOOST_TEST(keys.held() == 1u);
    dir.write("duties_2023.csv", "Day,Staff,Hours\n01/04/2023,A2,8\n02/04/2023,A2,8\n2023-04-01,A1,9\n");
    try {
        keys.settle({path}, {"duties_2023.csv"}, result);
        BOOST_FAIL("expected a PirpackError");
    } catch (const common::PirpackError& e) {
        BOOST_TEST(e.what() == std::string("the file changed while it was read: an earlier row with this row's key is gone"));
        BOOST_TEST(e.location().describe() == "duties_2023.csv:4");
    }
}

BOOST_AUTO_TEST_CASE(a_repeat_in_a_sheet_is_placed_by_row) {
    TempDir dir("pirpack_keys");
    const std::string path = dir.file("crime.xlsx");
    lxw_workbook* workbook = workbook_new(path.c_str());
    lxw_worksheet* sheet = workbook_add_worksheet(workbook, "Crimes");
    const char* refs[] = {"Crime Ref", "CR1", "CR2", "CR1"};
    for (lxw_row_t row = 0; row < 4; ++row) worksheet_write_string(sheet, row, 0, refs[row], nullptr);
    BOOST_REQUIRE(workbook_close(workbook) == LXW_NO_ERROR);
    config::Source source;
    source.name = "crime";
    source.columns = {column("crime_ref", "Crime Ref", config::ColumnType::text, true)};
    const Checked checked = check(source, {path}, {"crime.xlsx"});
    BOOST_TEST(described(checked.result) ==
                   (std::vector<std::string>{"crime.xlsx!Crimes!4 [CR1] duplicate key (crime_ref) \"CR1\": already loaded from row 2"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()
