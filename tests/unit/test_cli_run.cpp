#include <Poco/File.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/TemporaryFile.h>
#include <Poco/Timestamp.h>

#include <boost/test/unit_test.hpp>
#include <fstream>
#include <sstream>

#include "cli/application.hpp"
#include "cli/exit_codes.hpp"
#include "publish/run_lock.hpp"
#include "store/store.hpp"

#include <unistd.h>

using namespace pirpack;
using Rows = std::vector<std::vector<std::string>>;

namespace {

int run(const std::vector<std::string>& args, std::string& out, std::string& err) {
    std::ostringstream out_stream, err_stream;
    std::vector<std::string> argv = {"pirpack"};
    argv.insert(argv.end(), args.begin(), args.end());
    int code = cli::run_main(argv, out_stream, err_stream);
    out = out_stream.str();
    err = err_stream.str();
    return code;
}

const std::string golden = PIRPACK_GOLDEN_DIR;

}  // namespace

BOOST_AUTO_TEST_SUITE(cli_run)

BOOST_AUTO_TEST_CASE(run_loads_every_extract_and_records_its_hash_and_counts) {
    Poco::TemporaryFile outputs;
    std::string out, err;
    int code = run({"run", "--programme", golden + "/validate_ok/programme.toml", "--outputs", outputs.path(),
                    "--period", "2024-03", "--as-of", "2024-04-05"},
                   out, err);
    BOOST_TEST(code == cli::exit_success, err);
    auto db = store::Store::open(outputs.path() + "/pirpack.db");
    auto tables = store::Store::open(outputs.path() + "/pirpack-run.db");
    BOOST_TEST(tables->query("SELECT crime_id, recorded_date, risk FROM crime ORDER BY crime_id") ==
               (Rows{{"CR1", "2023-04-01", "High"}, {"CR2", "2023-05-01", "Medium"}}));
    auto files = db->query("SELECT sha256, bytes, rows_read, rows_loaded, rows_rejected FROM pirpack_input_files ORDER BY path");
    BOOST_TEST(files == (Rows{{"7dcfb727bb7fc1d319e8bd31d6792973b261ac83b1e07935256bb714168b0f21", "51", "1", "1", "0"},
                              {"001dd95acbc5d8fc4b59ed708190ad439dfb72e399bb1ffc4c86827aae86ea91", "53", "1", "1", "0"}}));
    BOOST_TEST(db->query("SELECT period, as_of, status FROM pirpack_runs") == (Rows{{"2024-03", "2024-04-05", "published"}}));
    BOOST_TEST(Poco::File(outputs.path() + "/2024-03/kpis.json").exists());
    BOOST_TEST(!Poco::File(outputs.path() + "/.2024-03.staging").exists());
}

// The run tables move into place after the store's commit has published the run, so a failure
// there is a warning: the pack stands and the run exits 0.
BOOST_AUTO_TEST_CASE(run_tables_that_cannot_move_into_place_leave_the_published_pack_with_a_warning) {
    Poco::TemporaryFile outputs;
    Poco::File(outputs.path() + "/pirpack-run.db").createDirectories();  // rename() cannot replace it
    std::ofstream(outputs.path() + "/pirpack-run.db/keep") << "x";
    std::string out, err;
    int code = run({"run", "--programme", golden + "/validate_ok/programme.toml", "--outputs", outputs.path(),
                    "--period", "2024-03", "--as-of", "2024-04-05"},
                   out, err);
    BOOST_TEST(code == cli::exit_success, err);
    BOOST_TEST(err == "pirpack run: warning: the pack is published, but cannot move the run tables into place "
                      "(check that pirpack may write to the store's folder); " +
                          outputs.path() + "/pirpack-run.db still holds the previous run's extracts until a run "
                                           "moves its own in\n");
    BOOST_TEST(out.find("published " + outputs.path() + "/2024-03") != std::string::npos, out);
    auto db = store::Store::open(outputs.path() + "/pirpack.db");
    BOOST_TEST(db->query("SELECT period, status FROM pirpack_runs") == (Rows{{"2024-03", "published"}}));
    BOOST_TEST(Poco::File(outputs.path() + "/2024-03/kpis.json").exists());
    BOOST_TEST(Poco::File(outputs.path() + "/pirpack-run.db/keep").exists());
    BOOST_TEST(!Poco::File(outputs.path() + "/pirpack-run.db.staging").exists());
}

