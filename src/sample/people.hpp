// The workforce of one force over the two years: every officer and member of staff, and each
// posting they held. HR postings are written from it, and duties are rostered from it.
#pragma once

#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sample/csv_writer.hpp"
#include "sample/sample_context.hpp"

namespace pirpack::sample {

// One spell in one post. Strings point into the static establishment and team tables.
struct Posting {
    int group = -1;  // index into model_post_groups(); -1 for old-model and unslotted postings
    std::string_view team;
    std::string_view role;
    std::string_view rank;
    std::string_view lpa;
    Date start;
    std::optional<Date> end;  // the last day in post; none while current
    std::string_view start_reason;
    std::string_view end_reason;
    int relief = 0;  // which shift (relief) of the team's pattern, before reducing by its count
};

struct Person {
    int id = 0;  // creation order: stable, and the tie-break everywhere
    bool officer = true;
    int fte_percent = 100;
    Date service_start;
    std::string staff_number;
    std::vector<Posting> postings;  // in date order, never overlapping
};

struct Workforce {
    ForceContext force;
    std::vector<Person> people;                    // ordered by staff number
    std::set<std::string, std::less<>> text_pool;  // composed names the postings point into
};

// Simulates one force from the old model through go-live to the end of the data.
Workforce simulate_workforce(const ForceContext& force);

// Officer headcount and FTE in post on `date` (for tests and the documentation of the stories).
struct Strength {
    int headcount = 0;
    double fte = 0.0;
};
Strength measure_officer_strength(const Workforce& workforce, const Date& date);

// hr_postings.csv: one row per posting that overlaps the data window.
class HrPostingsWriter {
public:
    explicit HrPostingsWriter(const std::string& out_dir);
    void write(const Workforce& workforce);
    long close();  // returns the data rows written
    static constexpr std::string_view file_name = "hr_postings.csv";

private:
    CsvWriter csv_;
};

// training_records.csv: the mandatory courses officers must renew, from the Learning and
// Development system. One row per course falling due, with the day it was done (blank while it
// is outstanding, or if the officer left first).
class TrainingRecordsWriter {
public:
    explicit TrainingRecordsWriter(const std::string& out_dir);
    void write(const Workforce& workforce);
    long close();  // returns the data rows written
    static constexpr std::string_view file_name = "training_records.csv";

private:
    CsvWriter csv_;
};

}  // namespace pirpack::sample
