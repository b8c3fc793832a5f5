// The PostgreSQL store. The SQL translation and address handling need no server; the rest runs
// only when PIRPACK_TEST_POSTGRES names one (tests/cli/postgres_store.sh starts a throwaway
// cluster and sets it), and is reported as skipped otherwise.
#include <Poco/TemporaryFile.h>

#include <boost/test/unit_test.hpp>
#include <cstdlib>

#include "common/errors.hpp"
#include "store/postgres_sql.hpp"
#include "store/store.hpp"

using namespace pirpack;
using Rows = std::vector<std::vector<std::string>>;

namespace {

boost::test_tools::assertion_result server_given(boost::unit_test::test_unit_id) {
    boost::test_tools::assertion_result result(std::getenv("PIRPACK_TEST_POSTGRES") != nullptr);
    result.message() << "PIRPACK_TEST_POSTGRES names no server (tests/cli/postgres_store.sh sets it)";
    return result;
}

// The test server with the history in a schema of its own, emptied first.
std::string fresh_store(const std::string& schema) {
    const std::string server = std::getenv("PIRPACK_TEST_POSTGRES");
    auto admin = store::Store::open(server);
    admin->query("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    admin->query("CREATE SCHEMA " + schema);
    return server + (server.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" + schema;
}

config::Source small_source() {
    config::Source source;
    source.name = "crime";
    for (auto [name, type] : {std::pair{"crime_id", config::ColumnType::text}, {"recorded_date", config::ColumnType::date},
                              {"handovers", config::ColumnType::integer}, {"cost", config::ColumnType::decimal},
                              {"arrest", config::ColumnType::boolean}}) {
        config::Column column;
        column.name = name;
        column.type = type;
        source.columns.push_back(column);
    }
    return source;
}

std::vector<validate::Value> values(std::string id, std::string date, long long handovers, double cost, int arrest) {
    std::vector<validate::Value> row(5);
    row[0].kind = validate::Value::Kind::text;
    row[0].text = std::move(id);
    row[1].kind = validate::Value::Kind::text;
    row[1].text = std::move(date);
    row[2].kind = validate::Value::Kind::integer;
    row[2].integer = handovers;
    row[3].kind = cost < 0 ? validate::Value::Kind::null : validate::Value::Kind::real;
    row[3].real = cost;
    row[4].kind = validate::Value::Kind::integer;
    row[4].integer = arrest;
    return row;
}

// Loads `rows` into `location`'s run tables as a run of its own; publishes them, or else returns
// them loaded and ready to query.
std::unique_ptr<store::RunTables> load_rows(const std::string& location,
                                            const std::vector<std::vector<validate::Value>>& rows, bool publish) {
    auto db = store::Store::open(location);
    auto tables = store::RunTables::create(location);
    db->begin();
    db->start_run({"P", "2024-03", "2024-04-05"});
    auto writer = tables->create_table(small_source());
    writer->add_rows(rows, rows.size());
    writer.reset();
    tables->finish_load();
    db->commit();
    if (!publish) return tables;
    tables->publish();
    return nullptr;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(postgres_store)

BOOST_AUTO_TEST_CASE(kpi_sql_is_translated_to_positional_parameters_and_double_literals) {
    auto sql = store::translate_for_postgres(
        "SELECT 100.0 * SUM(x) / COUNT(*) AS value, 2 AS n, 1e3 AS k, .5 AS h, CAST(y AS real) AS r FROM t1\n"
        "WHERE d BETWEEN :from AND :to AND e <= :to AND name LIKE 'a%' -- :period 1.5 like\n"
        "  AND s = ':from 2.5''s' AND \"col:to\" = 1 AND c::text = '3' /* 4.5 :to */");
    BOOST_TEST(sql.text ==
               "SELECT 100.0::float8 * SUM(x) / COUNT(*) AS value, 2 AS n, 1e3::float8 AS k, .5::float8 AS h,"
               " CAST(y AS DOUBLE PRECISION) AS r FROM t1\n"
               "WHERE d BETWEEN $1 AND $2 AND e <= $2 AND name ILIKE 'a%' -- :period 1.5 like\n"
               "  AND s = ':from 2.5''s' AND \"col:to\" = 1 AND c::text = '3' /* 4.5 :to */");
    BOOST_TEST(sql.parameters == (std::vector<std::string>{"from", "to"}));
}

BOOST_AUTO_TEST_CASE(an_address_becomes_poco_key_value_settings) {
    BOOST_TEST(store::postgres_connection_string("postgresql://pir@db.example:5433/packs?connect_timeout=5") ==
               "user=pir connect_timeout=5 dbname=packs host=db.example port=5433 fallback_application_name=pirpack");
    BOOST_TEST(store::postgres_connection_string("postgresql://pir@h/p?options=-csearch_path%3Dforce_a") ==
               "user=pir dbname=p host=h options=-csearch_path=force_a fallback_application_name=pirpack");
    BOOST_CHECK_EXCEPTION(store::postgres_connection_string("postgresql://pir:two%20words@h/p"), common::PirpackError,
                          [](const common::PirpackError& e) {
                              return e.kind() == common::ErrorKind::configuration &&
                                     std::string(e.what()).find("two") == std::string::npos &&
                                     e.hint() == "put the password in ~/.pgpass or PGPASSWORD instead";
                          });
    BOOST_CHECK_THROW(store::postgres_connection_string("postgresql://h/p?nonsense=1"), common::PirpackError);
}

BOOST_AUTO_TEST_CASE(passwords_never_reach_a_message) {
    BOOST_TEST(store::redact_postgres_url("postgresql://pir:s3cret@h:5432/p") == "postgresql://pir:***@h:5432/p");
    BOOST_TEST(store::redact_postgres_url("postgresql://h/p?user=pir&password=s3cret&sslmode=require") ==
               "postgresql://h/p?user=pir&password=***&sslmode=require");
    BOOST_TEST(store::redact_postgres_url("postgresql://pir@h/p") == "postgresql://pir@h/p");
}

BOOST_AUTO_TEST_CASE(an_unreachable_server_is_a_run_error_naming_the_address) {
    // Port 1 on the loopback refuses at once.
    BOOST_CHECK_EXCEPTION(store::Store::open("postgresql://pir:s3cret@127.0.0.1:1/pir?connect_timeout=5"),
                          common::PirpackError, [](const common::PirpackError& e) {
                              const std::string message = e.what();
                              return e.kind() == common::ErrorKind::run &&
                                     message.find("cannot connect to the store postgresql://pir:***@127.0.0.1:1/pir") == 0 &&
                                     message.find("s3cret") == std::string::npos;
                          });
}

BOOST_AUTO_TEST_CASE(loads_rows_and_history_in_one_transaction, *boost::unit_test::precondition(server_given)) {
    const std::string location = fresh_store("pirpack_test_load");
    auto db = store::Store::open(location);
    BOOST_TEST(store::database_version().rfind("PostgreSQL ", 0) == 0);
    auto tables = store::RunTables::create(location);
    db->begin();
    long run = db->start_run({"P", "2024-03", "2024-04-05"});
    auto writer = tables->create_table(small_source());
    writer->add_row(values("CR1", "2023-04-01", 0, 0.1, 1));
    std::vector<std::vector<validate::Value>> batch = {values("CR2\ttab\\slash\nline", "2023-04-02", 2, -1, 0),
                                                       values(std::string("nul\0and\xff", 8), "2023-04-03", 3, 1e-300, 0)};
    writer->add_rows(batch, 2);
    BOOST_TEST(writer->rows() == 3);
    writer.reset();
    auto source = small_source();
    source.indexes = {{"recorded_date"}, {"crime_id", "handovers"}};
    tables->create_indexes(source);
    tables->finish_load();
    db->add_input_file(run, {"crime", "crime.csv", "ab12", 120, 4, 3, 1, 0});
    validate::Reject reject{{"crime.csv", "", 4, 2, "Date Recorded"}, "31/02/2023\t=1+1", "cannot read"};
    db->add_rejects(run, "crime", {reject});
    db->finish_run(run, "ok");
    db->commit();

    auto session = tables->open_session();
    BOOST_TEST(session->query("SELECT crime_id, recorded_date, handovers, cost, arrest FROM crime ORDER BY recorded_date") ==
               (Rows{{"CR1", "2023-04-01", "0", "0.1", "1"},
                     {"CR2\ttab\\slash\nline", "2023-04-02", "2", "", "0"},
                     {"nul\xEF\xBF\xBD" "and\xEF\xBF\xBD", "2023-04-03", "3", "1.0e-300", "0"}}));
    BOOST_TEST(session->query("SELECT indexname FROM pg_indexes WHERE tablename = 'crime' AND schemaname LIKE "
                              "'pirpack_run_staging%' ORDER BY indexname") ==
               (Rows{{"crime_index_1"}, {"crime_index_2"}}));
    auto query = session->prepare("SELECT COUNT(*) AS value, SUM(cost) AS total FROM crime"
                                  " WHERE recorded_date BETWEEN :from AND :to AND arrest");
    auto result = query->run({{"from", "2023-04-01"}, {"to", "2023-04-30"}});
    BOOST_TEST(result.columns == (std::vector<std::string>{"value", "total"}));
    BOOST_TEST(result.rows[0][0].number == 1.0);
    BOOST_TEST(result.rows[0][1].number == 0.1);  // the very double loaded
    BOOST_CHECK_THROW(session->query("DELETE FROM crime"), common::PirpackError);  // read-only
    session.reset();
    tables->publish();
    BOOST_TEST(tables->published_location().find("(schema pirpack_run)") != std::string::npos);
    BOOST_TEST(db->query("SELECT COUNT(*) FROM pirpack_run.crime") == (Rows{{"3"}}));
    BOOST_TEST(db->query("SELECT source, rows_read, rows_loaded, rows_rejected FROM pirpack_input_files") ==
               (Rows{{"crime", "4", "3", "1"}}));
    BOOST_TEST(db->query("SELECT file, line, column_number, column_name, value FROM pirpack_rejects") ==
               (Rows{{"crime.csv", "4", "2", "Date Recorded", "31/02/2023\t=1+1"}}));
    BOOST_TEST(db->query("SELECT period, status FROM pirpack_runs") == (Rows{{"2024-03", "ok"}}));
    BOOST_TEST(db->query("SELECT COUNT(*) FROM pg_namespace WHERE nspname LIKE 'pirpack_run_staging%'") == (Rows{{"0"}}));
}

BOOST_AUTO_TEST_CASE(a_rolled_back_run_leaves_the_last_good_one, *boost::unit_test::precondition(server_given)) {
    const std::string location = fresh_store("pirpack_test_rollback");
    load_rows(location, {values("OLD", "2023-04-01", 0, 1, 0)}, true);
    {
        auto db = store::Store::open(location);
        auto tables = store::RunTables::create(location);
        db->begin();
        db->start_run({"P", "2024-04", "2024-05-05"});
        tables->create_table(small_source())->add_row(values("NEW", "2023-04-01", 0, 1, 0));
        db->rollback();
    }
    {
        // Dies after loading, before publishing: the staging schema goes with the run.
        auto db = store::Store::open(location);
        auto tables = store::RunTables::create(location);
        tables->create_table(small_source())->add_row(values("NEWER", "2023-04-01", 0, 1, 0));
        tables->finish_load();
    }
    auto db = store::Store::open(location);
    BOOST_TEST(db->query("SELECT period FROM pirpack_runs") == (Rows{{"2024-03"}}));
    BOOST_TEST(db->query("SELECT crime_id FROM pirpack_run.crime") == (Rows{{"OLD"}}));
    BOOST_TEST(db->query("SELECT COUNT(*) FROM pg_namespace WHERE nspname LIKE 'pirpack_run_staging%'") == (Rows{{"0"}}));
}

BOOST_AUTO_TEST_CASE(a_killed_runs_staging_schema_is_dropped_by_the_next, *boost::unit_test::precondition(server_given)) {
    const std::string location = fresh_store("pirpack_test_abandoned");
    auto db = store::Store::open(location);
    // Above any pid Linux hands out, so no live server process can own it.
    db->query("CREATE SCHEMA pirpack_run_staging_99999999");
    auto tables = store::RunTables::create(location);
    BOOST_TEST(db->query("SELECT COUNT(*) FROM pg_namespace WHERE nspname = 'pirpack_run_staging_99999999'") ==
               (Rows{{"0"}}));
}

BOOST_AUTO_TEST_CASE(kpi_results_come_back_exactly, *boost::unit_test::precondition(server_given)) {
    const std::string location = fresh_store("pirpack_test_history");
    auto db = store::Store::open(location);
    db->begin();
    long first = db->start_run({"P", "2024-02", "2024-03-05"});
    std::vector<store::KpiRecord> records = {
        {"k1", "h1", "", "current", "2024-02-01", "2024-02-29", 0.1 + 0.2, 3, 7, "green"},
        {"k1", "h1", "North", "2023-04", "2023-04-01", "2023-04-30", 100.0 / 3, std::nullopt, std::nullopt, ""},
        {"k2", "h2", "", "current", "2024-02-01", "2024-02-29", std::nullopt, std::nullopt, std::nullopt, "grey"}};
    db->add_kpi_results(first, records);
    db->finish_run(first, "published");
    db->commit();
    db->begin();
    long second = db->start_run({"P", "2024-03", "2024-04-05"});
    auto previous = db->last_published_run("P", second);
    BOOST_REQUIRE(previous.has_value());
    BOOST_TEST(previous->run_id == first);
    BOOST_TEST(previous->period == "2024-02");
    auto back = db->kpi_results(first);
    BOOST_REQUIRE(back.size() == 3u);
    BOOST_TEST(back[1].scope == "North");  // ordered by kpi, scope, window
    BOOST_TEST(*back[1].value == 100.0 / 3);
    BOOST_TEST(!back[1].numerator.has_value());
    BOOST_TEST(*back[0].value == 0.1 + 0.2);
    BOOST_TEST(*back[0].numerator == 3.0);
    BOOST_TEST(!back[2].value.has_value());
    BOOST_TEST(back[2].rag == "grey");
    db->rollback();
    BOOST_TEST(!db->last_published_run("P", first).has_value());
}

// The same SQL over the same rows gives the same doubles from either store, down to the last bit.
BOOST_AUTO_TEST_CASE(kpi_sql_gives_sqlites_figures, *boost::unit_test::precondition(server_given)) {
    const std::string location = fresh_store("pirpack_test_figures");
    Poco::TemporaryFile file;
    std::vector<std::vector<validate::Value>> rows = {
        values("a", "2023-04-01", 7, 0.1, 1), values("B", "2023-04-02", 2, 0.2, 0), values("c", "2023-04-03", 3, 0.7, 0),
        values("A", "2023-05-01", 1, 0.3, 1)};
    auto postgres_tables = load_rows(location, rows, false);
    auto sqlite_tables = load_rows(file.path(), rows, false);
    auto postgres = postgres_tables->open_session();
    auto sqlite = sqlite_tables->open_session();
    const std::vector<std::string> statements = {
        "SELECT 100.0 * SUM(CASE WHEN arrest THEN 1 ELSE 0 END) / NULLIF(COUNT(*), 0) AS value,"
        " 1.0 * SUM(handovers) / COUNT(*) AS mean, SUM(handovers) / COUNT(*) AS whole, 7.0 * SUM(cost) AS cost"
        " FROM crime WHERE recorded_date BETWEEN :from AND :to AND :to >= '2023-04-01'",
        "SELECT crime_id AS scope, COUNT(*) AS value, CAST(SUM(cost) AS REAL) / 3 AS third FROM crime"
        " WHERE crime_id LIKE 'a%' GROUP BY crime_id ORDER BY crime_id",
        "SELECT SUBSTR(recorded_date, 1, 7) || ' - ' || crime_id AS scope, 28.0 * cost / 3 AS value FROM crime"
        " WHERE recorded_date <= :to ORDER BY scope"};
    for (const auto& sql : statements) {
        auto from_postgres = postgres->prepare(sql)->run({{"from", "2023-04-01"}, {"to", "2023-04-30"}});
        auto from_sqlite = sqlite->prepare(sql)->run({{"from", "2023-04-01"}, {"to", "2023-04-30"}});
        BOOST_TEST_CONTEXT(sql) {
            BOOST_TEST(from_postgres.columns == from_sqlite.columns);
            BOOST_REQUIRE(from_postgres.rows.size() == from_sqlite.rows.size());
            for (std::size_t r = 0; r < from_sqlite.rows.size(); ++r)
                for (std::size_t c = 0; c < from_sqlite.rows[r].size(); ++c) {
                    BOOST_TEST(from_postgres.rows[r][c].null == from_sqlite.rows[r][c].null);
                    BOOST_TEST(from_postgres.rows[r][c].number == from_sqlite.rows[r][c].number);
                    BOOST_TEST(from_postgres.rows[r][c].text == from_sqlite.rows[r][c].text);
                }
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
