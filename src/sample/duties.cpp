#include "sample/duties.hpp"

#include <fmt/format.h>

#include <filesystem>

#include "sample/csv_writer.hpp"
#include "sample/random.hpp"
#include "sample/shift_patterns.hpp"

namespace pirpack::sample {

namespace {

using common::add_days;
using common::days_between;

constexpr Date summer_2023_start{2023, 6, 1};
constexpr Date summer_2023_end{2023, 8, 31};
constexpr int roads_early_minimum = 5;
constexpr int roads_night_minimum = 4;

enum class Status : std::uint8_t {
    on_duty,
    rest_day,
    rest_day_worked,
    training,
    sick,
    annual_leave,
    court,
    mutual_aid
};

std::string_view status_name(Status status) {
    switch (status) {
        case Status::on_duty:
            return "On duty";
        case Status::rest_day:
            return "Rest day";
        case Status::rest_day_worked:
            return "Rest day worked";
        case Status::training:
            return "Training";
        case Status::sick:
            return "Sick";
        case Status::annual_leave:
            return "Annual leave";
        case Status::court:
            return "Court";
        case Status::mutual_aid:
            return "Mutual aid";
    }
    return "On duty";
}

std::string_view shift_name(ShiftCode code) {
    switch (code) {
        case ShiftCode::early:
            return "Early";
        case ShiftCode::late:
            return "Late";
        case ShiftCode::night:
            return "Night";
        case ShiftCode::rest:
            return "Rest";
        default:
            return "Day";
    }
}

bool is_on_shift(Status status) { return status == Status::on_duty || status == Status::rest_day_worked; }

// Overtime is paid as a multiple of the hourly rate: time and a third for a late finish, time and
// a half for a rest day worked at short notice or for mutual aid.
struct Multiplier {
    int numerator;
    int denominator;
};
constexpr Multiplier late_finish{4, 3};
constexpr Multiplier time_and_a_half{3, 2};

// Hourly rates in pennies. Inspectors and above are not paid overtime, so they make no claims.
long hourly_rate_pennies(std::string_view rank) {
    if (rank == "Constable" || rank == "Detective Constable") return 2046;
    if (rank == "Sergeant" || rank == "Detective Sergeant") return 2561;
    if (rank == "PCSO") return 1480;
    if (rank == "Grade C") return 1310;
    if (rank == "Grade D") return 1485;
    if (rank == "Grade E") return 1705;
    if (rank == "Grade F") return 1960;
    if (rank == "Grade G") return 2290;
    return 0;
}

constexpr std::string_view late_finish_reasons[] = {
    "Late finish – prisoner processing",     "Late finish – “immediate” call at end of shift",
    "Late finish – scene preservation",      "Late finish – statement from a vulnerable victim",
    "Late finish – hospital constant watch",
};
std::string_view staff_extra_reason(std::string_view team) {
    if (team == "OCC Call Handling" || team == "IMU" || team == "DDM" || team == "Resolution Centre")
        return "Extra hours – call demand";
    return "Extra hours – ‘backlog’ of work";
}
constexpr std::string_view operation_names[] = {"Op Sandstone", "Op Harbour", "Op Kestrel", "Op Lantern"};

struct Record {
    int person = 0;
    const Posting* posting = nullptr;
    const ShiftPattern* pattern = nullptr;
    ShiftCode shift = ShiftCode::rest;
    Status status = Status::rest_day;
    int quarter_hours = 0;
    int overtime_quarters = 0;
    int claim_quarters = 0;  // what this row claims: usually its overtime, a whole deployment on its first day
    Multiplier multiplier = late_finish;
    bool flexible = false;  // on the old fifth Roads shift: may be sent to whichever turn is short
    std::string reason;
};

// Per-person state carried from day to day: spells of sickness, leave and mutual aid.
struct PersonState {
    std::size_t posting = 0;
    int sick_days = 0;   // calendar days still to run
    int leave_days = 0;  // working days still to run
    int aid_days = 0;    // calendar days still to run
};

bool in_summer_2023(const Date& date) { return date >= summer_2023_start && date <= summer_2023_end; }

bool is_investigation_team(std::string_view team) {
    return team == "Force CID" || team == "DART" || team == "CATE Child Abuse" || team == "CRASU" ||
           team == "CATE Trafficking and Exploitation" || team == "OCSET";
}

bool does_mutual_aid(std::string_view team) {
    return team == "Firearms" || team == "Roads Policing" || team == "Patrol" || team == "Dog Section" ||
           team == "Tactical Planning";
}

bool is_fcid_sergeant(const Posting& posting) {
    return (posting.team == "Force CID" || posting.team == "CID") && posting.rank == "Detective Sergeant";
}

double leave_season(const Date& date) {
    if (date.month == 7 || date.month == 8) return 1.8;
    if (date.month == 12 && date.day >= 18) return 1.6;
    if (date.month == 4 || date.month == 10) return 1.2;
    if (date.month == 1 || date.month == 11) return 0.6;
    return 1.0;
}

}  // namespace

struct DutiesWriter::State {
    CsvWriter first_year;
    CsvWriter second_year;
    CsvWriter claims;
    long claim_sequence = 0;
    std::vector<Record> records;

