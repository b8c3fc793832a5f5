#include "sample/shift_patterns.hpp"

namespace pirpack::sample {

namespace {

using C = ShiftCode;

constexpr ShiftPattern office{"office", 0, 7, 0, {}, 30};
// Five reliefs, ten-day cycle, two days apart: each day three reliefs work and two rest.
constexpr ShiftPattern patrol_five{
    "patrol five shifts",
    5,
    10,
    2,
    {C::early, C::early, C::late, C::late, C::night, C::night, C::rest, C::rest, C::rest, C::rest},
    36};
constexpr ShiftPattern days_five{
    "five shifts, days and lates",
    5,
    10,
    2,
    {C::early, C::early, C::early, C::late, C::late, C::late, C::rest, C::rest, C::rest, C::rest},
    36};
// Four reliefs, eight-day cycle: one relief on days, one on nights, two resting.
constexpr ShiftPattern four_nights{"four shifts, four on four off",
                                   4,
                                   8,
                                   2,
                                   {C::early, C::early, C::night, C::night, C::rest, C::rest, C::rest, C::rest},
                                   42};
constexpr ShiftPattern four_days{"four shifts, days and lates",
                                 4,
                                 8,
                                 2,
                                 {C::early, C::early, C::late, C::late, C::rest, C::rest, C::rest, C::rest},
                                 42};
// Four on, four off, and the fifth relief on its training days.
constexpr ShiftPattern afo_five{
    "five shifts, fifth for training",
    5,
    10,
    2,
    {C::early, C::early, C::night, C::night, C::rest, C::rest, C::rest, C::rest, C::training, C::training},
    40};
constexpr ShiftPattern roads_five{
    "five shifts with the AFOs",
    5,
    10,
    2,
    {C::early, C::early, C::night, C::night, C::rest, C::rest, C::rest, C::rest, C::flex, C::flex},
    40};

bool is_one_of(std::string_view team, std::initializer_list<std::string_view> names) {
    for (auto name : names)
        if (team == name) return true;
    return false;
}

const ShiftPattern& before_go_live(std::string_view team, std::string_view role) {
    if (team == "Patrol") return patrol_five;
    if (team == "Roads Policing") return roads_five;
    if (team == "Firearms") return afo_five;
    if (team == "Dog Section") return role == "Dog Handler" ? afo_five : office;
    if (is_one_of(team, {"CID", "SNT", "Mental Health Triage"})) return days_five;
    if (is_one_of(team, {"OCC Inspectors", "IMU", "OCC Call Handling", "DDM", "Resolution Centre", "i24", "Custody"}))
        return four_nights;
    return office;
}

const ShiftPattern& after_go_live(std::string_view team, std::string_view role) {
    if (is_one_of(team, {"Patrol", "Roads Policing", "FIM/FDI", "IMU", "OCC Call Handling", "DDM", "Resolution Centre",
                         "Intel Hub", "Custody"}))
        return four_nights;
    if (team == "Firearms") return afo_five;
    if (team == "Dog Section") return role == "Dog Handler" ? four_nights : office;
    if (is_one_of(team, {"PIU", "SNT", "Mental Health Triage"})) return days_five;
    if (is_one_of(team, {"Force CID", "DART", "Missing Persons"})) return four_days;
    return office;
}

}  // namespace

ShiftCode ShiftPattern::code_on(const Date& date, int relief) const {
    if (reliefs == 0) return common::weekday(date) < 5 ? C::day : C::rest;
    const long day = common::days_since_epoch(date) + static_cast<long>((relief % reliefs) * step);
    return days[static_cast<std::size_t>(((day % cycle) + cycle) % cycle)];
}

char ShiftPattern::relief_letter(int relief) const {
    return reliefs == 0 ? '\0' : static_cast<char>('A' + relief % reliefs);
}

const ShiftPattern& find_shift_pattern(std::string_view team, std::string_view role, const Date& date) {
    return date < go_live ? before_go_live(team, role) : after_go_live(team, role);
}

bool is_working(ShiftCode code) { return code != C::rest; }

}  // namespace pirpack::sample
