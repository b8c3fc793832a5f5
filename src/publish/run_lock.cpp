#include "publish/run_lock.hpp"

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/File.h>
#include <Poco/Path.h>
#include <Poco/Timestamp.h>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "common/errors.hpp"

namespace pirpack::publish {

RunLock::RunLock(const std::string& outputs_dir) {
    Poco::File(outputs_dir).createDirectories();
    path_ = Poco::Path(Poco::Path(outputs_dir).makeDirectory(), "pirpack.lock").toString();
    fd_ = ::open(path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0)
        throw common::PirpackError(common::ErrorKind::run, std::string("cannot open the run lock: ") + std::strerror(errno),
                                   {path_, "", 0, 0, ""}, "check that pirpack may write to the outputs folder");
    if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
        char holder[256] = {0};
        ssize_t count = ::pread(fd_, holder, sizeof holder - 1, 0);
        std::string text = count > 0 ? std::string(holder, static_cast<size_t>(count)) : std::string("an unknown process");
        while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
        ::close(fd_);
        fd_ = -1;
        throw common::PirpackError(common::ErrorKind::locked, "another run is in progress: " + text,
                                   {path_, "", 0, 0, ""},
                                   "wait for it to finish; the lock is released when that process ends");
    }
    // Say who holds it, for the message a second run prints.
    std::string holder = "pid " + std::to_string(::getpid()) + ", started " +
                         Poco::DateTimeFormatter::format(Poco::Timestamp(), Poco::DateTimeFormat::ISO8601_FORMAT) + "\n";
    if (::ftruncate(fd_, 0) != 0 || ::pwrite(fd_, holder.data(), holder.size(), 0) < 0) {
        // The lock itself is held; only the courtesy note failed.
    }
}

RunLock::~RunLock() {
    if (fd_ >= 0) ::close(fd_);  // closing releases the lock
}

}  // namespace pirpack::publish