    explicit State(const std::string& out_dir)
        : first_year((std::filesystem::path(out_dir) / first_year_file).string(), CsvOptions{}),
          second_year((std::filesystem::path(out_dir) / second_year_file).string(), CsvOptions{}),
          claims((std::filesystem::path(out_dir) / claims_file).string(),
                 CsvOptions{.crlf = true, .encoding = CsvEncoding::windows1252}) {
        for (CsvWriter* duties : {&first_year, &second_year}) {
            for (const char* header : {"Duty Date", "Staff No", "Rank", "Team", "LPA", "Relief", "Shift", "Status",
                                       "Hours", "Overtime Hours"})
                duties->field(header);
            duties->end_header();
        }
        // The finance report puts a title and its marking above the header row.
        claims.write_preamble_line("Overtime claims – authorised 01/04/2022 to 31/03/2024");
        claims.write_preamble_line("OFFICIAL - SENSITIVE");
        for (const char* header :
             {"Claim Ref", "Duty Date", "Staff No", "Team", "Rank/Grade", "Hours", "Cost", "Reason"})
            claims.field(header);
        claims.end_header();
    }
};

DutiesWriter::DutiesWriter(const std::string& out_dir) : state_(std::make_unique<State>(out_dir)) {}
DutiesWriter::~DutiesWriter() = default;

namespace {

class Roster {
public:
    Roster(const Workforce& workforce, std::vector<Record>& records)
        : workforce_(workforce),
          records_(records),
          rng_(workforce.force.seed, "duties", workforce.force.index),
          states_(workforce.people.size()) {}

    // Fills records_ with one day's rows, in staff number order.
    void roster_day(const Date& date) {
        records_.clear();
        for (std::size_t i = 0; i < workforce_.people.size(); ++i) {
            const Person& person = workforce_.people[i];
            PersonState& state = states_[i];
            while (state.posting < person.postings.size() && person.postings[state.posting].end &&
                   *person.postings[state.posting].end < date)
                ++state.posting;
            if (state.posting >= person.postings.size()) continue;
            const Posting& posting = person.postings[state.posting];
            if (posting.start > date) continue;
            records_.push_back(decide(static_cast<int>(i), person, posting, state, date));
        }
        cover_fcid_sergeants(date);
        cover_roads_nights(date);
    }

private:
    const Workforce& workforce_;
    std::vector<Record>& records_;
    Rng rng_;
    std::vector<PersonState> states_;

    int overtime_quarters() {
        static constexpr double weights[] = {0.30, 0.30, 0.15, 0.12, 0.08, 0.05};
        return 2 * static_cast<int>(rng_.pick(weights) + 1);
    }

