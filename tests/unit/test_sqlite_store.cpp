#include <Poco/File.h>
#include <Poco/TemporaryFile.h>

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <chrono>
#include <fstream>
#include <thread>

#include "common/date.hpp"
#include "common/errors.hpp"
#include "kpi/engine.hpp"
#include "store/store.hpp"

using namespace pirpack;
using Rows = std::vector<std::vector<std::string>>;

namespace {

config::Source small_source() {
    config::Source source;
    source.name = "crime";
    for (auto [name, type] : {std::pair{"crime_id", config::ColumnType::text}, {"recorded_date", config::ColumnType::date},
                              {"handovers", config::ColumnType::integer}, {"cost", config::ColumnType::decimal}}) {
        config::Column column;
        column.name = name;
        column.type = type;
        source.columns.push_back(column);
    }
    return source;
}

std::vector<validate::Value> values(std::string id, std::string date, long long handovers, double cost) {
    std::vector<validate::Value> row(4);
    row[0].kind = validate::Value::Kind::text;
    row[0].text = std::move(id);
    row[1].kind = validate::Value::Kind::text;
    row[1].text = std::move(date);
    row[2].kind = validate::Value::Kind::integer;
    row[2].integer = handovers;
    row[3].kind = cost < 0 ? validate::Value::Kind::null : validate::Value::Kind::real;
    row[3].real = cost;
    return row;
}

// A programme of two sources, crime and extra (the same columns), and two KPIs: one reads crime,
// the other joins both with a comma (no JOIN keyword before extra).
config::Programme two_source_programme() {
    config::Programme programme;
    programme.info.go_live = *common::make_date(2023, 6, 1);
    programme.info.baseline = {*common::make_date(2023, 4, 1), *common::make_date(2023, 5, 31)};
    config::Workstream workstream;
    workstream.id = "WS1";
    programme.workstreams.push_back(workstream);
    programme.sources.push_back(small_source());
    programme.sources.push_back(small_source());
    programme.sources.back().name = "extra";
    config::Kpi crime_kpi;
    crime_kpi.id = "crimes";
    crime_kpi.workstream = "WS1";
    crime_kpi.sql = "SELECT COUNT(*) AS value FROM crime WHERE recorded_date BETWEEN :from AND :to";
    crime_kpi.sources_read = {"crime"};
    config::Kpi both_kpi = crime_kpi;
    both_kpi.id = "in_both";
    both_kpi.sql = "SELECT COUNT(*) AS value FROM crime AS c, extra AS e "
                   "WHERE c.crime_id = e.crime_id AND c.recorded_date BETWEEN :from AND :to";
    programme.kpis = {crime_kpi, both_kpi};
    return programme;
}

void load(store::RunTables& tables, const config::Source& source, const std::vector<std::vector<validate::Value>>& rows) {
    auto writer = tables.create_table(source);
    for (const auto& row : rows) writer->add_row(row);
    writer.reset();
    tables.create_indexes(source);
}

// The monthly values of each KPI, "-" for none.
std::vector<std::vector<std::string>> monthly_values(const kpi::Evaluation& evaluation) {
    std::vector<std::vector<std::string>> out;
    for (const auto& result : evaluation.results) {
        std::vector<std::string> values{result.kpi->id};
        for (const auto& measure : result.scopes.at(0).monthly)
            values.push_back(measure.value ? std::to_string(static_cast<long>(*measure.value)) : "-");
        out.push_back(values);
    }
    return out;
}

// Sessions whose first prepare(), over all of them, fails as if a table were missing.
class FlakySession : public store::QuerySession {
public:
    FlakySession(std::unique_ptr<store::QuerySession> inner, std::atomic<int>& prepared)
        : inner_(std::move(inner)), prepared_(prepared) {}
    std::unique_ptr<store::PreparedQuery> prepare(const std::string& sql) override {
        if (prepared_++ == 0) throw common::PirpackError(common::ErrorKind::run, "no such table: crime");
        return inner_->prepare(sql);
    }
    std::vector<std::vector<std::string>> query(const std::string& sql) override { return inner_->query(sql); }

private:
    std::unique_ptr<store::QuerySession> inner_;
    std::atomic<int>& prepared_;
};

}  // namespace

