#include "cli/run_log.hpp"

#include <Poco/AutoPtr.h>
#include <Poco/File.h>
#include <Poco/FileChannel.h>
#include <Poco/FormattingChannel.h>
#include <Poco/Logger.h>
#include <Poco/Path.h>
#include <Poco/PatternFormatter.h>

#include "common/errors.hpp"

namespace pirpack::cli {

struct RunLog::Impl {
    Poco::Logger* logger = nullptr;
};

RunLog::RunLog(const config::Settings& settings) : impl_(std::make_unique<Impl>()) {
    if (settings.log_file.empty()) return;
    try {
        Poco::Path parent = Poco::Path(settings.log_file).parent();
        if (!parent.toString().empty()) Poco::File(parent).createDirectories();
        Poco::AutoPtr<Poco::FileChannel> file(new Poco::FileChannel(settings.log_file));
        // A month of nightly runs is a few kilobytes; rotate at 10 MB and keep ten old files.
        file->setProperty("rotation", "10 M");
        file->setProperty("archive", "number");
        file->setProperty("purgeCount", "10");
        Poco::AutoPtr<Poco::PatternFormatter> pattern(new Poco::PatternFormatter("%Y-%m-%d %H:%M:%S %p [%P] %t"));
        pattern->setProperty("times", "local");
        Poco::AutoPtr<Poco::FormattingChannel> channel(new Poco::FormattingChannel(pattern, file));
        impl_->logger = &Poco::Logger::get("pirpack");
        impl_->logger->setChannel(channel);
        impl_->logger->setLevel(settings.log_level);
    } catch (const Poco::Exception& failure) {
        throw common::PirpackError(common::ErrorKind::configuration, "cannot open the log file: " + failure.displayText(),
                                   {settings.log_file, "", 0, 0, ""}, "check log.file in the settings and its folder's permissions");
    }
}

RunLog::~RunLog() = default;

void RunLog::information(const std::string& text) {
    if (impl_->logger) impl_->logger->information(text);
}

void RunLog::warning(const std::string& text) {
    if (impl_->logger) impl_->logger->warning(text);
}

void RunLog::error(const std::string& text) {
    if (impl_->logger) impl_->logger->error(text);
}

LogTee::~LogTee() {
    if (!line_.empty()) (errors_ ? log_.error(line_) : log_.information(line_));
}

int LogTee::overflow(int c) {
    if (c == traits_type::eof()) return traits_type::not_eof(c);
    out_.put(static_cast<char>(c));
    if (c == '\n') {
        std::string text = line_;
        size_t start = text.find_first_not_of(' ');
        text = start == std::string::npos ? std::string() : text.substr(start);
        if (!text.empty()) (errors_ ? log_.error(text) : log_.information(text));
        line_.clear();
    } else {
        line_.push_back(static_cast<char>(c));
    }
    return c;
}

}  // namespace pirpack::cli
