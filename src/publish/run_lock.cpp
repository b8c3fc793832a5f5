#include "publish/run_lock.hpp"

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/File.h>
#include <Poco/Path.h>
#include <Poco/Timestamp.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>

#include "common/errors.hpp"

namespace pirpack::publish {

namespace {

// The holder writes its note just after it takes the lock, so a run that lost the race by a few
// microseconds can read an empty note or the last holder's. A note is believed once it names a
// process that is alive; until then (for at most half a second) it is read again.
std::string read_holder(int fd) {
    std::string text;
    for (int attempt = 0; attempt < 50; ++attempt) {
        char holder[256] = {0};
        ssize_t count = ::pread(fd, holder, sizeof holder - 1, 0);
        text = count > 0 ? std::string(holder, static_cast<size_t>(count)) : std::string();
        if (auto end = text.find('\n'); end != std::string::npos) text.resize(end);
        if (text.rfind("pid ", 0) == 0) {
            const long pid = std::strtol(text.c_str() + 4, nullptr, 10);
            if (pid > 0 && (::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM)) return text;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return text.empty() ? std::string("an unknown process") : text;
}

}  // namespace

RunLock::RunLock(const std::string& outputs_dir) {
    Poco::File(outputs_dir).createDirectories();
    path_ = Poco::Path(Poco::Path(outputs_dir).makeDirectory(), "pirpack.lock").toString();
    fd_ = ::open(path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0)
        throw common::PirpackError(common::ErrorKind::run, std::string("cannot open the run lock: ") + std::strerror(errno),
                                   {path_, "", 0, 0, ""}, "check that pirpack may write to the outputs folder");
    if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
        const std::string text = read_holder(fd_);
        ::close(fd_);
        fd_ = -1;
        throw common::PirpackError(common::ErrorKind::locked, "another run is in progress: " + text,
                                   {path_, "", 0, 0, ""},
                                   "wait for it to finish; the lock is released when that process ends");
    }
    // Say who holds it, for the message a second run prints.
    std::string holder = "pid " + std::to_string(::getpid()) + ", started " +
                         Poco::DateTimeFormatter::format(Poco::Timestamp(), Poco::DateTimeFormat::ISO8601_FORMAT) + "\n";
    // Written over the last note and then cut to length, so the file is never empty in between.
    if (::pwrite(fd_, holder.data(), holder.size(), 0) < 0 || ::ftruncate(fd_, static_cast<off_t>(holder.size())) != 0) {
        // The lock itself is held; only the courtesy note failed.
    }
}

RunLock::~RunLock() {
    if (fd_ >= 0) ::close(fd_);  // closing releases the lock
}

}  // namespace pirpack::publish
