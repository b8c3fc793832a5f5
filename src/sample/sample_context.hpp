// What every part of the sample shares: its calendar, and which force of the run it is writing.
#pragma once

#include <cstdint>
#include <string>

#include "common/date.hpp"

namespace pirpack::sample {

using common::Date;

// The seed programme's calendar. Two years of data either side of go-live, so a baseline year and
// a first year of the new model can be compared month for month.
inline constexpr Date data_start{2022, 4, 1};
inline constexpr Date data_end{2024, 3, 31};
inline constexpr Date go_live{2023, 4, 1};
inline constexpr Date baseline_end{2023, 3, 31};
inline constexpr Date prevention_hub_go_live{2023, 11, 20};
inline constexpr Date intel_hub_second_sergeant{2023, 12, 4};
inline constexpr Date fim_changes{2024, 1, 8};
// Stamped as the created date of every workbook, so the files do not depend on the clock.
inline constexpr Date extract_date{2024, 4, 5};

// One force of a --scale N run. Force 0 is the seed's force; the others are copies with their own
// staff numbers and crime references, so counts grow N-fold while shares stay alike.
struct ForceContext {
    int index = 0;
    std::string code;  // two characters that start every staff number and crime reference
    std::uint64_t seed = 1;
};

// A file the sample wrote: its path relative to the output folder and its data rows (0 for
// files that are not tables, such as programme.toml and the narrative).
struct WrittenFile {
    std::string path;
    long rows = 0;
};

// "WK" for force 0; two distinct characters for each other force (up to 1,296 in all).
std::string force_code(int index);

// The name written in extracts that carry the force (the establishment).
std::string force_name(int index);

}  // namespace pirpack::sample
