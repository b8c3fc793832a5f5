// An independent check of the KPI engine. The sample (scale 1, seed 1) is written once and run
// through the real command line; then KPIs from each kind of extract (HR and establishment,
// duties, crime, training) are worked out again straight from the files, with the ingest readers
// and plain C++ (no SQL, no store), for every window kpis.json reports: baseline, current,
// matched and each month. Counts must agree exactly and values to 1e-9.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "cli/application.hpp"
#include "cli/exit_codes.hpp"
#include "ingest/csv_reader.hpp"
#include "ingest/xlsx_reader.hpp"
#include "sample/sample_writer.hpp"

namespace fs = std::filesystem;
namespace ingest = pirpack::ingest;

namespace {

// ---- the sample and the engine's answer --------------------------------------------------------

constexpr const char* period = "2023-10";

struct Folders {
    fs::path root;
    fs::path inputs;
    fs::path outputs;
    ~Folders() {
        std::error_code ignored;
        fs::remove_all(root, ignored);
    }
};

const Folders& folders() {
    static const Folders made = [] {
        Folders f;
        f.root = fs::temp_directory_path() / ("pirpack-test-crosscheck-" + std::to_string(::getpid()));
        fs::remove_all(f.root);
        f.inputs = f.root / "inputs";
        f.outputs = f.root / "outputs";
        pirpack::sample::write_sample({f.inputs.string(), 1, 1});
        std::ostringstream out, err;
        const int code = pirpack::cli::run_main({"pirpack", "run", "--inputs", f.inputs.string(), "--outputs",
                                                 f.outputs.string(), "--period", period, "--as-of", "2023-11-06"},
                                                out, err);
        if (code != pirpack::cli::exit_success)
            throw std::runtime_error("pirpack run failed with exit code " + std::to_string(code) + ": " + err.str());
        return f;
    }();
    return made;
}

Poco::JSON::Object::Ptr kpis_json() {
    static const Poco::JSON::Object::Ptr root = [] {
        std::ifstream in(folders().outputs / period / "kpis.json", std::ios::binary);
        Poco::JSON::Parser parser;
        return parser.parse(in).extract<Poco::JSON::Object::Ptr>();
    }();
    return root;
}

Poco::JSON::Object::Ptr kpi_result(const std::string& id) {
    auto kpis = kpis_json()->getArray("kpis");
    for (std::size_t i = 0; i < kpis->size(); ++i) {
        auto kpi = kpis->getObject(static_cast<unsigned>(i));
        if (kpi->getValue<std::string>("id") == id) return kpi;
    }
    BOOST_FAIL("kpis.json has no KPI " << id);
    return {};
}

// ---- plain helpers ------------------------------------------------------------------------------

// "31/03/2023" to "2023-03-31"; ISO text and "" pass through. ISO dates compare as text.
std::string iso(const std::string& text) {
    if (text.size() == 10 && text[2] == '/' && text[5] == '/')
        return text.substr(6, 4) + "-" + text.substr(3, 2) + "-" + text.substr(0, 2);
    return text;
}

std::string last_day_of_month(const std::string& month) {
    const int year = std::stoi(month.substr(0, 4));
    const int m = std::stoi(month.substr(5, 2));
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int last = days[m - 1];
    if (m == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0)) last = 29;
    return month + "-" + std::to_string(last);
}

bool in_window(const std::string& date, const std::string& from, const std::string& to) {
    return !date.empty() && date >= from && date <= to;
}

// A table read whole into text cells, with its columns found by header.
struct Table {
    std::map<std::string, std::size_t> column;
    std::vector<std::vector<std::string>> rows;

    std::size_t index(const std::string& header) const {
        auto it = column.find(header);
        if (it == column.end()) throw std::runtime_error("no column " + header);
        return it->second;
    }
};

void add_row(Table& table, const ingest::Row& row, bool header) {
    std::vector<std::string> cells;
    for (const auto& cell : row.cells) cells.push_back(cell.type == ingest::CellType::empty ? "" : cell.text);
    if (header) {
        for (std::size_t i = 0; i < cells.size(); ++i) table.column[cells[i]] = i;
        return;
    }
    cells.resize(table.column.size());
    table.rows.push_back(std::move(cells));
}

