// pirpack sample: the synthetic input folder. Checks that it is deterministic, that the numbers
// the seed report gives are in it exactly, and that every file reads through its own mapping.
#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>
#include <Poco/Zip/ZipArchive.h>
#include <Poco/Zip/ZipStream.h>
#include <unistd.h>

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "common/diagnostics.hpp"
#include "common/errors.hpp"
#include "config/programme_loader.hpp"
#include "ingest/xlsx_reader.hpp"
#include "sample/actions.hpp"
#include "sample/csv_writer.hpp"
#include "sample/establishment.hpp"
#include "sample/narrative.hpp"
#include "sample/people.hpp"
#include "sample/programme_text.hpp"
#include "sample/sample_writer.hpp"
#include "validate/source_reader.hpp"

namespace fs = std::filesystem;
namespace common = pirpack::common;
namespace config = pirpack::config;
namespace ingest = pirpack::ingest;
namespace validate = pirpack::validate;
// The suite is called "sample" too, so the generator is reached through this alias.
namespace gen = pirpack::sample;
using gen::Date;

namespace {

// A fresh folder under the system temp folder, removed with the test process's other folders.
std::string make_temp_dir(const std::string& name) {
    const fs::path path =
        fs::temp_directory_path() / ("pirpack-test-sample-" + std::to_string(::getpid()) + "-" + name);
    fs::remove_all(path);
    return path.string();
}

struct TempDirs {
    std::vector<std::string> paths;
    ~TempDirs() {
        std::error_code ignored;
        for (const auto& path : paths) fs::remove_all(path, ignored);
    }
};
TempDirs temp_dirs;

// The seed-1, scale-1 sample, written once and shared by the tests that only read it.
const std::string& seed_one() {
    static const std::string dir = [] {
        std::string path = make_temp_dir("seed1");
        temp_dirs.paths.push_back(path);
        gen::write_sample({path, 1, 1});
        return path;
    }();
    return dir;
}

std::string sha256_of(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
    char buffer[1 << 16];
    while (in) {
        in.read(buffer, sizeof buffer);
        engine.update(buffer, static_cast<unsigned>(in.gcount()));
    }
    return Poco::DigestEngine::digestToHex(engine.digest());
}

std::map<std::string, std::string> hash_folder(const std::string& dir) {
    std::map<std::string, std::string> hashes;
    for (const auto& entry : fs::recursive_directory_iterator(dir))
        if (entry.is_regular_file()) hashes[fs::relative(entry.path(), dir).generic_string()] = sha256_of(entry.path());
    return hashes;
}

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// Splits one CSV record (RFC 4180 quoting, no line breaks inside fields: the sample has none).
std::vector<std::string> split_csv_line(const std::string& line) {
    std::vector<std::string> fields(1);
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                fields.back().push_back('"');
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                fields.back().push_back(c);
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            fields.emplace_back();
        } else if (c != '\r') {
            fields.back().push_back(c);
        }
    }
    return fields;
}

std::vector<std::vector<std::string>> read_csv(const fs::path& path, int header_row = 1) {
    std::string text = read_file(path);
    if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
    std::istringstream in(text);
    std::vector<std::vector<std::string>> rows;
    std::string line;
    for (int skipped = 1; skipped < header_row && std::getline(in, line); ++skipped) {
    }
    while (std::getline(in, line)) rows.push_back(split_csv_line(line));
    return rows;
}

std::vector<std::string> xlsx_header(const fs::path& path, const std::string& sheet_name) {
    auto book = ingest::XlsxWorkbook::open(path.string());
    auto sheet = book->open_sheet(sheet_name);
    ingest::Row row;
    std::vector<std::string> headers;
    if (sheet->next(row))
        for (const auto& cell : row.cells) headers.push_back(cell.text);
    return headers;
}

config::Programme load_sample_programme() {
    common::DiagnosticList diagnostics;
    auto programme = config::parse_programme(gen::programme_toml(), "programme.toml", diagnostics);
    for (const auto& item : diagnostics.items()) BOOST_TEST_MESSAGE(common::format_diagnostic(item));
    BOOST_REQUIRE(programme.has_value());
    return *programme;
}

int posts_of(std::string_view team, std::string_view role, std::string_view lpa = {}) {
    int total = 0;
    for (const auto& group : gen::model_post_groups())
        if (group.team == team && group.role == role && (lpa.empty() || group.lpa == lpa) && !group.effective_to)
            total += group.posts;
    return total;
}

