// Duties: one row per person per rostered day from the Duties system, split into two files by
// financial year, the overtime claims they give rise to (Windows-1252, as the finance report
// exports them), and the minimum strengths (PSLs) the Roads, Firearms and FIM/FDI KPIs test.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "sample/people.hpp"

namespace pirpack::sample {

class DutiesWriter {
public:
    explicit DutiesWriter(const std::string& out_dir);
    ~DutiesWriter();
    void write(const Workforce& workforce);
    std::vector<WrittenFile> close();  // the two duties files, then the overtime claims

    static constexpr std::string_view first_year_file = "duties_2022-23.csv";
    static constexpr std::string_view second_year_file = "duties_2023-24.csv";
    static constexpr std::string_view claims_file = "overtime_claims.csv";

private:
    struct State;
    std::unique_ptr<State> state_;
};

WrittenFile write_minimum_strength(const std::string& out_dir);

}  // namespace pirpack::sample
