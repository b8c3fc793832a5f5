// One run at a time per outputs folder: an advisory lock on OUTPUTS/pirpack.lock, which the
// kernel releases when the process ends however it ends, so a crashed run never blocks the next.
#pragma once

#include <string>

namespace pirpack::publish {

class RunLock {
public:
    // Takes the lock or throws common::PirpackError (locked) naming the holder's pid and start
    // time. Never waits: cron's next run is the retry.
    explicit RunLock(const std::string& outputs_dir);
    ~RunLock();
    RunLock(const RunLock&) = delete;
    RunLock& operator=(const RunLock&) = delete;

    const std::string& path() const { return path_; }

private:
    std::string path_;
    int fd_ = -1;
};

}  // namespace pirpack::publish