Table read_csv(const fs::path& path) {
    ingest::CsvReader reader(path.string(), ingest::CsvOptions{});
    Table table;
    ingest::Row row;
    bool header = true;
    while (reader.next(row)) {
        BOOST_REQUIRE_MESSAGE(row.problem.empty(), path.string() << ":" << row.line << ": " << row.problem);
        add_row(table, row, header);
        header = false;
    }
    return table;
}

// The sheet of each workbook in turn, as one table: every file starts with the same header.
Table read_xlsx(const std::vector<fs::path>& paths, const std::string& sheet_name) {
    Table table;
    for (const auto& path : paths) {
        auto book = ingest::XlsxWorkbook::open(path.string());
        auto sheet = book->open_sheet(sheet_name);
        ingest::Row row;
        bool header = true;
        while (sheet->next(row)) {
            BOOST_REQUIRE_MESSAGE(row.problem.empty(), path.string() << "!" << row.line << ": " << row.problem);
            if (!header || table.column.empty()) add_row(table, row, header);
            header = false;
        }
    }
    return table;
}

std::vector<fs::path> matching(const std::string& prefix, const std::string& suffix) {
    std::vector<fs::path> found;
    for (const auto& entry : fs::directory_iterator(folders().inputs)) {
        const std::string name = entry.path().filename().string();
        if (name.rfind(prefix, 0) == 0 && name.ends_with(suffix)) found.push_back(entry.path());
    }
    std::sort(found.begin(), found.end());
    return found;
}

// ---- the extracts as plain records -------------------------------------------------------------

struct Posting {
    std::string staff_number, team, rank, role, lpa, start, end;
    bool officer = false;
    double fte = 0;
    bool in_post_on(const std::string& day) const { return start <= day && (end.empty() || end >= day); }
};

struct PostGroup {
    std::string team, rank_grade, lpa, effective_from, effective_to;
    bool officer = false;
    long posts = 0;
};

struct Minimum {
    std::string team, shift, from, to;
    long minimum = 0;
};

struct Crime {
    std::string recorded, offence_group, first_team, final_team;
    bool arrest = false;
};

struct Training {
    std::string staff_number, course, due, completed;
};

// On-duty counts for the shifts and days the duty KPIs judge, gathered in one pass of the files.
struct DutyCounts {
    std::map<std::tuple<std::string, std::string, std::string>, long> roads_shifts;  // force, date, shift
    std::map<std::pair<std::string, std::string>, long> fcid_ds_days;                // force, date
};

struct Extracts {
    std::vector<Posting> postings;
    std::vector<PostGroup> establishment;
    std::vector<Minimum> minimums;
    std::vector<Crime> crimes;
    std::vector<Training> training;
    DutyCounts duties;
};