BOOST_AUTO_TEST_SUITE(sqlite_store)

BOOST_AUTO_TEST_CASE(loads_rows_and_history_in_one_transaction) {
    Poco::TemporaryFile file;
    auto db = store::Store::open(file.path());
    auto tables = store::RunTables::create(file.path());
    db->begin();
    long run = db->start_run({"P", "2024-03", "2024-04-05"});
    auto writer = tables->create_table(small_source());
    writer->add_row(values("CR1", "2023-04-01", 0, 12.5));
    writer->add_row(values("CR2", "2023-04-02", 2, -1));
    BOOST_TEST(writer->rows() == 2);
    writer.reset();
    auto source = small_source();
    source.indexes = {{"recorded_date"}, {"crime_id", "handovers"}};
    tables->create_indexes(source);
    tables->finish_load();
    db->add_input_file(run, {"crime", "crime.csv", "ab12", 120, 3, 2, 1, 0});
    validate::Reject reject{{"crime.csv", "", 4, 2, "Date Recorded"}, "31/02/2023", "cannot read"};
    db->add_rejects(run, "crime", {reject});
    db->finish_run(run, "ok");
    db->commit();
    auto session = tables->open_session();
    BOOST_TEST(session->query("SELECT crime_id, recorded_date, handovers, cost FROM crime ORDER BY crime_id") ==
               (Rows{{"CR1", "2023-04-01", "0", "12.5"}, {"CR2", "2023-04-02", "2", ""}}));
    BOOST_TEST(session->query("SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name") ==
               (Rows{{"crime_index_1"}, {"crime_index_2"}}));
    auto query = session->prepare("SELECT COUNT(*) AS value FROM crime WHERE recorded_date BETWEEN :from AND :to");
    auto result = query->run({{"from", "2023-04-02"}, {"to", "2023-04-30"}});
    BOOST_TEST(result.columns == std::vector<std::string>{"value"});
    BOOST_TEST(result.rows[0][0].number == 1.0);
    session.reset();
    tables->publish();
    BOOST_TEST(Poco::File(tables->published_location()).exists());
    BOOST_TEST(db->query("SELECT source, rows_read, rows_loaded, rows_rejected FROM pirpack_input_files") ==
               (Rows{{"crime", "3", "2", "1"}}));
    BOOST_TEST(db->query("SELECT file, line, column_number, column_name, value FROM pirpack_rejects") ==
               (Rows{{"crime.csv", "4", "2", "Date Recorded", "31/02/2023"}}));
    BOOST_TEST(db->query("SELECT period, status FROM pirpack_runs") == (Rows{{"2024-03", "ok"}}));
}

BOOST_AUTO_TEST_CASE(a_rolled_back_run_leaves_the_last_good_one) {
    Poco::TemporaryFile file;
    {
        auto db = store::Store::open(file.path());
        auto tables = store::RunTables::create(file.path());
        db->begin();
        db->start_run({"P", "2024-02", "2024-03-05"});
        tables->create_table(small_source())->add_row(values("OLD", "2023-04-01", 0, 1));
        tables->finish_load();
        db->commit();
        tables->publish();
    }
    {
        auto db = store::Store::open(file.path());
        auto tables = store::RunTables::create(file.path());
        db->begin();
        db->start_run({"P", "2024-03", "2024-04-05"});
        tables->create_table(small_source())->add_row(values("NEW", "2023-04-01", 0, 1));
        db->rollback();
        // The run ends without publishing its tables.
    }
    auto db = store::Store::open(file.path());
    BOOST_TEST(db->query("SELECT period FROM pirpack_runs") == (Rows{{"2024-02"}}));
    BOOST_TEST(!Poco::File(file.path().substr(0, file.path().size()) + "-run.db.staging").exists());
    auto published = store::Store::open(file.path() + "-run.db");
    BOOST_TEST(published->query("SELECT crime_id FROM crime") == (Rows{{"OLD"}}));
}

