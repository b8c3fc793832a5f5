#include <Poco/TemporaryFile.h>

#include <boost/test/unit_test.hpp>
#include <fstream>

#include "common/errors.hpp"
#include "store/loader.hpp"

using namespace pirpack;

namespace {

// Keeps what it is given, or fails on the row it is told to.
class RecordingWriter : public store::TableWriter {
public:
    explicit RecordingWriter(long fail_at = -1) : fail_at_(fail_at) {}
    void add_row(const std::vector<validate::Value>& values) override {
        if (rows_ == fail_at_) throw std::runtime_error("disk full");
        ids.push_back(values[0].integer);
        ++rows_;
    }
    long rows() const override { return rows_; }
    std::vector<long long> ids;

private:
    long fail_at_;
    long rows_ = 0;
};

config::Source numbered_source() {
    config::Source source;
    source.name = "numbers";
    config::Column id;
    id.name = "id";
    id.headers = {"Id"};
    id.type = config::ColumnType::integer;
    id.required = true;
    source.columns.push_back(id);
    return source;
}

std::string numbered_file(Poco::TemporaryFile& file, int rows, int bad_every) {
    std::ofstream out(file.path());
    out << "Id\n";
    for (int i = 1; i <= rows; ++i) out << (bad_every > 0 && i % bad_every == 0 ? std::string("x") : std::to_string(i)) << "\n";
    return file.path();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(loader)

BOOST_AUTO_TEST_CASE(rows_arrive_in_order_across_many_batches) {
    Poco::TemporaryFile file;
    const std::string path = numbered_file(file, 20000, 1000);
    RecordingWriter writer;
    auto result = store::load_source(numbered_source(), {path}, {"numbers.csv"}, writer);
    BOOST_TEST(result.rows_read() == 20000);
    BOOST_TEST(result.rows_rejected() == 20);
    BOOST_REQUIRE(writer.ids.size() == 19980u);
    long long expected = 0;
    bool in_order = true;
    for (long long id : writer.ids) {
        if (++expected % 1000 == 0) ++expected;  // every thousandth row was rejected
        in_order = in_order && id == expected;
    }
    BOOST_TEST(in_order);
    BOOST_TEST(result.rejects.front().location.describe() == "numbers.csv:1001:1");
}

BOOST_AUTO_TEST_CASE(a_reading_error_reaches_the_caller) {
    Poco::TemporaryFile file;
    {
        std::ofstream out(file.path());
        out << "Number\n1\n";
    }
    RecordingWriter writer;
    BOOST_CHECK_THROW(store::load_source(numbered_source(), {file.path()}, {"numbers.csv"}, writer), common::PirpackError);
}

BOOST_AUTO_TEST_CASE(a_writing_error_stops_the_reader_and_reaches_the_caller) {
    Poco::TemporaryFile file;
    const std::string path = numbered_file(file, 50000, 0);
    RecordingWriter writer(10000);
    BOOST_CHECK_EXCEPTION(store::load_source(numbered_source(), {path}, {"numbers.csv"}, writer), std::runtime_error,
                          [](const std::runtime_error& e) { return std::string(e.what()) == "disk full"; });
    BOOST_TEST(writer.rows() == 10000);
}

BOOST_AUTO_TEST_SUITE_END()