const Extracts& extracts() {
    static const Extracts data = [] {
        Extracts e;
        const fs::path dir = folders().inputs;

        const Table hr = read_csv(dir / "hr_postings.csv");
        for (const auto& r : hr.rows) {
            Posting p;
            p.staff_number = r[hr.index("Staff No")];
            p.officer = r[hr.index("Officer/Staff")] == "Officer";
            p.rank = r[hr.index("Rank/Grade")];
            p.role = r[hr.index("Role")];
            p.team = r[hr.index("Team")];
            p.lpa = r[hr.index("LPA")];
            p.fte = std::stod(r[hr.index("FTE")]);
            p.start = iso(r[hr.index("Start Date")]);
            p.end = iso(r[hr.index("End Date")]);
            e.postings.push_back(p);
        }

        const Table posts = read_xlsx({dir / "establishment.xlsx"}, "Establishment");
        for (const auto& r : posts.rows) {
            PostGroup g;
            g.team = r[posts.index("Team")];
            g.rank_grade = r[posts.index("Rank/Grade")];
            g.lpa = r[posts.index("LPA")];
            g.officer = r[posts.index("Officer/Staff")] == "Officer";
            g.posts = std::stol(r[posts.index("Posts")]);
            g.effective_from = r[posts.index("Effective From")];
            g.effective_to = r[posts.index("Effective To")];
            e.establishment.push_back(g);
        }

        const Table minimum = read_csv(dir / "minimum_strength.csv");
        for (const auto& r : minimum.rows)
            e.minimums.push_back({r[minimum.index("Team")], r[minimum.index("Shift")],
                                  iso(r[minimum.index("Effective From")]), iso(r[minimum.index("Effective To")]),
                                  std::stol(r[minimum.index("Minimum")])});

        const Table crime = read_xlsx(matching("crime_", ".xlsx"), "Crimes");
        for (const auto& r : crime.rows)
            e.crimes.push_back({r[crime.index("Date Recorded")], r[crime.index("Offence Group")],
                                r[crime.index("First Allocated Team")], r[crime.index("Final Team")],
                                r[crime.index("Arrest")] == "Y"});

        const Table training = read_csv(dir / "training_records.csv");
        for (const auto& r : training.rows)
            e.training.push_back({r[training.index("Staff No")], r[training.index("Course")],
                                  iso(r[training.index("Due Date")]), iso(r[training.index("Completed Date")])});

        // Duties are a million rows: count as they stream past rather than keep them.
        for (const auto& path : matching("duties_", ".csv")) {
            ingest::CsvReader reader(path.string(), ingest::CsvOptions{});
            ingest::Row row;
            BOOST_REQUIRE(reader.next(row));
            std::map<std::string, std::size_t> column;
            for (std::size_t i = 0; i < row.cells.size(); ++i) column[row.cells[i].text] = i;
            const std::size_t date = column.at("Duty Date"), staff = column.at("Staff No"), rank = column.at("Rank"),
                              team = column.at("Team"), shift = column.at("Shift"), status = column.at("Status");
            while (reader.next(row)) {
                BOOST_REQUIRE_MESSAGE(row.problem.empty(), path.string() << ":" << row.line << ": " << row.problem);
                const auto& c = row.cells;
                const std::string& t = c[team].text;
                const bool roads = t == "Roads Policing" && (c[shift].text == "Early" || c[shift].text == "Night");
                const bool fcid_ds = (t == "Force CID" || t == "CID") && c[rank].text == "Detective Sergeant";
                if (!roads && !fcid_ds) continue;
                const long on = c[status].text == "On duty" || c[status].text == "Rest day worked" ? 1 : 0;
                const std::string force = c[staff].text.substr(0, 2);
                if (roads) e.duties.roads_shifts[{force, c[date].text, c[shift].text}] += on;
                if (fcid_ds) e.duties.fcid_ds_days[{force, c[date].text}] += on;
            }
        }
        return e;
    }();
    return data;
}

// ---- recomputation, one function per KPI -------------------------------------------------------

struct Measure {
    std::optional<double> value, numerator, denominator;
};
using Scoped = std::map<std::string, Measure>;  // by scope; "" for a KPI with one row
using Compute = std::function<Scoped(const std::string& from, const std::string& to)>;

// A share as the catalogue's SQL returns it: 100 * SUM(...) / NULLIF(COUNT(*), 0), where SUM
// over no rows is NULL.
Measure share(long numerator, long denominator, double scale = 100.0) {
    Measure m;
    m.denominator = static_cast<double>(denominator);
    if (denominator > 0) {
        m.numerator = static_cast<double>(numerator);
        m.value = scale * static_cast<double>(numerator) / static_cast<double>(denominator);
    }
    return m;
}

Scoped officer_strength_vs_model(const std::string&, const std::string& to) {
    const Extracts& e = extracts();
    long posts = 0;
    for (const auto& g : e.establishment)
        if (g.officer && g.team != "Unallocated Officer Bank" && g.effective_to.empty()) posts += g.posts;
    double fte = 0;
    for (const auto& p : e.postings)
        if (p.officer && p.in_post_on(to)) fte += p.fte;
    Measure m;
    m.numerator = fte;
    m.denominator = static_cast<double>(posts);
    m.value = 100.0 * fte / static_cast<double>(posts);
    return {{"", m}};
}

