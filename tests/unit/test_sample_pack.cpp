// The closure report of the sample, end to end through the real command line: the reviewed
// Markdown golden (period January 2024, as of 1 February 2024, so some actions are overdue),
// determinism, hostile text in the register, and a narrative tag that names no KPI.
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
#include "sample/sample_writer.hpp"

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

BOOST_AUTO_TEST_CASE(a_second_run_writes_the_same_report_bytes) {
    fs::path again = folders().root / "outputs-again";
    Run run = run_pack(folders().inputs, again);
    BOOST_REQUIRE(run.code == pirpack::cli::exit_success);
    for (const char* file : {"closure-report.md", "closure-report.html", "kpis.json"})
        BOOST_TEST((read(pack() / file) == read(again / period / file)), file << " differs between two runs");
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

BOOST_AUTO_TEST_SUITE_END()
