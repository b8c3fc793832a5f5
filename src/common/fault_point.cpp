#include "common/fault_point.hpp"

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <string>

namespace pirpack::common {

namespace {

struct FaultSettings {
    long kill_at = 0;  // 0: never
    bool list = false;
};

const FaultSettings& fault_settings() {
    static const FaultSettings settings = [] {
        FaultSettings read;
        if (const char* at = std::getenv("PIRPACK_FAULT_POINT")) read.kill_at = std::strtol(at, nullptr, 10);
        if (const char* list = std::getenv("PIRPACK_FAULT_LIST")) read.list = *list && std::strcmp(list, "0") != 0;
        return read;
    }();
    return settings;
}

std::atomic<long> points_passed{0};

}  // namespace

bool fault_points_enabled() {
    const FaultSettings& settings = fault_settings();
    return settings.kill_at > 0 || settings.list;
}

void fault_point(const char* name) {
    const FaultSettings& settings = fault_settings();
    if (settings.kill_at <= 0 && !settings.list) return;
    const long number = ++points_passed;
    if (settings.list) {
        // One write() per line, so lines from evaluation threads never interleave; this is a test
        // hook, not output, hence straight to the descriptor rather than through a diagnostics sink.
        const std::string line = "fault point " + std::to_string(number) + ": " + name + "\n";
        [[maybe_unused]] ssize_t written = ::write(STDERR_FILENO, line.data(), line.size());
    }
    if (number == settings.kill_at) ::raise(SIGKILL);
}

}  // namespace pirpack::common
