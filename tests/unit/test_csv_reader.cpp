#include <Poco/File.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/TemporaryFile.h>

#include <sys/resource.h>

#include <boost/test/unit_test.hpp>
#include <fstream>
#include <sstream>

#include "common/errors.hpp"
#include "ingest/csv_reader.hpp"

using namespace pirpack;
using ingest::CsvOptions;
using ingest::CsvReader;
using ingest::Row;

namespace {

std::string write_temp(const std::string& bytes) {
    static std::vector<std::unique_ptr<Poco::TemporaryFile>> keep;
    keep.push_back(std::make_unique<Poco::TemporaryFile>());
    std::ofstream out(keep.back()->path(), std::ios::binary);
    out << bytes;
    return keep.back()->path();
}

std::string read_all(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

struct ReadResult {
    std::vector<std::vector<std::string>> rows;
    std::vector<long> lines;
    std::vector<std::string> problems;
    char delimiter = 0;
    long blank = 0;
};

ReadResult read_csv(const std::string& bytes, CsvOptions options = {}) {
    CsvReader reader(write_temp(bytes), options, "t.csv");
    ReadResult result;
    Row row;
    while (reader.next(row)) {
        std::vector<std::string> fields;
        for (const auto& cell : row.cells) fields.push_back(cell.text);
        result.rows.push_back(fields);
        result.lines.push_back(row.line);
        result.problems.push_back(row.problem);
    }
    result.delimiter = reader.delimiter();
    result.blank = reader.blank_lines();
    return result;
}

using Rows = std::vector<std::vector<std::string>>;

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
    for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
    return text;
}

// csv-spectrum's expected JSON: header-keyed objects, every value a string.
void check_against_spectrum(const std::string& name, const std::string& csv_bytes, bool crlf) {
    const std::string base = std::string(PIRPACK_SHARED_DIR) + "/fixtures/csv/csv-spectrum/";
    Poco::JSON::Parser parser;
    auto expected = parser.parse(read_all(base + "json/" + name + ".json")).extract<Poco::JSON::Array::Ptr>();
    ReadResult result = read_csv(csv_bytes);
    BOOST_REQUIRE_MESSAGE(result.rows.size() == expected->size() + 1, name << ": row count");
    const auto& header = result.rows[0];
    for (size_t r = 0; r < expected->size(); ++r) {
        auto object = expected->getObject(static_cast<unsigned>(r));
        BOOST_TEST(result.problems[r + 1] == "", name << " row " << r);
        BOOST_REQUIRE_MESSAGE(result.rows[r + 1].size() == header.size(), name << " row " << r);
        for (size_t c = 0; c < header.size(); ++c) {
            std::string want = object->getValue<std::string>(header[c]);
            want = replace_all(want, "\r\n", "\n");
            if (crlf) want = replace_all(want, "\n", "\r\n");
            BOOST_TEST(result.rows[r + 1][c] == want, name << " row " << r << " column " << header[c]);
        }
    }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(csv_reader)

BOOST_AUTO_TEST_CASE(csv_spectrum_fixtures_read_as_their_json_says) {
    const std::string base = std::string(PIRPACK_SHARED_DIR) + "/fixtures/csv/csv-spectrum/";
    if (!Poco::File(base).exists()) {
        BOOST_TEST_MESSAGE("skipped: ../shared/fixtures/csv/csv-spectrum is absent");
        return;
    }
    for (const std::string name : {"comma_in_quotes", "empty", "empty_crlf", "escaped_quotes", "json", "newlines",
                                   "newlines_crlf", "quotes_and_newlines", "simple", "simple_crlf", "utf8"}) {
        std::string bytes = read_all(base + "csvs/" + name + ".csv");
        // The shared copies of the *_crlf files have lost their CRs, so each file is also read
        // with every LF turned into CRLF, which is what the upstream files hold.
        check_against_spectrum(name, bytes, false);
        check_against_spectrum(name, replace_all(bytes, "\n", "\r\n"), true);
    }
}

BOOST_AUTO_TEST_CASE(quotes_delimiters_and_line_breaks_inside_fields) {
    auto result = read_csv("id,text\r\n1,\"a, \"\"b\"\"\r\nc\"\r\n2,plain\r\n");
    BOOST_TEST(result.rows == (Rows{{"id", "text"}, {"1", "a, \"b\"\r\nc"}, {"2", "plain"}}));
    BOOST_TEST(result.lines == (std::vector<long>{1, 2, 4}));
}

BOOST_AUTO_TEST_CASE(old_mac_line_ends_and_no_final_newline) {
    auto result = read_csv("a,b\r1,2\r3,4");
    BOOST_TEST(result.rows == (Rows{{"a", "b"}, {"1", "2"}, {"3", "4"}}));
    BOOST_TEST(result.lines == (std::vector<long>{1, 2, 3}));
}

BOOST_AUTO_TEST_CASE(bom_is_dropped_and_blank_lines_skipped_and_counted) {
    auto result = read_csv("\xEF\xBB\xBFName,Team\n\nx,y\n,\n\r\nz,w\n");
    BOOST_TEST(result.rows == (Rows{{"Name", "Team"}, {"x", "y"}, {"z", "w"}}));
    BOOST_TEST(result.lines == (std::vector<long>{1, 3, 6}));
    BOOST_TEST(result.blank == 3);
}

BOOST_AUTO_TEST_CASE(delimiter_is_detected_from_the_header) {
    BOOST_TEST(read_csv("a;b;c\n1,5;2;3\n").delimiter == ';');
    BOOST_TEST(read_csv("a\tb\n1\t2\n").delimiter == '\t');
    BOOST_TEST(read_csv("\"x,y\";b\n1;2\n").delimiter == ';');
    BOOST_TEST(read_csv("single\nvalue\n").delimiter == ',');
    CsvOptions declared;
    declared.delimiter = '|';
    auto result = read_csv("a,b|c\n1|2\n", declared);
    BOOST_TEST(result.rows == (Rows{{"a,b", "c"}, {"1", "2"}}));
}

BOOST_AUTO_TEST_CASE(wrong_field_counts_are_flagged_with_both_counts) {
    auto result = read_csv("a,b,c\n1,2,3\n1,2\n1,2,3,4\n");
    BOOST_TEST(result.problems == (std::vector<std::string>{
                                      "", "", "too few fields: the row has 2, the header has 3",
                                      "too many fields: the row has 4, the header has 3"}));
}

BOOST_AUTO_TEST_CASE(invalid_utf8_is_flagged_with_its_byte_offset) {
    auto result = read_csv("a,b\n1,caf\xE9\n2,ok\n");
    BOOST_TEST(result.problems[1] == "invalid UTF-8 at byte offset 9");
    BOOST_TEST(result.rows[1][1] == "caf\xE9");
    BOOST_TEST(result.problems[2] == "");
    auto truncated = read_csv("a\n\xE2\x82");
    BOOST_TEST(truncated.problems[1] == "invalid UTF-8 at byte offset 2");
}

BOOST_AUTO_TEST_CASE(windows_1252_and_latin1_become_utf8) {
    CsvOptions options;
    options.encoding = config::Encoding::windows1252;
    auto result = read_csv("cost,reason\n\xA3" "1,234.50,\x93late\x94 call\x96out\n", options);
    BOOST_TEST(result.rows[1] == (std::vector<std::string>{"\xC2\xA3" "1", "234.50", "\xE2\x80\x9Clate\xE2\x80\x9D call\xE2\x80\x93out"}));
    options.encoding = config::Encoding::iso8859_1;
    auto latin = read_csv("x\ncaf\xE9\n", options);
    BOOST_TEST(latin.rows[1][0] == "caf\xC3\xA9");
}

BOOST_AUTO_TEST_CASE(unclosed_quote_is_a_problem_naming_its_line) {
    auto result = read_csv("a,b\n1,\"never\nclosed\n");
    BOOST_REQUIRE(result.rows.size() == 2u);
    BOOST_TEST(result.problems[1] == "a quoted field opened on line 2 is never closed");
}

BOOST_AUTO_TEST_CASE(records_split_across_tiny_buffers_read_the_same) {
    const std::string bytes = "id,text\r\n1,\"x\r\ny\"\"z\"\r\n2,\xC2\xA3" "5\r\n\r\n3,end";
    CsvOptions tiny;
    tiny.buffer_size = 1;
    auto small = read_csv(bytes, tiny);
    auto large = read_csv(bytes);
    BOOST_TEST(small.rows == large.rows);
    BOOST_TEST(small.lines == large.lines);
    BOOST_TEST(small.problems == large.problems);
    BOOST_TEST(large.rows == (Rows{{"id", "text"}, {"1", "x\r\ny\"z"}, {"2", "\xC2\xA3" "5"}, {"3", "end"}}));
    BOOST_TEST(small.lines == (std::vector<long>{1, 2, 4, 6}));
}

BOOST_AUTO_TEST_CASE(an_endless_field_is_cut_and_flagged) {
    CsvOptions options;
    options.max_field_size = 16;
    options.buffer_size = 8;
    auto result = read_csv("a,b\n1," + std::string(100, 'x') + "\n2,\"" + std::string(50, 'y'), options);
    BOOST_REQUIRE(result.rows.size() == 3u);
    BOOST_TEST(result.rows[1][1] == std::string(16, 'x'));
    BOOST_TEST(result.problems[1] == "field 2 is longer than 16 bytes, the most a field may hold");
    BOOST_TEST(result.problems[2] == "field 2 is longer than 16 bytes, the most a field may hold");
    BOOST_TEST(result.lines == (std::vector<long>{1, 2, 3}));
}

BOOST_AUTO_TEST_CASE(empty_file_has_no_rows) {
    auto result = read_csv("");
    BOOST_TEST(result.rows.empty());
    auto bom_only = read_csv("\xEF\xBB\xBF");
    BOOST_TEST(bom_only.rows.empty());
}

// A 200 MB field with no line end must neither crash nor hold 200 MB: the reader keeps the first
// megabyte of the field and flags the row.
BOOST_AUTO_TEST_CASE(a_200_mb_field_with_no_line_end_keeps_memory_flat) {
    Poco::TemporaryFile file;
    {
        std::ofstream out(file.path(), std::ios::binary);
        out << "a\n";
        std::string block(1 << 20, 'x');
        for (int i = 0; i < 200; ++i) out << block;
    }
    rusage before{};
    getrusage(RUSAGE_SELF, &before);
    CsvReader reader(file.path(), {}, "big.csv");
    Row row;
    BOOST_REQUIRE(reader.next(row));  // the header
    BOOST_REQUIRE(reader.next(row));
    BOOST_TEST(row.problem == "field 1 is longer than 1048576 bytes, the most a field may hold");
    BOOST_TEST(row.cells[0].text.size() == 1048576u);
    BOOST_TEST(!reader.next(row));
    rusage after{};
    getrusage(RUSAGE_SELF, &after);
    // ru_maxrss is in KiB; the process may already have peaked higher, so this bounds growth only.
    BOOST_TEST(after.ru_maxrss - before.ru_maxrss < 64 * 1024);
}

BOOST_AUTO_TEST_CASE(header_row_after_a_preamble) {
    CsvOptions options;
    options.header_row = 3;
    auto result = read_csv("Report: duties\nRun 05/04/2024\nDate;Team\n01/04/2024;Roads\n", options);
    BOOST_TEST(result.delimiter == ';');
    BOOST_TEST(result.rows.size() == 4u);
    BOOST_TEST(result.problems[3] == "");
}

BOOST_AUTO_TEST_CASE(missing_file_is_an_input_error) {
    try {
        CsvReader reader("/nonexistent/extract.csv", {}, "inputs/extract.csv");
        BOOST_FAIL("expected an error");
    } catch (const common::PirpackError& error) {
        BOOST_TEST((error.kind() == common::ErrorKind::input));
        BOOST_TEST(std::string(error.what()) == "cannot open the file: No such file or directory");
        BOOST_TEST(error.location().file == "inputs/extract.csv");
    }
}

BOOST_AUTO_TEST_SUITE_END()
