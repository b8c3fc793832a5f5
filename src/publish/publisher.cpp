#include "publish/publisher.hpp"

#include <fcntl.h>
#include <stdio.h>  // renameat2 (glibc 2.28+)
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <system_error>

#include "common/errors.hpp"
#include "common/fault_point.hpp"

namespace pirpack::publish {

namespace fs = std::filesystem;

namespace {

using common::ErrorKind;
using common::PirpackError;

constexpr const char* marker_name = ".pirpack-run";
constexpr const char* outputs_hint = "check the free space and permissions of the outputs folder";

std::string join(const std::string& dir, const std::string& name) { return (fs::path(dir) / name).string(); }

struct PeriodPaths {
    std::string final_dir, staging, previous, discard;
};

PeriodPaths paths_of(const std::string& outputs_dir, const std::string& period) {
    return {join(outputs_dir, period), join(outputs_dir, "." + period + ".staging"),
            join(outputs_dir, "." + period + ".previous"), join(outputs_dir, "." + period + ".discard")};
}

[[noreturn]] void fail(const std::string& what, const std::string& path, int error) {
    throw PirpackError(ErrorKind::run, what + ": " + std::strerror(error), {path, "", 0, 0, ""}, outputs_hint);
}

bool is_directory(const std::string& path) {
    std::error_code error;
    return fs::is_directory(path, error);
}

// fsync on a file or a folder, so a rename that follows cannot reach the disk before what it names.
void sync_path(const std::string& path, bool directory) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | (directory ? O_DIRECTORY : 0));
    if (fd < 0) fail("cannot open to sync", path, errno);
    const int result = ::fsync(fd);
    const int error = errno;
    ::close(fd);
    if (result != 0) fail("cannot sync", path, error);
}

void sync_tree(const std::string& dir) {
    for (const auto& entry : fs::directory_iterator(dir))
        if (entry.is_regular_file()) sync_path(entry.path().string(), false);
    sync_path(dir, true);
}

void move_path(const std::string& from, const std::string& to) {
    if (::rename(from.c_str(), to.c_str()) != 0) fail("cannot rename " + from + " to " + to, to, errno);
}

// Swaps two folders in one step (Linux 3.15+, on ext4, xfs, btrfs, tmpfs and most local
// filesystems). False when the filesystem cannot, and then nothing has changed.
bool exchange_paths(const std::string& a, const std::string& b) {
    if (::renameat2(AT_FDCWD, a.c_str(), AT_FDCWD, b.c_str(), RENAME_EXCHANGE) == 0) return true;
    if (errno == EINVAL || errno == ENOSYS || errno == ENOTSUP) return false;
    fail("cannot swap " + a + " with " + b, b, errno);
}

void remove_tree(const std::string& path) {
    std::error_code error;
    fs::remove_all(path, error);
    if (error) fail("cannot delete " + path, path, error.value());
}

// Deletes a pack by first renaming it to the period's discard folder: a delete cut short by a
// kill then leaves a folder that is plainly rubbish, never a pack with some files missing.
void discard_path(const std::string& path, const std::string& discard) {
    if (!fs::exists(fs::symlink_status(path))) return;
    remove_tree(discard);
    move_path(path, discard);
    remove_tree(discard);
}

std::optional<PackRun> read_marker(const std::string& dir) {
    std::ifstream in(join(dir, marker_name));
    if (!in) return std::nullopt;
    PackRun run;
    std::string line;
    bool has_id = false;
    while (std::getline(in, line)) {
        const auto equals = line.find('=');
        if (equals == std::string::npos) continue;
        const std::string key = line.substr(0, equals), value = line.substr(equals + 1);
        if (key == "run_id") {
            run.run_id = std::strtol(value.c_str(), nullptr, 10);
            has_id = run.run_id > 0;
        } else if (key == "period") {
            run.period = value;
        } else if (key == "as_of") {
            run.as_of = value;
        } else if (key == "programme") {
            run.programme = value;
        }
    }
    if (!has_id) return std::nullopt;
    return run;
}

bool has_manifest(const std::string& dir) {
    std::error_code error;
    return fs::is_regular_file(join(dir, "manifest.json"), error);
}

// What a folder holds, as far as recovery is concerned.
struct Holding {
    enum Kind { nothing, uncommitted, legacy, committed } kind = nothing;
    long run_id = 0;
};

// A pack from before markers (it has a manifest and no .pirpack-run) was published by a version
// that committed the store before renaming, so it counts as committed, below any marked pack. A
// staging folder without a marker is never a pack.
Holding holding_of(const std::string& dir, const std::string& period, bool legacy_allowed,
                   const CommittedCheck& committed) {
    if (!is_directory(dir)) return {};
    if (auto run = read_marker(dir)) {
        if (run->period == period && committed(*run)) return {Holding::committed, run->run_id};
        return {Holding::uncommitted, run->run_id};
    }
    if (legacy_allowed && has_manifest(dir)) return {Holding::legacy, 0};
    return {};
}

bool better(const Holding& a, const Holding& b) {
    if (a.kind != b.kind) return a.kind > b.kind;
    return a.run_id > b.run_id;
}

std::string describe(const Holding& holding) {
    if (holding.kind == Holding::legacy) return "the previous pack";
    return "the pack of run " + std::to_string(holding.run_id);
}

