// The process exit codes, in one place. The README documents the same table.
#pragma once

#include "common/errors.hpp"

namespace pirpack::cli {

enum ExitCode : int {
    exit_success = 0,
    exit_usage = 2,        // bad command line, settings file or programme file
    exit_input = 3,        // an extract is missing, unreadable, or has too many rejects
    exit_run_failure = 4,  // the run failed while producing the pack; nothing was published
    exit_locked = 5,       // another run holds the lock; try again later
};

int exit_code_for(common::ErrorKind kind);

}  // namespace pirpack::cli
