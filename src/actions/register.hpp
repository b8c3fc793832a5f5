// One row of the residual-action register, and what the pack asks of it as of a date: how many
// days an action is overdue, and whether it falls due soon. Also the natural order of action ids
// ("A-2" before "A-10") that every list of actions is sorted by.
//
//     Action action{.id = "A-11", .due = read_due_date("January 2024"), .status = ActionStatus::in_progress};
//     days_overdue(action, {2024, 2, 1}) == 1;           // due 2024-01-31
//     due_within(action, {2024, 1, 1}, 30) == true;      // 2024-01-01..2024-01-31
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "actions/due_date.hpp"
#include "actions/status.hpp"
#include "common/date.hpp"

namespace pirpack::actions {

struct Action {
    std::string id;  // "A-07": unique within a register
    std::string workstream;
    std::string area;
    std::string text;
    std::string owner;  // may be empty: the report names nobody
    DueDate due;
    ActionStatus status = ActionStatus::open;
    std::optional<common::Date> last_update;
    std::string notes;
};

// Natural order: runs of digits compare as numbers ("A-2" < "A-10"), the rest byte by byte;
// ids equal as numbers ("A-7", "A-07") fall back to byte order so the order stays strict.
bool id_less(std::string_view a, std::string_view b);

struct IdLess {
    using is_transparent = void;
    bool operator()(std::string_view a, std::string_view b) const { return id_less(a, b); }
};

// Days past its due date at `as_of` (due yesterday is 1), for an open action (open, in progress,
// on hold) with a due date before `as_of`; nullopt otherwise, including when it has no usable
// due date.
std::optional<int> days_overdue(const Action& action, const common::Date& as_of);

// An open action due from `as_of` to `as_of` + `days`, both ends included (not yet overdue).
bool due_within(const Action& action, const common::Date& as_of, int days);

// The actions above, in id order.
std::vector<Action> overdue_actions(const std::vector<Action>& actions, const common::Date& as_of);
std::vector<Action> actions_due_within(const std::vector<Action>& actions, const common::Date& as_of, int days);

// A copy sorted by id (natural order); stable, so duplicate ids keep their order.
std::vector<Action> sort_by_id(std::vector<Action> actions);

}  // namespace pirpack::actions
