// The closure report of the sample, end to end through the real command line: the reviewed
// Markdown golden and the golden dump of every workbook cell (period January 2024, as of
// 1 February 2024, so some actions are overdue), determinism, hostile text in the register, and
// a narrative tag that names no KPI.
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>

#include "cli/application.hpp"
#include "cli/exit_codes.hpp"
#include "ingest/xlsx_package.hpp"
#include "ingest/xlsx_reader.hpp"
#include "sample/sample_writer.hpp"
#include "xlsx_dump.hpp"

namespace fs = std::filesystem;

namespace {

constexpr const char* period = "2024-01";
constexpr const char* as_of = "2024-02-01";

std::string read(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

void write(const fs::path& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

struct Folders {
    fs::path root;
    fs::path inputs;
    ~Folders() {
        std::error_code ignored;
        fs::remove_all(root, ignored);
    }
};

const Folders& folders() {
    static const Folders made = [] {
        Folders f;
        f.root = fs::temp_directory_path() / ("pirpack-test-sample-pack-" + std::to_string(::getpid()));
        fs::remove_all(f.root);
        f.inputs = f.root / "inputs";
        pirpack::sample::write_sample({f.inputs.string(), 1, 1});
        return f;
    }();
    return made;
}

struct Run {
    int code = -1;
    std::string out, err;
};

Run run_pack(const fs::path& inputs, const fs::path& outputs) {
    std::ostringstream out, err;
    Run run;
    run.code = pirpack::cli::run_main({"pirpack", "run", "--inputs", inputs.string(), "--outputs", outputs.string(),
                                       "--period", period, "--as-of", as_of},
                                      out, err);
    run.out = out.str();
    run.err = err.str();
    return run;
}

// The sample's pack, made once for the suite.
const fs::path& pack() {
    static const fs::path made = [] {
        fs::path outputs = folders().root / "outputs";
        Run run = run_pack(folders().inputs, outputs);
        if (run.code != pirpack::cli::exit_success) throw std::runtime_error("pirpack run failed: " + run.err);
        return outputs / period;
    }();
    return made;
}

// A copy of the sample's inputs that the test may change.
fs::path copy_of_inputs(const std::string& name) {
    fs::path copy = folders().root / name;
    fs::remove_all(copy);
    fs::copy(folders().inputs, copy, fs::copy_options::recursive);
    return copy;
}

void compare_with_golden(const std::string& made, const std::string& golden_name) {
    const std::string golden = std::string(PIRPACK_GOLDEN_DIR) + "/" + golden_name;
    if (std::getenv("PIRPACK_GOLDEN_UPDATE")) {
        write(golden, made);
        BOOST_TEST_MESSAGE("updated " << golden);
        return;
    }
    const std::string expected = read(golden);
    BOOST_TEST(expected.size() > 1000u);
    BOOST_TEST((made == expected), golden_name << " differs from the golden; diff it against the pack in " << pack());
}

}  // namespace

BOOST_AUTO_TEST_SUITE(sample_pack)

BOOST_AUTO_TEST_CASE(the_pack_has_every_file) {
    for (const char* file : {"closure-report.md", "closure-report.html", "closure-report.xlsx", "kpis.json",
                             "manifest.json", "rejects.csv"})
        BOOST_TEST(fs::exists(pack() / file), file);
}

// Reviewed by reading it whole (see the commit that last changed it).
BOOST_AUTO_TEST_CASE(the_closure_report_matches_the_reviewed_golden) {
    compare_with_golden(read(pack() / "closure-report.md"), "sample_closure_report_2024-01.md");
}

// Every cell of every sheet (type, value, number format) as pirpack's own reader sees it.
BOOST_AUTO_TEST_CASE(the_closure_workbook_matches_the_reviewed_golden) {
    compare_with_golden(pirpack::testing::dump_workbook_tsv((pack() / "closure-report.xlsx").string()),
                        "sample_closure_report_2024-01.xlsx.tsv");
}

BOOST_AUTO_TEST_CASE(a_second_run_writes_the_same_report_bytes) {
    fs::path again = folders().root / "outputs-again";
    Run run = run_pack(folders().inputs, again);
    BOOST_REQUIRE(run.code == pirpack::cli::exit_success);
    for (const char* file : {"closure-report.md", "closure-report.html", "kpis.json"})
        BOOST_TEST((read(pack() / file) == read(again / period / file)), file << " differs between two runs");
    // The zip's bytes may differ; the cells may not.
    const std::string first = pirpack::testing::dump_workbook_tsv((pack() / "closure-report.xlsx").string());
    BOOST_TEST(first.size() > 1000u);
    BOOST_TEST((first == pirpack::testing::dump_workbook_tsv((again / period / "closure-report.xlsx").string())),
               "closure-report.xlsx reads back differently between two runs");
}

BOOST_AUTO_TEST_CASE(hostile_register_text_stays_literal_text) {
    fs::path inputs = copy_of_inputs("inputs-hostile");
    std::string actions = read(inputs / "residual_actions.csv");
    actions += "A-16,WS2,Local Policing Resolution Centres,\"Fix | pipes <script>alert(1)</script> "
               "=HYPERLINK(\"\"http://x\"\") +1-2 `code`\nsecond line \xF0\x9F\x9A\x93\",=1+1,2024-06-30,Open,,\n";
    write(inputs / "residual_actions.csv", actions);
    fs::path outputs = folders().root / "outputs-hostile";
    Run run = run_pack(inputs, outputs);
    BOOST_REQUIRE_MESSAGE(run.code == pirpack::cli::exit_success, run.err);
    const std::string md = read(outputs / period / "closure-report.md");
    BOOST_TEST(md.find("| A-16 | Fix \\| pipes \\<script\\>alert(1)\\</script\\> =HYPERLINK(\"http://x\") +1-2 "
                       "\\`code\\` second line \xF0\x9F\x9A\x93 | =1+1 |") != std::string::npos);
    const std::string html = read(outputs / period / "closure-report.html");
    BOOST_TEST(html.find("<script>alert") == std::string::npos);
    BOOST_TEST(html.find("Fix | pipes &lt;script&gt;alert(1)&lt;/script&gt; =HYPERLINK(&quot;http://x&quot;) +1-2 "
                         "`code` second line \xF0\x9F\x9A\x93") != std::string::npos);
    // In the workbook the action and its owner are string cells holding exactly the register's
    // text, line break kept, and the Actions sheet holds no formula at all.
    const std::string xlsx = (outputs / period / "closure-report.xlsx").string();
    const std::string dump = pirpack::testing::dump_workbook_tsv(xlsx);
    const std::string action_cell =
        "\ttext\tFix | pipes <script>alert(1)</script> =HYPERLINK(\"http://x\") +1-2 `code`\\nsecond line "
        "\xF0\x9F\x9A\x93\t\n";
    std::smatch row;
    BOOST_REQUIRE_MESSAGE(std::regex_search(dump, row, std::regex("\nActions\tA([0-9]+)\ttext\tA-16\t")),
                          "no A-16 row on the Actions sheet");
    BOOST_TEST(dump.find("\nActions\tD" + row[1].str() + action_cell) != std::string::npos);
    BOOST_TEST(dump.find("\nActions\tE" + row[1].str() + "\ttext\t=1+1\t\n") != std::string::npos);
    auto book = pirpack::ingest::XlsxWorkbook::open(xlsx);
    std::string part;
    for (const auto& sheet : book->sheets())
        if (sheet.name == "Actions") part = sheet.part;
    BOOST_REQUIRE(!part.empty());
    auto package = pirpack::ingest::xlsx::ZipPackage::open(xlsx, xlsx, {});
    auto source = package->open_part(part);
    std::string sheet_xml;
    char buffer[65536];
    for (std::size_t n; (n = source->read(buffer, sizeof buffer)) > 0;) sheet_xml.append(buffer, n);
    BOOST_TEST(sheet_xml.find("HYPERLINK") == std::string::npos);  // it is in the shared strings, not a cell
    BOOST_TEST(std::regex_search(sheet_xml, std::regex("<c r=\"D" + row[1].str() + "\"[^>]* t=\"s\"")));
    BOOST_TEST(!std::regex_search(sheet_xml, std::regex("<f[ >/]")), "the Actions sheet has a formula");
}

BOOST_AUTO_TEST_CASE(a_tag_naming_no_kpi_fails_the_run_with_file_and_line) {
    fs::path inputs = copy_of_inputs("inputs-bad-tag");
    fs::path file = inputs / "narrative" / "05-operations.md";
    std::string text = read(file);
    text = std::regex_replace(text, std::regex("\\{\\{kpi\\.roads_psl_met\\.current\\}\\}"),
                              "{{kpi.roads_psl_mett.current}}", std::regex_constants::format_first_only);
    write(file, text);
    fs::path outputs = folders().root / "outputs-bad-tag";
    Run run = run_pack(inputs, outputs);
    BOOST_TEST(run.code == pirpack::cli::exit_input);
    std::smatch where;
    BOOST_REQUIRE(std::regex_search(run.err, where,
                                    std::regex("narrative/05-operations\\.md:([0-9]+):([0-9]+): error: "
                                               "\"\\{\\{kpi\\.roads_psl_mett\\.current\\}\\}\" names KPI "
                                               "\"roads_psl_mett\", which the programme does not have\nhint: did you "
                                               "mean \"roads_psl_met\"\\?")));
    // The line is where the tag is in the file.
    int line = std::stoi(where[1]);
    std::istringstream lines(text);
    std::string at;
    for (int i = 0; i < line; ++i) std::getline(lines, at);
    BOOST_TEST(at.find("{{kpi.roads_psl_mett.current}}") != std::string::npos);
    BOOST_TEST(!fs::exists(outputs / period));
}

BOOST_AUTO_TEST_CASE(a_pack_for_beyond_the_board_shows_no_small_figure_and_no_raw_count) {
    fs::path outputs = folders().root / "outputs-publish";
    std::ostringstream out, err;
    BOOST_REQUIRE(pirpack::cli::run_main({"pirpack", "run", "--inputs", folders().inputs.string(), "--outputs",
                                          outputs.string(), "--period", period, "--as-of", as_of, "--publish"},
                                         out, err) == pirpack::cli::exit_success);
    const std::string md = read(outputs / period / "closure-report.md");
    BOOST_TEST(md.find("| Sergeants in post in the Intel Hub (i24 before go-live) | - | <5 | <5 | 2 | Green | - | not tested |") !=
               std::string::npos);
    BOOST_TEST(md.find("is shown as\n\"<5\"") != std::string::npos);
    const std::string json = read(outputs / period / "kpis.json");
    BOOST_TEST(std::regex_search(json, std::regex("\"(numerator|denominator)\": *[0-9]")) == false);
    BOOST_TEST(json.find("\"suppressed\": true") != std::string::npos);
    // The board's own pack of the same run shows the figure.
    BOOST_TEST(read(pack() / "closure-report.md").find("| Sergeants in post in the Intel Hub (i24 before go-live) | - | 1 | 2 | 2 |") !=
               std::string::npos);
}

// ---- the residual-action register (issue 6) ------------------------------------------------------

namespace {

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    std::size_t at = text.find(from);
    BOOST_REQUIRE_MESSAGE(at != std::string::npos, "the sample no longer has " << from);
    return text.replace(at, from.size(), to);
}

// The lines of the Markdown section that starts with `heading`, up to the next heading of the
// same level.
std::string section(const std::string& markdown, const std::string& heading) {
    std::size_t start = markdown.find("\n" + heading + "\n");
    if (start == std::string::npos) return "";
    std::size_t level = heading.find(' ');
    std::size_t end = markdown.find("\n" + heading.substr(0, level + 1), start + heading.size() + 2);
    return markdown.substr(start + 1, end == std::string::npos ? std::string::npos : end - start - 1);
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_register_matches_the_reviewed_golden) {
    compare_with_golden(read(pack() / "residual-actions.md"), "sample_residual_actions_2024-01.md");
}

BOOST_AUTO_TEST_CASE(a_changed_register_reports_exactly_what_changed) {
    fs::path inputs = copy_of_inputs("inputs-register");
    fs::path outputs = folders().root / "outputs-register";
    std::ostringstream out, err;
    BOOST_REQUIRE(pirpack::cli::run_main({"pirpack", "run", "--inputs", inputs.string(), "--outputs", outputs.string(),
                                          "--period", "2024-01", "--as-of", "2024-02-01"},
                                         out, err) == pirpack::cli::exit_success);
    std::string actions = read(inputs / "residual_actions.csv");
    actions = replaced(actions, ",Q4 23/24,Open,25/03/2024,Decision expected", ",Q4 23/24,Closed,25/03/2024,Decision expected");
    actions = replaced(actions, ",,mid-2024,Not started,", ",,end of 2024,Not started,");
    actions = replaced(actions, "\"Supts for Intel, FCID, Prevention and LP\",,Open", "Supt Prevention,,Open");
    actions += "A-16,WS4,Operations,Agree the Dogs training plan with the regional unit.,Supt Operations,Q1 24/25,Open,,\n";
    write(inputs / "residual_actions.csv", actions);
    BOOST_REQUIRE(pirpack::cli::run_main({"pirpack", "run", "--inputs", inputs.string(), "--outputs", outputs.string(),
                                          "--period", "2024-02", "--as-of", "2024-03-01"},
                                         out, err) == pirpack::cli::exit_success);
    const std::string changes = section(read(outputs / "2024-02" / "residual-actions.md"), "## Changes since the last pack");
    BOOST_TEST(changes ==
               "## Changes since the last pack\n\n"
               "| ID | Change | Was | Now | Action |\n"
               "|---|---|---|---|---|\n"
               "| A-08 | owner | Supts for Intel, FCID, Prevention and LP | Supt Prevention | Make sure no allocation gap "
               "opens for lower-level investigations and SOC level 1 offending between SNT, FCID and the Prevention Hub. |\n"
               "| A-10 | closed | Open | Closed | Consider a small review of DART resources if concerns about RASSO "
               "capacity are not easing. |\n"
               "| A-13 | due | 2024-06-30 (mid-2024) | 2024-12-31 (end of 2024) | Carry out a proportionate review of the "
               "Prevention Hub. |\n"
               "| A-16 | new | - | Open | Agree the Dogs training plan with the regional unit. |\n");
    // The re-dated action says how often it has moved.
    BOOST_TEST(read(outputs / "2024-02" / "residual-actions.md").find("due date moved 1 time (was mid-2024)") !=
               std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_kpi_red_for_three_months_is_proposed_until_an_open_action_names_it) {
    const std::string row = "| WS5 Force CID / DART | Days with at most one Force CID detective sergeant on duty "
                            "(`fcid_ds_single_cover_share`) |";
    BOOST_TEST(read(pack() / "residual-actions.md").find(row) != std::string::npos);
    fs::path inputs = copy_of_inputs("inputs-proposal");
    std::string actions = read(inputs / "residual_actions.csv");
    actions += "A-16,WS5,Force Investigations,Cut the days with at most one Force CID detective sergeant on duty "
               "(fcid_ds_single_cover_share).,Supt Investigations,Q1 24/25,Open,,\n";
    write(inputs / "residual_actions.csv", actions);
    fs::path outputs = folders().root / "outputs-proposal";
    Run run = run_pack(inputs, outputs);
    BOOST_REQUIRE_MESSAGE(run.code == pirpack::cli::exit_success, run.err);
    const std::string register_md = read(outputs / period / "residual-actions.md");
    BOOST_TEST(register_md.find("fcid_ds_single_cover_share`) |") == std::string::npos);
    // The other proposals stay.
    BOOST_TEST(register_md.find("(`patrol_arrest_rate`) |") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_register_workbook_reads_back_as_next_months_register) {
    fs::path inputs = copy_of_inputs("inputs-round-trip");
    fs::copy_file(pack() / "residual-actions.xlsx", inputs / "residual_actions.xlsx");
    fs::remove(inputs / "residual_actions.csv");
    write(inputs / "programme.toml",
          replaced(read(inputs / "programme.toml"), "path = \"residual_actions.csv\"", "path = \"residual_actions.xlsx\""));
    fs::path outputs = folders().root / "outputs-round-trip";
    Run run = run_pack(inputs, outputs);
    BOOST_REQUIRE_MESSAGE(run.code == pirpack::cli::exit_success, run.err);
    BOOST_TEST(run.out.find("actions: 15 rows read, 15 loaded, 0 rejected") != std::string::npos);
    const std::string before = section(read(pack() / "closure-report.md"), "## Summary of actions");
    const std::string after = section(read(outputs / period / "closure-report.md"), "## Summary of actions");
    BOOST_TEST(before.size() > 1000u);
    BOOST_TEST(after == before);
}

BOOST_AUTO_TEST_CASE(residual_activity_citing_no_register_id_is_listed_with_file_and_line) {
    fs::path inputs = copy_of_inputs("inputs-untracked");
    fs::path file = inputs / "narrative" / "05-operations.md";
    write(file, read(file) + "- Agree cover for HS2 abnormal loads with the neighbouring forces.\n- Something about [A-99].\n");
    fs::path outputs = folders().root / "outputs-untracked";
    Run run = run_pack(inputs, outputs);
    BOOST_REQUIRE_MESSAGE(run.code == pirpack::cli::exit_success, run.err);
    int lines = 0;
    for (char c : read(file)) lines += c == '\n';
    const std::string md = read(outputs / period / "closure-report.md");
    BOOST_TEST(md.find("| narrative/05-operations.md | " + std::to_string(lines - 1) +
                       " | Agree cover for HS2 abnormal loads with the neighbouring forces. |  |") != std::string::npos);
    BOOST_TEST(md.find("| narrative/05-operations.md | " + std::to_string(lines) +
                       " | Something about \\[A-99\\]. | cites A-99, which the register does not have |") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