    int sickness_days() {
        const double u = rng_.uniform();
        if (u < 0.80) return static_cast<int>(rng_.uniform_int(1, 5));
        if (u < 0.98) return static_cast<int>(rng_.uniform_int(6, 20));
        return static_cast<int>(rng_.uniform_int(21, 80));
    }

    Record decide(int index, const Person& person, const Posting& posting, PersonState& state, const Date& date) {
        Record record;
        record.person = index;
        record.posting = &posting;
        record.pattern = &find_shift_pattern(posting.team, posting.role, date);
        const ShiftCode code = record.pattern->code_on(date, posting.relief);
        record.shift = code;
        const bool after = date >= go_live;
        const bool officer = person.officer;

        if (state.aid_days > 0) {
            --state.aid_days;
            record.shift = ShiftCode::day;
            record.status = Status::mutual_aid;
            record.quarter_hours = 48;
            record.overtime_quarters = 24;
            return record;
        }
        if (state.sick_days > 0) {
            --state.sick_days;
            record.status = is_working(code) ? Status::sick : Status::rest_day;
            return record;
        }
        if (!is_working(code)) {
            record.status = Status::rest_day;
            double rest_day_work = officer ? 0.010 : 0.004;
            if (after && posting.team == "Roads Policing") rest_day_work = 0.025;
            if (in_summer_2023(date) && is_investigation_team(posting.team)) rest_day_work = 0.03;
            if (rng_.chance(rest_day_work)) work_rest_day(record, posting, date);
            return record;
        }
        if (state.leave_days > 0) {
            --state.leave_days;
            record.status = Status::annual_leave;
            return record;
        }
        if (rng_.chance(officer ? 0.010 : 0.009)) {
            state.sick_days = sickness_days() - 1;
            record.status = Status::sick;
            return record;
        }
        if (rng_.chance(0.035 * leave_season(date))) {
            state.leave_days = static_cast<int>(rng_.uniform_int(2, 6)) - 1;
            record.status = Status::annual_leave;
            return record;
        }
        if (person.fte_percent < 100 && rng_.chance((100 - person.fte_percent) / 100.0)) {
            record.status = Status::rest_day;  // a part-timer's non-working day
            record.shift = ShiftCode::rest;
            return record;
        }
        record.quarter_hours = record.pattern->quarter_hours;
        if (code == ShiftCode::training) {
            record.status = Status::training;
            record.quarter_hours = 32;
            return record;
        }
        if (code == ShiftCode::flex) {
            // The old fifth Roads shift trained, or topped up the early turn.
            if (rng_.chance(0.35)) {
                record.status = Status::training;
                record.quarter_hours = 32;
            } else {
                record.status = Status::on_duty;
                record.shift = ShiftCode::early;
                record.flexible = true;
            }
            return record;
        }
        if (officer && does_mutual_aid(posting.team) && rng_.chance(0.0012)) {
            const int days = static_cast<int>(rng_.uniform_int(3, 5));
            state.aid_days = days - 1;
            record.shift = ShiftCode::day;
            record.status = Status::mutual_aid;
            record.quarter_hours = 48;
            record.overtime_quarters = 24;
            record.claim_quarters = 24 * days;
            record.multiplier = time_and_a_half;
            record.reason = fmt::format("Mutual aid – ‘{}’, {} days", operation_names[rng_.uniform_int(0, 3)], days);
            return record;
        }
        if (officer) {
            const bool frontline = posting.team == "Patrol" || posting.team == "PIU" || posting.team == "SNT";
            // After go-live the four-shift pattern left little room to take people off for training.
            double training = !after ? 0.034 : (frontline ? 0.022 : 0.030);
            // Roads lost the fifth shift its courses used to fall on.
            if (after && posting.team == "Roads Policing") training = 0.07;
            // Dog handlers keep up licensing hours on working shifts now the fifth shift has gone.
            if (after && posting.team == "Dog Section") training = 0.08;
            if (rng_.chance(training)) {
                record.status = Status::training;
                return record;
            }
            if (rng_.chance(0.004)) {
                record.status = Status::court;
                return record;
            }
        } else if (rng_.chance(0.012)) {
            record.status = Status::training;
            return record;
        }
        record.status = Status::on_duty;
        double overtime = officer ? 0.08 : 0.02;
        if (posting.team == "Patrol" || posting.team == "PIU" || is_investigation_team(posting.team)) overtime = 0.10;
        if (in_summer_2023(date) && is_investigation_team(posting.team)) overtime = 0.16;
        if (rng_.chance(overtime)) {
            record.overtime_quarters = overtime_quarters();
            record.claim_quarters = record.overtime_quarters;
            record.multiplier = officer ? late_finish : time_and_a_half;
            record.reason = officer ? late_finish_reasons[rng_.uniform_int(0, 4)] : staff_extra_reason(posting.team);
        }
        return record;
    }

