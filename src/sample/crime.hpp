// Recorded crime from the crime system: about 45,000 crimes a year per force, with the Home Office
// classification, the team the crime allocation model (CAM) recommends, the teams that held it,
// the outcome and whether anyone was arrested. One workbook per financial year, as the monthly
// extract is re-run at year end.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <vector>

#include "sample/sample_context.hpp"

namespace pirpack::sample {

class CrimeWriter {
public:
    explicit CrimeWriter(std::string out_dir);
    ~CrimeWriter();
    void write(const ForceContext& force);
    std::vector<WrittenFile> close();

    static constexpr std::string_view sheet_name = "Crimes";

private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace pirpack::sample
