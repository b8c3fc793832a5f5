// Reading a source's files through its mapping: files with nothing in them, as a user's extract
// folder may hold after an export that failed, give a clear input error naming the file.

#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

#include "common/errors.hpp"
#include "validate/source_reader.hpp"
#include "temp_dir.hpp"

using namespace pirpack;
using test::TempDir;

namespace {

config::Source crimes_source() {
    config::Source source;
    source.name = "crimes";
    source.path = "crimes_*.csv";
    config::Column ref;
    ref.name = "crime_ref";
    ref.headers = {"Crime Ref"};
    ref.required = true;
    ref.key = true;
    source.columns.push_back(ref);
    return source;
}

// The PirpackError read_source throws for one file shown as `shown`; it must be an input error.
common::PirpackError read_error(const std::string& path, const std::string& shown) {
    long rows = 0;
    try {
        validate::read_source(crimes_source(), {path}, {shown}, [&](const auto&, const auto&, long) { ++rows; });
    } catch (const common::PirpackError& e) {
        BOOST_TEST((e.kind() == common::ErrorKind::input));
        BOOST_TEST(rows == 0);
        return e;
    }
    BOOST_FAIL("expected a PirpackError");
    throw std::logic_error("unreachable");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(source_reader)

BOOST_AUTO_TEST_CASE(an_empty_csv_has_no_header_row) {
    TempDir dir("pirpack_source");
    for (const std::string bytes : {"", "\n\r\n\n", "\xEF\xBB\xBF"}) {
        const std::string path = dir.write("crimes_2024-03.csv", bytes);
        auto e = read_error(path, "inputs/crimes_2024-03.csv");
        BOOST_TEST(e.what() == std::string("the file has no header row"));
        BOOST_TEST(e.hint() == "the first line of an extract must name its columns (header_row = 1)");
        BOOST_TEST(e.location().file == "inputs/crimes_2024-03.csv");
    }
}

BOOST_AUTO_TEST_CASE(an_empty_xlsx_is_refused_as_empty) {
    TempDir dir("pirpack_source");
    const std::string path = dir.write("crimes_2024-03.xlsx", "");
    auto e = read_error(path, "inputs/crimes_2024-03.xlsx");
    BOOST_TEST(e.what() == std::string("the file is empty"));
    BOOST_TEST(e.hint() == "check that the export finished writing it, then copy it again");
    BOOST_TEST(e.location().file == "inputs/crimes_2024-03.xlsx");
}

BOOST_AUTO_TEST_CASE(a_header_with_no_rows_reads_as_no_rows) {
    TempDir dir("pirpack_source");
    const std::string path = dir.write("crimes_2024-03.csv", "Crime Ref\n");
    long rows = 0;
    auto result =
        validate::read_source(crimes_source(), {path}, {"inputs/crimes_2024-03.csv"}, [&](const auto&, const auto&, long) { ++rows; });
    BOOST_TEST(rows == 0);
    BOOST_REQUIRE(result.files.size() == 1u);
    BOOST_TEST(result.files[0].path == "inputs/crimes_2024-03.csv");
    BOOST_TEST(result.files[0].rows_read == 0);
    BOOST_TEST(result.rejects.empty());
}

BOOST_AUTO_TEST_SUITE_END()