BOOST_AUTO_TEST_CASE(packed_batches_load_exactly_what_row_by_row_inserts_load) {
    // Two tables of the same rows: one fed packed batches (the virtual-table feed), one a row at a
    // time. Every value, its storage class and its rowid must match, through several batches
    // and a second writer on the same connection.
    Poco::TemporaryFile file;
    auto tables = store::RunTables::create(file.path());
    auto packed_source = small_source();
    auto single_source = small_source();
    single_source.name = "crime_single";
    std::vector<std::vector<validate::Value>> rows;
    for (int i = 0; i < 10000; ++i) {
        std::string id = "CR" + std::to_string(i);
        if (i % 7 == 0) id = "it's \"quoted\"; DROP TABLE crime; --";
        if (i % 11 == 0) id = std::string("nul\0inside", 11);
        if (i % 13 == 0) id.clear();
        rows.push_back(values(id, "2023-04-" + std::to_string(10 + i % 20), i % 5 == 0 ? -(i + 0LL) : i,
                              i % 3 == 0 ? -1 : i * 0.25));
        if (i % 17 == 0) rows.back()[1].kind = validate::Value::Kind::null;
    }
    {
        auto packed = tables->create_table(packed_source);
        store::PackedRows batch;
        for (std::size_t i = 0; i < rows.size(); ++i) {
            batch.add(rows[i]);
            if (batch.rows == 999 || i + 1 == rows.size()) {
                packed->add_packed(batch, 4);
                batch.clear();
            }
        }
        BOOST_TEST(packed->rows() == 10000);
        auto single = tables->create_table(single_source);
        for (const auto& row : rows) single->add_row(row);
    }
    tables->finish_load();
    auto session = tables->open_session();
    const std::string columns =
        "rowid, crime_id, typeof(crime_id), length(CAST(crime_id AS BLOB)), recorded_date, typeof(recorded_date), "
        "handovers, typeof(handovers), cost, typeof(cost)";
    const Rows packed = session->query("SELECT " + columns + " FROM crime ORDER BY rowid");
    BOOST_REQUIRE(packed.size() == 10000u);
    BOOST_TEST(packed == session->query("SELECT " + columns + " FROM crime_single ORDER BY rowid"));
    BOOST_TEST(packed[0] == (std::vector<std::string>{"1", "", "text", "0", "", "null", "0", "integer", "", "null"}));
    BOOST_TEST(packed[1] == (std::vector<std::string>{"2", "CR1", "text", "3", "2023-04-11", "text", "1", "integer",
                                                      "0.25", "real"}));
    BOOST_TEST(packed[11][3] == "11");  // the NUL and what follows it are kept
}

