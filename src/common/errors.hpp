// Fatal errors: typed, located, with a hint. The CLI turns each kind into an exit code in one
// place (cli/exit_codes.hpp); library code throws these and never exits or prints.
#pragma once

#include <stdexcept>
#include <string>

#include "common/source_location.hpp"

namespace pirpack::common {

enum class ErrorKind {
    usage,           // the command line is wrong
    configuration,   // the settings file or the programme file is wrong
    input,           // an extract is missing, unreadable or too dirty to use
    run,             // something failed while producing the pack
    locked,          // another run holds the lock
};

class PirpackError : public std::runtime_error {
public:
    PirpackError(ErrorKind kind, std::string message, SourceLocation location = {},
                 std::string hint = {})
        : std::runtime_error(std::move(message)),
          kind_(kind),
          location_(std::move(location)),
          hint_(std::move(hint)) {}

    ErrorKind kind() const { return kind_; }
    const SourceLocation& location() const { return location_; }
    const std::string& hint() const { return hint_; }

private:
    ErrorKind kind_;
    SourceLocation location_;
    std::string hint_;
};

}  // namespace pirpack::common
