// Fault injection for the crash tests (tests/cli/fault_kill.sh): named points along a run where
// the test can kill the process, so a crash lands at the same step every time instead of at
// whatever instant a timer happens to fire.
//
//   PIRPACK_FAULT_POINT=N  the Nth point passed (counting from 1, over every thread) raises
//                          SIGKILL: no destructor, no handler, as if the machine had killed it.
//   PIRPACK_FAULT_LIST=1   each point passed writes "fault point N: NAME" to stderr.
//
// Both are read once, at the first point. With neither set, a point costs one branch.
#pragma once

namespace pirpack::common {

// Marks a place a run may die. `name` says where ("publish: pack swapped in, store not
// committed"); points called once per batch or per query share a name.
void fault_point(const char* name);

// True when either variable is set, so callers can skip wrapping things in points.
bool fault_points_enabled();

}  // namespace pirpack::common
