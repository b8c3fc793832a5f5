// Red, amber, green (and grey for no data) from a value, the KPI's target, amber threshold and
// direction. Neutral KPIs carry no RAG.
#pragma once

#include <optional>
#include <string>

#include "config/programme.hpp"

namespace pirpack::kpi {

enum class Rag { none, grey, red, amber, green };

std::string to_string(Rag rag);

// Green at or past the target; amber at or past the amber threshold; red otherwise. Without an
// amber threshold there is no amber. No value is grey, never green. Neutral is none.
Rag judge_rag(std::optional<double> value, const config::Kpi& kpi);

}  // namespace pirpack::kpi
