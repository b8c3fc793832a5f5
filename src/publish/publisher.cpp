#include "publish/publisher.hpp"

#include <Poco/Exception.h>
#include <Poco/File.h>
#include <Poco/Path.h>

#include <cstdio>

#include "common/errors.hpp"

namespace pirpack::publish {

namespace {

std::string join(const std::string& dir, const std::string& name) {
    return Poco::Path(Poco::Path(dir).makeDirectory(), name).toString();
}

}  // namespace

Publisher::Publisher(std::string outputs_dir, std::string period)
    : outputs_dir_(std::move(outputs_dir)), period_(std::move(period)) {
    staging_dir_ = join(outputs_dir_, "." + period_ + ".staging");
    Poco::File staging(staging_dir_);
    if (staging.exists()) staging.remove(true);
    staging.createDirectories();
}

Publisher::~Publisher() {
    if (published_) return;
    try {
        Poco::File(staging_dir_).remove(true);
    } catch (...) {
        // Nothing useful to do in a destructor; the next run clears it.
    }
}

std::string Publisher::staging_file(const std::string& name) const { return join(staging_dir_, name); }

std::string Publisher::final_dir() const { return join(outputs_dir_, period_); }

void Publisher::publish() {
    const std::string target = final_dir();
    const std::string previous = join(outputs_dir_, "." + period_ + ".previous");
    try {
        Poco::File old(previous);
        if (old.exists()) old.remove(true);
        Poco::File current(target);
        // Two renames: the old pack is moved aside, the new one takes its place, and only then
        // is the old one deleted, so a crash between them leaves one whole pack or the other.
        if (current.exists()) current.renameTo(previous);
        Poco::File(staging_dir_).renameTo(target);
        published_ = true;
        if (Poco::File(previous).exists()) Poco::File(previous).remove(true);
    } catch (const Poco::Exception& failure) {
        throw common::PirpackError(common::ErrorKind::run, "publishing the pack failed: " + failure.displayText(),
                                   {target, "", 0, 0, ""}, "check that pirpack may write to the outputs folder");
    }
}

}  // namespace pirpack::publish
