#include "kpi/rag.hpp"

namespace pirpack::kpi {

std::string to_string(Rag rag) {
    switch (rag) {
        case Rag::none: return "none";
        case Rag::grey: return "grey";
        case Rag::red: return "red";
        case Rag::amber: return "amber";
        case Rag::green: return "green";
    }
    return "none";
}

Rag judge_rag(std::optional<double> value, const config::Kpi& kpi) {
    if (kpi.direction == config::Direction::neutral || !kpi.target) return Rag::none;
    if (!value) return Rag::grey;
    const bool higher = kpi.direction == config::Direction::higher_is_better;
    auto at_or_past = [&](double threshold) { return higher ? *value >= threshold : *value <= threshold; };
    if (at_or_past(*kpi.target)) return Rag::green;
    if (kpi.amber && at_or_past(*kpi.amber)) return Rag::amber;
    return Rag::red;
}

}  // namespace pirpack::kpi
