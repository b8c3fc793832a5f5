// An action's status, normalised from what owners write in the register ("WIP", "in-progress",
// "Completed", "not started"), and the six labels pirpack writes back (the workbook's drop-down).
//
//     read_status(" in-progress ") == ActionStatus::in_progress;
//     to_string(ActionStatus::in_progress) == "In progress";
//     !read_status("maybe");  // the caller turns this into a reject
//
// Accepted spellings (any case; spaces, hyphens and underscores alike; a trailing full stop
// ignored):
//   open            open, new, not started, not yet started, to do, todo, outstanding, reopened
//   in_progress     in progress, WIP, ongoing, started, underway, under way, in hand, active
//   on_hold         on hold, hold, paused, deferred
//   done            done, complete, completed, finished
//   closed          closed, cancelled, canceled, withdrawn (ended without being done: nothing
//                   more will happen, which is what "closed" tells the board)
//   not_applicable  N/A, NA, N.A., not applicable (no action was ever needed)
// Anything else, including "pending" and "blocked" (open or on hold? the owner must say), is
// nullopt.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pirpack::actions {

enum class ActionStatus { open, in_progress, on_hold, done, closed, not_applicable };

std::optional<ActionStatus> read_status(std::string_view text);

// "Open", "In progress", "On hold", "Done", "Closed", "N/A": each reads back as itself.
std::string to_string(ActionStatus status);

// Open, in progress or on hold: still owed by its owner.
bool is_open(ActionStatus status);

// The six labels in the enum's order, for the register workbook's drop-down.
std::vector<std::string> status_labels();

}  // namespace pirpack::actions