    void work_rest_day(Record& record, const Posting& posting, const Date& date) {
        record.status = Status::rest_day_worked;
        record.shift = record.pattern->reliefs == 0 ? ShiftCode::day : ShiftCode::early;
        record.quarter_hours = record.pattern->reliefs == 0 ? 30 : record.pattern->quarter_hours;
        record.overtime_quarters = record.quarter_hours;
        record.claim_quarters = record.quarter_hours;
        record.multiplier = time_and_a_half;
        if (is_fcid_sergeant(posting))
            record.reason = "Rest day worked – county DS cover";
        else if (posting.team == "Roads Policing")
            record.reason = date >= go_live && rng_.chance(0.4) ? "Rest day worked – HS2 “ab load” escort"
                                                                : "Rest day worked – minimum strength (PSL)";
        else if (is_investigation_team(posting.team))
            record.reason = "Rest day worked – safeguarding enquiries";
        else
            record.reason = "Rest day worked – minimum strength (PSL)";
    }

    // Before go-live the fifth Roads shift backed up whichever turn was short: this is the
    // resilience the seed says was lost when it was removed.
    void cover_roads_nights(const Date& date) {
        if (date >= go_live) return;
        int nights = 0;
        std::vector<Record*> flexible;
        for (auto& record : records_) {
            if (record.posting->team != "Roads Policing") continue;
            if (record.shift == ShiftCode::night && is_on_shift(record.status)) ++nights;
            if (record.flexible) flexible.push_back(&record);
        }
        for (std::size_t i = 0; i < flexible.size() && nights < roads_night_minimum; ++i, ++nights)
            flexible[i]->shift = ShiftCode::night;
    }

