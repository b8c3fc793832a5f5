#include "actions/register.hpp"

#include <algorithm>

namespace pirpack::actions {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// -1, 0, 1 comparing two digit runs as numbers of any length.
int compare_numbers(std::string_view a, std::string_view b) {
    while (a.size() > 1 && a.front() == '0') a.remove_prefix(1);
    while (b.size() > 1 && b.front() == '0') b.remove_prefix(1);
    if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
    int c = a.compare(b);
    return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

}  // namespace

bool id_less(std::string_view a, std::string_view b) {
    size_t i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        if (is_digit(a[i]) && is_digit(b[j])) {
            size_t i_end = i, j_end = j;
            while (i_end < a.size() && is_digit(a[i_end])) ++i_end;
            while (j_end < b.size() && is_digit(b[j_end])) ++j_end;
            if (int c = compare_numbers(a.substr(i, i_end - i), b.substr(j, j_end - j)); c != 0) return c < 0;
            i = i_end;
            j = j_end;
        } else {
            if (a[i] != b[j]) return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[j]);
            ++i;
            ++j;
        }
    }
    if ((i < a.size()) != (j < b.size())) return i >= a.size();  // a prefix comes first
    return a < b;
}

std::optional<int> days_overdue(const Action& action, const common::Date& as_of) {
    if (!is_open(action.status) || !action.due.date || !(*action.due.date < as_of)) return std::nullopt;
    return static_cast<int>(common::days_between(*action.due.date, as_of));
}

bool due_within(const Action& action, const common::Date& as_of, int days) {
    if (!is_open(action.status) || !action.due.date || days < 0) return false;
    return !(*action.due.date < as_of) && !(common::add_days(as_of, days) < *action.due.date);
}

std::vector<Action> overdue_actions(const std::vector<Action>& actions, const common::Date& as_of) {
    std::vector<Action> overdue;
    for (const auto& action : actions)
        if (days_overdue(action, as_of)) overdue.push_back(action);
    return sort_by_id(std::move(overdue));
}

std::vector<Action> actions_due_within(const std::vector<Action>& actions, const common::Date& as_of, int days) {
    std::vector<Action> due;
    for (const auto& action : actions)
        if (due_within(action, as_of, days)) due.push_back(action);
    return sort_by_id(std::move(due));
}

std::vector<Action> sort_by_id(std::vector<Action> actions) {
    std::stable_sort(actions.begin(), actions.end(),
                     [](const Action& a, const Action& b) { return id_less(a.id, b.id); });
    return actions;
}

}  // namespace pirpack::actions