Scoped piu_sergeant_vacancies(const std::string&, const std::string& to) {
    Scoped result;
    if (to < "2023-04-01") return result;
    const Extracts& e = extracts();
    std::map<std::string, long> vacancies;
    for (const auto& g : e.establishment)
        if (g.team == "PIU" && g.rank_grade == "Sergeant" && g.effective_to.empty()) vacancies[g.lpa] += g.posts;
    for (const auto& p : e.postings)
        if (p.team == "PIU" && p.rank == "Sergeant" && p.in_post_on(to) && vacancies.count(p.lpa)) --vacancies[p.lpa];
    for (const auto& [lpa, count] : vacancies) result[lpa].value = static_cast<double>(count);
    return result;
}

Scoped trainers_in_post(const std::string&, const std::string& to) {
    static const std::set<std::string> roles = {"Investigative Skills Trainer", "Officer Safety Trainer",
                                                "Driver Trainer"};
    long count = 0;
    for (const auto& p : extracts().postings)
        if (p.team == "Learning and Development" && roles.count(p.role) && p.in_post_on(to)) ++count;
    Measure m;
    m.value = static_cast<double>(count);
    return {{"", m}};
}

Scoped mandatory_training_backlog(const std::string&, const std::string& to) {
    const Extracts& e = extracts();
    std::set<std::string> officers_in_post;
    for (const auto& p : e.postings)
        if (p.officer && p.in_post_on(to)) officers_in_post.insert(p.staff_number);
    std::map<std::string, std::set<std::string>> people;
    std::map<std::string, long> overdue;
    for (const auto& t : e.training) {
        if (!officers_in_post.count(t.staff_number)) continue;
        people[t.course].insert(t.staff_number);
        if (t.due <= to && (t.completed.empty() || t.completed > to)) ++overdue[t.course];
    }
    Scoped result;
    for (const auto& [course, staff] : people) {
        Measure m = share(overdue[course], static_cast<long>(staff.size()));
        m.numerator = static_cast<double>(overdue[course]);  // SUM over rows that exist: 0, not NULL
        result[course] = m;
    }
    return result;
}

Scoped roads_psl_met(const std::string& from, const std::string& to) {
    const Extracts& e = extracts();
    long met = 0, shifts = 0;
    for (const auto& [key, on_duty] : e.duties.roads_shifts) {
        const auto& [force, date, shift] = key;
        if (!in_window(date, from, to)) continue;
        for (const auto& m : e.minimums) {
            if (m.team != "Roads Policing" || m.shift != shift || m.from > date || (!m.to.empty() && m.to < date))
                continue;
            ++shifts;
            if (on_duty >= m.minimum) ++met;
        }
    }
    return {{"", share(met, shifts)}};
}

Scoped fcid_ds_single_cover_share(const std::string& from, const std::string& to) {
    long single = 0, days = 0;
    for (const auto& [key, on_duty] : extracts().duties.fcid_ds_days) {
        if (!in_window(key.second, from, to)) continue;
        ++days;
        if (on_duty <= 1) ++single;
    }
    return {{"", share(single, days)}};
}

Scoped crime_share(const std::string& from, const std::string& to, const std::function<bool(const Crime&)>& in_scope,
                   const std::function<bool(const Crime&)>& counted) {
    long numerator = 0, denominator = 0;
    for (const auto& c : extracts().crimes) {
        if (!in_window(c.recorded, from, to) || !in_scope(c)) continue;
        ++denominator;
        if (counted(c)) ++numerator;
    }
    return {{"", share(numerator, denominator)}};
}

Scoped patrol_arrest_rate(const std::string& from, const std::string& to) {
    return crime_share(
        from, to, [](const Crime& c) { return c.final_team == "Patrol"; }, [](const Crime& c) { return c.arrest; });
}

Scoped lprc_theft_damage_share(const std::string& from, const std::string& to) {
    return crime_share(
        from, to, [](const Crime& c) { return c.final_team == "LPRC"; },
        [](const Crime& c) {
            return c.offence_group == "Theft offences" || c.offence_group == "Criminal damage and arson";
        });
}