// One period: returns what it did, or "" when there was nothing to put right.
std::string recover_period(const std::string& outputs_dir, const std::string& period, const CommittedCheck& committed) {
    const PeriodPaths paths = paths_of(outputs_dir, period);
    const bool had_discard = is_directory(paths.discard);
    remove_tree(paths.discard);
    if (!is_directory(paths.staging) && !is_directory(paths.previous))
        return had_discard ? period + ": finished deleting a replaced pack" : "";

    // Ties go to the folder earlier in this list: the published one first.
    struct Candidate {
        const std::string* path;
        Holding holding;
    };
    Candidate candidates[] = {{&paths.final_dir, holding_of(paths.final_dir, period, true, committed)},
                              {&paths.previous, holding_of(paths.previous, period, true, committed)},
                              {&paths.staging, holding_of(paths.staging, period, false, committed)}};
    const Candidate* winner = nullptr;
    for (const auto& candidate : candidates)
        if (candidate.holding.kind >= Holding::legacy && (!winner || better(candidate.holding, winner->holding)))
            winner = &candidate;
    std::string said;
    const Holding& current = candidates[0].holding;
    if (winner == &candidates[0]) {
        said = period + ": kept " + describe(current) + "; deleted what a killed run left beside it";
    } else if (winner) {
        const std::string& from = *winner->path;
        if (!is_directory(paths.final_dir))
            move_path(from, paths.final_dir);
        else if (exchange_paths(from, paths.final_dir))
            discard_path(from, paths.discard);  // now the uncommitted pack
        else {
            discard_path(paths.final_dir, paths.discard);
            move_path(from, paths.final_dir);
        }
        said = period + ": put back " + describe(winner->holding) + (current.kind == Holding::uncommitted
                                                                          ? "; run " + std::to_string(current.run_id) +
                                                                                " was killed before the store recorded it"
                                                                          : "; a run was killed while swapping it");
    } else if (current.kind == Holding::uncommitted) {
        discard_path(paths.final_dir, paths.discard);
        said = period + ": removed the pack of run " + std::to_string(current.run_id) +
               ", killed before the store recorded it (there was no pack before it)";
    } else {
        said = period + ": deleted the staging folder of a killed run";
    }
    discard_path(paths.staging, paths.discard);
    discard_path(paths.previous, paths.discard);
    sync_path(outputs_dir, true);
    return said;
}

}  // namespace

std::vector<std::string> recover_outputs(const std::string& outputs_dir, const CommittedCheck& committed) {
    std::vector<std::string> said;
    if (!is_directory(outputs_dir)) return said;
    static const std::regex leftover(R"(\.(\d{4}-\d{2})\.(staging|previous|discard))");
    std::set<std::string> periods;
    for (const auto& entry : fs::directory_iterator(outputs_dir)) {
        std::smatch match;
        const std::string name = entry.path().filename().string();
        if (std::regex_match(name, match, leftover)) periods.insert(match[1]);
    }
    for (const auto& period : periods)
        if (std::string line = recover_period(outputs_dir, period, committed); !line.empty()) said.push_back(line);
    return said;
}

Publisher::Publisher(std::string outputs_dir, std::string period)
    : outputs_dir_(std::move(outputs_dir)), period_(std::move(period)) {
    staging_dir_ = paths_of(outputs_dir_, period_).staging;
    remove_tree(staging_dir_);
    std::error_code error;
    fs::create_directories(staging_dir_, error);
    if (error) fail("cannot create the staging folder", staging_dir_, error.value());
}

Publisher::~Publisher() {
    if (swapped_) return;
    std::error_code error;
    fs::remove_all(staging_dir_, error);  // if this fails, the next run's recover_outputs() clears it
}

void Publisher::mark_run(const PackRun& run) {
    const std::string path = join(staging_dir_, marker_name);
    std::ofstream out(path, std::ios::binary);
    out << "run_id=" << run.run_id << "\nperiod=" << run.period << "\nas_of=" << run.as_of
        << "\nprogramme=" << run.programme << "\n";
    out.close();
    if (!out) throw PirpackError(ErrorKind::run, "writing " + std::string(marker_name) + " failed", {path, "", 0, 0, ""},
                                 outputs_hint);
}

std::string Publisher::staging_file(const std::string& name) const { return join(staging_dir_, name); }

std::string Publisher::final_dir() const { return paths_of(outputs_dir_, period_).final_dir; }

void Publisher::swap_in() {
    const PeriodPaths paths = paths_of(outputs_dir_, period_);
    // Every byte on disk before the rename that makes it the pack: a crash of the machine, not
    // only of the process, then cannot leave a pack of empty files.
    sync_tree(staging_dir_);
    common::fault_point("publish: pack synced, not yet swapped in");
    if (is_directory(paths.final_dir)) {
        if (exchange_paths(paths.staging, paths.final_dir)) {
            swapped_ = true;  // the previous pack is now in the staging folder
        } else {
            move_path(paths.final_dir, paths.previous);
            swapped_ = true;
            common::fault_point("publish: previous pack moved aside, new pack not yet in place");
            move_path(paths.staging, paths.final_dir);
        }
    } else {
        // An empty previous folder says "there was no pack": if the store never commits this
        // run, recovery removes the new pack rather than leave one the history knows nothing of.
        std::error_code error;
        fs::create_directory(paths.previous, error);
        if (error) fail("cannot create " + paths.previous, paths.previous, error.value());
        sync_path(outputs_dir_, true);
        swapped_ = true;
        move_path(paths.staging, paths.final_dir);
    }
    sync_path(outputs_dir_, true);
}

std::string Publisher::discard_previous() {
    const PeriodPaths paths = paths_of(outputs_dir_, period_);
    try {
        discard_path(paths.staging, paths.discard);
        discard_path(paths.previous, paths.discard);
        sync_path(outputs_dir_, true);
    } catch (const PirpackError& failure) {
        return failure.what();
    }
    return "";
}

}  // namespace pirpack::publish