int in_post(const gen::Workforce& workforce, std::string_view team, std::string_view rank, std::string_view lpa,
            const Date& date) {
    int count = 0;
    for (const auto& person : workforce.people)
        for (const auto& posting : person.postings)
            if (posting.team == team && posting.rank == rank && (lpa.empty() || posting.lpa == lpa) &&
                posting.start <= date && (!posting.end || *posting.end >= date))
                ++count;
    return count;
}

long rows_of(const gen::SampleSummary& summary, const std::string& path) {
    for (const auto& file : summary.files)
        if (file.path == path) return file.rows;
    BOOST_FAIL("no file " + path + " in the summary");
    return -1;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(sample)

BOOST_AUTO_TEST_CASE(same_options_give_byte_identical_files) {
    const std::string again = make_temp_dir("seed1-again");
    temp_dirs.paths.push_back(again);
    gen::write_sample({again, 1, 1});
    const auto first = hash_folder(seed_one());
    const auto second = hash_folder(again);
    BOOST_REQUIRE_EQUAL(first.size(), second.size());
    for (const auto& [file, hash] : first) {
        BOOST_TEST_CONTEXT(file) {
            BOOST_REQUIRE(second.count(file) == 1);
            BOOST_TEST(second.at(file) == hash);
        }
    }
}

BOOST_AUTO_TEST_CASE(another_seed_changes_the_data_but_not_the_programme) {
    const std::string other = make_temp_dir("seed2");
    temp_dirs.paths.push_back(other);
    gen::write_sample({other, 1, 2});
    const auto first = hash_folder(seed_one());
    const auto second = hash_folder(other);
    for (const char* file : {"hr_postings.csv", "training_records.csv", "duties_2022-23.csv", "duties_2023-24.csv",
                             "overtime_claims.csv", "crime_2022-23.xlsx", "crime_2023-24.xlsx"})
        BOOST_TEST(first.at(file) != second.at(file), file << " should differ between seeds");
    for (const char* file : {"programme.toml", "establishment.xlsx", "minimum_strength.csv", "residual_actions.csv",
                             "narrative/05-operations.md"})
        BOOST_TEST(first.at(file) == second.at(file), file << " should not depend on the seed");
}

BOOST_AUTO_TEST_CASE(writes_every_file_the_programme_reads) {
    const std::string dir = make_temp_dir("summary");
    temp_dirs.paths.push_back(dir);
    const auto summary = gen::write_sample({dir, 1, 1});
    std::vector<std::string> paths;
    for (const auto& file : summary.files) {
        paths.push_back(file.path);
        BOOST_TEST(fs::is_regular_file(fs::path(dir) / file.path), file.path);
    }
    const std::vector<std::string> expected = {"programme.toml",
                                               "establishment.xlsx",
                                               "hr_postings.csv",
                                               "training_records.csv",
                                               "duties_2022-23.csv",
                                               "duties_2023-24.csv",
                                               "overtime_claims.csv",
                                               "minimum_strength.csv",
                                               "crime_2022-23.xlsx",
                                               "crime_2023-24.xlsx",
                                               "residual_actions.csv",
                                               "narrative/01-local-policing-areas.md",
                                               "narrative/02-public-contact.md",
                                               "narrative/03-patrol-and-piu.md",
                                               "narrative/04-local-policing-resolution-centres.md",
                                               "narrative/05-operations.md",
                                               "narrative/06-force-investigations.md",
                                               "narrative/07-public-protection.md",
                                               "narrative/08-intelligence.md",
                                               "narrative/09-prevention.md",
                                               "narrative/10-learning-and-development.md"};
    BOOST_TEST(paths == expected, boost::test_tools::per_element());
    BOOST_TEST(rows_of(summary, "establishment.xlsx") == static_cast<long>(gen::model_post_groups().size()));
    BOOST_TEST(rows_of(summary, "residual_actions.csv") == 15);
    BOOST_TEST(rows_of(summary, "minimum_strength.csv") == 12);
    // Documented in docs/sample-data.md: about 45,000 crimes a year, plus older crimes still open
    // at the start; about a million duty rows; about two thousand postings.
    const long crimes = rows_of(summary, "crime_2022-23.xlsx") + rows_of(summary, "crime_2023-24.xlsx");
    BOOST_TEST(crimes >= 90000);
    BOOST_TEST(crimes <= 100000);
    const long duties = rows_of(summary, "duties_2022-23.csv") + rows_of(summary, "duties_2023-24.csv");
    BOOST_TEST(duties >= 950000);
    BOOST_TEST(duties <= 1100000);
    BOOST_TEST(rows_of(summary, "hr_postings.csv") >= 1800);
    BOOST_TEST(rows_of(summary, "hr_postings.csv") <= 2300);
}

BOOST_AUTO_TEST_CASE(establishment_holds_the_seed_numbers) {
    BOOST_TEST(gen::count_officer_posts(Date{2023, 4, 1}) == 1075);
    BOOST_TEST(gen::count_officer_posts(Date{2023, 11, 19}) == 1075);  // Harm Hub still open
    BOOST_TEST(gen::count_officer_posts(Date{2023, 11, 20}) == 1075);  // Prevention Hub instead
    BOOST_TEST(gen::count_officer_posts(Date{2024, 3, 31}) == 1075);
    BOOST_TEST(posts_of(gen::bank_team, "Unallocated post") == 25);

    BOOST_TEST(posts_of("FIM/FDI", "Force Incident Manager / Duty Inspector") == 12);
    BOOST_TEST(posts_of("IMU", "IMU Operator") == 16);
    BOOST_TEST(posts_of("Resolution Centre", "Resolution Centre Supervisor") == 3);
    BOOST_TEST(posts_of("DDM", "DDM") == 4);
    BOOST_TEST(posts_of("Switchboard Triage Desk", "Triage Desk Operator") == 3);
    BOOST_TEST(posts_of("Firearms", "Firearms Sergeant") == 5);
    BOOST_TEST(posts_of("Roads Policing", "Roads Policing Sergeant") == 4);
    BOOST_TEST(posts_of("Dog Section", "Dog Handler") == 10);
    BOOST_TEST(posts_of("Dog Section", "Dog Trainer") == 1);
    BOOST_TEST(posts_of("Dog Section", "Dog Liaison Officer") == 1);
    BOOST_TEST(posts_of("Cyber and Digital", "Digital Media Investigator") == 6);
    BOOST_TEST(posts_of("RSOMU", "RSOMU Detective Sergeant") == 2);
    BOOST_TEST(posts_of("RSOMU", "RSOMU Detective Constable") == 16);
    BOOST_TEST(posts_of("HROMU", "HROMU Detective Sergeant") == 1);
    BOOST_TEST(posts_of("HROMU", "HROMU Detective Constable") == 4);
    BOOST_TEST(posts_of("Learning and Development", "Investigative Skills Trainer") == 3);
    BOOST_TEST(posts_of("Learning and Development", "Officer Safety Trainer") == 6);
    BOOST_TEST(posts_of("Learning and Development", "Driver Trainer") == 4);
    BOOST_TEST(posts_of("PIU", "PIU Sergeant", "North") == 5);
    BOOST_TEST(posts_of("PIU", "PIU Sergeant", "South") == 5);
    BOOST_TEST(posts_of("PIU", "PIU Sergeant", "East") == 2);
    BOOST_TEST(posts_of("Strategic Development Team", "SDT Detective Inspector") == 1);
    BOOST_TEST(posts_of("Strategic Development Team", "SDT Detective Sergeant") == 2);
    BOOST_TEST(posts_of("Intel Hub", "Intel Hub Sergeant") == 2);
    BOOST_TEST(posts_of("Local Policing Command", "LPA Commander") == 3);
    // LPA inspectors: two SNT, two Patrol and one PIU/LPRC in the north and south; one each in the east.
    for (const auto& [lpa, expected] : std::map<std::string, int>{{"North", 5}, {"South", 5}, {"East", 3}}) {
        int inspectors = 0;
        for (const auto& group : gen::model_post_groups())
            if (group.lpa == lpa && group.rank == "Inspector" &&
                (group.team == "Patrol" || group.team == "SNT" || group.team == "PIU"))
                inspectors += group.posts;
        BOOST_TEST(inspectors == expected, lpa);
    }
}

BOOST_AUTO_TEST_CASE(establishment_workbook_reads_back_with_the_same_totals) {
    auto book = ingest::XlsxWorkbook::open((fs::path(seed_one()) / "establishment.xlsx").string());
    BOOST_REQUIRE_EQUAL(book->sheets().size(), 1u);
    BOOST_TEST(book->sheets()[0].name == "Establishment");
    auto sheet = book->open_sheet("Establishment");
    ingest::Row row;
    BOOST_REQUIRE(sheet->next(row));
    BOOST_TEST(row.cells.at(8).text == "Posts");
    long officers = 0, bank = 0, rows = 0;
    while (sheet->next(row)) {
        ++rows;
        BOOST_TEST((row.cells.at(9).type == ingest::CellType::date));
        const bool open_ended = row.cells.size() <= 10 || row.cells[10].type == ingest::CellType::empty;
        if (row.cells.at(7).text != "Officer" || !open_ended) continue;
        (row.cells.at(1).text == gen::bank_team ? bank : officers) += static_cast<long>(row.cells.at(8).number);
    }
    BOOST_TEST(rows == static_cast<long>(gen::model_post_groups().size()));
    BOOST_TEST(officers == 1075);
    BOOST_TEST(bank == 25);
}

BOOST_AUTO_TEST_CASE(workbooks_carry_fixed_dates_only) {
    for (const char* file : {"establishment.xlsx", "crime_2023-24.xlsx"}) {
        std::ifstream in(fs::path(seed_one()) / file, std::ios::binary);
        Poco::Zip::ZipArchive archive(in);
        int entries = 0;
        for (auto header = archive.headerBegin(); header != archive.headerEnd(); ++header, ++entries) {
            // libxlsxwriter stamps every zip entry 1980-01-01 00:00, whatever the clock says.
            BOOST_TEST(header->second.lastModifiedAt().year() == 1980, file << ": " << header->first);
            BOOST_TEST(header->second.lastModifiedAt().hour() == 0, file << ": " << header->first);
        }
        BOOST_TEST(entries > 5);
    }
    // The created date is the extract date, not the clock.
    std::ifstream in(fs::path(seed_one()) / "establishment.xlsx", std::ios::binary);
    Poco::Zip::ZipArchive archive(in);
    const auto core = archive.findHeader("docProps/core.xml");
    BOOST_REQUIRE(core != archive.headerEnd());
    in.clear();
    Poco::Zip::ZipInputStream part(in, core->second);
    std::ostringstream xml;
    xml << part.rdbuf();
    BOOST_TEST(xml.str().find("<dcterms:created xsi:type=\"dcterms:W3CDTF\">2024-04-05T00:00:00Z</dcterms:created>") !=
               std::string::npos);
}

BOOST_AUTO_TEST_CASE(register_keeps_the_seed_due_phrases_verbatim) {
    const auto rows = read_csv(fs::path(seed_one()) / "residual_actions.csv");
    BOOST_REQUIRE_EQUAL(rows.size(), 16u);
    const std::vector<std::string> header = {"ID",  "Workstream", "Area",        "Action", "Owner",
                                             "Due", "Status",     "Last Update", "Notes"};
    BOOST_TEST(rows[0] == header, boost::test_tools::per_element());
    std::map<std::string, std::vector<std::string>> by_id;
    std::set<std::string> dues;
    for (std::size_t i = 1; i < rows.size(); ++i) {
        BOOST_REQUIRE_EQUAL(rows[i].size(), header.size());
        by_id[rows[i][0]] = rows[i];
        dues.insert(rows[i][5]);
    }
    BOOST_TEST(dues == (std::set<std::string>{"", "Q4 23/24", "January 2024", "mid-2024", "24/25", "N/A"}),
               boost::test_tools::per_element());
    BOOST_TEST(by_id.at("A-01")[4] == "Ch Supt Local Policing");
    BOOST_TEST(by_id.at("A-01")[5] == "");
    BOOST_TEST(by_id.at("A-02")[5] == "January 2024");
    BOOST_TEST(by_id.at("A-06")[5] == "24/25");
    BOOST_TEST(by_id.at("A-10")[5] == "Q4 23/24");
    BOOST_TEST(by_id.at("A-11")[4] == "Change Team / Digital Services");
    BOOST_TEST(by_id.at("A-11")[5] == "January 2024");
    BOOST_TEST(by_id.at("A-13")[5] == "mid-2024");
    BOOST_TEST(by_id.at("A-14")[4] == "Chief Officers");
    BOOST_TEST(by_id.at("A-14")[5] == "N/A");
    BOOST_TEST(by_id.at("A-15")[4] == "ACCs");
    BOOST_TEST(by_id.at("A-15")[5] == "Q4 23/24");
    BOOST_TEST(by_id.at("A-05")[4] == "Operations Superintendent");
}

BOOST_AUTO_TEST_CASE(overtime_claims_are_windows_1252) {
    const std::string bytes = read_file(fs::path(seed_one()) / "overtime_claims.csv");
    BOOST_TEST(bytes.find('\xA3') != std::string::npos);      // £
    BOOST_TEST(bytes.find('\x93') != std::string::npos);      // left double quote
    BOOST_TEST(bytes.find('\x94') != std::string::npos);      // right double quote
    BOOST_TEST(bytes.find('\x91') != std::string::npos);      // left single quote
    BOOST_TEST(bytes.find('\x96') != std::string::npos);      // en dash
    BOOST_TEST(bytes.find("\xC2\xA3") == std::string::npos);  // no UTF-8 left behind
    BOOST_TEST(bytes.find("\xE2\x80") == std::string::npos);
    const auto rows = read_csv(fs::path(seed_one()) / "overtime_claims.csv", 3);
    BOOST_REQUIRE(rows.size() > 1000);
    BOOST_TEST(rows[0][0] == "Claim Ref");
    BOOST_TEST(rows[0][6] == "Cost");
    bool thousands = false;
    for (std::size_t i = 1; i < rows.size(); ++i) {
        BOOST_REQUIRE_EQUAL(rows[i].size(), 8u);
        BOOST_TEST(rows[i][6].rfind("\xA3", 0) == 0u, rows[i][6]);
        if (rows[i][6].find(',') != std::string::npos) thousands = true;
    }
    BOOST_TEST(thousands, "some claims should pass £1,000");
    BOOST_TEST(gen::format_pounds(123450) == "£1,234.50");
    BOOST_TEST(gen::format_pounds(5) == "£0.05");
    BOOST_TEST(gen::format_pounds(100000000) == "£1,000,000.00");
}

BOOST_AUTO_TEST_CASE(workforce_tells_the_seed_stories) {
    const gen::Workforce workforce = gen::simulate_workforce({0, "WK", 1});
    // Strength is set at go-live, near but below the model, and stays below it.
    BOOST_TEST(gen::measure_officer_strength(workforce, Date{2023, 4, 1}).headcount == 1046);
    const auto end = gen::measure_officer_strength(workforce, Date{2024, 3, 31});
    BOOST_TEST(end.headcount < 1075);
    BOOST_TEST(end.fte < 1075.0);
    // PIU sergeants: short at go-live, redeployments in the summer, all posts filled by December.
    const Date launch{2023, 4, 1}, settled{2023, 12, 4};
    BOOST_TEST(in_post(workforce, "PIU", "Sergeant", "North", launch) == 3);
    BOOST_TEST(in_post(workforce, "PIU", "Sergeant", "South", launch) == 3);
    BOOST_TEST(in_post(workforce, "PIU", "Sergeant", "East", launch) == 1);
    BOOST_TEST(in_post(workforce, "PIU", "Sergeant", "North", Date{2023, 7, 3}) == 3);
    BOOST_TEST(in_post(workforce, "PIU", "Sergeant", "North", settled) == 5);
    BOOST_TEST(in_post(workforce, "PIU", "Sergeant", "South", settled) == 5);
    BOOST_TEST(in_post(workforce, "PIU", "Sergeant", "East", settled) == 2);
    // The Intel Hub's second sergeant lands in December 2023.
    BOOST_TEST(in_post(workforce, "Intel Hub", "Sergeant", "", Date{2023, 12, 3}) == 1);
    BOOST_TEST(in_post(workforce, "Intel Hub", "Sergeant", "", Date{2023, 12, 4}) == 2);
    // Force CID runs one DS short until February 2024.
    BOOST_TEST(in_post(workforce, "Force CID", "Detective Sergeant", "", Date{2023, 9, 1}) == 3);
    BOOST_TEST(in_post(workforce, "Force CID", "Detective Sergeant", "", Date{2024, 2, 5}) == 4);
    // The Harm Hub becomes the Prevention Hub on 20 November 2023.
    BOOST_TEST(in_post(workforce, "Prevention Hub", "Sergeant", "", Date{2023, 11, 19}) == 0);
    BOOST_TEST(in_post(workforce, "Harm Hub", "Sergeant", "", Date{2023, 11, 20}) == 0);
    // Public Protection starts well short and fills.
    auto ppu_filled = [&](const Date& date) {
        int people = 0;
        for (const auto& group : gen::model_post_groups())
            if (group.department == "Public Protection" && !group.effective_to)
                people += in_post(workforce, group.team, group.rank, "", date);
        return people;
    };
    int ppu_posts = 0;
    for (const auto& group : gen::model_post_groups())
        if (group.department == "Public Protection" && !group.effective_to) ppu_posts += group.posts;
    BOOST_TEST(ppu_filled(launch) < ppu_posts * 80 / 100);
    BOOST_TEST(ppu_filled(Date{2024, 3, 31}) > ppu_posts * 88 / 100);
    // Staff numbers are unique and carry the force prefix; nobody has a name.
    std::set<std::string> numbers;
    for (const auto& person : workforce.people) {
        BOOST_TEST(person.staff_number.rfind("WK", 0) == 0u);
        BOOST_TEST(person.staff_number.size() == 8u);
        numbers.insert(person.staff_number);
    }
    BOOST_TEST(numbers.size() == workforce.people.size());
}

BOOST_AUTO_TEST_CASE(training_records_build_a_backlog_after_go_live) {
    const auto rows = read_csv(fs::path(seed_one()) / "training_records.csv");
    BOOST_REQUIRE(rows.size() > 2000);
    const std::vector<std::string> header = {"Staff No", "Course", "Due Date", "Completed Date"};
    BOOST_TEST(rows[0] == header, boost::test_tools::per_element());
    std::set<std::string> officers;
    for (const auto& row : read_csv(fs::path(seed_one()) / "hr_postings.csv"))
        if (row.size() > 1 && row[1] == "Officer") officers.insert(row[0]);
    // dd/mm/yyyy to yyyy-mm-dd, so dates compare as text.
    auto iso = [](const std::string& d) {
        return d.empty() ? d : d.substr(6, 4) + "-" + d.substr(3, 2) + "-" + d.substr(0, 2);
    };
    // Share of officers' Officer Safety Training renewals outstanding on `day` (people not
    // checked for being in post: good enough to show the shape).
    auto overdue_share = [&](const std::string& day) {
        std::set<std::string> people;
        long overdue = 0;
        for (std::size_t i = 1; i < rows.size(); ++i) {
            if (rows[i][1] != "Officer Safety Training" || iso(rows[i][2]) > day) continue;
            people.insert(rows[i][0]);
            if (rows[i][3].empty() || iso(rows[i][3]) > day) ++overdue;
        }
        return 100.0 * static_cast<double>(overdue) / static_cast<double>(people.size());
    };
    for (std::size_t i = 1; i < rows.size(); ++i) {
        BOOST_REQUIRE_EQUAL(rows[i].size(), 4u);
        BOOST_TEST(officers.count(rows[i][0]) == 1u, rows[i][0]);
        BOOST_TEST((rows[i][1] == "Officer Safety Training" || rows[i][1] == "Driver Refresher"), rows[i][1]);
        BOOST_TEST(iso(rows[i][2]) <= "2024-03-31");
        BOOST_TEST((rows[i][3].empty() || iso(rows[i][3]) <= "2024-03-31"));
    }
    BOOST_TEST(overdue_share("2023-03-31") < 5.0);
    BOOST_TEST(overdue_share("2023-10-31") > 10.0);
}

BOOST_AUTO_TEST_CASE(crime_system_faults_follow_go_live_and_fade) {
    // Crimes with no team, or under a team the model retired, appear only after go-live (the
    // System Updates story) and are rare by the end of the year.
    std::map<std::string, std::pair<long, long>> by_month;  // month: (faulty, all)
    for (const char* file : {"crime_2022-23.xlsx", "crime_2023-24.xlsx"}) {
        auto book = ingest::XlsxWorkbook::open((fs::path(seed_one()) / file).string());
        auto sheet = book->open_sheet("Crimes");
        ingest::Row row;
        BOOST_REQUIRE(sheet->next(row));
        BOOST_TEST(row.cells.at(11).text == "First Allocated Team");
        while (sheet->next(row)) {
            auto text = [&](std::size_t i) { return i < row.cells.size() ? row.cells[i].text : std::string(); };
            const std::string month = text(1).substr(0, 7);
            const bool no_team = text(11).empty() || text(12).empty();
            const bool retired = text(11) == "Telephone Investigation Unit" || text(11) == "CID" ||
                                 text(11) == "Vulnerability and Safeguarding Unit";
            auto& [faulty, all] = by_month[month];
            ++all;
            if (no_team || (month >= "2023-04" && retired)) ++faulty;
        }
    }
    long before = 0;
    for (const auto& [month, counts] : by_month)
        if (month < "2023-04") before += counts.first;
    BOOST_TEST(before == 0);
    const auto share = [&](const char* month) {
        return 100.0 * static_cast<double>(by_month.at(month).first) / static_cast<double>(by_month.at(month).second);
    };
    BOOST_TEST(share("2023-04") > 3.0);
    BOOST_TEST(share("2024-03") < 0.5);
}

BOOST_AUTO_TEST_CASE(programme_loads_and_matches_the_files) {
    const config::Programme programme = load_sample_programme();
    BOOST_TEST(programme.info.name == "Empower People Phase 1 - Policing Operating Model");
    BOOST_TEST(programme.info.organisation == "Warwickshire Police");
    BOOST_TEST(programme.info.min_cell_count == 5);
    BOOST_REQUIRE_EQUAL(programme.workstreams.size(), 11u);
    BOOST_TEST(programme.workstreams[3].id == "WS4");
    BOOST_TEST(programme.workstreams[3].name == "OPU & Operations Support");
    const auto* prevention = programme.find_workstream("WS8");
    BOOST_REQUIRE(prevention != nullptr);
    BOOST_REQUIRE(prevention->go_live.has_value());
    BOOST_TEST(common::format_iso_date(*prevention->go_live) == "2023-11-20");
    // The catalogue: at least 30 KPIs, every workstream covered, each with its evidence.
    BOOST_TEST(programme.kpis.size() == 40u);
    std::map<std::string, int> per_workstream;
    for (const auto& kpi : programme.kpis) {
        ++per_workstream[kpi.workstream];
        BOOST_TEST_CONTEXT(kpi.id) {
            BOOST_TEST(kpi.evidence.rfind("Section", 0) == 0u, kpi.evidence);
            BOOST_TEST(!kpi.description.empty());
            BOOST_TEST(kpi.target.has_value() == (kpi.direction != config::Direction::neutral));
        }
    }
    BOOST_TEST(per_workstream.size() == 11u);
    for (const auto& workstream : programme.workstreams) BOOST_TEST(per_workstream[workstream.id] >= 1, workstream.id);

    // Every header a mapping names, in its first spelling, is in the file the sample wrote.
    const fs::path dir = seed_one();
    for (const auto& source : programme.sources) {
        std::vector<std::string> headers;
        if (source.path.ends_with(".xlsx")) {
            const std::string file = source.name == "crime" ? "crime_2023-24.xlsx" : source.path;
            headers = xlsx_header(dir / file, source.sheet);
        } else {
            const std::string file = source.name == "duties" ? "duties_2023-24.csv" : source.path;
            headers = read_csv(dir / file, source.header_row).at(0);
        }
        for (const auto& column : source.columns)
            BOOST_TEST((std::find(headers.begin(), headers.end(), column.headers.front()) != headers.end()),
                       source.name << "." << column.name << " header \"" << column.headers.front() << "\"");
        BOOST_TEST(headers.size() == source.columns.size(), source.name);
    }
}

BOOST_AUTO_TEST_CASE(every_extract_loads_through_its_mapping_without_rejects) {
    const config::Programme programme = load_sample_programme();
    const fs::path dir = seed_one();
    for (const auto& source : programme.sources) {
        std::vector<std::string> paths;
        for (const auto& entry : fs::directory_iterator(dir)) {
            const std::string name = entry.path().filename().string();
            const std::string pattern = source.path;
            const auto star = pattern.find('*');
            const bool match = star == std::string::npos ? name == pattern
                                                         : name.rfind(pattern.substr(0, star), 0) == 0 &&
                                                               name.ends_with(pattern.substr(star + 1));
            if (match) paths.push_back(entry.path().string());
        }
        std::sort(paths.begin(), paths.end());
        BOOST_TEST_CONTEXT(source.name) {
            BOOST_REQUIRE(!paths.empty());
            long loaded = 0;
            validate::SourceResult result =
                validate::read_source(source, paths, paths, [&](const auto&, const auto&, long) { ++loaded; });
            for (const auto& reject : result.rejects)
                BOOST_TEST_MESSAGE(reject.location.describe() << ": " << reject.value << ": " << reject.reason);
            BOOST_TEST(result.rows_rejected() == 0);
            BOOST_TEST(loaded == result.rows_read());
        }
    }
}

BOOST_AUTO_TEST_CASE(narrative_tags_name_catalogue_kpis_and_items_cite_the_register) {
    const config::Programme programme = load_sample_programme();
    std::set<std::string> kpi_ids;
    for (const auto& kpi : programme.kpis) kpi_ids.insert(kpi.id);
    std::set<std::string> action_ids;
    for (const auto& action : gen::residual_actions()) action_ids.insert(std::string(action.id));
    const std::regex tag(R"(\{\{\s*kpi\.([a-z0-9_]+)\.([a-z_]+)\s*\}\})");
    const std::regex citation(R"(\[(A-\d\d)\])");
    std::set<std::string> cited;
    BOOST_TEST(gen::narrative_files().size() == 10u);
    for (const auto& narrative : gen::narrative_files()) {
        const std::string text(narrative.text);
        BOOST_TEST_CONTEXT(narrative.file) {
            BOOST_TEST((text.find("{{") != std::string::npos));
            for (auto it = std::sregex_iterator(text.begin(), text.end(), tag); it != std::sregex_iterator(); ++it) {
                BOOST_TEST(kpi_ids.count((*it)[1]) == 1u, (*it)[0]);
                const std::string field = (*it)[2];
                BOOST_TEST((field == "current" || field == "baseline" || field == "target" || field == "change"),
                           field);
            }
            const auto residual = text.find("## Residual Activity");
            BOOST_REQUIRE(residual != std::string::npos);
            std::istringstream lines(text.substr(residual));
            std::string line;
            int items = 0;
            while (std::getline(lines, line)) {
                if (line.rfind("- ", 0) != 0) continue;
                ++items;
                std::smatch match;
                BOOST_TEST(std::regex_search(line, match, citation), line);
                for (auto it = std::sregex_iterator(line.begin(), line.end(), citation); it != std::sregex_iterator();
                     ++it) {
                    BOOST_TEST(action_ids.count((*it)[1]) == 1u, (*it)[0]);
                    cited.insert((*it)[1]);
                }
            }
            if (narrative.file == "04-local-policing-resolution-centres.md") {
                BOOST_TEST(items == 0);
                BOOST_TEST(text.substr(residual).find("N/A") != std::string::npos);
            } else {
                BOOST_TEST(items >= 1);
            }
        }
    }
    BOOST_TEST(cited == action_ids, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(scale_two_writes_two_forces_into_one_programme) {
    const std::string dir = make_temp_dir("scale2");
    temp_dirs.paths.push_back(dir);
    const auto doubled = gen::write_sample({dir, 2, 1});
    const auto single = hash_folder(seed_one());
    const auto hashes = hash_folder(dir);
    BOOST_TEST(hashes.at("programme.toml") == single.at("programme.toml"));
    BOOST_TEST(rows_of(doubled, "establishment.xlsx") == 2 * static_cast<long>(gen::model_post_groups().size()));
    BOOST_TEST(rows_of(doubled, "residual_actions.csv") == 15);
    // The first force is the scale-1 force, row for row; the second has its own prefix.
    const auto hr = read_csv(fs::path(dir) / "hr_postings.csv");
    const auto hr_single = read_csv(fs::path(seed_one()) / "hr_postings.csv");
    long first_force = 0, second_force = 0;
    for (std::size_t i = 1; i < hr.size(); ++i) {
        if (hr[i][0].rfind("WK", 0) == 0) ++first_force;
        if (hr[i][0].rfind("AA", 0) == 0) ++second_force;
    }
    BOOST_TEST(first_force == static_cast<long>(hr_single.size() - 1));
    BOOST_TEST(second_force > first_force * 9 / 10);
    BOOST_TEST(first_force + second_force == static_cast<long>(hr.size() - 1));
    BOOST_TEST(gen::force_code(0) == "WK");
    BOOST_TEST(gen::force_code(1) == "AA");
    std::set<std::string> codes;
    for (int i = 0; i < 1000; ++i) codes.insert(gen::force_code(i));
    BOOST_TEST(codes.size() == 1000u);
}

BOOST_AUTO_TEST_CASE(bad_options_are_refused) {
    BOOST_CHECK_THROW(gen::write_sample({"", 1, 1}), common::PirpackError);
    BOOST_CHECK_THROW(gen::write_sample({make_temp_dir("bad"), 0, 1}), common::PirpackError);
    try {
        gen::write_sample({make_temp_dir("bad"), 1001, 1});
        BOOST_FAIL("scale 1001 should be refused");
    } catch (const common::PirpackError& error) {
        BOOST_TEST((error.kind() == common::ErrorKind::usage));
        BOOST_TEST(std::string(error.what()) == "scale 1001 is out of range");
        BOOST_TEST(error.hint() == "use a scale from 1 to 1000");
    }
}

BOOST_AUTO_TEST_SUITE_END()