Scoped crimes_without_team_share(const std::string& from, const std::string& to) {
    return crime_share(
        from, to, [](const Crime&) { return true; },
        [](const Crime& c) { return c.first_team.empty() || c.final_team.empty(); });
}

// ---- comparison --------------------------------------------------------------------------------

std::optional<double> number_or_null(const Poco::JSON::Object::Ptr& object, const std::string& key) {
    if (!object->has(key) || object->isNull(key)) return std::nullopt;
    return object->getValue<double>(key);
}

struct Tally {
    int windows = 0;
    int values = 0;
};

void check_field(const std::string& what, std::optional<double> engine, std::optional<double> mine, bool exact) {
    BOOST_TEST_CONTEXT(what) {
        BOOST_TEST(engine.has_value() == mine.has_value());
        if (!engine || !mine) return;
        if (exact)
            BOOST_TEST(*engine == *mine);
        else
            BOOST_TEST(std::fabs(*engine - *mine) <= 1e-9, *engine << " against " << *mine);
    }
}

// Compares every window of every scope of `id` in kpis.json with `compute`. numerator and
// denominator are compared exactly when `exact_counts` (whole numbers), else to 1e-9 (FTE).
Tally compare(const std::string& id, const Compute& compute, bool exact_counts = true) {
    const auto kpi = kpi_result(id);
    const auto scopes = kpi->getArray("scopes");
    BOOST_REQUIRE(scopes->size() > 0);
    Tally tally;
    // The windows are the same for every scope: take them from the first and check them.
    const auto first = scopes->getObject(0);
    std::vector<std::tuple<std::string, std::string, std::string>> windows;  // name, from, to
    for (const char* name : {"baseline", "current", "matched"}) {
        const auto window = first->getObject(name);
        BOOST_REQUIRE(window);
        windows.emplace_back(name, window->getValue<std::string>("from"), window->getValue<std::string>("to"));
    }
    BOOST_TEST(std::get<1>(windows[0]) == "2022-04-01");
    BOOST_TEST(std::get<2>(windows[0]) == "2023-03-31");
    BOOST_TEST(std::get<1>(windows[1]) == "2023-10-01");
    BOOST_TEST(std::get<2>(windows[1]) == "2023-10-31");
    BOOST_TEST(std::get<1>(windows[2]) == "2022-10-01");
    BOOST_TEST(std::get<2>(windows[2]) == "2022-10-31");
    const auto monthly = first->getArray("monthly");
    BOOST_TEST(monthly->size() == 19u);  // April 2022 to October 2023
    for (std::size_t m = 0; m < monthly->size(); ++m) {
        const std::string month = monthly->getObject(static_cast<unsigned>(m))->getValue<std::string>("month");
        windows.emplace_back("monthly " + month, month + "-01", last_day_of_month(month));
    }

    std::set<std::string> engine_scopes;
    for (std::size_t s = 0; s < scopes->size(); ++s)
        engine_scopes.insert(scopes->getObject(static_cast<unsigned>(s))->getValue<std::string>("scope"));
    for (std::size_t w = 0; w < windows.size(); ++w) {
        const auto& [name, from, to] = windows[w];
        const Scoped mine = compute(from, to);
        ++tally.windows;
        // Every scope the recomputation finds with a value is one the engine reported.
        for (const auto& [scope, measure] : mine)
            if (measure.value) BOOST_TEST(engine_scopes.count(scope) == 1u, id << " " << name << " scope " << scope);
        for (std::size_t s = 0; s < scopes->size(); ++s) {
            const auto scope = scopes->getObject(static_cast<unsigned>(s));
            const std::string scope_name = scope->getValue<std::string>("scope");
            const auto window =
                w < 3 ? scope->getObject(name) : scope->getArray("monthly")->getObject(static_cast<unsigned>(w - 3));
            auto it = mine.find(scope_name);
            const Measure measure = it == mine.end() ? Measure{} : it->second;
            const std::string where = id + " [" + scope_name + "] " + name;
            check_field(where + " value", number_or_null(window, "value"), measure.value, false);
            // Without a numerator and denominator in the SQL the engine reports null for both.
            const auto engine_numerator = number_or_null(window, "numerator");
            const auto engine_denominator = number_or_null(window, "denominator");
            if (engine_numerator || measure.numerator)
                check_field(where + " numerator", engine_numerator, measure.numerator, exact_counts);
            if (engine_denominator || measure.denominator)
                check_field(where + " denominator", engine_denominator, measure.denominator, true);
            if (measure.value) ++tally.values;
        }
    }
    BOOST_TEST_MESSAGE(id << ": " << tally.windows << " windows, " << tally.values << " values agree");
    return tally;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(kpi_crosscheck)

// HR and the establishment workbook.
BOOST_AUTO_TEST_CASE(officer_strength_matches_hr_and_establishment) {
    const Tally tally = compare("officer_strength_vs_model", officer_strength_vs_model, false);
    BOOST_TEST(tally.values == 22);  // every window has a value
    const auto current =
        kpi_result("officer_strength_vs_model")->getArray("scopes")->getObject(0)->getObject("current");
    BOOST_TEST(current->getValue<double>("denominator") == 1075.0);
}

BOOST_AUTO_TEST_CASE(piu_sergeant_vacancies_match_hr_by_lpa) {
    const Tally tally = compare("piu_sergeant_vacancies", piu_sergeant_vacancies);
    BOOST_TEST(tally.values == 3 * 8);  // three LPAs, current and the seven months since go-live
}

BOOST_AUTO_TEST_CASE(trainers_in_post_match_hr) {
    const Tally tally = compare("trainers_in_post", trainers_in_post);
    BOOST_TEST(tally.values == 22);
    const auto scope = kpi_result("trainers_in_post")->getArray("scopes")->getObject(0);
    BOOST_TEST(scope->getObject("baseline")->getValue<double>("value") == 8.0);  // 1 + 4 + 3, as the seed says
}

BOOST_AUTO_TEST_CASE(mandatory_training_backlog_matches_training_records_and_hr) {
    const Tally tally = compare("mandatory_training_backlog", mandatory_training_backlog);
    BOOST_TEST(tally.values == 2 * 22);  // two courses, every window
}

// Duties.
BOOST_AUTO_TEST_CASE(roads_psl_matches_duties_and_minimum_strength) {
    const Tally tally = compare("roads_psl_met", roads_psl_met);
    BOOST_TEST(tally.values == 22);
}

BOOST_AUTO_TEST_CASE(fcid_single_ds_cover_matches_duties) {
    const Tally tally = compare("fcid_ds_single_cover_share", fcid_ds_single_cover_share);
    BOOST_TEST(tally.values == 22);
}

// Crime.
BOOST_AUTO_TEST_CASE(patrol_arrest_rate_matches_crime) {
    const Tally tally = compare("patrol_arrest_rate", patrol_arrest_rate);
    BOOST_TEST(tally.values == 22);
}

BOOST_AUTO_TEST_CASE(lprc_theft_and_damage_share_matches_crime) {
    const Tally tally = compare("lprc_theft_damage_share", lprc_theft_damage_share);
    BOOST_TEST(tally.values == 8);  // current and April to October 2023: no LPRC before go-live
}

BOOST_AUTO_TEST_CASE(crimes_without_team_share_matches_crime) {
    const Tally tally = compare("crimes_without_team_share", crimes_without_team_share);
    BOOST_TEST(tally.values == 22);
}

// The reviewed golden: one line per KPI and scope of the sample's October 2023 pack, with the
// figures a board member reads (rounded to 4 decimals here; kpis.json keeps them whole).
// PIRPACK_GOLDEN_UPDATE=1 rewrites it; read the diff before committing it.
BOOST_AUTO_TEST_CASE(sample_pack_summary_matches_the_reviewed_golden) {
    auto number = [](const Poco::Dynamic::Var& value) -> std::string {
        if (value.isEmpty()) return "-";
        char text[32];
        std::snprintf(text, sizeof text, "%.4f", value.convert<double>());
        return text;
    };
    std::ostringstream summary;
    summary << "kpi\tscope\tunit\tbaseline\tcurrent\tmatched\trag\tchange\ttest\tp_value\n";
    auto kpis = kpis_json()->getArray("kpis");
    for (std::size_t i = 0; i < kpis->size(); ++i) {
        auto kpi = kpis->getObject(static_cast<unsigned>(i));
        auto scopes = kpi->getArray("scopes");
        for (std::size_t j = 0; j < scopes->size(); ++j) {
            auto scope = scopes->getObject(static_cast<unsigned>(j));
            auto significance = scope->getObject("significance");
            std::string matched = scope->get("matched").isEmpty() ? "-" : number(scope->getObject("matched")->get("value"));
            summary << kpi->getValue<std::string>("id") << "\t" << scope->getValue<std::string>("scope") << "\t"
                    << kpi->getValue<std::string>("unit") << "\t" << number(scope->getObject("baseline")->get("value"))
                    << "\t" << number(scope->getObject("current")->get("value")) << "\t" << matched << "\t"
                    << scope->getValue<std::string>("rag") << "\t" << number(scope->get("change_vs_baseline")) << "\t"
                    << (significance->get("test").isEmpty() ? "-" : significance->getValue<std::string>("test")) << "\t"
                    << (significance->get("test").isEmpty() ? "-" : number(significance->get("p_value"))) << "\n";
        }
    }
    const std::string golden = std::string(PIRPACK_GOLDEN_DIR) + "/sample_kpis_2023-10.tsv";
    if (std::getenv("PIRPACK_GOLDEN_UPDATE")) {
        std::ofstream(golden, std::ios::binary) << summary.str();
        BOOST_TEST_MESSAGE("updated " << golden);
        return;
    }
    std::ifstream in(golden, std::ios::binary);
    std::stringstream expected;
    expected << in.rdbuf();
    BOOST_TEST(summary.str() == expected.str());
}

// The whole kpis.json of the sample's October 2023 pack, byte for byte. It is reviewed through
// the summary above (every KPI and scope) and by reading whole entries such as roads_psl_met;
// PIRPACK_GOLDEN_UPDATE=1 rewrites it with the summary.
BOOST_AUTO_TEST_CASE(sample_kpis_json_matches_the_golden) {
    std::ifstream made_file(folders().outputs / period / "kpis.json", std::ios::binary);
    std::stringstream made;
    made << made_file.rdbuf();
    const std::string golden = std::string(PIRPACK_GOLDEN_DIR) + "/sample_kpis_2023-10.json";
    if (std::getenv("PIRPACK_GOLDEN_UPDATE")) {
        std::ofstream(golden, std::ios::binary) << made.str();
        BOOST_TEST_MESSAGE("updated " << golden);
        return;
    }
    std::ifstream in(golden, std::ios::binary);
    std::stringstream expected;
    expected << in.rdbuf();
    BOOST_TEST(expected.str().size() > 100000u);
    BOOST_TEST((made.str() == expected.str()), "kpis.json differs from " << golden);
}

// Same inputs and --as-of, same bytes: the pack can be reproduced and audited.
BOOST_AUTO_TEST_CASE(a_second_run_writes_byte_identical_kpis_json) {
    const fs::path again = folders().root / "outputs-again";
    std::ostringstream out, err;
    BOOST_REQUIRE(pirpack::cli::run_main({"pirpack", "run", "--inputs", folders().inputs.string(), "--outputs",
                                          again.string(), "--period", period, "--as-of", "2023-11-06"},
                                         out, err) == pirpack::cli::exit_success);
    auto read = [](const fs::path& path) {
        std::ifstream in(path, std::ios::binary);
        std::stringstream text;
        text << in.rdbuf();
        return text.str();
    };
    const std::string first = read(folders().outputs / period / "kpis.json");
    BOOST_TEST(first.size() > 100000u);
    BOOST_TEST((first == read(again / period / "kpis.json")));
}

BOOST_AUTO_TEST_SUITE_END()
