// Shift patterns (rosters) of the old and the new model. The seed's shift changes are what the
// duties extract must show: Patrol from five shifts (six on, four off) to four (four on, four
// off); Roads from five shifts to four; Firearms five throughout, the fifth for training; PIU on
// five shifts; IMU and Force CID on four; office teams Monday to Friday.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "sample/sample_context.hpp"

namespace pirpack::sample {

enum class ShiftCode : std::uint8_t {
    early,
    late,
    night,
    day,  // office hours
    rest,
    training,  // the Firearms fifth shift: a rostered training day
    flex,      // the old Roads fifth shift: deployed where short, or trained
};

struct ShiftPattern {
    std::string_view name;
    int reliefs = 0;  // 0: Monday to Friday office hours, no reliefs
    int cycle = 7;    // days before the roster repeats
    int step = 0;     // days between one relief's roster and the next's
    std::array<ShiftCode, 10> days{};
    int quarter_hours = 30;  // length of a working shift, in quarter hours

    // What a member of relief `relief` (any non-negative number; reduced by the relief count)
    // is rostered to on `date`.
    ShiftCode code_on(const Date& date, int relief) const;
    char relief_letter(int relief) const;  // 'A'..; 0 for office patterns
};

// The pattern a post-holder works on `date`, from the team (old or new name), role and whether
// the date is before go-live.
const ShiftPattern& find_shift_pattern(std::string_view team, std::string_view role, const Date& date);

bool is_working(ShiftCode code);

}  // namespace pirpack::sample
