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

// Appends each row's id to a list that outlives it.
class AppendingWriter : public store::TableWriter {
public:
    explicit AppendingWriter(std::vector<long long>& ids) : ids_(ids) {}
    void add_row(const std::vector<validate::Value>& values) override { ids_.push_back(values[0].integer); }
    long rows() const override { return static_cast<long>(ids_.size()); }

private:
    std::vector<long long>& ids_;
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

BOOST_AUTO_TEST_CASE(many_files_of_many_sources_arrive_as_if_read_one_after_another) {
    // Three sources of files of very different lengths, read by two threads with little room to
    // read ahead, so readers wait on the writer and finish files out of order: every table must
    // still get its files' rows in file order, and each source must be reported once, in order,
    // with its files' counts in file order.
    const int lengths[3][3] = {{30000, 5, 12000}, {1, 40000, 0}, {7000, 7000, 7000}};
    std::vector<std::unique_ptr<Poco::TemporaryFile>> files;
    std::vector<config::Source> sources(3, numbered_source());
    std::vector<store::SourceFiles> inputs;
    for (int s = 0; s < 3; ++s) {
        sources[s].name = "numbers_" + std::to_string(s);
        store::SourceFiles input;
        input.source = &sources[s];
        for (int f = 0; f < 3; ++f) {
            files.push_back(std::make_unique<Poco::TemporaryFile>());
            std::ofstream out(files.back()->path());
            out << "Id\n";
            // Ids say where a row came from: source, file, line.
            for (int line = 1; line <= lengths[s][f]; ++line) out << (s * 10 + f) * 100000 + line << "\n";
            out.close();
            input.paths.push_back(files.back()->path());
            input.display_paths.push_back("s" + std::to_string(s) + "f" + std::to_string(f) + ".csv");
        }
        inputs.push_back(input);
    }
    std::vector<std::vector<long long>> ids;  // per table, as written
    ids.reserve(3);                            // the writers hold references into it
    std::vector<std::size_t> reported;
    std::vector<std::vector<long>> counts;
    std::vector<std::vector<std::string>> shown;
    store::LoadOptions options;
    options.reader_threads = 2;
    options.bytes_ahead = 1;  // one batch ahead at most
    options.memory_budget = 0;
    options.hash_files = false;
    store::load_sources(
        inputs,
        [&](const config::Source&) {
            ids.emplace_back();
            return std::make_unique<AppendingWriter>(ids.back());
        },
        [&](std::size_t s, store::LoadedSource&& loaded) {
            reported.push_back(s);
            BOOST_REQUIRE(ids.size() == s + 1);  // reported before the next source's table exists
            counts.emplace_back();
            shown.emplace_back();
            for (const auto& file : loaded.result.files) {
                counts.back().push_back(file.rows_read);
                shown.back().push_back(file.path);
            }
            std::vector<long long> expected;
            for (int f = 0; f < 3; ++f)
                for (int line = 1; line <= lengths[s][f]; ++line)
                    expected.push_back((static_cast<long long>(s) * 10 + f) * 100000 + line);
            BOOST_TEST((ids[s] == expected), "source " << s << " rows out of order");
        },
        options);
    BOOST_TEST(reported == (std::vector<std::size_t>{0, 1, 2}));
    BOOST_TEST(counts == (std::vector<std::vector<long>>{{30000, 5, 12000}, {1, 40000, 0}, {7000, 7000, 7000}}));
    BOOST_TEST(shown[1] == (std::vector<std::string>{"s1f0.csv", "s1f1.csv", "s1f2.csv"}));
}

// The report's date range of a source comes from the loader: the least and greatest value of its
// first date column over every file, read on two threads, nulls and rejected rows left out.
BOOST_AUTO_TEST_CASE(the_first_date_columns_range_is_noted_over_every_file) {
    config::Source source = numbered_source();
    source.name = "dated";
    source.date_formats = {"%d/%m/%Y"};
    config::Column recorded;
    recorded.name = "recorded";
    recorded.headers = {"Recorded"};
    recorded.type = config::ColumnType::date;
    config::Column closed = recorded;
    closed.name = "closed";
    closed.headers = {"Closed"};
    source.columns.push_back(recorded);
    source.columns.push_back(closed);
    const std::vector<std::string> contents = {
        "Id,Recorded,Closed\n1,05/06/2023,01/01/2030\n2,,\n3,31/12/2022,\n",
        "Id,Recorded,Closed\nx,01/01/2001,\n4,15/01/2023,01/01/1999\n",  // the bad id's row is rejected
        "Id,Recorded,Closed\n5,,\n",
    };
    std::vector<std::unique_ptr<Poco::TemporaryFile>> files;
    store::SourceFiles input;
    input.source = &source;
    for (const auto& content : contents) {
        files.push_back(std::make_unique<Poco::TemporaryFile>());
        std::ofstream(files.back()->path()) << content;
        input.paths.push_back(files.back()->path());
    }
    config::Source undated = numbered_source();
    Poco::TemporaryFile plain;
    store::SourceFiles plain_input{&undated, {numbered_file(plain, 10, 0)}, {}};
    std::vector<long long> ids;
    std::vector<store::LoadedSource> loaded;
    store::LoadOptions options;
    options.reader_threads = 2;
    options.hash_files = false;
    store::load_sources(
        {input, plain_input}, [&](const config::Source&) { return std::make_unique<AppendingWriter>(ids); },
        [&](std::size_t, store::LoadedSource&& done) { loaded.push_back(std::move(done)); }, options);
    BOOST_REQUIRE(loaded.size() == 2u);
    BOOST_TEST(loaded[0].result.rows_rejected() == 1);
    BOOST_TEST(loaded[0].date_column == "recorded");  // the first date column, not "closed"
    BOOST_TEST(loaded[0].first_date == "2022-12-31");
    BOOST_TEST(loaded[0].last_date == "2023-06-05");
    BOOST_TEST(loaded[1].date_column.empty());
    BOOST_TEST(loaded[1].first_date.empty());
}


BOOST_AUTO_TEST_CASE(a_key_repeated_across_files_read_at_once_loads_once) {
    config::Source source = numbered_source();
    source.columns[0].key = true;
    source.date_formats = {"%d/%m/%Y"};
    config::Column recorded;
    recorded.name = "recorded";
    recorded.headers = {"Recorded"};
    recorded.type = config::ColumnType::date;
    source.columns.push_back(recorded);
    // Ids 1 to 30000, then 29991 to 40000 with the repeats dated far outside the rest, so a
    // repeat that widened the date range would show.
    Poco::TemporaryFile first, second;
    {
        std::ofstream out(first.path());
        out << "Id,Recorded\n";
        for (int i = 1; i <= 30000; ++i) out << i << ",01/06/2023\n";
        out << "17,01/06/2023\n";  // line 30002: a repeat within the file
    }
    {
        std::ofstream out(second.path());
        out << "Id,Recorded\n";
        for (int i = 29991; i <= 40000; ++i) out << i << (i <= 30000 ? ",01/01/1990\n" : ",02/06/2023\n");
    }
    store::SourceFiles input{&source, {first.path(), second.path()}, {"first.csv", "second.csv"}};
    std::vector<long long> ids;
    std::vector<store::LoadedSource> loaded;
    store::LoadOptions options;
    options.reader_threads = 2;
    options.hash_files = false;
    options.bytes_ahead = 1;  // the second file is read while the first is written
    options.memory_budget = 0;
    store::load_sources(
        {input}, [&](const config::Source&) { return std::make_unique<AppendingWriter>(ids); },
        [&](std::size_t, store::LoadedSource&& done) { loaded.push_back(std::move(done)); }, options);
    BOOST_REQUIRE(loaded.size() == 1u);
    std::vector<long long> expected(40000);
    for (int i = 0; i < 40000; ++i) expected[static_cast<std::size_t>(i)] = i + 1;
    BOOST_TEST((ids == expected));
    const auto& result = loaded[0].result;
    BOOST_REQUIRE(result.files.size() == 2u);
    BOOST_TEST(result.files[0].rows_loaded == 30000);
    BOOST_TEST(result.files[0].rows_rejected == 1);
    BOOST_TEST(result.files[1].rows_loaded == 10000);
    BOOST_TEST(result.files[1].rows_rejected == 10);
    BOOST_REQUIRE(result.rejects.size() == 11u);
    BOOST_TEST(result.rejects[0].location.describe() == "first.csv:30002");
    BOOST_TEST(result.rejects[0].reason == "duplicate key (id) \"17\": already loaded from line 18");
    BOOST_TEST(result.rejects[1].location.describe() == "second.csv:2");
    BOOST_TEST(result.rejects[1].reason == "duplicate key (id) \"29991\": already loaded from line 29992 of first.csv");
    BOOST_TEST(result.rejects[10].location.describe() == "second.csv:11");
    BOOST_TEST(loaded[0].first_date == "2023-06-01");
    BOOST_TEST(loaded[0].last_date == "2023-06-02");
}

BOOST_AUTO_TEST_SUITE_END()