BOOST_AUTO_TEST_CASE(failing_kpis_are_all_listed_and_nothing_is_published) {
    Poco::TemporaryFile outputs;
    std::string out, err;
    BOOST_REQUIRE(run({"run", "--programme", golden + "/validate_ok/programme.toml", "--outputs", outputs.path(),
                       "--period", "2024-03", "--as-of", "2024-04-05"},
                      out, err) == cli::exit_success);
    const std::string json = outputs.path() + "/2024-03/kpis.json";
    Poco::File(json).setLastModified(Poco::Timestamp::fromEpochTime(1000000000));
    int code = run({"run", "--programme", golden + "/run_kpi_failure/programme.toml", "--outputs", outputs.path(),
                    "--period", "2024-03", "--as-of", "2024-04-05"},
                   out, err);
    BOOST_TEST(code == cli::exit_run_failure);
    const std::string where = golden + "/run_kpi_failure/programme.toml";
    BOOST_TEST(err == where + ":35:7: error: KPI \"crimes_recorded\" failed: no such column: outcome_code\n"
                              "hint: correct its sql; the pack never goes out with a KPI missing\n" +
                          where + ":49:7: error: KPI \"high_risk_share\" failed: the SQL returns no column named value "
                                  "(it returns share, numerator, total) (window baseline)\n"
                                  "hint: correct its sql; the pack never goes out with a KPI missing\n"
                                  "pirpack run: 2 KPIs failed; nothing was published and the store is as the last good run left it\n",
               "" << err);
    // The last good pack is untouched, and no staging folder is left behind.
    BOOST_TEST(Poco::File(json).getLastModified().epochTime() == 1000000000);
    BOOST_TEST(!Poco::File(outputs.path() + "/.2024-03.staging").exists());
    auto db = store::Store::open(outputs.path() + "/pirpack.db");
    BOOST_TEST(db->query("SELECT COUNT(*) FROM pirpack_runs") == (Rows{{"1"}}));
}

BOOST_AUTO_TEST_CASE(a_run_over_the_reject_limit_changes_nothing) {
    Poco::TemporaryFile outputs;
    std::string out, err;
    const std::string db_path = outputs.path() + "/pirpack.db";
    BOOST_REQUIRE(run({"run", "--programme", golden + "/validate_ok/programme.toml", "--outputs", outputs.path(),
                       "--period", "2024-03", "--as-of", "2024-04-05"},
                      out, err) == cli::exit_success);
    int code = run({"run", "--programme", golden + "/validate_rejects/programme.toml", "--store", db_path, "--period",
                    "2024-03", "--as-of", "2024-04-05"},
                   out, err);
    BOOST_TEST(code == cli::exit_input);
    BOOST_TEST(err.find("source \"crime\": 14 of 18 rows rejected (77.78%), more than max_reject_rate allows (50.00%)") != std::string::npos, err);
    auto db = store::Store::open(db_path);
    auto tables = store::Store::open(outputs.path() + "/pirpack-run.db");
    BOOST_TEST(tables->query("SELECT crime_id FROM crime ORDER BY crime_id") == (Rows{{"CR1"}, {"CR2"}}));
    BOOST_TEST(!Poco::File(outputs.path() + "/pirpack-run.db.staging").exists());
    BOOST_TEST(db->query("SELECT COUNT(*) FROM pirpack_runs") == (Rows{{"1"}}));
    BOOST_TEST(db->query("SELECT COUNT(*) FROM pirpack_rejects") == (Rows{{"0"}}));
}

