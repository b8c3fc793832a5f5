#include "actions/status.hpp"

#include <array>
#include <utility>

namespace pirpack::actions {

namespace {

// Lowercase, with spaces, hyphens and underscores as single spaces, trimmed, without a final
// full stop: "In-Progress." and "in progress" are one spelling.
std::string canonicalise(std::string_view text) {
    std::string out;
    for (size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        bool separator = c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '-' || c == '_';
        if (c == '\xC2' && i + 1 < text.size() && text[i + 1] == '\xA0') {
            separator = true;
            ++i;
        }
        if (separator) {
            if (!out.empty() && out.back() != ' ') out.push_back(' ');
        } else {
            out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
        }
    }
    if (!out.empty() && out.back() == ' ') out.pop_back();
    if (!out.empty() && out.back() == '.' && out != "n.a.") out.pop_back();
    if (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

const std::array<std::pair<std::string_view, ActionStatus>, 33> spellings = {{
    {"open", ActionStatus::open},
    {"new", ActionStatus::open},
    {"not started", ActionStatus::open},
    {"not yet started", ActionStatus::open},
    {"to do", ActionStatus::open},
    {"todo", ActionStatus::open},
    {"outstanding", ActionStatus::open},
    {"reopened", ActionStatus::open},
    {"re opened", ActionStatus::open},
    {"in progress", ActionStatus::in_progress},
    {"wip", ActionStatus::in_progress},
    {"ongoing", ActionStatus::in_progress},
    {"on going", ActionStatus::in_progress},
    {"started", ActionStatus::in_progress},
    {"underway", ActionStatus::in_progress},
    {"under way", ActionStatus::in_progress},
    {"in hand", ActionStatus::in_progress},
    {"active", ActionStatus::in_progress},
    {"on hold", ActionStatus::on_hold},
    {"hold", ActionStatus::on_hold},
    {"paused", ActionStatus::on_hold},
    {"deferred", ActionStatus::on_hold},
    {"done", ActionStatus::done},
    {"complete", ActionStatus::done},
    {"completed", ActionStatus::done},
    {"finished", ActionStatus::done},
    {"closed", ActionStatus::closed},
    {"cancelled", ActionStatus::closed},
    {"canceled", ActionStatus::closed},
    {"withdrawn", ActionStatus::closed},
    {"n/a", ActionStatus::not_applicable},
    {"na", ActionStatus::not_applicable},
    {"not applicable", ActionStatus::not_applicable},
}};

}  // namespace

std::optional<ActionStatus> read_status(std::string_view text) {
    std::string spelling = canonicalise(text);
    if (spelling == "n.a." || spelling == "n.a" || spelling == "n / a") return ActionStatus::not_applicable;
    for (const auto& [known, status] : spellings)
        if (spelling == known) return status;
    return std::nullopt;
}

std::string to_string(ActionStatus status) {
    switch (status) {
        case ActionStatus::open:
            return "Open";
        case ActionStatus::in_progress:
            return "In progress";
        case ActionStatus::on_hold:
            return "On hold";
        case ActionStatus::done:
            return "Done";
        case ActionStatus::closed:
            return "Closed";
        case ActionStatus::not_applicable:
            return "N/A";
    }
    return "Open";
}

bool is_open(ActionStatus status) {
    return status == ActionStatus::open || status == ActionStatus::in_progress || status == ActionStatus::on_hold;
}

std::vector<std::string> status_labels() {
    std::vector<std::string> labels;
    for (ActionStatus status : {ActionStatus::open, ActionStatus::in_progress, ActionStatus::on_hold,
                                ActionStatus::done, ActionStatus::closed, ActionStatus::not_applicable})
        labels.push_back(to_string(status));
    return labels;
}

}  // namespace pirpack::actions
