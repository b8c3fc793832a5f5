// The run's log file (settings log.file and log.level), through Poco's logging with rotation.
// Only aggregates go in it (counts, timings, file names), never a value from an extract.
#pragma once

#include <memory>
#include <ostream>
#include <streambuf>
#include <string>

#include "config/settings.hpp"

namespace pirpack::cli {

class RunLog {
public:
    // No log file set: every call does nothing.
    explicit RunLog(const config::Settings& settings);
    ~RunLog();
    RunLog(const RunLog&) = delete;
    RunLog& operator=(const RunLog&) = delete;

    void information(const std::string& text);
    void warning(const std::string& text);
    void error(const std::string& text);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// A stream buffer that passes everything to `out` and each complete line to the log, so what a
// run tells its console is what its log records.
class LogTee : public std::streambuf {
public:
    LogTee(std::ostream& out, RunLog& log, bool errors) : out_(out), log_(log), errors_(errors) {}
    ~LogTee() override;

protected:
    int overflow(int c) override;

private:
    std::ostream& out_;
    RunLog& log_;
    bool errors_;
    std::string line_;
};

}  // namespace pirpack::cli
