// Two packs in a row: RAG changes, a restated month, a changed definition.
#include <Poco/File.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/TemporaryFile.h>

#include <boost/test/unit_test.hpp>
#include <fstream>
#include <sstream>

#include "cli/application.hpp"
#include "cli/exit_codes.hpp"

using namespace pirpack;

namespace {

const std::string programme_head = R"([programme]
name = "History test"
organisation = "Test Force"
protective_marking = "OFFICIAL"
go_live = 2023-04-01
baseline = { from = 2022-04-01, to = 2023-03-31 }

[[workstream]]
id = "WS1"
name = "Local Policing Areas"

[[source]]
name = "crime"
path = "crime.csv"
date_formats = ["%d/%m/%Y"]
[source.columns]
crime_id = { header = "Crime Ref", type = "text", required = true }
recorded_date = { header = "Date Recorded", type = "date", required = true }
risk = { header = "Risk", type = "enum", values = ["Standard", "High"] }

[[kpi]]
id = "high_risk_share"
workstream = "WS1"
title = "High-risk share of crimes"
unit = "percent"
direction = "lower_is_better"
)";

const std::string kpi_sql = R"(
sql = """
SELECT 100.0 * SUM(CASE WHEN risk = 'High' THEN 1 ELSE 0 END) / COUNT(*) AS value,
       SUM(CASE WHEN risk = 'High' THEN 1 ELSE 0 END) AS numerator, COUNT(*) AS denominator
FROM crime WHERE recorded_date BETWEEN :from AND :to
"""
)";

// 20 crimes a month in April and May 2023, `april_high` and `may_high` of them high risk.
void write_inputs(const std::string& dir, int april_high, int may_high, const std::string& target) {
    Poco::File(dir).createDirectories();
    std::ofstream(dir + "/programme.toml") << programme_head << "target = " << target << "\namber = 12.5\n" << kpi_sql;
    std::ofstream csv(dir + "/crime.csv");
    csv << "Crime Ref,Date Recorded,Risk\n";
    for (int month : {4, 5})
        for (int i = 0; i < 20; ++i)
            csv << "CR" << month << "-" << i << "," << (i + 1 < 10 ? "0" : "") << i + 1 << "/0" << month << "/2023,"
                << (i < (month == 4 ? april_high : may_high) ? "High" : "Standard") << "\n";
}

Poco::JSON::Object::Ptr run_pack(const std::string& inputs, const std::string& outputs, const std::string& period) {
    std::ostringstream out, err;
    int code = cli::run_main({"pirpack", "run", "--inputs", inputs, "--outputs", outputs, "--period", period, "--as-of",
                              "2023-06-05"},
                             out, err);
    BOOST_REQUIRE_MESSAGE(code == cli::exit_success, err.str());
    std::ifstream json(outputs + "/" + period + "/kpis.json");
    std::stringstream text;
    text << json.rdbuf();
    Poco::JSON::Parser parser;
    return parser.parse(text.str()).extract<Poco::JSON::Object::Ptr>()->getObject("since_last_pack");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(kpi_history)

BOOST_AUTO_TEST_CASE(rag_changes_restatements_and_definition_changes) {
    Poco::TemporaryFile work;
    const std::string inputs = work.path() + "/in", outputs = work.path() + "/out";

    // April: 1 of 20 high (5%, green). May: 3 of 20 (15%, red against target 10 and amber 12.5).
    write_inputs(inputs, 1, 3, "10.0");
    auto first = run_pack(inputs, outputs, "2023-04");
    BOOST_TEST(first->get("previous_pack").isEmpty());
    auto second = run_pack(inputs, outputs, "2023-05");
    BOOST_TEST(second->getObject("previous_pack")->getValue<std::string>("period") == "2023-04");
    auto rag = second->getArray("rag_changes");
    BOOST_REQUIRE(rag->size() == 1u);
    BOOST_TEST(rag->getObject(0)->getValue<std::string>("kpi") == "high_risk_share");
    BOOST_TEST(rag->getObject(0)->getValue<std::string>("before") == "green");
    BOOST_TEST(rag->getObject(0)->getValue<std::string>("after") == "red");
    BOOST_TEST(second->getArray("restatements")->size() == 0u);
    BOOST_TEST(second->getArray("definition_changes")->size() == 0u);

    // A late correction makes two more April crimes high risk: April was reported as 5%, now 15%.
    write_inputs(inputs, 3, 3, "10.0");
    auto third = run_pack(inputs, outputs, "2023-05");
    auto restatements = third->getArray("restatements");
    BOOST_REQUIRE(restatements->size() == 1u);
    auto restated = restatements->getObject(0);
    BOOST_TEST(restated->getValue<std::string>("month") == "2023-04");
    BOOST_TEST(restated->getValue<double>("reported") == 5.0);
    BOOST_TEST(restated->getValue<double>("now") == 15.0);
    BOOST_TEST(third->getArray("rag_changes")->size() == 0u);

    // A new target is a new definition: reported as such, and not searched for restatements.
    write_inputs(inputs, 3, 3, "8.0");
    auto fourth = run_pack(inputs, outputs, "2023-05");
    auto definitions = fourth->getArray("definition_changes");
    BOOST_REQUIRE(definitions->size() == 1u);
    BOOST_TEST(definitions->getObject(0)->getValue<std::string>("kpi") == "high_risk_share");
    BOOST_TEST(definitions->getObject(0)->getValue<std::string>("before") !=
               definitions->getObject(0)->getValue<std::string>("after"));
    BOOST_TEST(fourth->getArray("rag_changes")->size() == 0u);
    BOOST_TEST(fourth->getArray("restatements")->size() == 0u);
}

BOOST_AUTO_TEST_SUITE_END()