    // After go-live Force CID has one DS per shift: when none is on, one works a rest day, and
    // in the busy summer of 2023 a second often came in too.
    void cover_fcid_sergeants(const Date& date) {
        if (date < go_live) return;
        int on_shift = 0;
        std::vector<Record*> resting;
        for (auto& record : records_) {
            if (!is_fcid_sergeant(*record.posting)) continue;
            if (is_on_shift(record.status)) ++on_shift;
            if (record.status == Status::rest_day && record.shift == ShiftCode::rest) resting.push_back(&record);
        }
        if (resting.empty()) return;
        const bool short_of_cover = on_shift == 0 || (on_shift == 1 && in_summer_2023(date) && rng_.chance(0.35));
        if (!short_of_cover) return;
        Record& chosen = *resting[static_cast<std::size_t>(rng_.uniform_int(0, static_cast<long>(resting.size()) - 1))];
        work_rest_day(chosen, *chosen.posting, date);
        if (on_shift == 1) chosen.shift = ShiftCode::late;
    }
};

void write_duty_row(CsvWriter& csv, const Person& person, const Record& record, const Date& date) {
    csv.field_iso_date(date);
    csv.field(person.staff_number);
    csv.field(record.posting->rank);
    csv.field(record.posting->team);
    csv.field(record.posting->lpa);
    const char relief = record.pattern->relief_letter(record.posting->relief);
    if (relief != '\0')
        csv.field(std::string_view(&relief, 1));
    else
        csv.field_empty();
    csv.field(shift_name(record.shift));
    csv.field(status_name(record.status));
    csv.field_hundredths(record.quarter_hours * 25L);
    csv.field_hundredths(record.overtime_quarters * 25L);
    csv.end_row();
}

}  // namespace

void DutiesWriter::write(const Workforce& workforce) {
    Roster roster(workforce, state_->records);
    const long days = days_between(data_start, data_end);
    for (long offset = 0; offset <= days; ++offset) {
        const Date date = add_days(data_start, offset);
        roster.roster_day(date);
        CsvWriter& duties = date < go_live ? state_->first_year : state_->second_year;
        for (const auto& record : state_->records) {
            const Person& person = workforce.people[static_cast<std::size_t>(record.person)];
            write_duty_row(duties, person, record, date);
            if (record.claim_quarters == 0) continue;
            const long rate = hourly_rate_pennies(record.posting->rank);
            if (rate == 0) continue;
            const long numerator = record.claim_quarters * rate * record.multiplier.numerator;
            const long denominator = 4L * record.multiplier.denominator;
            CsvWriter& claims = state_->claims;
            claims.field(fmt::format("{}-OT-{:06}", workforce.force.code, ++state_->claim_sequence));
            claims.field_uk_date(date);
            claims.field(person.staff_number);
            claims.field(record.posting->team);
            claims.field(record.posting->rank);
            claims.field_hundredths(record.claim_quarters * 25L);
            claims.field(format_pounds((numerator + denominator / 2) / denominator));
            claims.field(record.reason);
            claims.end_row();
        }
    }
}

std::vector<WrittenFile> DutiesWriter::close() {
    state_->first_year.close();
    state_->second_year.close();
    state_->claims.close();
    return {{std::string(first_year_file), state_->first_year.data_rows()},
            {std::string(second_year_file), state_->second_year.data_rows()},
            {std::string(claims_file), state_->claims.data_rows()}};
}

WrittenFile write_minimum_strength(const std::string& out_dir) {
    WrittenFile result{"minimum_strength.csv", 0};
    CsvWriter csv((std::filesystem::path(out_dir) / result.path).string(), CsvOptions{.crlf = true});
    for (const char* header : {"Team", "Shift", "Minimum", "Effective From", "Effective To"}) csv.field(header);
    csv.end_header();
    struct Minimum {
        std::string_view team;
        std::string_view shift;
        int minimum;
        Date from;
        std::optional<Date> to;
    };
    const Minimum minimums[] = {
        {"Roads Policing", "Early", roads_early_minimum, data_start, std::nullopt},
        {"Roads Policing", "Night", roads_night_minimum, data_start, std::nullopt},
        {"Firearms", "Early", 6, data_start, std::nullopt},
        {"Firearms", "Night", 6, data_start, std::nullopt},
        {"Dog Section", "Early", 1, data_start, std::nullopt},
        {"Dog Section", "Night", 1, data_start, std::nullopt},
        {"OCC Inspectors", "Early", 1, data_start, baseline_end},
        {"OCC Inspectors", "Night", 1, data_start, baseline_end},
        {"FIM/FDI", "Early", 2, go_live, std::nullopt},
        {"FIM/FDI", "Night", 2, go_live, std::nullopt},
        {"IMU", "Early", 2, go_live, std::nullopt},
        {"IMU", "Night", 1, go_live, std::nullopt},
    };
    for (const auto& row : minimums) {
        csv.field(row.team);
        csv.field(row.shift);
        csv.field_integer(row.minimum);
        csv.field_uk_date(row.from);
        if (row.to)
            csv.field_uk_date(*row.to);
        else
            csv.field_empty();
        csv.end_row();
    }
    csv.close();
    result.rows = csv.data_rows();
    return result;
}

}  // namespace pirpack::sample