BOOST_AUTO_TEST_CASE(kpis_evaluated_while_later_sources_load_match_those_evaluated_after) {
    const config::Programme programme = two_source_programme();
    BOOST_TEST((kpi::sources_named(programme, programme.kpis[0]) == std::set<std::string>{"crime"}));
    BOOST_TEST((kpi::sources_named(programme, programme.kpis[1]) == std::set<std::string>{"crime", "extra"}));
    const std::vector<std::vector<validate::Value>> crime{values("CR1", "2023-04-01", 0, 1), values("CR2", "2023-04-20", 0, 1),
                                                          values("CR3", "2023-05-02", 1, 1)};
    const std::vector<std::vector<validate::Value>> extra{values("CR2", "2023-04-20", 0, 1), values("CR3", "2023-05-02", 1, 1)};
    const common::Date period = *common::make_date(2023, 6, 1);
    const std::map<std::string, long> rows{{"crime", 3}, {"extra", 2}};

    Poco::TemporaryFile file;
    auto tables = store::RunTables::create(file.path());
    load(*tables, programme.sources[0], crime);
    BOOST_REQUIRE(tables->share_loaded());
    kpi::Evaluator evaluator(programme, [&] { return tables->open_session(); }, period, programme.info.baseline.from);
    BOOST_TEST(evaluator.would_start({"crime"}) == 1u);  // not in_both: it names extra
    evaluator.start_ready({"crime"}, rows);
    BOOST_TEST(evaluator.would_start({"crime", "extra"}) == 1u);
    load(*tables, programme.sources[1], extra);
    tables->finish_load();
    const kpi::Evaluation early = evaluator.finish(2, rows);
    BOOST_TEST(early.failures.empty());
    // April, May and June 2023: three crimes in all, two of them in both tables.
    const std::vector<std::vector<std::string>> expected{{"crimes", "2", "1", "0"}, {"in_both", "1", "1", "0"}};
    BOOST_TEST(monthly_values(early) == expected);
    BOOST_TEST(monthly_values(kpi::evaluate_kpis(programme, [&] { return tables->open_session(); }, period,
                                                 programme.info.baseline.from)) == expected);

    // Published, the tables are back in rollback mode with no WAL beside them.
    const std::string published = tables->published_location();
    tables->publish();
    BOOST_TEST(!Poco::File(published + "-wal").exists());
    BOOST_TEST(!Poco::File(file.path() + "-wal").exists());
    // Bytes 18 and 19 of the header: 1 for a rollback journal, 2 for WAL.
    std::ifstream header(published, std::ios::binary);
    char bytes[20] = {};
    header.read(bytes, sizeof bytes);
    BOOST_TEST(static_cast<int>(bytes[18]) == 1);
    BOOST_TEST(static_cast<int>(bytes[19]) == 1);
    BOOST_TEST(store::Store::open(published)->query("SELECT COUNT(*) FROM extra") == (Rows{{"2"}}));
    Poco::File(published).remove();
}

BOOST_AUTO_TEST_CASE(a_kpi_that_fails_alongside_the_load_is_evaluated_again_after_it) {
    const config::Programme programme = two_source_programme();
    Poco::TemporaryFile file;
    auto tables = store::RunTables::create(file.path());
    load(*tables, programme.sources[0], {values("CR1", "2023-04-01", 0, 1)});
    BOOST_REQUIRE(tables->share_loaded());
    std::atomic<int> prepared{0};
    kpi::Evaluator evaluator(
        programme, [&] { return std::make_unique<FlakySession>(tables->open_session(), prepared); },
        *common::make_date(2023, 6, 1), programme.info.baseline.from);
    evaluator.start_ready({"crime"}, {});
    // Wait for the background thread's try: it fails, and the KPI waits again to be started.
    for (int tries = 0; tries < 1000 && !(prepared >= 1 && evaluator.would_start({"crime"}) == 1); ++tries)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    BOOST_REQUIRE(prepared.load() == 1);
    BOOST_REQUIRE(evaluator.would_start({"crime"}) == 1u);
    load(*tables, programme.sources[1], {values("CR1", "2023-04-01", 0, 1)});
    tables->finish_load();
    const kpi::Evaluation evaluation = evaluator.finish(2, {});
    BOOST_TEST(evaluation.failures.empty());
    BOOST_TEST(evaluator.early_count() == 0u);
    BOOST_TEST(monthly_values(evaluation) == (std::vector<std::vector<std::string>>{{"crimes", "1", "0", "0"},
                                                                                      {"in_both", "1", "0", "0"}}));
    BOOST_TEST(prepared.load() == 3);  // crimes twice, in_both once
}

BOOST_AUTO_TEST_SUITE_END()
