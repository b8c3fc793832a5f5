// What changed in the register between two runs, matched by action id, and how often each
// action's due date has moved over the snapshots kept so far.
//
//     RegisterChanges changes = compare_registers(last_run, this_run);
//     for (const auto& moved : changes.due_changes)
//         describe_due(moved.before) + " -> " + describe_due(moved.after);
//     count_due_moves({march, april, may}).at("A-15") == 2;
//
// Rules, so a board sees each change once:
// - added: an id in this run that the last run did not have (whatever its status).
// - closed: an open action (open, in progress, on hold) that is now done, closed or N/A; and
//   removed: an id of the last run missing from this one, whatever its status was.
// - status_changes: every other change of status (Open -> In progress, Closed -> Open, Done ->
//   Closed); a closing is reported under closed only.
// - owner_changes: owners compared ignoring case and repeated spaces.
// - due_changes: when both due dates read as dates, a different date ("January 2024" ->
//   "31/01/2024" is no move); otherwise a different status or wording (case and spaces ignored).
// Every list is in id order (natural: A-2 before A-10). A duplicated id counts once: its first row.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "actions/register.hpp"

namespace pirpack::actions {

struct ClosedAction {
    Action action;  // this run's row; the last run's row when removed
    ActionStatus previous_status = ActionStatus::open;
    bool removed = false;
};

struct OwnerChange {
    std::string id;
    std::string before;
    std::string after;
};

struct DueChange {
    std::string id;
    DueDate before;
    DueDate after;
};

struct StatusChange {
    std::string id;
    ActionStatus before = ActionStatus::open;
    ActionStatus after = ActionStatus::open;
};

struct RegisterChanges {
    std::vector<Action> added;
    std::vector<ClosedAction> closed;
    std::vector<OwnerChange> owner_changes;
    std::vector<DueChange> due_changes;
    std::vector<StatusChange> status_changes;

    bool empty() const;
};

RegisterChanges compare_registers(const std::vector<Action>& previous, const std::vector<Action>& current);

// Whether two due dates name a different day (see due_changes above).
bool due_moved(const DueDate& before, const DueDate& after);

// Per id seen in any snapshot (oldest first), how many times its due date moved between the
// snapshots that have it; an id missing from a snapshot is compared with where it was last seen.
std::map<std::string, int, IdLess> count_due_moves(const std::vector<std::vector<Action>>& history);

}  // namespace pirpack::actions