BOOST_AUTO_TEST_CASE(the_pack_holds_every_reject_and_a_manifest_that_accounts_for_every_row) {
    Poco::TemporaryFile work;
    Poco::File(work.path() + "/in").createDirectories();
    Poco::File(golden + "/validate_rejects/crime.csv").copyTo(work.path() + "/in/crime.csv");
    {
        std::ifstream in(golden + "/validate_rejects/programme.toml");
        std::stringstream text;
        text << in.rdbuf();
        std::string programme = text.str();
        programme.replace(programme.find("max_reject_rate = 0.5"), 21, "max_reject_rate = 0.9");
        std::ofstream(work.path() + "/in/programme.toml") << programme;
    }
    std::string out, err;
    BOOST_REQUIRE_MESSAGE(run({"run", "--inputs", work.path() + "/in", "--outputs", work.path() + "/out", "--period",
                               "2023-04", "--as-of", "2023-05-02"},
                              out, err) == cli::exit_success,
                          err);
    std::ifstream rejects(work.path() + "/out/2023-04/rejects.csv");
    std::string line;
    std::vector<std::string> lines;
    while (std::getline(rejects, line)) lines.push_back(line);
    // A header, 14 rejects, and one of them spans two lines (the never-closed quote swallowed a line end).
    BOOST_REQUIRE(lines.size() == 16u);
    BOOST_TEST(lines[1] == "crime," + work.path() + "/in/crime.csv,,4,2,Date Recorded,31/02/2023,\"cannot read "
                           "\"\"31/02/2023\"\" as a date (date_formats: %d/%m/%Y)\"\r");
    // The second CR02 is a reject, found by the loader across its reader threads, and not in the table.
    BOOST_TEST(lines[11] == "crime," + work.path() +
                                "/in/crime.csv,,15,,,CR02,\"duplicate key (crime_id) \"\"CR02\"\": already loaded from line 3\"\r");
    BOOST_TEST(lines[12] == "crime," + work.path() + "/in/crime.csv,,18,5,Cost,caf\xEF\xBF\xBD,invalid UTF-8 at byte offset 542\r");
    Poco::JSON::Parser parser;
    std::ifstream manifest_file(work.path() + "/out/2023-04/manifest.json");
    std::stringstream manifest_text;
    manifest_text << manifest_file.rdbuf();
    auto manifest = parser.parse(manifest_text.str()).extract<Poco::JSON::Object::Ptr>();
    auto input = manifest->getArray("inputs")->getObject(0);
    BOOST_TEST(input->getValue<long>("rows_read") == 18);
    BOOST_TEST(input->getValue<long>("rows_loaded") == 4);
    BOOST_TEST(input->getValue<long>("rows_rejected") == 14);
    BOOST_TEST(input->getValue<bool>("rows_accounted"));
    auto tables = store::Store::open(work.path() + "/out/pirpack-run.db");
    BOOST_TEST(tables->query("SELECT crime_id, recorded_date FROM crime ORDER BY crime_id") ==
               (Rows{{"CR01", "2023-04-01"}, {"CR02", "2023-04-02"}, {"CR03", "2023-04-15"}, {"CR13", "2023-04-12"}}));
    BOOST_TEST(input->getValue<std::string>("sha256") == "c8fada97708f8a8470de6165d4afb9ce05534b144e4a6bf4cb62123c752406bb");
    std::vector<std::string> stages;
    auto stage_list = manifest->getArray("stages");
    for (size_t i = 0; i < stage_list->size(); ++i) stages.push_back(stage_list->getObject(static_cast<unsigned>(i))->getValue<std::string>("stage"));
    BOOST_TEST(stages == (std::vector<std::string>{"read+validate crime", "load crime", "index crime", "finish load",
                                                   "evaluate", "render", "write"}));
    BOOST_TEST(stage_list->getObject(0)->getValue<bool>("overlapped"));
    BOOST_TEST(!stage_list->getObject(1)->has("overlapped"));
    BOOST_TEST(out.find("  stages: read+validate ") != std::string::npos);
    BOOST_TEST(out.find(", publish ") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_log_file_records_what_the_console_says_and_no_values) {
    Poco::TemporaryFile work;
    Poco::File(work.path()).createDirectories();
    std::ofstream(work.path() + "/settings.properties") << "log.file = " << work.path() << "/logs/pirpack.log\n";
    std::string out, err;
    BOOST_REQUIRE(run({"run", "--config", work.path() + "/settings.properties", "--programme",
                       golden + "/validate_rejects/programme.toml", "--outputs", work.path() + "/out", "--period",
                       "2023-04", "--as-of", "2023-05-02"},
                      out, err) == cli::exit_input);
    std::ifstream log_file(work.path() + "/logs/pirpack.log");
    std::stringstream text;
    text << log_file.rdbuf();
    const std::string log = text.str();
    BOOST_TEST(log.find(" Information [") != std::string::npos, log);
    BOOST_TEST(log.find("pirpack run: period 2023-04, as of 2023-05-02") != std::string::npos);
    BOOST_TEST(log.find("crime: 18 rows read, 4 loaded, 14 rejected") != std::string::npos);
    BOOST_TEST(log.find(" Error [") != std::string::npos);
    BOOST_TEST(log.find("run failed with exit code 3") != std::string::npos);
    // Rejected values never reach the log.
    BOOST_TEST(log.find("31/02/2023") == std::string::npos);
    BOOST_TEST(log.find("Severe") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_second_run_exits_at_once_naming_the_holder) {
    Poco::TemporaryFile outputs;
    publish::RunLock holder(outputs.path());
    std::string out, err;
    int code = run({"run", "--programme", golden + "/validate_ok/programme.toml", "--outputs", outputs.path(),
                    "--period", "2024-03", "--as-of", "2024-04-05"},
                   out, err);
    BOOST_TEST(code == cli::exit_locked);
    const std::string expected_start = outputs.path() + "/pirpack.lock: error: another run is in progress: pid " +
                                       std::to_string(::getpid()) + ", started ";
    BOOST_TEST(err.rfind(expected_start, 0) == 0u, err);
    BOOST_TEST(err.find("hint: wait for it to finish; the lock is released when that process ends") != std::string::npos);
    BOOST_TEST(!Poco::File(outputs.path() + "/2024-03").exists());
}

BOOST_AUTO_TEST_CASE(the_lock_is_free_again_after_a_run) {
    Poco::TemporaryFile outputs;
    { publish::RunLock first(outputs.path()); }
    publish::RunLock second(outputs.path());
    BOOST_TEST(Poco::File(second.path()).exists());
}

BOOST_AUTO_TEST_CASE(bad_period_and_as_of_are_usage_errors) {
    std::string out, err;
    BOOST_TEST(run({"run", "--period", "2024-13"}, out, err) == cli::exit_usage);
    BOOST_TEST(err == "pirpack run: error: --period \"2024-13\" is not a month\nhint: write the month as YYYY-MM, for example --period 2024-03\n");
    BOOST_TEST(run({"run", "--as-of", "5/4/2024"}, out, err) == cli::exit_usage);
    BOOST_TEST(run({"run", "--period", "2024-05", "--as-of", "2024-04-05"}, out, err) == cli::exit_usage);
    BOOST_TEST(run({"run", "--bogus"}, out, err) == cli::exit_usage);
    BOOST_TEST(err.find("pirpack run: ") == 0u);
    BOOST_TEST(err.find("hint: see pirpack run --help") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
