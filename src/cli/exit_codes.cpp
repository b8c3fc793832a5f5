#include "cli/exit_codes.hpp"

namespace pirpack::cli {

int exit_code_for(common::ErrorKind kind) {
    switch (kind) {
        case common::ErrorKind::usage:
        case common::ErrorKind::configuration: return exit_usage;
        case common::ErrorKind::input: return exit_input;
        case common::ErrorKind::run: return exit_run_failure;
        case common::ErrorKind::locked: return exit_locked;
    }
    return exit_run_failure;
}

}  // namespace pirpack::cli
